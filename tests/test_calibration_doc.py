"""docs/calibration.md keeps up with the model's time constants (Cfg *_ns fields, default_costs).

The page is the evidence for every constant; these checks make a new constant, a new costed opcode
or a changed value fail here until the page says what it stands for and what supports it. A
constant is "named" when it appears in backticks; its table row starts with "| `name` | value |".
"""
from __future__ import annotations

import re

from gostep.core import defs

DOC = "docs/calibration.md"


def _doc(repo_root) -> str:
    return (repo_root / DOC).read_text(encoding="utf-8")


def _opcode_names(repo_root) -> dict[int, str]:
    """Opcode value -> name, read from isa.py: the NAME = N lines before NUM_OPS."""
    src = (repo_root / "lib" / "gostep" / "model" / "isa.py").read_text(encoding="utf-8")
    head = src[:src.index("\nNUM_OPS =")]
    return {int(v): k for k, v in re.findall(r"^([A-Z][A-Z0-9_]*) = (\d+)\b", head, re.M)}


def _time_fields():
    return [f for f in defs.Cfg._fields if f.endswith("_ns")]


def _costed_ops(repo_root) -> dict[str, int]:
    names = _opcode_names(repo_root)
    costs = defs.default_costs()
    return {names[i]: int(c) for i, c in enumerate(costs) if int(c) != 1}


def _row_value(doc: str, name: str):
    """The value cell of the table row "| `name` | value | ..." (an int, underscores allowed)."""
    m = re.search(r"^\|\s*`" + re.escape(name) + r"`\s*\|\s*([0-9_,]+)\s*(?:ns)?\s*\|", doc, re.M)
    return None if m is None else int(m.group(1).replace("_", "").replace(",", ""))


def test_opcode_names_cover_the_instruction_set(repo_root):
    """The isa.py reader finds a name for every opcode that default_costs() gives a cost other than 1."""
    names = _opcode_names(repo_root)
    costs = defs.default_costs()
    assert max(names) < len(costs)
    unnamed = [i for i, c in enumerate(costs) if int(c) != 1 and i not in names]
    assert unnamed == []


def test_doc_names_every_time_field_of_cfg(repo_root):
    """Every Cfg field ending in _ns appears in backticks on the calibration page."""
    doc = _doc(repo_root)
    fields = _time_fields()
    assert "wake_lat_ns" in fields
    missing = [f for f in fields if f"`{f}`" not in doc]
    assert missing == [], f"{DOC} does not name {missing}"


def test_doc_names_every_costed_opcode(repo_root):
    """Every opcode whose default cost is not 1 ns appears in backticks on the calibration page."""
    doc = _doc(repo_root)
    ops = _costed_ops(repo_root)
    assert "SEND" in ops and "GO" in ops
    missing = [op for op in ops if f"`{op}`" not in doc]
    assert missing == [], f"{DOC} does not name {missing}"


def test_doc_tables_state_the_current_values(repo_root):
    """Each time field and costed opcode has a table row whose value is the model's current one."""
    doc = _doc(repo_root)
    cfg = defs.Cfg()
    want = {f: getattr(cfg, f) for f in _time_fields()}
    want.update(_costed_ops(repo_root))
    wrong = {k: (_row_value(doc, k), v) for k, v in want.items() if _row_value(doc, k) != v}
    assert wrong == {}, f"{DOC} rows (page value, model value) out of date: {wrong}"
