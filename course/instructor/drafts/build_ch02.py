"""Build the draft notebook of chapter 2, the scheduler, g0 and sysmon (run from the repo root; OUT=dir, default .cache/drafts)."""
import sys, os; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nbgen import md, code, notes, write
SPIN = os.environ.get("SPIN", "spin_timeout")

cells = [
md("""
# 2 · The scheduler, g0 and sysmon

**Where a deadline fires, who runs it, and why one busy P makes it late.**

**After this chapter you can:**
- say what runs on g0 (`schedule`, `findRunnable`, the timer functions) and what the run queues and
  `runnext` are for;
- follow a deadline from the timer in a P's heap to the waiting goroutine running again, link by
  link, in the model and in a real execution trace;
- explain why, on one P, a 5 ms timeout next to a CPU-bound goroutine is seen after about 20 ms, not
  10 ms and not never, and why `GODEBUG=asyncpreemptoff=1` with a call-free loop hangs;
- read sysmon's sleep schedule and a `GODEBUG=schedtrace` line.

**Prerequisites:** chapters 0 and 1. **Time:** self-study 60 minutes; workshop 45 minutes.
""", tags=["objectives"], slide="slide"),
notes("""Workshop timing: 5 min G/M/P/g0 recap in the player, 10 min on the deadline chain (step it
link by link on the projector, then the real trace), 15 min on the spinner experiment (collect
predictions for each row by show of hands before running it), 5 min sysmon and schedtrace, 10 min
exercises in pairs. The sweep cell takes a few seconds; start it while you talk."""),
md("""
## The symptom

*"In production (a container with one CPU, so GOMAXPROCS=1) our 5 ms timeout fires after about
20 ms whenever a report is being computed. On a test box someone set `GODEBUG=asyncpreemptoff=1`
and the timeout never fired at all."*
""", slide="slide"),
md("""
## The program

One goroutine computes in a loop forever; `main` waits for a 5 ms `WithTimeout` and prints how long
it actually waited.
"""),
code(f"""
%matplotlib inline
import gostep as gs
import gostep.course as gsc

gsc.show_source("{SPIN}")
"""),
code("""
# Compile the stepper now if it is not cached yet (once per machine; this cell says so).
_ = gs.simulate(gs.load("programs/ping_pong.go"))
""", tags=["nbval-ignore-output"], slide="skip"),
md("""
## G, M, P and g0

Every M (an OS thread) has two stacks the course cares about: the stack of the goroutine it runs,
and **g0**, its own scheduler stack. When a goroutine parks, yields or is preempted, the M switches
to g0 and runs `schedule` → `findRunnable`, which, in order (`runtime/proc.go`, Go 1.27.3; notes
N6):

1. runs the P's **due timers** (`pp.timers.check`),
2. every 61st tick, takes a G from the **global run queue** (fairness),
3. takes the P's **runnext**, then the head of its **local run queue**,
4. then the global queue, the network poller, and finally **steals** from other Ps (and runs their
   timers).

So timers do fire on g0, but only when a scheduler pass happens. The question of this chapter is:
*when is the next scheduler pass?*
""", slide="slide"),
md("""
## Predict
"""),
code("""
gsc.predict(
    "GOMAXPROCS=1. One goroutine spins in `for { x++ }`; main waits for a 5 ms WithTimeout. "
    "When does main see ctx.Done()?",
    ["after about 5 ms", "after about 10 ms", "after about 20 ms (between 10 and 30)", "never"],
    answer=2,
    explanation="The timer is in the only P's heap, and only a scheduler pass on g0 runs it. The spinner "
                "holds the P until sysmon preempts it: sysmon must see the same schedtick on two of its "
                "ticks, at least 10 ms apart (retake, forcePreemptNS = 10 ms, runtime/proc.go, Go 1.27.3). "
                "Its ticks are 10 ms apart by then, so the preemption comes 10 to 20 ms into the slice.")
""", tags=["predict"]),
md("""
## Step through

Watch for: the scheduler on **g0** (the P shows *g0* instead of a goroutine), the **timer** in P0's
heap, each **sysmon tick** (*sysmon tick ▶*), the **preemption**, and then the **timer fire**.
"""),
code(f"""
prog = gs.load("programs/{SPIN}.go")
trace = gs.simulate(prog, gomaxprocs=1, seed=0)
print(trace.outcome.exit, list(trace.outcome.stdout))
"""),
code("""
gs.show(trace)
"""),
md("""
What sysmon did, and when the spinner was stopped:
"""),
code("""
gsc.steps(trace, ["preempt_request", "preempted", "timer_fire"])
"""),
md("""
## The chain from deadline to running waiter

`WithTimeout` is `WithDeadline`, which arms `time.AfterFunc(d, cancel)` (notes N9). When the
deadline passes, each link is one step of the model:

1. a scheduler pass on g0 finds the timer due in the P's heap and runs it (**timer_fire**);
2. the timer's function, `time.goFunc`, does `go f()`: a **new goroutine** (notes N8);
3. that goroutine runs **cancel** (notes N10),
4. which **closes** `ctx.Done()`,
5. which **readies** the waiting `main` into `runnext` (`closechan` → `goready`, notes N11);
6. `main` **runs** at the P's next scheduling point.
""", slide="slide"),
code("""
chain_prog = gs.load("programs/deadline_chain.go")
chain = gs.simulate(chain_prog, gomaxprocs=1, seed=0)
print(list(chain.outcome.stdout))
gsc.deadline_chain(chain, waiter=1)
"""),
code("""
gs.show(chain)
"""),
md("""
**The same chain in a real execution trace.** `gs.real.trace` runs the same file on real Go with
the runtime's execution tracer on and reads the events back. The links appear as goroutine state
transitions: the timer's goroutine is created by the scheduler (no goroutine: `G=-1`), starts,
unblocks `main` from `context.(*cancelCtx).cancel`, and exits; then `main` runs. Times are relative
to `WithTimeout`; real ones vary from run to run, so they are not compared.
"""),
code("""
real_trace = gs.real.trace("programs/deadline_chain.go", gomaxprocs=1)
both = gsc.chain_side_by_side(chain, real_trace)
both
""", tags=["real-go", "nbval-ignore-output"]),
code("""
ax = both.plot()
""", tags=["nbval-ignore-output"]),
code("""
print("real Go shows the model's links, in the model's order:", both.same_order())
""", tags=["real-go"]),
md("""
## Real Go

The same file, five runs on real Go with GOMAXPROCS=1. Each run times eleven 5 ms timeouts in a
row and prints the fastest of the last ten: the raw values first, then the deterministic
conclusion, beside the model's.
""", slide="slide"),
code(f"""
FASTEST = "fastest of 10 timeouts:"
real = gsc.real_delays("programs/{SPIN}.go", runs=5, gomaxprocs=1, label=FASTEST, timeout="5s")
print(gsc.summary(real, "real Go"))
""", tags=["real-go", "nbval-ignore-output"]),
code("""
print(gsc.summary(gsc.model_delays(prog, seeds=range(2), gomaxprocs=1, label=FASTEST), "model"))
gsc.band(real, 10, 30)
""", tags=["real-go"]),
md("""
## The spinner experiment

The same 5 ms timeout beside different loops, on one P and two, with and without
`asyncpreemptoff=1`. The loops come from one template (`gsc.spinner_program(kind)` prints it):

| kind | loop | what can stop it |
| --- | --- | --- |
| none | (no spinner) | nothing to stop: the baseline |
| tight | `for { x++ }` | only an asynchronous preemption (a signal) |
| call | `for { x = fib(x%20) + 1 }` | also a cooperative preemption, at the call's stack check |
| sleep0 | `for { time.Sleep(0); x++ }` | the same as *call*: `Sleep(0)` returns at once (notes N13) |
| gosched | `for { runtime.Gosched(); x++ }` | it yields itself, every iteration |

Predict each row before you run the next cell: about 5 ms, about 20 ms, or never?
""", slide="slide"),
code("""
exp = gsc.experiment(seeds=range(5), runs=20)
exp
"""),
code("""
print(exp.real_text())
fig = exp.plot()
""", tags=["nbval-ignore-output"]),
code("""
for s in exp.settings:
    model_hangs = all(v is None for v in exp.model[s])
    real_hangs = exp.real.get(s) is not None and all(v is None for v in exp.real[s])
    print(f"{s.label:<28} hangs in the model: {model_hangs!s:<5}  on real Go: {real_hangs}")
""", tags=["real-go"]),
md("""
How to read it:

- **One P, any loop that does not yield** (*tight*, *call*, *sleep0*): about 20 ms. The timer waits
  for the spinner to be preempted; sysmon, ticking every 10 ms, notices the new time slice on one
  tick and preempts on a later tick that finds it at least 10 ms old: 10 to 20 ms after the slice
  began, and the timeout was armed just after it began.
- **Two Ps:** on time. The idle P's M sleeps in the network poller only until the earliest timer,
  wakes, and runs the other P's timer (`stealWork`).
- **gosched:** on time: every yield is a scheduler pass that checks the timers.
- **asyncpreemptoff=1:** the *call* loop is still stopped, at its call's stack check (cooperative
  preemption); the *tight* loop has no call, nothing can stop it, the timer never runs: **hang**.
""", slide="subslide"),
md("""
## sysmon's sleep

sysmon sleeps 20 µs; after 50 rounds in which it did nothing (preempting does not count), it
doubles the sleep each round up to 10 ms (`runtime/proc.go` `sysmon`, Go 1.27.3; notes N2). In the
model run above:
""", slide="slide"),
code("""
gsc.sysmon_sleeps(trace)
"""),
md("""
And from the operating system, where `strace` is available (each sysmon sleep is one `nanosleep`
system call of sysmon's thread). Without strace, the cell shows the fact sheet's recorded run and
says so. This program runs long enough (eleven timeouts in a row) to reach the 10 ms cap.
"""),
code(f"""
gsc.strace_sysmon("programs/{SPIN}.go", gomaxprocs=1)
""", tags=["nbval-ignore-output"]),
md("""
## schedtrace: the scheduler's own summary

`GODEBUG=schedtrace=10` makes sysmon print one line every 10 ms (notes N15). The fields of Go
1.27.3: `gomaxprocs`, `idleprocs`, `threads`, `spinningthreads`, `needspinning`, `idlethreads`,
`runqueue` (the **global** run queue only), then each P's local queue length in brackets, and
`schedticks=[...]` (each P's `schedtick`, since Go 1.25).
""", slide="slide"),
code(f"""
sched = gsc.sched_view(gs.real.schedtrace("programs/{SPIN}.go", period_ms=10, gomaxprocs=1))
sched
""", tags=["nbval-ignore-output"]),
code("""
ax = sched.plot()
""", tags=["nbval-ignore-output"]),
md("""
Read it: `runqueue` (global) and the bracket (P0's local queue) stay near 0, because the only
runnable goroutines take turns on the one P; P0's `schedtick` grows slowly, by one per new time
slice (each preemption of the spinner, each time main runs), never by one per loop iteration. The conclusion that does
not depend on the run:
"""),
code("""
print("every line has one local queue and one schedtick per P (Go 1.25+ format):", sched.fields_ok())
"""),
md("""
## Myth vs fact
""", slide="slide"),
code("""
gsc.myths("C2", "C3", "C4", "C5", "C6", "C16", "C19", "C20", "C21", "C22", "C23", "C24", "C25",
          "C52", "C53", "C54", "C55")
""", tags=["myth"]),
md("""
## The fix

On one P the timeout is late, not lost, and the lateness is bounded (about 10 to 20 ms) since Go
1.14. When that matters, the loop must give the P back: `runtime.Gosched()` in the loop is a
scheduler pass each time, so the timer runs on time. (For the loop to *stop* at the deadline, it
must also check `ctx.Err()`; with one P, that check sees the deadline only once the timer has run.)
""", slide="slide"),
code("""
fixed = gs.parse(gsc.spinner_program("gosched"), name="spin_gosched.go")
print(list(gs.simulate(fixed, gomaxprocs=1, seed=0).outcome.stdout))
""" ),
code("""
real_fixed = gsc.real_delays(gsc.spinner_program("gosched"), runs=20, gomaxprocs=1)
print(gsc.summary(real_fixed, "real Go"))
""", tags=["real-go", "nbval-ignore-output"]),
code("""
gsc.band(real_fixed, 4.5, 6.0, stat="min")
"""),
md("""
## Exercise 1

Make **main** see the 5 ms deadline within **1 ms** of it, on one P, without changing GOMAXPROCS. Edit only `spin`. The check runs your program through the stepper
and says what it saw.
""", tags=["exercise"], slide="slide"),
code('''
answer = gsc.spinner_program("tight")   # or paste the program as a string and edit spin()
gsc.check_spinner_deadline(answer)
''', tags=["check"]),
code('''
# Solution: yield in every iteration; each yield is a scheduler pass on g0 that runs due timers.
solution = gsc.spinner_program("tight").replace("\\t\\tx++\\n\\t}", "\\t\\truntime.Gosched()\\n\\t\\tx++\\n\\t}")
solution = solution.replace('"fmt"\\n', '"fmt"\\n\\t"runtime"\\n')
gsc.check_spinner_deadline(solution)
''', tags=["solution"]),
md("""
## Exercise 2

On one P with `GODEBUG=asyncpreemptoff=1`, which of these four loops hang (main never sees the
deadline)? Answer with a set of letters. The check says, for each loop, what real Go 1.27.3 did with
it and why, and whether the model agrees.
""", tags=["exercise"]),
code("""
gsc.show_loops()
"""),
code("""
answer = {"A"}   # your answer
gsc.check_hanging_loops(answer)
""", tags=["check"]),
code("""
# Solution: A has no call at all; B's call to the tiny leaf inc is inlined (no stack check). C calls
# fib, a non-leaf function that is never inlined: its prologue's stack check takes the preemption.
# D calls time.Sleep, a real call with a stack check (Sleep(0) returns at once but the call happens).
gsc.check_hanging_loops({"A", "B"})
""", tags=["solution"]),
md("""
## Key points

- Timers live in per-P heaps and are run by the scheduler on g0 (`findRunnable`, `stealWork`); sysmon runs no timers.
- A fired deadline starts a new goroutine (`time.goFunc`), which runs `cancel`, which closes `Done` and readies the waiters into `runnext`.
- sysmon preempts a goroutine that has held its P for 10 ms as seen on two of its ticks; ticks are up to 10 ms apart, so one busy P delays a timer by 10 to 20 ms.
- With `asyncpreemptoff=1` only calls with a stack check are preemption points: a call-free loop on one P blocks timers forever.
- `time.Sleep(0)` does not yield; `runtime.Gosched()` does. Two Ps let an idle P run the timer on time.
""", tags=["key-points"], slide="slide"),
md("""
## Further reading

- `runtime/proc.go` (Go 1.27.3): `schedule`, `findRunnable`, `stealWork`, `sysmon`, `retake`,
  `preemptone`, `newproc`, `ready`, `runqput`; `runtime/time.go`: `(*timers).check`, `timeSleep`;
  `runtime/preempt.go` (the design comment on cooperative and asynchronous preemption);
  `time/sleep.go`: `AfterFunc`, `goFunc`; `context/context.go`: `WithDeadlineCause`,
  `(*cancelCtx).cancel`. Line-by-line notes: `docs/runtime-notes.md`.
- Austin Clements, "Proposal: Non-cooperative goroutine preemption" (Go 1.14).
- `runtime/extern.go`: the `GODEBUG` settings (`schedtrace`, `scheddetail`, `asyncpreemptoff`).
"""),
]
write(os.environ.get("OUT", ".cache/drafts") + "/02_scheduler_g0_sysmon.ipynb", cells)
