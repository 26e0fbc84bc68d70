"""Chapter 2's exercise checks (the pattern: `checks.py`, "How a check decides")."""
from __future__ import annotations

import re

from .checks import (CheckResult, changed_outside, leftover_goroutines, observed_ms,  # noqa: F401
                     run_model, run_situations, simulate_source, _real_runs, _source_of)

__all__ = ["check_spinner_deadline", "check_hanging_loops", "show_loops", "loop_program", "LOOPS", "LOOPS_THAT_HANG"]


# -- chapter 2: the spinner that must let a 5 ms deadline through within 1 ms ------------------

_GOMAXPROCS_SET = re.compile(r"runtime\.GOMAXPROCS\(\s*(?!0\s*\))[^)]*\)")


def check_spinner_deadline(program, deadline_ms: float = 5.0, within_ms: float = 1.0,
                           real: bool = False, seeds=(0,)) -> CheckResult:
    """Chapter 2: on one P, main must see the 5 ms deadline within 1 ms of it, GOMAXPROCS unchanged."""
    source, name = _source_of(program)
    msgs = []
    if _GOMAXPROCS_SET.search(source):
        return CheckResult(False, ["The task keeps GOMAXPROCS at 1: remove the runtime.GOMAXPROCS(n) call "
                                   "and change the spinner instead."])
    worst = 0.0
    for seed in seeds:
        out = simulate_source(source, name, gomaxprocs=1, seed=seed, timeout="60ms")
        if out["exit"] == "compile_error":
            return CheckResult(False, [f"The program does not compile: {out['message']}"])
        if out["exit"] == "hang":
            return CheckResult(False, ["In the model main never saw ctx.Done(): the spinner never gave "
                                       "the P back, so no scheduler pass ran the timer (runtime-notes N5, N6)."])
        if out["exit"] != "ok":
            return CheckResult(False, [f"The program ended with {out['exit']}: {out['message']}"])
        ms = observed_ms(out)
        if ms is None:
            return CheckResult(False, ["Keep main's last line: fmt.Println(\"observed:\", time.Since(start))."])
        worst = max(worst, ms)
    late = worst - deadline_ms
    ok = late <= within_ms
    msgs.append(f"model, GOMAXPROCS=1, seeds {list(seeds)}: main saw the deadline after at most "
                f"{worst:.3f} ms ({late:+.3f} ms after it; the goal is at most {within_ms:g} ms).")
    if not ok:
        msgs += _spinner_hints(source, late)
    else:
        msgs.append("The spinner gives the P back often enough: each time it does, the scheduler runs on "
                    "g0, checks the P's timers and runs the one that is due (runtime-notes N6).")
    if real:
        runs = _real_runs(source, name, 5, gomaxprocs=1, timeout="3s")
        if runs is None:
            msgs.append("real Go: not run here (no toolchain or gostep.real); the model decides.")
        else:
            vals = [observed_ms(r) for r in runs if r["exit"] == "ok"]
            vals = sorted(v for v in vals if v is not None)
            if vals:
                msgs.append(f"real Go, 5 runs (information only, noisy): median {vals[len(vals) // 2]:.2f} ms.")
            else:
                msgs.append("real Go: no run printed an observed time (hung or failed).")
    return CheckResult(ok, msgs)


def _spinner_hints(source: str, late: float) -> list[str]:
    hints = []
    if "time.Sleep(0)" in source:
        hints.append("time.Sleep(0) returns at once without yielding (runtime/time.go timeSleep: "
                     "`if ns <= 0 { return }`, runtime-notes N13).")
    if "ctx.Err()" in source or "Done()" in source.split("func main")[0]:
        hints.append("Checking the context inside the spinner does not help on one P: ctx.Err() stays nil "
                     "until the timer's goroutine runs cancel, and that goroutine needs the P the spinner holds.")
    if late >= 5:
        hints.append("The delay is sysmon's: it preempts the spinner only after seeing the same schedtick on "
                     "two ticks at least 10 ms apart (runtime-notes N4). The spinner must give the P back "
                     "itself, often: runtime.Gosched() does.")
    return hints or ["The spinner must give the P back to the scheduler more often."]


# -- chapter 2: which loops hang with asyncpreemptoff=1 on one P? ------------------------------

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
# check), cannot be stopped without the signal. tests/test_course_checks.py re-runs it on real Go.
LOOPS_THAT_HANG = frozenset({"A", "B"})

_LOOP_KIND = {"A": "tight", "B": "leaf", "C": "call", "D": "sleep0"}


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


def check_hanging_loops(answer, model: bool = True) -> CheckResult:
    """Chapter 2: the set of loops (letters) that hang on one P with GODEBUG=asyncpreemptoff=1."""
    chosen = {str(a).strip().upper() for a in answer}
    unknown = chosen - set(LOOPS)
    if unknown:
        return CheckResult(False, [f"Unknown loop(s) {sorted(unknown)}: choose among {sorted(LOOPS)}."])
    msgs = []
    for k in sorted(LOOPS):
        hangs = k in LOOPS_THAT_HANG
        why = ("no call with a stack check: only a signal could stop it, and asyncpreemptoff=1 turns the "
               "signal off" if hangs else
               "its call has a stack check: sysmon's preemption request is seen at the call (cooperative)")
        mark = "right" if (k in chosen) == hangs else "wrong"
        msgs.append(f"{k} ({LOOPS[k]}): real Go 1.27.3 {'hangs' if hangs else 'does not hang'}; {why}. "
                    f"Your answer: {mark}.")
    if model:
        msgs.append(_model_agrees())
    return CheckResult(chosen == LOOPS_THAT_HANG, msgs)


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
