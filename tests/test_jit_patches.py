"""core/jit.py changes how numba builds the stepper's kernels (no machine code, wrappers, linking
or cache below the entry point) by patching numba's classes in the process. Other numba code in
the same process (a reader's own @njit functions in a notebook) must compile and run as before."""
from __future__ import annotations

import numba as nb
import numpy as np

import gostep.core.jit as jit


def test_other_numba_code_still_works_beside_the_stepper():
    """A user's jitted function calling another jitted function, with arrays and a Python call,
    gives the same result as plain Python after the stepper's patches are installed."""
    import gostep.core.vm  # noqa: F401  (imports every kernel: the patches are installed)
    assert jit._BELOW_ENTRY, "the stepper's kernels are registered"

    @nb.njit
    def inner(a, i):
        return a[i] * 2 + 1

    @nb.njit
    def outer(a):
        s = 0
        for i in range(a.shape[0]):
            s += inner(a, i)
        return s

    a = np.arange(10, dtype=np.int64)
    assert outer(a) == sum(x * 2 + 1 for x in range(10))
    assert inner(a, 3) == 7


def test_the_stepper_is_cached_after_a_run(tmp_path):
    """After one simulate, api.stepper_compiled() finds the entry point in the cache (the compile
    notice and chapter 0's environment check rely on it)."""
    import gostep.api as api
    p = tmp_path / "m.go"
    p.write_text('package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hi")\n}\n')
    assert api.simulate(p, record=False).outcome.stdout == ("hi",)
    assert api.stepper_compiled()
