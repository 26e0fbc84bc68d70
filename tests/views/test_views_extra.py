"""Tests of the secondary views: mermaid text, the G state diagram, the timeline, matplotlib."""
import xml.etree.ElementTree as ET

import pytest

from frames_fixture import deadline_trace, ping_pong_trace
from gostep.views.mermaid import storyboard_mermaid, to_mermaid
from gostep.views.states import state_diagram_svg, transition
from gostep.views.timelines import from_events, from_trace, timeline_svg


def test_mermaid_is_deterministic_and_shapes_follow_status():
    """to_mermaid gives the same text twice; a waiting G is a hexagon, a running G a stadium."""
    f = deadline_trace().frame(0)
    a = to_mermaid(f)
    assert a == to_mermaid(f) and a.startswith("flowchart TB")
    assert 'G1{{"G1 ‖ waiting (select)<br/>main.main L32"}}:::g_waiting' in a
    assert 'G4(["G4 ▶ running<br/>main.worker L11"]):::g_running' in a
    assert '  timer_1 -->|"deadline"| ctx_2' in a and '  ctx_2 -.->|"Done()"| chan_3' in a


def test_storyboard_mermaid_has_one_block_per_step():
    """storyboard_mermaid writes a heading line and a mermaid block for each chosen step."""
    md = storyboard_mermaid(ping_pong_trace(), [0, 7, 12])
    assert md._repr_markdown_().count("```mermaid") == 3
    assert "**step 7, t = 2µs** [park]" in str(md)


def test_state_diagram_lights_the_transition_taken():
    """Between two frames where G4 parks, the gopark arrow is highlighted and G4 sits in waiting."""
    tr = deadline_trace()
    assert transition(tr.frame(1), tr.frame(0)) == (4, "running", "waiting")
    svg = state_diagram_svg(tr.frame(1), tr.frame(0))
    root = ET.fromstring(svg)
    hot = [p.get("data-transition") for p in root.iter("{http://www.w3.org/2000/svg}path")
           if p.get("class") == "hot"]
    assert hot == ["gopark"]
    waiting = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("id") == "gsd-waiting"][0]
    assert "G4" in "".join(waiting.itertext())
    assert 'class="hot"' not in state_diagram_svg(tr.frame(0))


def test_timeline_from_model_frames():
    """from_trace turns each P's curg into run segments; the timeline SVG labels them."""
    segs, marks, n_ps, t_end = from_trace(deadline_trace())
    assert (1, 6, 1_060_000, 1_090_000) in segs and n_ps == 2 and t_end == 2_001_000
    assert any(m[2] == "timer_fire" for m in marks) and any(m[2] == "park" for m in marks)
    svg = timeline_svg(deadline_trace())
    assert 'data-seg="P1 G6"' in svg
    ET.fromstring(svg)


def test_timeline_from_real_events_and_stacked():
    """Real events (dicts) give segments from execute to park/goexit, stacked under the model."""
    real = [dict(time_ns=0, kind="execute", gid=1, pid=0), dict(time_ns=900, kind="park", gid=1, pid=0),
            dict(time_ns=1000, kind="execute", gid=2, pid=1), dict(time_ns=1500, kind="ready", gid=1, pid=1),
            dict(time_ns=2500, kind="goexit", gid=2, pid=1)]
    segs, marks, n_ps, t_end = from_events(real)
    assert sorted(segs) == [(0, 1, 0, 900), (1, 2, 1000, 2500)]
    assert [m[2] for m in marks] == ["park", "ready"]
    svg = timeline_svg(ping_pong_trace(), other=real)
    assert svg.count("data-seg=") >= 4 and "real Go" in svg


def test_matplotlib_draw_and_storyboard():
    """draw returns the Axes it drew on; storyboard makes one panel per step."""
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt
    from gostep.views.mpl import draw, storyboard
    from gostep.views.timelines import timeline_compare
    tr = deadline_trace()
    fig, ax = plt.subplots()
    assert draw(tr.frame(0), ax=ax) is ax
    assert len(ax.patches) >= 15
    fig2 = storyboard(tr, [0, 5, 11], ncols=2)
    assert sum(1 for a in fig2.axes if a.patches) == 3
    axes = timeline_compare(tr, [dict(time_ns=0, kind="execute", gid=1, pid=0)])
    assert axes[0].get_xlim() == axes[1].get_xlim()
    plt.close("all")


def test_timeline_reads_real_trace_state_events_and_aligns_time():
    """A G running when the real trace starts opens a segment; times are shifted to start at 0."""
    real = [dict(time_ns=50_000, kind="state", gid=1, pid=1, transition="Undetermined->Running"),
            dict(time_ns=120_000, kind="park", gid=1, pid=1)]
    segs, marks, n_ps, t_end = from_events(real)
    assert segs == [(1, 1, 0, 70_000)] and n_ps == 2 and t_end == 70_000
