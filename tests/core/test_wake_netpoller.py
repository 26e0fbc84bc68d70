"""Arming a timer while the other Ps are parked starts an M (wakeNetPoller -> wakep), as in Go.

runtime/proc.go wakeNetPoller (Go 1.27.3): if an M is blocked in netpoll past the new timer it is
interrupted (netpollBreak); if no M is in netpoll, wakep() starts one, which finds no work and
blocks in netpoll until the timer. Without the second branch, a deadline armed by a goroutine that
then keeps its P busy fired only when sysmon preempted it (about 11 ms for a 5 ms timeout at
GOMAXPROCS=2 in the model; 5.2-7.1 ms on real Go).
"""
from __future__ import annotations

import pytest

import gostep as gs
from gostep.course.checks import parse_duration_ms

BUSY_MAIN = """package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	start := time.Now()
	x := 0
	for ctx.Err() == nil {
		for i := 0; i < 1000; i++ {
			x++
		}
	}
	fmt.Println("observed:", time.Since(start))
}
"""


def _observed(stdout) -> float:
    return parse_duration_ms(stdout[-1].split("observed:")[1])


def test_timer_armed_with_other_ps_parked_starts_an_m():
    """At GOMAXPROCS=2 the idle P runs the deadline on time although main never yields; the
    timer_add is followed by a wakep."""
    tr = gs.simulate(gs.parse(BUSY_MAIN, name="busy_main.go"), gomaxprocs=2, seed=0)
    assert tr.outcome.exit == "ok"
    assert 5.0 <= _observed(tr.outcome.stdout) < 6.0
    kinds = [tr.frame(i).event.kind for i in range(len(tr))]
    add = kinds.index("timer_add")
    assert "wakep" in kinds[add:add + 3]


def test_one_p_still_waits_for_the_preemption():
    """With one P there is no idle P to wake: the deadline waits for sysmon to preempt main."""
    tr = gs.simulate(gs.parse(BUSY_MAIN, name="busy_main.go"), gomaxprocs=1, seed=0)
    assert _observed(tr.outcome.stdout) >= 10.0


@pytest.mark.realgo
def test_real_go_fires_on_time_with_two_ps(go_bin):
    """Real Go at GOMAXPROCS=2 sees the 5 ms deadline within a few ms, as the model now does."""
    runs = gs.real.run(BUSY_MAIN, gomaxprocs=2, runs=3, timeout="5s")
    vals = sorted(_observed(r.stdout) for r in runs)
    assert vals[0] < 9.0, vals
