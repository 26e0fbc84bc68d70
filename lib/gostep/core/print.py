"""Output: fmt.Println/Printf and the builtin print/println (print.go and fmt, Go 1.27).

do_print copies the printed values into the output log (S_NOUT records in OUTREC, their values
in the heap H_OUT_VALS; a slice is copied as its length then its elements); trace/gofmt.py
formats them after the run, so the kernel never builds a string.

Simplifications: a print is one runtime event, atomic: real fmt writes with a syscall that can
interleave with other goroutines' output only at line granularity here.
"""
from __future__ import annotations


from gostep.core.jit import kernel
from gostep.core.layout import *  # noqa: F401,F403  (row indices)

from gostep.core.defs import CAP_OUT, CAP_OUTHEAP, S_NOUT, S_OUTHEAP
from gostep.core.queues import fail_cap
from gostep.model import isa


@kernel
def do_print(st, cfg, prog, g, fmt, n, t):
    """PRINT: copy the values into the output log (rendered by trace/gofmt.py after the run)."""
    i = st.sc[S_NOUT]
    if i >= st.o[N_OUTREC]:
        fail_cap(st, CAP_OUT)
        return
    sp = st.m[st.o[O_G] + (G_SP) * st.o[W_G] + g]
    base = sp - n
    o = st.sc[S_OUTHEAP]
    st.m[st.o[O_OUTREC] + (i) * st.o[W_OUTREC] + 0] = t
    st.m[st.o[O_OUTREC] + (i) * st.o[W_OUTREC] + 1] = g
    st.m[st.o[O_OUTREC] + (i) * st.o[W_OUTREC] + 2] = fmt
    st.m[st.o[O_OUTREC] + (i) * st.o[W_OUTREC] + 3] = o
    st.m[st.o[O_OUTREC] + (i) * st.o[W_OUTREC] + 4] = n
    for k in range(n):
        v = st.m[st.o[O_GSTK] + (g) * st.o[W_GSTK] + base + k]
        typ = prog[prog[PG_FMT] + (fmt) * 16 + k] if k < 16 else 0
        if typ == isa.T_SLICE:
            ln = st.m[st.o[O_OB] + (OB_SL_LEN) * st.o[W_OB] + v] if v > 0 else 0
            if o + ln + 1 > st.o[K_OUTHEAP]:
                fail_cap(st, CAP_OUTHEAP)
                return
            st.m[st.o[O_H] + (H_OUT_VALS) * st.o[W_H] + o] = ln
            for j in range(ln):
                st.m[st.o[O_H] + (H_OUT_VALS) * st.o[W_H] + o + 1 + j] = st.m[st.o[O_H] + (H_HEAP) * st.o[W_H] + st.m[st.o[O_OB] + (OB_SL_BASE) * st.o[W_OB] + v] + j]
            o += ln + 1
        else:
            if o + 1 > st.o[K_OUTHEAP]:
                fail_cap(st, CAP_OUTHEAP)
                return
            st.m[st.o[O_H] + (H_OUT_VALS) * st.o[W_H] + o] = v
            o += 1
    st.sc[S_OUTHEAP] = o
    st.sc[S_NOUT] = i + 1
    st.m[st.o[O_G] + (G_SP) * st.o[W_G] + g] = base
