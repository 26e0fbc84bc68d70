"""The Python face of the stepper: Settings, simulate, sweep, find_schedule, show.

`simulate(program, **settings)` validates the settings, builds the State (core/defs.py), runs the
compiled kernel (core/vm.py `run`) and wraps the result in a Trace. Runs are deterministic: the
same program, settings, seed and choices give the same trace, with or without NUMBA_DISABLE_JIT.
When the recording buffers turn out too small the run is simply repeated with larger ones.

Explicit choices: every random decision of the runtime (which ready case a select takes, where
stealWork starts) is a numbered decision. `simulate(..., choices=[...])` takes them from the list
(-1 = use the seed), `stop_at_choice=True` stops at the first decision past the list and reports
its options in `trace.pending_choice` (a "you are the scheduler" widget appends the user's pick
and simulates again). `trace.choices` lists every decision taken, so any trace can be replayed.
With `os_choices=True` one decision that is the OS's, not the runtime's, is numbered too: at a
sysmon wake-up where retake would preempt a G, whether the thread ran on time or late (CH_SYSMON).
Without it (the default) that decision is never asked and the RNG is not drawn for it.

This module only wires the steps together (front end -> State -> kernel -> Trace; the final state
is read into an Outcome by trace/outcome.py) and hands the re-run to the widgets (`show`,
`simulate_to_choice`).
"""
from __future__ import annotations

import glob
import os
import re
import sys
import time
from dataclasses import asdict, dataclass, field

import numpy as np

from gostep.core import defs as D
from gostep.durations import parse_duration
from gostep.trace.outcome import make_outcome, render_output

on_compile = None   # a hook (callable(str)) the notebooks may set; default prints to stderr
_warned = False


# A noisy Linux machine for many-run histograms (docs/calibration.md "Implemented"): Linux's 50 µs
# timer slack on sysmon's usleep and netpoll's epoll_wait, every OS wake-up late by Exp(15 µs), and
# 1 % of them also by Exp(3 ms). Pass it as capacities=MEASURED_NOISE. The default is no noise.
MEASURED_NOISE = {"sleep_slack_ns": 50_000, "os_noise_ns": 15_000, "os_slow_ns": 3_000_000,
                  "os_slow_ppm": 10_000}


@dataclass
class Settings:
    """How to run a program: the same knobs as `python -m gostep simulate`."""
    gomaxprocs: int = 1
    godebug: str = ""
    go: str = "1.27"
    seed: int = 0
    timeout: str = "10s"        # a Go duration ("10s", "20ms"); a bare number is refused (durations.py)
    max_steps: int = 2_000_000
    capacities: dict = field(default_factory=dict)   # Cfg fields: max_g=..., stack=..., wake_lat_ns=...
    os_choices: bool = False    # also make the OS's timing a decision: sysmon on time or late (CH_SYSMON)

    def godebug_map(self) -> dict:
        out = {}
        for kv in filter(None, (x.strip() for x in (self.godebug or "").split(","))):
            k, _, v = kv.partition("=")
            out[k.strip()] = v.strip()
        return out

    def go_minor(self) -> int:
        m = re.fullmatch(r"(?:go)?1\.(\d+)(?:\.\d+)?", str(self.go).strip())
        if not m:
            raise ValueError(f"unsupported Go version {self.go!r} (expected 1.N)")
        return int(m.group(1))

    def cfg(self, record: bool = True, stop_at_choice: bool = False, measure_line: int = 0) -> D.Cfg:
        if not 1 <= int(self.gomaxprocs) <= 8:
            raise ValueError("gomaxprocs must be 1..8")
        dbg = self.godebug_map()
        minor = self.go_minor()
        if minor < 14:
            raise ValueError(
                f"go={self.go!r}: the model runs Go 1.14 and later. Go 1.13 and earlier ran timers in "
                "timerproc goroutines and preempted only at calls, a mechanism the model does not have; "
                "for preemption at calls only, use godebug='asyncpreemptoff=1'")
        asyncp = 1 if dbg.get("asyncpreemptoff", "0") != "1" else 0
        atc = 1 if dbg.get("asynctimerchan", "0") == "1" else 0
        if atc and not 23 <= minor:
            atc = 0   # before 1.23 the channels are asynchronous anyway
        timeout_ns = parse_duration(self.timeout, "timeout")
        if timeout_ns < 0:
            raise ValueError(f"timeout={self.timeout}: a negative virtual time limit")
        kw = dict(gomaxprocs=int(self.gomaxprocs), asyncpreempt=asyncp, go_minor=minor,
                  asynctimerchan=atc, seed=int(self.seed), timeout_ns=timeout_ns,
                  max_steps=int(self.max_steps), record=1 if record else 0,
                  stop_at_choice=1 if stop_at_choice else 0, measure_line=int(measure_line),
                  os_choices=1 if self.os_choices else 0)
        for k, v in (self.capacities or {}).items():
            if k not in D.Cfg._fields:
                raise ValueError(f"unknown capacity / tunable {k!r}; known: {', '.join(D.Cfg._fields)}")
            kw[k] = int(v)
        return D.Cfg(**kw)

    def as_dict(self) -> dict:
        return asdict(self)


def _settings(settings: Settings | None, kw: dict) -> Settings:
    s = Settings(**asdict(settings)) if settings is not None else Settings()
    for k, v in kw.items():
        if not hasattr(s, k):
            raise TypeError(f"unknown setting {k!r}")
        setattr(s, k, v)
    return s


def _go_setting(program, settings, kw) -> dict:
    """A program compiled for a version runs as that version unless go= is given explicitly."""
    if "go" in kw or settings is not None or not hasattr(program, "go_version"):
        return kw
    return {**kw, "go": "%d.%d" % tuple(program.go_version[:2])}


def _program(program, go: str = "1.27"):
    """The CompiledProgram to run under Go version `go`. The API and the language rules follow
    the version (context.AfterFunc needs 1.21, WaitGroup.Go 1.25, per-iteration loop variables
    1.22), so a program compiled for another version is compiled again from its source; an API the
    version lacks is then the GoSourceError real Go's compiler gives."""
    from gostep.front import load, parse, parse_version
    from gostep.model.verify import with_stack_depths
    if isinstance(program, (str, os.PathLike)):
        return load(str(program), go=go)
    if getattr(program, "from_source", False) and tuple(program.go_version) != tuple(parse_version(go)):
        return parse(program.source, program.filename, go=go)
    return with_stack_depths(program)     # a hand-assembled program: the verifier's depths


class CapacityError(ValueError):
    """A program that cannot run within a capacity, known before the run (check_frames)."""


def check_frames(prog, cfg, fixed=()) -> None:
    """Refuse, before running, a program with a function whose own frame (its locals and the
    most operand slots it uses, model/verify.py) exceeds the value stack a G can ever have: the
    `stack` capacity when the caller fixed it, else what the automatic growth reaches. Such a
    function would end any run that calls it on the capacity (stack.push_frame); the message says
    which function and which limit. Deeper stacks of smaller frames are found when the run
    reaches them (END_CAPACITY naming `stack`)."""
    most = cfg.stack if "stack" in fixed else cfg.stack * GROW_LIMIT
    need = np.asarray(prog.fn_nlocals, dtype=np.int64) + np.asarray(prog.fn_maxstack, dtype=np.int64)
    f = int(np.argmax(need)) if len(need) else 0
    if len(need) and need[f] > most:
        limit = f"stack={most}; raise it with capacities={{'stack': ...}}" if "stack" in fixed else \
            f"stack={most} (the stack grows to at most {GROW_LIMIT} times its starting size)"
        raise CapacityError(
            f"gostep capacity: {prog.fn_names[f]} needs {int(need[f])} value-stack slots for one "
            f"frame ({int(prog.fn_nlocals[f])} locals and up to {int(prog.fn_maxstack[f])} operands), "
            f"more than {limit}")


def stepper_compiled() -> bool:
    """Whether numba's cache holds the compiled stepper for this source (its one entry point,
    vm.sweep_kernel, in the folder keyed by the stepper's source: core/jit.py)."""
    from numba.core import config
    import gostep.core.jit  # noqa: F401  (sets config.CACHE_DIR to the folder keyed by the source)
    return bool(glob.glob(os.path.join(config.CACHE_DIR, "**", "vm.sweep_kernel-*.nbi"), recursive=True))


def _compile_notice():
    """Say "compiling the stepper, once" when numba has no cached kernel yet."""
    global _warned
    if _warned or os.environ.get("NUMBA_DISABLE_JIT") == "1":
        return
    _warned = True
    if not stepper_compiled():
        from gostep.warming import background_warm
        if background_warm() is not None:
            # make lab's background warm-up is compiling the same kernels: wait for it (up to three
            # minutes) rather than compile them a second time beside it
            msg = "gostep: waiting for the stepper's compile that make lab started in the background..."
            _say(msg)
            deadline = time.monotonic() + 180
            while background_warm() is not None and time.monotonic() < deadline:
                time.sleep(0.5)
            if stepper_compiled():
                return
        _say("gostep: compiling the stepper, once (20 s to a minute on 2 cores; later runs start at once)...")


def _say(msg: str):
    if on_compile is not None:
        on_compile(msg)
    else:
        print(msg, file=sys.stderr, flush=True)


def _kernels():
    _compile_notice()
    from gostep.core import vm
    return vm


# Capacities grow by themselves
# ----------------------------
# The State is fixed-size arrays (STYLE.md: the kernels allocate nothing), sized by Cfg's max_g,
# max_timers, max_ctx, ... A program that needs more (10,000 goroutines, a loop creating 5,000
# contexts) ends with END_CAPACITY naming the capacity. Unless the caller fixed that capacity
# (capacities={...}), the run is repeated with it doubled, up to GROW_LIMIT times its starting
# value: runs are deterministic, so the repeated run is the same run with more room, and the large
# tables are anonymous mmaps (new_state) whose untouched pages cost nothing.
GROW_LIMIT = 256


def _grow(cfg, st, fixed, start):
    """The Cfg with the exhausted capacity doubled, or None when it may not grow."""
    if int(st.sc[D.S_END]) != D.END_CAPACITY:
        return None
    name = D.CAP_NAMES[int(st.sc[D.S_END_A])]
    if not name or name in fixed or name not in D.Cfg._fields:
        return None
    cur = int(getattr(cfg, name))
    if cur * 2 > GROW_LIMIT * int(getattr(start, name)):
        return None
    return cfg._replace(**{name: cur * 2})


def _run(prog, cfg, choices=None, costs=None, fixed=()):
    check_frames(prog, cfg, fixed)
    vm = _kernels()
    pa = D.prog_arrays(prog)
    cost = D.default_costs() if costs is None else np.asarray(costs, dtype=np.int64)
    start, last = cfg, None
    while True:
        try:
            st = D.new_state(cfg, int(prog.n_globals), choices)
        except (MemoryError, OSError, ValueError, OverflowError):
            if last is None:
                raise
            return last          # no room to grow: the run that ended on the capacity
        vm.run(st, D.cfg_array(cfg), pa, cost, cfg.seed)
        grown = _grow(cfg, st, fixed, start)
        if grown is not None:
            last = (st, cfg)
            cfg = grown
            continue
        if cfg.record and st.sc[D.S_SNAPOVF]:
            # the run went on without recording and counted every step: size the buffers from
            # the room the recorded part took, so that one more run is enough
            steps, done = int(st.sc[D.S_NSTEPS]), max(1, int(st.sc[D.S_NEVT]))
            need = int(st.sc[D.S_SNAPLEN]) * steps // done
            cfg = cfg._replace(snap_cap=max(cfg.snap_cap * 2, need + need // 4 + 4096),
                               ev_cap=max(cfg.ev_cap * 2, steps + 16))
            continue
        return st, cfg


def simulate(program, settings: Settings | None = None, *, choices=None, stop_at_choice=False,
             record=True, costs=None, **kw):
    """Run `program` (a CompiledProgram or a path to a .go file) on the model; return a Trace.

    Settings are keyword arguments (gomaxprocs=1, godebug="", go="1.27", seed=0, timeout="10s",
    max_steps, capacities={...}) or a Settings object."""
    from gostep.trace.trace import Trace
    s = _settings(settings, _go_setting(program, settings, kw))
    prog = _program(program, s.go)
    cfg = s.cfg(record=record, stop_at_choice=stop_at_choice)
    st, cfg = _run(prog, cfg, choices, costs, fixed=set(s.capacities or {}))
    recs, V = render_output(prog, st)
    kind, outcome = make_outcome(prog, st, cfg, recs, V)
    nch = min(int(st.sc[D.S_NCHOICE]), st.choice_log.shape[0])
    log = [tuple(int(x) for x in st.choice_log.reshape(-1, 3)[i]) for i in range(nch)]
    pending = None
    if int(st.sc[D.S_END]) == D.END_CHOICE:
        pending = (int(st.sc[D.S_CHOICE_KIND]), int(st.sc[D.S_CHOICE_N]))
    tr = Trace(prog, s.as_dict(), st, cfg, kind, outcome, recs, log, pending,
               int(st.sc[D.S_MEASURE_T]))
    tr._vals = V
    tr.stats["goroutines_created"] = int(st.sc[D.S_NGCREATED])
    if cfg.check_delta:
        tr.stats["delta_misses"] = int(st.sc[D.S_DELTA_ERR])   # clean Gs whose record changed
    return tr


def sweep(program, seeds=range(100), settings: Settings | None = None, *, line: int = 0,
          costs=None, threads: int | None = None, **kw) -> dict:
    """Run the program once per seed without recording, inside one compiled loop. Returns numpy
    arrays: "exit" (outcome names), "end_ns", "line_ns" (first virtual time a G reached `line`,
    -1 if never), "steps", "goroutines".

    The seeds are split over `threads` threads (default: one per CPU, at most 8), each with its
    own State; the compiled loop releases the GIL. Every run depends only on its seed, so the
    result is the same for any number of threads. A capacity the caller did not fix grows as in
    `simulate`: when a run ends on one, that seed is run alone to size it and the sweep again."""
    vm = _kernels()
    s = _settings(settings, _go_setting(program, settings, kw))
    prog = _program(program, s.go)
    cfg = s.cfg(record=False, measure_line=line)
    check_frames(prog, cfg, set(s.capacities or {}))
    pa = D.prog_arrays(prog)
    cost = D.default_costs() if costs is None else np.asarray(costs, dtype=np.int64)
    seeds = np.asarray(list(seeds), dtype=np.int64)
    n = len(seeds)
    out_end = np.zeros(n, np.int64)
    out_t = np.zeros(n, np.int64)
    out_m = np.zeros(n, np.int64)
    out_steps = np.zeros(n, np.int64)
    out_live = np.zeros(n, np.int64)
    nt = threads if threads is not None else min(8, os.cpu_count() or 1)
    nt = max(1, min(int(nt), n // 16 or 1))    # a thread (and a State) per 16 runs at least

    def part(k):
        a, b = k * n // nt, (k + 1) * n // nt
        st = D.new_state(cfg, int(prog.n_globals))
        vm.sweep_kernel(st, ca, pa, cost, seeds[a:b], out_end[a:b], out_t[a:b], out_m[a:b],
                        out_steps[a:b], out_live[a:b])

    while True:
        ca = D.cfg_array(cfg)
        if nt == 1:
            part(0)
        else:
            from concurrent.futures import ThreadPoolExecutor
            with ThreadPoolExecutor(nt) as ex:
                list(ex.map(part, range(nt)))
        hit = np.flatnonzero(out_end == D.END_CAPACITY)
        if not len(hit):
            break
        grown = _run(prog, cfg._replace(seed=int(seeds[hit[0]])), None, cost,
                     fixed=set(s.capacities or {}))[1]._replace(seed=cfg.seed)
        if grown == cfg:
            break
        cfg = grown
    names = np.array(D.END_NAMES, dtype=object)
    return {"seed": seeds, "exit": names[out_end], "end_ns": out_t, "line_ns": out_m,
            "steps": out_steps, "goroutines": out_live}


def find_schedule(program, predicate, *, seeds=range(200), settings: Settings | None = None, **kw):
    """Sample schedules (one per seed) until `predicate(trace)` holds; return that trace (its
    `trace.choices` replays it: simulate(..., choices=[c[2] for c in trace.choices])), or None.

    `predicate` may also be an outcome name ("deadlock", "panic", "ok", "hang")."""
    if isinstance(predicate, str):
        want = predicate
        predicate = lambda tr: tr.outcome.exit == want or tr.end_kind == want
    prog = _program(program, _settings(settings, kw).go)
    for sd in seeds:
        tr = simulate(prog, settings, seed=int(sd), **kw)
        if predicate(tr):
            tr.replay_choices = [c[2] for c in tr.choices]
            return tr
    return None


def simulate_to_choice(program, choices, **settings):
    """The scheduler game's re-run (widgets/game.py `run`): simulate `program` taking the given
    decisions and stop before the first decision past them (its options: trace.pending_choice)."""
    return simulate(program, choices=list(choices) or None, stop_at_choice=True, **settings)


def show(obj, simulate=None, start=0, lang="en", **settings):
    """gostep.show: the player (widgets/player.py `show`) with this module's `simulate` as its
    what-if re-run; the widgets get the re-run passed in and never import the stepper."""
    from gostep.widgets.player import show as player
    return player(obj, simulate=simulate or _simulate, start=start, lang=lang, **settings)


_simulate = simulate    # `show`'s default re-run (its argument of the same name shadows it)
