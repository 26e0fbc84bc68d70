"""Small text formatters shared by the views (durations in Go's style, G lists)."""
from __future__ import annotations


def fmt_ns(ns: int) -> str:
    """A virtual time like Go's time.Duration.String, shortened: 0s, 850ns, 1.25µs, 2ms, 1.5s."""
    if ns < 0:
        return "-" + fmt_ns(-ns)
    if ns == 0:
        return "0s"
    for unit, div in (("s", 1_000_000_000), ("ms", 1_000_000), ("µs", 1_000)):
        if ns >= div:
            v = ns / div
            s = f"{v:.3f}".rstrip("0").rstrip(".")
            return s + unit
    return f"{ns}ns"


def fmt_gs(gids) -> str:
    """A list of gids as Go's schedtrace-like text: [G3 G4]."""
    return "[" + " ".join(f"G{g}" for g in gids) + "]"
