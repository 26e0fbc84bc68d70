"""The spinner experiment of chapter 2: a 5 ms WithTimeout beside a CPU-bound goroutine.

One program template, one loop body per kind, the same kinds as the fact sheet's experiment 01:

    none     no spinner (the baseline: the timer's own lateness)
    tight    for { x++ }                      no call: only an asynchronous preemption stops it
    leaf     for { x = inc(x) }               a small leaf call: inlined, no stack check
    call     for { x = fib(x % 20) + 1 }      a non-leaf call (recursive, never inlined): a stack check
    sleep0   for { time.Sleep(0); x++ }       time.Sleep(0) returns at once: an ordinary call
    gosched  for { runtime.Gosched(); x++ }   an explicit yield

`spinner_program(kind)` gives the Go source (it prints `observed: <duration>`: the time from
WithTimeout to <-ctx.Done() returning). `experiment(settings)` runs each setting in the model over
many seeds and on real Go many times, and returns an `Experiment` whose model part prints
deterministically and whose `plot()` puts both on the same axes with the same bins.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .hist import delay_histogram, same_bins, summary

LOOP_BODIES = {
    "tight": ["x++"],
    "leaf": ["x = inc(x)"],
    "call": ["x = fib(x%20) + 1"],
    "sleep0": ["time.Sleep(0)", "x++"],
    "gosched": ["runtime.Gosched()", "x++"],
}

_TEMPLATE = """package main

import (
	"context"
	"fmt"
IMPORTS	"time"
)

var sink int

func inc(x int) int { return x + 1 }

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

// spin burns CPU forever.
func spin(started chan struct{}) {
	close(started)
	x := 0
	for {
BODY
	}
	sink = x
}

func main() {
	started := make(chan struct{})
GO
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	<-ctx.Done()
	fmt.Println("observed:", time.Since(start))
}
"""


def spinner_program(kind: str = "tight") -> str:
    """The Go source of the spinner experiment with loop `kind` (see the module doc)."""
    if kind != "none" and kind not in LOOP_BODIES:
        raise KeyError(f"unknown loop kind {kind!r}: none, {', '.join(LOOP_BODIES)}")
    body = "\n".join("\t\t" + s for s in LOOP_BODIES.get(kind, ["x++"]))
    go = "\tclose(started)" if kind == "none" else "\tgo spin(started)\n\t<-started"
    imports = "\t\"runtime\"\n" if kind == "gosched" else ""
    return _TEMPLATE.replace("BODY", body).replace("GO", go).replace("IMPORTS", imports)


@dataclass(frozen=True)
class Setting:
    """One cell of the experiment: a loop kind, GOMAXPROCS and GODEBUG."""

    kind: str
    gomaxprocs: int = 1
    godebug: str = ""

    @property
    def label(self) -> str:
        return f"P={self.gomaxprocs} {self.kind}" + (f" {self.godebug}" if self.godebug else "")


SETTINGS = (
    Setting("none"), Setting("tight"), Setting("tight", 2), Setting("call"),
    Setting("sleep0"), Setting("gosched"), Setting("tight", 1, "asyncpreemptoff=1"),
    Setting("call", 1, "asyncpreemptoff=1"),
)


@dataclass
class Experiment:
    """Model delays (deterministic) and real delays (noisy) per setting, in ms; None = hung."""

    settings: tuple
    model: dict = field(default_factory=dict)
    real: dict = field(default_factory=dict)

    def model_text(self) -> str:
        return "\n".join(summary(self.model[s], f"{s.label:<28} model") for s in self.settings)

    def real_text(self) -> str:
        return "\n".join(summary(self.real.get(s, []), f"{s.label:<28} real Go") for s in self.settings)

    def __repr__(self) -> str:
        return self.model_text()

    def slowest(self, kinds=("tight", "call", "sleep0")) -> str:
        """The slowest round that did not hang, over the one-P settings (no GODEBUG) of `kinds`:
        in the model and on real Go. It shows that "about 20 ms" is typical, not a bound."""
        picked = [s for s in self.settings if s.gomaxprocs == 1 and not s.godebug and s.kind in kinds]

        def top(d):
            vals = [v for s in picked for v in (d.get(s) or []) if v is not None]
            return f"{max(vals):.2f} ms of {len(vals)} rounds" if vals else "no round"
        return (f"slowest round, one P, loops that do not yield ({', '.join(s.kind for s in picked)}): "
                f"model {top(self.model)}, real Go {top(self.real)}")

    def plot(self, cols: int = 2):
        """A grid of histograms, one per setting: model and real on the same axes and bins."""
        import matplotlib.pyplot as plt
        n = len(self.settings)
        rows = (n + cols - 1) // cols
        fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 2.2 * rows), dpi=60, squeeze=False)
        # one axis for all: 0 to 50 ms in 0.5 ms bins (later runs are counted in each legend)
        edges = same_bins(lo=0.0, hi=50.0, width_ms=0.5)
        for ax, s in zip(axes.flat, self.settings):
            delay_histogram(self.model[s], self.real.get(s), bins=edges, ax=ax, title=s.label,
                            deadline_ms=5.0)
            ax.set_xlabel("")
        for ax in list(axes.flat)[n:]:
            ax.axis("off")
        fig.supxlabel("observed delay of a 5 ms timeout (ms)", fontsize=9)
        fig.tight_layout()
        return fig


def experiment(settings=SETTINGS, seeds=range(5), runs: int = 20, real: bool = True,
               hang_runs: int = 2, model_timeout: str = "60ms", noise: dict | None = None,
               call_seeds=None) -> Experiment:
    """Run every setting in the model over `seeds` and (if `real`) `runs` times on real Go.

    `call_seeds` (default: `seeds`) is used for the *call* loop instead: the stepper interprets
    every one of fib's calls, so one model run of it costs about a second of real time, where the
    other loops cost milliseconds (the tight loop is skipped over as an endless unobservable loop).

    `noise` (for example gostep.MEASURED_NOISE) gives the model's runs a noisy machine: timer
    slack and late OS wake-ups, fitted in docs/calibration.md; without it each setting gives one
    exact delay. A model run still going at `model_timeout` of virtual time (12 times the 5 ms
    deadline) counts as hung."""
    import gostep as gs
    from .runs import model_delays, real_delays
    exp = Experiment(tuple(settings))
    for s in exp.settings:
        src = spinner_program(s.kind)
        prog = gs.parse(src, name=f"spin_{s.kind}.go")
        kw = {"gomaxprocs": s.gomaxprocs}
        if s.godebug:
            kw["godebug"] = s.godebug
        mkw = dict(kw, capacities=dict(noise)) if noise else kw
        sd = call_seeds if (s.kind == "call" and call_seeds is not None) else seeds
        exp.model[s] = model_delays(prog, seeds=sd, timeout=model_timeout, **mkw)
        if real:
            hangs = all(v is None for v in exp.model[s])
            try:
                exp.real[s] = real_delays(src, runs=hang_runs if hangs else runs,
                                          timeout="1s" if hangs else "2s", **kw)
            except Exception:
                exp.real[s] = None
    return exp
