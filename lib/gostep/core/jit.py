"""`kernel`: numba.njit(cache=True) for every stepper function, compiled once per argument *type*.

Why not plain @njit
===================
numba types an integer constant argument (0, -1, a module constant such as EV_PARK) as
Literal[int](value) and compiles a separate specialisation of the callee for every distinct
constant: `emit(..., EV_PARK, ...)` and `emit(..., EV_READY, ...)` became two compilations of emit
and of everything it calls (27 copies of emit, a cold start of many minutes). `kernel` makes the
dispatcher see the non-literal types (types.unliteral), so each kernel is compiled once per real
signature. Nothing in the stepper needs literal dispatch. Under NUMBA_DISABLE_JIT=1 njit returns
the Python function and this wrapper changes nothing.

Why without NRT (`_nrt=False`)
==============================
With numba's runtime on, every call of a kernel increfs and decrefs the meminfo of each array it
is passed (the State's ten arrays, cfg, prog, cost) with atomic instructions: measured with gdb on
the benchmark, NRT_incref/NRT_decref were about half of the stepper's time. The kernels allocate
nothing (their work areas are in the arena, layout.O_WK*) and return only integers, so they need
no reference counting at all: without it the same workload runs 7x faster (benchmarks/stepper.py).
`nogil=True` lets `sweep` run seeds on several threads, one State each.

Why only the entry points get LLVM's module optimizer (`entry`)
===============================================================
numba compiles every kernel into a library of its own, and a caller's library links in the LLVM
IR of all its callees (transitively) before LLVM's module passes (-O3: inlining across functions)
and the machine-code generation run on the whole. With a call graph about 15 kernels deep, the
same callee code went through -O3 once per kernel above it: measured with cProfile on an empty
cache (233 s without the profiler, 308 s with it), LLVM's module passes took 67 s, the machine
code 56 s and the per-function passes 17 s; the rest is numba's type inference and lowering.
Only the entry points called from Python (vm.run and vm.sweep_kernel, marked `@entry`) run a
stepper, and their -O3 pass optimises the whole linked call graph anyway, so a kernel below them
keeps its per-function passes and skips the module passes (`_optimize_final_module` in
numba/core/codegen.py). The machine code of the entry points is what it was (an interleaved A/B
with GOSTEP_JIT_FULLOPT=1 measured the same events/s), and the cold compile went from 233 s to
137 s; a kernel called directly from Python (tests/test_core_kernels.py) runs less inlined code.

Tried and not kept: machine code for a kernel's own functions only, its callees resolved across
the JIT's modules (MCJIT finds a symbol in any module it holds): the same CPU time (244 s vs
245 s), and such code could not be cached alone.

Alternative rejected: a lower NUMBA_OPT for everything (NUMBA_OPT=1 halved the stepper's speed for
a small gain in compile time); calling kernels through function pointers instead of linking
(numba cannot cache code that holds a process's addresses).
"""
from __future__ import annotations

import hashlib
import os
import pathlib

import numba as nb
from numba.core import config, types

# Why the cache folder is keyed by the stepper's source
# -----------------------------------------------------
# numba's cache checks only the source file of the function it loads, not the files of the kernels
# that function calls or the State layout they share: after an edit (or a `git pull`) a caller could
# load stale machine code that no longer matches the other files ("Can't get attribute ...", or
# silently wrong offsets). Every kernel therefore caches under a folder named by a hash of all of
# lib/gostep/core/*.py and model/isa.py: a changed stepper compiles afresh, once; an unchanged one
# loads at once. The base folder is NUMBA_CACHE_DIR when set (the Makefile uses .cache/numba).
_HERE = pathlib.Path(__file__).resolve().parent


def _source_key() -> str:
    h = hashlib.sha256()
    for f in sorted(_HERE.glob("*.py")) + [_HERE.parent / "model" / "isa.py"]:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


_base = os.environ.get("NUMBA_CACHE_DIR") or str(_HERE / "__pycache__")
config.CACHE_DIR = os.path.join(_base, "gostep-" + _source_key())


# names of the libraries (numba: the function's __qualname__) that skip the module passes
_BELOW_ENTRY: set = set()


def _patch_module_passes():
    """Wrap numba's CPUCodeLibrary._optimize_final_module: a library in _BELOW_ENTRY skips it.
    Without that method (another numba) nothing changes but the compile time."""
    try:
        from numba.core.codegen import CPUCodeLibrary
    except ImportError:       # pragma: no cover
        return
    orig = getattr(CPUCodeLibrary, "_optimize_final_module", None)
    if orig is None or getattr(orig, "_gostep", False):
        return

    def _optimize_final_module(self):
        if self.name in _BELOW_ENTRY:
            return
        orig(self)

    _optimize_final_module._gostep = True
    CPUCodeLibrary._optimize_final_module = _optimize_final_module


def _jit(fn, below_entry):
    # GOSTEP_JIT_FULLOPT=1: every kernel through the module passes, as numba does by default (for
    # an A/B of the stepper's speed; use another NUMBA_CACHE_DIR, the cache key is the source)
    if below_entry and not config.DISABLE_JIT and os.environ.get("GOSTEP_JIT_FULLOPT") != "1":
        # a name no other numba user has, so the patch touches only the stepper's libraries
        fn.__qualname__ = "gostep_" + fn.__module__.rpartition(".")[2] + "_" + fn.__name__
        _BELOW_ENTRY.add(fn.__qualname__)
        _patch_module_passes()
    d = nb.njit(cache=True, _nrt=False, nogil=True)(fn)
    orig = getattr(d, "get_call_template", None)
    if orig is None:          # NUMBA_DISABLE_JIT=1: a plain Python function
        return d

    def get_call_template(args, kws):
        return orig(tuple(types.unliteral(a) for a in args),
                    {k: types.unliteral(v) for k, v in kws.items()})

    d.get_call_template = get_call_template
    return d


def kernel(fn):
    """A stepper function called by other kernels (module passes skipped, see above)."""
    return _jit(fn, True)


def entry(fn):
    """A kernel called from Python that runs the stepper: optimised whole, at -O3."""
    return _jit(fn, False)
