"""The course contract for every chapter: parts and tags, stored executed outputs, solutions pass.

The contract (course/STYLE.md): every chapter notebook has the tagged parts objectives, predict,
real-go, myth, exercise, check, solution and key-points; every cell has slide metadata; every code
cell was stored executed, without errors and without paths of the machine that ran it; and every
solution cell, run through its check, passes.
"""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
COURSE = REPO / "course"
# Every numbered chapter notebook, in reading order (the first three must exist).
CHAPTERS = sorted(p.name for p in COURSE.glob("[0-9][0-9]_*.ipynb"))
assert CHAPTERS[:3] == ["00_start_here.ipynb", "01_three_traps.ipynb", "02_scheduler_g0_sysmon.ipynb"]
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


# -- honest predictions ------------------------------------------------------------------------
#
# Each predict cell carries, in its metadata, the key text of its answer:
#     "gostep": {"answer_key": ["4 goroutines", "parked in chan send"]}
# The strings are what would give the answer away if a reader saw them before answering: the
# number or phrase of the right option, the output line that settles it, a program comment that
# states the outcome. None of them may appear in a source or an output shown above the predict
# cell, in its chapter or in an earlier one (a reader has read those).

def _shown_text(cell) -> str:
    parts = [_src(cell)]
    parts += [_text(o) for o in cell.get("outputs", [])]
    return "\n".join(parts)


def _predict_cells():
    seen_before = []          # (chapter, index, text) of every cell a reader has seen so far
    out = []
    for name in CHAPTERS:
        nb = _load(name)
        for i, c in enumerate(nb["cells"]):
            if "predict" in _tags(c):
                keys = c["metadata"].get("gostep", {}).get("answer_key")
                out.append((name, i, keys, list(seen_before)))
            seen_before.append((name, i, _shown_text(c)))
    return out


def _shown_program_text(text: str) -> str:
    """Course programs a cell shows from their files count as shown text too: what each
    `gsc.show_source(...)` call of the cell displays (its header of recorded results is hidden
    unless header=True; lines=(a, b) shows a range), evaluated as the cell would."""
    import gostep.course as gsc
    shown = []
    for m in re.finditer(r"show_source\(([^()]*(?:\([^()]*\)[^()]*)*)\)", text):
        try:
            src = eval(f"gsc.show_source({m.group(1)})", {"gsc": gsc})   # noqa: S307 (our notebooks)
        except Exception:
            stem = re.match(r'\s*"([A-Za-z0-9_]+)"', m.group(1))
            p = COURSE / "programs" / f"{stem.group(1)}.go" if stem else None
            src = p.read_text() if p is not None and p.is_file() else ""
        shown.append(src if isinstance(src, str) else src.code)
    return "\n".join(shown)


def test_every_predict_cell_names_its_answer_key():
    """Every predict cell says, in metadata gostep.answer_key, which text would give its answer away."""
    cells = _predict_cells()
    assert cells
    for name, i, keys, _ in cells:
        assert keys and all(isinstance(k, str) and k.strip() for k in keys), \
            f"{name} cell {i}: predict cell without metadata gostep.answer_key"


def test_nothing_above_a_predict_cell_gives_its_answer_away():
    """No source, output or shown program above a predict cell (this chapter or an earlier one)
    contains the key text of its answer."""
    for name, i, keys, before in _predict_cells():
        for k in keys or ():
            for chap, j, text in before:
                hay = text + "\n" + _shown_program_text(text)
                assert k not in hay, (f"{name} predict cell {i}: its answer key {k!r} is shown "
                                       f"above it, in {chap} cell {j}")


# -- checks are tested against wrong answers ---------------------------------------------------
#
# Each chapter's check tests (tests/course/test_course_ch*_checks.py) define
#     WRONG_ANSWERS = {"check_no_leak": [("label", answer), ...], ...}
# and assert that every entry is refused. Here: every check a chapter's check cell calls has at
# least four of them.

def _wrong_answer_registry() -> dict:
    import importlib.util
    reg = {}
    for path in sorted((REPO / "tests").rglob("test_course_ch*_checks.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        for k, v in getattr(mod, "WRONG_ANSWERS", {}).items():
            reg.setdefault(k, []).extend(v)
    return reg


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_check_is_tested_against_four_wrong_answers(name):
    """Every check function a chapter's check cells call is fed at least four wrong answers in tests."""
    nb = _load(name)
    reg = _wrong_answer_registry()
    called = set()
    for c in nb["cells"]:
        if "check" in _tags(c):
            called |= set(re.findall(r"gsc\.(check_\w+)\(", _src(c)))
    assert called, f"{name} has no check cell calling a gsc.check_* function"
    for fn in sorted(called):
        assert len(reg.get(fn, [])) >= 4, f"{name}: {fn} has {len(reg.get(fn, []))} wrong answers in tests"


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_chapter_stores_a_static_picture(name):
    """Each chapter stores an SVG or PNG of its key moment, for readers without a kernel."""
    nb = _load(name)
    pics = [i for i, c in enumerate(nb["cells"]) for o in c.get("outputs", [])
            if any(m in o.get("data", {}) for m in ("image/svg+xml", "image/png"))]
    assert pics, f"{name} stores no picture"


# reveal.js themes that import web fonts from a CDN (RISE 0.43's bundle): a chapter presented
# offline must use another (tests/browser/test_browser_slides.py checks the requests).
WEB_FONT_THEMES = {"simple", "beige", "moon", "solarized", "night", "blood", "sky", "league"}


@pytest.mark.parametrize("name", CHAPTERS)
def test_slides_theme_loads_no_web_fonts(name):
    """Each chapter names a RISE theme (metadata rise.theme) that loads nothing from the network."""
    theme = _load(name)["metadata"].get("rise", {}).get("theme")
    assert theme and theme not in WEB_FONT_THEMES, f"{name}: rise.theme {theme!r}"
