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

def parse_duration_ms(text: str) -> float:
    """A Go duration as fmt prints it (`20.31ms`, `1.002s`, `1m2.5s`, `850µs`) in milliseconds:
    the package's one parser (gostep.durations.parse_duration, time.ParseDuration's syntax)."""
    from gostep.durations import parse_duration
    return parse_duration(str(text).strip()) / 1e6


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


# -- multiple-choice answers ---------------------------------------------------------------------


def check_choice(answer, expected, explanation: str) -> CheckResult:
    """A question with one right answer (compared case- and space-insensitively)."""
    norm = lambda s: " ".join(str(s).lower().split())  # noqa: E731
    ok = norm(answer) == norm(expected)
    return CheckResult(ok, [explanation if ok else f"Not yet. {explanation}"])




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
# tests/course/test_course_checks*.py feed each check the wrong answers a learner would try and the
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
