"""Calibration of the stepper's time constants against real Go on this machine (issue 3).

    python benchmarks/calibrate.py [--quick] [--json] [--no-model] [--no-strace]

# What it measures, and why this way

Every time constant of the model (lib/gostep/core/defs.py: the Cfg fields ending in _ns and
default_costs()) stands for something the real runtime or the OS does. This script measures those
things with the pinned toolchain (.venv/bin/go, Go 1.27.3) and prints each beside the model:

    1a  lateness of one timer (time.Sleep, context.WithTimeout) of 20 us, 100 us, 1 ms, 5 ms in an
        idle program, GOMAXPROCS=1 and 2; and of the raw nanosleep(2) sysmon's usleep makes
    1b  sysmon's real sleeps, under strace -f -T (requested 20 us and 10 ms)
    1c  the one-P spinner + 5 ms WithTimeout (go-facts exp 01): one process with many rounds
        (sysmon in its steady 10 ms tick), and many fresh processes with one round each (sysmon
        just started, as the model starts at t=0)
    1d  goroutine wake-up: send on an unbuffered channel -> receiver running, receiver's P idle
    1e  per-operation costs (testing.Benchmark loops, GOMAXPROCS=1)

The Go side is one program, benchmarks/calibrate/main.go, built once into .cache/calibrate/. Each
run of it is started in its own session and killed as a group (os.killpg) on timeout, as
lib/gostep/real/runner.py does; runs are sequential (the machine has 2 cores and is shared).

"model" values: the same scenarios written in the Go subset and run on the stepper
(gostep.simulate, default costs and Cfg), so the numbers move when the constants move; where a
scenario is not a program (sysmon's sleep, one opcode's cost) the model value is the constant
itself. --no-model skips the stepper (a formula from the constants is printed instead).

Alternatives rejected: `go test -bench` (a _test.go package per experiment, and its output format
would need parsing anyway); `go run` (the timeout would kill `go`, not the program); measuring
inside Python (a Python clock around a Go process measures process start-up, not the runtime).

Not run by `make test`: it takes minutes and its numbers depend on the machine's load.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "lib"))

GO_DIR = os.path.join(HERE, "calibrate")
CACHE = os.path.join(ROOT, ".cache", "calibrate")
BIN = os.path.join(CACHE, "calibrate")
GO = os.path.join(ROOT, ".venv", "bin", "go")

US, MS = 1_000, 1_000_000


# ---- running the real program ----------------------------------------------------------------

def go_env(gomaxprocs=None):
    env = dict(os.environ)
    env.update(GOTOOLCHAIN="local", GOPROXY="off", GOFLAGS="-mod=mod", CGO_ENABLED="0",
               GOCACHE=os.path.join(ROOT, ".cache", "go-build"))
    env.pop("GODEBUG", None)
    if gomaxprocs:
        env["GOMAXPROCS"] = str(gomaxprocs)
    return env


def run(argv, timeout, env=None):
    """Run argv in its own session; SIGKILL its whole process group on timeout or error."""
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env=env or go_env(), start_new_session=True, cwd=CACHE)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        out, err = "", f"timeout after {timeout}s"
    finally:
        if p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait()
    if p.returncode not in (0, None) and not err:
        err = f"exit {p.returncode}"
    return out, err, p.returncode


def _build():
    """go build the calibration program into .cache/calibrate/ (a timeout kills the group)."""
    os.makedirs(CACHE, exist_ok=True)
    p = subprocess.Popen([GO, "build", "-trimpath", "-o", BIN, "."], cwd=GO_DIR, env=go_env(),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         start_new_session=True)
    try:
        out, err = p.communicate(timeout=300)
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
    if p.returncode != 0:
        raise SystemExit(f"go build failed: {err}")
    return out, err, p.returncode


def samples(args, gomaxprocs, timeout, key="sample"):
    out, err, rc = run([BIN] + args, timeout, env=go_env(gomaxprocs))
    vals = [int(line.split()[1]) for line in out.splitlines() if line.startswith(key + " ")]
    if not vals:
        raise RuntimeError(f"{' '.join(args)}: no samples ({err.strip()[:200]})")
    return vals


def pct(vals):
    """p10/p50/p90/max in ns (nearest-rank percentiles of the sorted samples)."""
    v = sorted(vals)
    n = len(v)

    def q(p):
        return v[min(n - 1, max(0, int(round(p * (n - 1)))))]
    return {"n": n, "min": v[0], "p10": q(0.10), "p50": q(0.50), "p90": q(0.90), "max": v[-1]}


# ---- the model -------------------------------------------------------------------------------

MODEL_TIMER = """package main

import (%s
	"fmt"
	"time"
)

func main() {
	for i := 0; i < 4; i++ {
		start := time.Now()
		%s
		fmt.Println(time.Since(start) - %s)
	}
}
"""
SLEEP = "time.Sleep(%s)"
CTX = ("ctx, cancel := context.WithTimeout(context.Background(), %s)\n\t\t<-ctx.Done()\n"
       "\t\tcancel()")

MODEL_SPIN = """package main

import (
	"context"
	"fmt"
	"time"
)

var stop bool
var x int

func spinner(started chan int, done chan int) {
	close(started)
	for !stop {
		x++
	}
	close(done)
}

func main() {
	for i := 0; i < 6; i++ {
		stop = false
		started := make(chan int)
		done := make(chan int)
		go spinner(started, done)
		<-started
		start := time.Now()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
		<-ctx.Done()
		fmt.Println(time.Since(start))
		stop = true
		<-done
		cancel()
		time.Sleep(2 * time.Millisecond)
	}
}
"""

MODEL_HANDOFF = """package main

import (
	"fmt"
	"time"
)

func main() {
	ch := make(chan int)
	lat := make(chan time.Duration, 1)
	sent := time.Now()
	go func() {
		for {
			<-ch
			lat <- time.Since(sent)
		}
	}()
	for i := 0; i < 4; i++ {
		time.Sleep(2 * time.Millisecond)
		sent = time.Now()
		ch <- 1
		%s
		fmt.Println(<-lat)
	}
}
"""
BUSY = "for time.Since(sent) < 2*time.Millisecond {\n\t\t}"


def go_dur(ns):
    return f"{ns // US}*time.Microsecond" if ns % MS else f"{ns // MS}*time.Millisecond"


_MODEL_BROKEN = []   # the first failure's message: later runs are skipped (each retry recompiles)


def model_run(src, gomaxprocs, seed=0, capacities=None):
    """Run one subset program on the stepper; the durations it printed, in ns (None if it fails)."""
    if _MODEL_BROKEN:
        return None
    try:
        import gostep
        from gostep.corpus import parse_duration
        os.makedirs(CACHE, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", suffix=".go", dir=CACHE, delete=False) as f:
            f.write(src)
            path = f.name
        try:
            tr = gostep.simulate(path, gomaxprocs=gomaxprocs, timeout="5s", record=False, seed=seed,
                                 capacities=capacities or {})
        finally:
            os.unlink(path)
        lines = [ln.strip() for ln in tr.outcome.stdout]
        vals = []
        for x in lines:
            try:
                vals.append(parse_duration(x))
            except ValueError:
                pass
        return vals
    except Exception as e:  # noqa: BLE001 -- reported in the table, never fatal
        msg = " ".join(str(e).split())[:200]
        _MODEL_BROKEN.append(msg)
        print(f"  (model run failed, no more stepper runs: {type(e).__name__}: {msg})",
              file=sys.stderr)
        return None


def model_constants():
    from gostep.core import defs
    from gostep.model import isa
    cfg = defs.Cfg()
    costs = defs.default_costs()
    names = {v: k for k, v in vars(isa).items()
             if k.isupper() and isinstance(v, int) and 0 <= v < isa.NUM_OPS
             and not k.startswith(("T_", "FN_", "NUM_"))}
    cost = {names.get(i, str(i)): int(c) for i, c in enumerate(costs) if c != 1}
    return {f: getattr(cfg, f) for f in cfg._fields if f.endswith("_ns")}, cost


def netpoll_formula(cfg, d):
    """Lateness of a lone timer of d in the model by formula (sched.netpoll_wake_time: epoll's
    whole milliseconds, at least 1, repeated until past d, then wake_lat_ns; plus one scheduling
    pass, one timer run and one switch)."""
    t = 0
    while t < d:
        delay = d - t
        t += max(1, delay // MS) * MS
    return t - d + cfg["wake_lat_ns"] + cfg["sched_ns"] + cfg["timer_ns"] + cfg["switch_ns"]


# ---- the experiments -------------------------------------------------------------------------

def exp_timers(res, quick, use_model, cfg):
    n = 40 if quick else 300
    out = []
    for d in (20 * US, 100 * US, 1 * MS, 5 * MS):
        for kind in ("sleep", "ctx"):
            for p in (1, 2):
                if quick and p == 2 and d in (100 * US, 1 * MS):
                    continue
                nn = n if d < 5 * MS else max(20, n // 3)
                v = samples(["-exp", "timer", "-kind", kind, "-d", f"{d}ns", "-n", str(nn)], p,
                            timeout=30)
                row = {"exp": "1a", "what": f"{kind} {d // US}us lateness P={p}", **pct(v),
                       "_samples": v}
                if use_model:
                    body = (SLEEP if kind == "sleep" else CTX) % go_dur(d)
                    imp = "" if kind == "sleep" else '\n\t"context"'
                    m = model_run(MODEL_TIMER % (imp, body, go_dur(d)), p)
                    row["model"] = m[-1] if m else netpoll_formula(cfg, d)
                    row["model_note"] = "stepper, last of 4 rounds" if m else "formula"
                else:
                    row["model"] = netpoll_formula(cfg, d)
                    row["model_note"] = "formula"
                out.append(row)
                print_row(row)
    for d, busy in ((20 * US, False), (10 * MS, False), (20 * US, True), (10 * MS, True)):
        nn = (20 if quick else 300) if d == 10 * MS else (100 if quick else 400)
        v = samples(["-exp", "timer", "-kind", "nanosleep", "-d", f"{d}ns", "-n", str(nn)]
                    + (["-busy"] if busy else []), 2 if busy else 1, timeout=60)
        row = {"exp": "1a", "what": f"nanosleep(2) {d // US}us lateness"
               + (", a Go spinner busy" if busy else ""), **pct(v),
               "model": 0, "model_note": "sysmon's usleep is exact in the model"}
        row["busy"], row["d"] = busy, d
        out.append(row)
        print_row(row)
        res.setdefault("nanosleep_samples", {})[f"{d}{'_busy' if busy else ''}"] = v
    res["timers"] = out


STRACE_LINE = re.compile(r"^(\d+)\s+(\d+):(\d+):(\d+\.\d+)\s+(.*)$")
REQ = re.compile(r"nanosleep\((?:CLOCK_\w+, \d+, )?\{tv_sec=(\d+), tv_nsec=(\d+)\}")
DUR = re.compile(r"<(\d+\.\d+)>\s*$")


def parse_strace(text):
    """(pid, start_s, requested_ns, took_ns) for each nanosleep in an strace -f -tt -T log, with
    its <unfinished ...> / <... resumed> halves joined."""
    pending, calls = {}, []
    for line in text.splitlines():
        m = STRACE_LINE.match(line)
        if not m:
            continue
        pid, rest = int(m.group(1)), m.group(5)
        ts = int(m.group(2)) * 3600 + int(m.group(3)) * 60 + float(m.group(4))
        r = REQ.search(rest)
        if r:
            req = int(r.group(1)) * 1_000_000_000 + int(r.group(2))
            if "unfinished" in rest:
                pending[pid] = (ts, req)
                continue
            d = DUR.search(rest)
            if d:
                calls.append((pid, ts, req, int(round(float(d.group(1)) * 1e9))))
        elif "resumed>" in rest and pid in pending:
            d = DUR.search(rest)
            ts0, req = pending.pop(pid)
            if d:
                calls.append((pid, ts0, req, int(round(float(d.group(1)) * 1e9))))
    return calls


def exp_sysmon(res, quick, use_strace):
    strace = shutil.which("strace")
    if not use_strace or not strace:
        res["sysmon"] = {"skipped": "strace not wanted" if strace else "strace not installed"}
        print(f"1b  skipped: {res['sysmon']['skipped']}")
        return
    log = os.path.join(CACHE, "sysmon.strace")
    dur = "150ms" if quick else "400ms"
    for p in (1, 2):
        out, err, rc = run([strace, "-f", "-tt", "-T", "-e", "trace=nanosleep,clock_nanosleep",
                            "-o", log, BIN, "-exp", "sysmon", "-dur", dur], 30, env=go_env(p))
        if rc != 0:
            res["sysmon"] = {"skipped": f"strace failed: {err.strip()[:200]}"}
            print(f"1b  skipped: {res['sysmon']['skipped']}")
            return
        with open(log) as f:
            calls = parse_strace(f.read())
        # sysmon is the thread whose sleeps are 20 us, doubling (the 3 us runqgrab sleep is not)
        by_pid = {}
        for c in calls:
            by_pid.setdefault(c[0], []).append(c)
        sm = max(by_pid.values(), key=lambda cs: sum(1 for c in cs if c[2] == 20 * US), default=[])
        seq = [c[2] // US for c in sm]
        rle = []
        for x in seq:
            if rle and rle[-1][0] == x:
                rle[-1][1] += 1
            else:
                rle.append([x, 1])
        out_rows = {"P": p, "requested_us_rle": rle}
        for req in (20 * US, 10 * MS):
            took = [c[3] for c in sm if c[2] == req]
            # start-to-start interval: the sleep, sysmon's loop body, and strace's own stops
            gaps = [int(round((b[1] - a[1]) * 1e9)) for a, b in zip(sm, sm[1:]) if a[2] == req]
            if took:
                row = {"exp": "1b", "what": f"sysmon usleep({req // US}) took, P={p} (strace -T)",
                       **pct(took), "model": req, "model_note": "exact in the model"}
                print_row(row)
                out_rows[f"took_{req // US}us"] = row
            if gaps:
                row = {"exp": "1b", "what": f"sysmon tick interval after usleep({req // US}), P={p}",
                       **pct(gaps), "model": req, "model_note": "sysmon loop is free in the model"}
                print_row(row)
                out_rows[f"interval_{req // US}us"] = row
        print(f"    P={p} sysmon sleep sequence (us x count): "
              + " ".join(f"{a}x{b}" if b > 1 else f"{a}" for a, b in rle))
        res.setdefault("sysmon_runs", []).append(out_rows)
    res["sysmon"] = {"command": "strace -f -tt -T -e trace=nanosleep,clock_nanosleep "
                                "calibrate -exp sysmon -dur " + dur}
    # preemptM's signal: tgkill(SIGURG) from sysmon -> the signal delivered to the spinner's
    # thread. ptrace stops the target at delivery, so this is an upper bound of the real latency.
    out, err, rc = run([strace, "-f", "-tt", "-e", "trace=tgkill", "-e", "signal=SIGURG", "-o", log,
                        BIN, "-exp", "spin", "-n", "10" if quick else "30"], 60, env=go_env(1))
    sent, lat = {}, []
    with open(log) as f:
        for line in f:
            m = STRACE_LINE.match(line)
            if not m:
                continue
            ts = int(m.group(2)) * 3600 + int(m.group(3)) * 60 + float(m.group(4))
            k = re.search(r"tgkill\(\d+, (\d+), SIGURG", m.group(5))
            if k:
                sent[int(k.group(1))] = ts
            elif "--- SIGURG" in m.group(5) and int(m.group(1)) in sent:
                lat.append(int(round((ts - sent.pop(int(m.group(1)))) * 1e9)))
    if lat:
        row = {"exp": "1b", "what": "tgkill(SIGURG) -> delivered, P=1 spinner (strace)", **pct(lat),
               "model": None, "model_note": "signal_lat_ns"}
        from gostep.core import defs
        row["model"] = defs.Cfg().signal_lat_ns
        print_row(row)
        res["signal"] = row


def exp_spin(res, quick, use_model):
    n = 20 if quick else 200
    v = samples(["-exp", "spin", "-n", str(n)], 1, timeout=60)
    row = {"exp": "1c", "what": f"P=1 spinner, 5ms WithTimeout, {n} rounds in one process", **pct(v)}
    fresh, offs = [], []
    for _ in range(15 if quick else 60):
        out, err, rc = run([BIN, "-exp", "spin", "-n", "1"], 10, env=go_env(1))
        for line in out.splitlines():
            if line.startswith("sample "):
                fresh.append(int(line.split()[1]))
            elif line.startswith("offset "):
                offs.append(int(line.split()[1]))
    row2 = {"exp": "1c", "what": f"P=1 spinner, 5ms WithTimeout, fresh process x{len(fresh)}",
            **pct(fresh), "offset_p50": pct(offs)["p50"] if offs else None}
    if use_model:
        m = model_run(MODEL_SPIN, 1)
        if m:
            row["model"], row["model_note"] = m[-1], "stepper, steady rounds (last of 6)"
            row2["model"], row2["model_note"] = m[0], "stepper, first round"
            row["model_rounds"] = m
    for r in (row, row2):
        print_row(r)
    res["spin"] = [row, row2]
    # The model with its OS-noise setting (Cfg.os_noise_ns: an exponential extra latency on each
    # OS wake-up), where the stepper has it: 8 seeds x 6 rounds per mean.
    from gostep.core import defs
    if use_model and "os_noise_ns" in defs.Cfg._fields:
        for mean in (15_000, 1_000_000):
            vals = []
            for seed in range(8):
                m = model_run(MODEL_SPIN, 1, seed=seed, capacities={"os_noise_ns": mean})
                vals += m or []
            if vals:
                r = {"exp": "1c", "what": f"model, os_noise_ns={mean} (8 seeds x 6 rounds)",
                     **pct(vals), "model": None, "model_note": "stepper with noise"}
                print_row(r)
                res["spin"].append(r)
    # Does sysmon's tick lateness explain the steady-state spread? In steady state the spinner is
    # preempted on a sysmon tick, so the next round starts just after a tick (phase-locked) and is
    # preempted two ticks later: observed ~ 2 x 10 ms + two tick latenesses. Bootstrap that sum
    # from the measured lateness of nanosleep(10 ms) beside a busy core (1a), 10000 draws.
    late = res.get("nanosleep_samples", {}).get(f"{10 * MS}_busy")
    if late:
        import random
        rnd = random.Random(1)
        boot = [20 * MS + rnd.choice(late) + rnd.choice(late) for _ in range(10000)]
        row3 = {"exp": "1c", "what": "bootstrap: 20ms + 2 x nanosleep(10ms) lateness (busy)",
                **pct(boot), "model": None, "model_note": "noise-model check, not a run"}
        print_row(row3)
        res["spin"].append(row3)
    res["spin_samples"] = {"steady": v, "fresh": fresh}


def exp_handoff(res, quick, use_model, cfg):
    n = 40 if quick else 200
    out = []
    for mode in ("busy", "park"):
        v = samples(["-exp", "handoff", "-mode", mode, "-n", str(n)], 2, timeout=60)
        row = {"exp": "1d", "what": f"unbuffered send -> receiver runs, P=2, sender {mode}",
               **pct(v)}
        if mode == "busy":
            # the sender spins 2 ms, then parks: a receiver not taken by the woken M by then runs
            # on the sender's P, so samples >= 2 ms are censored ("not stolen within 2 ms")
            row["censored_2ms"] = sum(1 for x in v if x >= 2 * MS) / len(v)
            row["stolen_within"] = pct([x for x in v if x < 2 * MS] or [0])
        if use_model:
            m = model_run(MODEL_HANDOFF % (BUSY if mode == "busy" else ""), 2)
            row["model"], row["model_note"] = ((m[-1], "stepper, last of 4") if m else
                                               (cfg["wake_lat_ns"], "wake_lat_ns"))
        else:
            row["model"], row["model_note"] = cfg["wake_lat_ns"], "wake_lat_ns"
        out.append(row)
        print_row(row)
        if mode == "busy":
            st = row["stolen_within"]
            print(f"    taken by the woken M before the sender parked: {1 - row['censored_2ms']:.0%};"
                  f" of those p10/p50/p90 {fmt_ns(st['p10'])}/{fmt_ns(st['p50'])}/{fmt_ns(st['p90'])}")
    res["handoff"] = out


# name -> (model opcodes and Cfg terms it corresponds to, as a sum)
COST_MAP = {
    "go_statement": ("GO", "sched_ns", "switch_ns"),
    "chan_handoff_unbuffered": ("SEND", "RECV", "sched_ns", "switch_ns"),
    "chan_send_recv_buffered": ("SEND",),
    "select_2cases_ready": ("SELECT",),
    "select_ctx_done_or_send": ("SELECT", "CTX_DONE"),
    "withtimeout_cancel": ("CTX_WITHDEADLINE", "CTX_CANCEL"),
    "withcancel_cancel": ("CTX_WITHCANCEL", "CTX_CANCEL"),
    "ctx_done_err": ("CTX_DONE", "CTX_ERR"),
    "timer_new_stop": ("TIMER_NEW", "TIMER_STOP"),
    "gosched_alone": ("GOSCHED", "sched_ns", "switch_ns"),
    "gosched_pingpong": ("GOSCHED", "sched_ns", "switch_ns"),
    "mutex_lock_unlock": ("MU_LOCK", "MU_UNLOCK"),
    "waitgroup_add_done": ("WG_ADD", "WG_ADD"),
    "time_now": ("NOW",),
    "make_chan": ("MAKECHAN",),
    "close_chan": ("MAKECHAN", "CLOSE"),
    "gomaxprocs_change": ("GOMAXPROCS", "stw_ns"),
}


def exp_costs(res, quick, cfg, cost):
    """testing.Benchmark loops, 3 runs per GOMAXPROCS (1 with --quick): median and range of ns/op
    (one run on this shared machine moves by up to +-50 %)."""
    rows = []
    for p in ((1,) if quick else (1, 2)):
        got = {}
        for _ in range(1 if quick else 3):
            out, err, rc = run([BIN, "-exp", "cost", "-benchtime", "50ms" if quick else "150ms"],
                               120, env=go_env(p))
            for line in out.splitlines():
                if line.startswith("cost "):
                    _, name, ns = line.split()
                    got.setdefault(name, []).append(float(ns))
        for name, vals in got.items():
            vals.sort()
            terms = COST_MAP.get(name, ())
            model = sum(cfg.get(t, cost.get(t, 1)) for t in terms)
            row = {"exp": "1e", "what": f"{name} P={p}", "ns_per_op": vals[len(vals) // 2],
                   "min": vals[0], "max": vals[-1], "model": model,
                   "model_note": " + ".join(terms)}
            rows.append(row)
            print(f"1e  {row['what']:<36} {row['ns_per_op']:>8.1f} ns/op ({vals[0]:.0f}-"
                  f"{vals[-1]:.0f})   model {model:>5} ({row['model_note']})", flush=True)
    res["costs"] = rows


def fit_shifted_exp(vals):
    """A two-part fit of wake-up latencies: samples within 1 ms of the 10th percentile are the
    'fast' wake-ups, fitted with a + Exp(mean b) through their p50 and p90 (p50 = a + b ln 2,
    p90 = a + b ln 10); the others are the 'slow' ones (the thread waited for a CPU held by
    another runnable thread), given as their share and their own p50 / p90 / max."""
    q = pct(vals)
    fast = [x for x in vals if x < q["p10"] + MS]
    slow = [x for x in vals if x >= q["p10"] + MS]
    f = pct(fast)
    b = max(0.0, (f["p90"] - f["p50"]) / (2.302585 - 0.693147))
    a = f["p50"] - 0.693147 * b
    out = {"fixed_ns": int(a), "exp_mean_ns": int(b), "slow_share": round(len(slow) / len(vals), 4),
           "n": len(vals)}
    if slow:
        s = pct(slow)
        out.update(slow_p50_ns=s["p50"], slow_p90_ns=s["p90"], slow_max_ns=s["max"])
    return out


def noise_fit(res):
    """Fit the per-wake-up latency from the runs where exactly one OS wake-up ends the wait."""
    fits = {}
    one_wake = [r for r in res["timers"] if "1000us lateness" in r["what"]]
    if one_wake:
        # a 1 ms timer in an idle program: findRunnable blocks in netpoll (epoll_wait 1 ms) once;
        # lateness = the wake-up (timer slack + the thread getting a CPU) + Go's own path
        vals = []
        for r in one_wake:
            vals += r.get("_samples", [])
        if vals:
            fits["epoll_wake_1ms_timer"] = fit_shifted_exp(vals)
    ns = res.get("nanosleep_samples", {})
    for key, v in ns.items():
        fits[f"nanosleep_{key}"] = fit_shifted_exp(v)
    res["noise_fit"] = fits
    print("noise fit: fast wake-ups a + Exp(mean b); slow ones (> p10 + 1 ms): share, p50/p90/max")
    for k, f in fits.items():
        slow = (f" {fmt_ns(f['slow_p50_ns'])}/{fmt_ns(f['slow_p90_ns'])}/{fmt_ns(f['slow_max_ns'])}"
                if f["slow_share"] else "")
        print(f"    {k:<28} a={fmt_ns(f['fixed_ns']):>8}  b={fmt_ns(f['exp_mean_ns']):>8}  "
              f"slow={f['slow_share']:.1%}{slow}  (n={f['n']})")


def fmt_ns(x):
    if x is None:
        return "-"
    a = abs(x)
    if a >= MS:
        return f"{x / MS:.2f}ms"
    if a >= US:
        return f"{x / US:.1f}us"
    return f"{x}ns"


def print_row(r):
    cols = " ".join(f"{fmt_ns(r[k]):>9}" for k in ("p10", "p50", "p90", "max"))
    print(f"{r['exp']:<3} {r['what']:<52} n={r['n']:<4}{cols}   model {fmt_ns(r.get('model')):>8}"
          f" ({r.get('model_note', '')})", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer samples (about 1 minute)")
    ap.add_argument("--json", action="store_true", help="end with one JSON object")
    ap.add_argument("--no-model", action="store_true", help="do not run the stepper")
    ap.add_argument("--no-strace", action="store_true", help="skip 1b")
    ap.add_argument("--only", default="", help="comma list of 1a,1b,1c,1d,1e")
    a = ap.parse_args()
    only = set(a.only.split(",")) if a.only else {"1a", "1b", "1c", "1d", "1e"}
    t0 = time.time()
    _build()
    out, _, _ = run([BIN, "-exp", "timer", "-n", "0"], 10)
    cfg, cost = model_constants()
    res = {"toolchain": out.split()[1] if out else "?", "quick": a.quick,
           "timerslack_ns": _read("/proc/self/timerslack_ns"), "loadavg": _read("/proc/loadavg"),
           "model_cfg_ns": cfg, "model_costs": cost}
    print(f"toolchain {res['toolchain']}; timer slack {res['timerslack_ns']} ns; "
          f"load {res['loadavg']}")
    print(f"{'':<3} {'what (lateness / duration)':<52} {'n':<6}{'p10':>9} {'p50':>9} {'p90':>9} "
          f"{'max':>9}")
    use_model = not a.no_model
    if "1a" in only:
        exp_timers(res, a.quick, use_model, cfg)
    if "1b" in only:
        exp_sysmon(res, a.quick, not a.no_strace)
    if "1c" in only:
        exp_spin(res, a.quick, use_model)
    if "1d" in only:
        exp_handoff(res, a.quick, use_model, cfg)
    if "1e" in only:
        exp_costs(res, a.quick, cfg, cost)
    if "timers" in res:
        noise_fit(res)
    if _MODEL_BROKEN:
        res["model_failed"] = _MODEL_BROKEN[0]
    res["elapsed_s"] = round(time.time() - t0, 1)
    res["loadavg_end"] = _read("/proc/loadavg")
    print(f"done in {res['elapsed_s']} s; load at the end {res['loadavg_end']}")
    if a.json:
        for r in res.get("timers", []):
            r.pop("_samples", None)
        print(json.dumps(res))


def _read(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return None


if __name__ == "__main__":
    main()
