"""Chapter 4's library (lib/gostep/course/ch4.py): the defer stack, the context tree, cancel step by
step, the quoted Go source and go vet."""
from __future__ import annotations

from pathlib import Path

import pytest

import gostep as gs
import gostep.course as gsc
from gostep.course import ch4


def _trace(name, **kw):
    kw.setdefault("gomaxprocs", 1)
    kw.setdefault("seed", 0)
    return gs.simulate(gs.load(str(gsc.program_path(name))), **kw)


def test_defer_table_pushes_then_runs_newest_first():
    """defer_args_nil.go: three pushes (lines 19, 20, 23), then three runs in the opposite order."""
    t = gsc.defer_table(_trace("defer_args_nil"))
    assert t.order(1, "push") == [19, 20, 23]
    assert t.order(1, "run") == [23, 20, 19]


def test_defer_table_follows_a_panic_and_loops():
    """defer_puzzle.go: the loop pushes line 25 twice; the panic runs the five calls newest first."""
    t = gsc.defer_table(_trace("defer_puzzle"))
    assert t.order(1, "push") == [19, 21, 25, 25, 27]
    assert t.order(1, "run") == [27, 25, 25, 21, 19]


def test_defer_table_keeps_calls_of_one_function_apart():
    """recover.go: each call of work pushes and runs its own two deferred calls."""
    t = gsc.defer_table(_trace("recover"))
    assert t.order(1, "push") == [19, 25] * 3
    assert t.order(1, "run") == [25, 19] * 3


def test_defer_table_wrong_order_waits_first():
    """defer_wait_order.go: in wrongOrder the deferred Wait (line 35) runs before cancel (34)."""
    runs = gsc.defer_table(_trace("defer_wait_order")).order(1, "run")
    assert runs == [35, 34, 45, 44]


def test_cancel_walk_cancels_down_and_never_up():
    """cancel_tree.go: handler's cancel sets its Err, closes Done, cancels query, leaves request alone,
    at one virtual time."""
    tr = _trace("cancel_tree")
    at = gsc.first_step(tr, "cancel")
    walk = gsc.cancel_walk(tr, at, {3: "request", 4: "handler", 5: "query"})
    text = repr(walk)
    assert "handler (ctx#4): Err() set to context canceled" in text
    assert "query (ctx#5): Err() set to context canceled" in text
    assert "no longer registered with its parent request (ctx#3): the parent's Err() is still <nil>" in text
    assert walk.start_ns == walk.end_ns
    after = tr.frame(walk.returned_step)
    assert next(c.err for c in after.ctxs if c.cid == 3) == ""
    assert gsc.parks_of(tr, 1, after=at) == 0


def test_forgotten_cancel_keeps_timers_and_children_until_the_deadline():
    """forgot_cancel.go: 3 timers and 3 registered children after the loop without cancel, 3 timer
    goroutines at the deadline; none with defer cancel()."""
    tr = _trace("forgot_cancel")
    printed = gsc.first_step(tr, "print", gid=1)
    later = gsc.first_step(tr, "timer_fire", contains="readies G1")
    assert gsc.timers_pending(tr, printed) == 3
    assert sum(gsc.ctx_registered(tr, printed, x) for x in (4, 5, 6)) == 3
    assert gsc.goroutines_started_by_timers(tr, printed, later) == 3
    assert gsc.goroutines_started_by_timers(tr, later) == 0


def test_return_step_finds_the_worker_still_alive():
    """outlive_cancel.go: when process has returned, its worker is still asleep (cancel stops nothing)."""
    tr = _trace("outlive_cancel")
    r = gsc.return_step(tr, gsc.line_starting("outlive_cancel", "process(finished)"))
    alive = [g for g in tr.frame(r).gs if g.status != "dead" and g.gid != 1]
    assert [(g.func, g.wait_reason) for g in alive] == [("main.worker", "sleep")]


def test_context_excerpts_match_the_pinned_source(go_bin):
    """The quoted lines of context/context.go are those of the pinned toolchain, at those numbers."""
    import subprocess
    root = subprocess.run([str(go_bin), "env", "GOROOT"], capture_output=True, text=True).stdout.strip()
    lines = (Path(root) / "src" / "context" / "context.go").read_text().split("\n")
    for name, (first, text) in ch4.CONTEXT_EXCERPTS.items():
        want = text.split("\n")
        assert lines[first - 1:first - 1 + len(want)] == want, name


@pytest.mark.realgo
def test_vet_reports_lostcancel_as_recorded(go_bin):
    """go vet, run for real, prints the recorded lostcancel report for forgot_cancel.go and fails."""
    res = gsc.vet("forgot_cancel")
    assert res.ran and res.exit_code == 1
    assert list(res.lostcancel) == list(ch4.VET_RECORDED)


def test_vet_without_toolchain_says_so(monkeypatch):
    """Without a toolchain, vet shows the recorded output and says it did not run."""
    import gostep.real.toolchain as tc
    monkeypatch.setattr(tc, "find_go", lambda *a, **k: None)
    res = gsc.vet("forgot_cancel")
    assert not res.ran and "not run here" in repr(res) and res.lostcancel
