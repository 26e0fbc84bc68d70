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

import numba as nb
from numba.core import config, types

from gostep.core.layout import *  # noqa: F401,F403  (row indices)


# ---- how a view is made ------------------------------------------------------------------------
# A kernel reads a table through a 2-D view made once at its top (`P = ptab(st)`, then
# `P[P_RUNNEXT, pid]`; the frame table is 3-D, `FR[FR_FN, gid, depth]`). Two numba limits shape how
# the view is made:
# - a function compiled without NRT may return no array but one of its arguments, so the functions
#   that name a table (`ptab`) are inlined into their callers at numba's IR level (`view`);
# - numba's own `m[a:b].reshape(...)` clamps the slice and calls a C helper (numba's
#   attempt_nocopy_reshape) with checks: two views per call of a small kernel made the whole stepper
#   a third slower (measured on benchmarks/stepper.py). `table_view` builds the view's array struct
#   directly (numba.extending.intrinsic, numba's public extension API; no class of numba's is
#   changed): the same machine code as the arena arithmetic, base and width loaded once. `table_view3`
#   does the same for three dimensions.


def view(fn):
    """A function returning a table view, inlined into each kernel that calls it."""
    return nb.njit(inline="always", _nrt=False, nogil=True)(fn)


def _table_view_py(m, start, rows, width):
    """table_view under NUMBA_DISABLE_JIT=1: the same view by numpy."""
    return m[start:start + rows * width].reshape((rows, width))


def _table_view3_py(m, start, rows, n, width):
    """table_view3 under NUMBA_DISABLE_JIT=1: the same view by numpy."""
    return m[start:start + rows * n * width].reshape((rows, n, width))


def _table_view_intrinsics():
    from numba.core import cgutils
    from numba.extending import intrinsic

    def codegen(context, builder, sig, args):
        """The array struct of a C-contiguous view of m's memory from args[1], shaped args[2:]."""
        ity = types.intp
        m = sig.args[0]
        src = cgutils.create_struct_proxy(m)(context, builder, value=args[0])
        a, *dims = (context.cast(builder, v, t, ity) for v, t in zip(args[1:], sig.args[1:]))
        isz = context.get_constant(ity, context.get_abi_sizeof(context.get_data_type(m.dtype)))
        strides = [isz]
        for d in reversed(dims[1:]):
            strides.insert(0, builder.mul(d, strides[0]))
        n = dims[0]
        for d in dims[1:]:
            n = builder.mul(n, d)
        out = cgutils.create_struct_proxy(sig.return_type)(context, builder)
        out.meminfo = src.meminfo
        out.parent = src.parent
        out.nitems = n
        out.itemsize = isz
        out.data = builder.gep(src.data, [a])
        out.shape = cgutils.pack_array(builder, dims)
        out.strides = cgutils.pack_array(builder, strides)
        return out._getvalue()

    @intrinsic
    def table_view(typingctx, m, start, rows, width):
        """m[start:start + rows * width] as a C-contiguous [rows, width] view of the same memory
        (no bounds are checked: the layout made the table that size, defs.new_state)."""
        return types.Array(m.dtype, 2, "C")(m, start, rows, width), codegen

    @intrinsic
    def table_view3(typingctx, m, start, rows, n, width):
        """m[start:start + rows * n * width] as a C-contiguous [rows, n, width] view (unchecked,
        as table_view)."""
        return types.Array(m.dtype, 3, "C")(m, start, rows, n, width), codegen
    return table_view, table_view3


# table_view(m, start, rows, width): rows x width int64s of m from start, as a 2-D view;
# table_view3(m, start, rows, n, width): the same as a 3-D view (the frame table, FR[field, g, depth])
if config.DISABLE_JIT:
    table_view, table_view3 = _table_view_py, _table_view3_py
else:
    table_view, table_view3 = _table_view_intrinsics()


# Why each kernel takes local views of its tables
# -----------------------------------------------
# A kernel reads the arena through 2-D views made once at its top (`P = ptab(st)`, then
# `P[P_RUNNEXT, pid]`) rather than `st.m[st.o[O_P] + P_RUNNEXT * st.o[W_P] + pid]` at every access:
# the table is read by name, and the view's base and width are loaded once (in the arena form LLVM
# reloads st.o after every store to st.m, the two arrays may alias). How a view is made without
# numba's reshape: above. Measured in issue 17 on the whole stepper
# (benchmarks/stepper.py, this module converted, the rest not): 4-8% more events/s, the same cold
# compile. proc.py and timectx.py (since split into time.py, context.py and sync.py) converted next
# (seven alternating pairs, the 2-core machine loaded): median events/s +5% (10 Gs), +6% (1,000 Gs),
# unchanged (100,000 Gs); cold start 23.8 s vs 25.3 s. sched.py, chan.py and record.py next, then the modules split from vm.py: see issue 17.


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
