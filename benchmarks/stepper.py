"""Speed of the stepper (issue 3). Prints a table; with --json one JSON object.

Workload: N goroutines, each K rounds of { 2 us of compute (WORK), an unbuffered send to main,
time.Sleep(100us) }, and main receiving N*K values under one context with a deadline. "events"
are the stepper's steps (runtime events: schedule passes, parks, readies, timer fires, sysmon
ticks, ...), counted also when not recording.

    python benchmarks/stepper.py [--json] [--quick]

--quick skips the 100,000-goroutine size and the cold start (which compiles the stepper afresh in
a temporary cache folder: about 20 s).

recording_runs lists, for each of the three recording runs (the first ones of the process),
(events/s, system time in ms). A recording writes its trace into fresh buffers (about 35 MB at
1,000 Gs). While they were numpy arrays (np.zeros, which asks for transparent huge pages), the
first touch of that memory on the 2-core VM cost now almost nothing, now 2-3 ms per MB: a
process's first two runs at 1,000 Gs spent 80-100 ms of a 90-116 ms run in the kernel in some
processes and not in others (0.8-4.8e6 events/s). The buffers are anonymous mmaps now
(core/defs.py, _zeros): 2.9-3.8e6 in every run, 12-28 ms of system time.

run_100000 is (events/s, system time in ms) of the 100,000-goroutine run: its State (stacks, G
and timer tables for 100,000 goroutines) is memory new to the process, and on the 2-core VM its
page faults were about half of the run (52-56 ms of about 106 ms; 227 ms of 312 in one process's
first such run, with other work beside it).

simpy_ratio is the median of seven SimPy runs over the median of seven of the stepper's,
interleaved (the same run varied by up to 2x from one moment to the next on the 2-core VM).

sweep_runs_per_s uses gostep.sweep's default threads (one per CPU: the compiled loop releases the
GIL); sweep_runs_per_s_1thread is the same on one thread.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests"))
sys.path.insert(0, HERE)


def workload(n: int, k: int):
    from asm import Fmt, I, assemble, fn
    main = [
        (I.PUSH, 0, 0, 0, 2), (I.MAKECHAN, 0, 0, 0, 2), (I.STOREG, 0, 0, 0, 2),
        (I.CTX_BACKGROUND, 0, 0, 0, 3), (I.NOW, 0, 0, 0, 3), (I.PUSH, 10_000_000_000, 0, 0, 3),
        (I.ADD, 0, 0, 0, 3), (I.CTX_WITHDEADLINE, 0, 0, 0, 3), (I.STORE, 2, 0, 0, 3), (I.STORE, 1, 0, 0, 3),
        (I.PUSH, 0, 0, 0, 4), (I.STORE, 0, 0, 0, 4),
        "spawn:", (I.LOAD, 0, 0, 0, 4), (I.PUSH, n, 0, 0, 4), (I.LT, 0, 0, 0, 4), (I.JZ, "recv", 0, 0, 4),
        (I.GO, "main.worker", 0, 0, 5), (I.LOAD, 0, 0, 0, 4), (I.PUSH, 1, 0, 0, 4), (I.ADD, 0, 0, 0, 4),
        (I.STORE, 0, 0, 0, 4), (I.JMP, "spawn", 0, 0, 4),
        "recv:", (I.PUSH, 0, 0, 0, 6), (I.STORE, 0, 0, 0, 6),
        "loop:", (I.LOAD, 0, 0, 0, 6), (I.PUSH, n * k, 0, 0, 6), (I.LT, 0, 0, 0, 6), (I.JZ, "end", 0, 0, 6),
        (I.LOADG, 0, 0, 0, 7), (I.RECV, 0, 0, 0, 7), (I.POP, 0, 0, 0, 7),
        (I.LOAD, 0, 0, 0, 6), (I.PUSH, 1, 0, 0, 6), (I.ADD, 0, 0, 0, 6), (I.STORE, 0, 0, 0, 6),
        (I.JMP, "loop", 0, 0, 6),
        "end:", (I.LOAD, 2, 0, 0, 8), (I.CALLV, 0, 0, 0, 8), (I.EXIT, 0, 0, 0, 9)]
    worker = [
        (I.PUSH, 0, 0, 0, 11), (I.STORE, 0, 0, 0, 11),
        "top:", (I.LOAD, 0, 0, 0, 11), (I.PUSH, k, 0, 0, 11), (I.LT, 0, 0, 0, 11), (I.JZ, "out", 0, 0, 11),
        (I.WORK, 2000, 0, 0, 12), (I.LOADG, 0, 0, 0, 13), (I.PUSH, 1, 0, 0, 13), (I.SEND, 0, 0, 0, 13),
        (I.PUSH, 100_000, 0, 0, 14), (I.SLEEP, 0, 0, 0, 14),
        (I.LOAD, 0, 0, 0, 11), (I.PUSH, 1, 0, 0, 11), (I.ADD, 0, 0, 0, 11), (I.STORE, 0, 0, 0, 11),
        (I.JMP, "top", 0, 0, 11), "out:", (I.RETURN, 0, 0, 0, 15)]
    from gostep.model.verify import with_stack_depths
    # each function's operand-stack depth filled in once, as the compiler stores it in a program
    # from source; without it simulate verifies a hand-assembled program again at every run
    # (0.5 ms, an eighth of a run at 1,000 goroutines)
    return with_stack_depths(assemble([fn("main.main", nlocals=3, code=main),
                                       fn("main.worker", nlocals=1, flags=I.FN_STACKCHECK, code=worker)],
                                      n_globals=1, fmts=[Fmt(1, "", (I.T_INT,))]))


def caps(n, k=1):
    # time.Sleep reuses its G's timer (runtime.timeSleep: gp.timer), so one timer per worker
    return {"max_g": n + 16, "stack": 32, "max_frames": 4, "max_sudog": n + 64,
            "max_timers": n + 64, "max_steps": 100_000_000}


def events_per_s(n, k, record=False, repeat=1, log=None):
    """(events/s, events, seconds) of one whole gostep.simulate of workload(n, k), set-up and
    Trace included; with repeat > 1 the median run. With a list `log`, each run appends
    (events/s, system time in ms): the system time is the page faults of the run's fresh buffers,
    which some virtual machines make slow and uneven (see recording_runs in the module's text)."""
    import resource
    import gostep.api as api
    prog = workload(n, k)
    runs = []
    for _ in range(repeat):
        r0 = resource.getrusage(resource.RUSAGE_SELF).ru_stime
        t0 = time.perf_counter()
        tr = api.simulate(prog, record=record, timeout="100s", capacities=caps(n, k))
        dt = time.perf_counter() - t0
        sys_s = resource.getrusage(resource.RUSAGE_SELF).ru_stime - r0
        assert tr.outcome.exit == "ok", tr.outcome
        runs.append((tr.stats["steps"] / dt, tr.stats["steps"], dt))
        if log is not None:
            log.append((round(runs[-1][0]), round(sys_s * 1e3)))
    return sorted(runs)[len(runs) // 2]


COLD = """
import sys, time
t0 = time.perf_counter()
sys.argv = ['x']
sys.path.insert(0, {here!r})
from stepper import events_per_s
events_per_s(2, 1)
print(time.perf_counter() - t0)
"""


def cold_start():
    """From a fresh process to the first simulated step with an empty numba cache (a reader's
    first run): a temporary NUMBA_CACHE_DIR, removed afterwards."""
    import shutil
    import tempfile
    d = tempfile.mkdtemp(prefix="gostep-cold-")
    try:
        env = dict(os.environ, NUMBA_CACHE_DIR=d)
        t0 = time.perf_counter()
        res = subprocess.run([sys.executable, "-c", COLD.format(here=HERE)], env=env,
                             capture_output=True, text=True, timeout=1200)
        wall = time.perf_counter() - t0
        return round(wall, 1) if res.returncode == 0 else None
    finally:
        shutil.rmtree(d, ignore_errors=True)


NOJIT = """
import sys, time
sys.argv = ['x']
sys.path.insert(0, {here!r})
from stepper import events_per_s
r, n, dt = events_per_s(10, 20)
print(r)
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    t0 = time.perf_counter()
    import gostep.api as api  # noqa: F401
    events_per_s(2, 1)                        # JIT warm (cache) + first run
    warm = time.perf_counter() - t0
    out = {"events_per_s": {}, "events_per_s_recording": {}}
    # rounds per worker: enough events (0.4-1 million) that a run's fixed set-up (0.5 ms) and
    # first page faults do not dominate; the median of three runs
    sizes = {"10": (10, 2000), "1000": (1000, 50), "100000": (100_000, 1)}
    if args.quick:
        sizes.pop("100000")
    for key, (n, k) in sizes.items():
        log = [] if n > 1000 else None
        out["events_per_s"][key] = round(events_per_s(n, k, repeat=1 if n > 1000 else 3, log=log)[0])
        if log:
            out["run_100000"] = log[0]      # (events/s, system time in ms): its State is fresh memory
    out["recording_runs"] = {}
    for key, (n, k) in (("10", (10, 200)), ("1000", (1000, 5))):   # traces that fit the first buffers
        log = out["recording_runs"][key] = []
        out["events_per_s_recording"][key] = round(events_per_s(n, k, record=True, repeat=3,
                                                                log=log)[0])
    jit_small = events_per_s(10, 20)[0]
    env = dict(os.environ, NUMBA_DISABLE_JIT="1")
    res = subprocess.run([sys.executable, "-c", NOJIT.format(here=HERE)], env=env, capture_output=True,
                         text=True, timeout=600)
    out["nojit_ratio"] = round(jit_small / float(res.stdout.strip().splitlines()[-1]), 1) if res.returncode == 0 else None
    import simpy_model
    n, k = 1000, 5
    # seven interleaved pairs, the ratio of the medians: on the 2-core VM the same run varied by
    # up to 2x from one moment to the next, so the two sides are timed side by side
    simpy_runs, our_runs = [], []
    for _ in range(7):
        t1 = time.perf_counter()
        simpy_model.run(n, k)
        simpy_runs.append(time.perf_counter() - t1)
        our_runs.append(events_per_s(n, k)[2])
    out["simpy_ratio"] = round(sorted(simpy_runs)[3] / sorted(our_runs)[3], 2)
    prog = workload(4, 10)      # the short scenario: 4 goroutines, about 800 events
    api_mod = __import__("gostep.api", fromlist=["sweep"])
    api_mod.sweep(prog, seeds=range(10), timeout="100s", capacities=caps(4, 10))
    t2 = time.perf_counter()
    res = api_mod.sweep(prog, seeds=range(4000), timeout="100s", capacities=caps(4, 10))
    out["sweep_runs_per_s"] = round(4000 / (time.perf_counter() - t2))
    t2 = time.perf_counter()
    api_mod.sweep(prog, seeds=range(4000), timeout="100s", capacities=caps(4, 10), threads=1)
    out["sweep_runs_per_s_1thread"] = round(4000 / (time.perf_counter() - t2))
    out["sweep_events_per_run"] = int(res["steps"].mean())
    out["warm_start_s"] = round(warm, 2)
    out["cold_start_s"] = None if args.quick else cold_start()
    if args.json:
        print(json.dumps(out))
    else:
        for k_, v in out.items():
            print(f"{k_:28s} {v}")


if __name__ == "__main__":
    main()
