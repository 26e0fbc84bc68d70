"""Hand-made frames for the view and widget tests: a ping-pong and a deadline chain.

Until `gostep.simulate` is available everywhere, the views are tested against these frames. They
are realistic (2 Ps, runnext, a local and a global run queue, timers on P heaps, a context tree,
sysmon), but they were written by hand: they illustrate the Frame contract, not Go's exact
scheduling order. `FakeTrace` has the part of the Trace interface the views and widgets use:
`len(t)`, `t.frame(i)`, `t.program` (`.source`, `.name`, `.fn_names`), `t.outcome`, `t.settings`,
`t.events`.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from gostep.trace.frame import (ChanView, CtxView, Event, Frame, GView, Outcome, PView, SysmonView,
                                TimerView)

PING_PONG_SRC = """\
package main

import "fmt"

func player(name string, table chan int, hits int) {
\tfor i := 0; i < hits; i++ {
\t\tball := <-table
\t\tball++
\t\tfmt.Println(name, ball)
\t\ttable <- ball
\t}
}

func main() {
\ttable := make(chan int)
\tdone := make(chan bool)
\tgo func() {
\t\tplayer("ping", table, 2)
\t\tdone <- true
\t}()
\ttable <- 0
\tfor i := 0; i < 2; i++ {
\t\tball := <-table
\t\tball++
\t\tfmt.Println("pong", ball)
\t\tif i < 1 {
\t\t\ttable <- ball
\t\t}
\t}
\t<-done
\tfmt.Println("done")
}
"""

DEADLINE_SRC = """\
package main

import (
\t"context"
\t"fmt"
\t"time"
)

func worker(ctx context.Context, id int, jobs chan int, results chan int) {
\tfor {
\t\tselect {
\t\tcase <-ctx.Done():
\t\t\treturn
\t\tcase j := <-jobs:
\t\t\tresults <- j * 2
\t\t}
\t}
}

func main() {
\tctx, cancel := context.WithTimeout(context.Background(), 2*time.Millisecond)
\tdefer cancel()
\tsub, stop := context.WithCancel(ctx)
\tdefer stop()
\tjobs := make(chan int, 2)
\tresults := make(chan int)
\tfor i := 0; i < 4; i++ {
\t\tgo worker(sub, i, jobs, results)
\t}
\tgo func() { time.Sleep(time.Millisecond); jobs <- 1 }()
\tselect {
\tcase r := <-results:
\t\tfmt.Println("result", r)
\tcase <-ctx.Done():
\t\tfmt.Println("timeout:", ctx.Err())
\t}
}
"""


@dataclass(frozen=True)
class FakeProgram:
    """The CompiledProgram fields the views read."""
    filename: str
    source: str
    fn_names: tuple = ()

    @property
    def name(self) -> str:
        return self.filename.rsplit("/", 1)[-1]

    @property
    def lines(self) -> list:
        return self.source.splitlines()


@dataclass
class FakeTrace:
    """A list of frames with the Trace interface the player uses."""
    program: FakeProgram
    frames: list
    settings: dict = field(default_factory=dict)

    def __len__(self):
        return len(self.frames)

    def frame(self, i: int) -> Frame:
        return self.frames[i]

    @property
    def outcome(self):
        return self.frames[-1].outcome

    @property
    def events(self):
        return [f.event for f in self.frames]


def _p(pid, status="running", mid=-1, curg=-1, on_g0=False, runnext=-1, runq=(), tick=0, timers=()):
    return PView(pid=pid, status=status, mid=mid, curg=curg, on_g0=on_g0, runnext=runnext,
                 runq=tuple(runq), schedtick=tick, timers=tuple(timers))


def _g(gid, status, func, line, pid=-1, reason="", on=(), created_by=0):
    return GView(gid=gid, status=status, wait_reason=reason, wait_on=tuple(on), func=func,
                 line=line, lines=(line,), pid=pid, created_by=created_by)


def _evolve(frame, step, time_ns, event, **changes):
    return replace(frame, step=step, time_ns=time_ns, event=event, **changes)


def _set_g(gs, gid, **kw):
    if "reason" in kw:
        kw["wait_reason"] = kw.pop("reason")
    return tuple(replace(g, **kw) if g.gid == gid else g for g in gs)


def ping_pong_trace() -> FakeTrace:
    """Twelve frames of the ping-pong on GOMAXPROCS=2: a park, a ready into runnext, a steal."""
    settings = {"gomaxprocs": 2, "seed": 0, "go": "1.27", "godebug": ""}
    table = ChanView(cid=1, name="table", cap=0, buf=(), closed=False, sendq=(), recvq=())
    done = ChanView(cid=2, name="done", cap=0, buf=(), closed=False, sendq=(), recvq=(), elem="bool")
    sm = SysmonView(next_wake_ns=20_000, delay_us=20, idle=0)
    g1 = _g(1, "running", "main.main", 15, pid=0)
    f0 = Frame(step=0, time_ns=0, event=Event("start", "runtime.main starts G1 (main.main) on P0", 1, 0),
               gs=(g1,), ps=(_p(0, mid=0, curg=1, tick=1), _p(1, status="idle")),
               global_runq=(), chans=(), sysmon=sm, source_name="ping_pong.go", settings=settings)
    frames = [f0]
    f = _evolve(f0, 1, 200, Event("line", "G1 runs line 15: make table", 1, 0),
                chans=(table,), gs=_set_g(f0.gs, 1, line=16, lines=(16,)))
    frames.append(f)
    f = _evolve(f, 2, 400, Event("line", "G1 runs line 16: make done", 1, 0), chans=(table, done),
                gs=_set_g(f.gs, 1, line=17, lines=(17,)))
    frames.append(f)
    g2 = _g(2, "runnable", "main.main.func1", 18, created_by=1)
    f = _evolve(f, 3, 900, Event("go", "G1: newproc creates G2 (main.main.func1), runqput into P0 runnext", 2, 0),
                gs=_set_g(f.gs, 1, line=21, lines=(21,)) + (g2,),
                ps=(replace(f.ps[0], runnext=2), f.ps[1]))
    frames.append(f)
    f = _evolve(f, 4, 1_000, Event("wakep", "wakep: M1 starts spinning with P1 to find work", -1, 1),
                ps=(f.ps[0], _p(1, mid=1, on_g0=True, tick=0)))
    frames.append(f)
    f = _evolve(f, 5, 1_400, Event("steal", "P1 on g0: runqsteal takes G2 from P0's runnext", 2, 1),
                ps=(replace(f.ps[0], runnext=-1), replace(f.ps[1], runq=(2,))))
    frames.append(f)
    f = _evolve(f, 6, 1_600, Event("execute", "P1: execute G2 (main.main.func1)", 2, 1),
                ps=(f.ps[0], replace(f.ps[1], runq=(), curg=2, on_g0=False, schedtick=1)),
                gs=_set_g(f.gs, 2, status="running", pid=1, line=18, lines=(18,)))
    frames.append(f)
    f = _evolve(f, 7, 2_000, Event("park", "G1: chansend on table finds no receiver: gopark (chan send)", 1, 0, "chan#1"),
                gs=_set_g(f.gs, 1, status="waiting", pid=-1, reason="chan send", wait_on=("chan#1",)),
                chans=(replace(table, sendq=(1,)), done),
                ps=(replace(f.ps[0], curg=-1, on_g0=True), f.ps[1]))
    frames.append(f)
    f = _evolve(f, 8, 2_300, Event("chanrecv", "G2: chanrecv on table takes 0 from parked sender G1; goready(G1)", 2, 1, "chan#1"),
                gs=_set_g(_set_g(f.gs, 1, status="runnable", reason="", wait_on=()), 2,
                          line=7, lines=(18, 7)),
                chans=(table, done),
                ps=(f.ps[0], replace(f.ps[1], runnext=1)))
    frames.append(f)
    f = _evolve(f, 9, 2_500, Event("print", 'G2 prints "ping 1"', 2, 1),
                gs=_set_g(f.gs, 2, line=10, lines=(18, 10)), stdout=("ping 1",))
    frames.append(f)
    f = _evolve(f, 10, 2_800, Event("park", "G2: chansend on table: no receiver, gopark (chan send)", 2, 1, "chan#1"),
                gs=_set_g(f.gs, 2, status="waiting", pid=-1, reason="chan send", wait_on=("chan#1",)),
                chans=(replace(table, sendq=(2,)), done),
                ps=(f.ps[0], replace(f.ps[1], curg=-1, on_g0=True)))
    frames.append(f)
    f = _evolve(f, 11, 3_000, Event("runqget", "P1 on g0: runqget -> G1 (from runnext)", 1, 1),
                gs=_set_g(f.gs, 1, status="running", pid=1, line=22, lines=(22,)),
                ps=(f.ps[0], replace(f.ps[1], runnext=-1, curg=1, on_g0=False, schedtick=2)))
    frames.append(f)
    out = Outcome(exit="ok", stdout=("ping 1",), stderr=(), message="", goroutines_at_exit=2,
                  elapsed_ns=3_200)
    f = _evolve(f, 12, 3_200, Event("end", "main.main returned: exit 0", 1, 1), outcome=out)
    frames.append(f)
    prog = FakeProgram("course/programs/ping_pong.go", PING_PONG_SRC,
                       ("main.player", "main.main", "main.main.func1"))
    return FakeTrace(prog, frames, settings)


def deadline_trace() -> FakeTrace:
    """Twelve frames of a deadline chain: 2 Ps, 6 Gs, 3 channels, 2 timers, 3 contexts, sysmon."""
    settings = {"gomaxprocs": 2, "seed": 1, "go": "1.27", "godebug": ""}
    bg = CtxView(cid=1, parent=0, kind="background", done_cid=0, err="")
    dl = CtxView(cid=2, parent=1, kind="deadline", done_cid=3, err="", deadline_ns=2_000_000)
    sub = CtxView(cid=3, parent=2, kind="cancel", done_cid=3, err="")
    # ctx#2 and ctx#3 share nothing in Go; give sub its own done channel id 4 is not created yet.
    sub = replace(sub, done_cid=0)
    jobs = ChanView(cid=1, name="jobs", cap=2, buf=(), closed=False, sendq=(), recvq=())
    results = ChanView(cid=2, name="results", cap=0, buf=(), closed=False, sendq=(), recvq=())
    ctxdone = ChanView(cid=3, name="ctx.Done()", cap=0, buf=(), closed=False, sendq=(), recvq=(),
                       elem="struct{}")
    dtimer = TimerView(tid=1, when_ns=2_000_000, kind="deadline", target="ctx#2", pid=0)
    stimer = TimerView(tid=2, when_ns=1_050_000, kind="sleep", target="G6", pid=1)
    sm = SysmonView(next_wake_ns=1_020_000, delay_us=20, idle=3)
    gs = (
        _g(1, "waiting", "main.main", 32, reason="select", on=("chan#2", "chan#3")),
        _g(2, "waiting", "main.worker", 11, reason="select", on=("chan#3", "chan#1"), created_by=1),
        _g(3, "waiting", "main.worker", 11, reason="select", on=("chan#3", "chan#1"), created_by=1),
        _g(4, "running", "main.worker", 11, pid=0, created_by=1),
        _g(5, "runnable", "main.worker", 10, created_by=1),
        _g(6, "waiting", "main.main.func1", 30, reason="sleep", on=("timer#2",), created_by=1),
    )
    f0 = Frame(step=40, time_ns=1_000_000,
               event=Event("sysmon", "sysmon wakes: no P to retake; next sleep 20us", -1, -1),
               gs=gs,
               ps=(_p(0, mid=0, curg=4, runnext=5, tick=14, timers=(dtimer,)),
                   _p(1, status="idle", tick=9, timers=(stimer,))),
               global_runq=(), chans=(jobs, results, ctxdone), ctxs=(bg, dl, sub), sysmon=sm,
               source_name="deadline.go", settings=settings)
    frames = [f0]
    f = _evolve(f0, 41, 1_010_000, Event("park", "G4: selectgo finds no ready case: gopark (select)", 4, 0),
                gs=_set_g(f0.gs, 4, status="waiting", pid=-1, reason="select", wait_on=("chan#3", "chan#1")),
                ps=(replace(f0.ps[0], curg=-1, on_g0=True), f0.ps[1]))
    frames.append(f)
    f = _evolve(f, 42, 1_012_000, Event("runqget", "P0 on g0: runqget -> G5 (from runnext)", 5, 0),
                gs=_set_g(f.gs, 5, status="running", pid=0, line=11, lines=(11,)),
                ps=(replace(f.ps[0], curg=5, runnext=-1, on_g0=False, schedtick=15), f.ps[1]))
    frames.append(f)
    f = _evolve(f, 43, 1_020_000, Event("park", "G5: selectgo: gopark (select)", 5, 0),
                gs=_set_g(f.gs, 5, status="waiting", pid=-1, reason="select", wait_on=("chan#3", "chan#1")),
                ps=(replace(f.ps[0], curg=-1, on_g0=True, status="idle", mid=-1), f.ps[1]),
                sysmon=replace(sm, next_wake_ns=1_040_000, delay_us=40, idle=4))
    frames.append(f)
    f = _evolve(f, 44, 1_050_000, Event("timer_fire", "sysmon: timer#2 (sleep) is due: goready(G6) into the global run queue", 6, -1, "timer#2"),
                gs=_set_g(f.gs, 6, status="runnable", reason="", wait_on=()),
                ps=(f.ps[0], replace(f.ps[1], timers=())), global_runq=(6,))
    frames.append(f)
    f = _evolve(f, 45, 1_060_000, Event("globrunqget", "P1 on g0: globrunqget -> G6", 6, 1),
                gs=_set_g(f.gs, 6, status="running", pid=1, line=30, lines=(30,)), global_runq=(),
                ps=(f.ps[0], _p(1, mid=1, curg=6, tick=10)))
    frames.append(f)
    f = _evolve(f, 46, 1_070_000, Event("chansend", "G6: chansend jobs <- 1: G2 waits in select, direct handoff; goready(G2)", 6, 1, "chan#1"),
                gs=_set_g(_set_g(f.gs, 2, status="runnable", reason="", wait_on=()), 6, line=30),
                ps=(f.ps[0], replace(f.ps[1], runnext=2)))
    frames.append(f)
    f = _evolve(f, 47, 1_080_000, Event("chansend", "G6: chansend jobs <- 1 into the buffer (len 1 of 2)", 6, 1, "chan#1"),
                chans=(replace(jobs, buf=("1",)), results, ctxdone))
    frames.append(f)
    f = _evolve(f, 48, 1_090_000, Event("goexit", "G6 returns: goexit0, status dead", 6, 1),
                gs=_set_g(f.gs, 6, status="dead", pid=-1, line=0, lines=()),
                ps=(f.ps[0], replace(f.ps[1], curg=-1, on_g0=True)))
    frames.append(f)
    f = _evolve(f, 49, 1_100_000, Event("runqget", "P1 on g0: runqget -> G2 (from runnext)", 2, 1),
                gs=_set_g(f.gs, 2, status="running", pid=1, line=14, lines=(14,)),
                ps=(f.ps[0], replace(f.ps[1], curg=2, runnext=-1, on_g0=False, schedtick=11)))
    frames.append(f)
    f = _evolve(f, 50, 2_000_000, Event("timer_fire", "P1: checkTimers runs timer#1: the deadline of ctx#2 passed; cancel(ctx#2)", -1, 1, "timer#1"),
                ps=(replace(f.ps[0], timers=()), f.ps[1]),
                ctxs=(bg, replace(dl, err="context deadline exceeded"), sub))
    frames.append(f)
    f = _evolve(f, 51, 2_000_500, Event("cancel", "cancel(ctx#2): close(ctx.Done()), cancel child ctx#3; goready G1, G3, G4, G5", -1, 1, "ctx#2"),
                chans=(f.chans[0], results, replace(ctxdone, closed=True)),
                ctxs=(bg, replace(dl, err="context deadline exceeded"),
                      replace(sub, err="context deadline exceeded")),
                gs=tuple(replace(g, status="runnable", wait_reason="", wait_on=()) if g.gid in (1, 3, 4, 5) else g
                         for g in f.gs),
                global_runq=(1, 3), ps=(f.ps[0], replace(f.ps[1], runnext=4, runq=(5,))))
    frames.append(f)
    out = Outcome(exit="ok", stdout=("timeout: context deadline exceeded",), stderr=(), message="",
                  goroutines_at_exit=5, elapsed_ns=2_001_000)
    f = _evolve(f, 52, 2_001_000, Event("end", "main.main returned: exit 0", 1, 1),
                stdout=("timeout: context deadline exceeded",), outcome=out)
    frames.append(f)
    prog = FakeProgram("course/programs/deadline.go", DEADLINE_SRC,
                       ("main.worker", "main.main", "main.main.func1"))
    return FakeTrace(prog, frames, settings)
