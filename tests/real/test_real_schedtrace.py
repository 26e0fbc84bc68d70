"""GODEBUG schedtrace / scheddetail / gctrace parsing (both formats) and a real traced run."""
from __future__ import annotations

import pytest

from gostep.real import gctrace, parse_gctrace, parse_schedtrace, schedtrace

# Literal lines from the project's fact sheet (go-facts §2.5), as Go prints them.
OLD = ("SCHED 0ms: gomaxprocs=2 idleprocs=0 threads=4 spinningthreads=1 needspinning=0 "
       "idlethreads=1 runqueue=0 [2 0]")
NEW = ("SCHED 106ms: gomaxprocs=2 idleprocs=0 threads=4 spinningthreads=1 needspinning=1 "
       "idlethreads=0 runqueue=1 [ 2 0 ] schedticks=[ 31 16905 ]")
P_LINE = "  P0: status=1 schedtick=34319 syscalltick=0 m=0 runqsize=0 gfreecnt=0 timerslen=0"
G_LINE = "  G1: status=4(sync.WaitGroup.Wait) m=nil lockedm=nil"
GC = ("gc 1 @0.002s 3%: 0.25+0.20+0.011 ms clock, 0.50+0.021/0.081/0.24+0.022 ms cpu, "
      "4->4->3 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P")

BUSY = """package main

import (
	"fmt"
	"runtime"
	"time"
)

func busy(d time.Duration) {
	start := time.Now()
	for time.Since(start) < d {
	}
}

func main() {
	go busy(40 * time.Millisecond)
	runtime.GC()
	busy(40 * time.Millisecond)
	fmt.Println("done")
}
"""


def test_pre_125_sched_line():
    """The 1.21-1.24 SCHED line gives its counters, the global queue and the local queues."""
    (row,) = parse_schedtrace([OLD])
    assert row["kind"] == "sched" and row["t_ms"] == 0
    assert (row["gomaxprocs"], row["idleprocs"], row["threads"], row["spinningthreads"],
            row["needspinning"], row["idlethreads"], row["runqueue"]) == (2, 0, 4, 1, 0, 1, 0)
    assert row["local_runq"] == [2, 0] and row["schedticks"] is None


def test_125_sched_line_with_schedticks():
    """The 1.25+ SCHED line (padded brackets, schedticks) parses to the same keys plus schedticks."""
    (row,) = parse_schedtrace([NEW])
    assert row["t_ms"] == 106 and row["runqueue"] == 1 and row["needspinning"] == 1
    assert row["local_runq"] == [2, 0]
    assert row["schedticks"] == [31, 16905]


def test_scheddetail_p_and_g_lines():
    """scheddetail P and G lines become rows tied to the preceding SCHED time; nil is None."""
    rows = parse_schedtrace([NEW, P_LINE, G_LINE, "  G2: status=4(force gc (idle)) m=nil lockedm=nil"])
    p, g, g2 = rows[1:]
    assert p == {"kind": "P", "t_ms": 106, "pid": 0, "status": 1, "schedtick": 34319,
                 "syscalltick": 0, "m": 0, "runqsize": 0, "gfreecnt": 0, "timerslen": 0}
    assert g == {"kind": "G", "t_ms": 106, "gid": 1, "status": 4,
                 "wait_reason": "sync.WaitGroup.Wait", "m": None, "lockedm": None}
    assert g2["wait_reason"] == "force gc (idle)"


def test_detail_lines_before_any_sched_line_and_other_lines_are_ignored():
    """Program output and detail lines with no SCHED line before them are skipped."""
    assert parse_schedtrace(["hello", P_LINE, "panic: x"]) == []


def test_gctrace_line():
    """A gctrace line gives the cycle, its phases, heap sizes, goal, Ps and whether it was forced."""
    (row,) = parse_gctrace([GC])
    assert (row["n"], row["t_s"], row["cpu_pct"]) == (1, 0.002, 3)
    assert row["clock_ms"] == [0.25, 0.20, 0.011]
    assert row["cpu_ms"] == [0.50, 0.021, 0.081, 0.24, 0.022]
    assert (row["heap_start_mb"], row["heap_end_mb"], row["heap_live_mb"], row["goal_mb"]) == (4, 4, 3, 4)
    assert (row["stacks_mb"], row["globals_mb"], row["procs"], row["forced"]) == (0, 0, 2, False)
    assert parse_gctrace([GC + " (forced)"])[0]["forced"] is True


def test_gctrace_line_of_a_leak_checking_cycle():
    """Go 1.26+ marks a cycle that looked for leaked goroutines after the percentage
    (runtime/mgc.go gcMarkTermination: " (checking for goroutine leaks)"); the line still parses."""
    line = GC.replace("3%:", "3% (checking for goroutine leaks):")
    assert line != GC
    (row,) = parse_gctrace([line])
    assert (row["n"], row["cpu_pct"], row["procs"]) == (1, 3, 2)


@pytest.mark.realgo
def test_real_schedtrace_and_gctrace_run(go_bin):
    """A real run with schedtrace and gctrace gives SCHED rows with one local queue per P and a forced GC."""
    st = schedtrace(BUSY, period_ms=10, gctrace=True, gomaxprocs=2, timeout="5s")
    assert st.result.exit == "ok" and st.result.stdout == ("done",)
    sched = st.sched()
    assert len(sched) >= 2
    assert all(r["gomaxprocs"] == 2 and len(r["local_runq"]) == 2 for r in sched)
    assert sched[0]["schedticks"] is not None       # Go 1.27: the 1.25+ format
    assert any(r["forced"] for r in st.gc())
    assert not any(ln.startswith("SCHED") for ln in st.result.stderr)
    assert "runqueue" in st.table() and len(st.table().splitlines()) == len(sched) + 1


@pytest.mark.realgo
def test_real_scheddetail_and_gctrace_alone(go_bin):
    """scheddetail=1 adds P rows (one per P) and G rows; gctrace alone gives only gc rows."""
    st = schedtrace(BUSY, period_ms=10, detail=True, gomaxprocs=2, timeout="5s")
    t0 = st.sched()[0]["t_ms"]
    assert len([r for r in st.rows if r["kind"] == "P" and r["t_ms"] == t0]) == 2
    assert any(r["kind"] == "G" and r["gid"] == 1 for r in st.rows)
    gc = gctrace(BUSY, timeout="5s")
    assert gc.rows and all(r["kind"] == "gc" for r in gc.rows)
