"""The allocators: interface values, closures, slices, defer records, channels (malloc.go, Go 1.27).

What Go allocates with mallocgc the model takes from a table with a bump counter in st.sc:
    iface_new    convT / convTnoptr (iface.go): the boxed value of an interface (a panic value)
    clo_new      newobject of a funcval (a closure: its function and captured boxes)
    slice_new    makeslice (slice.go): len, cap and a zeroed backing array in the heap H_HEAP
    defer_new    newdefer (panic.go): a defer record and its saved arguments (H_DHEAP)
    chan_new     makechan (chan.go): an hchan (the C table) and its buffer in the channel heap
A full table ends the run on its capacity (queues.fail_cap, END_CAPACITY) and api.py runs the
program again with a larger one; nothing is ever freed.

Simplifications: no size classes, spans or per-P caches, and no garbage collector (runtime.GC
only stops the world, sched.py); Go puts most defer records on the stack (open-coded defers).
"""
from __future__ import annotations


from gostep.core.jit import kernel
from gostep.core.layout import (  # the tables' row indices (layout.py)
    C_BASE, C_CAP, C_CLOSED, C_CNT, C_HEAD, C_RQH, C_RQT, C_SITE, C_SQH, C_SQRN, C_SQT, C_TIMER,
    H_HEAP, K_CHANHEAP, K_CLO, K_CLOHEAP, K_DEFER, K_DEFERHEAP, K_HEAP, K_IFACE, K_SLICE, N_C,
    OB_CLO_ARG, OB_CLO_BASE, OB_CLO_FN, OB_CLO_N, OB_D_BASE, OB_D_FN, OB_D_ISV, OB_D_N, OB_D_NEXT,
    OB_IF_TYPE, OB_IF_VAL, OB_SL_BASE, OB_SL_CAP, OB_SL_LEN
)

from gostep.core.defs import (CAP_CHAN, CAP_CHANHEAP, CAP_CLO, CAP_CLOHEAP, CAP_DEFER,
                              CAP_DEFERHEAP, CAP_HEAP, CAP_IFACE, CAP_SLICE, S_CBUF, S_CLOHEAP,
                              S_DEFHEAP, S_HEAP, S_NCHAN, S_NCLO, S_NDEFER, S_NIFACE, S_NSLICE)
from gostep.core.queues import fail_cap
from gostep.core.record import cmark
from gostep.core.tables import ctab, htab, obtab


@kernel
def iface_new(st, typ, val):
    OB = obtab(st)
    i = st.sc[S_NIFACE] + 1
    if i > st.o[K_IFACE]:
        fail_cap(st, CAP_IFACE)
        return 0
    st.sc[S_NIFACE] = i
    OB[OB_IF_TYPE, i] = typ
    OB[OB_IF_VAL, i] = val
    return i


@kernel
def clo_new(st, fn, ncap, arg):
    OB = obtab(st)
    c = st.sc[S_NCLO] + 1
    if c > st.o[K_CLO]:
        fail_cap(st, CAP_CLO)
        return 0
    b = st.sc[S_CLOHEAP]
    if b + ncap > st.o[K_CLOHEAP]:
        fail_cap(st, CAP_CLOHEAP)
        return 0
    st.sc[S_NCLO] = c
    st.sc[S_CLOHEAP] = b + ncap
    OB[OB_CLO_FN, c] = fn
    OB[OB_CLO_N, c] = ncap
    OB[OB_CLO_BASE, c] = b
    OB[OB_CLO_ARG, c] = arg
    return c


@kernel
def slice_new(st, ln, cap):
    H = htab(st)
    OB = obtab(st)
    s = st.sc[S_NSLICE] + 1
    if s > st.o[K_SLICE]:
        fail_cap(st, CAP_SLICE)
        return 0
    b = st.sc[S_HEAP]
    if b + cap > st.o[K_HEAP]:
        fail_cap(st, CAP_HEAP)
        return 0
    st.sc[S_NSLICE] = s
    st.sc[S_HEAP] = b + cap
    for i in range(cap):
        H[H_HEAP, b + i] = 0
    OB[OB_SL_BASE, s] = b
    OB[OB_SL_LEN, s] = ln
    OB[OB_SL_CAP, s] = cap
    return s


@kernel
def defer_new(st, fn, isv, n):
    OB = obtab(st)
    d = st.sc[S_NDEFER] + 1
    if d > st.o[K_DEFER]:
        fail_cap(st, CAP_DEFER)
        return 0
    b = st.sc[S_DEFHEAP]
    if b + n > st.o[K_DEFERHEAP]:
        fail_cap(st, CAP_DEFERHEAP)
        return 0
    st.sc[S_NDEFER] = d
    st.sc[S_DEFHEAP] = b + n
    OB[OB_D_FN, d] = fn
    OB[OB_D_ISV, d] = isv
    OB[OB_D_N, d] = n
    OB[OB_D_BASE, d] = b
    OB[OB_D_NEXT, d] = 0
    return d


@kernel
def chan_new(st, cap, site):
    """makechan (chan.go): a channel with a buffer of cap slots, made at `site` (layout C_SITE:
    pc + 1 of the instruction, -x for context x's Done channel; the trace names it and prints
    its values from the site)."""
    C = ctab(st)
    c = st.sc[S_NCHAN] + 1
    if c >= C.shape[1]:
        fail_cap(st, CAP_CHAN)
        return 0
    b = st.sc[S_CBUF]
    if b + cap > st.o[K_CHANHEAP]:
        fail_cap(st, CAP_CHANHEAP)
        return 0
    st.sc[S_NCHAN] = c
    st.sc[S_CBUF] = b + cap
    C[C_CAP, c] = cap
    C[C_CNT, c] = 0
    C[C_HEAD, c] = 0
    C[C_BASE, c] = b
    C[C_CLOSED, c] = 0
    C[C_TIMER, c] = 0
    C[C_SQH, c] = -1
    C[C_SQT, c] = -1
    C[C_RQH, c] = -1
    C[C_RQT, c] = -1
    for f in range(C_SQRN, N_C):     # queue lengths and their record state
        C[f, c] = 0
    C[C_SITE, c] = site
    cmark(st, c)
    return c
