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


from gostep.core.jit import inlined, kernel
from gostep.core.layout import (  # the tables' row indices (layout.py)
    FR_DEF, FR_FLAG, FR_FN, FR_FP, FR_RET, G_NFR, G_PANIC, G_PANIC0, G_PANIC0_REC, G_PC,
    G_RECOVERED, G_SP, H_DHEAP, OB_D_BASE, OB_D_FN, OB_D_ISV, OB_D_N, OB_D_NEXT, PG_FN_NLOCALS,
    PG_FN_NRESULTS, PG_FN_RET_PC
)

from gostep.core.chan import gpush
from gostep.core.defs import (END_PANIC, END_RUNNING, EV_DEFER, EV_PANIC, EV_RECOVER, OB_NONE, S_END,
                              S_ENDT, S_END_A, S_END_G)
from gostep.core.heap import defer_new, iface_new
from gostep.core.queues import unsupported
from gostep.core.tables import frtab, gtab, htab, obtab, stktab
from gostep.core.record import emit
from gostep.core.stack import call_value, push_frame
from gostep.model import isa

FR_PANICDEFER = 1   # FR_FLAG of a deferred call run by a panic: recover() works in it
RET_G = -1          # return from the G's first frame: goexit
RET_UNWIND = -2     # return from a deferred call run by a panic: continue unwinding

@kernel
def run_defer(st, cfg, prog, g, pid, d, ret, flag, t):
    """Invoke defer record d: push its saved arguments and call it. Returns (frame pushed, rt)."""
    H = htab(st)
    OB = obtab(st)
    n = OB[OB_D_N, d]
    b = OB[OB_D_BASE, d]
    for i in range(n):
        gpush(st, g, H[H_DHEAP, b + i])
    if OB[OB_D_ISV, d] != 0:
        return call_value(st, cfg, prog, g, pid, OB[OB_D_FN, d], n, ret, flag, t)
    return push_frame(st, cfg, prog, g, OB[OB_D_FN, d], 0, n, ret, flag), 0


@kernel
def link_panic(st, g):
    """A new panic while the G's current one is running its deferred calls: Go keeps the older
    one on the chain (_panic.link) and prints it first when the program dies (printpanics,
    panic.go 1.27: "panic: first" then a tab and "panic: second"; " [recovered]" when it had
    been recovered; " [recovered, repanicked]" for panic(recover())). The model keeps the oldest
    (G_PANIC0), which is the first line Go prints; the ones between are not kept."""
    G = gtab(st)
    old = G[G_PANIC, g]
    if old != 0 and G[G_PANIC0, g] == 0:
        G[G_PANIC0, g] = old
        G[G_PANIC0_REC, g] = G[G_RECOVERED, g]


@kernel
def start_panic(st, cfg, prog, g, pid, iface, t):
    """gopanic (panic.go, 1.27): record the panic and start running deferred calls."""
    G = gtab(st)
    link_panic(st, g)
    G[G_PANIC, g] = iface
    G[G_RECOVERED, g] = 0
    emit(st, cfg, prog, EV_PANIC, g, pid, OB_NONE, 0, iface, 0, t)
    unwind(st, cfg, prog, g, pid, t)


@kernel
def unwind(st, cfg, prog, g, pid, t):
    """Run the innermost pending defer of the panicking G, popping frames that have none. When
    no frame is left the program dies ("panic: ..."). Returns after pushing a deferred call."""
    FR = frtab(st)
    G = gtab(st)
    OB = obtab(st)
    while st.sc[S_END] == END_RUNNING:
        nfr = G[G_NFR, g]
        if nfr == 0:
            st.sc[S_END] = END_PANIC
            st.sc[S_END_A] = G[G_PANIC, g]
            st.sc[S_END_G] = g
            st.sc[S_ENDT] = t
            return
        top = nfr - 1
        d = FR[FR_DEF, g, top]
        if d != 0:
            FR[FR_DEF, g, top] = OB[OB_D_NEXT, d]
            pushed, rt = run_defer(st, cfg, prog, g, pid, d, RET_UNWIND, FR_PANICDEFER, t)
            if rt != 0:
                # a panic in a deferred builtin replaces the current one
                link_panic(st, g)
                G[G_PANIC, g] = iface_new(st, isa.T_RUNTIME_ERROR, -rt)
                G[G_RECOVERED, g] = 0
                continue
            if pushed:
                return
            continue
        G[G_SP, g] = FR[FR_FP, g, top]
        G[G_NFR, g] = top


@kernel
def rt_panic(st, cfg, prog, g, pid, code, t):
    start_panic(st, cfg, prog, g, pid, iface_new(st, isa.T_RUNTIME_ERROR, -code), t)


@kernel
def do_return(st, cfg, prog, g, pid, t):
    """RETURN (isa.py): run this frame's next defer, or pop the frame. Returns 1 when the G
    exited, 2 when main returned, else 0."""
    FR = frtab(st)
    G = gtab(st)
    OB = obtab(st)
    STK = stktab(st)
    top = G[G_NFR, g] - 1
    d = FR[FR_DEF, g, top]
    pc = G[G_PC, g]
    if d != 0:
        FR[FR_DEF, g, top] = OB[OB_D_NEXT, d]
        pushed, rt = run_defer(st, cfg, prog, g, pid, d, pc, 0, t)
        if rt != 0:
            rt_panic(st, cfg, prog, g, pid, rt, t)
        return 0
    f = FR[FR_FN, g, top]
    fp = FR[FR_FP, g, top]
    res = STK[g, fp + prog[prog[PG_FN_NLOCALS] + f] - 1]
    ret = FR[FR_RET, g, top]
    G[G_SP, g] = fp
    G[G_NFR, g] = top
    if ret == RET_G:
        return 2 if g == 1 else 1
    if ret == RET_UNWIND:
        if G[G_RECOVERED, g] != 0:
            # recovered: the deferring frame returns normally from its epilogue, result zero
            # (the panics it aborted are finished with it)
            G[G_PANIC, g] = 0
            G[G_RECOVERED, g] = 0
            G[G_PANIC0, g] = 0
            G[G_PANIC0_REC, g] = 0
            t2 = top - 1
            f2 = FR[FR_FN, g, t2]
            fp2 = FR[FR_FP, g, t2]
            nl2 = prog[prog[PG_FN_NLOCALS] + f2]
            if prog[prog[PG_FN_NRESULTS] + f2] > 0:
                STK[g, fp2 + nl2 - 1] = 0
            G[G_SP, g] = fp2 + nl2
            G[G_PC, g] = prog[prog[PG_FN_RET_PC] + f2]
        else:
            unwind(st, cfg, prog, g, pid, t)
        return 0
    if prog[prog[PG_FN_NRESULTS] + f] > 0:
        gpush(st, g, res)
    G[G_PC, g] = ret
    return 0


@inlined
def op_defer(st, cfg, prog, g, pid, op, pc, a, b, sp, stk, t):
    """DEFER, DEFERV: deferproc (a record on the frame's list, arguments evaluated now);
    PANIC: gopanic (panic(nil) is a *runtime.PanicNilError); RECOVER: gorecover, which works only
    in a deferred call run by a panic, once."""
    FR = frtab(st)
    G = gtab(st)
    H = htab(st)
    OB = obtab(st)
    if op == isa.DEFER or op == isa.DEFERV:
        if op == isa.DEFER:
            n = b
            d = defer_new(st, a, 0, n)
        else:
            n = a
            d = defer_new(st, stk[sp - n - 1], 1, n)
        if d == 0:
            return 1
        for i in range(n):
            H[H_DHEAP, OB[OB_D_BASE, d] + i] = stk[sp - n + i]
        G[G_SP, g] = sp - n - (1 if op == isa.DEFERV else 0)
        top = G[G_NFR, g] - 1
        OB[OB_D_NEXT, d] = FR[FR_DEF, g, top]
        FR[FR_DEF, g, top] = d
        emit(st, cfg, prog, EV_DEFER, g, pid, OB_NONE, 0, d, 0, t)
        return 0
    if op == isa.PANIC:
        v = stk[sp - 1]
        G[G_SP, g] = sp - 1
        if a == isa.T_ANY:
            if v == 0:
                v = iface_new(st, isa.T_RUNTIME_ERROR, -8)   # panic(nil): *runtime.PanicNilError
            iface = v
        else:
            iface = iface_new(st, a, v)
        start_panic(st, cfg, prog, g, pid, iface, t)
        return 1
    if op == isa.RECOVER:
        top = G[G_NFR, g] - 1
        v = 0
        if FR[FR_FLAG, g, top] == FR_PANICDEFER and G[G_PANIC, g] != 0 and G[G_RECOVERED, g] == 0:
            v = G[G_PANIC, g]
            G[G_RECOVERED, g] = 1
            emit(st, cfg, prog, EV_RECOVER, g, pid, OB_NONE, 0, v, 0, t)
        stk[sp] = v
        G[G_SP, g] = sp + 1
        return 0
    return unsupported(st, op)
