"""Chapter 1's exercise check: stop the worker of `fetch` from leaking (course/programs/fetch_timeout.go).

How check_no_leak decides (the pattern: `checks.py`, "How a check decides")
=========================================================================

The reader may change only the worker inside `fetch`: the statements before the caller's
`select` (the channel it sends on and the `go` statement). The check

1. refuses a program the front end rejects (its FILE:LINE:COL message), and any edit outside the
   worker: another top-level declaration (`changed_outside`), fetch's signature, or the caller's
   `select` in fetch (compared with comments and spacing ignored);
2. runs the reader's worker, copied verbatim, with callers of its own, because one caller can hide
   a mistake (a `select { case <-ctx.Done(): return; default: }` before a plain send passes when the
   send starts after the deadline, and fails when it starts before it):
     - "as given": the template's caller; the 5 ms deadline passes long before the 100 ms of work end;
     - "nobody receives": the deadline (150 ms) comes after the work, and the caller never receives;
     - "late receiver": the work ends at 100 ms, the caller starts receiving only at 150 ms, well
       before its 300 ms deadline: the result must reach it (a send that drops the value fails);
   each at GOMAXPROCS 1 and 2 and with several seeds;
3. reads the verdict from the model: what each call of `fetch` returned (printed by the check's own
   main, which the reader cannot edit), and the goroutines still alive at the end and where they
   are parked (`leftover_goroutines`). It never reads what the reader's program prints;
4. stops at the first situation that fails, and says what happened there and why in runtime terms,
   without naming a fix.

Alternatives rejected: reading the reader's "goroutines:" line (a constant passes); running only the
template (the pre-check passes because there its send starts after the cancel); matching the
reader's code against known fixes (many right answers, and it teaches nothing).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .checks import (CheckResult, _skip_literal, _source_of, changed_outside, leftover_goroutines,
                     normalize_go, run_model)
from .source import program_path, strip_header

__all__ = ["check_no_leak"]

TEMPLATE_PROGRAM = "fetch_timeout"
SETTINGS = tuple({"gomaxprocs": p, "seed": s} for p in (1, 2) for s in (0, 1, 2))
_MARK = "gostep-check fetch returned:"

# The check's own program: the reader's worker is pasted between fetch's "{" and {caller}.
_HARNESS = """package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

func fetch(ctx context.Context) string {{{worker}{caller}}}

func main() {{
	for i := 1; i <= 3; i++ {{
		ctx, cancel := context.WithTimeout(context.Background(), {deadline_ms}*time.Millisecond)
		fmt.Println("{mark}", fetch(ctx))
		cancel()
	}}
	time.Sleep(300 * time.Millisecond)
	_ = runtime.NumGoroutine()
}}
"""
_HARNESS_FETCH_LINE = 10   # the line of `func fetch(...) {` in _HARNESS

_NEVER_RECEIVES = """<-ctx.Done() // this caller never receives from result
	_ = result
	return "timeout"
"""
_LATE_RECEIVER = """time.Sleep(150 * time.Millisecond) // this caller is busy before it listens
	select {
	case r := <-result:
		return r
	case <-ctx.Done():
		return "timeout"
	}
"""


@dataclass(frozen=True)
class Situation:
    name: str
    story: str          # what happens in it, said to the learner
    deadline_ms: int
    caller: str | None  # None: the template's caller
    expect: str         # what every call must return


SITUATIONS = (
    Situation("as given", "the caller gives up at its 5 ms deadline, long before the 100 ms of work "
              "end", 5, None, "timeout"),
    Situation("nobody receives", "the work ends at 100 ms, before the 150 ms deadline, so the send "
              "starts before the deadline; this caller never receives from result", 150,
              _NEVER_RECEIVES, "timeout"),
    Situation("late receiver", "the work ends at 100 ms; this caller starts receiving at 150 ms, well "
              "before its 300 ms deadline", 300, _LATE_RECEIVER, "data"),
)


# -- reading fetch ------------------------------------------------------------------------------


def _match_brace(src: str, i: int) -> int:
    """Index of the brace closing the one at src[i] (literals and comments skipped); -1 if none."""
    depth = 0
    while i < len(src):
        c = src[i]
        if c in "\"'`" or src.startswith("//", i) or src.startswith("/*", i):
            i = _skip_literal(src, i)
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def split_fetch(source: str):
    """fetch's parts: (signature, worker, caller, line of fetch's "{"), or None without a fetch.

    The worker is the text of fetch's body before its last top-level `select` (the caller's), the
    caller that select and what follows it. Literals and comments are skipped, so a "select" in a
    string or a comment does not count."""
    m = re.search(r"^func\s+fetch\s*\(", source, re.M)
    if not m:
        return None
    i = m.end()
    while i < len(source) and source[i] != "{":
        i = _skip_literal(source, i) if source[i] in "\"'`/" else i + 1
    end = _match_brace(source, i)
    if end < 0:
        return None
    body, depth, j, last = source[i + 1:end], 0, 0, -1
    while j < len(body):
        c = body[j]
        if c in "\"'`" or body.startswith("//", j) or body.startswith("/*", j):
            j = _skip_literal(body, j)
            continue
        if c in "({":
            depth += 1
        elif c in ")}":
            depth -= 1
        elif depth == 0 and body.startswith("select", j) and not re.match(r"\w", body[j - 1:j] or " ") \
                and not re.match(r"\w", body[j + 6:j + 7] or " "):
            last = j
        j += 1
    if last < 0:
        return source[m.start():i], body, "", source.count("\n", 0, i) + 1
    return source[m.start():i], body[:last], body[last:], source.count("\n", 0, i) + 1


def _template() -> str:
    lines = program_path(TEMPLATE_PROGRAM).read_text().split("\n")
    return "\n".join(strip_header(lines)[0])


def harness(worker: str, situation: Situation, template_caller: str) -> str:
    """The check's program for one situation: the reader's worker, this situation's caller and main."""
    return _HARNESS.format(worker=worker, caller=situation.caller or template_caller,
                           deadline_ms=situation.deadline_ms, mark=_MARK)


# -- judging one run ----------------------------------------------------------------------------


def _where(g, line_of) -> str:
    line = line_of(g.line)
    at = f", line {line} of your program" if line else ""
    what = f"parked in {g.wait_reason}" if g.status == "waiting" else g.status
    return f"G{g.gid} ({g.func}{at}) {what}"


def _why_alive(gs) -> str:
    reasons = {g.wait_reason for g in gs if g.status == "waiting"}
    if "chan send" in reasons:
        return ("A goroutine parked in a plain send waits for a receiver on that one channel "
                "(runtime/chan.go chansend puts it on the channel's send queue only). The deadline "
                "closes ctx.Done(), a different channel, and no one will ever receive from result "
                "again, so it stays parked for as long as the process lives.")
    if "select" in reasons:
        return ("A goroutine parked in a select waits until one of its cases can proceed; here none "
                "ever will, so it stays parked for as long as the process lives.")
    return ("Nothing will end it: a goroutine stops only when its function returns, whatever "
            "happens to the context.")


def _judge(situation: Situation, setting: dict, trace, line_of) -> list[str]:
    """Sentences saying what went wrong in this run (empty when it is right)."""
    where = (f"In the situation \"{situation.name}\" ({situation.story}; GOMAXPROCS="
             f"{setting['gomaxprocs']}, seed {setting['seed']})")
    o = trace.outcome
    if o.exit != "ok":
        return [f"{where}, the program ended with {o.exit}: {o.message}"]
    got = [ln[len(_MARK):].strip() for ln in o.stdout if ln.startswith(_MARK)]
    if len(got) != 3:
        return [f"{where}, the program printed lines of its own that look like the check's: "
                f"keep the worker from printing."]
    wrong = [r for r in got if r != situation.expect]
    if wrong and situation.expect == "timeout":
        return [f"{where}, {len(wrong)} of 3 calls returned {wrong[0]!r} before the 5 ms deadline: "
                "the worker no longer does its 100 ms of work. Keep the work as it is; the task is "
                "what happens to its result."]
    if wrong and wrong[0] != "timeout":
        return [f"{where}, {len(wrong)} of 3 calls returned {wrong[0]!r} instead of the worker's "
                "result \"data\": the caller received something that is not the result."]
    if wrong:
        return [f"{where}, {len(wrong)} of 3 calls returned {wrong[0]!r}: the caller waited for "
                "the result from 150 ms to its deadline at 300 ms and never got it, although the "
                "work takes 100 ms. The result was lost or never sent; it must reach a caller that "
                "is still waiting for it."]
    left = leftover_goroutines(trace)
    if left:
        return [f"{where}, {len(left)} goroutine(s) besides main are still alive at the end, long "
                f"after the work ended: " + "; ".join(_where(g, line_of) for g in left) + ".",
                _why_alive(left)]
    return []


def _compile_error(source: str, name: str) -> str | None:
    """The front end's FILE:LINE:COL message for a program it refuses, else None."""
    import gostep as gs
    try:
        gs.parse(source, name=name)
    except Exception as e:  # GoSourceError
        return str(e)
    return None


# -- the check ------------------------------------------------------------------------------------


def check_no_leak(program) -> CheckResult:
    """Chapter 1: change only fetch's worker so that no goroutine outlives its call, in every
    situation the check builds, while every call given up at its deadline still returns "timeout"."""
    source, name = _source_of(program)
    err = _compile_error(source, name)
    if err is not None:
        return CheckResult(False, [f"The program does not compile: {err}"])
    template = _template()
    outside = changed_outside(source, template, allowed={"func fetch"})
    mine, theirs = split_fetch(source), split_fetch(template)
    if mine is not None:
        if normalize_go(mine[0]) != normalize_go(theirs[0]):
            outside.append("fetch's signature was changed")
        if normalize_go(mine[2]) != normalize_go(theirs[2]):
            outside.append("the caller's select in fetch was changed")
    if outside:
        return CheckResult(False, [
            "Change only the worker inside fetch (the channel it sends on and its go statement): "
            + "; ".join(outside) + ".",
            "The rest is the situation your worker must survive; the check runs your worker with "
            "callers of its own, so it must be right whatever the caller does."])
    worker, fetch_line = mine[1], mine[3]

    def line_of(harness_line: int) -> int:
        line = harness_line - _HARNESS_FETCH_LINE + fetch_line
        return line if harness_line >= _HARNESS_FETCH_LINE and line > 0 else 0

    runs = 0
    for sit in SITUATIONS:
        src = harness(worker, sit, theirs[2])
        for setting in SETTINGS:
            trace, err = run_model(src, name, **setting)
            if err is not None:
                return CheckResult(False, [f"Your worker does not compile with the check's caller "
                                           f"(situation \"{sit.name}\"): {err}"])
            runs += 1
            problems = _judge(sit, setting, trace, line_of)
            if problems:
                return CheckResult(False, problems)
    return CheckResult(True, [
        f"model: {runs} runs ({len(SITUATIONS)} situations, each at GOMAXPROCS 1 and 2 with seeds "
        "0-2): every call given up at its deadline returned \"timeout\", the result reached every "
        "caller still waiting for it, and at the end only main was alive: no worker outlived its "
        "call, whether the caller gave up before the work ended, never received, or received late."])
