"""Which functions are cooperative preemption points: gc's inlining and NOSPLIT rules,
approximated on the program model (see docs/go-subset.md, "Preemption points").

Design
======
Two mutually recursive predicates over model.ast.Func (annotated by the checker with `calls`,
`cost`, `noinline`, `has_recover`): `inlinable` mirrors cmd/compile/internal/inline CanInline,
`stackcheck` mirrors the NOSPLIT decision of cmd/internal/obj/x86/obj6.go preprocess. The
compiler sets isa.FN_STACKCHECK from `stackcheck`. Checked against `go build -gcflags=-S` by
tests/model/test_stackcheck_matches_gc.py.

Alternatives rejected: asking real Go (`-gcflags=-S`) at load time (the model must not need
Go); marking every call as a preemption point (wrong for the leaf loops chapter 2 is about).
"""
from __future__ import annotations

from . import ast as A

INLINE_BUDGET = 80        # cmd/compile/internal/inline/inl.go inlineMaxBudget (go 1.27)
EXTRA_CALL_COST = 57      # inl.go inlineExtraCallCost: a call that is not inlined


# ---- the preemption-point rule ---------------------------------------------------------------
def inlinable(fn: A.Func, on_stack=()) -> bool:
    """gc's "can inline" (inline/inl.go CanInline, go 1.27), approximated on the program model.

    Refused as gc refuses: //go:noinline, go/defer statements and recover() ("unhandled op GO",
    "call to recover"), recursion (a function on the current call chain). Cost: one per node of
    the model (gc counts IR nodes, which are somewhat more numerous) plus 57 per call that is not
    inlined; the budget is 80. The approximation errs on the side of "inlinable" for functions near
    the budget."""
    if fn.noinline or getattr(fn, "has_godefer", False) or fn.has_recover or fn in on_stack:
        return False
    cost = fn.cost
    for c in fn.calls or ():
        if isinstance(c, tuple) and c[0] == "call":
            if c[1] in on_stack or c[1] is fn or not inlinable(c[1], on_stack + (fn,)):
                cost += EXTRA_CALL_COST
        elif c == "lib":
            cost += 2
    return cost <= INLINE_BUDGET


def stackcheck(fn: A.Func, on_stack=()) -> bool:
    """Does gc give fn a stack-check prologue (a cooperative preemption point)?

    cmd/internal/obj/x86/obj6.go preprocess (go 1.27): a function with a small frame whose code
    contains no CALL (other than zero-argument runtime helpers such as panicIndex/panicdivide)
    is marked NOSPLIT and has no stack check. "Contains no CALL" is after inlining, so:
      - any library or runtime call (channel operations, select, go, defer, make, append,
        closures, panic, print, time/context/sync calls) -> stack check;
      - a call to a program function that is not inlined -> stack check;
      - a call to an inlinable function -> its body's calls count instead.
    Size alone does not matter: a large loop that calls nothing is still NOSPLIT.
    Verified with `go build -gcflags=-S` on go 1.27.3: `func leaf(x int) int { return x + 1 }`
    and its //go:noinline twin are both `STEXT nosplit`; a //go:noinline function calling one
    of them, or calling a non-inlined function, has a stack check; a //go:noinline function
    indexing a slice or dividing (panicIndex / panicdivide only) and a 4-loop function over the
    inlining budget are `nosplit`; `mid(x) { return inc(x) * 2 }` with inc inlined is `nosplit`.
    Not modelled: frames over 128 bytes (abi.StackSmall) also get a check; string comparison
    calls runtime.memequal."""
    for c in fn.calls or ():
        if c == "lib":
            return True
        if isinstance(c, tuple) and c[0] == "call":
            g = c[1]
            if g is fn or g in on_stack:
                return True
            if not inlinable(g, on_stack + (fn,)):
                return True
            if stackcheck(g, on_stack + (fn,)):
                return True
    return False

