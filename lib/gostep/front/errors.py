"""Errors of the front end: what `gostep.parse` raises for source it cannot compile.

Design
======
Go's compiler (gc, via types2) reports errors as `FILE:LINE:COL: message`, sorted by position,
and stops after 10 of them. `GoSourceError` keeps that shape: `str(err)` is one such line per
error, `err.errors` the list of (line, col, msg), and `err.kind` says whether the source is valid
Go that the stepper does not support ("unsupported") or is not valid Go at all ("compile",
which includes syntax errors). Positions are 1-based; columns count bytes, as gc does.

Alternatives rejected: raising at the first error (gc reports several, and a reader fixing a
program wants all of them); a warnings list on the program (an invalid program must not run).
"""
from __future__ import annotations

MAX_ERRORS = 10  # gc: "too many errors" after 10 (cmd/compile/internal/base/print.go)

SUBSET_PAGE = "docs/go-subset.md"


class GoSourceError(Exception):
    """A Go source file that does not compile (kind "compile") or is outside the subset
    the stepper runs (kind "unsupported")."""

    def __init__(self, filename: str, errors, kind: str = "compile"):
        errs = sorted(set((int(l), int(c), str(m)) for l, c, m in errors))[:MAX_ERRORS]
        self.filename = filename
        self.errors = errs
        self.kind = kind
        super().__init__(str(self))

    @property
    def line(self) -> int:
        return self.errors[0][0] if self.errors else 0

    @property
    def col(self) -> int:
        return self.errors[0][1] if self.errors else 0

    def __str__(self) -> str:
        return "\n".join(f"{self.filename}:{l}:{c}: {m}" for l, c, m in self.errors)


def unsupported_msg(what: str) -> str:
    """The message for a construct outside the subset (see docs/go-subset.md)."""
    return f"unsupported: {what} (the stepper supports the subset in {SUBSET_PAGE})"


class ErrorList:
    """Collects errors during one compilation; `raise_if_any` turns them into a GoSourceError.
    An "unsupported" error wins the kind: the program might be valid Go, but we cannot run it."""

    def __init__(self, filename: str):
        self.filename = filename
        self.items = []
        self.unsupported = False

    def error(self, pos, msg: str):
        self.items.append((pos[0], pos[1], msg))

    def unsupported_at(self, pos, what: str):
        self.unsupported = True
        self.items.append((pos[0], pos[1], unsupported_msg(what)))

    def __len__(self):
        return len(self.items)

    def raise_if_any(self):
        if self.items:
            raise GoSourceError(self.filename, self.items,
                                "unsupported" if self.unsupported else "compile")


class Bail(Exception):
    """Internal: stop checking (too many errors or an unrecoverable construct)."""
