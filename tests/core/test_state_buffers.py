"""Where a State's large buffers live (core/defs.py, `_zeros`), and that a Trace outlives its State."""

import gc
import mmap

import gostep.api as api
from asm import prog_pingpong
from gostep.core import defs as D


def _is_anonymous_mmap(a):
    base = a.base
    return isinstance(base, memoryview) and isinstance(base.obj, mmap.mmap)


def test_recording_buffers_are_anonymous_mmaps_not_huge_page_numpy_arrays():
    """The recording buffers come from an mmap, like the arena: np.zeros asks for transparent huge
    pages on a large array, whose first touch cost 2-3 ms per MB in some processes (the docstring
    of _zeros has the numbers). They are zeroed and writable like np.zeros."""
    st = D.new_state(D.Cfg(record=1), 1)
    for name in ("m", "scratch", "ev", "snap", "snap_off"):
        a = getattr(st, name)
        assert _is_anonymous_mmap(a), name
        assert a.flags.writeable and a.flags.c_contiguous, name
        assert not a[:4096].any() and not a[-4096:].any(), name


def test_a_state_that_does_not_record_has_no_recording_buffers():
    st = D.new_state(D.Cfg(record=0), 1)
    assert st.ev.size <= 8 and st.snap.size <= 1 and st.snap_off.size <= 2


def test_a_trace_reads_its_steps_after_the_run_and_its_state_are_gone():
    """The Trace keeps views of the mmap'd buffers; they stay mapped while a view lives."""
    tr = api.simulate(prog_pingpong(), timeout="1s")
    first = [tr.frame(i) for i in (0, len(tr) // 2, len(tr) - 1)]
    gc.collect()
    tr._cache.clear()
    tr._last_objs = None
    again = [tr.frame(i) for i in (0, len(tr) // 2, len(tr) - 1)]
    assert len(tr) > 10
    assert again == first
