"""Tables by name: the views through which every kernel reads the arena (issue 17).

The arena st.m holds every table; st.o says where each starts and how wide it is (defs.new_state
lays them out, layout.py names the fields). This module is the one place that turns those offsets
into arrays: each name below is a view of one table, built in the kernel that asks for it.
A kernel makes its views once at its top and reads fields by name:

    P = ptab(st)            P[P_RUNNEXT, pid]
    G = gtab(st)            G[G_STATUS, gid]
    FR = frtab(st)          FR[FR_FN, gid, depth]

"""
from __future__ import annotations

from numba.core import config, types

from gostep.core.defs import N_REC
from gostep.core.layout import (  # the tables' row indices (layout.py)
    F_FR, H_GQ, N_C, N_FR, N_G, N_H, N_OB, N_OUTREC, N_P, N_SG, N_TM, N_X, O_C, O_FR, O_G, O_GSTK,
    O_H, O_OB, O_OUTREC, O_P, O_RUNQ, O_SG, O_TH, O_TM, O_WKD, O_WKL, O_WKT, O_WKX, O_X, W_C, W_G,
    W_GSTK, W_H, W_OB, W_OUTREC, W_P, W_RUNQ, W_SG, W_SNAPLAST, W_TH, W_TM, W_X
)


# ---- how a view is made ------------------------------------------------------------------------
# A kernel reads a table through a view made once at its top (`P = ptab(st)`, then
# `P[P_RUNNEXT, pid]`; the frame table is 3-D, `FR[FR_FN, gid, depth]`). Three numba limits shape
# how the view is made:
# - a function compiled without NRT may return no array but one of its arguments, so a view cannot
#   be an ordinary kernel;
# - numba's own `m[a:b].reshape(...)` clamps the slice and calls a C helper (numba's
#   attempt_nocopy_reshape) with checks: two views per call of a small kernel made the whole stepper
#   a third slower (measured on benchmarks/stepper.py);
# - functions inlined at numba's IR level (`inline="always"`, how the views were first made) re-run
#   numba's untyped passes and copy the IR at every call: the stepper makes about 230 views, and
#   inlining them (two levels each) was a sixth of the cold compile under cProfile.
# So each view is a numba intrinsic (numba.extending.intrinsic, numba's public extension API; no
# class of numba's is changed) that emits the view's array struct directly: it loads the table's
# start and widths from st.o and points into st.m's memory, the same machine code as the arena
# arithmetic with base and width loaded once. A view is described by `_View`: where it starts and
# its shape, each an entry of st.o, a difference of two, or a constant. Under NUMBA_DISABLE_JIT=1
# the same description gives a numpy view (`_View.py`). No bounds are checked: the layout made
# every table that size (defs.new_state). Measured (benchmarks/stepper.py, alternating pairs on the
# 2-core machine, against the IR-inlined views): cold start 16.9-17.8 s vs 19.6-20.8 s, events/s
# unchanged (20.9 vs 20.2e6 at 10 Gs, 20.6 vs 19.6e6 at 1,000, 12.9 vs 11.8e6 at 100,000).


def O(k):
    """A dimension or start read from the layout: st.o[k]."""
    return ("o", k)


def D(k1, k2):
    """The room between two work areas: st.o[k1] - st.o[k2]."""
    return ("d", k1, k2)


class _View:
    """A table view: State array `arr` (the arena m unless named) from st.o[start]
    (+ row * st.o[row_of]), shaped `dims` (ints or O/D)."""

    def __init__(self, name, start, dims, row=0, row_of=0, arr="m"):
        self.name, self.start, self.dims, self.row, self.row_of = name, start, dims, row, row_of
        self.arr = arr

    def py(self, st):
        """The view by numpy (NUMBA_DISABLE_JIT=1)."""
        o = st.o

        def val(d):
            return d if isinstance(d, int) else (int(o[d[1]]) if d[0] == "o" else int(o[d[1]] - o[d[2]]))
        a = (int(o[self.start]) if self.start is not None else 0) + self.row * int(o[self.row_of])
        shape = tuple(val(d) for d in self.dims)
        n = 1
        for d in shape:
            n *= d
        return getattr(st, self.arr)[a:a + n].reshape(shape)

    def codegen(self, context, builder, sig, args):
        """The array struct of the view: the array's meminfo and data + start, the shape, C
        strides."""
        from numba.core import cgutils
        ity = types.intp
        stty = sig.args[0]

        def member(name):
            i = stty.fields.index(name)
            return context.make_array(stty[i])(context, builder, value=builder.extract_value(args[0], i))
        m, o = member(self.arr), member("o")

        def const(v):
            return context.get_constant(ity, v)

        def load(k):
            return builder.load(builder.gep(o.data, [const(k)]))

        def val(d):
            if isinstance(d, int):
                return const(d)
            return load(d[1]) if d[0] == "o" else builder.sub(load(d[1]), load(d[2]))
        a = load(self.start) if self.start is not None else const(0)
        if self.row:
            a = builder.add(a, builder.mul(const(self.row), load(self.row_of)))
        dims = [val(d) for d in self.dims]
        mty = stty[stty.fields.index(self.arr)]
        isz = const(context.get_abi_sizeof(context.get_data_type(mty.dtype)))
        strides = [isz]
        for d in reversed(dims[1:]):
            strides.insert(0, builder.mul(d, strides[0]))
        n = dims[0]
        for d in dims[1:]:
            n = builder.mul(n, d)
        out = cgutils.create_struct_proxy(sig.return_type)(context, builder)
        out.meminfo = m.meminfo
        out.parent = m.parent
        out.nitems = n
        out.itemsize = isz
        out.data = builder.gep(m.data, [a])
        out.shape = cgutils.pack_array(builder, dims)
        out.strides = cgutils.pack_array(builder, strides)
        return out._getvalue()

    def intrinsic(self):
        """The view as a numba intrinsic of one argument, the State."""
        from numba.extending import intrinsic
        spec = self

        def typer(typingctx, st):
            mty = st[st.fields.index(spec.arr)]
            return types.Array(mty.dtype, len(spec.dims), "C")(st), spec.codegen
        typer.__name__ = self.name
        return intrinsic(typer)


def view(name, start, *dims, row=0, row_of=0, arr="m"):
    """The view `name` of the arena (or of State array `arr` from its start when start is None):
    compiled, an intrinsic; under NUMBA_DISABLE_JIT=1, numpy."""
    v = _View(name, start, dims, row, row_of, arr)
    return v.py if config.DISABLE_JIT else v.intrinsic()


# Why each kernel takes local views of its tables
# -----------------------------------------------
# A kernel reads the arena through 2-D views made once at its top (`P = ptab(st)`, then
# `P[P_RUNNEXT, pid]`) rather than `st.m[st.o[O_P] + P_RUNNEXT * st.o[W_P] + pid]` at every access:
# the table is read by name, and the view's base and width are loaded once (in the arena form LLVM
# reloads st.o after every store to st.m, the two arrays may alias). How a view is made: above. Measured in issue 17 on the whole stepper
# (benchmarks/stepper.py, this module converted, the rest not): 4-8% more events/s, the same cold
# compile. proc.py and timectx.py (since split into time.py, context.py and sync.py) converted next
# (seven alternating pairs, the 2-core machine loaded): median events/s +5% (10 Gs), +6% (1,000 Gs),
# unchanged (100,000 Gs); cold start 23.8 s vs 25.3 s. sched.py, chan.py and record.py next, then the modules split from vm.py: see issue 17.


# Each view: its name, where it starts (an entry of st.o) and its shape.
gtab = view("gtab", O_G, N_G, O(W_G))
"""The G table: gtab(st)[G_STATUS, gid]."""
frtab = view("frtab", O_FR, N_FR, O(W_G), O(F_FR))
"""Every G's call frames: frtab(st)[FR_FN, gid, depth] (st.o[W_G] Gs of st.o[F_FR] frames)."""
stktab = view("stktab", O_GSTK, O(W_G), O(W_GSTK))
"""Every G's operand stack: stktab(st)[gid, i]."""
ptab = view("ptab", O_P, N_P, O(W_P))
"""The P table: ptab(st)[P_RUNNEXT, pid]."""
ctab = view("ctab", O_C, N_C, O(W_C))
"""The channel table: ctab(st)[C_CAP, cid]."""
xtab = view("xtab", O_X, N_X, O(W_X))
"""The context table: xtab(st)[X_ERR, x]."""
obtab = view("obtab", O_OB, N_OB, O(W_OB))
"""The objects table (sync objects, closures, slices, ...): obtab(st)[OB_SY_CNT, s]."""
runqtab = view("runqtab", O_RUNQ, O(W_P), O(W_RUNQ))
"""Every P's local run-queue ring: runqtab(st)[pid, i % len]."""
thtab = view("thtab", O_TH, O(W_P), O(W_TH))
"""Every P's timer heap (timer ids): thtab(st)[pid, i]."""
tmtab = view("tmtab", O_TM, N_TM, O(W_TM))
"""The timer table: tmtab(st)[TM_WHEN, tid]."""
sgtab = view("sgtab", O_SG, N_SG, O(W_SG))
"""The sudog table: sgtab(st)[SG_G, s]."""
htab = view("htab", O_H, N_H, O(W_H))
"""The heaps table (channel buffers, closures, ...): htab(st)[H_CBUF, i]."""
globrunq = view("globrunq", O_H, O(W_H), row=H_GQ, row_of=W_H)
"""The global run queue's ring (row H_GQ of the H table)."""
chanwork = view("chanwork", O_WKL, D(O_WKD, O_WKL))
"""The work area O_WKL (closechan's list of waiters to wake), up to the next area."""
outrectab = view("outrectab", O_OUTREC, O(N_OUTREC), O(W_OUTREC))
"""The output records, one per Println: outrectab(st)[i, 0..4] (time, G, fmt, offset, n)."""
dirtyg = view("dirtyg", O_WKD, D(O_WKT, O_WKD))
"""The work area O_WKD: the Gs to write at the next snapshot (record.gmark)."""
dirtyt = view("dirtyt", O_WKT, O(W_TM))
"""The work area O_WKT: the timers to write at the next snapshot (tmark), st.o[W_TM] long."""
ctxwork = view("ctxwork", O_WKX, D(O_WKL, O_WKX))
"""The work area O_WKX (ctx_cancel's stack of contexts to cancel), up to the next area."""
snaplast = view("snaplast", None, N_REC, O(W_SNAPLAST), arr="snap_last")
"""Where the last record of each object starts in st.snap: snaplast(st)[typ, oid] (record.py)."""
