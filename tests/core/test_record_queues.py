"""Queue records are deltas (core/record.py build_pq / build_gq): a P's run queue and the global
queue are recorded with only the entries put since their last record, and a channel's wait queues
(build_wq) as edits of their last record (removed indices, Gs enqueued since); trace.py rebuilds them.

The programs here fill the local run queues past their 256 slots (runqputslow moves half to the
global queue), steal between Ps and resize the Ps (procresize empties a P's ring), and the frames
decoded from the deltas must equal a recording with a full snapshot at every step."""
from __future__ import annotations

import dataclasses

import pytest

import gostep.api as api

FLOOD = """package main

import (
	"fmt"
	"runtime"
	"sync"
)

func work(i int, wg *sync.WaitGroup, out chan<- int) {
	defer wg.Done()
	s := 0
	for j := 0; j < 50; j++ {
		s += j
	}
	out <- i + s
}

func main() {
	var wg sync.WaitGroup
	out := make(chan int, 1000)
	for i := 0; i < 600; i++ {
		wg.Add(1)
		go work(i, &wg, out)
		if i == 300 {
			runtime.GOMAXPROCS(1)
		}
		if i == 450 {
			runtime.GOMAXPROCS(2)
		}
	}
	wg.Wait()
	close(out)
	n := 0
	for range out {
		n++
	}
	fmt.Println(n)
}
"""


@pytest.fixture(scope="module")
def flood(tmp_path_factory):
    p = tmp_path_factory.mktemp("q") / "flood.go"
    p.write_text(FLOOD)
    return p


@pytest.mark.parametrize("procs", [1, 2])
def test_queue_deltas_decode_to_full_snapshots(flood, procs):
    """Run queues and the global queue decoded from delta records equal those of a recording
    with a full snapshot at every step, through overflow to the global queue, stealing and
    GOMAXPROCS changes."""
    delta = api.simulate(flood, gomaxprocs=procs, timeout="1s", max_steps=6_000)
    full = api.simulate(flood, gomaxprocs=procs, timeout="1s", max_steps=6_000,
                        capacities={"keyframe": 1})
    assert len(delta) == len(full) > 1000
    longest_runq = max(len(p.runq) for i in range(0, len(delta), 50) for p in delta.frame(i).ps)
    longest_gq = max(len(delta.frame(i).global_runq) for i in range(0, len(delta), 50))
    assert longest_runq > 100 and longest_gq > 50     # the queues really were long
    for i in list(range(0, len(full), 7)) + list(range(len(full) - 30, len(full))):
        a = dataclasses.replace(delta.frame(i), settings={})
        b = dataclasses.replace(full.frame(i), settings={})
        assert a.ps == b.ps and a.global_runq == b.global_runq, f"step {i}"
        assert a == b, f"step {i}"
    # and in reverse order: a frame does not depend on which frames were decoded before it
    for i in range(len(delta) - 1, 0, -997):
        delta._cache.clear()
        assert dataclasses.replace(delta.frame(i), settings={}) == \
            dataclasses.replace(full.frame(i), settings={})


WAITQ = """package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

func sender(i int, ch chan int, ctx context.Context, wg *sync.WaitGroup) {
	defer wg.Done()
	if i%3 == 0 {
		// leaves the middle of the send queue when its own timer fires (dequeueSudoG)
		select {
		case ch <- i:
		case <-time.After(time.Duration(i) * time.Microsecond):
		}
		return
	}
	select {
	case ch <- i:
	case <-ctx.Done():
	}
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < 120; i++ {
		wg.Add(1)
		go sender(i, ch, ctx, &wg)
	}
	time.Sleep(50 * time.Microsecond)
	got := 0
	for j := 0; j < 40; j++ {
		<-ch
		got++
	}
	time.Sleep(200 * time.Microsecond)
	for j := 0; j < 10; j++ {
		<-ch
		got++
	}
	cancel()
	wg.Wait()
	fmt.Println(got)
}
"""


@pytest.mark.parametrize("procs", [1, 2])
def test_wait_queue_deltas_decode_to_full_snapshots(tmp_path, procs):
    """Channel wait queues decoded from edit records equal those of a recording with a keyframe
    at every step, through appends, receives from the head, removals from the middle (a select
    whose other case won) and a cancel that empties every done-channel queue."""
    p = tmp_path / "waitq.go"
    p.write_text(WAITQ)
    delta = api.simulate(p, gomaxprocs=procs, timeout="1s")
    full = api.simulate(p, gomaxprocs=procs, timeout="1s", capacities={"keyframe": 1})
    assert delta.outcome.exit == "ok" and delta.outcome.stdout == ("50",)
    assert len(delta) == len(full) > 500
    assert int(full._snap[full._off[len(full) // 2] + 1]) == 1       # really a keyframe per step
    longest = max(len(c.sendq) for i in range(0, len(delta), 10) for c in delta.frame(i).chans)
    assert longest > 60
    for i in range(len(full)):
        a = dataclasses.replace(delta.frame(i), settings={})
        b = dataclasses.replace(full.frame(i), settings={})
        assert a.chans == b.chans, f"step {i}"
        if i % 5 == 0:
            assert a == b, f"step {i}"


def test_capacity_grows_unless_fixed(tmp_path):
    """A program with more goroutines than max_g runs to the end (the capacity doubles and the
    run is redone), and the same program with max_g fixed by the caller ends with the capacity
    error naming it."""
    src = FLOOD.replace("600", "5000").replace("make(chan int, 1000)", "make(chan int, 5000)")
    p = tmp_path / "many.go"
    p.write_text(src)
    tr = api.simulate(p, record=False, timeout="10s", max_steps=2_000_000)
    assert tr.outcome.exit == "ok", tr.outcome.message
    assert tr.outcome.stdout == ("5000",)
    assert tr.stats["goroutines_created"] >= 5000
    fixed = api.simulate(p, record=False, timeout="10s", capacities={"max_g": 4096})
    assert fixed.outcome.exit == "fatal"
    assert "max_g=4096" in fixed.outcome.message and "capacities=" in fixed.outcome.message
    sw = api.sweep(p, seeds=range(3), timeout="10s")
    assert list(sw["exit"]) == ["ok"] * 3


RECURSE = """package main

import "fmt"

func f(n int) int {
	return f(n+1) + 1
}

func main() {
	fmt.Println(f(0))
}
"""


def test_capacity_growth_stops_at_its_limit(tmp_path):
    """Unbounded recursion grows max_frames only up to api.GROW_LIMIT times its default and then
    ends with the capacity error that names it (the run does not grow forever)."""
    p = tmp_path / "recurse.go"
    p.write_text(RECURSE)
    tr = api.simulate(p, record=False)
    assert tr.outcome.exit == "fatal"
    limit = api.GROW_LIMIT * api.Settings().cfg().max_frames
    assert f"max_frames={limit}" in tr.outcome.message
