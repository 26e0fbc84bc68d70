"""Chapter 2's exercise checks (the pattern: `checks.py`, "How a check decides").

Exercise 1 (`check_spinner_deadline`): on one P, beside a goroutine that spins, main must see a
5 ms deadline within 1 ms of it. The reader edits only `spin`.

How it decides, from the model's state and never from the `observed:` line the program prints:

- the rest of the program is the template's (`changed_outside`, `spin` and the import list may
  change): main's timeout, its print and the Go statement that starts the spinner are not the
  reader's to change;
- GOMAXPROCS stays 1: no `runtime.GOMAXPROCS(n)` call, and no frame of the run has a second P;
- the time main saw the deadline: main parks on `<-ctx.Done()`; the context whose Done channel
  that is has a deadline (`CtxView.deadline_ns`); main "sees" it at its first `execute` after
  that park. Lateness = that virtual time - the deadline;
- the work is still done: the spinner (the goroutine running `main.spin`) is alive when main sees
  the deadline, and was parked (slept, blocked) for at most a tenth of the time main waited. A
  `spin` that returns, or that sleeps in its loop, gives the P away but no longer computes;
- in several situations: seeds 0 to 2, and one with the measured OS noise (`MEASURED_NOISE`), so a
  loop that is on time only by luck of one schedule is caught.

A failure says what the model saw and why, in runtime terms; it does not give the code to write.

Exercise 2 (`check_hanging_loops`): which of four loops hang on one P with asyncpreemptoff=1. A
wrong answer is told how many of the four it gets wrong and the one principle that decides, never
which loops those are (one wrong try must not reveal the answer); the per-loop explanation and the
model's own verdicts come only with a right answer.
"""
from __future__ import annotations

import re

from .checks import (CheckResult, changed_outside, leftover_goroutines, observed_ms,  # noqa: F401
                     run_model, run_situations, simulate_source, _real_runs, _source_of)

__all__ = ["check_spinner_deadline", "check_hanging_loops", "show_loops", "loop_program", "LOOPS",
           "LOOPS_THAT_HANG", "spinner_template", "deadline_seen"]


# -- chapter 2, exercise 1: the spinner that must let a 5 ms deadline through within 1 ms -------

_GOMAXPROCS_SET = re.compile(r"runtime\.GOMAXPROCS\(\s*(?!0\s*\))[^)]*\)")
_SPIN_FUNC = "main.spin"
_ALLOWED = {"func spin", "import"}
_PROCRESIZE = re.compile(r"procresize\((\d+)\)")
_WAIT_KINDS = ("park", "block")      # a G stops (a park with a wait reason, or blocks forever)


def spinner_template() -> str:
    """The program of exercise 1 as the reader gets it (the tight loop of `spinner_program`)."""
    from .spinner import spinner_program
    return spinner_program("tight")


def _situations(seeds):
    from gostep import MEASURED_NOISE
    out = [{"label": f"seed {s}", "gomaxprocs": 1, "seed": s, "timeout": "60ms"} for s in seeds]
    out.append({"label": "seed 3 on a noisy machine (MEASURED_NOISE)", "gomaxprocs": 1, "seed": 3,
                "timeout": "60ms", "capacities": dict(MEASURED_NOISE)})
    return out


def deadline_seen(trace, waiter: int = 1) -> dict | None:
    """When the waiter (main) saw its context's deadline, read from the model's state.

    Returns {"park_ns", "deadline_ns", "seen_ns", "seen_step", "late_ns"}: the waiter parked on the
    Done channel of a context with a deadline at park_ns, and ran again (its first `execute`
    after that park) at seen_ns. None when it never parked on such a channel or never ran again."""
    evs = trace.events
    times = trace.times()
    for i, e in enumerate(evs):
        if e.kind != "park" or e.gid != waiter or not e.obj.startswith("chan#"):
            continue
        cid = int(e.obj.split("#")[1])
        ctx = next((c for c in trace.frame(i).ctxs if c.done_cid == cid and c.deadline_ns >= 0), None)
        if ctx is None:
            continue
        for j in range(i + 1, len(evs)):
            if evs[j].kind == "execute" and evs[j].gid == waiter:
                return {"park_ns": int(times[i]), "deadline_ns": int(ctx.deadline_ns),
                        "seen_ns": int(times[j]), "seen_step": j,
                        "late_ns": int(times[j]) - int(ctx.deadline_ns)}
        return None
    return None


def _spinner_work(trace, seen: dict) -> dict:
    """The spinner's state while main waited: its gid, alive when main saw the deadline, and the
    virtual time it spent parked between main's park and main's wake-up."""
    f = trace.frame(seen["seen_step"])
    spin = next((g for g in f.gs if g.func == _SPIN_FUNC), None)
    if spin is None:
        return {"gid": None, "alive": False, "parked_ns": 0}
    evs, times = trace.events, trace.times()
    t0, t1 = seen["park_ns"], seen["seen_ns"]
    parked, since = 0, None
    for i in range(seen["seen_step"] + 1):
        e = evs[i]
        if e.gid != spin.gid:
            continue
        if e.kind in _WAIT_KINDS and since is None:
            since = int(times[i])
        elif e.kind in ("ready", "execute", "goexit") and since is not None:
            parked += max(0, min(int(times[i]), t1) - max(since, t0))
            since = None
    if since is not None:
        parked += max(0, t1 - max(since, t0))
    return {"gid": spin.gid, "alive": spin.status != "dead", "parked_ns": parked,
            "status": spin.status, "wait_reason": spin.wait_reason}


def _max_ps(trace) -> int:
    """The largest number of Ps the run had: the start's, and every procresize(n) of a
    stop-the-world (runtime.GOMAXPROCS(n), however the package was imported)."""
    n = len(trace.frame(0).ps)
    for e in trace.events:
        if e.kind == "stw":
            m = _PROCRESIZE.search(e.text)
            n = max(n, int(m.group(1))) if m else n
    return n


def check_spinner_deadline(program, deadline_ms: float = 5.0, within_ms: float = 1.0,
                           real: bool = False, seeds=(0, 1, 2)) -> CheckResult:
    """Chapter 2, exercise 1: with GOMAXPROCS=1, main sees the 5 ms deadline within 1 ms of it while
    the spinner keeps computing; only `spin` (and the imports) may change."""
    source, name = _source_of(program)
    if _GOMAXPROCS_SET.search(source):
        return CheckResult(False, ["The task keeps GOMAXPROCS at 1: a second P would run the timer while "
                                   "the spinner holds the first, which sidesteps the question. Remove the "
                                   "runtime.GOMAXPROCS(n) call and change how the spinner behaves."])
    changed = [c for c in changed_outside(source, spinner_template(), _ALLOWED)
               if not c.startswith("import")]
    if changed:
        return CheckResult(False, ["Edit only spin (and the import list): " + "; ".join(changed) + ". "
                                   "main's timeout, its wait and its print are what the check measures, so "
                                   "they stay as in the template (gsc.spinner_program(\"tight\"))."])
    worst, msgs = None, []
    for label, trace, err in run_situations(source, name, _situations(seeds)):
        if err is not None:
            return CheckResult(False, [f"The program does not compile: {err}"])
        o = trace.outcome
        if _max_ps(trace) > 1:
            return CheckResult(False, [f"{label}: the run had more than one P. The task keeps GOMAXPROCS at 1."])
        seen = deadline_seen(trace)
        if seen is None:
            why = (f"the run ended with {o.exit}: {o.message}" if o.exit not in ("ok", "hang") else
                   "main never ran again after it parked on ctx.Done() (60 ms of virtual time)")
            return CheckResult(False, [f"{label}: main never saw the deadline: {why}. The spinner never gave "
                                       "the P back for long enough, so no scheduler pass ran the timer "
                                       "(runtime-notes N5, N6)."])
        work = _spinner_work(trace, seen)
        waited = seen["seen_ns"] - seen["park_ns"]
        if not work["alive"]:
            return CheckResult(False, [f"{label}: main saw the deadline {seen['late_ns'] / 1e6:.3f} ms after it, "
                                       "but spin had returned by then: nothing was computing, so of course "
                                       "the P was free. The spinner must keep spinning; change how it "
                                       "spins, not whether."])
        if work["parked_ns"] > waited // 10:
            return CheckResult(False, [f"{label}: main saw the deadline {seen['late_ns'] / 1e6:.3f} ms after it, "
                                       f"but the spinner was parked for {work['parked_ns'] / 1e6:.2f} of the "
                                       f"{waited / 1e6:.2f} ms main waited: a goroutine that sleeps or waits "
                                       "gives the P away but no longer computes. Keep it runnable, and let "
                                       "the scheduler in anyway."])
        if worst is None or seen["late_ns"] > worst[1]["late_ns"]:
            worst = (label, seen)
    label, seen = worst
    late = seen["late_ns"] / 1e6
    ok = late <= within_ms
    msgs.append(f"model, GOMAXPROCS=1, {len(seeds) + 1} runs ({', '.join(str(s) for s in seeds)} and a noisy "
                f"machine): main saw the deadline at most {late:.3f} ms after it ({label}); the goal is at "
                f"most {within_ms:g} ms. The spinner was still computing.")
    if ok:
        msgs.append("The spinner gives the P back often enough: each time it does, the scheduler runs on g0, "
                    "checks the P's timers and runs the one that is due (runtime-notes N6).")
    else:
        msgs += _spinner_hints(source, late)
    if real:
        msgs.append(_real_note(source, name))
    return CheckResult(ok, msgs)


def _real_note(source: str, name: str) -> str:
    runs = _real_runs(source, name, 5, gomaxprocs=1, timeout="3s")
    if runs is None:
        return "real Go: not run here (no toolchain or gostep.real); the model decides."
    vals = sorted(v for v in (observed_ms(r) for r in runs if r["exit"] == "ok") if v is not None)
    if not vals:
        return "real Go: no run printed an observed time (hung or failed)."
    return f"real Go, 5 runs (information only, noisy): median {vals[len(vals) // 2]:.2f} ms."


def _spinner_hints(source: str, late: float) -> list[str]:
    """Why the spinner is still late: what is wrong, never the line to write."""
    spin = source.split("func spin", 1)[-1].split("\nfunc ", 1)[0]
    hints = []
    if "time.Sleep(0)" in spin:
        hints.append("time.Sleep(0) returns at once without yielding (runtime/time.go timeSleep: "
                     "`if ns <= 0 { return }`, runtime-notes N13): the spinner still holds the P.")
    if "Err()" in spin or "Done()" in spin:
        hints.append("Checking a context inside the spinner does not help on one P: ctx.Err() stays nil until "
                     "the timer's goroutine has run cancel, and that goroutine needs the P the spinner holds.")
    if late >= 5:
        hints.append("This delay is sysmon's: it preempts the spinner only after seeing the same schedtick on "
                     "two ticks at least 10 ms apart (runtime-notes N4). To be on time the spinner must give "
                     "the P back to the scheduler itself, and often.")
    else:
        hints.append("The spinner does give the P back, but not often enough: the timer runs only at the next "
                     "scheduler pass after the deadline.")
    return hints


# -- chapter 2, exercise 2: which loops hang with asyncpreemptoff=1 on one P? ------------------

LOOPS = {
    "A": "for { x++ }",
    "B": "for { x = inc(x) }",
    "C": "for { x = fib(x%20) + 1 }",
    "D": "for { time.Sleep(0); x++ }",
}
# What real Go 1.27.3 did with exactly these programs (`loop_program(k)`, GOMAXPROCS=1,
# GODEBUG=asyncpreemptoff=1, linux/amd64, killed after 3 s): A and B hung; C printed 20.6 ms, D
# 20.2 ms (cooperative preemption at the call's stack check). The same split as exp 01 of the fact
# sheet: a loop without a call, or calling a small leaf function (inlined, or nosplit: no stack
# check), cannot be stopped without the signal. tests/course/test_course_checks.py re-runs it on real Go.
LOOPS_THAT_HANG = frozenset({"A", "B"})

_LOOP_KIND = {"A": "tight", "B": "leaf", "C": "call", "D": "sleep0"}
_WHY = {True: "no call with a stack check: only a signal could stop it, and asyncpreemptoff=1 turns "
              "the signal off",
        False: "its call has a stack check: sysmon's preemption request is taken at the call "
               "(cooperative preemption)"}
_PRINCIPLE = ("The one principle: with asyncpreemptoff=1 sysmon's request can only be taken where the "
              "loop itself checks for it, in the prologue of a function it really calls (a stack check). "
              "Ask of each loop: does it make such a call? A call the compiler inlines, or a small leaf "
              "function compiled without a stack check, does not count; how long a call takes, or "
              "whether it returns at once, does not matter.")


def loop_program(letter: str) -> str:
    """The Go program of loop `letter` (A-D): a spinner with that loop beside a 5 ms WithTimeout."""
    from .spinner import spinner_program
    return spinner_program(_LOOP_KIND[letter])


class Loops(dict):
    """The four loops, displayed as a list."""

    def __repr__(self) -> str:
        return "\n".join(f"{k}: {v}" for k, v in self.items())


def show_loops() -> Loops:
    """The four candidate loops of the exercise."""
    return Loops(LOOPS)


def _letters(answer) -> set:
    if isinstance(answer, str):
        return {c.upper() for c in re.findall(r"[A-Za-z]", answer)}
    return {str(a).strip().upper() for a in answer}


def check_hanging_loops(answer, model: bool = True) -> CheckResult:
    """Chapter 2, exercise 2: the set of loops (letters) that hang on one P with
    GODEBUG=asyncpreemptoff=1. A wrong answer learns how many loops it gets wrong, not which."""
    chosen = _letters(answer)
    unknown = chosen - set(LOOPS)
    if unknown:
        return CheckResult(False, [f"Unknown loop(s) {sorted(unknown)}: choose among {sorted(LOOPS)}."])
    wrong = sum((k in chosen) != (k in LOOPS_THAT_HANG) for k in LOOPS)
    if wrong:
        verb = "is" if wrong == 1 else "are"
        return CheckResult(False, [f"Not yet: {wrong} of the four loops {verb} classified wrong "
                                   f"(real Go 1.27.3, GOMAXPROCS=1, asyncpreemptoff=1).", _PRINCIPLE])
    msgs = [f"{k} ({LOOPS[k]}): real Go 1.27.3 {'hangs' if k in LOOPS_THAT_HANG else 'does not hang'}; "
            f"{_WHY[k in LOOPS_THAT_HANG]}." for k in sorted(LOOPS)]
    if model:
        msgs.append(_model_agrees())
    return CheckResult(True, msgs)


def _model_agrees() -> str:
    try:
        hung = {k for k in LOOPS
                if simulate_source(loop_program(k), f"loop_{k}.go", gomaxprocs=1,
                                   godebug="asyncpreemptoff=1", seed=0, timeout="60ms")["exit"] == "hang"}
    except Exception as e:
        return f"model: not run ({type(e).__name__}); the recorded real runs decide."
    agree = hung == set(LOOPS_THAT_HANG)
    return (f"model (GOMAXPROCS=1, asyncpreemptoff=1): hangs {sorted(hung)}; "
            f"{'agrees' if agree else 'DISAGREES'} with real Go.")
