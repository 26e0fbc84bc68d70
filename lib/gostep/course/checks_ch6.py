"""Chapter 6's exercise check: name the cause of a second mystery program (the pattern: `checks.py`,
"How a check decides").

The answer is structured: a cause (one of CAUSES), the source line where the request's goroutine
waits, and Go's wait reason for it, as the goroutine profile prints it in brackets.

How it decides: it runs the program (`course/programs/mystery_report.go` unless told otherwise)
through the stepper in four situations (GOMAXPROCS 1 and 2, two seeds) and looks at the model's
state at the step where the request's deadline fires (the first `cancel` step made by a deadline):
the request's goroutine (main) is running, runnable, or parked with a wait reason at a line. That
state, not any text, is the truth the answer is compared with. A wrong answer gets one verdict for
the whole answer (never one per part, which would let a second try assemble the answer) and a hint
on which tool shows that state; answers that are not a cause at all (a symptom, a field the source
post invented, an unknown wait reason) are told so.
"""
from __future__ import annotations


from gostep.course.checks import CheckResult, _source_of, run_situations

__all__ = ["CAUSES", "check_diagnosis", "diagnosis_truth"]

CAUSES = ("blocked send", "blocked receive", "mutex held past the deadline",
          "CPU loop that never checks ctx", "timer fired late")

# Go's wait reasons a parked request can show (runtime/runtime2.go waitReasonStrings, Go 1.27.3).
_WAIT_REASONS = {"chan send": "blocked send", "chan receive": "blocked receive",
                 "sync.Mutex.Lock": "mutex held past the deadline",
                 "sync.RWMutex.Lock": "mutex held past the deadline",
                 "sync.RWMutex.RLock": "mutex held past the deadline",
                 "select": None, "sleep": None, "sync.WaitGroup.Wait": None,
                 "chan send (nil chan)": None, "chan receive (nil chan)": None, "select (no cases)": None}
_RUNNING = ("running", "runnable")
_INVENTED = ("contention=", "delay=", "syncblock", "sync block", "futex", "go_context_done")
_SYMPTOMS = ("context deadline exceeded", "deadline exceeded", "timeout", "late", "slow",
             "request body timed out", "context canceled")

SITUATIONS = ({"label": "GOMAXPROCS=1, seed 0", "gomaxprocs": 1, "seed": 0},
              {"label": "GOMAXPROCS=1, seed 1", "gomaxprocs": 1, "seed": 1},
              {"label": "GOMAXPROCS=2, seed 0", "gomaxprocs": 2, "seed": 0},
              {"label": "GOMAXPROCS=2, seed 1", "gomaxprocs": 2, "seed": 1})


def _at_deadline(trace, gid: int = 1):
    """(status, wait_reason, line) of goroutine gid at the first step a deadline cancels a ctx."""
    for i in range(len(trace)):
        e = trace.frame(i).event
        if e.kind == "cancel" and "deadline exceeded" in e.text:
            for g in trace.frame(i).gs:
                if g.gid == gid:
                    return g.status, g.wait_reason, g.line
    return None


def diagnosis_truth(program="programs/mystery_report.go") -> set:
    """What the model shows the request doing at its deadline, in every situation:
    {(cause, line, wait_reason)} (one element when the situations agree)."""
    src, name = _source_of(_path(program))
    out = set()
    for label, trace, err in run_situations(src, name, SITUATIONS):
        if err is not None:
            raise ValueError(f"{name} does not run in the model: {err}")
        st = _at_deadline(trace)
        if st is None:
            out.add(("no deadline fired", 0, ""))
            continue
        status, reason, line = st
        if status in _RUNNING:
            out.add(("CPU loop that never checks ctx", line, status))
        else:
            out.add((_WAIT_REASONS.get(reason) or reason, line, reason))
    return out


def _path(program):
    from pathlib import Path
    p = Path(program)
    if p.is_file():
        return p
    from gostep.course.source import program_path
    return program_path(Path(program).stem)


_HINT = ("Look at the request's goroutine (main) at the moment its deadline fires: in the stepper "
         "(step to the first cancel, read main's status, wait reason and line), in the real trace "
         "(main's park event: its reason and the stack's line in mystery_report.go), or in "
         "scheddetail's G1 row.")


def check_diagnosis(answer, program="programs/mystery_report.go") -> CheckResult:
    """The cause of mystery_report.go's late request: {"cause", "line", "wait_reason"}."""
    if not isinstance(answer, dict) or not {"cause", "line", "wait_reason"} <= set(answer):
        return CheckResult(False, ['Answer with a dict: {"cause": one of gsc.CAUSES, "line": the line '
                                   'number where the request waits, "wait_reason": the word Go prints '
                                   'in brackets in the goroutine profile}.'])
    cause = " ".join(str(answer["cause"]).split())
    reason = " ".join(str(answer["wait_reason"]).split())
    try:
        line = int(answer["line"])
    except (TypeError, ValueError):
        return CheckResult(False, ["`line` must be a line number of mystery_report.go."])
    low = (cause + " " + reason).lower()
    if any(k in low for k in _INVENTED):
        return CheckResult(False, [
            "Go prints no such field. `contention=`, `delay=` with goroutine ids, SyncBlock and a futex "
            "wait come from the source post, not from Go: the goroutine profile prints a goroutine's "
            "wait reason in brackets, e.g. `goroutine 7 [sleep]:`, and the mutex profile has stacks, "
            "not goroutine ids (C47, C50).", _HINT])
    if cause.lower() in _SYMPTOMS or any(cause.lower().startswith(s) for s in _SYMPTOMS[:2]):
        return CheckResult(False, [
            f"{cause!r} is the symptom (what the caller sees), not the cause. The cause is what the "
            "request was doing while its deadline passed.", _HINT])
    if cause not in CAUSES:
        return CheckResult(False, [f"`cause` must be one of gsc.CAUSES: {', '.join(CAUSES)}."])
    if reason not in _WAIT_REASONS and reason not in _RUNNING:
        return CheckResult(False, [
            f"{reason!r} is not a wait reason Go prints. In brackets the goroutine profile shows "
            "Go's own words (runtime/runtime2.go waitReasonStrings), e.g. `sleep`, `select`, "
            "`sync.WaitGroup.Wait`; a goroutine that is computing shows `running` or `runnable`.",
            _HINT])
    truth = diagnosis_truth(program)
    if len(truth) != 1:
        return CheckResult(False, ["The model does not show one cause in every situation; this "
                                   "program cannot be judged."])
    want = next(iter(truth))
    if (cause, line, reason) == want:
        return CheckResult(True, [
            f"Right, in all {len(SITUATIONS)} situations the model ran (GOMAXPROCS 1 and 2, two seeds): "
            f"at the deadline the request's goroutine is parked [{reason}] at line {line}. Nothing "
            "wakes it there: cancel closes ctx.Done(), which it is not waiting on. The fix puts that "
            "operation in a select with <-ctx.Done() (chapter 3)."])
    return CheckResult(False, [
        "Not yet: the model does not show the request's goroutine in that state at its deadline "
        "(cause, line and wait reason are judged together).", _HINT])
