"""Slices (runtime/slice.go, Go 1.27): the slice instructions.

A slice is a row of the object table (OB_SL_BASE, OB_SL_LEN, OB_SL_CAP) over a backing array in
the heap H_HEAP (heap.slice_new is makeslice). append within cap shares the backing array (a new
slice header); beyond it growslice doubles a small slice and copies. An index out of range is
panicIndex: a runtime error naming the index and the length (runtime/error.go boundsError).
"""
from __future__ import annotations

from gostep.core.jit import inlined
from gostep.core.layout import (  # the tables' row indices (layout.py)
    G_SP, H_HEAP, K_SLICE, OB_SL_BASE, OB_SL_CAP, OB_SL_LEN
)

from gostep.core.defs import CAP_SLICE, RT_INDEX, S_NSLICE
from gostep.core.heap import slice_new
from gostep.core.panic import rt_panic
from gostep.core.queues import fail_cap, unsupported
from gostep.core.tables import gtab, htab, obtab
from gostep.model import isa

@inlined
def op_slice(st, cfg, prog, g, pid, op, pc, a, b, sp, stk, t):
    """The slice instructions: make, a literal, s[i] and s[i] = x (bounds checked: panicIndex
    with the index and the length), append (growslice beyond cap), len and cap."""
    G = gtab(st)
    H = htab(st)
    OB = obtab(st)
    if op == isa.MAKESLICE:
        s = slice_new(st, stk[sp - 2], stk[sp - 1])
        stk[sp - 2] = s
        G[G_SP, g] = sp - 1
        return 0
    if op == isa.SLICELIT:
        s = slice_new(st, a, a)
        for i in range(a):
            H[H_HEAP, OB[OB_SL_BASE, s] + i] = stk[sp - a + i]
        stk[sp - a] = s
        G[G_SP, g] = sp - a + 1
        return 0
    if op == isa.INDEX or op == isa.SETINDEX:
        k = 3 if op == isa.SETINDEX else 2
        s = stk[sp - k]
        i = stk[sp - k + 1]
        ln = OB[OB_SL_LEN, s] if s > 0 else 0
        if i < 0 or i >= ln:
            G[G_SP, g] = sp - k
            # runtime.boundsError (runtime/error.go) names the index and the length: they ride
            # in the value above the code (trace/gofmt.py rt_message)
            code = RT_INDEX
            if -(1 << 30) <= i < (1 << 30) and ln < (1 << 26):
                code = RT_INDEX + 16 * (i + (1 << 30) + (1 << 31) * ln)
            rt_panic(st, cfg, prog, g, pid, code, t)
            return 1
        if op == isa.INDEX:
            stk[sp - 2] = H[H_HEAP, OB[OB_SL_BASE, s] + i]
            G[G_SP, g] = sp - 1
        else:
            H[H_HEAP, OB[OB_SL_BASE, s] + i] = stk[sp - 1]
            G[G_SP, g] = sp - 3
        return 0
    if op == isa.APPEND:
        s = stk[sp - a - 1]
        ln = OB[OB_SL_LEN, s] if s > 0 else 0
        cap = OB[OB_SL_CAP, s] if s > 0 else 0
        if ln + a <= cap:
            ns = st.sc[S_NSLICE] + 1
            if ns > st.o[K_SLICE]:
                fail_cap(st, CAP_SLICE)
                return 1
            st.sc[S_NSLICE] = ns
            OB[OB_SL_BASE, ns] = OB[OB_SL_BASE, s]
            OB[OB_SL_LEN, ns] = ln + a
            OB[OB_SL_CAP, ns] = cap
        else:
            nc = cap * 2 if cap * 2 >= ln + a else ln + a   # growslice doubles small slices
            ns = slice_new(st, ln + a, nc)
            if ns == 0:
                return 1
            for i in range(ln):
                H[H_HEAP, OB[OB_SL_BASE, ns] + i] = H[H_HEAP, OB[OB_SL_BASE, s] + i]
        for i in range(a):
            H[H_HEAP, OB[OB_SL_BASE, ns] + ln + i] = stk[sp - a + i]
        stk[sp - a - 1] = ns
        G[G_SP, g] = sp - a
        return 0
    if op == isa.SLICELEN or op == isa.SLICECAP:
        s = stk[sp - 1]
        stk[sp - 1] = 0 if s == 0 else (OB[OB_SL_LEN, s] if op == isa.SLICELEN else OB[OB_SL_CAP, s])
        return 0
    return unsupported(st, op)
