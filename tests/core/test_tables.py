"""Compiled kernels read the arena through Tables (core/tables.py): numba's type of a view, with
its own indexing. A Table must read and write exactly the int64 a numpy view of the same table
would, for every form of index the kernels use, and refuse what it cannot do."""
from __future__ import annotations

import numba as nb
import numpy as np
import pytest
from numba.core.errors import TypingError

from gostep.core import defs as D
from gostep.core import layout as L
from gostep.core import tables as T

pytestmark = pytest.mark.skipif(nb.config.DISABLE_JIT, reason="Tables exist only in compiled code")


def _state():
    """A small State with every table laid out, its arena filled with distinct numbers."""
    cfg = D.Cfg(max_g=7, max_p=3, max_frames=5, max_timers=6)
    st = D.new_state(cfg, 2)
    st.m[:] = np.arange(st.m.shape[0], dtype=np.int64) * 7 + 3
    return st


def _numpy_view(name, st):
    """The same view by numpy (what NUMBA_DISABLE_JIT=1 uses)."""
    spec = {
        "gtab": T._View("gtab", L.O_G, (L.N_G, T.O(L.W_G))),
        "frtab": T._View("frtab", L.O_FR, (L.N_FR, T.O(L.W_G), T.O(L.F_FR))),
        "globrunq": T._View("globrunq", L.O_H, (T.O(L.W_H),), row=L.H_GQ, row_of=L.W_H),
    }[name]
    return spec.py(st)


def _read_all(G, FR, q, sc, o):
    """Every form of read the kernels use, on views G (2-D), FR (3-D) and q (1-D)."""
    row = G[L.G_SP]                    # a row: one dimension fewer
    plane = FR[L.FR_RET]               # a 3-D table's plane
    line = FR[L.FR_RET, 2]             # and its row
    return np.array([
        G[L.G_STATUS, 3], G[L.G_SP, 0], G[L.G_SP, -1], G[-1, -2],
        G.shape[0], G.shape[1], row[4], row[-1], row.shape[0],
        FR[L.FR_FN, 2, 4], FR[L.FR_RET, -1, 0], FR.shape[0], FR.shape[1], FR.shape[2],
        plane[2, 1], plane.shape[0], plane.shape[1], line[3], line.shape[0],
        q[0], q[-1], q.shape[0], sc.shape[0], o[L.O_G], o[L.W_G],
    ])


_read_all_compiled = nb.njit(_read_all)


@nb.njit
def _reads(st):
    """_read_all compiled, on Tables."""
    ts = T.as_tables(st)
    return _read_all_compiled(T.gtab(ts), T.frtab(ts), T.globrunq(ts), ts.sc, ts.o)


def test_a_table_reads_what_a_numpy_view_of_the_same_table_reads():
    st = _state()
    views = [_numpy_view(n, st) for n in ("gtab", "frtab", "globrunq")]
    assert _reads(st).tolist() == _read_all(*views, st.sc, st.o).tolist()


@nb.njit
def _writes(st, v):
    ts = T.as_tables(st)
    G = T.gtab(ts)
    FR = T.frtab(ts)
    G[L.G_STATUS, 3] = v
    G[L.G_SP, -1] = v + 1               # a negative index counts from the end, as in numpy
    G[L.G_WAKE, 2] = True               # a bool is stored as 1
    row = G[L.G_TIMER]
    row[5] += 10                        # a row writes through to the arena
    FR[L.FR_FN, 1, 2] = v + 2
    FR[L.FR_RET][3, 4] = v + 3
    ts.sc[5] = v + 4
    cfgt = T.as_tables(st.o)            # a single array
    return cfgt[L.W_G] + cfgt.shape[0]


def test_a_table_writes_where_a_numpy_view_of_the_same_table_writes():
    st, ref = _state(), _state()
    got = _writes(st, 1000)
    G, FR = _numpy_view("gtab", ref), _numpy_view("frtab", ref)
    G[L.G_STATUS, 3] = 1000
    G[L.G_SP, -1] = 1001
    G[L.G_WAKE, 2] = 1
    G[L.G_TIMER, 5] += 10
    FR[L.FR_FN, 1, 2] = 1002
    FR[L.FR_RET, 3, 4] = 1003
    ref.sc[5] = 1004
    assert got == ref.o[L.W_G] + ref.o.shape[0]
    for a, b in zip(st, ref):
        assert np.array_equal(a, b)


def test_as_tables_refuses_what_is_not_int64_arrays():
    @nb.njit
    def f(a):
        return T.as_tables(a)

    with pytest.raises(TypingError):
        f(np.zeros(3, dtype=np.float64))
    with pytest.raises(TypingError):
        f(np.zeros((2, 2), dtype=np.int64))


def test_a_table_refuses_an_index_it_does_not_have():
    @nb.njit
    def three_on_two(st):
        return T.gtab(T.as_tables(st))[0, 1, 2]

    @nb.njit
    def a_slice(st):
        return T.gtab(T.as_tables(st))[0, 1:2]

    @nb.njit
    def a_float(st, v):
        T.gtab(T.as_tables(st))[0, 1] = v

    st = _state()
    for f, args in ((three_on_two, (st,)), (a_slice, (st,)), (a_float, (st, 1.5))):
        with pytest.raises(TypingError):
            f(*args)


def test_a_kernel_gives_the_same_result_on_tables_and_on_numpy_arrays():
    """A kernel called from Python (tests, its twin) gets numpy arrays; from the entry point,
    Tables. The same code must do the same on both."""
    from gostep.core.queues import runq_len, runqput

    @nb.njit
    def on_tables(st):
        ts = T.as_tables(st)
        for g in range(1, 6):
            runqput(ts, 1, g, g == 3)
        return runq_len(ts, 1)

    a, b = _state(), _state()
    a.m[:] = 0
    b.m[:] = 0
    n = on_tables(a)
    for g in range(1, 6):
        runqput(b, 1, g, g == 3)
    assert n == runq_len(b, 1) == 4     # G3 went to runnext
    for x, y in zip(a, b):
        assert np.array_equal(x, y)
