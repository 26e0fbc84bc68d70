"""Entering a function: the frame push with its stack check, and calls of func values (stack.go, Go 1.27).

Go's compiler puts a stack check in the prologue of (almost) every function: morestack ->
newstack grows the goroutine's stack when the frame does not fit, and is also where a pending
preemption request is noticed (preempt.py). Here a G's stack has a fixed capacity: push_frame
checks that the frame fits (the locals and the verifier's maximum operand depth) and otherwise
ends the run on the capacity. A func value is a closure (heap.py clo_new) or a builtin the
runtime implements itself (a context's cancel, a WaitGroup's Done, AfterFunc's stop: isa BI_*),
which call_builtin runs without a frame.
"""
from __future__ import annotations


from gostep.core.jit import kernel
from gostep.core.layout import (  # the tables' row indices (layout.py)
    FR_CLO, FR_DEF, FR_FLAG, FR_FN, FR_FP, FR_RET, F_FR, G_NFR, G_PC, G_SP, OB_CLO_ARG, OB_CLO_FN,
    PG_FN_ENTRY, PG_FN_MAXSTACK, PG_FN_NLOCALS, W_GSTK
)

from gostep.core.chan import R_PANIC, gpush
from gostep.core.defs import CAP_FRAMES, CAP_STACK, RT_NIL_FUNC
from gostep.core.queues import fail_cap
from gostep.core.tables import frtab, gtab, obtab, stktab
from gostep.core.context import ERR_CANCELED, afterfunc_stop, ctx_cancel
from gostep.core.sync import wg_add
from gostep.model import isa


@kernel
def push_frame(st, cfg, prog, g, f, clo, nargs, ret, flag):
    """Enter function f: its frame starts at the nargs arguments on top of the stack.

    The stack check (Go: the morestack prologue, runtime/stack.go newstack; here the stack does
    not grow, the run ends on the capacity and api.py runs it again with a larger one): the frame
    takes f's locals and at most fn_maxstack[f] operand slots above them (model/verify.py), so
    once they fit, no instruction of this frame writes past the G's stack."""
    FR = frtab(st)
    G = gtab(st)
    STK = stktab(st)
    nfr = G[G_NFR, g]
    if nfr >= st.o[F_FR]:
        fail_cap(st, CAP_FRAMES)
        return False
    fp = G[G_SP, g] - nargs
    nl = prog[prog[PG_FN_NLOCALS] + f]
    if fp + nl + prog[prog[PG_FN_MAXSTACK] + f] > st.o[W_GSTK]:
        fail_cap(st, CAP_STACK)
        return False
    for i in range(fp + nargs, fp + nl):
        STK[g, i] = 0
    G[G_SP, g] = fp + nl
    FR[FR_FN, g, nfr] = f
    FR[FR_RET, g, nfr] = ret
    FR[FR_FP, g, nfr] = fp
    FR[FR_CLO, g, nfr] = clo
    FR[FR_DEF, g, nfr] = 0
    FR[FR_FLAG, g, nfr] = flag
    G[G_NFR, g] = nfr + 1
    G[G_PC, g] = prog[prog[PG_FN_ENTRY] + f]
    return True


@kernel
def call_builtin(st, cfg, prog, g, pid, fv, nargs, t):
    """Builtin func values (isa BI_*): pops nargs arguments; may push a result. Returns an RT
    panic code or 0."""
    G = gtab(st)
    OB = obtab(st)
    STK = stktab(st)
    f = OB[OB_CLO_FN, fv]
    x = OB[OB_CLO_ARG, fv]
    sp = G[G_SP, g]
    arg0 = STK[g, sp - 1] if nargs > 0 else 0
    G[G_SP, g] = sp - nargs
    if f == isa.BI_CANCEL:
        ctx_cancel(st, cfg, prog, x, True, ERR_CANCELED, 0, g, pid, t)
    elif f == isa.BI_CANCELCAUSE:
        ctx_cancel(st, cfg, prog, x, True, ERR_CANCELED, arg0, g, pid, t)
    elif f == isa.BI_AFTERFUNC_STOP:
        gpush(st, g, afterfunc_stop(st, x))
    elif f == isa.BI_WG_DONE:
        r, code = wg_add(st, cfg, prog, x, -1, g, pid, t)
        if r == R_PANIC:
            return code
    return 0


@kernel
def call_value(st, cfg, prog, g, pid, fv, nargs, ret, flag, t):
    """Call func value fv with nargs args on the stack (fv already removed). Returns (pushed a
    frame, rt panic code)."""
    OB = obtab(st)
    if fv == 0:
        return False, RT_NIL_FUNC
    f = OB[OB_CLO_FN, fv]
    if f < 0:
        return False, call_builtin(st, cfg, prog, g, pid, fv, nargs, t)
    return push_frame(st, cfg, prog, g, f, fv, nargs, ret, flag), 0
