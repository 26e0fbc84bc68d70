"""core/jit.py changes how numba builds the stepper's kernels (no machine code, wrappers, linking
or cache below the entry point) by patching numba's classes in the process. Other numba code in
the same process (a reader's own @njit functions in a notebook) must compile and run as before."""
from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys
import tomllib

import numba as nb
import numpy as np
import pytest

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


# ---- the patches only on the numba that was tested (issue 17) ----------------------------------

ROOT = pathlib.Path(__file__).resolve().parents[2]

FAKE_VERSION = """
import sys, warnings
import numba
numba.__version__ = "0.67.0"          # any numba the patches were not tested with
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    import gostep.core.jit as jit
    from gostep.core import defs as D, queues
from numba.core.codegen import CPUCodeLibrary
from numba.core.dispatcher import Dispatcher
msgs = [str(w.message) for w in caught if issubclass(w.category, jit.NumbaVersionWarning)]
print("PATCHED", jit.PATCHED)
print("BELOW", len(jit._BELOW_ENTRY))
print("NUMBA_PATCHED", any(getattr(f, "_gostep", False) for f in (
    CPUCodeLibrary.finalize, CPUCodeLibrary._optimize_final_module, Dispatcher.add_overload)))
print("WARN", msgs)
st = D.new_state(D.Cfg(runq_size=8, max_g=20, max_timers=16), 1)
st.sc[D.S_NPROCS] = 1
queues.runqput(st, 0, 5, 0)
queues.runqput(st, 0, 6, 1)
print("GOT", queues.runqget(st, 0), queues.runqget(st, 0), queues.runqget(st, 0))
"""


def _env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("NUMBA_DISABLE_JIT", "GOSTEP_JIT_FULLOPT")}
    env.update(NUMBA_CACHE_DIR=str(tmp_path / "numba"), PYTHONDONTWRITEBYTECODE="1", **extra)
    return env


def test_patches_apply_only_to_the_tested_numba():
    """An untested numba version, or GOSTEP_JIT_FULLOPT=1, means plain numba; the tested one, the
    patches (unless this process runs without JIT)."""
    reason = jit.plain_numba_reason("0.67.0", {})
    assert "0.67.0" in reason and jit.TESTED_NUMBA[0] in reason
    assert jit.plain_numba_reason(jit.TESTED_NUMBA[0], {"GOSTEP_JIT_FULLOPT": "1"})
    if not nb.config.DISABLE_JIT:
        assert jit.plain_numba_reason(jit.TESTED_NUMBA[0], {}) == ""
        assert jit.PATCHED == (nb.__version__ in jit.TESTED_NUMBA
                               and os.environ.get("GOSTEP_JIT_FULLOPT") != "1")


def test_pyproject_pins_numba_to_the_tested_versions():
    """pyproject.toml allows exactly the numba versions the patches were tested with."""
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    spec = [d.replace(" ", "") for d in deps if re.match(r"numba\s*[<>=!~]", d)]
    # one version tested: pinned exactly (with more: a range holding exactly them, and this test)
    assert len(jit.TESTED_NUMBA) == 1 and spec == [f"numba=={jit.TESTED_NUMBA[0]}"], spec


def test_another_numba_version_falls_back_to_plain_numba_with_a_warning(tmp_path):
    """With numba's version faked to an untested one, importing the stepper warns, patches nothing
    in numba, and its kernels compile and run as plain numba functions."""
    res = subprocess.run([sys.executable, "-c", FAKE_VERSION], env=_env(tmp_path), cwd=ROOT,
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr[-3000:]
    out = dict(line.split(" ", 1) for line in res.stdout.splitlines())
    assert out["PATCHED"] == "False"
    assert out["BELOW"] == "0"
    assert out["NUMBA_PATCHED"] == "False"
    assert "0.67.0" in out["WARN"] and "plain numba" in out["WARN"]
    assert out["GOT"] == "(6, 1) (5, 0) (0, 0)"


@pytest.mark.slow
def test_core_tests_and_golden_traces_are_identical_without_the_patches(tmp_path):
    """The core tests (golden traces compared byte for byte, no-JIT parity, the kernels against
    their references, the program corpus) pass with the stepper compiled by plain numba
    (GOSTEP_JIT_FULLOPT=1, its own empty cache: a full cold compile, about 2-3 minutes)."""
    files = ["tests/core/test_golden_traces.py", "tests/core/test_nojit_parity.py",
             "tests/core/test_kernels_vs_reference.py", "tests/core/test_programs.py"]
    res = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "-m", "not realgo", *files],
                         env=_env(tmp_path, GOSTEP_JIT_FULLOPT="1"), cwd=ROOT,
                         capture_output=True, text=True, timeout=1800)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-2000:]
    assert " passed" in res.stdout and "failed" not in res.stdout


KERNELS_AFTER_THE_ENTRY = """
import sys
sys.path.insert(0, "tests/core")
import gostep.api as api
from gostep.front import parse
src = 'package main\\n\\nimport "fmt"\\n\\nfunc main() {\\n\\tfmt.Println("hi")\\n}\\n'
assert api.simulate(parse(src, "m.go"), record=False).outcome.stdout == ("hi",)   # compiles the entry point here
import test_chan_vs_reference as T
print("OPS", T._random_ops(0, 160, (0,), 4, with_select=False))   # kernels called from Python
"""


@pytest.mark.slow
def test_kernels_called_from_python_after_the_entry_point_compiled_in_the_same_process(tmp_path):
    """The entry point's copies of the kernels are local to its machine code and renamed (core/jit.py,
    "Every kernel local to the entry point"), so a kernel called from Python later in the same
    process (its twin links copies of its own) never runs the entry point's copy, whose unused
    arguments LLVM dropped. Under their numba names, the twin of chansend called that copy of emit
    with the whole argument list and the process crashed (an empty cache: the compile happens in
    this process, as in a reader's first session)."""
    res = subprocess.run([sys.executable, "-c", KERNELS_AFTER_THE_ENTRY], env=_env(tmp_path),
                         cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert res.returncode == 0, res.stderr[-3000:]
    assert int(res.stdout.split("OPS", 1)[1]) > 0
