"""The course's Go programs and what real Go was observed to do with them.

# The header

Each course/programs/*.go file starts with a comment block of *cases* (format:
course/programs/README.md): the settings to run the program with (gomaxprocs, godebug, Go version,
timeout, runs) and the expected outcome (exit kind, first line of the panic or fatal error,
goroutines when main returned, stdout line by line). `read_cases` turns the block into `Case`
objects; `Case.check(outcome)` compares any outcome (the model's frame.Outcome or real Go's
RealResult) with it and lists the differences.

# Matching stdout

Expected stdout lines are literal text with placeholders, because a run that prints a time or a
count varies: `{dur:LO..HI}` (a Go time.Duration as fmt prints it, whose value lies in [LO, HI]),
`{int:LO..HI}`, `{any}`, and a line `...` that matches any number of lines. Each expected line is
compiled to one anchored regex; ranges are checked on the captured text. `...` is matched by plain
backtracking over the line lists (headers are short).

Alternatives rejected: glob patterns (no ranges for durations, which are the point of a timing
band); a full expectation DSL (the header must stay readable as a comment in the course file).

# Messages

A panic's or fatal error's message is compared without Go's "panic: " / "fatal error: " prefix,
so "panic: send on closed channel" and "send on closed channel" agree. A compile error's message is
"FILE:LINE:COL: text" with the course file's base name.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from gostep.durations import parse_duration   # the one duration parser (durations.py)

EXIT_KINDS = ("ok", "panic", "deadlock", "fatal", "hang", "compile_error")
CASE_KEYS = ("name", "gomaxprocs", "godebug", "go", "timeout", "runs")
FILE_KEYS = ("vet-fails",)   # file-level directives, before the first case

# --- durations ---------------------------------------------------------------------------------

_UNIT_RE = r"(?:ns|us|µs|μs|ms|s|m|h)"
# A time.Duration as Duration.String() prints it: "20.312ms", "1m2.5s", "850µs", "0s", "-1.5s".
DURATION_RE = rf"-?(?:(?:\d+(?:\.\d+)?{_UNIT_RE})+|0)"


class CorpusError(ValueError):
    """A malformed gostep header; the message starts with FILE:LINE."""


# --- stdout matching ---------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{(dur|int):([^{}]*?)\.\.([^{}]*?)\}|\{any\}")


def _compile_line(expected: str):
    """An expected line -> (regex, [(kind, lo, hi) per group])."""
    parts, checks, pos = [], [], 0
    for m in _PLACEHOLDER.finditer(expected):
        parts.append(re.escape(expected[pos:m.start()]))
        if m.group(0) == "{any}":
            parts.append("(.*?)")
            checks.append(("any", None, None))
        elif m.group(1) == "dur":
            parts.append(f"({DURATION_RE})")
            checks.append(("dur", parse_duration(m.group(2)), parse_duration(m.group(3))))
        else:
            parts.append(r"(-?\d+)")
            checks.append(("int", int(m.group(2)), int(m.group(3))))
        pos = m.end()
    parts.append(re.escape(expected[pos:]))
    return re.compile("".join(parts) + r"\Z"), checks


def match_line(expected: str, actual: str) -> bool:
    """True if one actual stdout line matches one expected line (with placeholders)."""
    rx, checks = _compile_line(expected)
    m = rx.match(actual)
    if not m:
        return False
    for (kind, lo, hi), val in zip(checks, m.groups()):
        if kind == "dur" and not lo <= parse_duration(val) <= hi:
            return False
        if kind == "int" and not lo <= int(val) <= hi:
            return False
    return True


def _match(exp: list, act: list, i: int = 0, j: int = 0) -> bool:
    while i < len(exp):
        if exp[i].strip() == "...":
            return any(_match(exp, act, i + 1, k) for k in range(j, len(act) + 1))
        if j >= len(act) or not match_line(exp[i], act[j]):
            return False
        i, j = i + 1, j + 1
    return j == len(act)


def match_stdout(expected_lines, actual_lines) -> tuple[bool, str]:
    """(ok, diff): whether the actual lines match the expected ones, and a readable diff if not."""
    exp, act = list(expected_lines), list(actual_lines)
    if _match(exp, act):
        return True, ""
    first = next((k for k in range(min(len(exp), len(act)))
                  if exp[k].strip() != "..." and not match_line(exp[k], act[k])), None)
    head = (f"first difference at line {first + 1}: expected {exp[first]!r}, got {act[first]!r}"
            if first is not None else f"expected {len(exp)} lines, got {len(act)}")
    diff = "\n".join(difflib.unified_diff(exp, act, "expected", "actual", lineterm="", n=2))
    return False, head + "\n" + diff


def normalize_message(msg: str | None) -> str:
    """A panic / fatal error message without Go's "panic: " / "fatal error: " prefix."""
    msg = (msg or "").strip()
    for prefix in ("panic: ", "fatal error: "):
        if msg.startswith(prefix):
            return msg[len(prefix):]
    return msg


# --- cases -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    """One `gostep:case` of a course program: settings and the outcome real Go was seen to give."""
    file: str                       # path of the Go file, as given to read_cases
    name: str
    line: int                       # line of the gostep:case line (1-based)
    gomaxprocs: int = 1
    godebug: str = ""
    go: str = "1.27"
    timeout: str = "2s"
    runs: int = 3
    exit: str | None = None
    message: str | None = None
    goroutines: int | None = None
    stdout: tuple | None = None
    model_note: str = ""
    title: str = ""                 # first line of the header: what the program shows
    vet_fails: str = ""             # file-level gostep:vet-fails REASON (go vet fails on purpose)

    @property
    def real_only(self) -> bool:
        """A case only real Go can run: its model-note starts "real Go only" (the program uses
        what the stepper's subset leaves out, e.g. runtime/pprof; docs/go-subset.md)."""
        return self.model_note.lower().startswith("real go only")

    @property
    def id(self) -> str:
        return f"{Path(self.file).name}:{self.name}"

    def settings(self) -> dict:
        """Keyword arguments for gostep.simulate and gostep.real.run."""
        return {"gomaxprocs": self.gomaxprocs, "godebug": self.godebug, "go": self.go,
                "timeout": self.timeout}

    def check(self, outcome) -> list[str]:
        """The differences between an outcome (frame.Outcome or RealResult) and this case."""
        problems = []
        if self.exit is not None and outcome.exit != self.exit:
            problems.append(f"exit: expected {self.exit}, got {outcome.exit}"
                            + (f" ({outcome.message})" if outcome.message else ""))
        if self.message is not None and \
                normalize_message(outcome.message) != normalize_message(self.message):
            problems.append(f"message: expected {self.message!r}, got {outcome.message!r}")
        if self.goroutines is not None and outcome.exit == "ok" and \
                outcome.goroutines_at_exit is not None and \
                outcome.goroutines_at_exit != self.goroutines:
            problems.append(f"goroutines: expected {self.goroutines}, "
                            f"got {outcome.goroutines_at_exit}")
        if self.stdout is not None:
            ok, diff = match_stdout(self.stdout, outcome.stdout)
            if not ok:
                problems.append("stdout: " + diff)
        return problems


_DIRECTIVE = re.compile(r"^//\s?gostep:([a-z-]+)(?:\s+(.*))?$")


def _case_kwargs(text: str, where: str) -> dict:
    kw = {}
    for tok in (text or "").split():
        if "=" not in tok:
            raise CorpusError(f"{where}: gostep:case expects key=value, got {tok!r}")
        k, v = tok.split("=", 1)
        if k not in CASE_KEYS:
            raise CorpusError(f"{where}: unknown gostep:case key {k!r} (known: {', '.join(CASE_KEYS)})")
        kw[k] = v
    if "name" not in kw:
        raise CorpusError(f"{where}: gostep:case needs name=...")
    try:
        if "gomaxprocs" in kw:
            kw["gomaxprocs"] = int(kw["gomaxprocs"])
            if not 1 <= kw["gomaxprocs"] <= 256:
                raise ValueError("gomaxprocs out of range")
        if "runs" in kw:
            kw["runs"] = int(kw["runs"])
        if "timeout" in kw:
            parse_duration(kw["timeout"], "timeout")
    except ValueError as e:
        raise CorpusError(f"{where}: {e}") from None
    return kw


def read_cases(path) -> list[Case]:
    """Parse the gostep header of a Go file into its cases (empty if it has no header)."""
    path = str(path)
    lines = Path(path).read_text().splitlines()
    header = []
    for ln in lines:
        if not ln.startswith("//"):
            break
        header.append(ln.rstrip())
    title = header[0][2:].strip() if header else ""
    cases, cur, block = [], None, None   # cur: dict being built; block: stdout list or None
    file_level = {}
    names = set()
    for no, ln in enumerate(header, 1):
        where = f"{path}:{no}"
        m = _DIRECTIVE.match(ln)
        if not m:
            if block is not None:
                if ln.startswith("//   "):
                    block.append(ln[5:])
                elif ln.strip() in ("//", "// ", "//  "):
                    block.append("")
                else:
                    raise CorpusError(f"{where}: stdout line must be indented '//   text': {ln!r}")
            continue
        key, arg = m.group(1), (m.group(2) or "").strip()
        if block is not None:
            while block and block[-1] == "":
                block.pop()
            cur["stdout"] = tuple(block)
            block = None
        if key == "case":
            if cur is not None:
                raise CorpusError(f"{where}: gostep:case before gostep:end of the previous case")
            cur = _case_kwargs(arg, where)
            if cur["name"] in names:
                raise CorpusError(f"{where}: duplicate case name {cur['name']!r}")
            names.add(cur["name"])
            cur["line"] = no
            continue
        if key in FILE_KEYS:
            if cur is not None or cases:
                raise CorpusError(f"{where}: gostep:{key} belongs before the first gostep:case")
            file_level[key.replace("-", "_")] = arg
            continue
        if cur is None:
            raise CorpusError(f"{where}: gostep:{key} outside a gostep:case ... gostep:end block")
        if key == "exit":
            if arg not in EXIT_KINDS:
                raise CorpusError(f"{where}: unknown exit kind {arg!r} (known: {', '.join(EXIT_KINDS)})")
            cur["exit"] = arg
        elif key == "message":
            cur["message"] = arg
        elif key == "goroutines":
            try:
                cur["goroutines"] = int(arg)
            except ValueError:
                raise CorpusError(f"{where}: gostep:goroutines expects an integer") from None
        elif key == "stdout":
            block = []
        elif key == "model-note":
            cur["model_note"] = (cur.get("model_note", "") + " " + arg).strip()
        elif key == "end":
            cases.append(Case(file=path, title=title, **file_level, **cur))
            cur = None
        else:
            raise CorpusError(f"{where}: unknown directive gostep:{key}")
    if cur is not None:
        raise CorpusError(f"{path}: case {cur['name']!r} has no gostep:end")
    return cases


def course_programs(root=None) -> list[Path]:
    """Every course/programs/*.go file, sorted."""
    root = Path(root) if root else Path(__file__).resolve().parents[2]
    return sorted((root / "course" / "programs").glob("*.go"))
