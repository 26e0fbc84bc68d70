"""Chapter 5's exercise checks (the pattern: `checks.py`, "How a check decides").

check_stale_versions: the reader says, for three toolchain settings, whether `stop_select.go`
finds a value left in t.C after Stop. The truth comes from the model's state (did main reach the
line of the select case that received a value?) under each setting's timer semantics, and, where
the toolchain is installed, from real Go too. A wrong answer is told that some answer is wrong,
never which one (one wrong try must not reveal the three verdicts).

check_reset_idiom: the reader rewrites `resetTimer` of `reset_idiom.go`. The check puts it into the
unchanged template and runs it in the model under Go 1.22 semantics (buffered timer channels) and
Go 1.27 semantics (synchronous channels), at GOMAXPROCS 1 and 2, with three seeds each. It reads
from the model the virtual time at which main reached the line after each situation's read of t.C
(`gostep.sweep(..., line=L)`): the read must return 100 ms after the reset (no stale value, no
wait inside resetTimer), and the program must end (no deadlock).
"""
from __future__ import annotations

import re

from .checks import CheckResult, changed_outside, top_level_decls  # noqa: F401
from .source import program_path

__all__ = ["check_stale_versions", "check_reset_idiom", "STALE_SETTINGS", "reset_template",
           "splice_reset"]

# The three settings of exercise 1: label -> (model settings, real-Go settings).
STALE_SETTINGS = {
    "Go 1.21.13": ({"go": "1.21"}, {"go": "1.21"}),
    "Go 1.23.9 with GODEBUG=asynctimerchan=1": ({"go": "1.23", "godebug": "asynctimerchan=1"},
                                                 {"go": "1.23", "godebug": "asynctimerchan=1"}),
    "Go 1.27.3 with `go 1.21` in go.mod": ({"go": "1.27"}, {"go": "1.27", "lang": "1.21"}),
}


def _stale_line(source: str) -> int:
    for i, line in enumerate(source.splitlines(), 1):
        if "held a value" in line and "fmt.Println" in line:
            return i
    raise ValueError("stop_select.go changed: no line prints 'held a value'")


def _model_stale(settings: dict) -> bool:
    """Whether main reached the select case that received a value, in the model (seed 0 and 1)."""
    import gostep as gs
    path = program_path("stop_select")
    src = path.read_text()
    prog = gs.load(str(path), go=settings["go"])
    r = gs.sweep(prog, seeds=range(2), line=_stale_line(src), **settings)
    return bool((r["line_ns"] >= 0).all())


def _real_stale(settings: dict) -> bool | None:
    """The same on real Go (None when the toolchain is missing): read from its output."""
    try:
        import gostep as gs
        from gostep.real.toolchain import find_go
        if find_go(settings["go"]) is None:
            return None
        r = gs.real.run(str(program_path("stop_select")), runs=1, timeout="5s", **settings)
    except Exception:
        return None
    return any("held a value" in line for line in r.stdout)


def _as_answers(answer) -> dict | None:
    labels = list(STALE_SETTINGS)
    if isinstance(answer, dict):
        if set(answer) != set(labels):
            return None
        vals = [answer[k] for k in labels]
    elif isinstance(answer, (list, tuple)) and len(answer) == 3:
        vals = list(answer)
    else:
        return None
    if not all(isinstance(v, bool) for v in vals):
        return None
    return dict(zip(labels, vals))


def check_stale_versions(answer, real: bool = True) -> CheckResult:
    """Exercise 1: for each of STALE_SETTINGS, True if `stop_select.go` finds a value left in t.C
    after Stop (a stale value), False if t.C is empty."""
    ans = _as_answers(answer)
    if ans is None:
        return CheckResult(False, [
            "Answer with three booleans, one per setting, in the order given (or a dict with the three "
            "labels as keys): True if the program finds a stale value in t.C after Stop, False if not."])
    truth, real_notes, n_real = {}, [], 0
    for label, (model_s, real_s) in STALE_SETTINGS.items():
        truth[label] = _model_stale(model_s)
        r = _real_stale(real_s) if real else None
        n_real += r is not None
        if r is not None and r != truth[label]:
            real_notes.append("real Go and the model disagree on one setting: please report it.")
    where = "checked in the model, and on real Go where the toolchain is installed"
    if ans == truth:
        return CheckResult(True, [
            f"All three right ({where}). What decides is not the toolchain alone: up to Go 1.22 the "
            "timer sends into a one-slot buffer when it fires; from 1.23 the channel is synchronous "
            "unless the go line of go.mod says 1.22 or lower or GODEBUG=asynctimerchan=1, and from "
            "1.27 neither can bring the old behaviour back (the setting is removed)."] + real_notes)
    return CheckResult(False, [
        f"Not yet: at least one of the three is wrong ({where}).",
        "For each setting ask: is t.C a buffered channel the timer sends into when it fires (then the "
        "value waits there, and Stop cannot take it back), or a synchronous one (then Stop drops it)? "
        "Three things decide: the runtime's version, the go line of go.mod (Go 1.23 to 1.26 keep the "
        "old channels for a module that says 1.22 or lower), and GODEBUG=asynctimerchan (1.23 to 1.26; "
        "removed in 1.27)."] + real_notes)


# -- exercise 2: a timer reset that is correct on every version --------------------------------

_FUNC = re.compile(r"^func resetTimer\(t \*time\.Timer, d time\.Duration\) \{.*?^\}\n", re.S | re.M)
# (situation, what happened to t before resetTimer, the delay from the reset to the value, ms)
SITUATIONS = (
    (1, "the timer expired and nobody read t.C", 100.0),
    (2, "the timer was still pending", 100.0),
    (3, "the timer fired and its value was already read", 100.0),
)
_SETTINGS = [{"go": "1.22", "gomaxprocs": 1}, {"go": "1.22", "gomaxprocs": 2},
             {"go": "1.27", "gomaxprocs": 1}, {"go": "1.27", "gomaxprocs": 2}]
_SEEDS = range(3)


def reset_template() -> str:
    """The exercise's program, reset_idiom.go, as it is on disk."""
    return program_path("reset_idiom").read_text()


def splice_reset(answer: str) -> str | None:
    """The template with the reader's resetTimer in place of its own; a whole program is taken
    as it is. None when the answer holds no resetTimer."""
    answer = answer.strip("\n") + "\n"
    if "package main" in answer:
        return answer
    m = _FUNC.search(answer)
    if not m:
        return None
    return _FUNC.sub(lambda _m: m.group(0), reset_template(), count=1)


def _marker_lines(source: str) -> list[int]:
    out = []
    for k in (1, 2, 3):
        hit = [i for i, line in enumerate(source.splitlines(), 1)
               if re.search(rf'fmt\.Println\("{k}\. ', line)]
        out.append(hit[0] if hit else 0)
    return out


def _reset_ns(source: str) -> list[int]:
    """Virtual time from each situation's start to its resetTimer call, fixed by the template:
    50 ms (sleep), 10 ms (sleep), and the 10 ms timer's fire."""
    return [50, 10, 10]


def check_reset_idiom(answer) -> CheckResult:
    """Exercise 2: resetTimer must be right on every Go version: after it, t.C gives a value
    only d after the call (no stale value), in all three situations, and never blocks for good."""
    import gostep as gs
    if not isinstance(answer, str) or "resetTimer" not in answer:
        return CheckResult(False, ["Give the Go source of `func resetTimer(t *time.Timer, d time.Duration)` "
                                   "(or the whole program with it)."])
    source = splice_reset(answer)
    if source is None:
        return CheckResult(False, ["Keep the signature `func resetTimer(t *time.Timer, d time.Duration) {`, "
                                   "with the closing brace alone on the last line."])
    changed = changed_outside(source, reset_template(), {"func resetTimer"})
    if changed:
        return CheckResult(False, ["Change only resetTimer: " + "; ".join(changed) + ". The three "
                                   "situations in main are what the check runs."])
    lines = _marker_lines(source)
    try:
        progs = {v: gs.parse(source, "reset_idiom.go", go=v) for v in ("1.22", "1.27")}
    except Exception as e:
        return CheckResult(False, [f"The program does not compile: {e}"])
    for s in _SETTINGS:
        prog = progs[s["go"]]
        label = f"Go {s['go']} semantics, GOMAXPROCS={s['gomaxprocs']}"
        times = []
        for line in lines:
            r = gs.sweep(prog, seeds=_SEEDS, line=line, timeout="3s", **s)
            times.append(r["line_ns"])
        exits = set(r["exit"])
        prev = 0
        for (k, what, want), t in zip(SITUATIONS, times):
            if (t < 0).any():
                how = ("deadlocked" if "deadlock" in exits else
                       f"ended with {', '.join(sorted(exits))}")
                return CheckResult(False, [
                    f"{label}: the program {how} in situation {k} ({what}): main never got past the "
                    "read of t.C. A receive from t.C waits for good when no value will ever come: "
                    "after the timer fired and its value was read, Stop returns false and nothing "
                    "is sent again until the timer is reset."])
            # the read must return `want` ms after the reset (the reset comes a fixed time into
            # the situation: 50 ms, 10 ms, 10 ms), neither earlier (stale) nor later (waiting)
            start = prev
            got = (int(t.min()) - start) / 1e6 - _reset_ns(source)[k - 1]
            got_max = (int(t.max()) - start) / 1e6 - _reset_ns(source)[k - 1]
            if got < want - 1:
                return CheckResult(False, [
                    f"{label}: in situation {k} ({what}) the read after resetTimer returned "
                    f"{got:.1f} ms after the reset, not {want:g} ms: t.C still held a value from "
                    "before the reset (a stale value)."])
            if got_max > want + 5:
                return CheckResult(False, [
                    f"{label}: in situation {k} ({what}) the read returned {got_max:.1f} ms after the "
                    f"reset, not {want:g} ms: resetTimer must not wait (no sleep, no second reset)."])
            prev = int(t.max())
    return CheckResult(True, [
        "In all three situations, under Go 1.22 and Go 1.27 semantics, at GOMAXPROCS 1 and 2 and "
        f"seeds {list(_SEEDS)}, t.C gave its value 100 ms after the reset and never blocked for good. "
        "On Go 1.23 and later a plain t.Reset(d) would do; your version is right on older toolchains "
        "and on modules whose go.mod says 1.22 or lower as well."])
