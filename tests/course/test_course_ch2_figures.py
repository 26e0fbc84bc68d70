"""Chapter 2's pictures and the fixes-by-cost measurement (gostep.course.ch2_figures, fixcost, tracetools)."""
from __future__ import annotations

import pathlib

import matplotlib
import pytest

matplotlib.use("Agg")

import gostep as gs  # noqa: E402
import gostep.course as gsc  # noqa: E402
from gostep.course import ch2_figures as cf  # noqa: E402
from gostep.course import fixcost as fc  # noqa: E402
from gostep.real.tracing import TraceEvent  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
PROGRAMS = ROOT / "course" / "programs"


@pytest.fixture(scope="module")
def spin_trace():
    """Chapter 2's spinner run in the model, one P, seed 0."""
    return gs.simulate(gs.load(str(PROGRAMS / "spin_timeout.go")), gomaxprocs=1, seed=0)


def _real_spin_events():
    """A hand-made real trace of two rounds: main parks, the spinner runs 16 ms, is preempted, the
    scheduler creates the timer's goroutine, which readies main, and main runs."""
    E = TraceEvent
    st_go = ("context.WithDeadlineCause.func2 context/context.go:653",)
    evs = [E(50, "go", gid=10, by=1, stack=("main.spin spin_timeout.go:48",))]
    t = 100
    for r, g in ((0, 11), (1, 12)):
        evs += [E(t, "park", gid=1, by=1, reason="chan receive"),
                E(t + 50_000, "execute", gid=10, pid=0),
                E(t + 16_000_000, "preempted", gid=10, pid=0, by=10, reason="preempted"),
                E(t + 16_010_000, "go", gid=g, by=-1, stack=st_go),
                E(t + 16_015_000, "execute", gid=g, pid=0),
                E(t + 16_020_000, "ready", gid=1, by=g),
                E(t + 16_025_000, "execute", gid=1, pid=0)]
        t += 16_100_000
    return evs


def test_model_round_has_the_argument(spin_trace):
    """Round 1 of the model: a new slice at 0, one tick sees it new, the one 10 ms later preempts, main runs at ~20 ms."""
    r = cf.spinner_round(spin_trace, 1)
    assert abs(r.slice_ms[0]) < 0.1 and r.schedtick == 2
    in_slice = [(t, v) for t, _k, v in r.ticks if r.slice_ms[0] <= t <= r.preempted_ms]
    assert [v for _t, v in in_slice] == ["new", "preempt"]
    assert abs((in_slice[1][0] - in_slice[0][0]) - 10.0) < 1e-6
    assert r.preempt_ms == pytest.approx(in_slice[1][0])
    assert r.preempt_ms <= r.preempted_ms <= r.timer_ms <= r.main_runs_ms
    assert 19.0 < r.main_runs_ms < 21.0


def test_retake_replay_agrees_with_model_preemptions(spin_trace):
    """Every tick the replay of retake's rule calls "preempt" is a tick where the model asked for a preemption."""
    req = {spin_trace.frame(i).time_ns for i in range(len(spin_trace))
           if spin_trace.frame(i).event.kind == "preempt_request"}
    pre = {t for _i, t, _k, v in cf._retake_ticks(spin_trace) if v == "preempt"}
    assert pre and pre == req


def test_timeline_figure_draws_trace_times(spin_trace):
    """The figure has the model and real panels, three lanes each, and markers at the trace's event times."""
    tl = cf.spinner_timeline(spin_trace, _real_spin_events())
    assert len(tl.axes) == 2 and [a.get_title(loc="left") for a in tl.axes] == ["model", "real Go"]
    for a in tl.axes:
        assert [t.get_text() for t in a.get_yticklabels()] == ["main (G1)", "P0", "sysmon"]
    xs = {round(float(x), 6) for line in tl.axes[0].lines for x in line.get_xdata()}
    m = tl.model
    for v in (m.preempted_ms, m.timer_ms):
        assert round(v, 6) in xs
    texts = " ".join(t.get_text() for a in tl.axes for t in a.texts)
    assert "not in an execution trace" in texts and "deadline (5 ms)" in texts
    assert "main runs: +16.0 ms" in texts
    assert tl.real.preempted_ms == pytest.approx(16.0) and tl.real.timer_ms == pytest.approx(16.01)
    import matplotlib.pyplot as plt
    plt.close(tl.fig)


def test_timeline_text_is_the_model_only(spin_trace):
    """The timeline's plain text holds the model's times only, so two real traces print the same."""
    a = cf.spinner_timeline(spin_trace, _real_spin_events())
    ev = _real_spin_events()
    ev[10] = TraceEvent(ev[10].time_ns - 3_000_000, "preempted", gid=10, pid=0, by=10, reason="preempted")
    b = cf.spinner_timeline(spin_trace, ev)
    assert repr(a) == repr(b)
    assert "sees schedtick 2 again, 10 ms or more: preemption request" in repr(a)
    assert "main runs: 15.00 ms after the deadline" in repr(a)
    assert a.real_text() != b.real_text()


def test_chain_plot_separates_model_links():
    """The chain plot puts each model link on its own row, at µs offsets from the timer goroutine's start."""
    chain = gs.simulate(gs.load(str(PROGRAMS / "deadline_chain.go")), gomaxprocs=1, seed=0)
    real = [TraceEvent(100, "park", gid=1, reason="chan receive"),
            TraceEvent(5_000_100, "go", gid=10, by=-1, stack=("context.WithDeadlineCause.func2 c.go:1",)),
            TraceEvent(5_004_100, "ready", gid=1, by=10),
            TraceEvent(5_007_100, "execute", gid=1)]
    cmp = gsc.chain_side_by_side(chain, real)
    ax = cmp.plot()
    model_pts = [(float(ln.get_xdata()[0]), float(ln.get_ydata()[0])) for ln in ax.lines
                 if ln.get_marker() == "o"]
    assert len(model_pts) == 6 and len(set(model_pts)) == 6
    assert sorted(y for _x, y in model_pts) == [0, 1, 2, 3, 4, 5]
    offs = dict((k, (m, r)) for k, m, r in cmp.offsets_us())
    assert offs["go"] == (0.0, 0.0) and offs["ready"][1] == pytest.approx(4.0)
    assert all(s is not None for s in cmp.steps)
    import matplotlib.pyplot as plt
    plt.close(ax.figure)


def test_fix_programs_come_from_the_template():
    """Each fix's programs are chapter 2's spinner template with only the named parts replaced."""
    f = fc.Fix("x", "tight", every=100)
    src = fc.fix_program(f)
    assert "if x%100 == 0 && ctx.Err() != nil" in src and "time.AfterFunc(5*time.Millisecond, cancel)" in src
    assert "func spin(ctx context.Context, started chan struct{})" in src
    assert "runtime.Gosched()" in fc.fix_program(fc.Fix("g", "gosched"))
    cost = fc.cost_program(fc.Fix("c", "tight", every=1, iters=1000))
    assert "for i := 0; i < 1000; i++ {" in cost and "if ctx.Err() != nil" in cost
    assert "go spin" not in cost


@pytest.fixture(scope="module")
def model_costs():
    """fix_costs in the model only."""
    return fc.fix_costs(real=False)


def test_fix_costs_model_ordering(model_costs):
    """In the model: Gosched and two Ps are on time, ctx.Err() is as late as no fix, and Gosched is the dearest loop."""
    by = {f.label: f for f in model_costs.fixes}
    late = {k: model_costs.late_ms(f) for k, f in by.items()}
    assert late["Gosched every iteration"] < 1.0
    assert late["GOMAXPROCS=2"] < 1.0
    assert 10.0 < late["none (for { x++ })"] < 20.0
    for k in ("ctx.Err() every iteration", "ctx.Err() every 100", "ctx.Err() every 10000"):
        assert late[k] == pytest.approx(late["none (for { x++ })"], abs=0.5)
    cost = {k: model_costs.slowdown(f) for k, f in by.items()}
    assert cost["none (for { x++ })"] == 1.0 and cost["GOMAXPROCS=2"] == pytest.approx(1.0)
    assert cost["Gosched every iteration"] > 10 * cost["ctx.Err() every iteration"] / 2
    assert cost["ctx.Err() every iteration"] > cost["ctx.Err() every 100"] >= cost["ctx.Err() every 10000"] > 1.0
    assert "True" in model_costs.conclusion(real=False) and "False" not in model_costs.conclusion(real=False)


def test_fix_costs_text_is_deterministic(model_costs):
    """The model's table prints the same on a second measurement."""
    assert repr(fc.fix_costs(real=False)) == repr(model_costs)
    assert "main sees the deadline" in repr(model_costs) and repr(model_costs).count("\n") == 6


@pytest.mark.realgo
@pytest.mark.slow
def test_fix_costs_real_go_conclusion(go_bin):
    """On real Go the three conclusions the chapter prints hold."""
    r = fc.fix_costs(runs=3)
    assert "False" not in r.conclusion(), r.real_text()
