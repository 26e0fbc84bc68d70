"""Tests of gostep.course.tracetools on hand-made traces (tests/frames_fixture.py)."""
from __future__ import annotations

from dataclasses import replace

import gostep.course as gsc
from gostep.trace.frame import Event, SysmonView
from frames_fixture import FakeTrace, deadline_trace, ping_pong_trace


def _with_events(base, events, sysmon=None):
    """A FakeTrace whose frames carry the given events (and sysmon views), 1 µs apart."""
    f0 = base.frame(0)
    frames = [replace(f0, step=i, time_ns=1000 * i, event=e,
                      sysmon=(sysmon[i] if sysmon else f0.sysmon)) for i, e in enumerate(events)]
    return FakeTrace(base.program, frames)


def test_fmt_ns_reads_like_go():
    """Virtual times print in Go's duration units."""
    assert gsc.fmt_ns(500) == "500ns"
    assert gsc.fmt_ns(20_000) == "20µs"
    assert gsc.fmt_ns(5_230_000) == "5.23ms"
    assert gsc.fmt_ns(1_500_000_000) == "1.5s"


def test_steps_filters_by_kind_and_text():
    """steps keeps only the asked kinds, in order, and prints step numbers and times."""
    t = deadline_trace()
    s = gsc.steps(t, "timer_fire")
    assert len(s) == 2 and all(r[2] == "timer_fire" for r in s)
    assert "step" in repr(s) and "t=" in repr(s)
    assert len(gsc.steps(t, contains="cancel(ctx#2)")) >= 1
    assert repr(gsc.steps(t, "deadlock")) == "(no such steps)"


def test_deadline_chain_follows_links_in_order():
    """deadline_chain picks timer_fire, go, cancel, close, ready and execute of the waiter, in order."""
    E = Event
    evs = [E("start", "start"), E("ready", "goready(G1)", 1), E("timer_fire", "P0: timer#1 (deadline of ctx#2) fires", -1, 0, "timer#1"),
           E("go", "goFunc: go G3 (context.WithDeadlineCause.func2)", 3, 0), E("cancel", "G3: cancel(ctx#2)", 3, 0),
           E("close", "G3: close(ctx#2.Done())", 3, 0), E("ready", "goready(G2) into runnext", 2, 0),
           E("ready", "goready(G1) into runnext", 1, 0), E("execute", "P0: execute G1", 1, 0)]
    chain = gsc.deadline_chain(_with_events(deadline_trace(), evs), waiter=1)
    assert [r[2] for r in chain] == ["timer_fire", "go", "cancel", "close", "ready", "execute"]
    assert [r[0] for r in chain] == [2, 3, 4, 5, 7, 8]


def test_sysmon_sleeps_run_length():
    """sysmon_sleeps run-length encodes the delays of successive sysmon wake-ups."""
    E = Event("sysmon", "sysmon")
    sm = [SysmonView(next_wake_ns=20_000 * (i + 1), delay_us=d, idle=i)
          for i, d in enumerate([20, 20, 20, 40, 80])]
    sm.append(sm[-1])  # same wake-up seen on two frames: counted once
    s = gsc.sysmon_sleeps(_with_events(ping_pong_trace(), [E] * 6, sysmon=sm))
    assert s.runs == ((20, 3), (40, 1), (80, 1))
    assert repr(s) == "(20µs x3) (40µs) (80µs)"


def test_who_ran_lists_ps_and_parks():
    """who_ran reports for each G the Ps it ran on and how often it parked."""
    w = gsc.who_ran(ping_pong_trace())
    gids = [r[0] for r in w.rows]
    assert 1 in gids
    assert all(isinstance(r[2], tuple) for r in w.rows)
    assert repr(w).startswith("G1 ")


def _real_events():
    from gostep.real.tracing import TraceEvent
    return [TraceEvent(100, "park", gid=1, reason="chan receive"),
            TraceEvent(5_000_100, "go", gid=10, by=-1, stack=("context.WithDeadlineCause.func2 context/context.go:653",)),
            TraceEvent(5_000_200, "execute", gid=10),
            TraceEvent(5_000_300, "ready", gid=1, by=10, stack=("context.(*cancelCtx).cancel context/context.go:568",)),
            TraceEvent(5_000_400, "goexit", gid=10, by=10),
            TraceEvent(5_000_500, "execute", gid=1)]


def test_real_chain_finds_links_of_a_real_trace():
    """real_chain finds the timer's goroutine (created with no G), its ready of the waiter, the waiter's run."""
    assert gsc.real_chain(_real_events()) == {"park": 100, "go": 5_000_100, "ready": 5_000_300,
                                              "execute": 5_000_500}


def test_chain_side_by_side_orders_model_and_real():
    """chain_side_by_side lines up model and real links after the waiter parked, and checks their order."""
    E = Event
    evs = [E("park", "G1 parks (chan receive)", 1, 0), E("timer_fire", "timer#1 (deadline of ctx#2) fires", -1, 0),
           E("go", "goFunc: go G3", 3, 0), E("cancel", "G3: cancel(ctx#2)", 3, 0), E("close", "close", 3, 0),
           E("ready", "goready(G1)", 1, 0), E("execute", "P0: execute G1", 1, 0)]
    cmp = gsc.chain_side_by_side(_with_events(deadline_trace(), evs), _real_events())
    kinds = [r[0] for r in cmp.rows]
    assert kinds == ["timer_fire", "go", "cancel", "close", "ready", "execute"]
    real = {r[0]: r[3] for r in cmp.rows}
    assert real["go"] == 5.0 and real["cancel"] is None
    assert cmp.same_order()
    assert "model ms" in repr(cmp)
