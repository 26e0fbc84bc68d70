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


def kernel(fn):
    d = nb.njit(cache=True, _nrt=False, nogil=True)(fn)
    orig = getattr(d, "get_call_template", None)
    if orig is None:          # NUMBA_DISABLE_JIT=1: a plain Python function
        return d

    def get_call_template(args, kws):
        return orig(tuple(types.unliteral(a) for a in args),
                    {k: types.unliteral(v) for k, v in kws.items()})

    d.get_call_template = get_call_template
    return d
