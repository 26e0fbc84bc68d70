"""Timer channels across Go versions on the real toolchains, against what the model prints.

Every version difference of tests/timerchan_programs.py (Stop/Reset after an unseen expiry, len
and cap of t.C, select with default on an expired timer, a dropped timer and checkdead, a select
woken by another case) is run on go1.21, go1.22, go1.23 (with and without asynctimerchan=1) and the
pinned go1.27: real Go must still print what the file records, and the model, given the same
version, must print what real Go printed (tests/core/test_timer_chan_versions.py checks the model
alone against the record). A toolchain that is not installed skips its cases (`make go-versions`).

Also: the go line of go.mod chooses the default (go 1.22 on the 1.23 toolchain brings the old
buffered channels back, which the model runs as asynctimerchan=1; on 1.27 the setting is gone and
the line changes nothing), and dropped NewTimer(1h) timers stay reachable before 1.23 and are
garbage from 1.23 (in the model: in a heap or in none).
"""
from __future__ import annotations

import pytest

import gostep as gs
import gostep.api as api
from gostep.front import parse
from gostep.real.toolchain import find_go
from timerchan_programs import PROGRAMS, TIMEOUT, case_id, cases

CASES = cases()


def _need(go):
    if find_go(go) is None:
        pytest.skip(f"Go {go} toolchain not installed (run `make go-versions`)")


def _model(src, go, godebug=""):
    o = api.simulate(parse(src, "main.go", go=go), go=go, godebug=godebug, timeout=TIMEOUT).outcome
    return o.exit, o.stdout


@pytest.mark.realgo
@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_real_go_prints_the_recorded_result_and_the_model_agrees(case, go_bin):
    """Real Go of that version prints what the record says, and the model prints the same."""
    name, go, dbg, exit_, stdout = case
    _need(go)
    r = gs.real.run(PROGRAMS[name], go=go, godebug=dbg, timeout=TIMEOUT)
    assert (r.exit, r.stdout) == (exit_, stdout), r
    assert _model(PROGRAMS[name], go, dbg) == (r.exit, r.stdout)


@pytest.mark.realgo
@pytest.mark.parametrize("go,model_godebug,expected", [
    ("1.23", "asynctimerchan=1", ("ok", ("len 1 cap 1", "stop false", "after stop: value"))),
    ("1.27", "", ("ok", ("len 0 cap 0", "stop true", "after stop: empty"))),
])
def test_a_go_1_22_line_in_go_mod_brings_old_timers_back_on_1_23_only(go, model_godebug, expected, go_bin):
    """`go 1.22` in go.mod: the 1.23 toolchain defaults to asynctimerchan=1 (old timers), 1.27 not."""
    _need(go)
    r = gs.real.run(PROGRAMS["stop_expired"], go=go, lang="1.22", timeout=TIMEOUT)
    assert (r.exit, r.stdout) == expected, r
    assert _model(PROGRAMS["stop_expired"], go, model_godebug) == expected


GARBAGE = """package main

import (
	"fmt"
	"runtime"
	"time"
)

func live() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapObjects
}

func main() {
	const n = 10000
	before := live()
	for i := 0; i < n; i++ {
		_ = time.NewTimer(time.Hour)
	}
	fmt.Println("kept alive per dropped timer at least 1:", float64(live()-before)/n >= 1)
}
"""

DROPPED_MANY = """package main

import "time"

func main() {
	for i := 0; i < 50; i++ {
		_ = time.NewTimer(time.Hour)
	}
	time.Sleep(time.Millisecond)
}
"""


@pytest.mark.realgo
@pytest.mark.parametrize("go,kept", [("1.22", True), ("1.23", False), ("1.27", False)])
def test_dropped_timers_are_garbage_from_1_23_and_in_no_heap_in_the_model(go, kept, go_bin):
    """Real Go: 10,000 dropped NewTimer(1h) keep objects alive before 1.23 and none after; model:
    50 dropped timers are in P0's heap at the end before 1.23 and in no heap after."""
    _need(go)
    r = gs.real.run(GARBAGE, go=go, timeout="20s")
    assert r.stdout == (f"kept alive per dropped timer at least 1: {str(kept).lower()}",), r
    tr = api.simulate(parse(DROPPED_MANY, "main.go", go=go), go=go, timeout="1s")
    last = tr.frame(len(tr) - 1)
    in_heaps = [tv for p in last.ps for tv in p.timers if tv.kind == "chan"]
    assert len(in_heaps) == (50 if kept else 0)
