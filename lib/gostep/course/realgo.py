"""Real Go in a chapter: deterministic conclusions from noisy runs, and recorded results.

Design
======

Real runs are not deterministic, so a chapter shows their raw numbers in a cell tagged
`nbval-ignore-output` and puts the conclusion in a compared cell: `band(values_ms, 15, 30)`
prints "real Go: median within 15-30 ms: True". The band is wide on purpose (the machine is a shared
2-core VM; go-facts measured medians of 20.2-24.0 ms for the one-P spinner on every version): it
checks the structural fact (about 20 ms, not 5 ms and not never), not a number to a decimal.

When the toolchain is missing, `recorded(...)` gives the numbers measured on Go 1.27.3 for the
project's fact sheet (experiment 01: 30 samples per setting, time from WithTimeout(5ms) to
<-ctx.Done() returning; None = still running after 8 s, killed), and the cell says so.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass

# (GOMAXPROCS, GODEBUG, spinner loop) -> (min, median, p90, max) in ms, or None for a hang.
# Loops: none (no spinner), tight (for { x++ }), leaf (a call to a nosplit leaf), call (a call to a
# non-leaf function), sleep0 (time.Sleep(0)), gosched (runtime.Gosched()). Go 1.27.3, linux/amd64.
SPIN_TIMEOUT_1_27_3 = {
    (1, "", "none"): (5.187, 5.21, 5.224, 5.341),
    (1, "", "tight"): (20.215, 24.008, 28.614, 31.989),
    (1, "", "leaf"): (19.419, 21.674, 27.955, 30.315),
    (1, "", "call"): (16.207, 20.968, 29.89, 35.182),
    (1, "", "sleep0"): (15.931, 20.337, 24.077, 28.056),
    (1, "", "gosched"): (5.016, 5.794, 12.003, 15.738),
    (1, "asyncpreemptoff=1", "none"): (5.202, 5.246, 5.274, 5.376),
    (1, "asyncpreemptoff=1", "tight"): None,
    (1, "asyncpreemptoff=1", "leaf"): None,
    (1, "asyncpreemptoff=1", "call"): (19.019, 20.203, 20.302, 20.359),
    (1, "asyncpreemptoff=1", "sleep0"): (20.153, 20.224, 20.315, 23.544),
    (1, "asyncpreemptoff=1", "gosched"): (5.005, 5.016, 5.024, 5.093),
    (2, "", "none"): (5.132, 5.202, 5.271, 5.291),
    (2, "", "tight"): (5.13, 5.187, 5.894, 7.94),
    (2, "", "leaf"): (5.162, 5.21, 5.373, 5.714),
    (2, "", "call"): (5.173, 5.219, 5.35, 7.436),
    (2, "", "sleep0"): (5.147, 5.195, 5.264, 6.224),
    (2, "", "gosched"): (5.009, 5.701, 9.734, 12.887),
    (2, "asyncpreemptoff=1", "none"): (5.23, 5.284, 5.334, 5.79),
    (2, "asyncpreemptoff=1", "tight"): (5.143, 5.193, 5.213, 5.231),
    (2, "asyncpreemptoff=1", "leaf"): (5.156, 5.207, 5.37, 8.745),
    (2, "asyncpreemptoff=1", "call"): (5.135, 5.167, 5.212, 5.268),
    (2, "asyncpreemptoff=1", "sleep0"): (5.156, 5.204, 5.236, 6.729),
    (2, "asyncpreemptoff=1", "gosched"): (5.019, 5.8, 9.799, 10.565),
}

# sysmon's nanosleep durations (µs, count), strace of Go 1.27.3 (run-length encoded).
SYSMON_SLEEPS_1_27_3 = [(20, 51), (40, 1), (80, 1), (160, 1), (320, 1), (640, 1), (1280, 1),
                        (2560, 1), (5120, 1), (10000, 15)]


@dataclass(frozen=True)
class Band:
    """Whether a statistic of some real runs lies in [lo, hi] (ms); prints deterministically."""

    stat: str
    lo: float
    hi: float
    inside: bool
    label: str = "real Go"

    def __bool__(self) -> bool:
        return self.inside

    def __repr__(self) -> str:
        return f"{self.label}: {self.stat} within {self.lo:g}-{self.hi:g} ms: {self.inside}"


def band(values_ms, lo: float, hi: float, stat: str = "median", label: str = "real Go") -> Band:
    """The deterministic conclusion of noisy runs: is their median (or min/max) within [lo, hi] ms?"""
    vals = [float(v) for v in values_ms if v is not None]
    if not vals:
        return Band(stat, lo, hi, False, label)
    x = {"median": statistics.median, "min": min, "max": max}[stat](vals)
    return Band(stat, lo, hi, lo <= x <= hi, label)


@dataclass(frozen=True)
class Recorded:
    """A recorded real-Go result, with the note that it is recorded."""

    setting: str
    value: tuple | None

    def __repr__(self) -> str:
        if self.value is None:
            return f"recorded (Go 1.27.3, 30 runs), {self.setting}: hang (still running after 8 s)"
        mn, med, p90, mx = self.value
        return (f"recorded (Go 1.27.3, 30 runs), {self.setting}: min {mn:g} ms, median {med:g} ms, "
                f"p90 {p90:g} ms, max {mx:g} ms")


def recorded(gomaxprocs: int = 1, godebug: str = "", loop: str = "tight") -> Recorded:
    """The recorded spinner measurement of Go 1.27.3 for one setting (for machines without Go)."""
    key = (gomaxprocs, godebug, loop)
    if key not in SPIN_TIMEOUT_1_27_3:
        raise KeyError(f"no recorded result for {key}; recorded: {sorted(SPIN_TIMEOUT_1_27_3)}")
    setting = f"GOMAXPROCS={gomaxprocs}" + (f" GODEBUG={godebug}" if godebug else "") + f" loop={loop}"
    return Recorded(setting, SPIN_TIMEOUT_1_27_3[key])
