"""Tests of the pure views on hand-made frames: graph, SVG, text dump, code panel, style."""
import re
import xml.etree.ElementTree as ET

import pytest

from frames_fixture import deadline_trace, ping_pong_trace
from gostep.views import Layout, code_panel, current_line, to_graph, to_svg, to_text
from gostep.views.style import DEFAULT

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def dl():
    return deadline_trace()


@pytest.fixture(scope="module")
def pp():
    return ping_pong_trace()


def _rect_of(svg: str, node_id: str):
    root = ET.fromstring(svg)
    for g in root.iter(f"{SVG}g"):
        if g.get("id") == f"gs-{node_id}":
            r = g.find(f"{SVG}rect")
            return tuple(float(r.get(k)) for k in ("x", "y", "width", "height"))
    return None


def test_graph_has_every_runtime_object(dl):
    """to_graph lists Ms, Ps, Gs, the global run queue, channels, timers, contexts and sysmon."""
    gr = to_graph(dl.frame(0))
    kinds = {d["kind"] for _, d in gr.nodes(data=True)}
    assert kinds >= {"M", "P", "G", "grq", "chan", "timer", "ctx", "sysmon"}
    assert {f"G{i}" for i in range(1, 7)} <= set(gr.nodes)
    assert gr.nodes["G1"]["status"] == "waiting" and gr.nodes["G1"]["wait_reason"] == "select"


def test_graph_edges_say_where_each_g_is(dl, pp):
    """Edges carry the M-P binding, runs, runnext, runq, globrunq, waits, timers and context links."""
    gr = to_graph(dl.frame(0))
    assert gr.edges["M0", "P0"]["kind"] == "holds"
    assert gr.edges["P0", "G4"]["kind"] == "runs"
    assert gr.edges["P0", "G5"]["kind"] == "runnext"
    assert gr.edges["G1", "chan#3"]["label"] == "select"
    assert gr.edges["timer#1", "ctx#2"]["kind"] == "targets"
    assert gr.edges["timer#2", "G6"]["label"] == "sleep"
    assert gr.edges["ctx#1", "ctx#2"]["kind"] == "parent"
    assert gr.edges["ctx#2", "chan#3"]["kind"] == "done"
    last = to_graph(dl.frame(11))
    assert [v for _, v, d in last.out_edges("grq", data=True)] == ["G1", "G3"]
    assert last.edges["P1", "G5"]["kind"] == "runq"
    steal = to_graph(pp.frame(5))
    assert steal.edges["P1", "G2"]["label"] == "runq[0]"


def test_svg_is_valid_and_deterministic(dl):
    """to_svg returns well-formed XML, and the same frame gives the same bytes twice."""
    lay = Layout.fit(dl.frames)
    a = to_svg(dl.frame(3), lay)
    b = to_svg(dl.frame(3), lay)
    assert a == b
    root = ET.fromstring(a)
    assert root.tag == f"{SVG}svg"
    assert "sysmon" in root.get("aria-label") or root.get("aria-label")


def test_svg_draws_the_relations_of_the_graph(dl):
    """Every waits, targets, holds, done and parent edge of to_graph has a drawn arrow in the SVG."""
    f = dl.frame(0)
    svg = to_svg(f, Layout.fit(dl.frames))
    drawn = set(re.findall(r'data-edge="([^"]+)"', svg))
    for u, v, d in to_graph(f).edges(data=True):
        if d["kind"] == "waits" and v.startswith("timer#"):
            assert f"targets {v} {u}" in drawn     # drawn once, from the timer to the sleeper
        elif d["kind"] in ("waits", "targets", "holds", "done", "parent"):
            assert f"{d['kind']} {u} {v}" in drawn, (u, v, d)


def test_svg_layout_does_not_move_between_frames(dl, pp):
    """With a layout fitted to the trace, each object keeps its box from frame to frame."""
    for tr in (dl, pp):
        lay = Layout.fit(tr.frames)
        last = tr.frame(len(tr) - 1)
        ids = [f"G{g.gid}" for g in last.gs] + [f"P{p.pid}" for p in last.ps] + \
              [f"chan#{c.cid}" for c in last.chans]
        first_seen = {}
        for i in range(len(tr)):
            svg = to_svg(tr.frame(i), lay)
            for n in ids:
                r = _rect_of(svg, n)
                if r is None:
                    continue
                first_seen.setdefault(n, r)
                assert r[:2] == first_seen[n][:2], (n, i)


def test_svg_boxes_do_not_overlap(dl):
    """No two object boxes (Ms, Ps, Gs, channels, timers, contexts, sysmon) overlap."""
    svg = to_svg(dl.frame(0), Layout.fit(dl.frames))
    root = ET.fromstring(svg)
    boxes = []
    for g in root.iter(f"{SVG}g"):
        if (g.get("id") or "").startswith("gs-"):
            r = g.find(f"{SVG}rect")
            boxes.append((g.get("id"), *(float(r.get(k)) for k in ("x", "y", "width", "height"))))
    assert len(boxes) >= 15
    for i, (a, ax, ay, aw, ah) in enumerate(boxes):
        for b, bx, by, bw, bh in boxes[i + 1:]:
            overlap = ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah
            assert not overlap, (a, b)


def test_svg_marks_the_step_subject(pp):
    """The G, P and object named by the step's event get a halo; others do not."""
    f = pp.frame(7)          # G1 parks on chan#1 on P0
    svg = to_svg(f, Layout.fit(pp.frames))
    assert svg.count('class="hot"') >= 3
    assert 'data-status="waiting"' in svg


def test_svg_renders_fast_enough_to_skip_timing(dl):
    """to_svg of every fixture frame returns text that names every G (no timing asserted here)."""
    lay = Layout.fit(dl.frames)
    for i in range(len(dl)):
        s = to_svg(dl.frame(i), lay)
        for g in dl.frame(i).gs:
            assert f'id="gs-G{g.gid}"' in s


def test_text_dump_is_schedtrace_like(dl):
    """to_text starts with a SCHED line and lists every P, M, G, channel, context and sysmon."""
    t = to_text(dl.frame(0))
    lines = t.splitlines()
    assert lines[0].startswith("SCHED 1ms step=40: gomaxprocs=2 idleprocs=1 threads=1 runqueue=0")
    assert "  P0: status=running schedtick=14 m=M0 curg=G4 runnext=G5 runq=[]" in t
    assert "timer#1:deadline@2ms->ctx#2" in t
    assert "  G1: status=waiting(select) on=chan#2,chan#3 func=main.main line=32" in t
    assert "  chan#1 jobs (chan int, cap 2, len 0): buf=[] sendq=[] recvq=[]" in t
    assert "  ctx#2 deadline parent=ctx#1 done=chan#3 deadline=2ms err=nil" in t
    assert t.rstrip().endswith("idle=3")
    end = to_text(dl.frame(len(dl) - 1))
    assert "err=context deadline exceeded" in end and "outcome: exit=ok" in end


def test_code_panel_marks_lines_and_badges(pp):
    """The code panel highlights the event G's line and puts a badge for each live G on its line."""
    f = pp.frame(9)          # G2 prints on line 10; G1 runnable on line 21
    html = code_panel(pp.program.source, f, name="ping_pong.go")
    assert current_line(f) == 10
    cur = re.findall(r'data-line="(\d+)" aria-current="step"', html)
    assert cur == ["10"]
    row21 = re.search(r'data-line="21".*?</tr>', html).group(0)
    assert 'data-g="G1"' in row21
    row18 = re.search(r'data-line="18".*?</tr>', html).group(0)
    assert 'data-g="G2"' in row18 and "caller frame" in row18
    assert "ping_pong.go" in html and "&lt;-table" in html


def test_style_doubles_every_colour_with_a_shape_and_label():
    """Each G and P status differs from every other by its label and its glyph, not only colour."""
    for table in (DEFAULT.g, DEFAULT.p):
        labels = [lk.label for lk in table.values()]
        markers = [lk.marker for lk in table.values()]
        assert len(set(labels)) == len(labels)
        assert len(set(markers)) == len(markers)
    looks = DEFAULT.g
    assert looks["running"].dash != looks["runnable"].dash != looks["waiting"].dash


def test_layout_slots_skip_ids_that_never_appear(dl):
    """An object's slot is its rank among the ids the trace shows, so missing ids leave no hole."""
    from dataclasses import replace
    f = dl.frame(0)
    only3 = replace(f, ctxs=(replace(f.ctxs[2], parent=0),), gs=f.gs[3:])
    lay = Layout.for_frame(only3)
    assert lay.ctx_xy(3, 0)[1] == lay.ctx_y0
    assert lay.g_xy(4)[0] == 16 and lay.g_xy(4)[1] == lay.g_y
    assert Layout().g_xy(3) == Layout(g_ids=()).g_xy(3)


def test_views_never_import_widgets():
    """Data flows one way: no module of gostep.views imports gostep.widgets."""
    from pathlib import Path
    import gostep.views
    for p in Path(gostep.views.__file__).parent.glob("*.py"):
        assert "gostep.widgets" not in p.read_text(), p.name
