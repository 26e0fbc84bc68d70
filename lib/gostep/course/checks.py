"""Exercise checks: run the reader's answer through the stepper (and real Go where cheap), explain.

Design
======

A check takes the reader's answer (a Go file path, Go source text, or a choice) and returns a
`CheckResult`: `ok` and a list of sentences. The sentences say what the model observed and, when
the answer is wrong, why in runtime terms (who holds the P, when sysmon preempts, what
`time.Sleep(0)` does), pointing at the note of docs/runtime-notes.md that backs it. The verdict
comes from the model (deterministic: virtual time, fixed seeds), so a solution's check gives the
same result on every machine and the tests can run it. Real Go, when asked for and present, adds
its own measurement as information; its timing is noisy and never decides the verdict.

The stepper and the real runner are imported inside the functions: a check that cannot run says
which piece is missing (see `env_check()`), instead of failing at import.

Alternatives rejected: comparing the reader's source with the solution's text (many right answers;
it teaches nothing); deciding by real Go timing (flaky on a shared machine).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# -- results -----------------------------------------------------------------------------------


@dataclass
class CheckResult:
    """The verdict of a check and the sentences that explain it."""

    ok: bool
    messages: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        head = "PASS" if self.ok else "NOT YET"
        return "\n".join([head] + [f"- {m}" for m in self.messages])


# -- running the reader's Go -----------------------------------------------------------------

_DUR = re.compile(r"([0-9.]+)(ns|µs|us|ms|s|m|h)")
_UNIT_MS = {"ns": 1e-6, "µs": 1e-3, "us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4, "h": 3.6e6}


def parse_duration_ms(text: str) -> float:
    """A Go duration as fmt prints it (`20.31ms`, `1.002s`, `1m2.5s`, `850µs`) in milliseconds."""
    text = text.strip()
    parts = _DUR.findall(text)
    if not parts or "".join(a + b for a, b in parts) != text.lstrip("-"):
        raise ValueError(f"not a Go duration: {text!r}")
    ms = sum(float(v) * _UNIT_MS[u] for v, u in parts)
    return -ms if text.startswith("-") else ms


def _source_of(program) -> tuple[str, str]:
    """(source text, display name) of a path or a source string."""
    if isinstance(program, Path) or (isinstance(program, str) and "\n" not in program
                                     and program.endswith(".go")):
        p = Path(program)
        return p.read_text(), p.name
    return str(program), "answer.go"


def _get(obj, name, default=None):
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def outcome_of(result) -> dict:
    """The outcome of a model trace or a real run as a dict in the CLI contract's shape."""
    o = _get(result, "outcome", result)
    if callable(o):  # gostep.real's RealResult.outcome() is a method
        o = o()
    keys = ("exit", "stdout", "stderr", "message", "goroutines_at_exit", "elapsed_ns")
    d = {k: _get(o, k) for k in keys}
    d["stdout"] = list(d["stdout"] or [])
    return d


def simulate_source(source: str, name: str = "answer.go", **settings) -> dict:
    """Run Go source through the stepper; the outcome as a dict (exit 'compile_error' on a bad program)."""
    import gostep as gs
    try:
        prog = gs.parse(source, name=name)
    except Exception as e:  # GoSourceError: the front end's FILE:LINE:COL message
        return {"exit": "compile_error", "stdout": [], "message": str(e), "goroutines_at_exit": None,
                "elapsed_ns": None}
    return outcome_of(gs.simulate(prog, **settings))


def observed_ms(outcome: dict, label: str = "observed:") -> float | None:
    """The duration printed on the stdout line that starts with `label`, in ms (None if absent)."""
    for line in outcome["stdout"]:
        if line.startswith(label):
            return parse_duration_ms(line[len(label):])
    return None


def _real_runs(source: str, name: str, runs: int, **settings) -> list[dict] | None:
    """Real Go outcomes of the source, or None when the toolchain or gostep.real is missing."""
    try:
        import gostep as gs
        res = gs.real.run(source, runs=runs, **settings)
    except Exception:
        return None
    res = res if isinstance(res, (list, tuple)) else [res]
    return [outcome_of(r) for r in res]


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


# -- multiple-choice answers ---------------------------------------------------------------------


def check_choice(answer, expected, explanation: str) -> CheckResult:
    """A question with one right answer (compared case- and space-insensitively)."""
    norm = lambda s: " ".join(str(s).lower().split())  # noqa: E731
    ok = norm(answer) == norm(expected)
    return CheckResult(ok, [explanation if ok else f"Not yet. {explanation}"])


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


# -- the pattern every check follows ---------------------------------------------------------
#
# How a check decides (chapters 0 to 2 set it; later chapters copy it)
# ====================================================================
#
# 1. It runs the reader's program in the model, in every situation that could hide a mistake
#    (`run_situations`: several seeds, a timing where the event the fix must survive happens
#    before or after the deadline, GOMAXPROCS where the task allows it).
# 2. It reads the verdict from the model's state, never from what the program prints: the
#    goroutines still alive at the end and where they are parked (`leftover_goroutines`), the
#    virtual time at which a goroutine saw what it waited for, whether the work was done (steps of
#    the trace). A program that prints the expected text without doing the work is refused.
# 3. Where the task says "edit only X", it checks the rest is unchanged (`changed_outside`).
# 4. A failure says what is wrong and why, in runtime terms, and never prints the answer.
#
# tests/test_course_checks*.py feed each check the wrong answers a learner would try and the
# cheats a lazy one would (at least four per exercise) and assert each is refused.

_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)


def normalize_go(source: str) -> str:
    """Go source without comments, with runs of white space folded to one space (for comparing
    what a reader was asked not to change; gofmt-level differences do not count)."""
    return " ".join(_COMMENT.sub(" ", source).split())


def _skip_literal(src: str, i: int) -> int:
    """Index just past the string, rune or comment literal that starts at src[i] (or i+1)."""
    c = src[i]
    if src.startswith("//", i):
        j = src.find("\n", i)
        return len(src) if j < 0 else j
    if src.startswith("/*", i):
        j = src.find("*/", i + 2)
        return len(src) if j < 0 else j + 2
    if c == "`":
        j = src.find("`", i + 1)
        return len(src) if j < 0 else j + 1
    if c in "\"'":
        j = i + 1
        while j < len(src) and src[j] != c:
            j += 2 if src[j] == "\\" else 1
        return j + 1
    return i + 1


def top_level_decls(source: str) -> dict:
    """Top-level declarations of a Go file: {"func main": text, "import": text, ...}, each text
    normalized (`normalize_go`). Methods are keyed "func (T) name"; repeated keys get " #2"."""
    decls, depth, start, i = {}, 0, 0, 0
    src = source
    chunks = []
    while i < len(src):
        c = src[i]
        if c in "\"'`" or src.startswith("//", i) or src.startswith("/*", i):
            i = _skip_literal(src, i)
            continue
        if c in "({":
            depth += 1
        elif c in ")}":
            depth -= 1
        elif c == "\n" and depth == 0:
            chunks.append(src[start:i])
            start = i + 1
        i += 1
    chunks.append(src[start:])
    cur_key, cur = None, []

    def flush():
        if cur_key is not None:
            key, n = cur_key, 2
            while key in decls:
                key, n = f"{cur_key} #{n}", n + 1
            decls[key] = normalize_go("\n".join(cur))

    for ch in chunks:
        text = normalize_go(ch)
        if not text:
            continue
        m = re.match(r"(func\s*(\([^)]*\))?\s*[A-Za-z_]\w*|package|import|type\s+\w+|var|const)", text)
        if m:
            flush()
            key = m.group(0)
            if key.startswith("func"):
                recv = m.group(2)
                name = text[m.end(2) if recv else 4:m.end()].strip()
                key = f"func {recv.split()[-1].rstrip(')').lstrip('(*') if recv else ''}".rstrip()
                key = f"{key} {name}" if recv else f"func {name}"
            elif key.startswith(("var", "const")):
                key = f"{key} {text.split()[1] if len(text.split()) > 1 else ''}".strip()
            cur_key, cur = key, [ch]
        else:
            cur.append(ch)
    flush()
    return decls


def changed_outside(source: str, template: str, allowed) -> list[str]:
    """The top-level declarations (other than those named in `allowed`, e.g. {"func spin"}) that
    differ between the reader's source and the template: added, removed or edited. Empty when
    the reader kept to the part the task lets them edit."""
    a, b = top_level_decls(source), top_level_decls(template)
    allowed = set(allowed)
    out = []
    for k in sorted(set(a) | set(b)):
        if k in allowed:
            continue
        if k not in a:
            out.append(f"{k} was removed")
        elif k not in b:
            out.append(f"{k} was added")
        elif a[k] != b[k]:
            out.append(f"{k} was changed")
    return out


def run_model(source: str, name: str = "answer.go", **settings):
    """(trace, None) for a program the front end accepts, (None, message) otherwise: the front
    end's FILE:LINE:COL error, so the learner sees where their program is wrong."""
    import gostep as gs
    try:
        prog = gs.parse(source, name=name)
    except Exception as e:  # GoSourceError
        return None, str(e)
    return gs.simulate(prog, **settings), None


def run_situations(source: str, name: str, situations) -> list:
    """Run the reader's program in each situation ({"label": ..., plus simulate settings});
    returns [(label, trace, None)] or stops at the first that does not compile:
    [(label, None, message)]."""
    out = []
    for s in situations:
        s = dict(s)
        label = s.pop("label", ", ".join(f"{k}={v}" for k, v in s.items()))
        trace, err = run_model(source, name, **s)
        out.append((label, trace, err))
        if err is not None:
            break
    return out


def leftover_goroutines(trace) -> list:
    """The goroutines other than main still alive at the end of the run (GView: status, wait
    reason, function, line), read from the model's last frame, not from anything printed."""
    last = trace.frame(len(trace) - 1)
    return [g for g in last.gs if g.gid != 1 and g.status != "dead"]
