"""The course contract for chapters 0-2: parts and tags, stored executed outputs, solutions pass.

The contract (course/STYLE.md): every chapter notebook has the tagged parts objectives, predict,
real-go, myth, exercise, check, solution and key-points; every cell has slide metadata; every code
cell was stored executed, without errors and without paths of the machine that ran it; and every
solution cell, run through its check, passes.
"""
from __future__ import annotations

import ast
import json
import os
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
COURSE = REPO / "course"
CHAPTERS = ["00_start_here.ipynb", "01_three_traps.ipynb", "02_scheduler_g0_sysmon.ipynb"]
REQUIRED_TAGS = ["objectives", "predict", "real-go", "myth", "exercise", "check", "solution",
                 "key-points"]
MACHINE_PATH = re.compile(r"(/work/|/tmp/|/root\b|/home/|/Users/|[A-Z]:\\\\)")


def _load(name):
    path = COURSE / name
    if not path.exists():
        pytest.skip(f"{name} is not in course/ yet")
    return json.loads(path.read_text())


def _tags(cell):
    return set(cell.get("metadata", {}).get("tags", []))


def _text(output) -> str:
    if "text" in output:
        t = output["text"]
        return t if isinstance(t, str) else "".join(t)
    parts = []
    for mime, v in output.get("data", {}).items():
        if mime.startswith("text/") or mime.endswith("json"):
            parts.append(v if isinstance(v, str) else json.dumps(v) if not isinstance(v, list) else "".join(v))
    return "\n".join(parts)


def _src(cell) -> str:
    s = cell["source"]
    return s if isinstance(s, str) else "".join(s)


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_has_every_tagged_part(name):
    """Each chapter has every tagged part of the course contract, objectives first."""
    nb = _load(name)
    tags = set().union(*(_tags(c) for c in nb["cells"]))
    missing = [t for t in REQUIRED_TAGS if t not in tags]
    assert not missing, f"{name} lacks {missing}"
    assert "objectives" in _tags(nb["cells"][0])


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_cell_has_slide_metadata(name):
    """Every cell says how it appears in the slides (slideshow.slide_type)."""
    nb = _load(name)
    bad = [i for i, c in enumerate(nb["cells"]) if "slide_type" not in c["metadata"].get("slideshow", {})]
    assert not bad, f"cells without slide_type in {name}: {bad}"
    assert any(c["metadata"]["slideshow"]["slide_type"] == "notes" for c in nb["cells"]), \
        f"{name} has no instructor notes"


@pytest.mark.parametrize("name", CHAPTERS)
def test_code_cells_stored_executed_without_errors(name):
    """Every code cell has an execution count, and no stored output is an error."""
    nb = _load(name)
    for i, c in enumerate(nb["cells"]):
        if c["cell_type"] != "code":
            continue
        assert c.get("execution_count") is not None, f"{name} cell {i} was not executed"
        assert not [o for o in c.get("outputs", []) if o.get("output_type") == "error"], \
            f"{name} cell {i} stored an error"


@pytest.mark.parametrize("name", CHAPTERS)
def test_no_machine_paths_in_outputs_or_sources(name):
    """No stored output or cell source holds a path of the machine that ran the notebook."""
    nb = _load(name)
    for i, c in enumerate(nb["cells"]):
        assert not MACHINE_PATH.search(_src(c)), f"{name} cell {i} source"
        for o in c.get("outputs", []):
            m = MACHINE_PATH.search(_text(o))
            assert not m, f"{name} cell {i} output contains {m.group(0)!r}"


@pytest.mark.parametrize("name", CHAPTERS)
def test_programs_come_from_files(name):
    """Programs are loaded from course/programs/ files that exist (never pasted as a second copy)."""
    nb = _load(name)
    for c in nb["cells"]:
        for rel in re.findall(r'"programs/([A-Za-z0-9_]+\.go)"', _src(c)):
            assert (COURSE / "programs" / rel).is_file(), rel
        for stem in re.findall(r'show_source\("([A-Za-z0-9_]+)"', _src(c)):
            assert (COURSE / "programs" / f"{stem}.go").is_file(), stem


def _run_cell(source: str, ns: dict):
    """Execute a cell's code; return the value of its last expression (as IPython would show it)."""
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<cell>", "exec"), ns)
    return eval(compile(ast.Expression(last.value), "<cell>", "eval"), ns) if last else None


def _solutions(name):
    nb = _load(name)
    out, check = [], None
    for i, c in enumerate(nb["cells"]):
        if "check" in _tags(c):
            check = _src(c)
        if "solution" in _tags(c):
            out.append((i, check, _src(c), c))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", CHAPTERS)
def test_every_solution_passes_its_check(name, monkeypatch):
    """Each solution cell, run after its check cell, returns a passing CheckResult (stored as PASS too)."""
    sols = _solutions(name)
    assert sols, f"{name} has no solution cell"
    monkeypatch.chdir(COURSE)
    import gostep as gs
    import gostep.course as gsc
    for i, check_src, sol_src, cell in sols:
        ns = {"gs": gs, "gsc": gsc}
        if check_src:
            _run_cell(check_src, ns)
        result = _run_cell(sol_src, ns)
        assert isinstance(result, gsc.CheckResult), f"{name} cell {i}: the last line must be a check"
        assert result.ok, f"{name} solution cell {i} fails its check:\n{result!r}"
        stored = "".join(_text(o) for o in cell.get("outputs", []))
        assert stored.startswith("PASS"), f"{name} solution cell {i} stored {stored[:80]!r}"
