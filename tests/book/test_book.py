"""The course's editions (gostep.book): the student edition and the offline site's page rules."""
from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from gostep.book import build_student, strip_solutions
from gostep.book.site import offline_problems
from gostep.book.student import is_instructor_note, is_solution

ROOT = Path(__file__).resolve().parents[2]
COURSE = ROOT / "course"
CHAPTERS = sorted(COURSE.glob("[0-9][0-9]_*.ipynb"))


def _src(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


@pytest.fixture(scope="module")
def student(tmp_path_factory):
    out = tmp_path_factory.mktemp("student")
    return out, build_student(COURSE, out)


def test_student_edition_has_every_chapter_and_the_programs(student):
    """Every chapter notebook and every course program is in the student edition."""
    out, written = student
    assert sorted(p.name for p in written) == [p.name for p in CHAPTERS]
    for prog in (COURSE / "programs").glob("*.go"):
        assert (out / "programs" / prog.name).read_text() == prog.read_text()
    assert not (out / "instructor").exists()


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_student_edition_has_no_solution_text(student, path):
    """No solution cell, none of a solution's code lines, and no instructor note is left."""
    out, _ = student
    orig = json.loads(path.read_text())
    kept = json.loads((out / path.name).read_text())
    assert not [c for c in kept["cells"] if is_solution(c) or is_instructor_note(c)]
    solutions = [c for c in orig["cells"] if is_solution(c)]
    assert solutions, f"{path.name} has no solution cell to strip"
    kept_text = "\n".join(_src(c) for c in kept["cells"])
    # Solution text is what only the solution cells say: a line the original also has outside its
    # solution cells (a template's `func worker(...) {`, the check call) is not solution text.
    others = {ln.strip() for c in orig["cells"] if not is_solution(c) for ln in _src(c).splitlines()}
    unique = [ln.strip() for c in solutions for ln in _src(c).splitlines()
              if len(ln.strip()) >= 12 and ln.strip() not in others]
    assert unique, f"{path.name}: its solutions say nothing the rest does not (the test would be vacuous)"
    kept_lines = {ln.strip() for ln in kept_text.splitlines()}
    for line in unique:
        assert line not in kept_lines, f"{path.name}: solution line left: {line!r}"
    assert len(kept["cells"]) == len(orig["cells"]) - len(solutions) - sum(
        is_instructor_note(c) for c in orig["cells"])


def _names(tree, ctx):
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ctx)}


def _assigned(src: str) -> set:
    try:
        tree = ast.parse(src)
    except SyntaxError:                       # a magic like %matplotlib inline
        tree = ast.parse("\n".join(ln for ln in src.splitlines() if not ln.lstrip().startswith("%")))
    out = _names(tree, ast.Store)
    for n in ast.walk(tree):
        if isinstance(n, (ast.Import, ast.ImportFrom)):
            out |= {(a.asname or a.name).split(".")[0] for a in n.names}
        if isinstance(n, (ast.FunctionDef, ast.ClassDef)):
            out.add(n.name)
    return out


def _loaded(src: str) -> set:
    src = "\n".join(ln for ln in src.splitlines() if not ln.lstrip().startswith("%"))
    return _names(ast.parse(src), ast.Load)


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_student_edition_uses_no_name_only_a_solution_defines(path):
    """No kept cell reads a name that only a (removed) solution cell assigns, so the student
    edition runs top to bottom as the original does."""
    nb = json.loads(path.read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    from_solutions = set().union(set(), *(_assigned(_src(c)) for c in code if is_solution(c)))
    from_kept = set().union(set(), *(_assigned(_src(c)) for c in code if not is_solution(c)))
    only = from_solutions - from_kept
    bad = {(i, n) for i, c in enumerate(code) if not is_solution(c) for n in _loaded(_src(c)) & only}
    assert not bad, f"{path.name}: kept cells use names only solutions define: {sorted(bad)}"


def test_strip_solutions_keeps_everything_else():
    """strip_solutions removes exactly the solution cells and instructor notes, in order."""
    cells = [{"cell_type": "markdown", "metadata": {}, "source": "a"},
             {"cell_type": "code", "metadata": {"tags": ["solution"]}, "source": "x = 1"},
             {"cell_type": "markdown", "metadata": {"slideshow": {"slide_type": "notes"}}, "source": "n"},
             {"cell_type": "code", "metadata": {"tags": ["check"]}, "source": "check(x)"}]
    nb = strip_solutions({"cells": cells, "metadata": {}})
    assert [c["source"] for c in nb["cells"]] == ["a", "check(x)"]
    assert len(cells) == 4                       # the input is not changed


@pytest.mark.slow
@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_student_edition_runs(student, path):
    """Each chapter's student edition executes top to bottom without an error (about 10 to 40 s
    each once the caches are warm)."""
    import nbformat
    from nbclient import NotebookClient
    out, _ = student
    nb = nbformat.read(out / path.name, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(out)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert not errors


def test_offline_problems_finds_what_would_load():
    """offline_problems flags scripts, styles, images and module imports from the network, and
    accepts plain links and inline content."""
    bad = ['<script src="https://cdn.example/x.js"></script>', '<link rel="stylesheet" href="//cdn/x.css">',
           '<img src="http://x/y.png">', '<script type="module">import m from "https://x/m.mjs";</script>',
           '<script>const m = await import("https://x/m.mjs")</script>', '<style>a{background:url(https://x/i.png)}</style>']
    for page in bad:
        assert offline_problems(page), page
    ok = '<a href="https://go.dev/blog/">blog</a><script>let a=1</script><img src="data:image/png;base64,AA">'
    assert offline_problems(ok) == []


def test_a_game_shows_its_picture_on_a_static_page():
    """Chapter 8's scheduler games keep their stored SVG on the site: the widget form, which a page
    without a kernel cannot draw, is dropped where a static form exists; players are untouched."""
    import nbformat
    from gostep.book.site import WIDGET_VIEW, _to_html, static_outputs
    node = nbformat.read(str(ROOT / "course" / "08_challenges.ipynb"), as_version=4)
    games = [c for c in node.cells if c.cell_type == "code" and "gsc.play(" in c.source]
    assert len(games) >= 3 and all(WIDGET_VIEW in c.outputs[0].data for c in games)
    assert static_outputs(node) >= len(games)
    assert all(WIDGET_VIEW not in c.outputs[0].data for c in games)
    page = _to_html(node, "8")
    assert page.count('class="gostep-frame"') >= len(games)
    assert "sysmon" in page and "widget-view+json" not in page
