"""Small text formatters shared by the views (durations in Go's style, G lists)."""
from __future__ import annotations

from gostep.durations import fmt_ns   # the package's one display form of a duration

__all__ = ["fmt_ns", "fmt_gs"]


def fmt_gs(gids) -> str:
    """A list of gids as Go's schedtrace-like text: [G3 G4]."""
    return "[" + " ".join(f"G{g}" for g in gids) + "]"
