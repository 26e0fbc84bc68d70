"""`kernel`: numba.njit(cache=True) for every stepper function, compiled once per argument *type*.

Why not plain @njit
===================
numba types an integer constant argument (0, -1, a module constant such as EV_PARK) as
Literal[int](value) and compiles a separate specialisation of the callee for every distinct
constant: `emit(..., EV_PARK, ...)` and `emit(..., EV_READY, ...)` became two compilations of emit
and of everything it calls (27 copies of emit, a cold start of many minutes). `kernel` makes the
dispatcher see the non-literal types (types.unliteral), so each kernel is compiled once per real
signature. Nothing in the stepper needs literal dispatch. Under NUMBA_DISABLE_JIT=1 njit returns
the Python function and this wrapper changes nothing.
"""
from __future__ import annotations

import numba as nb
from numba.core import types


def kernel(fn):
    d = nb.njit(cache=True)(fn)
    orig = getattr(d, "get_call_template", None)
    if orig is None:          # NUMBA_DISABLE_JIT=1: a plain Python function
        return d

    def get_call_template(args, kws):
        return orig(tuple(types.unliteral(a) for a in args),
                    {k: types.unliteral(v) for k, v in kws.items()})

    d.get_call_template = get_call_template
    return d
