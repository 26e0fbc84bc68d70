"""Tables by name: the views through which every kernel reads the arena (issue 17).

The arena st.m holds every table; st.o says where each starts and how wide it is (defs.new_state
lays them out, layout.py names the fields). This module is the one place that turns those offsets
into arrays: each function returns a view of one table, inlined into the kernel that calls it.
A kernel makes its views once at its top and reads fields by name:

    P = ptab(st)            P[P_RUNNEXT, pid]
    G = gtab(st)            G[G_STATUS, gid]
    FR = frtab(st)          FR[FR_FN, gid, depth]

"""
from __future__ import annotations

from gostep.core.jit import table_view, table_view3, view
from gostep.core.layout import *  # noqa: F401,F403  (row indices)


# Why each kernel takes local views of its tables
# -----------------------------------------------
# A kernel reads the arena through 2-D views made once at its top (`P = ptab(st)`, then
# `P[P_RUNNEXT, pid]`) rather than `st.m[st.o[O_P] + P_RUNNEXT * st.o[W_P] + pid]` at every access:
# the table is read by name, and the view's base and width are loaded once (in the arena form LLVM
# reloads st.o after every store to st.m, the two arrays may alias). How a view is made without
# numba's reshape: core/jit.py, "tables by name". Measured in issue 17 on the whole stepper
# (benchmarks/stepper.py, this module converted, the rest not): 4-8% more events/s, the same cold
# compile. proc.py and timectx.py converted next (seven alternating pairs, the 2-core machine
# loaded): median events/s +5% (10 Gs), +6% (1,000 Gs), unchanged (100,000 Gs); cold start 23.8 s
# vs 25.3 s. sched.py, chan.py and record.py next, then the modules split from vm.py: see issue 17.


@view
def table2(st, ko, kw, rows):
    """Arena table ko as a [rows, st.o[kw]] view (rows = fields, or one row per P)."""
    return table_view(st.m, st.o[ko], rows, st.o[kw])


@view
def gtab(st):
    """The G table: gtab(st)[G_STATUS, gid]."""
    return table2(st, O_G, W_G, N_G)


@view
def frtab(st):
    """Every G's call frames: frtab(st)[FR_FN, gid, depth] (the table is st.o[W_G] Gs of
    st.o[F_FR] frames wide, defs.new_state)."""
    return table_view3(st.m, st.o[O_FR], N_FR, st.o[W_G], st.o[F_FR])


@view
def stktab(st):
    """Every G's operand stack: stktab(st)[gid, i]."""
    return table2(st, O_GSTK, W_GSTK, st.o[W_G])


@view
def ptab(st):
    """The P table: ptab(st)[P_RUNNEXT, pid]."""
    return table2(st, O_P, W_P, N_P)


@view
def ctab(st):
    """The channel table: ctab(st)[C_CAP, cid]."""
    return table2(st, O_C, W_C, N_C)


@view
def xtab(st):
    """The context table: xtab(st)[X_ERR, x]."""
    return table2(st, O_X, W_X, N_X)


@view
def obtab(st):
    """The objects table (sync objects, closures, slices, ...): obtab(st)[OB_SY_CNT, s]."""
    return table2(st, O_OB, W_OB, N_OB)


@view
def runqtab(st):
    """Every P's local run-queue ring: runqtab(st)[pid, i % len]."""
    return table2(st, O_RUNQ, W_RUNQ, st.o[W_P])


@view
def thtab(st):
    """Every P's timer heap (timer ids): thtab(st)[pid, i]."""
    return table2(st, O_TH, W_TH, st.o[W_P])


@view
def tmtab(st):
    """The timer table: tmtab(st)[TM_WHEN, tid]."""
    return table2(st, O_TM, W_TM, N_TM)


@view
def sgtab(st):
    """The sudog table: sgtab(st)[SG_G, s]."""
    return table2(st, O_SG, W_SG, N_SG)


@view
def globrunq(st):
    """The global run queue's ring (row H_GQ of the H table)."""
    return table2(st, O_H, W_H, N_H)[H_GQ]


@view
def htab(st):
    """The heaps table (channel buffers, closures, ...): htab(st)[H_CBUF, i]."""
    return table2(st, O_H, W_H, N_H)


@view
def chanwork(st):
    """The work area O_WKL (closechan's list of waiters to wake), up to the next area."""
    return table_view(st.m, st.o[O_WKL], 1, st.o[O_WKD] - st.o[O_WKL])[0]


@view
def outrectab(st):
    """The output records, one per Println: outrectab(st)[i, 0..4] (time, G, fmt, offset, n)."""
    return table_view(st.m, st.o[O_OUTREC], st.o[N_OUTREC], st.o[W_OUTREC])


@view
def dirtyg(st):
    """The work area O_WKD: the Gs to write at the next snapshot (record.gmark)."""
    return table_view(st.m, st.o[O_WKD], 1, st.o[O_WKT] - st.o[O_WKD])[0]


@view
def dirtyt(st):
    """The work area O_WKT: the timers to write at the next snapshot (tmark), st.o[W_TM] long."""
    return table_view(st.m, st.o[O_WKT], 1, st.o[W_TM])[0]


@view
def ctxwork(st):
    """The work area O_WKX (ctx_cancel's stack of contexts to cancel), up to the next area."""
    return table_view(st.m, st.o[O_WKX], 1, st.o[O_WKL] - st.o[O_WKX])[0]
