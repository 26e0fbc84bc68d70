"""defer, panic, recover and the return that runs deferred calls (panic.go, Go 1.27).

How a panic unwinds
===================
DEFER pushes a record (heap.py defer_new) on the current frame's list (FR_DEF, newest first).
RETURN runs the frame's records one by one before popping it (deferreturn: do_return). gopanic
(start_panic) records the panic on the G and unwinds: the innermost pending record runs as a
deferred call whose frame is flagged FR_PANICDEFER and returns to RET_UNWIND; a frame with no
record left is popped. recover() in such a frame marks the panic recovered; when that deferred
call returns, the frame that deferred it returns normally with zero results (recovery). With no
frame left the program dies with "panic: ..." (END_PANIC). A runtime error (division by zero, an
index out of range, a nil func value) is rt_panic: a panic with a runtime.Error value.

Simplifications: no open-coded defers; of a chain of nested panics only the oldest is kept for
the final message (link_panic).
"""
from __future__ import annotations


from gostep.core.jit import kernel
from gostep.core.layout import *  # noqa: F401,F403  (row indices)

from gostep.core.chan import gpush
from gostep.core.defs import (END_PANIC, END_RUNNING, EV_PANIC, OB_NONE, S_END, S_ENDT, S_END_A,
                              S_END_G)
from gostep.core.heap import iface_new
from gostep.core.record import emit
from gostep.core.stack import call_value, push_frame
from gostep.model import isa

FR_PANICDEFER = 1   # FR_FLAG of a deferred call run by a panic: recover() works in it
RET_G = -1          # return from the G's first frame: goexit
RET_UNWIND = -2     # return from a deferred call run by a panic: continue unwinding

@kernel
def run_defer(st, cfg, prog, g, pid, d, ret, flag, t):
    """Invoke defer record d: push its saved arguments and call it. Returns (frame pushed, rt)."""
    n = st.m[st.o[O_OB] + (OB_D_N) * st.o[W_OB] + d]
    b = st.m[st.o[O_OB] + (OB_D_BASE) * st.o[W_OB] + d]
    for i in range(n):
        gpush(st, g, st.m[st.o[O_H] + (H_DHEAP) * st.o[W_H] + b + i])
    if st.m[st.o[O_OB] + (OB_D_ISV) * st.o[W_OB] + d] != 0:
        return call_value(st, cfg, prog, g, pid, st.m[st.o[O_OB] + (OB_D_FN) * st.o[W_OB] + d], n, ret, flag, t)
    return push_frame(st, cfg, prog, g, st.m[st.o[O_OB] + (OB_D_FN) * st.o[W_OB] + d], 0, n, ret, flag), 0


@kernel
def link_panic(st, g):
    """A new panic while the G's current one is running its deferred calls: Go keeps the older
    one on the chain (_panic.link) and prints it first when the program dies (printpanics,
    panic.go 1.27: "panic: first" then a tab and "panic: second"; " [recovered]" when it had
    been recovered; " [recovered, repanicked]" for panic(recover())). The model keeps the oldest
    (G_PANIC0), which is the first line Go prints; the ones between are not kept."""
    old = st.m[st.o[O_G] + (G_PANIC) * st.o[W_G] + g]
    if old != 0 and st.m[st.o[O_G] + (G_PANIC0) * st.o[W_G] + g] == 0:
        st.m[st.o[O_G] + (G_PANIC0) * st.o[W_G] + g] = old
        st.m[st.o[O_G] + (G_PANIC0_REC) * st.o[W_G] + g] = st.m[st.o[O_G] + (G_RECOVERED) * st.o[W_G] + g]


@kernel
def start_panic(st, cfg, prog, g, pid, iface, t):
    """gopanic (panic.go, 1.27): record the panic and start running deferred calls."""
    link_panic(st, g)
    st.m[st.o[O_G] + (G_PANIC) * st.o[W_G] + g] = iface
    st.m[st.o[O_G] + (G_RECOVERED) * st.o[W_G] + g] = 0
    emit(st, cfg, prog, EV_PANIC, g, pid, OB_NONE, 0, iface, 0, t)
    unwind(st, cfg, prog, g, pid, t)


@kernel
def unwind(st, cfg, prog, g, pid, t):
    """Run the innermost pending defer of the panicking G, popping frames that have none. When
    no frame is left the program dies ("panic: ..."). Returns after pushing a deferred call."""
    while st.sc[S_END] == END_RUNNING:
        nfr = st.m[st.o[O_G] + (G_NFR) * st.o[W_G] + g]
        if nfr == 0:
            st.sc[S_END] = END_PANIC
            st.sc[S_END_A] = st.m[st.o[O_G] + (G_PANIC) * st.o[W_G] + g]
            st.sc[S_END_G] = g
            st.sc[S_ENDT] = t
            return
        top = nfr - 1
        d = st.m[st.o[O_FR] + (FR_DEF) * st.o[W_FR] + (g) * st.o[F_FR] + top]
        if d != 0:
            st.m[st.o[O_FR] + (FR_DEF) * st.o[W_FR] + (g) * st.o[F_FR] + top] = st.m[st.o[O_OB] + (OB_D_NEXT) * st.o[W_OB] + d]
            pushed, rt = run_defer(st, cfg, prog, g, pid, d, RET_UNWIND, FR_PANICDEFER, t)
            if rt != 0:
                # a panic in a deferred builtin replaces the current one
                link_panic(st, g)
                st.m[st.o[O_G] + (G_PANIC) * st.o[W_G] + g] = iface_new(st, isa.T_RUNTIME_ERROR, -rt)
                st.m[st.o[O_G] + (G_RECOVERED) * st.o[W_G] + g] = 0
                continue
            if pushed:
                return
            continue
        st.m[st.o[O_G] + (G_SP) * st.o[W_G] + g] = st.m[st.o[O_FR] + (FR_FP) * st.o[W_FR] + (g) * st.o[F_FR] + top]
        st.m[st.o[O_G] + (G_NFR) * st.o[W_G] + g] = top


@kernel
def rt_panic(st, cfg, prog, g, pid, code, t):
    start_panic(st, cfg, prog, g, pid, iface_new(st, isa.T_RUNTIME_ERROR, -code), t)


@kernel
def do_return(st, cfg, prog, g, pid, t):
    """RETURN (isa.py): run this frame's next defer, or pop the frame. Returns 1 when the G
    exited, 2 when main returned, else 0."""
    top = st.m[st.o[O_G] + (G_NFR) * st.o[W_G] + g] - 1
    d = st.m[st.o[O_FR] + (FR_DEF) * st.o[W_FR] + (g) * st.o[F_FR] + top]
    pc = st.m[st.o[O_G] + (G_PC) * st.o[W_G] + g]
    if d != 0:
        st.m[st.o[O_FR] + (FR_DEF) * st.o[W_FR] + (g) * st.o[F_FR] + top] = st.m[st.o[O_OB] + (OB_D_NEXT) * st.o[W_OB] + d]
        pushed, rt = run_defer(st, cfg, prog, g, pid, d, pc, 0, t)
        if rt != 0:
            rt_panic(st, cfg, prog, g, pid, rt, t)
        return 0
    f = st.m[st.o[O_FR] + (FR_FN) * st.o[W_FR] + (g) * st.o[F_FR] + top]
    fp = st.m[st.o[O_FR] + (FR_FP) * st.o[W_FR] + (g) * st.o[F_FR] + top]
    res = st.m[st.o[O_GSTK] + (g) * st.o[W_GSTK] + fp + prog[prog[PG_FN_NLOCALS] + f] - 1]
    ret = st.m[st.o[O_FR] + (FR_RET) * st.o[W_FR] + (g) * st.o[F_FR] + top]
    st.m[st.o[O_G] + (G_SP) * st.o[W_G] + g] = fp
    st.m[st.o[O_G] + (G_NFR) * st.o[W_G] + g] = top
    if ret == RET_G:
        return 2 if g == 1 else 1
    if ret == RET_UNWIND:
        if st.m[st.o[O_G] + (G_RECOVERED) * st.o[W_G] + g] != 0:
            # recovered: the deferring frame returns normally from its epilogue, result zero
            # (the panics it aborted are finished with it)
            st.m[st.o[O_G] + (G_PANIC) * st.o[W_G] + g] = 0
            st.m[st.o[O_G] + (G_RECOVERED) * st.o[W_G] + g] = 0
            st.m[st.o[O_G] + (G_PANIC0) * st.o[W_G] + g] = 0
            st.m[st.o[O_G] + (G_PANIC0_REC) * st.o[W_G] + g] = 0
            t2 = top - 1
            f2 = st.m[st.o[O_FR] + (FR_FN) * st.o[W_FR] + (g) * st.o[F_FR] + t2]
            fp2 = st.m[st.o[O_FR] + (FR_FP) * st.o[W_FR] + (g) * st.o[F_FR] + t2]
            nl2 = prog[prog[PG_FN_NLOCALS] + f2]
            if prog[prog[PG_FN_NRESULTS] + f2] > 0:
                st.m[st.o[O_GSTK] + (g) * st.o[W_GSTK] + fp2 + nl2 - 1] = 0
            st.m[st.o[O_G] + (G_SP) * st.o[W_G] + g] = fp2 + nl2
            st.m[st.o[O_G] + (G_PC) * st.o[W_G] + g] = prog[prog[PG_FN_RET_PC] + f2]
        else:
            unwind(st, cfg, prog, g, pid, t)
        return 0
    if prog[prog[PG_FN_NRESULTS] + f] > 0:
        gpush(st, g, res)
    st.m[st.o[O_G] + (G_PC) * st.o[W_G] + g] = ret
    return 0
