"""Chapter 0's exercise checks (the pattern: `checks.py`, "How a check decides")."""
from __future__ import annotations

import re

from .checks import (CheckResult, changed_outside, leftover_goroutines, observed_ms,  # noqa: F401
                     run_model, run_situations, simulate_source, _real_runs, _source_of)

__all__ = ["check_runnext_after_go"]


# -- chapter 0: which G is in runnext right after a go statement? -------------------------------


def check_runnext_after_go(program, answer: str, gomaxprocs: int = 1, seed: int = 0) -> CheckResult:
    """Chapter 0: name (as "G<n>") the goroutine in the creating P's runnext right after the first `go`."""
    import gostep as gs
    prog = gs.load(program) if not hasattr(program, "frame") else None
    trace = program if prog is None else gs.simulate(prog, gomaxprocs=gomaxprocs, seed=seed)
    step = next((i for i in range(len(trace)) if trace.frame(i).event.kind == "go"), None)
    if step is None:
        return CheckResult(False, ["This program has no go statement."])
    f = trace.frame(step)
    p = next((p for p in f.ps if p.pid == f.event.pid), f.ps[0])
    truth = f"G{p.runnext}" if p.runnext >= 0 else "none"
    ok = answer.strip().upper().replace(" ", "") == truth.upper()
    if ok:
        msgs = [f"model, step {step} ({f.event.text}): P{p.pid} runnext = {truth}, "
                f"running G{p.curg}, local run queue {list(p.runq)}."]
    else:
        msgs = [f"Not {answer.strip()!r}: look at step {step} in the player (or print "
                f"gs.to_text(trace.frame({step}))) and read P{p.pid}'s runnext."]
    msgs.append("newproc puts the new G in runnext of the P that ran the go statement "
                "(runqput(pp, newg, true), runtime/proc.go, Go 1.27.3; runtime-notes N12); the creator "
                "keeps running until it parks or is preempted.")
    return CheckResult(ok, msgs)
