"""The OS's timing as a decision (os_choices, CH_SYSMON): sysmon's wake-up on time or late.

sysmon is an M without a P that sleeps in usleep (proc.go sysmon, Go 1.27); on a loaded machine the
OS runs its thread late, and retake's preemption with it. With os_choices=True the model asks, at
each sysmon wake-up where retake would preempt a G, whether the thread ran on time (0) or
SYSMON_LATE_NS late (1), at most SYSMON_LATE_MAX times in a row. Without it nothing is asked."""
from __future__ import annotations

from pathlib import Path

import pytest

import gostep as gs
import gostep.core.defs as D
from asm import prog_pingpong, prog_spin_timeout

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def late_prog():
    return gs.load(str(ROOT / "course/programs/sysmon_late.go"))


def _events(tr, kinds):
    return [(tr.frame(i).time_ns, tr.frame(i).event) for i in range(len(tr))
            if tr.frame(i).event.kind in kinds]


def _every_schedule(prog, **kw):
    todo, done = [[]], []
    while todo:
        picks = todo.pop()
        tr = gs.simulate(prog, choices=picks or None, stop_at_choice=True, **kw)
        if tr.pending_choice:
            todo += [picks + [i] for i in range(tr.pending_choice[1])]
        else:
            done.append((picks, tr))
    return done


def test_without_os_choices_nothing_is_asked(late_prog):
    """The default run takes no decision on a one-P program with no select, and stops at none."""
    tr = gs.simulate(late_prog, timeout="2s", stop_at_choice=True)
    assert tr.pending_choice is None and tr.choices == []
    assert tr.outcome.exit == "ok"


def test_the_decision_comes_when_retake_would_preempt(late_prog):
    """The first decision is sysmon's, at the tick where the spinner has run 10 ms (not before)."""
    tr = gs.simulate(late_prog, timeout="2s", os_choices=True, stop_at_choice=True)
    assert tr.pending_choice == (D.CH_SYSMON, 2)
    assert not _events(tr, ("preempt_request",))
    t_last = tr.frame(len(tr) - 1).time_ns        # the last step before the decision
    on_time = gs.simulate(late_prog, timeout="2s", os_choices=True, choices=[0])
    (t_req, ev), = _events(on_time, ("preempt_request",))
    assert t_req >= 10_000_000 and t_req > t_last and "has run" in ev.text
    ticks = [t for t, e in _events(on_time, ("sysmon",)) if t_last < t < t_req]
    assert ticks == []           # the decision was taken at the wake-up that preempts


def test_late_moves_the_preemption_and_main_by_exactly_the_lateness(late_prog):
    """Each late wake-up moves retake's preemption, and so main's wake-up, SYSMON_LATE_NS later;
    the late ticks are narrated; at most SYSMON_LATE_MAX in a row, so the tree has 3 leaves."""
    runs = {tuple(p): tr for p, tr in _every_schedule(late_prog, timeout="2s", os_choices=True)}
    assert set(runs) == {(0,), (1, 0), (1, 1)}
    req = {p: _events(tr, ("preempt_request",))[0][0] for p, tr in runs.items()}
    assert req[(1, 0)] - req[(0,)] == D.SYSMON_LATE_NS
    assert req[(1, 1)] - req[(0,)] == 2 * D.SYSMON_LATE_NS
    ends = {p: tr.outcome.elapsed_ns for p, tr in runs.items()}
    assert ends[(1, 1)] - ends[(0,)] == 2 * D.SYSMON_LATE_NS
    late = _events(runs[(1, 1)], ("sysmon",))
    assert sum("runs late" in ev.text for _, ev in late) == D.SYSMON_LATE_MAX
    assert all(c[0] == D.CH_SYSMON for c in runs[(1, 1)].choices)


def test_on_time_is_the_default_run(late_prog):
    """Picking 'on time' at every decision gives the run without os_choices, event for event."""
    plain = gs.simulate(late_prog, timeout="2s")
    on_time = gs.simulate(late_prog, timeout="2s", os_choices=True, choices=[0])
    assert [f.event.text for f in (plain.frame(i) for i in range(len(plain)))] == \
           [f.event.text for f in (on_time.frame(i) for i in range(len(on_time)))]
    assert plain.outcome.stdout == on_time.outcome.stdout


def test_a_program_that_never_runs_10ms_is_never_asked():
    """Ping-pong parks within microseconds: no G runs 10 ms, so no wake-up is the OS's to time."""
    tr = gs.simulate(prog_pingpong(), os_choices=True, stop_at_choice=True)
    assert tr.pending_choice is None and tr.outcome.exit == "ok"


def test_a_g_already_asked_to_stop_is_not_asked_again():
    """Without async preemption a call-free loop keeps its preempt flag and never stops (Go hangs
    too): sysmon is asked about it once per run of lates, then the G is marked and nothing more is
    asked, so the decision tree stays finite."""
    leaves = _every_schedule(prog_spin_timeout("work"), os_choices=True, timeout="200ms",
                             godebug="asyncpreemptoff=1")
    assert sorted(tuple(p) for p, _ in leaves) == [(0,), (1, 0), (1, 1)]
    assert all(tr.outcome.exit == "hang" for _, tr in leaves)


def test_seeded_runs_draw_the_decision_and_replay(late_prog):
    """Without given choices the seed decides; trace.choices replays the run exactly."""
    seen = set()
    for seed in range(12):
        tr = gs.simulate(late_prog, timeout="2s", os_choices=True, seed=seed)
        again = gs.simulate(late_prog, timeout="2s", os_choices=True, seed=99,
                            choices=[c[2] for c in tr.choices])
        assert again.outcome.stdout == tr.outcome.stdout
        seen.add(tuple(c[2] for c in tr.choices))
    assert len(seen) >= 2
