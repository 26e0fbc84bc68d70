"""The claims of the source post that chapters 0 to 2 touch, with verdicts and evidence.

Copied from the project's fact sheet (claim register C1..C73, checked against Go 1.19 to 1.27.3
source and real runs). Each entry: the claim as the source post makes it, the verdict, the fact to
teach, and the evidence (a Go source location of Go 1.27.3, see docs/runtime-notes.md, or a
measurement). Notebooks call `myth("C20")`; a notebook may add a measurement it made itself with
`myth("C20", measured=...)`.

Verdicts: true, partly true, false, misleading, fabricated (invented code, data, API or symbol).
"""
from __future__ import annotations

VERDICTS = ("true", "partly true", "false", "misleading", "fabricated")

# id: (claim, verdict, fact, evidence)
CLAIMS: dict[str, tuple[str, str, str, str]] = {
    "C1": (
        "WithTimeout 'fails' because of three traps: the g0 scheduler, chan-send blocking and defer order.",
        "partly true",
        "A timeout is a signal; only code that listens to it stops. The usual cause is code that never "
        "looks at the context: a blocking operation outside a select, a Mutex.Lock, a syscall, a CPU loop. "
        "Scheduling adds a bounded delay (about 10-20 ms next to one busy P); defer order matters only "
        "for real mistakes.",
        "context/context.go WithDeadlineCause and (*cancelCtx).cancel, Go 1.27.3 (runtime-notes N9, N10): "
        "nothing in the deadline chain stops a goroutine.",
    ),
    "C2": (
        "The timer created by WithTimeout fires in g0 (the system-stack goroutine).",
        "partly true",
        "The timer function runs on the scheduler's system stack, but that function is time.goFunc, "
        "which only does `go f()`: the cancel runs in a new, ordinary goroutine.",
        "time/sleep.go AfterFunc/goFunc, lines 177-183; runtime/time.go (*timer).unlockAndRun is "
        "//go:systemstack, Go 1.27.3 (runtime-notes N6, N8).",
    ),
    "C3": (
        "timerproc cannot wake the waiter immediately.",
        "fabricated",
        "There is no timerproc in Go 1.14 and later: timers live in per-P heaps and are run by the "
        "scheduler. (timerproc goroutines existed up to Go 1.13.)",
        "grep -rn timerproc src/runtime finds nothing in Go 1.19 to 1.27.3; runtime/time.go "
        "(*timer).maybeAdd adds to the current P's heap (runtime-notes N7).",
    ),
    "C4": (
        "Dense computation, syscall blocking and `select{}` spinning are non-preemption points.",
        "partly true",
        "Computation is asynchronously preemptible since Go 1.14. A blocking syscall stops only its own "
        "goroutine (sysmon hands the P off). `select{}` does not spin: it parks forever.",
        "runtime/proc.go preemptone (SIGURG via preemptM); runtime/select.go block() calls "
        "gopark(..., waitReasonSelectNoCases, ...), Go 1.27.3 (runtime-notes N5, N14).",
    ),
    "C5": (
        "g0 does not take part in user goroutine run queues, only system tasks.",
        "misleading",
        "g0 is never on a run queue, but the code that runs on g0 (schedule, findRunnable, timers.check, "
        "ready) is exactly what fires timers and puts goroutines on run queues.",
        "runtime/proc.go findRunnable: `pp.timers.check(0, nil)` (line 3430) before runqget, Go 1.27.3 "
        "(runtime-notes N6).",
    ),
    "C6": (
        "Done is already closed but the receiver is not scheduled, so it is delayed or hangs forever.",
        "false",
        "With one P held by a CPU-bound goroutine, Done is not yet closed: the timer cannot run until that "
        "goroutine is preempted. Once Done is closed, its waiters go straight to runnext. A permanent hang "
        "needs asyncpreemptoff=1 and a loop without a call.",
        "runtime/chan.go closechan -> goready -> ready -> runqput(pp, gp, next=true); runtime/proc.go "
        "retake, Go 1.27.3 (runtime-notes N4, N11).",
    ),
    "C13": (
        "Always select on ctx.Done() instead of polling ctx.Err().",
        "partly true",
        "select is for blocking channel waits. In a CPU-bound loop, polling ctx.Err() is right and cheap "
        "(a lock-free atomic load since Go 1.25).",
        "context/context.go cancelCtx.err is an atomic.Value (Go 1.25+); measured 6.7-11.7 ns per call.",
    ),
    "C14": (
        "Avoid blocking sends on unbuffered channels outside select.",
        "true",
        "Any channel operation that may outlive its partner goes in a select with <-ctx.Done(), or has "
        "guaranteed buffer space (a buffer of one for a single result).",
        "runtime/chan.go chansend parks the sender on c.sendq only (runtime-notes N11); measured: 100 "
        "timed-out calls leave 100 goroutines in [chan send].",
    ),
    "C15": (
        "After cancel(), do <-ctx.Done() to wait for the cancellation to propagate.",
        "false",
        "cancel closes Done before it returns; there is nothing to wait for. To wait for goroutines, use "
        "a sync.WaitGroup.",
        "context/context.go (*cancelCtx).cancel, lines 550-580, Go 1.27.3 (runtime-notes N10); measured "
        "0 misses in 200 000 tries.",
    ),
    "C16": (
        "Insert runtime.Gosched() or time.Sleep(0) in long loops so the timeout can fire.",
        "partly true",
        "time.Sleep(0) returns at once and does not yield; runtime.Gosched() does yield. Neither is "
        "needed for correctness since Go 1.14 (asynchronous preemption).",
        "runtime/time.go timeSleep: `if ns <= 0 { return }`, lines 335-338, Go 1.27.3 (runtime-notes N13); "
        "measured on one P: Sleep(0) about 20 ms, Gosched 5.0-5.8 ms.",
    ),
    "C17": (
        "Use a buffered channel or a select with default for a non-blocking write.",
        "partly true",
        "A buffer of one is right for a single result. select with default silently drops the value; "
        "prefer `select { case ch <- v: case <-ctx.Done(): }`.",
        "runtime/chan.go chansend with block=false returns false when nobody receives (the value is lost).",
    ),
    "C18": (
        "Write `cancel(); <-ctx.Done()` to avoid defer timing misalignment.",
        "false",
        "There is no misalignment: a deferred cancel runs in program order and closes Done before it "
        "returns.",
        "context/context.go (*cancelCtx).cancel, Go 1.27.3 (runtime-notes N10).",
    ),
    "C19": (
        "The scheduler relies on g0 for preemption checks and timer polling; it is not strictly periodic.",
        "partly true",
        "Scheduling code runs on each M's g0. Preemption requests come from sysmon (its own M, no P) and "
        "from the GC. Timers run whenever a P enters the scheduler, or when an idle M's netpoll sleep ends.",
        "runtime/proc.go main: newm(sysmon, nil, -1); findRunnable and stealWork call timers.check, "
        "Go 1.27.3 (runtime-notes N1, N6).",
    ),
    "C20": (
        "sysmon wakes every 20 ms (hard-coded).",
        "false",
        "sysmon sleeps 20 µs; after 50 rounds in which it found nothing to do, the sleep doubles each "
        "round up to 10 ms. Preempting a goroutine does not reset it, so a busy program keeps sysmon at "
        "10 ms ticks.",
        "runtime/proc.go sysmon, lines 6537-6557, Go 1.27.3 (runtime-notes N2); strace: 20 µs x51, 40, "
        "80, ... 5120 µs, then 10 ms.",
    ),
    "C21": (
        "sysmon checks the timer heap and calls runTimer when the P is in Psyscall or Prunning.",
        "fabricated",
        "sysmon runs no timers; it calls timeSleepUntil only to size its deep sleep. The "
        "Prunning/Psyscall test belongs to retake (preemption and P hand-off).",
        "runtime/proc.go sysmon, lines 6609-6666, and retake, Go 1.27.3 (runtime-notes N3, N4).",
    ),
    "C22": (
        "A 100 ms timer is 'completely lost' while its P is in _Pgcstop.",
        "fabricated",
        "A _Pgcstop P keeps its run queue; startTheWorld restarts the scheduler on it.",
        "runtime/runtime2.go, the _Pgcstop comment, lines 148-156, Go 1.27.3 (runtime-notes N16).",
    ),
    "C23": (
        "The source post's sysmon listing (atomic.Load64(&forcegc.idle), a direct gcStart, osyield()).",
        "fabricated",
        "forcegc.idle is an atomic.Bool; sysmon injects the forcegc goroutine, which calls gcStart; the "
        "period is 2 minutes; sysmon sleeps with usleep.",
        "runtime/proc.go sysmon, lines 6654-6660, and forcegcperiod = 2 * 60 * 1e9 (line 6527), "
        "Go 1.27.3 (runtime-notes N3).",
    ),
    "C24": (
        "Timers are checked passively in findrunnable, so there are blind windows, especially when a P "
        "is bound to a high-priority G.",
        "partly true",
        "Timers are run by the scheduler, yes. But Go has no goroutine priorities, and the window is "
        "bounded: sysmon preempts a goroutine once two of its ticks, at least 10 ms apart, see the same "
        "schedtick. Next to one busy P a 5 ms timeout is seen after about 20 ms.",
        "runtime/proc.go retake, lines 6707-6716, forcePreemptNS = 10 ms, Go 1.27.3 (runtime-notes N4); "
        "measured median 20.2-24.0 ms on Go 1.21 to 1.27.",
    ),
    "C25": (
        "sysmon's osyield() sleeps for an uncontrollable time and amplifies the delay.",
        "false",
        "sysmon sleeps with usleep(delay), a known delay between 20 µs and 10 ms.",
        "runtime/proc.go sysmon, line 6557: usleep(delay), Go 1.27.3 (runtime-notes N2).",
    ),
    "C52": (
        "Run with GODEBUG=schedtrace=1000 + GODEBUG=gctrace=1.",
        "partly true",
        "Several settings go in one variable, comma-separated: GODEBUG=schedtrace=1000,gctrace=1. With "
        "two assignments the last one wins.",
        "runtime/extern.go, the GODEBUG doc; measured: two assignments give 0 SCHED lines.",
    ),
    "C53": (
        "schedtrace prints M/P/G states, run-queue lengths and blocking events.",
        "partly true",
        "The default line holds counters, the global run queue and each P's local queue length. P, M and "
        "G detail needs scheddetail=1. There are no blocking events.",
        "runtime/proc.go schedtrace, line 6957, Go 1.27.3 (runtime-notes N15).",
    ),
    "C54": (
        "gctrace prints at GC start and at GC end.",
        "false",
        "gctrace prints one line per completed GC cycle.",
        "runtime/extern.go, the gctrace doc, Go 1.27.3.",
    ),
    "C55": (
        "In schedtrace, runqueue = global + local, and a `gc` field shows the GC phase.",
        "fabricated",
        "runqueue= is the global run queue only; the bracketed numbers are the local queues. There is no "
        "GC-phase field (scheddetail=1 adds gcwaiting=).",
        "runtime/proc.go schedtrace, line 6957: ' runqueue=', sched.runq.size, Go 1.27.3 (runtime-notes N15).",
    ),
}
