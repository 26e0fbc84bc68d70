"""Chapter 3's library code: a send nobody receives (star-imported into gostep.course).

What the chapter needs beyond the shared helpers:

    chansend_excerpt()          the real `chansend` of the pinned Go, quoted with file and line
                                numbers, read from the toolchain's own source (verified, not typed)
    INVENTED_LISTING            the source post's "inline assembly of chansend" (C28), for the
                                side-by-side
    model_profile(trace)        the model's goroutine profile: goroutines alive at the end, grouped
                                by function, line and wait reason (what pprof's debug=1 groups)
    real_profiles(result)       the goroutine and goroutineleak profiles that leak_profiles.go
                                printed on real Go, summarised (paths and addresses cleaned)
    sweep_share(sw, line)       how many runs of a sweep reached a line (which select case won)
    leak_counts(sw)             leaked goroutines per run of a sweep
    key_step(trace, kind, ...)  the step a player opens on (the chapter's key moments)
    schedule_game()             the scheduler game on check_then_send_race.go

Alternatives rejected: pasting chansend into the notebook (it would go stale and could not be
checked); parsing `go tool objdump` for the real machine code (long, and beside the point: the
post's listing is not a compilation of chan.go at all).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["chansend_excerpt", "INVENTED_LISTING", "Listing", "model_profile", "real_profiles",
           "sweep_share", "leak_counts", "key_step", "schedule_game", "GAME_PROGRAM"]

from .checks_ch3 import GAME_PROGRAM, LAST_GAME, blocked_workers  # the game the check replays

# -- chansend, from the pinned toolchain's source -------------------------------------------------

# The lines of runtime/chan.go chansend the chapter quotes, found by their text (so a line-number
# drift between Go versions shows up as a different number, and a missing line as an error).
_CHANSEND_ANCHORS = (
    "func chansend(c *hchan, ep unsafe.Pointer, block bool, callerpc uintptr) bool {",
    "if c.closed != 0 {",
    'panic(plainError("send on closed channel"))',
    "if sg := c.recvq.dequeue(); sg != nil {",
    "send(c, sg, ep, func() { unlock(&c.lock) }, 3)",
    "if c.qcount < c.dataqsiz {",
    "typedmemmove(c.elemtype, qp, ep)",
    "c.sendq.enqueue(mysg)",
    "gopark(chanparkcommit, unsafe.Pointer(&c.lock), reason, traceBlockChanSend, 2)",
)

# What the pinned Go 1.27.3 has at those lines (used, and said so, only when no toolchain is here).
_RECORDED = ((176, _CHANSEND_ANCHORS[0]), (224, _CHANSEND_ANCHORS[1]), (226, _CHANSEND_ANCHORS[2]),
             (229, _CHANSEND_ANCHORS[3]), (232, _CHANSEND_ANCHORS[4]), (236, _CHANSEND_ANCHORS[5]),
             (242, _CHANSEND_ANCHORS[6]), (273, _CHANSEND_ANCHORS[7]), (283, _CHANSEND_ANCHORS[8]))

INVENTED_LISTING = (
    "// runtime/chan.go -> chansend() inline assembly excerpt (simplified)   [the source post]",
    "CMPQ    $0, (ax)           // check whether chan.recvq is empty",
    "JE      block              // no waiting receiver: take the blocking branch",
    "CALL    runtime.send       // otherwise write to the buffer / hand over directly",
)


@dataclass(frozen=True)
class Listing:
    """Quoted source lines (file:line text), with where they came from."""

    title: str
    lines: tuple
    origin: str

    def __repr__(self) -> str:
        return "\n".join([self.title] + list(self.lines) + [f"({self.origin})"])

    def _repr_markdown_(self) -> str:
        body = "\n".join(self.lines)
        return f"**{self.title}** ({self.origin})\n\n```go\n{body}\n```"


def _goroot() -> Path | None:
    try:
        from gostep.real.toolchain import find_go
        go = find_go("1.27")
    except Exception:
        return None
    return None if go is None else Path(go).resolve().parent.parent


def chansend_excerpt() -> Listing:
    """The decisive lines of the pinned Go's chansend, read from its runtime/chan.go."""
    root = _goroot()
    src = None if root is None else root / "src" / "runtime" / "chan.go"
    if src is None or not src.is_file():
        rows = [f"chan.go:{n:<4} {t}" for n, t in _RECORDED]
        return Listing("runtime/chan.go chansend, Go 1.27.3", tuple(rows),
                       "recorded: no Go toolchain on this machine")
    version = (root / "VERSION").read_text().split("\n", 1)[0].strip()
    text = src.read_text().split("\n")
    start = next(i for i, ln in enumerate(text) if ln.startswith(_CHANSEND_ANCHORS[0]))
    rows = []
    for a in _CHANSEND_ANCHORS:
        i = next((j for j in range(start, len(text)) if text[j].strip() == a), None)
        if i is None:
            raise LookupError(f"{a!r} is not in chansend of {version}'s runtime/chan.go")
        rows.append(f"chan.go:{i + 1:<4} {text[i].strip()}")
    return Listing(f"runtime/chan.go chansend, {version.replace('go', 'Go ', 1)}", tuple(rows),
                   "read from the pinned toolchain's source just now")


def invented_listing() -> Listing:
    return Listing("the source post's 'assembly of chansend'", INVENTED_LISTING[1:],
                   "copied from the post; it matches no Go release")


__all__.append("invented_listing")

# -- profiles ----------------------------------------------------------------------------------------


class Profile(str):
    """Text shown as it is (a str whose repr is the text itself)."""

    def __repr__(self) -> str:
        return str(self)


def model_profile(trace) -> Profile:
    """Goroutines alive at the end of a model run (main excluded), grouped like pprof's debug=1:
    count, function, line and wait reason."""
    from collections import Counter
    from .checks import leftover_goroutines
    groups = Counter((g.func, g.line, g.wait_reason or g.status) for g in leftover_goroutines(trace))
    lines = [f"model: {sum(groups.values())} goroutine(s) alive at the end besides main"]
    for (func, line, why), n in sorted(groups.items(), key=lambda kv: -kv[1]):
        lines.append(f"{n} @ {func} line {line} [{why}]")
    return Profile("\n".join(lines))


_ADDR = re.compile(r"0x[0-9a-f]+")


def _clean(line: str) -> str:
    line = line.replace("gostep.run/", "").replace("main.gostep_main", "main.main")
    return _ADDR.sub("0x…", line)


def real_profiles(result) -> Profile:
    """What leak_profiles.go printed on real Go: NumGoroutine, the goroutine profile (debug=2)
    counted by wait reason with one worker's stack, and the goroutineleak profile (debug=1)."""
    out = list(result.stdout)
    if not out:
        return Profile(f"real Go: no output ({result.exit}: {result.message})")
    i_g = out.index("=== goroutine profile (debug=2)")
    i_l = out.index("=== goroutineleak profile (debug=1)")
    stacks = out[i_g + 1:i_l]
    reasons = {}
    first = []
    for k, ln in enumerate(stacks):
        m = re.match(r"goroutine \d+ \[([^\]]+)\]", ln)
        if m:
            reasons[m.group(1)] = reasons.get(m.group(1), 0) + 1
            if not first and "main.handle.func1" in "".join(stacks[k:k + 3]):
                first = stacks[k:k + 5]
    leak = [ln for ln in out[i_l + 1:] if ln.strip()]
    text = [out[0], "goroutine profile (debug=2), goroutines by [wait reason]: " +
            ", ".join(f"[{r}] {n}" for r, n in sorted(reasons.items(), key=lambda kv: -kv[1])),
            "one of them:"] + ["    " + _clean(ln) for ln in first]
    text += ["goroutineleak profile (debug=1):"] + ["    " + _clean(ln) for ln in leak]
    return Profile("\n".join(text))


# -- counting over runs -------------------------------------------------------------------------------


def sweep_share(sw, line: int) -> tuple[int, int]:
    """(runs that reached `line`, runs) of a gs.sweep(..., line=line) result."""
    reached = int((sw["line_ns"] >= 0).sum())
    return reached, len(sw["line_ns"])


def leak_counts(sw):
    """Goroutines alive at the end besides main, per run of a sweep (a Counter: leaked -> runs)."""
    from collections import Counter
    return Counter(int(n) - 1 for n in sw["goroutines"])


def key_step(trace, kind: str, contains: str = "", nth: int = 0) -> int:
    """The step of the nth event of `kind` whose narration contains `contains` (for gs.show(start=))."""
    from .tracetools import steps
    rows = steps(trace, kind, contains=contains).rows
    if len(rows) <= nth:
        raise LookupError(f"no {kind!r} step containing {contains!r} in this run")
    return rows[nth][0]


# -- the scheduler game -------------------------------------------------------------------------------


def schedule_game():
    """The scheduler game on check_then_send_race.go: you pick which ready case each select takes."""
    import gostep as gs
    from gostep.api import simulate_to_choice
    from gostep.widgets import scheduler_game
    from .source import program_path
    prog = gs.load(str(program_path(GAME_PROGRAM)))
    game = scheduler_game(prog, goal=lambda tr: bool(blocked_workers(tr)), run=simulate_to_choice,
                          goal_text="the caller cancels, yet a worker stays blocked in its send",
                          gomaxprocs=1, seed=0)
    LAST_GAME[:] = [game]   # check_leaky_schedule() with no argument reads this game's picks
    return game


# -- small readers for the notebook's cells ------------------------------------------------------------


def line_of(name: str, text: str) -> int:
    """The 1-based line of a course program on which `text` first appears (for sweep(line=...))."""
    from .source import program_path
    for i, ln in enumerate(program_path(name).read_text().split("\n"), 1):
        if text in ln:
            return i
    raise LookupError(f"{text!r} is not in {name}")


def front_end_message(name: str) -> str:
    """What the stepper's front end says about a course program (its FILE:LINE:COL error), or ''."""
    import gostep as gs
    from .source import program_path
    path = program_path(name)
    try:
        gs.parse(path.read_text(), name=path.name)
    except gs.GoSourceError as e:
        return str(e)
    return ""


def numbers_after(results, prefix: str) -> list:
    """The first number after `prefix` on each run's stdout (e.g. 'ctx.Done chosen'), or None."""
    out = []
    for r in results:
        line = next((ln for ln in r.stdout if ln.startswith(prefix)), None)
        m = re.search(r"\d+", line[len(prefix):]) if line else None
        out.append(int(m.group(0)) if m else None)
    return out


def durations_after(results, prefix: str) -> list:
    """The Go duration printed after `prefix` on each run's stdout, in ms (None if absent)."""
    from .checks import parse_duration_ms
    out = []
    for r in results:
        line = next((ln for ln in r.stdout if prefix in ln), None)
        m = re.search(re.escape(prefix) + r"\s*([0-9.]+[a-zµ]+)", line) if line else None
        out.append(parse_duration_ms(m.group(1)) if m else None)
    return out


__all__ += ["line_of", "front_end_message", "numbers_after", "durations_after"]
