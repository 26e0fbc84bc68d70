"""Tables by name: the views through which every kernel reads the arena (issue 17).

The arena st.m holds every table; st.o says where each starts and how wide it is (defs.new_state
lays them out, layout.py names the fields). This module is the one place that turns those offsets
into tables: each name below is a view of one table, built in the kernel that asks for it (in
compiled code a `Table`, numba's type of a view; under NUMBA_DISABLE_JIT=1 a numpy view).
A kernel makes its views once at its top and reads fields by name:

    P = ptab(st)            P[P_RUNNEXT, pid]
    G = gtab(st)            G[G_STATUS, gid]
    FR = frtab(st)          FR[FR_FN, gid, depth]

"""
from __future__ import annotations

import operator

from numba.core import cgutils, config, types

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
# class of numba's is changed) that loads the table's start and widths from st.o and points into
# st.m's memory. A view is described by `_View`: where it starts and its shape, each an entry of
# st.o, a difference of two, or a constant. Under NUMBA_DISABLE_JIT=1 the same description gives a
# numpy view (`_View.py`). No bounds are checked: the layout made every table that size
# (defs.new_state). Measured (benchmarks/stepper.py, alternating pairs on the 2-core machine,
# against the IR-inlined views): cold start 16.9-17.8 s vs 19.6-20.8 s, events/s unchanged (20.9 vs
# 20.2e6 at 10 Gs, 20.6 vs 19.6e6 at 1,000, 12.9 vs 11.8e6 at 100,000).
#
# ---- why a view is a Table, not a numpy array ----------------------------------------------------
# A view was a numpy array (numba's Array type, made by the intrinsic). numba types and lowers each
# `G[G_SP, gid]` of an Array by its general indexing: typing tries the candidate templates of
# operator.getitem in turn, and lowering builds the array's seven-word struct, its strides and
# numpy's index rules as LLVM IR through llvmlite, in Python, for each access, which the LLVM
# passes of every kernel then clean up. Under cProfile, a cold compile of the stepper lowered 849
# reads and 670 writes of arrays: lowering them took 4.4 s of the 43.8 s profiled.
# The kernels use four operations only: `t[i, j]` (an index per dimension), `t[i, j] = v`, a row
# `t[i]` and `t.shape`. A `Table` is a numba type of our own with just those (numba.extending's
# register_model, type_callable, lower_builtin, make_attribute_wrapper): a data pointer and the
# shape, the offset computed as numpy computes it, a negative index counting from the end as in
# numpy and numba (tests/core/test_tables.py compares both, reads and writes). The entry point
# turns the State, cfg, prog and cost into Tables once (`as_tables`, vm.sweep_kernel), so every
# kernel is passed two words per array instead of numpy's seven, and `st.sc[S_END]` is a Table
# access too. A kernel called from Python (a test, through its twin, core/jit.py) is passed numpy
# arrays and compiled for them: the same code, since both types have the four operations.
# Measured (issue 17), a kernel of 300 accesses alone: 1.75 s to compile as Arrays, 1.0 s as Tables;
# 1,000 accesses: 13.9 s and 4.5 s. The whole stepper (benchmarks/stepper.py, three alternating
# pairs on a 2-core AMD EPYC VM, 2026-12-06): cold start 23.4-23.7 s before, 17.9-18.2 s after;
# events/s the same within the machine's noise (six alternating pairs of seven-run medians: 41-51e6
# both at 10 goroutines, 33-43e6 both at 1,000); the golden traces unchanged.


class Table(types.Type):
    """numba's type of a compiled view: an int64 table of `ndim` dimensions, C order."""

    def __init__(self, ndim):
        self.ndim = ndim
        super().__init__(name=f"gostep.Table{ndim}")


def _table_ops():
    """The Table type's data model (a pointer and the shape) and its operations: t[i, j] and
    t[i, j] = v (an index per dimension), t[i] (a row: a Table of one dimension fewer) and t.shape,
    through numba's public extension API (numba.extending)."""
    from numba.extending import (lower_builtin, make_attribute_wrapper, models, register_model,
                                 type_callable)

    @register_model(Table)
    class TableModel(models.StructModel):
        def __init__(self, dmm, fe_type):
            super().__init__(dmm, fe_type, [("data", types.CPointer(types.int64)),
                                            ("shape", types.UniTuple(types.intp, fe_type.ndim))])

    make_attribute_wrapper(Table, "shape", "shape")

    def nidx(t, idx):
        """How many dimensions the index `idx` gives (0: not an index of t)."""
        if isinstance(idx, types.Integer):
            return 1
        if (isinstance(idx, types.BaseTuple) and 0 < len(idx) <= t.ndim
                and all(isinstance(i, types.Integer) for i in idx)):
            return len(idx)
        return 0

    @type_callable(operator.getitem)
    def getitem_type(context):
        def typer(t, idx):
            if isinstance(t, Table):
                k = nidx(t, idx)
                if k == t.ndim:
                    return types.int64
                if k:
                    return Table(t.ndim - k)
        return typer

    @type_callable(operator.setitem)
    def setitem_type(context):
        def typer(t, idx, v):
            if (isinstance(t, Table) and nidx(t, idx) == t.ndim
                    and isinstance(v, (types.Integer, types.Boolean))):
                return types.none
        return typer

    def offset(context, builder, t, tab, idx, idxty):
        """The flat offset of the element (or row) idx, and the shape left."""
        shape = cgutils.unpack_tuple(builder, tab.shape, t.ndim)
        if isinstance(idxty, types.BaseTuple):
            vals = [context.cast(builder, builder.extract_value(idx, i), idxty[i], types.intp)
                    for i in range(len(idxty))]
        else:
            vals = [context.cast(builder, idx, idxty, types.intp)]
        zero = context.get_constant(types.intp, 0)
        off = zero
        for i, v in enumerate(vals):
            # as numpy and numba: a negative index counts from the end
            v = builder.select(builder.icmp_signed("<", v, zero), builder.add(v, shape[i]), v)
            off = builder.add(builder.mul(off, shape[i]), v) if i else v
        rest = shape[len(vals):]
        for d in rest:
            off = builder.mul(off, d)
        return off, rest

    @lower_builtin(operator.getitem, Table, types.Integer)
    @lower_builtin(operator.getitem, Table, types.BaseTuple)
    def getitem(context, builder, sig, args):
        t, idxty = sig.args
        tab = cgutils.create_struct_proxy(t)(context, builder, value=args[0])
        off, rest = offset(context, builder, t, tab, args[1], idxty)
        ptr = builder.gep(tab.data, [off])
        if not rest:
            return builder.load(ptr)
        out = cgutils.create_struct_proxy(sig.return_type)(context, builder)
        out.data = ptr
        out.shape = cgutils.pack_array(builder, rest)
        return out._getvalue()

    @lower_builtin(operator.setitem, Table, types.Integer, types.Any)
    @lower_builtin(operator.setitem, Table, types.BaseTuple, types.Any)
    def setitem(context, builder, sig, args):
        t, idxty, vty = sig.args
        tab = cgutils.create_struct_proxy(t)(context, builder, value=args[0])
        off, _ = offset(context, builder, t, tab, args[1], idxty)
        builder.store(context.cast(builder, args[2], vty, types.int64), builder.gep(tab.data, [off]))
        return context.get_dummy_value()


def _as_tables():
    """The intrinsic `as_tables`: a 1-D int64 array as a Table, or a named tuple of them (the
    State) as the same named tuple of Tables."""
    from numba.extending import intrinsic

    def one(context, builder, aty, v):
        arr = context.make_array(aty)(context, builder, value=v)
        out = cgutils.create_struct_proxy(Table(1))(context, builder)
        out.data = arr.data
        out.shape = arr.shape
        return out._getvalue()

    def typer(typingctx, x):
        if isinstance(x, types.Array) and x.ndim == 1 and x.dtype == types.int64:
            return Table(1)(x), lambda context, builder, sig, args: one(context, builder, x, args[0])
        if not (isinstance(x, types.BaseNamedTuple) and all(
                isinstance(t, types.Array) and t.ndim == 1 and t.dtype == types.int64 for t in x.types)):
            return None
        ret = types.NamedUniTuple(Table(1), len(x.types), x.instance_class)

        def codegen(context, builder, sig, args):
            out = context.get_constant_undef(ret)
            for i, t in enumerate(x.types):
                out = builder.insert_value(out, one(context, builder, t, builder.extract_value(args[0], i)), i)
            return out
        return ret(x), codegen
    typer.__name__ = "as_tables"
    return intrinsic(typer)


if not config.DISABLE_JIT:
    _table_ops()
    as_tables = _as_tables()
else:
    def as_tables(x):
        return x
as_tables.__doc__ = """The State (or cfg, prog, cost) as Tables, the entry point's first step: a kernel is
passed two words per array (its data and length) instead of numpy's seven, and reads them without
numpy's indexing code (see "why a view is a Table" above)."""


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
        """The view's struct (a `Table`): a pointer into the array's memory at the table's start,
        and the shape."""
        ity = types.intp
        stty = sig.args[0]

        def data(name):
            """The data pointer of State array `name` (a numpy array, or a Table: as_tables)."""
            i = stty.fields.index(name)
            v = builder.extract_value(args[0], i)
            if isinstance(stty[i], Table):
                return cgutils.create_struct_proxy(stty[i])(context, builder, value=v).data
            return context.make_array(stty[i])(context, builder, value=v).data
        m_data, o_data = data(self.arr), data("o")

        def const(v):
            return context.get_constant(ity, v)

        def load(k):
            return builder.load(builder.gep(o_data, [const(k)]))

        def val(d):
            if isinstance(d, int):
                return const(d)
            return load(d[1]) if d[0] == "o" else builder.sub(load(d[1]), load(d[2]))
        a = load(self.start) if self.start is not None else const(0)
        if self.row:
            a = builder.add(a, builder.mul(const(self.row), load(self.row_of)))
        out = cgutils.create_struct_proxy(sig.return_type)(context, builder)
        out.data = builder.gep(m_data, [a])
        out.shape = cgutils.pack_array(builder, [val(d) for d in self.dims])
        return out._getvalue()

    def intrinsic(self):
        """The view as a numba intrinsic of one argument, the State."""
        from numba.extending import intrinsic
        spec = self

        def typer(typingctx, st):
            return Table(len(spec.dims))(st), spec.codegen
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
