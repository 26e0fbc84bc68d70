"""Output: fmt.Println/Printf and the builtin print/println (print.go and fmt, Go 1.27).

do_print copies the printed values into the output log (S_NOUT records in OUTREC, their values
in the heap H_OUT_VALS; a slice is copied as its length then its elements); trace/gofmt.py
formats them after the run, so the kernel never builds a string.

Simplifications: a print is one runtime event, atomic: real fmt writes with a syscall that can
interleave with other goroutines' output only at line granularity here.
"""
from __future__ import annotations


from gostep.core.jit import inlined, kernel
from gostep.core.layout import (  # the tables' row indices (layout.py)
    G_SP, H_HEAP, H_OUT_VALS, K_ERR, K_OUTHEAP, N_OUTREC, OB_ERR_MSG, OB_SL_BASE, OB_SL_LEN, PG_FMT
)

from gostep.core.defs import CAP_ERR, CAP_OUT, CAP_OUTHEAP, EV_PRINT, OB_NONE, S_NERR, S_NOUT, S_OUTHEAP
from gostep.core.preempt import coop_point
from gostep.core.queues import fail_cap, unsupported
from gostep.core.record import emit
from gostep.core.tables import gtab, htab, obtab, outrectab, stktab
from gostep.model import isa


@kernel
def do_print(st, cfg, prog, g, fmt, n, t):
    """PRINT: copy the values into the output log (rendered by trace/gofmt.py after the run)."""
    G = gtab(st)
    H = htab(st)
    OB = obtab(st)
    OR = outrectab(st)
    STK = stktab(st)
    i = st.sc[S_NOUT]
    if i >= st.o[N_OUTREC]:
        fail_cap(st, CAP_OUT)
        return
    sp = G[G_SP, g]
    base = sp - n
    o = st.sc[S_OUTHEAP]
    OR[i, 0] = t
    OR[i, 1] = g
    OR[i, 2] = fmt
    OR[i, 3] = o
    OR[i, 4] = n
    for k in range(n):
        v = STK[g, base + k]
        typ = prog[prog[PG_FMT] + (fmt) * 16 + k] if k < 16 else 0
        if typ == isa.T_SLICE:
            ln = OB[OB_SL_LEN, v] if v > 0 else 0
            if o + ln + 1 > st.o[K_OUTHEAP]:
                fail_cap(st, CAP_OUTHEAP)
                return
            H[H_OUT_VALS, o] = ln
            for j in range(ln):
                H[H_OUT_VALS, o + 1 + j] = H[H_HEAP, OB[OB_SL_BASE, v] + j]
            o += ln + 1
        else:
            if o + 1 > st.o[K_OUTHEAP]:
                fail_cap(st, CAP_OUTHEAP)
                return
            H[H_OUT_VALS, o] = v
            o += 1
    st.sc[S_OUTHEAP] = o
    st.sc[S_NOUT] = i + 1
    G[G_SP, g] = base


@inlined
def op_print(st, cfg, prog, g, pid, op, pc, a, b, sp, stk, t):
    """PRINT: fmt.Println/Printf and println, one runtime event (do_print); ERRNEW: errors.New,
    a new identity each call; ERRIS: errors.Is by identity (the subset has no wrapping)."""
    G = gtab(st)
    OB = obtab(st)
    if op == isa.PRINT:
        do_print(st, cfg, prog, g, a, b, t)
        emit(st, cfg, prog, EV_PRINT, g, pid, OB_NONE, 0, st.sc[S_NOUT] - 1, 0, t)
        coop_point(st, cfg, prog, g, pid, t)
        return 1
    if op == isa.ERRNEW:
        e = st.sc[S_NERR] + 1
        if e > st.o[K_ERR]:
            fail_cap(st, CAP_ERR)
            return 1
        st.sc[S_NERR] = e
        OB[OB_ERR_MSG, e] = stk[sp - 1]
        stk[sp - 1] = e
        return 0
    if op == isa.ERRIS:
        stk[sp - 2] = 1 if stk[sp - 2] == stk[sp - 1] else 0
        G[G_SP, g] = sp - 1
        return 0
    return unsupported(st, op)
