"""Timer channels per Go version in the model: what a program prints, and where the timer is.

Before Go 1.23 a NewTimer's timer goes in its P's heap at once and sends into t.C's 1-slot buffer
when it fires. From 1.23 (without asynctimerchan=1) it is in a heap only while a goroutine is
blocked on t.C (runtime/time.go needsAdd, blockTimerChan, unblockTimerChan) and otherwise runs
lazily when t.C is looked at (maybeRunChan). What programs print is checked against real Go in
tests/real/test_timer_chan_realgo.py; here the model prints the same, and its trace shows the
mechanism: no event and no heap entry for a timer nobody waits on, the heap entry only while a
goroutine is parked on t.C, the lazy run at the look.
"""
from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

import gostep.api as api
from gostep.front import parse
from timerchan_programs import PROGRAMS, TIMEOUT, case_id, cases

CASES = cases()


def _sim(src, go="1.27", **kw):
    kw.setdefault("timeout", "2s")
    return api.simulate(parse(src, "main.go", go=go), go=go, **kw)


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_model_prints_what_real_go_printed(case):
    """Each timer-channel program gives, on each version, the exit and output real Go gave."""
    name, go, dbg, exit_, stdout = case
    tr = _sim(PROGRAMS[name], go=go, godebug=dbg, timeout=TIMEOUT)
    assert (tr.outcome.exit, tr.outcome.stdout) == (exit_, stdout)


# --- the mechanism, in the trace ------------------------------------------------------------------

DROPPED = """package main

import (
	"fmt"
	"time"
)

func main() {
	_ = time.NewTimer(time.Hour)
	x := 0
	for i := 0; i < 100; i++ {
		x += i
	}
	fmt.Println(x)
}
"""

BLOCKING = """package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(20 * time.Millisecond)
	time.Sleep(5 * time.Millisecond)
	<-t.C
	fmt.Println("got it")
}
"""

SELECT_OTHER = """package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(50 * time.Millisecond)
	done := make(chan bool)
	go func() {
		time.Sleep(5 * time.Millisecond)
		close(done)
	}()
	select {
	case <-t.C:
		fmt.Println("timer")
	case <-done:
		fmt.Println("done")
	}
	time.Sleep(100 * time.Millisecond)
	fmt.Println("end")
}
"""

LAZY = """package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(5 * time.Millisecond)
	time.Sleep(30 * time.Millisecond)
	select {
	case <-t.C:
		fmt.Println("value")
	default:
		fmt.Println("empty")
	}
}
"""

SAME_CHAN_TWICE = """package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(10 * time.Millisecond)
	select {
	case <-t.C:
		fmt.Println("first")
	case <-t.C:
		fmt.Println("second")
	}
	time.Sleep(20 * time.Millisecond)
	fmt.Println("stop", t.Stop())
}
"""


def _chan_timer_ids(tr):
    """Timer ids of the timer channels (their timer_add / timer_fire / timer_stop events or heap
    entries say kind chan)."""
    ids = set()
    for i in range(len(tr)):
        f = tr.frame(i)
        ids |= {tv.tid for p in f.ps for tv in p.timers if tv.kind == "chan"}
        e = f.event
        if e.kind == "timer_fire" and "channel" in e.text or e.kind == "timer_add" and "(chan)" in e.text:
            ids.add(int(e.obj.split("#")[1]))
    return ids


def _in_heap(f, kind="chan"):
    return [tv for p in f.ps for tv in p.timers if tv.kind == kind]


def _events(tr, kind, needle=""):
    return [(i, tr.frame(i)) for i in range(len(tr))
            if tr.frame(i).event.kind == kind and needle in tr.frame(i).event.text]


def test_a_dropped_timer_enters_no_heap_and_wakes_no_m_from_1_23():
    """A dropped NewTimer(1h): on 1.22 it is in P0's heap to the end and arming it woke an M; on 1.27
    no frame has it in a heap, no timer event names it and no M is woken."""
    old = _sim(DROPPED, go="1.22", gomaxprocs=2)
    new = _sim(DROPPED, go="1.27", gomaxprocs=2)
    assert old.outcome.stdout == new.outcome.stdout == ("4950",)
    assert _events(old, "timer_add", "(chan)") and _in_heap(old.frame(len(old) - 1))
    assert _events(old, "wakep")
    assert not any(_in_heap(new.frame(i)) for i in range(len(new)))
    assert not [e for e in new.events if e.kind.startswith("timer_")]
    assert not _events(new, "wakep")


def test_a_blocking_receive_puts_the_timer_in_the_heap_only_while_it_waits():
    """1.27: the timer is armed at the receive that parks (not at NewTimer), is in P0's heap while
    G1 waits on t.C, fires from the heap at its time and is gone after."""
    tr = _sim(BLOCKING, go="1.27")
    assert tr.outcome.stdout == ("got it",)
    adds = _events(tr, "timer_add", "(chan)")
    assert len(adds) == 1
    i_add, f_add = adds[0]
    assert f_add.time_ns >= 5_000_000          # after the Sleep, at the receive
    park = next(i for i in range(i_add, len(tr)) if tr.frame(i).event.kind == "park")
    (i_fire, f_fire), = _events(tr, "timer_fire", "channel")
    assert f_fire.time_ns >= 20_000_000
    for i in range(i_add, i_fire):
        assert len(_in_heap(tr.frame(i))) == 1, i
    assert tr.frame(park).event.gid == 1
    assert not any(_in_heap(tr.frame(i)) for i in range(i_add))
    assert not any(_in_heap(tr.frame(i)) for i in range(i_fire, len(tr)))


def test_a_select_woken_by_another_case_takes_the_timer_out_of_the_heap():
    """1.27: the timer is in the heap only while the select is parked; done wakes it, the timer
    leaves the heap and never fires. 1.22: it stays in the heap and fires at 50 ms, unread."""
    new = _sim(SELECT_OTHER, go="1.27")
    old = _sim(SELECT_OTHER, go="1.22")
    assert new.outcome.stdout == old.outcome.stdout == ("done", "end")
    (i_add, _), = _events(new, "timer_add", "(chan)")
    i_ready = next(i for i in range(i_add, len(new))
                   if new.frame(i).event.kind == "ready" and new.frame(i).event.gid == 1)
    assert all(_in_heap(new.frame(i)) for i in range(i_add, i_ready))
    assert not any(_in_heap(new.frame(i)) for i in range(i_ready, len(new)))
    assert not _events(new, "timer_fire", "channel")
    (_, f_fire), = _events(old, "timer_fire", "channel")
    assert f_fire.time_ns >= 50_000_000


def test_an_expired_timer_runs_lazily_when_select_looks():
    """1.27: the timer was in no heap; it runs (timer_fire on P0) at the select, 30 ms after its
    time, just before the select takes the case. 1.22: it fired from the heap at 5 ms."""
    new = _sim(LAZY, go="1.27")
    old = _sim(LAZY, go="1.22")
    assert new.outcome.stdout == old.outcome.stdout == ("value",)
    (i, f), = _events(new, "timer_fire", "channel")
    assert f.time_ns >= 30_000_000 and f.event.pid == 0
    assert not _in_heap(new.frame(i - 1))
    nxt = next(new.frame(k).event for k in range(i + 1, len(new)) if new.frame(k).event.kind == "select")
    assert "case 0" in nxt.text
    (_, f_old), = _events(old, "timer_fire", "channel")
    assert 5_000_000 <= f_old.time_ns < 30_000_000


def test_stop_after_unseen_expiry_is_true_and_nothing_ever_fires():
    """1.27: Stop of a timer whose time passed while nobody looked returns true (t.when > 0) and
    the timer never runs: no timer_fire, the stop event says it was pending."""
    src = LAZY.replace("\tselect {", "\tfmt.Println(t.Stop())\n\tselect {")
    tr = _sim(src, go="1.27")
    assert tr.outcome.stdout == ("true", "empty")
    assert not _events(tr, "timer_fire", "channel")
    (_, f), = _events(tr, "timer_stop")
    assert "was pending" in f.event.text


def test_one_select_on_the_same_timer_channel_twice_counts_both_waits():
    """A select with t.C in two cases blocks twice on one timer (t.blocked 2) and unblocks twice:
    the timer fires once, from the heap, then no heap holds it and Stop is false."""
    tr = _sim(SAME_CHAN_TWICE, go="1.27", seed=1)
    assert tr.outcome.stdout[1:] == ("stop false",) and tr.outcome.stdout[0] in ("first", "second")
    assert len(_events(tr, "timer_fire", "channel")) == 1
    assert not _in_heap(tr.frame(len(tr) - 1))


def test_asynctimerchan_keeps_the_old_mechanism_on_1_23():
    """1.23 with asynctimerchan=1: the dropped timer is in the heap at once, as on 1.22."""
    tr = _sim(DROPPED, go="1.23", godebug="asynctimerchan=1")
    assert _events(tr, "timer_add", "(chan)") and _in_heap(tr.frame(len(tr) - 1))


NOJIT = """
import sys
sys.path.insert(0, {here!r})
import gostep.api as api
from gostep.front import parse
from test_timer_chan_versions import BLOCKING, LAZY, SELECT_OTHER
out = [api.simulate(parse(s, "main.go", go=v), go=v, timeout="2s").to_text()
       for s in (BLOCKING, LAZY, SELECT_OTHER) for v in ("1.22", "1.27")]
sys.stdout.write("\\x00".join(out))
"""


def test_timer_channel_traces_are_the_same_without_jit():
    """The timer-channel kernels give byte-identical traces compiled and under NUMBA_DISABLE_JIT=1."""
    here = pathlib.Path(__file__).parent
    env = dict(os.environ, NUMBA_DISABLE_JIT="1",
               PYTHONPATH=os.pathsep.join([str(here.parent), os.environ.get("PYTHONPATH", "")]))
    res = subprocess.run([sys.executable, "-c", NOJIT.format(here=str(here))], env=env,
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr[-2000:]
    nojit = res.stdout.split("\x00")
    jit = [_sim(s, go=v).to_text() for s in (BLOCKING, LAZY, SELECT_OTHER) for v in ("1.22", "1.27")]
    assert nojit == jit
