"""runtime.GOMAXPROCS(n) stops the world (debug.go, 1.27: stopTheWorldGC, newprocs = n,
startTheWorldGC -> procresize), as the model does now (core/sched.py procresize, check_stw).

Three consequences a program can see, each checked here: a goroutine that cannot be preempted
(a loop without calls under GODEBUG=asyncpreemptoff=1) makes GOMAXPROCS wait forever, as
runtime.GC does (the real run hangs too: the realgo test); a removed P's Gs go to the *head* of
the global run queue, its runnext first, then its local queue in order ((*p).destroy ->
globrunqputhead); and the caller whose P is removed goes on on P0."""
from __future__ import annotations

import pytest

import gostep.api as api

SPIN = """package main

import (
	"fmt"
	"runtime"
	"time"
)

func spin() {
	x := 0
	for {
		x++
	}
}

func main() {
	runtime.GOMAXPROCS(2)
	go spin()
	time.Sleep(time.Millisecond)
	t := time.Now()
	prev := runtime.GOMAXPROCS(1)
	fmt.Println("GOMAXPROCS was", prev, "returned after", time.Since(t) < 50*time.Millisecond)
}
"""


@pytest.fixture(scope="module")
def spin_file(tmp_path_factory):
    p = tmp_path_factory.mktemp("gmp") / "spin.go"
    p.write_text(SPIN)
    return p


def test_gomaxprocs_waits_for_a_running_goroutine_to_stop(spin_file):
    """With asynchronous preemption the spinner is stopped and GOMAXPROCS returns at once; under
    asyncpreemptoff=1 the spinner never reaches a preemption point and the run hangs."""
    ok = api.simulate(spin_file, timeout="2s")
    assert ok.outcome.exit == "ok"
    assert ok.outcome.stdout == ("GOMAXPROCS was 2 returned after true",)
    hang = api.simulate(spin_file, timeout="2s", godebug="asyncpreemptoff=1", record=False)
    assert hang.outcome.exit == "hang"
    assert hang.outcome.stdout == ()


@pytest.mark.realgo
def test_real_go_agrees(spin_file, go_bin):
    """Real Go 1.27 gives the same two outcomes (the hang is killed at the timeout)."""
    from gostep.real import run
    res = run(spin_file, timeout="2s")
    assert res.exit == "ok"
    assert tuple(res.stdout) == ("GOMAXPROCS was 2 returned after true",)
    res = run(spin_file, timeout="1s", godebug="asyncpreemptoff=1")
    assert res.exit == "hang"


QUEUED = """package main

import (
	"fmt"
	"runtime"
	"sync"
)

func work(i int, wg *sync.WaitGroup) {
	defer wg.Done()
	s := 0
	for j := 0; j < 200; j++ {
		s += j
	}
	if s < 0 {
		fmt.Println(i)
	}
}

func main() {
	runtime.GOMAXPROCS(2)
	var wg sync.WaitGroup
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go work(i, &wg)
	}
	s := 0
	for j := 0; j < 5000; j++ { // P1 wakes up and steals half of P0's queue meanwhile
		s += j
	}
	runtime.GOMAXPROCS(1)
	wg.Wait()
	fmt.Println("done", s > 0)
}
"""


def _stw_events(tr):
    return [i for i, e in enumerate(tr.events) if e.kind == "stw"]


@pytest.mark.parametrize("seed", range(6))
def test_removed_p_queues_go_to_the_head_of_the_global_queue(tmp_path, seed):
    """At the restart of the world the global queue is: P1's runnext, then P1's local queue in its
    order, then what the global queue held (with the Gs preempted by the stop-the-world at its
    tail); P1 is gone and the caller runs on P0."""
    p = tmp_path / "queued.go"
    p.write_text(QUEUED)
    tr = api.simulate(p, seed=seed, timeout="1s")
    assert tr.outcome.exit == "ok" and tr.outcome.stdout == ("done true",)
    stw = _stw_events(tr)
    start = [i for i in stw if "GOMAXPROCS(1)" in tr.events[i].text and "stops the world" in tr.events[i].text]
    restart = [i for i in stw if "procresize(1)" in tr.events[i].text]
    assert len(start) == 1 and len(restart) == 1 and start[0] < restart[0]
    before = tr.frame(restart[0] - 1)          # the world stopped, P1 not yet destroyed
    after = tr.frame(restart[0])
    p1 = next(pv for pv in before.ps if pv.pid == 1)
    head = ((p1.runnext,) if p1.runnext > 0 else ()) + tuple(p1.runq)
    assert head, "P1 had queued goroutines (the test needs them)"
    assert before.global_runq, "P1's running G was preempted to the global queue's tail"
    assert tuple(after.global_runq) == head + tuple(before.global_runq)
    assert [pv.pid for pv in after.ps] == [0]
    main = next(g for g in after.gs if g.gid == 1)
    assert main.status == "running" and main.pid == 0


def test_the_picture_shows_the_ps_in_use(tmp_path):
    """The frame's header says GOMAXPROCS=2 while two Ps run and GOMAXPROCS=1 after procresize(1)
    (it showed the starting setting at every step)."""
    from gostep.views import to_svg
    p = tmp_path / "queued.go"
    p.write_text(QUEUED)
    tr = api.simulate(p, seed=0, timeout="1s")
    restart = [i for i in _stw_events(tr) if "procresize(1)" in tr.events[i].text][0]
    assert "GOMAXPROCS=2" in to_svg(tr.frame(restart - 1))
    assert "GOMAXPROCS=1" in to_svg(tr.frame(restart))
