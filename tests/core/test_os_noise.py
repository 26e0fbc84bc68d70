"""OS noise in the stepper (Cfg os_noise_ns, os_slow_ns, os_slow_ppm, sleep_slack_ns):
off by default, reproducible per seed, never makes a timer early, and gives the measured bands
of docs/calibration.md ("Implemented: gostep.MEASURED_NOISE")."""
from __future__ import annotations

import statistics

import pytest

import gostep as gs
from gostep.course.runs import model_delays
from gostep.course.spinner import spinner_program

NOISE = gs.MEASURED_NOISE


def _delays(kind, seeds, **kw):
    prog = gs.parse(spinner_program(kind), name=f"spin_{kind}.go")
    return model_delays(prog, seeds=seeds, timeout="200ms", **kw)


def test_default_is_noiseless():
    """Without noise settings every seed gives the same delay (the model's time is exact)."""
    d = _delays("tight", range(6), gomaxprocs=1)
    assert len(set(d)) == 1 and d[0] is not None


def test_noise_is_reproducible_per_seed():
    """The same seed with the same noise gives the same delay; different seeds differ."""
    a = _delays("tight", range(12), gomaxprocs=1, capacities=NOISE)
    b = _delays("tight", range(12), gomaxprocs=1, capacities=NOISE)
    assert a == b
    assert len(set(a)) > 3


def test_measured_noise_bands():
    """With MEASURED_NOISE: an idle 5 ms timeout is never early and has a median of 5.1-5.4 ms
    (real 5.13-5.28); beside a spinner on one P the median stays in the 20 ms band (real
    20.0-20.3) with a spread, and no run is outside 10-40 ms; on two Ps the median is on time."""
    idle = _delays("none", range(60), gomaxprocs=1, capacities=NOISE)
    assert min(idle) >= 5.0
    assert 5.1 <= statistics.median(idle) <= 5.4
    one = _delays("tight", range(60), gomaxprocs=1, capacities=NOISE)
    assert all(v is not None and 10.0 <= v <= 40.0 for v in one)
    assert 19.5 <= statistics.median(one) <= 21.0
    assert max(one) - min(one) >= 1.0
    two = _delays("tight", range(40), gomaxprocs=2, capacities=NOISE)
    assert 5.0 <= statistics.median(two) <= 5.5


def test_sleep_slack_lengthens_sysmon_sleeps():
    """With sleep_slack_ns, each sysmon round lasts its usleep delay plus the slack (strace shows
    usleep(20) lasting about 70-100 us on Linux); without it, exactly the delay."""
    prog = gs.parse(spinner_program("tight"), name="spin.go")
    for slack in (0, 50_000):
        tr = gs.simulate(prog, gomaxprocs=1, timeout="3ms", capacities={"sleep_slack_ns": slack})
        times = tr.times()
        ticks = [int(times[i]) for i, e in enumerate(tr.events) if e.kind == "sysmon"]
        assert len(ticks) >= 10
        gaps = [b - a for a, b in zip(ticks, ticks[1:])]
        assert gaps[0] == 20_000 + slack, gaps[:3]


@pytest.mark.parametrize("seed", range(5))
def test_noise_never_makes_a_sleep_early(seed):
    """time.Sleep under noise: every wake-up is at or after the requested time."""
    src = """package main

import (
	"fmt"
	"time"
)

func main() {
	for i := 0; i < 5; i++ {
		start := time.Now()
		time.Sleep(time.Duration(100+i*700) * time.Microsecond)
		fmt.Println("observed:", time.Since(start))
	}
}
"""
    tr = gs.simulate(gs.parse(src, name="sleeps.go"), seed=seed, capacities=NOISE)
    assert tr.outcome.exit == "ok"
    got = [line.split()[1] for line in tr.outcome.stdout]
    from gostep.corpus import parse_duration
    for i, text in enumerate(got):
        assert parse_duration(text) >= (100 + i * 700) * 1000, (i, text)
