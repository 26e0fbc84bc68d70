"""What one step of a run looks like to everything downstream of the stepper.

A Frame is a self-contained, immutable picture of the modelled runtime after one step: the views
(lib/gostep/views) are pure functions of a Frame, and the widgets only move a cursor over frames.
Nothing here refers back to the State arrays of the stepper; `Trace.frame(i)` decodes step i's
snapshot into these dataclasses.

Names follow Go's runtime (runtime2.go): G statuses, wait reasons and P statuses are Go's strings.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# G status strings, as Go's runtime names them (runtime2.go _Grunnable ...), plus "dead".
G_STATUSES = ("idle", "runnable", "running", "waiting", "dead")
# P status strings (runtime2.go _Pidle, _Prunning, _Pgcstop).
P_STATUSES = ("idle", "running", "gcstop")


@dataclass(frozen=True)
class GView:
    gid: int                 # Go's goroutine id: main is 1, then 2, 3, ... in creation order
    status: str              # one of G_STATUSES
    wait_reason: str = ""    # Go's waitReason string when waiting: "chan send", "chan receive",
                             # "select", "select (no cases)", "sleep", "sync.WaitGroup.Wait",
                             # "sync.Mutex.Lock", "chan send (nil chan)", "chan receive (nil chan)"
    wait_on: tuple = ()      # what it waits on, e.g. ("chan#1",) or ("chan#1", "chan#3") for select
    func: str = ""           # Go name of the function the G started in: "main.main", "main.worker",
                             # "main.main.func1", "context.WithDeadlineCause.func2", "time.goFunc"
    line: int = 0            # current source line (of the innermost frame), 0 if none
    lines: tuple = ()        # source lines of every frame, outermost first (a call stack)
    pid: int = -1            # P it runs on when running, else -1
    created_by: int = 0      # gid of the creator (0 for main and for Gs started by a timer on g0)
    preempt: bool = False    # preemption requested (gp.preempt) and not yet taken


@dataclass(frozen=True)
class TimerView:
    tid: int
    when_ns: int             # when it fires (virtual ns)
    kind: str                # "sleep", "deadline", "afterfunc", "chan" (NewTimer/After), "ctxafterfunc"
    target: str              # "G3" (sleep), "ctx#2" (deadline), "chan#4", "func"
    pid: int                 # the P whose heap holds it


@dataclass(frozen=True)
class PView:
    pid: int
    status: str              # one of P_STATUSES
    mid: int                 # M bound to this P (-1 when the P is idle and no M holds it)
    curg: int                # gid running on it, -1 if none
    on_g0: bool              # the M is running the scheduler on its g0 stack right now
    runnext: int             # gid in runnext, -1 if empty
    runq: tuple              # local run queue, head first
    schedtick: int
    timers: tuple            # TimerView, sorted by when_ns


@dataclass(frozen=True)
class ChanView:
    cid: int
    name: str                # a Go expression naming it when known ("ch", "ctx.Done()", "t.C"), else ""
    cap: int
    buf: tuple               # buffered values as display strings, head first
    closed: bool
    sendq: tuple             # gids parked sending, head first
    recvq: tuple             # gids parked receiving, head first
    elem: str = "int"        # element type as Go spells it


@dataclass(frozen=True)
class CtxView:
    cid: int
    parent: int              # 0 for Background/TODO
    kind: str                # "background", "todo", "cancel", "deadline", "withoutcancel"
    done_cid: int            # channel id of Done(), 0 if never created
    err: str                 # "" (nil), "context canceled", "context deadline exceeded"
    cause: str = ""
    deadline_ns: int = -1


@dataclass(frozen=True)
class SysmonView:
    next_wake_ns: int
    delay_us: int            # current usleep delay (20 .. 10000)
    idle: int                # idle rounds counted
    sleeping_deep: bool = False


@dataclass(frozen=True)
class Event:
    kind: str                # see EVENT_KINDS
    text: str                # one-line narration: "P0 on g0: runqget -> G3"
    gid: int = -1            # the G it is about (-1 if none)
    pid: int = -1            # the P it happened on (-1: sysmon or none)
    obj: str = ""            # "chan#1", "timer#2", "ctx#3", ...


# Event kinds, each one kind of step. The player's "next <kind>" buttons use these.
EVENT_KINDS = (
    "start", "schedule", "findrunnable", "runqget", "globrunqget", "steal", "execute", "line",
    "go", "park", "ready", "chansend", "chanrecv", "close", "select", "block",
    "timer_add", "timer_fire", "timer_stop", "sysmon", "preempt_request", "preempted",
    "gosched", "defer", "panic", "recover", "cancel", "print", "exit", "idle", "wakep",
    "goexit", "deadlock", "stw", "choice", "end",
)


@dataclass(frozen=True)
class Outcome:
    exit: str                # "ok" | "panic" | "deadlock" | "fatal" | "hang" | "compile_error"
    stdout: tuple
    stderr: tuple
    message: str
    goroutines_at_exit: int | None
    elapsed_ns: int

    def to_json(self) -> dict:
        return {"exit": self.exit, "stdout": list(self.stdout), "stderr": list(self.stderr),
                "message": self.message, "goroutines_at_exit": self.goroutines_at_exit,
                "elapsed_ns": self.elapsed_ns}


@dataclass(frozen=True)
class Frame:
    step: int
    time_ns: int
    event: Event
    gs: tuple                # GView, by gid (dead Gs included until the end, status "dead")
    ps: tuple                # PView, by pid
    global_runq: tuple       # gids, head first
    chans: tuple             # ChanView
    ctxs: tuple = ()         # CtxView
    sysmon: SysmonView | None = None
    stdout: tuple = ()       # lines printed so far
    outcome: Outcome | None = None   # set on the last frame only
    source_name: str = ""    # file name of the Go program
    settings: dict = field(default_factory=dict)   # gomaxprocs, godebug, go version, seed

    def g(self, gid: int) -> GView | None:
        for g in self.gs:
            if g.gid == gid:
                return g
        return None
