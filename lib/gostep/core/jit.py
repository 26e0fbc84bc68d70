"""`kernel` and `entry`: numba.njit for every stepper function, compiled once per argument *type*.

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

Why only the entry point gets LLVM's module optimizer and machine code (`entry`)
==============================================================================
numba compiles every function into a library of its own: it links the LLVM IR of all its callees
(their libraries, already linked with theirs) into it, runs LLVM's module passes (-O3: inlining
across functions) over the whole, hands it to the JIT for machine code, builds a CPython and a
cfunc wrapper, and caches the object code. With a call graph about 15 kernels deep the same
callee code went through all of that once per kernel above it. Only one function runs a stepper
from Python: vm.sweep_kernel (`@entry`; vm.run calls it with one seed). So a kernel below it
(`@kernel`) keeps numba's front end and the per-function passes and skips the rest:
- no module passes (`_optimize_final_module`): the entry point's -O3 optimises the whole call
  graph anyway (an interleaved A/B with GOSTEP_JIT_FULLOPT=1 measured the same events/s);
- no linking (`finalize`): its library holds its own IR; the entry point links every library
  below it once (numba links each callee's already linked module into every caller);
- no machine code (`_finalize_final_module` without handing the module to the JIT) and no
  wrappers (`no_cpython_wrapper`, `no_cfunc_wrapper`: a fifth of the compile under cProfile);
- no cache of its own (the entry point's cache holds the machine code of everything).
A kernel called from Python (tests/test_core_kernels.py) goes to a twin dispatcher with wrappers,
whose library is linked and given machine code on that first call (`_compile_for_args`); its
code is not -O3'd as a whole.

Measured with an empty cache on the 2-core machine, another engineer's tests running beside it:
233 s for numba's defaults; 137 s without the module passes below the entry points; 94 s also
without their machine code; 88 s with one entry point instead of two (vm.run and sweep_kernel
were each -O3'd and compiled whole); 77 s also without wrappers; 70 s also without the repeated
linking and the kernels' own caches. Tried and not kept: skipping the per-function passes too
(104 s: the entry point's -O3 then works on numba's raw IR). What remains is numba's front end
(type inference and lowering of about 120 kernels, with a faster `TargetConfig.values` and
`__hash__`: typing each `st.m[...]` tries every @overload of getitem, and each attempt hashes and
compares the compile flags) and the entry point's -O3 and machine code.

Kernels with one caller, inlined by LLVM (`inlined`)
====================================================
interp.exec_op dispatches each instruction to the kernel of its family (op_chan, op_ctx, ...: a
few dozen lines each, beside the Go file they mirror). As plain kernels they cost a call per
instruction: LLVM's inliner declines a large callee, and numba links every callee as
`linkonce_odr`, which gets none of the bonus LLVM gives the last call of a local function. The
stepper was about 5% slower than with one 410-line exec_op (benchmarks/stepper.py, every run).
numba's own `inline="always"` (its IR level) removed the cost but re-ran numba's passes on each
family and added 1.1-1.5 s to the cold compile. So an `@inlined` kernel is compiled like any
kernel, and the entry point, once every library is linked into its module and before its -O3,
makes those functions local and `alwaysinline` (the wrapper of `_optimize_final_module`; with
internal linkage alone LLVM inlined five of the ten families and kept the other five as calls).
The entry point's optimised IR then holds no op_* function. Measured (alternating pairs, the
2-core machine): events/s the same as the single exec_op or higher (20.2 vs 19.7e6, 20.1 vs
19.3e6, 13.1 vs 12.2e6 at 10, 1,000 and 100,000 Gs), cold start 0.3-0.9 s longer (ten more
functions through numba's front end). With plain numba (below) they stay calls: correct, a few
per cent slower.

Every kernel local to the entry point (internal linkage, renamed)
=================================================================
numba passes an array to a function as its whole struct, seven words for a 1-D array (meminfo,
parent, size, itemsize, data, shape, stride). The State is ten arrays: with cfg, prog and cost,
every call of a kernel that LLVM had not inlined copied 88 words onto the stack. Read off the
machine code under `perf` (issue 17): run_g, schedule_pass and emit (called at every step, from 38
places) were such calls, and the copying was a large part of a step. numba links every callee as
`linkonce_odr`, and LLVM may not change the signature of such a function. Nothing outside the
entry point's module calls its copies of the kernels (a kernel called from Python runs its twin,
which links copies of its own), so the wrapper of `_optimize_final_module` makes every kernel in
that module `internal`. The -O3 then drops the arguments a kernel never reads (dead argument
elimination: without NRT or bounds checks, mostly the data pointers and a few shapes stay; a call
of emit_record passes 20 words) and inlines more (run_g, schedule_pass and sysmon_tick into
step_loop). `emit` is split for the same reason: the count and the step limit are `@inlined` at
every call site, and the recording is a call (emit_record) made only when recording.
The local copies are also renamed (`.local`). Under their numba names, a twin compiled later in the
same process ran the entry point's copy of emit, whose arguments LLVM had dropped, and the process
crashed (tests/core/test_jit_patches.py calls kernels after compiling the entry point).
Measured with benchmarks/stepper.py, three builds alternating twice in one sitting (before / all
kernels internal / and emit split), on a 2-core AMD EPYC VM on 2026-12-06, not recording:
- events/s: 1.1-1.3e7 / 3.3-3.4e7 / 4.2-4.7e7 at 10 goroutines, 1.0-1.3e7 / 3.1-3.3e7 / 3.8-3.9e7
  at 1,000;
- the SimPy ratio: 4.1-4.6 / 9.0-9.5 / 9.6-13.9; sweep: 26,000 / 47,000-60,000 / 94,000-96,000
  runs/s;
- cold start: 26.0-28.4 s / 25.4-28.0 s / 26.4-30.2 s (the same within the machine's noise).
With plain numba (below) none of this happens: the kernels keep numba's linkage and their calls.
Later the entry point passed the kernels Tables instead of numpy arrays (core/tables.py, "why a view
is a Table"): two words per array, so a call that stays a call copies less to begin with.

Only on the numba that was tested, else plain numba (`TESTED_NUMBA`)
=====================================================================
The shortcuts above replace private methods of numba's classes (CPUCodeLibrary.finalize,
_finalize_final_module, _optimize_final_module, JITCodeLibrary.get_pointer_to_function,
CPUContext.get_executable, Dispatcher.add_overload and _compile_for_args, TargetConfig.values and
__hash__) and copy numba 0.68's finalize. numba does not promise any of them, so they are installed
only on the numba versions in TESTED_NUMBA (pyproject.toml pins numba to them) and only when every
name they replace exists. On any other numba the stepper is built by plain numba and a warning
says so: the same kernels, a first compile several times longer. What stays in both modes: the
keyed cache folder and the unliteral dispatch, which replaces `get_call_template` on the stepper's
own dispatchers, not on numba's classes (without it the fallback would compile for many minutes).
GOSTEP_JIT_FULLOPT=1 chooses plain numba on purpose; tests/test_jit_patches.py runs the core tests
with it (the golden traces must come out identical) and fakes another numba version to test the
fallback.

Measured in issue 17 (benchmarks/stepper.py's cold start: a fresh process, an empty
NUMBA_CACHE_DIR, to the first simulated step; the 2-core machine loaded by other engineers' work;
five alternating pairs): 26.8 s with the shortcuts (25.3-40.3 s), 89.8 s with plain numba
(83.7-165.4 s), 3.4x. After the Tables (core/tables.py), on a quiet 2-core VM on 2026-12-06: 14.2 s
with the shortcuts, 54.7 and 56.4 s with plain numba, 3.9x. Removing them would miss the
cold-compile budget (at most 20 s) by far, so they stay, gated; the plain-numba run of the core
tests costs CI about 100 s.

Alternative rejected: a lower NUMBA_OPT for everything (NUMBA_OPT=1 halved the stepper's speed for
a small gain in compile time); calling kernels through function pointers instead of linking
(numba cannot cache code that holds a process's addresses).
"""
from __future__ import annotations

import hashlib
import importlib
import os
import pathlib
import warnings

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




# names of the libraries (numba: the function's __qualname__) that skip the module passes
_BELOW_ENTRY: set = set()
# the qualnames of the @inlined kernels (local to the entry point's module, so inlined)
_INLINED: set = set()

# The numba versions the private patches below were tested with; pyproject.toml pins numba to them.
TESTED_NUMBA = ("0.68.1",)

# Every private name the patches replace or call, as (module, class, attribute): all must exist
_PRIVATE_NAMES = (
    ("numba.core.codegen", "CPUCodeLibrary", "finalize"),
    ("numba.core.codegen", "CPUCodeLibrary", "_finalize_final_module"),
    ("numba.core.codegen", "CPUCodeLibrary", "_optimize_final_module"),
    ("numba.core.codegen", "CPUCodeLibrary", "_finalize_dynamic_globals"),
    ("numba.core.codegen", "CPUCodeLibrary", "_get_module_for_linking"),
    ("numba.core.codegen", "CPUCodeLibrary", "_verify_declare_only_symbols"),
    ("numba.core.codegen", "JITCodeLibrary", "_finalize_specific"),
    ("numba.core.codegen", "JITCPUCodegen", "_add_module"),
    ("numba.core.codegen", "CPUCodegen", "_check_llvm_bugs"),
    ("numba.core.codegen", "CPUCodeLibrary", "_ensure_finalized"),
    ("numba.core.codegen", "CPUCodeLibrary", "_raise_if_finalized"),
    ("numba.core.codegen", "JITCodeLibrary", "get_pointer_to_function"),
    ("numba.core.cpu", "CPUContext", "get_executable"),
    ("numba.core.dispatcher", "Dispatcher", "add_overload"),
    ("numba.core.dispatcher", "Dispatcher", "_compile_for_args"),
    ("numba.core.targetconfig", "TargetConfig", "values"),
    ("numba.core.compiler_lock", None, "require_global_compiler_lock"),
)


class NumbaVersionWarning(UserWarning):
    """The installed numba is not one the stepper's compile shortcuts were tested with."""


def plain_numba_reason(version: str, environ) -> str:
    """Why the stepper is compiled by plain numba, '' when the shortcuts apply: under
    NUMBA_DISABLE_JIT=1 nothing is compiled; GOSTEP_JIT_FULLOPT=1 asks for plain numba; an
    untested numba or a missing private name falls back to it."""
    if config.DISABLE_JIT:
        return "NUMBA_DISABLE_JIT=1"
    if environ.get("GOSTEP_JIT_FULLOPT") == "1":
        return "GOSTEP_JIT_FULLOPT=1"
    if version not in TESTED_NUMBA:
        return (f"numba {version} is not a version gostep's compile shortcuts were tested with "
                f"({', '.join(TESTED_NUMBA)})")
    for mod, cls, attr in _PRIVATE_NAMES:
        try:
            obj = importlib.import_module(mod)
            if cls is not None:
                obj = getattr(obj, cls)
            getattr(obj, attr)
        except (ImportError, AttributeError):
            return f"numba {version} has no {mod}.{cls + '.' if cls else ''}{attr}"
    return ""


_PLAIN_REASON = plain_numba_reason(nb.__version__, os.environ)
PATCHED = _PLAIN_REASON == ""        # the shortcuts are installed (by the first kernel)
if _PLAIN_REASON and _PLAIN_REASON not in ("NUMBA_DISABLE_JIT=1", "GOSTEP_JIT_FULLOPT=1"):
    warnings.warn(f"{_PLAIN_REASON}: the stepper is compiled by plain numba, correct but its "
                  "first compile takes several minutes instead of under one (pip install "
                  "the numba that pyproject.toml pins for the fast path)",
                  NumbaVersionWarning, stacklevel=2)

# (the cache folder, see above; plain numba's kernels are cached each on its own, so a separate one)
_base = os.environ.get("NUMBA_CACHE_DIR") or str(_HERE / "__pycache__")
config.CACHE_DIR = os.path.join(_base, "gostep-" + _source_key() + ("" if PATCHED else "-plain"))


def _patch_module_passes():
    """Wrap numba's CPUCodeLibrary._optimize_final_module: a library in _BELOW_ENTRY skips it; in an
    entry point's module every kernel is made local and renamed first, an @inlined one also
    alwaysinline (see "Kernels with one caller" and "Every kernel local to the entry point").
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
        # an entry point, every library linked in: each kernel's copy becomes local and renamed, an
        # @inlined one also always inlined (numba's mangled name holds the qualname as
        # <length><name>), before the -O3 below
        if _BELOW_ENTRY:
            for fn in self._final_module.functions:
                if fn.is_declaration or not any(f"{len(q)}{q}" in fn.name for q in _BELOW_ENTRY):
                    continue
                if any(f"{len(q)}{q}" in fn.name for q in _INLINED):
                    fn.add_function_attribute("alwaysinline")
                fn.linkage = "internal"
                fn.name = fn.name + ".local"
        orig(self)

    _optimize_final_module._gostep = True
    CPUCodeLibrary._optimize_final_module = _optimize_final_module


class _LazyEntry:
    """The entry point of a kernel that has no machine code yet (_patch_lazy_codegen)."""
    __slots__ = ("__weakref__",)


def _patch_lazy_codegen():
    """A library in _BELOW_ENTRY gets no machine code of its own until a Python call needs it.

    numba finalizes every compiled function's library by handing its module (its own IR and the
    IR of every callee it links in) to the JIT, which generates machine code for all of it, and a
    function cached with cache=True is saved as that object code. A kernel below the entry points
    is only ever *linked* into a caller as IR, so that machine code was made and thrown away ~120
    times. Here such a library stops short of the JIT (`_finalize_final_module` without
    `_add_module` / `_finalize_specific`), is not cached (`_jit`: the entry point's cache holds
    its code), and its dispatcher entry has no native entry point (a stand-in); the first call
    from Python (tests call a few queue kernels directly) makes the machine code then.

    The stand-in entry point is a `_LazyEntry`, one per overload: numba keys a function's lowering
    by its entry point (BaseContext.insert_user_function / Dispatcher.get_overload), so a shared
    stand-in such as None would let two kernels of the same signature be mistaken for each other."""
    import weakref

    from numba.core import dispatcher
    from numba.core.compiler_lock import require_global_compiler_lock
    from numba.core.codegen import CPUCodeLibrary, JITCodeLibrary
    from numba.core.cpu import CPUContext
    if getattr(CPUCodeLibrary._finalize_final_module, "_gostep", False):
        return
    orig_ffm = CPUCodeLibrary._finalize_final_module
    orig_fin = CPUCodeLibrary.finalize
    orig_ptr = JITCodeLibrary.get_pointer_to_function
    orig_exe = CPUContext.get_executable
    orig_add = dispatcher.Dispatcher.add_overload
    orig_cfa = dispatcher.Dispatcher._compile_for_args

    def closure(libs):
        """The libraries to link, transitively (a kernel's own module links none), each once."""
        out, seen, todo = [], set(), list(libs)
        while todo:
            lib = todo.pop(0)
            if id(lib) in seen:
                continue
            seen.add(id(lib))
            out.append(lib)
            todo.extend(lib._linking_libraries)
        return out

    def finalize(self):
        if self.name not in _BELOW_ENTRY:
            # an entry point: link every library below it once (any other numba function, one
            # that calls no kernel, links as numba does)
            if any(lib.name in _BELOW_ENTRY for lib in self._linking_libraries):
                self._linking_libraries = closure(self._linking_libraries)
            return orig_fin(self)
        # a kernel: its own IR only, no linking (numba links each callee's already linked module
        # into every caller: the same code linked once per kernel above it)
        require_global_compiler_lock()
        self._codegen._check_llvm_bugs()
        self._raise_if_finalized()
        for lib in self._linking_libraries:
            self._reload_init.update(lib._reload_init)
        self._final_module.verify()
        self._finalize_final_module()

    def _finalize_final_module(self):
        if self.name not in _BELOW_ENTRY:
            return orig_ffm(self)
        self._finalize_dynamic_globals()
        self._final_module._CPUCodeLibrary__library = weakref.proxy(self)
        self._finalized = True
        self._gostep_lazy = True

    def materialize(lib):
        if lib.__dict__.get("_gostep_lazy"):
            lib._gostep_lazy = False
            for other in closure(lib._linking_libraries):
                lib._final_module.link_in(other._get_module_for_linking(), preserve=True)
            lib._verify_declare_only_symbols()
            cleanup = lib._codegen._add_module(lib._final_module)
            if cleanup:
                weakref.finalize(lib, cleanup)
            lib._finalize_specific()

    def get_pointer_to_function(self, name):
        self._ensure_finalized()
        materialize(self)
        return orig_ptr(self, name)

    def get_executable(self, library, fndesc, env):
        if library.name in _BELOW_ENTRY:
            library._ensure_finalized()
            if library.__dict__.get("_gostep_lazy"):
                return _LazyEntry()
        return orig_exe(self, library, fndesc, env)

    def add_overload(self, cres):
        if isinstance(cres.entry_point, _LazyEntry):
            self.overloads[tuple(cres.signature.args)] = cres
            return
        orig_add(self, cres)

    def _compile_for_args(self, *args, **kws):
        # a Python call (the dispatcher found no native entry point for these types). A kernel
        # compiled without a CPython wrapper is called through its twin, which has one; then
        # compile or load as usual and make the machine code of every overload that has none
        twin = self.__dict__.get("_gostep_twin")
        if twin is not None:
            return twin()._compile_for_args(*args, **kws)
        r = orig_cfa(self, *args, **kws)
        for key, cres in list(self.overloads.items()):
            if isinstance(cres.entry_point, _LazyEntry):
                new = cres._replace(entry_point=orig_exe(cres.target_context, cres.library,
                                                         cres.fndesc, cres.environment))
                orig_add(self, new)
                if cres.entry_point is r:
                    r = new.entry_point
        return r

    for f in (_finalize_final_module, get_pointer_to_function, get_executable, add_overload,
              _compile_for_args, finalize):
        f._gostep = True
    CPUCodeLibrary.finalize = finalize
    CPUCodeLibrary._finalize_final_module = _finalize_final_module
    JITCodeLibrary.get_pointer_to_function = get_pointer_to_function
    CPUContext.get_executable = get_executable
    dispatcher.Dispatcher.add_overload = add_overload
    dispatcher.Dispatcher._compile_for_args = _compile_for_args


def _patch_flags_values():
    """numba's TargetConfig.values() (the compile Flags as a dict), the same values as the class's
    defaults updated with the options set (numba reads every option through its property):
    typing an @overload call hashes and compares the current Flags
    (templates._get_impl's cache key), about 130,000 times in a cold compile of the stepper,
    and that was a tenth of it under cProfile."""
    from numba.core.targetconfig import TargetConfig
    if getattr(TargetConfig.values, "_gostep", False):
        return

    defaults = {}

    def values(self):
        d = defaults.get(type(self))
        if d is None:
            d = defaults[type(self)] = {k: opt.default for k, opt in self.options.items()}
        d = dict(d)
        d.update(self._values)
        return d

    hashes = {}

    def __hash__(self):
        # numba's is hash(tuple(sorted(self.values()))): the sorted option *names* (a dict's
        # keys), the same for every instance of a class; computed once per class here
        h = hashes.get(type(self))
        if h is None:
            h = hashes[type(self)] = hash(tuple(sorted(self.values())))
        return h

    values._gostep = True
    TargetConfig.values = values
    TargetConfig.__hash__ = __hash__


def _jit(fn, below_entry):
    # without PATCHED (GOSTEP_JIT_FULLOPT=1, another numba): every kernel compiled and cached as
    # numba does by default
    lazy = below_entry and PATCHED
    if lazy:
        # a name no other numba user has, so the patches touch only the stepper's libraries
        fn.__qualname__ = "gostep_" + fn.__module__.rpartition(".")[2] + "_" + fn.__name__
        _BELOW_ENTRY.add(fn.__qualname__)
        _patch_module_passes()
        _patch_lazy_codegen()
        _patch_flags_values()
    # below the entry points: no CPython or cfunc wrapper (numba builds both for every function;
    # they were a fifth of the cold compile), a Python call goes to a twin that has them
    opts = dict(no_cpython_wrapper=True, no_cfunc_wrapper=True) if lazy else {}
    # (and not cached: their code is in the entry point's cache; a cached kernel would have to
    # carry every callee's IR, see finalize in _patch_lazy_codegen)
    d = _unliteral(nb.njit(cache=not lazy, _nrt=False, nogil=True, **opts)(fn))
    if lazy and not isinstance(d, type(fn)):
        box = []

        def twin():
            if not box:
                box.append(_unliteral(nb.njit(cache=False, _nrt=False, nogil=True)(fn)))
            return box[0]
        d._gostep_twin = twin
    return d


def _unliteral(d):
    orig = getattr(d, "get_call_template", None)
    if orig is None:          # NUMBA_DISABLE_JIT=1: a plain Python function
        return d

    def get_call_template(args, kws):
        return orig(tuple(types.unliteral(a) for a in args),
                    {k: types.unliteral(v) for k, v in kws.items()})

    d.get_call_template = get_call_template
    return d


def kernel(fn):
    """A stepper function called by other kernels (compiled only as far as the entry point needs,
    see above)."""
    return _jit(fn, True)


def inlined(fn):
    """A kernel inlined wherever it is called (always_inline in the entry point's module): the
    instruction families, each called once by interp.exec_op (see "Kernels with one caller"), and
    record.emit, called at every step from many places (see "Every kernel local to the entry
    point"). Keep such a kernel small or its callers few: each call site gets a copy."""
    d = _jit(fn, True)
    _INLINED.add(fn.__qualname__)
    return d


def entry(fn):
    """The kernel called from Python that runs the stepper: linked, optimised whole at -O3,
    compiled to machine code and cached."""
    return _jit(fn, False)
