"""A runtime/trace execution trace of a real run, in the stepper's vocabulary.

# How the trace is taken

The course file stays unchanged: as for goroutines_at_exit (see runner.py), the temporary copy's
`func main()` is renamed and a generated harness main starts runtime/trace, calls it and stops the
trace in a defer (so a panicking main still flushes its trace; a deadlock or a hang, which never
return, leave a trace without its last generation, and the events parsed are then what the tool
can read). The pinned toolchain's `go tool trace -d=parsed` (Go 1.24+; it also reads the traces
of Go 1.21-1.23 binaries) prints one event per line:

    M=3420 P=0 G=11 StateTransition Time=855125746176 GoID=1 Waiting->Runnable Reason=""
    Stack=
    	context.(*cancelCtx).cancel @ 0x496b6c
    		context/context.go:568

`parse_parsed_trace` reads that with two regexes (go-facts §2.5) into TraceEvents named like the
stepper's Event kinds (frame.EVENT_KINDS): a goroutine transition NotExist->Runnable is "go",
Runnable->Running "execute", Running->Waiting "park" (with Go's wait reason), Waiting->Runnable
"ready" (`by` is the G that ran when it happened: the waker), Running->Runnable "preempted" or
"gosched", Running->NotExist "goexit"; P transitions are "proc_start"/"idle"; GC and STW ranges
and trace.Log records are kept, metrics dropped. Paths are stripped to what the reader knows:
the course file's name and GOROOT-relative standard library files (builds use -trimpath).

Goroutines of the runtime and of the tracer itself (those that existed before main, except G1,
and those created from runtime.* frames) are marked `system`; `trace()` drops them by default.

Alternatives rejected: golang.org/x/exp/trace in a Go helper (a module download, offline here);
parsing the binary format in Python (versioned, undocumented; the tool already does it).
"""
from __future__ import annotations

import re
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from gostep.real.runner import (MAIN_RENAMED, MODULE, RealResult, build, check_settings,
                                compile_error_result, run_binary, run_go_command)
from gostep.real.toolchain import PINNED, require_go

HEAD_RE = re.compile(r"^M=(-?\d+) P=(-?\d+) G=(-?\d+) (\w+) Time=(\d+)(.*)$")
GO_TRANS_RE = re.compile(r'GoID=(\d+) (\w+)->(\w+) Reason="([^"]*)"')
PROC_TRANS_RE = re.compile(r'ProcID=(\d+) (\w+)->(\w+)')
NAME_RE = re.compile(r'Name="([^"]*)"')
LOG_RE = re.compile(r'Category="([^"]*)" Message="([^"]*)"')

GO_KINDS = {
    ("NotExist", "Runnable"): "go",
    ("Runnable", "Running"): "execute",
    ("Running", "Waiting"): "park",
    ("Waiting", "Runnable"): "ready",
    ("Running", "NotExist"): "goexit",
    ("Running", "Syscall"): "syscall",
    ("Syscall", "Running"): "syscall_exit",
    ("Syscall", "Runnable"): "syscall_exit",
    ("Runnable", "NotExist"): "goexit",
    ("Waiting", "NotExist"): "goexit",
}


@dataclass(frozen=True)
class TraceEvent:
    time_ns: int          # since the first event of the trace
    kind: str             # go, execute, park, ready, preempted, gosched, goexit, syscall,
                          # syscall_exit, state, proc_start, idle, range_begin, range_end, log
    gid: int = -1         # the goroutine the event is about (-1: a P event, a range, ...)
    pid: int = -1         # the P it happened on (-1: none)
    mid: int = -1         # the M (OS thread id as the tracer numbers it)
    by: int = -1          # the G running when it happened (the creator, the waker), -1: none/g0
    reason: str = ""      # Go's wait reason, a range's name, a log's category
    transition: str = ""  # "Waiting->Runnable", as the tool prints it
    stack: tuple = ()     # "func file:line", innermost first
    system: bool = False  # a goroutine of the runtime or of the tracer
    text: str = ""        # one-line narration

    def to_dict(self) -> dict:
        return asdict(self)


def _clean_path(path: str, source_name: str) -> str:
    path = path.replace(f"{MODULE}/", "")
    m = re.search(r"/src/(.*)$", path)   # an absolute GOROOT path, if any slipped through
    if path.startswith("/") and m:
        path = m.group(1)
    if path.startswith("/"):
        path = Path(path).name
    return path


def _narrate(kind, gid, pid, by, reason, tr) -> str:
    who = f"G{by}" if by >= 0 else "the scheduler (no G)"
    return {
        "go": f"{who} creates G{gid}",
        "execute": f"P{pid} runs G{gid}",
        "park": f"G{gid} parks ({reason or 'waiting'})",
        "ready": f"{who} readies G{gid}",
        "preempted": f"G{gid} is preempted on P{pid}",
        "gosched": f"G{gid} yields P{pid}",
        "goexit": f"G{gid} exits",
        "syscall": f"G{gid} enters a syscall",
        "syscall_exit": f"G{gid} returns from a syscall",
        "state": f"G{gid} is {tr.split('->')[-1].lower()} when the trace starts",
        "proc_start": f"P{pid} starts running",
        "idle": f"P{pid} goes idle",
    }.get(kind, f"{kind} {reason}".strip())


def parse_parsed_trace(text: str, source_name: str = "") -> list[TraceEvent]:
    """Events of `go tool trace -d=parsed` output, in the stepper's vocabulary (see module doc)."""
    raw = []   # [head match, stack lines]
    cur_stack = None
    for line in text.splitlines():
        m = HEAD_RE.match(line)
        if m:
            raw.append([m, [], []])
            cur_stack = None
            continue
        if not raw:
            continue
        if line.startswith("TransitionStack="):
            cur_stack = raw[-1][1]
        elif line.startswith("Stack="):
            cur_stack = raw[-1][2]
        elif line.startswith("\t\t") and cur_stack is not None and cur_stack:
            cur_stack[-1] += " " + _clean_path(line.strip(), source_name)
        elif line.startswith("\t") and cur_stack is not None:
            fn = line.strip().split(" @ ")[0]
            cur_stack.append(re.sub(rf"\bmain\.{MAIN_RENAMED}\b", "main.main", fn))
    if not raw:
        return []
    for r in raw:   # the generated harness's own frames are not the program's
        r[1] = [f for f in r[1] if "gostep_harness.go:" not in f]
        r[2] = [f for f in r[2] if "gostep_harness.go:" not in f]
    t0 = min(int(m.group(5)) for m, _, _ in raw)
    events, first_seen, created_by_runtime = [], {}, set()
    for m, tstack, stack in raw:
        mid, pid, g, typ, t, rest = (int(m.group(1)), int(m.group(2)), int(m.group(3)),
                                     m.group(4), int(m.group(5)) - t0, m.group(6))
        st = tuple(tstack or stack)
        if typ == "StateTransition":
            gm = GO_TRANS_RE.search(rest)
            if gm:
                gid, a, b, reason = int(gm.group(1)), gm.group(2), gm.group(3), gm.group(4)
                first_seen.setdefault(gid, a)
                if a == "Undetermined":
                    kind = "state"
                elif (a, b) == ("Running", "Runnable"):
                    kind = "preempted" if "preempt" in reason else "gosched"
                else:
                    kind = GO_KINDS.get((a, b), f"{a.lower()}_{b.lower()}")
                if kind == "go" and st and st[0].startswith(("runtime.", "runtime/")):
                    created_by_runtime.add(gid)
                tr = f"{a}->{b}"
                text = _narrate(kind, gid, pid, g, reason, tr)
                if kind in ("go", "ready") and st:
                    text += f" in {st[0].split(' ')[0]}"
                events.append(TraceEvent(t, kind, gid, pid, mid, g, reason, tr, st, text=text))
                continue
            pm = PROC_TRANS_RE.search(rest)
            if pm:
                p, a, b = int(pm.group(1)), pm.group(2), pm.group(3)
                kind = {"Running": "proc_start", "Idle": "idle"}.get(b, b.lower())
                if a == "Undetermined":
                    kind = "state"
                events.append(TraceEvent(t, kind, -1, p, mid, g, "", f"{a}->{b}", st,
                                         text=_narrate(kind, -1, p, g, "", f"{a}->{b}")
                                         if kind != "state" else f"P{p} is {b.lower()}"))
            continue
        if typ in ("RangeBegin", "RangeEnd", "RangeActive"):
            name = (NAME_RE.search(rest) or [None, ""])[1]
            kind = {"RangeBegin": "range_begin", "RangeEnd": "range_end"}.get(typ, "range_active")
            events.append(TraceEvent(t, kind, -1, pid, mid, g, name, "", st,
                                     text=f"{name} {'begins' if kind == 'range_begin' else 'ends'}"))
        elif typ == "Log":
            lm = LOG_RE.search(rest)
            cat, msg = (lm.group(1), lm.group(2)) if lm else ("", rest.strip())
            events.append(TraceEvent(t, "log", -1, pid, mid, g, cat, "", st,
                                     text=f"G{g} logs {cat}: {msg}"))
    system = {gid for gid, a in first_seen.items() if a == "Undetermined" and gid != 1}
    system |= created_by_runtime
    from dataclasses import replace
    return [replace(e, system=True) if e.gid in system else e for e in events]


@dataclass
class RealTrace:
    """A real run's outcome and its execution-trace events."""
    result: RealResult
    events: list

    def goroutines(self) -> list[int]:
        return sorted({e.gid for e in self.events if e.gid >= 0})

    def rows(self) -> list[dict]:
        return [e.to_dict() for e in self.events]

    def table(self, limit: int | None = None) -> str:
        """A fixed-width text table: time (µs), P, G, kind, by, reason, narration."""
        out = [f"{'t(µs)':>10} {'P':>3} {'G':>4} {'kind':12} {'by':>4} {'reason':18} narration"]
        for e in self.events[:limit]:
            out.append(f"{e.time_ns / 1000:10.1f} {e.pid:>3} {e.gid if e.gid >= 0 else '-':>4} "
                       f"{e.kind:12} {e.by if e.by >= 0 else '-':>4} {e.reason[:18]:18} {e.text}")
        return "\n".join(out)

    def __repr__(self):
        return f"RealTrace({self.result!r}, {len(self.events)} events)"


def trace(program, gomaxprocs: int = 1, godebug: str = "", go: str = PINNED, timeout="10s",
          system: bool = False, lang: str | None = None) -> RealTrace:
    """Run the program once on real Go under runtime/trace; its outcome and its events.

    System goroutines (the runtime's and the tracer's) are dropped unless system=True.
    goroutines_at_exit is None here: the tracer's own goroutines would inflate it.
    """
    timeout_ns, ver = check_settings(gomaxprocs, godebug, go, timeout)
    b = build(program, ver, lang, kind="trace")
    if b.binary is None:
        return RealTrace(compile_error_result(b, gomaxprocs, godebug), [])
    with tempfile.TemporaryDirectory(prefix="gostep-trace-") as d:
        tfile = Path(d) / "trace.out"
        res = run_binary(b, gomaxprocs, godebug, timeout_ns, env_extra={"GOSTEP_TRACE": str(tfile)})
        from dataclasses import replace
        res = replace(res, goroutines_at_exit=None)
        if not tfile.exists() or tfile.stat().st_size == 0:
            return RealTrace(res, [])
        tool = require_go(PINNED)
        r = run_go_command([str(tool), "tool", "trace", "-d=parsed", str(tfile)])
    events = parse_parsed_trace(r.stdout, b.name)
    if not system:
        events = [e for e in events if not e.system]
    return RealTrace(res, events)
