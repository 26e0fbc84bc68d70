"""Chapter 4's exercise checks (the pattern: `checks.py`, "How a check decides")."""
from __future__ import annotations

import re

from .checks import CheckResult, changed_outside, observed_ms, run_situations, _real_runs, _source_of
from .ch4 import exercise_template, return_step

__all__ = ["check_defer_order", "check_defer_output", "DEFER_ORDER_SITUATIONS"]


# -- chapter 4, exercise 1: run returns only after its workers stopped, long before the deadline --

DEFER_ORDER_SITUATIONS = (
    {"label": "GOMAXPROCS=1, seed 0", "gomaxprocs": 1, "seed": 0},
    {"label": "GOMAXPROCS=1, seed 1", "gomaxprocs": 1, "seed": 1},
    {"label": "GOMAXPROCS=2, seed 0", "gomaxprocs": 2, "seed": 0},
    {"label": "GOMAXPROCS=2, seed 1", "gomaxprocs": 2, "seed": 1},
)
_DEADLINE_MS = 100.0      # run's WithTimeout in the template
_SOON_MS = 50.0           # "long before the deadline": the right order returns within a few ms


def _call_line(source: str) -> int:
    """The line of main's `run()` call (main is unchanged, so it is there)."""
    in_main = False
    for i, ln in enumerate(source.split("\n"), 1):
        if ln.startswith("func main()"):
            in_main = True
        elif in_main and ln.strip() == "run()":
            return i
    return -1


def _one_situation(trace, call_line: int) -> tuple[str | None, float | None]:
    """(what is wrong in this run or None, how long run took in ms), read from the model's state."""
    workers = {g.gid for g in trace.frame(len(trace) - 1).gs if g.func == "main.worker"}
    if len(workers) != 2:
        return "run must still start its two workers (go worker(ctx, &wg), twice).", None
    enter = next((i for i in range(len(trace)) if (g := trace.frame(i).g(1)) is not None
                  and len(g.lines) >= 2 and g.lines[0] == call_line), -1)
    ret = return_step(trace, call_line)
    if enter < 0 or ret < 0:
        return "run never returned in the model.", None
    f = trace.frame(ret)
    took = (f.time_ns - trace.frame(enter).time_ns) / 1e6
    alive = [g for g in f.gs if g.gid in workers and g.status != "dead"]
    cancels = [i for i in range(enter, ret) if trace.frame(i).event.kind == "cancel"
               and trace.frame(i).event.gid == 1]
    if alive:
        return (f"{len(alive)} worker(s) were still alive when run returned: cancel does not wait "
                "for anything, so run must also wait for the workers after cancelling."), took
    if took >= _DEADLINE_MS * 0.9 or not cancels:
        return (f"run returned only after {took:.1f} ms, at its {_DEADLINE_MS:g} ms deadline: the "
                "workers stopped because the deadline cancelled their context, not because run did. "
                "Deferred calls run last-in, first-out: look at which one runs first."), took
    return None, took


def check_defer_order(program, real: bool = False) -> CheckResult:
    """Chapter 4: run returns only after both workers stopped, long before its deadline (edit only run)."""
    source, name = _source_of(program)
    changed = changed_outside(source, exercise_template(), {"func run"})
    if changed:
        return CheckResult(False, ["Edit only run: " + "; ".join(changed) + ". The workers and main "
                                   "stay as they are."])
    call = _call_line(source)
    msgs, worst, ok = [], 0.0, True
    for label, trace, err in run_situations(source, name, DEFER_ORDER_SITUATIONS):
        if err is not None:
            return CheckResult(False, [f"The program does not compile: {err}"])
        if trace.outcome.exit != "ok":
            return CheckResult(False, [f"{label}: the program ended with {trace.outcome.exit}: "
                                       f"{trace.outcome.message}"])
        wrong, took = _one_situation(trace, call)
        if wrong:
            return CheckResult(False, [f"model, {label}: {wrong}"] + _hints(source))
        worst = max(worst, took)
    msgs.append(f"model, {len(DEFER_ORDER_SITUATIONS)} situations (GOMAXPROCS 1 and 2, seeds 0 and 1): "
                f"both workers had stopped when run returned, at most {worst:.2f} ms after it started "
                f"(the deadline is {_DEADLINE_MS:g} ms).")
    if worst > _SOON_MS:
        ok = False
        msgs.append(f"That is not long before the deadline (the goal is under {_SOON_MS:g} ms).")
    if real:
        msgs.append(_real_verdict(source, name))
        ok = ok and not msgs[-1].startswith("real Go disagrees")
    return CheckResult(ok, msgs)


def _hints(source: str) -> list[str]:
    body = source.split("func run()")[1].split("\nfunc ")[0]
    hints = []
    if "cancel()" not in body:
        hints.append("run never calls cancel: go vet's lostcancel check reports that, and the workers "
                     "only stop at the deadline.")
    if ".Wait()" not in body:
        hints.append("Nothing in run waits for the workers.")
    return hints


def _real_verdict(source: str, name: str) -> str:
    runs = _real_runs(source, name, 2, gomaxprocs=2, timeout="5s")
    if runs is None:
        return "real Go: not run here (no toolchain); the model decides."
    took = [observed_ms(r, "run returned after") for r in runs if r["exit"] == "ok"]
    took = [t for t in took if t is not None]
    if len(took) != len(runs):
        return "real Go disagrees: a run failed or printed no time."
    if max(took) > _SOON_MS:
        return f"real Go disagrees: run returned after {max(took):.1f} ms in one of 2 runs."
    return f"real Go, 2 runs at GOMAXPROCS=2: run returned after at most {max(took):.2f} ms."


# -- chapter 4, exercise 2: what does defer_puzzle.go print? ------------------------------------

def _truth() -> list[str]:
    """What defer_puzzle.go prints, from a model run (real Go's output is in the file's header)."""
    import gostep as gs
    from .source import program_path
    return list(gs.simulate(gs.load(str(program_path("defer_puzzle"))), gomaxprocs=1, seed=0).outcome.stdout)


def _lines_of(answer) -> list[str]:
    if isinstance(answer, str):
        answer = answer.strip().split("\n")
    return [" ".join(str(a).split()) for a in answer if str(a).strip()]


def check_defer_output(answer) -> CheckResult:
    """Chapter 4: the lines defer_puzzle.go prints, in order (a list of strings or one string)."""
    got, want = _lines_of(answer), _truth()
    if got == want:
        return CheckResult(True, [f"model and real Go print these {len(want)} lines (the file's header "
                                  "records real Go 1.27.3's output)."])
    msgs = ["Not yet: that is not what the program prints."]
    if any("panic" in g.lower() or "goroutine" in g.lower() for g in got):
        msgs.append("Does the program crash? Look for a deferred call that calls recover.")
    if len(got) != len(want):
        msgs.append(f"Your answer has {len(got)} lines: count the deferred calls that print, and "
                    "what main prints after run.")
    if set(got) == set(want):
        msgs.append("You have the right lines in a different order: deferred calls run last-in, "
                    "first-out, and a panic runs them too.")
    if any(re.search(r"first sees x = [23]", g) for g in got):
        msgs.append("A deferred call's arguments are evaluated when the defer statement runs.")
    if any(re.search(r"closure sees x = [12]", g) for g in got):
        msgs.append("A deferred closure reads x when it runs, not when it is deferred.")
    return CheckResult(False, msgs)
