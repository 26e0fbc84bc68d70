"""Chapter 1's exercise checks (the pattern: `checks.py`, "How a check decides")."""
from __future__ import annotations

import re

from .checks import (CheckResult, changed_outside, leftover_goroutines, observed_ms,  # noqa: F401
                     run_model, run_situations, simulate_source, _real_runs, _source_of)

__all__ = ["check_no_leak"]


# -- chapter 1: stop the blocked sender from leaking --------------------------------------------


def check_no_leak(program, calls: int = 3) -> CheckResult:
    """Chapter 1: every call still returns "timeout", and only main is alive at the end (no leak)."""
    source, name = _source_of(program)
    out = simulate_source(source, name, gomaxprocs=1, seed=0)
    if out["exit"] == "compile_error":
        return CheckResult(False, [f"The program does not compile: {out['message']}"])
    if out["exit"] != "ok":
        return CheckResult(False, [f"The program ended with {out['exit']}: {out['message']}"])
    timeouts = sum(1 for ln in out["stdout"] if ln.endswith(": timeout"))
    last = next((ln for ln in reversed(out["stdout"]) if ln.startswith("goroutines:")), None)
    n = int(last.split(":")[1]) if last else None
    msgs = [f"model: {timeouts} of {calls} calls timed out; goroutines at the end: {n}."]
    if timeouts != calls:
        msgs.append("Keep the slow worker and the 5 ms timeout: every call must still return \"timeout\".")
    if n is None:
        msgs.append("Keep main's last line: fmt.Println(\"goroutines:\", runtime.NumGoroutine()).")
    elif n > 1:
        msgs.append(f"{n - 1} worker(s) are still parked in chan send: nobody will ever receive, and cancel "
                    "closes ctx.Done(), a different channel (runtime-notes N11). Give the send a way out: "
                    "a buffer of one, or a select with <-ctx.Done().")
    return CheckResult(timeouts == calls and n == 1, msgs)
