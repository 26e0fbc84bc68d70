"""Build the draft notebook of chapter 1, the three traps (run from the repo root; OUT=dir, default .cache/drafts)."""
import sys, os; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nbgen import md, code, notes, write
SPIN = os.environ.get("SPIN", "spin_timeout")

LEAK_STARTER = open("course/programs/blocked_sender_leak.go").read()
body = LEAK_STARTER[LEAK_STARTER.index("package main"):]

cells = [
md("""
# 1 · The three traps

**The bug report:** *"`context.WithTimeout` did not take effect."* This chapter takes the three
traps the source post blames, shows each one running, and corrects the post's summary table row by
row. Everything after this chapter unpacks one sentence:

> **A timeout is a signal; only code that listens to it stops.**

**After this chapter you can:**
- say what `context.WithTimeout` does when its deadline passes, and what it does not do;
- recognise the three traps in code: a CPU-bound goroutine on one P, a send nobody receives, a
  `defer` order that waits before it cancels;
- fix a goroutine that leaks because its send can never complete;
- say which rows of the source post's summary table are wrong, and what to do instead.

**Prerequisites:** chapter 0 (G, M, P, the player). **Time:** self-study 35 minutes; workshop 25 minutes.
""", tags=["objectives"], slide="slide"),
notes("""Workshop timing: 3 min symptom and the one sentence, 8 min on the leak (predict, step,
real), 6 min for the other two traps (play them, don't step every line), 5 min on the corrected
table, the exercise as homework or 5 min pair work. The most common wrong prediction for the leak is
"1 goroutine": ask who could ever receive from `result`."""),
md("""
## The symptom

A service calls a slow backend with `ctx, cancel := context.WithTimeout(ctx, 5*time.Millisecond)`
and `defer cancel()`. Every call returns "timeout" on time, as it should. But the process's
goroutine count grows with every timed-out call, and memory with it, until the pod is restarted.
"WithTimeout didn't take effect," says the report.

It did: the deadline fired, `ctx.Done()` was closed, and the caller returned. What did not stop is
a goroutine that never looks at the context.
""", slide="slide"),
md("""
## The program

`fetch` starts a worker that does some slow "work" (a `time.Sleep`), then sends its result on an unbuffered channel.
`fetch` waits for the result or for the 5 ms deadline, whichever comes first.
"""),
code("""
import gostep as gs
import gostep.course as gsc

gsc.show_source("blocked_sender_leak")
"""),
md("""
## Predict
""", slide="slide"),
code("""
gsc.predict(
    "main calls fetch three times; each returns \\"timeout\\" after 5 ms. Then main sleeps "
    "until long after every worker has finished its work. How many goroutines are alive when "
    "main prints the count?",
    ["1: only main; the workers were cancelled with their context",
     "1: only main; the workers finished their work and returned",
     "4: main and the three workers, each stuck on its send"],
    answer=2,
    explanation="Each worker parks in chansend on `result` (wait reason \\"chan send\\"). Only a "
                "receiver on that same channel could release it, and fetch stopped listening when "
                "it returned. cancel closes ctx.Done(), a different channel; nothing links the two "
                "(runtime/chan.go chansend, closechan; Go 1.27.3).")
""", tags=["predict"]),
md("""
## Step through

Watch for: each worker **parks** on `chan send` (use *park ▶*), each deadline's **timer fire**,
and `main` returning from `fetch` while the worker stays parked.
"""),
code("""
prog = gs.load("programs/blocked_sender_leak.go")
trace = gs.simulate(prog, gomaxprocs=1, seed=0)
print(trace.outcome.exit, list(trace.outcome.stdout))
"""),
code("""
gs.show(trace)
"""),
md("""
The goroutines that parked, and where they still are at the end:
"""),
code("""
gsc.steps(trace, "park", contains="chan send")
"""),
code("""
last = trace.frame(len(trace) - 1)
[(f"G{g.gid}", g.status, g.wait_reason) for g in last.gs if g.status == "waiting"]
"""),
md("""
## Real Go

The same file on real Go, three runs: the raw outcomes, then the comparison with the model.
""", slide="slide"),
code("""
real = gs.real.run("programs/blocked_sender_leak.go", gomaxprocs=1, runs=3)
real
""", tags=["real-go", "nbval-ignore-output"]),
code("""
print("real Go printed the model's lines in",
      sum(r.stdout == trace.outcome.stdout for r in real), "of", len(real), "runs")
""", tags=["real-go"]),
md("""
## The three traps at a glance

The source post names three traps. Here each one runs in the model; play them with ▶ (*play*).

**Trap 1: a CPU-bound goroutine on one P.** A goroutine computes in a loop while `main` waits for a
5 ms timeout. On one P, the timer can only run when the scheduler runs, and the scheduler runs only
when the spinner stops: sysmon preempts it, 10 to 20 ms later. So the timeout is *late*, not lost.
Chapter 2 takes this apart.
""", slide="slide"),
code("pass  # NOSPIN" if os.environ.get("NOSPIN") else f"""
spin = gs.simulate(gs.load("programs/{SPIN}.go"), gomaxprocs=1, seed=0)
print(spin.outcome.exit, list(spin.outcome.stdout))
gs.show(spin)
"""),
md("""
**Trap 2: a send nobody receives.** The leak above: a plain `ch <- v` parks its goroutine on the
channel's send queue, where a closed `ctx.Done()` cannot reach it.

**Trap 3: a defer order that waits before it cancels.** `defer cancel()` then `defer wg.Wait()`
runs `wg.Wait()` *first* (defers run last-in, first-out), and the workers it waits for are waiting
for `cancel`. The wait ends only when the deadline fires; with `WithCancel` it would never end.
""", slide="subslide"),
code("""
gsc.show_source("defer_wait_order", lines=(31, 49))
"""),
code("""
order = gs.simulate(gs.load("programs/defer_wait_order.go"), gomaxprocs=1, seed=0)
print("\\n".join(order.outcome.stdout))
gs.show(order)
"""),
md("""
## The source post's summary table, corrected row by row

| trap | the post's "safe practice" | verdict | what is true, and what to do |
| --- | --- | --- | --- |
| scheduling delay (CPU loop, syscall) | insert `runtime.Gosched()` or `time.Sleep(0)` | partly false (C16) | `time.Sleep(0)` returns at once and yields nothing; `Gosched` yields. Since Go 1.14 neither is needed for the timeout to fire: sysmon preempts the loop. For the loop to *stop*, check `ctx.Err()` in it. |
| blocking send on an unbuffered channel | a buffered channel, or `select` + `default` | partly true (C14, C17) | A buffer of one is right for a single result. `select` with `default` silently drops the value. Put the send in a `select` with `<-ctx.Done()`. |
| defer timing misalignment | `cancel(); <-ctx.Done()` | false (C15, C18) | `cancel` closes `Done` before it returns: nothing to wait for. Order the defers so that cancelling comes before waiting (`defer wg.Wait()` first, then `defer cancel()`). |
| (the post's list) | always `select` on `ctx.Done()`, never poll `ctx.Err()` | partly true (C13) | `select` is for blocking waits; in a CPU loop, polling `ctx.Err()` is right and cheap. |

Each row's evidence is in the boxes below (Go source of Go 1.27.3, and measurements).
""", slide="slide"),
code("""
gsc.myths("C1", "C13", "C14", "C15", "C16", "C17", "C18")
""", tags=["myth"]),
md("""
## The fix

The worker's send must be able to complete, or give up, without the caller. Here the sender waits
for a receiver *or* the context, in one `select` (`course/programs/select_fix.go`):
""", slide="slide"),
code("""
gsc.show_source("select_fix")
"""),
code("""
fixed = gs.simulate(gs.load("programs/select_fix.go"), gomaxprocs=1, seed=0)
print(list(fixed.outcome.stdout))
"""),
code("""
real_fixed = gs.real.run("programs/select_fix.go", gomaxprocs=1, runs=3)
real_fixed
""", tags=["real-go", "nbval-ignore-output"]),
code("""
print("real Go printed the model's lines in",
      sum(r.stdout == fixed.outcome.stdout for r in real_fixed), "of", len(real_fixed), "runs")
"""),
md("""
## Exercise

Below is the leaking program as a string. Change **only the worker** (the `go func()` inside
`fetch`) so that no goroutine leaks, while every call still returns `"timeout"`. Do it a different
way from the fix above (hint: `course/programs/buffered_fix.go` exists, but try before you look).
The check runs your program through the stepper and says what it found.
""", tags=["exercise"], slide="slide"),
code(f'''
answer = r"""
{body.rstrip()}
"""
gsc.check_no_leak(answer)
''', tags=["check"]),
code(f'''
# Solution: give the channel room for the one result; the worker's send completes at once and the
# worker returns, whether or not anybody ever receives. (The select of the fix above works too.)
solution = answer.replace("result := make(chan string)", "result := make(chan string, 1)")
gsc.check_no_leak(solution)
''', tags=["solution"]),
md("""
## Key points

- A timeout is a signal: when the deadline passes, `cancel` closes `ctx.Done()` and sets `ctx.Err()`. It stops no goroutine.
- A goroutine parked in a plain `ch <- v` waits on that channel only; a closed `ctx.Done()` cannot reach it, and it leaks.
- Every channel operation that may outlive its partner goes in a `select` with `<-ctx.Done()`, or has guaranteed buffer space.
- `cancel` is synchronous: `Done` is closed before it returns. Order defers so that cancelling comes before waiting.
- On one busy P a timeout is late (about 20 ms for 5 ms), not lost: chapter 2.
""", tags=["key-points"], slide="slide"),
md("""
## The rest of the course

- **Chapter 2 · The scheduler, g0 and sysmon:** who runs the deadline's timer, the full chain to the
  waiting goroutine, and why one busy P turns 5 ms into about 20 ms.
- Later chapters: blocked sends and `select` in depth, `defer` and `cancel`, what changed in Go 1.14,
  1.21 and 1.23, and the diagnosis tools (execution traces, goroutine profiles, the leak profile).

## Further reading

- `context/context.go` (Go 1.27.3): `WithDeadlineCause`, `(*cancelCtx).cancel`; `runtime/chan.go`:
  `chansend`, `closechan`. Line-by-line notes: `docs/runtime-notes.md` N9 to N11, N13.
- The `context` package documentation, "Contexts and structs" and the `WithTimeout` example.
- `go vet`'s `lostcancel` check.
"""),
]
write(os.environ.get("OUT", ".cache/drafts") + "/01_three_traps.ipynb", cells)
