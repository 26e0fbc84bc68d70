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
        "looks at the context: a Mutex.Lock, a channel operation outside a select with ctx.Done(), a "
        "blocking syscall, a CPU loop that never checks ctx.Err(). Scheduling can make a timer late "
        "next to a busy goroutine (chapter 2 measures how late); defer order matters only for real "
        "mistakes, such as waiting for workers before cancelling them.",
        "context/context.go WithDeadlineCause and (*cancelCtx).cancel, Go 1.27.3 (runtime-notes N9, N10): "
        "nothing in the deadline chain stops a goroutine.",
    ),
    "C2": (
        "The timer created by WithTimeout fires in g0 (the system-stack goroutine).",
        "partly true",
        "The timer function runs on the scheduler's system stack, but that function is time.goFunc, "
        "which only does `go f()`: the cancel runs in a new, ordinary goroutine.",
        "time/sleep.go AfterFunc/goFunc, lines 177-183; runtime/time.go (*timer).unlockAndRun is "
        "//go:systemstack, Go 1.27.3 (Go 1.23+; in 1.14-1.22 the same role is runOneTimer's) "
        "(runtime-notes N6, N8).",
    ),
    "C3": (
        "timerproc cannot wake the waiter immediately.",
        "fabricated",
        "There is no timerproc in Go 1.14 and later: timers live in per-P heaps and are run by the "
        "scheduler. (timerproc goroutines existed up to Go 1.13.)",
        "grep -rn timerproc src/runtime finds nothing in Go 1.19 to 1.27.3; runtime/time.go "
        "(*timer).maybeAdd adds to the current P's heap (Go 1.23+; addtimer -> doaddtimer in 1.14-1.22) "
        "(runtime-notes N7).",
    ),
    "C4": (
        "Dense computation, syscall blocking and `select{}` spinning are non-preemption points.",
        "partly true",
        "Computation is asynchronously preemptible since Go 1.14 (not with GODEBUG=asyncpreemptoff=1, "
        "nor on js/wasm, which has no asynchronous preemption). A blocking syscall stops only its own "
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
        "(Go 1.23+; `checkTimers(pp, 0)` in 1.14-1.22) (runtime-notes N6).",
    ),
    "C6": (
        "Done is already closed but the receiver is not scheduled, so it is delayed or hangs forever.",
        "false",
        "With one P held by a CPU-bound goroutine, Done is not yet closed: the timer cannot run until that "
        "goroutine is preempted. Once Done is closed, its waiters go straight to runnext. A permanent hang "
        "needs asyncpreemptoff=1 (or a platform without asynchronous preemption, such as js/wasm) and a "
        "loop without a call.",
        "runtime/chan.go closechan -> goready -> ready -> runqput(pp, gp, next=true); runtime/proc.go "
        "retake, Go 1.27.3 (runtime-notes N4, N11).",
    ),
    "C7": (
        "Sending to a closed ctx.Done() channel panics.",
        "false",
        "Done() returns a receive-only channel (<-chan struct{}): a send to it does not compile "
        "(\"invalid operation: cannot send to receive-only channel\"). Sending on a closed channel "
        "of your own does panic.",
        "context/context.go: `Done() <-chan struct{}` in the Context interface, Go 1.27.3; gc's "
        "error, Go 1.21.13 and 1.27.3; runtime/chan.go chansend panics on a closed channel.",
    ),
    "C8": (
        "A blocking send on an unbuffered channel, outside a select, blocks forever and cannot react "
        "to Done.",
        "true",
        "True when no receiver ever comes: the sender parks on that channel's send queue, and only a "
        "receive on that channel (or close, which makes it panic) takes it off. Cancelling a context "
        "closes ctx.Done(), a different channel, so the goroutine leaks.",
        "runtime/chan.go chansend: c.sendq.enqueue(mysg), then gopark with waitReasonChanSend, "
        "lines 273-283, Go 1.27.3 (runtime-notes N11).",
    ),
    "C9": (
        "In badHandler, if ch is not closed, the ctx.Done() case never fires.",
        "false",
        "A select waits on all its cases at once: the goroutine is queued on every case's channel, so "
        "closing ctx.Done() at the deadline wakes it, whether or not ch is ever closed.",
        "runtime/select.go selectgo enqueues a waiter on each case's channel (lines 334-336) before "
        "gopark (line 351); runtime/chan.go closechan readies every receiver, Go 1.27.3 "
        "(runtime-notes N11).",
    ),
    "C10": (
        "defer runs after return, LIFO.",
        "partly true",
        "LIFO is right: each goroutine's deferred calls run newest first when the function returns "
        "(after its results are set, before the caller continues), and also while a panic unwinds. A "
        "deferred call's arguments are evaluated at the defer statement, so `defer "
        "fmt.Println(ctx.Err())` prints <nil> even if cancel runs first; a deferred closure reads its"
        " variables when it runs.",
        'The Go specification, "Defer statements"; measured in chapter 4: defer_args_nil.go prints '
        "<nil> for the deferred Println and context canceled for the closure, in the model and on "
        "real Go 1.27.3.",
    ),
    "C11": (
        "If cancel() in a defer depends on Done() closing, cleanup can be delayed because goroutines "
        "have not exited.",
        "false",
        "cancel waits for nothing: under c.mu it stores the error, closes done, cancels the children,"
        " then leaves the parent (a timerCtx also stops its timer). No goroutine has to exit first.",
        "context/context.go (*cancelCtx).cancel, lines 550-580, and (*timerCtx).cancel, lines "
        "680-692, Go 1.27.3; in the model the whole cancel takes no virtual time and parks nobody "
        "(chapter 4, cancel_tree.go).",
    ),
    "C12": (
        "cancel() does not terminate child goroutines, it only closes Done().",
        "true",
        "No goroutine is stopped by cancel; only code that looks at ctx stops. cancel also does more "
        "than close Done: it cancels child contexts, stops the deadline timer and leaves the parent.",
        "context/context.go (*cancelCtx).cancel, lines 550-580, Go 1.27.3; measured in chapter 4: "
        "outlive_cancel.go still has 2 goroutines when process has returned after its deferred "
        "cancel, in the model and on real Go.",
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
        "runtime/chan.go chansend parks the sender on c.sendq only, Go 1.27.3 (runtime-notes N11); "
        "runtime/select.go selectgo queues a select on every case's channel.",
    ),
    "C15": (
        "After cancel(), do <-ctx.Done() to wait for the cancellation to propagate.",
        "false",
        "cancel closes Done before it returns; there is nothing to wait for. To wait for goroutines, use "
        "a sync.WaitGroup.",
        "context/context.go (*cancelCtx).cancel, lines 550-580, Go 1.27.3 (runtime-notes N10): under "
        "c.mu, in the calling goroutine, it closes done before it returns.",
    ),
    "C16": (
        "Insert runtime.Gosched() or time.Sleep(0) in long loops so the timeout can fire.",
        "partly true",
        "time.Sleep(0) returns at once and does not yield; runtime.Gosched() does yield. Since Go "
        "1.14 neither is needed for the timeout to fire (asynchronous preemption), except with "
        "GODEBUG=asyncpreemptoff=1 and on js/wasm, which has no asynchronous preemption.",
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
        "Go 1.27.3 (Go 1.23+; checkTimers in 1.14-1.22) (runtime-notes N1, N6).",
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
        "sysmon runs no timers; it calls timeSleepUntil only to size its deep sleep. The test of the P's "
        "status belongs to retake (preemption and P hand-off): _Prunning, and up to Go 1.25 also "
        "_Psyscall (a state Go 1.26 retired: `_Psyscall_unused`).",
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
        "short: sysmon preempts a goroutine once two of its ticks, at least 10 ms apart, see the same "
        "schedtick. Next to one busy P a 5 ms timeout is typically seen after about 20 ms; it is not a "
        "hard bound (a late sysmon wake-up on a busy machine adds to it), and with asyncpreemptoff=1 a "
        "loop without a call is never preempted.",
        "runtime/proc.go retake, lines 6707-6716, forcePreemptNS = 10 ms, Go 1.27.3 (runtime-notes N4); "
        "chapter 2's spinner experiment measures it, in the model and on real Go.",
    ),
    "C25": (
        "sysmon's osyield() sleeps for an uncontrollable time and amplifies the delay.",
        "false",
        "sysmon sleeps with usleep(delay), a known delay between 20 µs and 10 ms.",
        "runtime/proc.go sysmon, line 6557: usleep(delay), Go 1.27.3 (runtime-notes N2).",
    ),
    "C26": (
        "chansend calls gopark and registers selectgo wake-up logic.",
        "partly true",
        "A plain send that cannot complete enqueues a sudog on c.sendq and calls gopark; selectgo is not "
        "involved, and nothing else is registered.",
        "runtime/chan.go chansend: c.sendq.enqueue(mysg) then gopark(chanparkcommit, ..., waitReasonChanSend, "
        "...), Go 1.27.3 (quoted with line numbers in this chapter).",
    ),
    "C27": (
        "The cancel notification does not immediately reach the blocked sender.",
        "misleading",
        "It never reaches it: nothing links ctx.Done() to the channel the sender waits on, so it is not late "
        "but absent.",
        "runtime/chan.go closechan releases only the closed channel's own recvq and sendq, Go 1.27.3; in the "
        "model and on real Go the senders are still parked long after the deadline.",
    ),
    "C28": (
        "The amd64 'inline assembly of chansend' (CMPQ $0,(ax); JE block; CALL runtime.send).",
        "fabricated",
        "runtime/chan.go is plain Go and Go has no inline assembly. chansend checks closed, then "
        "c.recvq.dequeue(), then the buffer, then parks.",
        "runtime/chan.go chansend, Go 1.27.3 (quoted with line numbers in this chapter).",
    ),
    "C29": (
        "Cancellation only sends a close signal to done.",
        "misleading",
        "Closing is not a send. cancel closes done (waking every goroutine that waits on it), stores the "
        "error, cancels the children and detaches from the parent.",
        "context/context.go (*cancelCtx).cancel, Go 1.27.3 (runtime-notes N10); runtime/chan.go closechan.",
    ),
    "C30": (
        "close(ch) wakes the sender via recvq; after Done closes, the send is delayed until the next "
        "select or scheduling poll.",
        "false",
        "closechan releases the sendq writers, and each one panics: send on closed channel. A plain send "
        "never polls anything.",
        "runtime/chan.go closechan, the comment 'release all writers (they will panic)', Go 1.27.3; run in "
        "this chapter (send_on_closed_panics.go), in the model and on real Go.",
    ),
    "C31": (
        "Diagram: cancel arrives, the sender is still parked, there is no wake-up hook.",
        "true",
        "The parked sender is on ch's sendq only; cancel touches ctx's done channel, not ch.",
        "runtime/chan.go chansend and closechan, Go 1.27.3; the model's channel boxes show the sender on "
        "sendq after done is closed.",
    ),
    "C32": (
        "Obtain cancel with `ctx.(interface{ Cancel() })`.",
        "fabricated",
        "No context of the standard library has a Cancel method, so the assertion fails and the "
        "post's code never cancels anything. The cancel function is the second result of WithCancel, "
        "WithTimeout and WithDeadline.",
        "context/context.go, the Context interface (lines 72-164: Deadline, Done, Err, Value) and the"
        " unexported cancel(removeFromParent, err, cause) of cancelCtx, Go 1.27.3.",
    ),
    "C33": (
        "Done is closed immediately after cancel().",
        "true",
        "Done is closed before cancel returns, by the goroutine that calls cancel, under the "
        "context's lock.",
        "context/context.go (*cancelCtx).cancel: close(d) at line 568, before c.mu.Unlock at line "
        "575, Go 1.27.3; in the model `<-ctx.Done()` after cancel() never parks (chapter 4).",
    ),
    "C34": (
        "A scheduling gap between cancel() and the defer can expose a not-yet-closed Done: a race.",
        "false",
        "cancel and the deferred call run in one goroutine, in program order; Done is closed before "
        "cancel returns. A receive after cancel() returns at once, on any schedule.",
        "context/context.go (*cancelCtx).cancel, lines 562-568, Go 1.27.3; chapter 4 steps it through"
        " (cancel_tree.go: main never parks on <-done).",
    ),
    "C35": (
        "gdb `break runtime.chansend` with a condition on &done_ptr captures the close.",
        "false",
        "Closing a channel is runtime.closechan, not chansend, and cancel never sends on Done; `info "
        "registers` shows the thread, not the goroutine. Use the execution tracer.",
        "runtime/chan.go closechan (line 414), Go 1.27.3; the model's cancel step shows a close and "
        "no send (chapter 4).",
    ),
    "C36": (
        "Done really closes at t0+δ, unpredictable because of the scheduler.",
        "false",
        "Done is closed synchronously inside cancel, so δ is the few instructions of cancel itself; "
        "the scheduler is not involved.",
        "context/context.go (*cancelCtx).cancel, lines 557-575 (under c.mu), Go 1.27.3; in the model "
        "the close has the same virtual time as the cancel call.",
    ),
    "C37": (
        "When a defer starts depends on the defer-chain push order and runtime.deferproc scheduling.",
        "false",
        "Defers never involve the scheduler: the deferred calls run in the returning goroutine, "
        "newest first. Since Go 1.14 a function with at most 8 defers, none in a loop, gets open-"
        "coded defers (no deferproc call at all).",
        "cmd/compile/internal/walk/walk.go maxOpenDefers = 8 (line 279) and walk/stmt.go line 110, Go"
        " 1.27.3; chapter 4 steps the defer stack of one goroutine.",
    ),
    "C38": (
        "The post's diagram: a `default` branch is the race window.",
        "false",
        "There is no window: after cancel() returns, a select on Done never takes default.",
        "context/context.go (*cancelCtx).cancel, line 568 close(d) before cancel returns, Go 1.27.3.",
    ),
    "C61": (
        "`defer cancel()` propagates to the parent (e.g. r.Context()) and interrupts upstream.",
        "false",
        "cancel cancels its own context and its children and then removes itself from the parent; the"
        " parent's Err() stays nil. Cancellation flows down the tree only.",
        "context/context.go (*cancelCtx).cancel, lines 550-580 (removeChild at line 578), Go 1.27.3; "
        "measured in chapter 4: cancel_tree.go prints `request (parent): <nil>` in the model and on "
        "real Go.",
    ),
    "C62": (
        "Use context.WithCancel(context.Background()) inside handlers instead.",
        "false",
        "Harmful: a context made from Background() does not see the client go away or the server shut"
        " down, and loses the request's values. Derive from r.Context(); to outlive a request on "
        "purpose, use context.WithoutCancel(r.Context()) (Go 1.21+).",
        "measured in chapter 4: handler_request_ctx.go, the client leaves after 10 ms: the handler "
        "built on the request stops then, the one built on Background() runs to its 50 ms deadline "
        "(model and real Go).",
    ),
    "C63": (
        "If you derive from r.Context(), never `defer cancel()`; call cancel explicitly instead.",
        "false",
        "`defer cancel()` is the documented idiom; calling cancel on every path by hand is equivalent"
        " and easy to get wrong. Every With* call returns its own cancel.",
        "context/context.go, the WithTimeout doc comment: `defer cancel()  // releases resources if "
        "slowOperation completes before timeout elapses` (line 701), Go 1.27.3.",
    ),
    # -- chapter 6 (source post section 2.5 and chapter 3: diagnosis tools) -------------------------
    "C46": (
        "When a timeout is not honoured, the goroutine is often non-preemptibly blocked in a syscall or a runtime lock.",
        "partly true",
        "The usual culprit is an ordinary operation that takes no context: a sync.Mutex.Lock, a channel "
        "operation outside a select with ctx.Done(), a CPU loop that never checks ctx.Err(). The goroutine "
        "is parked (or running) normally; nothing makes the deadline reach it.",
        "Measured in chapter 6: the mystery service's requests stay parked in sync.Mutex.Lock past their "
        "10 ms deadline (model, execution trace, goroutine profile); runtime/sema.go semacquire1 takes no "
        "context, Go 1.27.3.",
    ),
    "C47": (
        "go tool trace shows scheduling delay; `pprof -mutex` finds the goroutine that holds a mutex longest.",
        "partly true",
        "The trace part is right. go tool pprof has no -mutex flag (the mutex profile's sample values are "
        "contentions and delay), and the mutex profile charges the waiters' delay to the stack of the "
        "unlocker (\"stack traces of holders of contended mutexes\"), with no goroutine ids.",
        "runtime/pprof/pprof.go, the profile list (\"mutex - stack traces of holders of contended "
        "mutexes\"), Go 1.27.3; chapter 6's mutex profile charges the delay to the Unlock in the holder.",
    ),
    "C48": (
        "Even if the timer fired, a goroutine stuck in a lock's wait queue cannot respond.",
        "true",
        "A goroutine parked in Lock is woken only by an Unlock. The deadline's cancel closes ctx.Done(), "
        "a channel the goroutine is not waiting on.",
        "runtime/sema.go semacquire1 / semrelease1, Go 1.27.3; chapter 6's execution trace: the deadline "
        "goroutines ready nobody, the Unlock readies the first waiter.",
    ),
    "C49": (
        "Trace indicators: Block, SyncBlock, GC Pause ... futex wait.",
        "partly true",
        "The execution trace records goroutine state transitions with Go's reasons (`chan receive`, "
        "`chan send`, `select`, `sync`, `sleep`, `preempted`, `syscall`) and GC ranges, and the stack of "
        "the goroutine that readied another. Futex waits are not goroutine events.",
        "runtime/traceruntime.go traceBlockReasonStrings (traceBlockSync: \"sync\"), Go 1.27.3; measured "
        "in chapter 6: go tool trace -d=parsed of the mystery service shows the park reason `sync` with "
        "sync.(*Mutex).Lock on top of the stack.",
    ),
    "C50": (
        "pprof -mutex shows contention=128ms, delay=47ms and the holder's and waiter's goroutine IDs.",
        "fabricated",
        "The numbers are invented, and the mutex profile has no goroutine ids: each record is a delay in "
        "CPU cycles, a count and the unlocker's stack (debug=1: `--- mutex:`, `cycles/second=`, "
        "`sampling period=`, then `<cycles> <count> @ pcs`).",
        "runtime/pprof/pprof.go writeProfileInternal / printCountCycleProfile, Go 1.27.3; chapter 6 "
        "prints a real mutex profile.",
    ),
    "C51": (
        "Turn the mutex profile on with GODEBUG=mutexprofile=1000000.",
        "fabricated",
        "There is no such GODEBUG key; unknown keys are ignored. The switch is "
        "runtime.SetMutexProfileFraction(n) (or go test -mutexprofile=f -mutexprofilefraction=n).",
        "runtime/runtime1.go dbgvars and internal/godebugs/table.go have no \"mutexprofile\" key, Go "
        "1.27.3 (searched in chapter 6); measured there: SetMutexProfileFraction(-1) returns 0 under "
        "GODEBUG=mutexprofile=1.",
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
    "C59": (
        "The error `http: request body timed out` tells you the body read hit the timeout.",
        "fabricated",
        "net/http has no such message. Real ones: `(Client.Timeout exceeded while awaiting headers)`, "
        "`(Client.Timeout or context cancellation while reading body)`, `context deadline exceeded`.",
        "net/http/client.go lines 749 and 1006 hold the two Client.Timeout messages; a search of net/http in "
        "the Go 1.27.3 source finds no `request body timed out` (measured: chapter 6 runs the search).",
    ),
    "C64": (
        "Put select { case <-ctx.Done(): ...; default: } before every channel operation.",
        "false",
        "That is check-then-block: the check sees the context at one instant, and the send after it waits "
        "without it. Only a select that has both the channel operation and <-ctx.Done() as cases works.",
        "runtime/chan.go chansend parks on c.sendq only, Go 1.27.3; stepped through in this chapter on a "
        "schedule where the check passes and the send then blocks for good.",
    ),
    "C65": (
        "The default branch keeps it non-blocking and ctx.Done() has top priority.",
        "false",
        "select has no priority: when several cases are ready it picks one uniformly at random. To make "
        "ctx.Done() win, check it first in a select of its own (with default), then select on both.",
        "runtime/select.go selectgo: the pollorder shuffle (cheaprandn), Go 1.27.3; counted in this chapter "
        "in the model and on real Go.",
    ),
    # -- chapter 7 (source post chapter 4: defensive practices and tools) -----------------------------
    "C60": (
        "http.Client.Timeout covers the whole request; SetConnMaxLifetime indirectly prolongs blocking.",
        "partly true",
        "Client.Timeout does cover the whole exchange (connecting, redirects, reading the body). "
        "SetConnMaxLifetime is not an operation timeout: it caps how long a connection may be reused.",
        "net/http/client.go, the Client.Timeout doc comment; database/sql/sql.go SetConnMaxLifetime, "
        "Go 1.27.3 (not run in this course: the stepper has no net/http).",
    ),
    "C66": (
        "The checks cost 3.2 / 4.1 / 8.7 ns per operation (the post's cost table).",
        "fabricated",
        "No run behind the table is given. Measured here, on two 2-core VMs: a ctx.Err() check adds "
        "about 1 ns per loop iteration on one and 1-3 ns on the other on Go 1.27.3, where Err is an "
        "atomic load, and about 10 ns and 4-6 ns on Go 1.23, where it locked a mutex (what a mutex "
        "costs depends on the processor).",
        "context/context.go (*cancelCtx).Err, Go 1.27.3 (atomic load) and Go 1.23.9 (c.mu.Lock); "
        "chapter 7 times ctx_err_cost.go on both.",
    ),
    "C67": (
        "go vet supports custom checkers injected through the Analyzer interface (with a sketched AST "
        "checker using isContextCreationCall and checkCancelUsage).",
        "partly true",
        "go vet runs a fixed set of analyzers; a custom one runs as its own binary (singlechecker, "
        "multichecker) or through go vet -vettool. The helpers the post shows exist nowhere, and the "
        "check it sketches already exists: lostcancel.",
        "src/cmd/vet/main.go (Go 1.27.3: a fixed list of analyzers) and the vendored "
        "golang.org/x/tools/go/analysis/passes/lostcancel/lostcancel.go; chapter 7 runs go vet for real.",
    ),
    "C68": (
        "vet flags a cancel() that is not deferred, and `ctx, _ :=`.",
        "partly true",
        "A discarded cancel (`ctx, _ :=`) and a path that returns without using cancel are reported. "
        "A direct cancel() on every path is not (it is correct), and neither is a cancel stored in a "
        "struct, appended to a slice or passed to a function that drops it: vet sees it used.",
        "go vet (Go 1.27.3) on course/service/vetcases/main.go, run in chapter 7: measured hits and misses.",
    ),
    "C69": (
        "Attach an eBPF uprobe to go_context_done (a symbol stable since Go 1.22).",
        "fabricated",
        "No such symbol exists. The real ones are Go functions such as context.(*cancelCtx).cancel and "
        "runtime.closechan; Go symbol names and layouts are no stable ABI, and small functions are "
        "inlined away.",
        "go tool nm on a Go 1.27.3 binary, measured in chapter 7: 0 symbols contain go_context_done.",
    ),
    "C70": (
        "Read the done channel with bpf_probe_read_user(&chan_addr, ..., &ctx->done).",
        "false",
        "done is an atomic.Value (two interface words), nil until Done() is first called, and the "
        "shared closedchan when the context was cancelled before anyone asked.",
        "context/context.go type cancelCtx struct and (*cancelCtx).Done, Go 1.27.3.",
    ),
    "C71": (
        "Match sched:sched_wakeup events to goroutines by goroutine ID.",
        "false",
        "sched_wakeup reports OS threads. A goroutine's wake-up (goready) is a run-queue operation in "
        "user space that the kernel never sees. The Go execution tracer records it, with the waking "
        "goroutine and its stack.",
        "runtime/proc.go goready/ready (runqput), Go 1.27.3; chapter 7 reads who readied main from a "
        "real execution trace.",
    ),
    "C72": (
        "eBPF monitoring costs 0.8 % against 62 % for a sidecar.",
        "misleading",
        "Unverifiable: the post gives no setup and no measurement, and nothing in this course depends on "
        "it. The execution tracer and the profiles are the tools the runtime provides.",
        "not measured anywhere: the post gives no setup to reproduce, and the course does not measure eBPF.",
    ),
    # -- chapter 5 (source post section 2.4, "Go 1.21+ timer optimisation") ------------------------
    "C39": (
        "Go 1.21 introduced batch wake-up and lazy cleanup of timers.",
        "fabricated",
        "Go 1.21 changed nothing in how timers run. Lazy deletion of stopped timers and running every "
        "due timer in one pass were already in Go 1.19 (and 1.14); the big timer rewrite came in 1.23.",
        "The 1.19.8 -> 1.21.13 diff of runtime/time.go only turns fields into atomic types and renames a "
        "trace constant; 1.19's checkTimers already loops `for len(pp.timers) > 0 { ... runtimer ... }` "
        "(fact sheet C39).",
    ),
    "C40": (
        "Timers no longer start a goroutine per timeout.",
        "false",
        "Every fired context deadline starts one new goroutine, on every version: WithDeadline arms "
        "time.AfterFunc, whose timer function goFunc does `go f()`. A deadline cancelled first starts none.",
        "time/sleep.go goFunc, lines 181-183 (`go arg.(func())()`), context/context.go WithDeadlineCause "
        "line 653 (`time.AfterFunc`), Go 1.27.3; this chapter's table: 1,000 fired deadlines create 1,000 "
        "goroutines on 1.21.13, 1.22.10, 1.23.9 and 1.27.3.",
    ),
    "C41": (
        "A global timerProc schedules all timeouts.",
        "fabricated",
        "There is no timerProc. Up to Go 1.13 timers were run by timerproc goroutines (one per timer "
        "bucket); since 1.14 each P has its own timer heap, run by the scheduler on the M's g0 stack.",
        "grep -rn timerproc src/runtime finds nothing in Go 1.19 to 1.27.3; runtime/time.go "
        "(*timer).maybeAdd adds to `mp.p.ptr().timers`, the current P's heap, Go 1.27.3.",
    ),
    "C42": (
        "runtime.timer gained a `pp` field in 1.21 for per-P caching.",
        "false",
        "The `pp` field (the P whose heap holds the timer) is older: per-P heaps came in 1.14 and 1.19 "
        "already has `pp puintptr`. Go 1.23 removed it: a timer now points to its heap (`ts *timers`).",
        "runtime/time.go type timer, Go 1.19.8 (`pp puintptr`) and Go 1.27.3 (`ts *timers`, `mu mutex`; "
        "type timers at line 136).",
    ),
    "C43": (
        "Table 'Go 1.20 vs Go 1.21+': delay 1.8 -> 0.3 ms, goroutines 986 -> 12, allocations "
        "2.1M -> 0.17M allocs/s.",
        "fabricated",
        "No such step exists between 1.20 and 1.21, and no version behaves like the right-hand column: "
        "measured in this chapter on 1.21.13, 1.22.10, 1.23.9 and 1.27.3, 1,000 fired deadlines create "
        "1,000 goroutines everywhere, allocations per WithTimeout + cancel are the same, and the median "
        "delay is milliseconds with no version trend.",
        "This chapter's measured table (MEASURE_GO in lib/gostep/course/ch5.py, one run per toolchain); "
        "fact sheet section 3.",
    ),
    "C44": (
        "Go 1.21+ delivers Done within 5 ms ±0.05 ms at P99; 1.20 had a 1.2 ms tail; runtime.timersLock "
        "contention dropped 97 %.",
        "fabricated",
        "There is no global runtime.timersLock (1.14 to 1.22: a per-P timersLock; 1.23+: each heap's "
        "timers.mu), so there is nothing to drop by 97 %. Timer delivery on Linux has millisecond "
        "granularity: netpoll rounds a sub-millisecond wait up to 1 ms.",
        "runtime/time.go type timers (`mu mutex`), runtime/netpoll_epoll.go netpoll (`delay < 1e6` -> "
        "`waitms = 1`), Go 1.27.3; this chapter's table measures the delay on each toolchain.",
    ),
    "C45": (
        "Diagram: 1.20 starts a goroutine and waits; 1.21 uses a P-local heap and timerProc, with no "
        "extra goroutine.",
        "false",
        "Both sides are wrong: since 1.14 every version keeps timers in P-local heaps without a "
        "timerProc, and every version starts one goroutine per fired deadline.",
        "runtime/time.go (*timer).maybeAdd and time/sleep.go goFunc, Go 1.27.3; this chapter's table "
        "(1,000 goroutines per 1,000 fired deadlines on every toolchain).",
    ),
}
