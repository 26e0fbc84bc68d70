"""The player's code panel follows the lit line: a window of the file that always holds it."""
import re
from dataclasses import replace
from pathlib import Path

import pytest

from frames_fixture import FakeProgram, FakeTrace, ping_pong_trace
from gostep.views.code import code_panel, code_window, current_line, focus_line
from gostep.widgets import Player
from gostep.widgets.player import CODE_WINDOW

ROOT = Path(__file__).resolve().parents[2]
PAD = 60


def _long_trace():
    """The ping-pong fixture inside a 150-line file: 60 comment lines before it and 60 after."""
    tr = ping_pong_trace()
    src = "".join(f"// padding {i}\n" for i in range(PAD)) + tr.program.source + \
        "".join(f"// tail {i}\n" for i in range(PAD))
    frames = []
    for f in tr.frames:
        gs = tuple(replace(g, line=g.line + PAD if g.line else 0,
                           lines=tuple(ln + PAD if ln else 0 for ln in g.lines)) for g in f.gs)
        frames.append(replace(f, gs=gs))
    return FakeTrace(FakeProgram("long_ping_pong.go", src), frames, dict(tr.settings))


def _shown(html: str) -> tuple:
    """(rendered line numbers, the lit line or None, names in the 'elsewhere' header)."""
    lines = [int(x) for x in re.findall(r'<tr class="gs-line[^"]*" data-line="(\d+)"', html)]
    lit = re.findall(r'data-line="(\d+)" aria-current="step"', html)
    head = html.split("<table", 1)[0]
    return lines, int(lit[0]) if lit else None, set(re.findall(r'data-g="(G\d+)"', head))


def _check_every_frame(p: Player):
    n_lines = len(p.src.splitlines())
    for k in range(p.index.n):
        p.step = k
        f = p.frame()
        lines, lit, elsewhere = _shown(p.code.value)
        assert len(lines) == min(CODE_WINDOW, n_lines) and lines == list(range(lines[0], lines[-1] + 1))
        cur = current_line(f)
        if cur:
            assert lit == cur and lines[0] <= cur <= lines[-1], (k, cur, lines[0], lines[-1])
        focus = focus_line(f)
        if focus:
            assert lines[0] <= focus <= lines[-1]
        for g in f.gs:            # every live G is in the window or named in the header
            if g.status != "dead" and g.line and not lines[0] <= g.line <= lines[-1]:
                assert f"G{g.gid}" in elsewhere, (k, g.gid, g.line)
        assert f"lines {lines[0]}&ndash;{lines[-1]} of {n_lines}" in p.code.value
        assert p.code.value in p.html      # the one widget value holds the panel


def test_window_holds_the_lit_line_on_every_frame_of_a_long_file():
    """In a 150-line file, every frame's lit line is inside the rendered window of the panel."""
    p = Player(_long_trace(), simulate=None)
    _check_every_frame(p)


def test_window_holds_the_lit_line_on_a_real_trace():
    """On a real stepper trace of a 70-line corpus program, the lit line is always in the window."""
    gs = pytest.importorskip("gostep")
    try:
        tr = gs.simulate(gs.load(str(ROOT / "course/programs/spin_timeout.go")), gomaxprocs=1)
    except (ImportError, AttributeError) as e:     # the stepper is not in this checkout
        pytest.skip(f"gostep.simulate unavailable: {e}")
    p = Player(tr, simulate=None)
    assert len(p.src.splitlines()) > CODE_WINDOW + 4
    _check_every_frame(p)


def test_whole_file_toggle_shows_every_line_and_back_gives_the_same_window():
    """The toggle renders every line; stepping forward then back shows the same window again."""
    p = Player(_long_trace(), simulate=None)
    p.step = 9
    before = p.code.value
    p.whole = True
    lines, lit, _ = _shown(p.code.value)
    assert lines == list(range(1, 2 * PAD + 33)) and lit == 10 + PAD
    assert "lines " not in p.code.value.split("<table", 1)[0]
    p.whole = False
    assert p.code.value == before
    p.fwd.click()
    p.back.click()
    assert p.code.value == before


def test_code_window_pages_and_bounds():
    """Windows move in half-window pages, keep a quarter window of context, and stay in the file."""
    assert code_window(20, 15, 24) == (1, 20)          # fits: the whole file
    assert code_window(100, 1, 16) == (1, 16)
    assert code_window(100, 12, 16) == (1, 16)
    assert code_window(100, 13, 16) == (9, 24)
    assert code_window(100, 100, 16) == (85, 100)
    for n in (30, 75, 200):
        for line in range(1, n + 1):
            a, b = code_window(n, line, 16)
            assert b - a == 15 and 1 <= a and b <= n and a <= line <= b
            if 4 < line <= n - 4:
                assert a + 4 <= line <= b - 4, (n, line, a, b)


def test_code_panel_without_window_is_the_whole_file():
    """code_panel without window= renders every line, with no window header (the exported page)."""
    tr = _long_trace()
    html = code_panel(tr.program.source, tr.frame(9), name="x.go")
    assert len(_shown(html)[0]) == 2 * PAD + 32 and "gs-window" not in html


def test_a_step_without_a_line_shows_main_not_the_file_header():
    """On a step with no G of its own (g0, sysmon), the window shows the first live G's line."""
    tr = _long_trace()
    f = tr.frame(9)
    g0_step = replace(f, event=replace(f.event, gid=-1),
                      gs=tuple(replace(g, status="waiting") if g.status == "running" else g
                               for g in f.gs))
    assert current_line(g0_step) == 0
    first = min((g for g in g0_step.gs if g.line and g.status != "dead"), key=lambda g: g.gid)
    assert focus_line(g0_step) == first.line
    lines, _lit, _ = _shown(code_panel(tr.program.source, g0_step, window=16))
    assert lines[0] <= first.line <= lines[-1] and lines[0] > 1


def test_code_panel_hides_the_recorded_results_header():
    """A course program's header (its gostep:case blocks: what real Go printed) is not in the
    code panel, and the lines keep the file's numbers."""
    from gostep.views.code import code_panel, recorded_header_lines
    src = ("// A demo.\n//\n// gostep:case name=default\n// gostep:stdout\n//   secret answer 42\n"
           "// gostep:end\n\npackage main\n\nfunc main() {}\n")
    html = code_panel(src, None, name="x.go")
    assert "secret answer 42" not in html
    assert 'data-line="8"' in html and 'data-line="5"' not in html
    assert recorded_header_lines(src.splitlines()) == 7
    # An ordinary leading comment is code, shown from line 1.
    plain = "// Package main does things.\npackage main\n\nfunc main() {}\n"
    assert recorded_header_lines(plain.splitlines()) == 0
    assert 'data-line="1"' in code_panel(plain, None)
