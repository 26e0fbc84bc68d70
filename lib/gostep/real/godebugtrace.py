"""GODEBUG=schedtrace / scheddetail / gctrace output of a real run, as rows of dicts.

# The formats (Go's runtime/proc.go schedtrace, runtime/mgc.go gcMarkTermination)

    SCHED 0ms: gomaxprocs=2 idleprocs=0 threads=4 spinningthreads=1 needspinning=0 idlethreads=1 runqueue=0 [2 0]
    SCHED 106ms: gomaxprocs=2 ... runqueue=1 [ 2 0 ] schedticks=[ 31 16905 ]          (1.25+)
    SCHED 0ms: gomaxprocs=2 ... runqueue=0 gcwaiting=false nmidlelocked=0 stopwait=0 sysmonwait=false
      P0: status=1 schedtick=34319 syscalltick=0 m=0 runqsize=0 gfreecnt=0 timerslen=0   (scheddetail=1)
      M0: p=0 curg=1 mallocing=0 throwing=0 preemptoff= locks=34 dying=0 spinning=false blocked=false lockedg=1
      G1: status=4(sync.WaitGroup.Wait) m=nil lockedm=nil
    gc 1 @0.002s 3%: 0.25+0.20+0.011 ms clock, 0.50+0.021/0.081/0.24+0.022 ms cpu, 4->4->3 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P (forced)

`runqueue=` is the global run queue, `[ ... ]` the local run queue lengths per P (the 1.25+ form
pads the brackets with spaces and adds `schedticks=`, each P's schedtick). One GODEBUG variable
carries all the keys, comma-separated. Every row is a dict with a `kind` ("sched", "P", "M", "G",
"gc"); P, M and G rows carry the `t_ms` of the SCHED line they follow. Values are ints where Go
prints ints, booleans for true/false, None for nil. Lines that are none of these (the program's own
stderr, panics) are ignored.

Alternatives rejected: one regex per whole line (the key=value lists differ between versions and
with scheddetail; a generic key=value split keeps unknown keys instead of failing on them).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from gostep.real.runner import RealResult, build, check_settings, compile_error_result, run_binary
from gostep.real.toolchain import PINNED

SCHED_RE = re.compile(r"^SCHED (\d+)ms: (.*)$")
DETAIL_RE = re.compile(r"^\s+([PMG])(\d+): (.*)$")
KV_RE = re.compile(r"(\w+)=(\[[^\]]*\]|\S*)")
GSTATUS_RE = re.compile(r"^status=(\d+)\((.*)\) (m=.*)$")
GC_RE = re.compile(
    # Go 1.26+ (runtime/mgc.go gcMarkTermination) may print " (checking for goroutine leaks)"
    # after the percentage, for a cycle that looked for leaked goroutines.
    r"^gc (\d+) @([\d.]+)s (\d+)%(?: \(checking for goroutine leaks\))?: ([\d.+/]+) ms clock, ([\d.+/]+) ms cpu, "
    r"(\d+)->(\d+)->(\d+) MB, (\d+) MB goal(?:, (\d+) MB stacks)?(?:, (\d+) MB globals)?, "
    r"(\d+) P( \(forced\))?")
LOCAL_RUNQ_RE = re.compile(r"runqueue=\d+ \[([\d ]*)\]")


def _value(v: str):
    if v.startswith("["):
        return [int(x) for x in v.strip("[]").split()]
    if v in ("true", "false"):
        return v == "true"
    if v == "nil":
        return None
    if re.fullmatch(r"-?\d+", v):
        return int(v)
    return v


def _floats(s: str) -> list:
    return [float(x) for x in re.split(r"[+/]", s)]


def parse_schedtrace(lines) -> list[dict]:
    """Rows for every SCHED / P / M / G line (see the module doc); other lines are skipped."""
    rows, t_ms = [], None
    for ln in lines:
        m = SCHED_RE.match(ln)
        if m:
            t_ms = int(m.group(1))
            row = {"kind": "sched", "t_ms": t_ms}
            body = m.group(2)
            lr = LOCAL_RUNQ_RE.search(body)
            for k, v in KV_RE.findall(body):
                row[k] = _value(v)
            row["local_runq"] = [int(x) for x in lr.group(1).split()] if lr else None
            row.setdefault("schedticks", None)
            rows.append(row)
            continue
        d = DETAIL_RE.match(ln)
        if d and t_ms is not None:
            kind, n = d.group(1), int(d.group(2))
            row = {"kind": kind, "t_ms": t_ms, {"P": "pid", "M": "mid", "G": "gid"}[kind]: n}
            body = d.group(3)
            g = GSTATUS_RE.match(body) if kind == "G" else None
            if g:   # the wait reason may hold spaces and parentheses: "force gc (idle)"
                row["status"], row["wait_reason"] = int(g.group(1)), g.group(2)
                body = g.group(3)
            for k, v in KV_RE.findall(body):
                row[k] = _value(v)
            rows.append(row)
    return rows


def parse_gctrace(lines) -> list[dict]:
    """One row per `gc N @...` line: phases (ms), heap sizes (MB), goal, Ps, forced."""
    rows = []
    for ln in lines:
        m = GC_RE.match(ln.strip())
        if not m:
            continue
        clock = _floats(m.group(4))
        rows.append({
            "kind": "gc", "n": int(m.group(1)), "t_s": float(m.group(2)),
            "cpu_pct": int(m.group(3)),
            "clock_ms": clock,           # STW sweep termination, concurrent mark, STW mark termination
            "stw_ms": clock[0] + clock[-1] if len(clock) == 3 else None,
            "cpu_ms": _floats(m.group(5)),
            "heap_start_mb": int(m.group(6)), "heap_end_mb": int(m.group(7)),
            "heap_live_mb": int(m.group(8)), "goal_mb": int(m.group(9)),
            "stacks_mb": int(m.group(10)) if m.group(10) else None,
            "globals_mb": int(m.group(11)) if m.group(11) else None,
            "procs": int(m.group(12)), "forced": bool(m.group(13)),
        })
    return rows


@dataclass
class SchedTrace:
    """A real run with GODEBUG tracing on: its outcome and the parsed rows."""
    result: RealResult
    rows: list

    def sched(self) -> list[dict]:
        return [r for r in self.rows if r["kind"] == "sched"]

    def gc(self) -> list[dict]:
        return [r for r in self.rows if r["kind"] == "gc"]

    def table(self) -> str:
        """SCHED rows as fixed-width text: time, idle Ps, threads, global and local run queues."""
        out = [f"{'t(ms)':>6} {'idleprocs':>9} {'threads':>7} {'spinning':>8} {'runqueue':>8}  local runq"]
        for r in self.sched():
            out.append(f"{r['t_ms']:>6} {r.get('idleprocs', ''):>9} {r.get('threads', ''):>7} "
                       f"{r.get('spinningthreads', ''):>8} {r.get('runqueue', ''):>8}  {r['local_runq']}")
        return "\n".join(out)


def _traced_run(program, keys: str, gomaxprocs, godebug, go, timeout) -> RealResult:
    full = ",".join(x for x in (keys, godebug) if x)
    timeout_ns, ver = check_settings(gomaxprocs, full, go, timeout)
    b = build(program, ver)
    if b.binary is None:
        return compile_error_result(b, gomaxprocs, full)
    return run_binary(b, gomaxprocs, full, timeout_ns)


def _strip(res: RealResult) -> RealResult:
    """The result with the trace lines removed from stderr (what the program itself printed)."""
    keep = tuple(ln for ln in res.stderr if not (SCHED_RE.match(ln) or DETAIL_RE.match(ln)
                                                  or GC_RE.match(ln.strip())))
    return replace(res, stderr=keep)


def schedtrace(program, period_ms: int = 10, detail: bool = False, gctrace: bool = False,
               gomaxprocs: int = 1, godebug: str = "", go: str = PINNED,
               timeout="10s") -> SchedTrace:
    """Run once with GODEBUG=schedtrace=period_ms[,scheddetail=1][,gctrace=1]; parsed rows."""
    keys = f"schedtrace={int(period_ms)}" + (",scheddetail=1" if detail else "") + \
        (",gctrace=1" if gctrace else "")
    res = _traced_run(program, keys, gomaxprocs, godebug, go, timeout)
    rows = parse_schedtrace(res.stderr) + (parse_gctrace(res.stderr) if gctrace else [])
    return SchedTrace(_strip(res), rows)


def gctrace(program, gomaxprocs: int = 1, godebug: str = "", go: str = PINNED,
            timeout="10s") -> SchedTrace:
    """Run once with GODEBUG=gctrace=1; one row per finished GC cycle."""
    res = _traced_run(program, "gctrace=1", gomaxprocs, godebug, go, timeout)
    return SchedTrace(_strip(res), parse_gctrace(res.stderr))
