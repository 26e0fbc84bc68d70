"""Durations: the one parser and the one display formatter of the package.

Why a bare number is refused
============================
`simulate(p, timeout=2)` used to mean 2 ns (the model's clock is in ns) and `real.run(p,
timeout=2)` 2 s (a wall-clock wait): the same call, a factor of 10^9 apart. Every setting that is a
duration (a run's `timeout`, the `--timeout` of the command line, a `timeout=` of a program's
gostep header, a `{dur:LO..HI}` range) is therefore read by `parse_duration`, which takes Go's
syntax only: a string time.ParseDuration accepts ("1.5s", "20ms", "1m2s", "850us", "0"). A bare
number, int, float or digits in a string, is refused with a message that names the units.

Alternatives rejected: one unit for bare numbers everywhere (either choice silently changes the
meaning of calls written for the other, and Go itself refuses "2" in time.ParseDuration).

How a duration is shown
=======================
`fmt_ns` is the display form the views, the player and the messages use: Go's time.Duration style
shortened to three decimals (1.235ms, 20µs, 1.5s); `short=True` rounds to three or four
significant figures instead, for the columns of step times in the course. Printing a
time.Duration *value of the Go program* is another job, done exactly as Go's String method does
it (trace/gofmt.py `duration`).
"""
from __future__ import annotations

import numbers
from fractions import Fraction

__all__ = ["parse_duration", "fmt_ns", "UNITS"]

UNITS = {"ns": 1, "us": 1_000, "µs": 1_000, "μs": 1_000, "ms": 1_000_000,
         "s": 1_000_000_000, "m": 60_000_000_000, "h": 3_600_000_000_000}


def _bare(what: str, text) -> ValueError:
    return ValueError(f"{what}={text}: say '{text}s' or '{text}ms' — a bare number has no unit "
                      f"(units: ns, us, ms, s, m, h)")


def _number(s: str, i: int) -> int:
    """The end of the decimal number starting at s[i] ("12", "1.5", ".5", "1."), or i if none."""
    j = i
    while j < len(s) and s[j].isdigit():
        j += 1
    if j < len(s) and s[j] == ".":
        k = j + 1
        while k < len(s) and s[k].isdigit():
            k += 1
        if k > i + 1:
            j = k
    return j


def parse_duration(text, what: str = "duration") -> int:
    """Nanoseconds of a Go duration string, as time.ParseDuration reads it (Go 1.27 time/format.go):
    an optional sign, then decimal numbers each followed by a unit (ns, us or µs, ms, s, m, h);
    "0" alone is allowed. "1.5s" -> 1_500_000_000, "20.312ms", "1m2s", "-2ms".

    `what` names the setting in the error message ("timeout"). A bare number (2, 2.5, "2") is
    refused with a message naming the units: see "Why a bare number is refused" above."""
    if isinstance(text, bool) or (isinstance(text, numbers.Number) and not isinstance(text, str)):
        raise _bare(what, text)
    s = str(text).strip()
    body = s[1:] if s[:1] in ("+", "-") else s
    sign = -1 if s[:1] == "-" else 1
    if body == "0":
        return 0
    if body and _number(body, 0) == len(body):
        raise _bare(what, s)
    total, i = Fraction(0), 0
    while i < len(body):
        j = _number(body, i)
        if j == i:
            break
        k = j
        while k < len(body) and not body[k].isdigit() and body[k] not in ".+-":
            k += 1
        unit = body[j:k]
        if unit not in UNITS:
            break
        total += Fraction(body[i:j]) * UNITS[unit]
        i = k
    if not body or i != len(body):
        name = "" if what == "duration" else f" for {what}"
        raise ValueError(f"invalid duration {text!r}{name} (Go syntax: 1.5s, 20ms, 1m2s, 850us)")
    return sign * int(total)


def fmt_ns(ns: int, short: bool = False) -> str:
    """A virtual time like Go's time.Duration.String, shortened: 0s, 850ns, 1.25µs, 2ms, 1.5s.

    The largest unit (s, ms, µs) in which the value is at least 1, with up to three decimals. With
    `short`, the form of the course's step lists (course/tracetools.py `steps`, a column of times):
    three significant figures below a millisecond and four above (1.51µs, 5.231ms, 12.35ms); the
    unit is then chosen after rounding, so 999,999 ns is 1ms, not 1e+03µs."""
    ns = int(ns)
    if ns < 0:
        return "-" + fmt_ns(-ns, short)
    if ns == 0:
        return "0s"
    bigger = ""
    for unit, div, sig in (("s", 1_000_000_000, 4), ("ms", 1_000_000, 4), ("µs", 1_000, 3)):
        if not short:
            if ns >= div:
                return f"{ns / div:.3f}".rstrip("0").rstrip(".") + unit
        else:
            r = float(f"{ns / div:.{sig}g}")       # rounded to `sig` significant figures
            if r >= 1000 and bigger:               # 999.6µs rounds to 1ms, not 1e+03µs
                return "1" + bigger
            if r >= 1:
                return (f"{r:g}" if r < 10 ** sig else str(round(ns / div))) + unit
        bigger = unit
    return f"{ns}ns"
