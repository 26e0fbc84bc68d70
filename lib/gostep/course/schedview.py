"""A real GODEBUG=schedtrace run as a table and a plot (chapter 2).

`gostep.real.schedtrace(program, period_ms=10)` runs the program once with
`GODEBUG=schedtrace=10` and parses its `SCHED` lines into dicts (Go 1.27.3 fields: t_ms,
gomaxprocs, idleprocs, threads, spinningthreads, needspinning, idlethreads, runqueue, local_runq,
schedticks, since Go 1.25: absent from Go 1.24.11's schedtrace, present in 1.25.5). `SchedView` prints them as a fixed-width table and plots the run queues and each P's
schedtick over time. What each field means: docs/runtime-notes.md N15.
"""
from __future__ import annotations

from dataclasses import dataclass

COLUMNS = ("t_ms", "gomaxprocs", "idleprocs", "threads", "spinningthreads", "needspinning",
           "idlethreads", "runqueue", "local_runq", "schedticks")


@dataclass(frozen=True)
class SchedView:
    """SCHED rows of one real run."""

    rows: tuple

    def __repr__(self) -> str:
        heads = {"spinningthreads": "spinning", "needspinning": "needspin", "idlethreads": "idlethr",
                 "local_runq": "[local]", "schedticks": "schedticks"}
        cols = [c for c in COLUMNS if any(c in r for r in self.rows)]
        out = [" ".join(f"{heads.get(c, c):>10}" for c in cols)]
        for r in self.rows:
            out.append(" ".join(f"{str(r.get(c, '')).replace(' ', ''):>10}" for c in cols))
        return "\n".join(out)

    def fields_ok(self) -> bool:
        """Every line has the Go 1.25+ fields, and one local queue and one schedtick per P."""
        need = {"gomaxprocs", "idleprocs", "threads", "runqueue", "local_runq", "schedticks"}
        return bool(self.rows) and all(need <= set(r) and len(r["local_runq"]) == r["gomaxprocs"]
                                       and len(r["schedticks"]) == r["gomaxprocs"] for r in self.rows)

    def plot(self, ax=None):
        """Global run queue, P0's local queue and P0's schedtick over time; returns ax."""
        import matplotlib.pyplot as plt
        if ax is None:
            _fig, ax = plt.subplots(figsize=(6.5, 2.3), dpi=72)
        t = [r["t_ms"] for r in self.rows]
        ax.step(t, [r["runqueue"] for r in self.rows], where="post", label="runqueue (global)",
                color="#4477aa")
        ax.step(t, [r["local_runq"][0] for r in self.rows], where="post", linestyle="--",
                label="P0 local run queue", color="#cc6677")
        ax.set_xlabel("ms since start (SCHED lines)")
        ax.set_ylabel("goroutines")
        ax2 = ax.twinx()
        ax2.plot(t, [r["schedticks"][0] for r in self.rows], ":", marker=".", color="#228833",
                 label="P0 schedtick")
        ax2.set_ylabel("schedtick")
        lines = ax.get_legend_handles_labels()
        lines2 = ax2.get_legend_handles_labels()
        ax.legend(lines[0] + lines2[0], lines[1] + lines2[1], fontsize=7, loc="upper left")
        return ax


def sched_view(st) -> SchedView:
    """A SchedView of gostep.real.schedtrace's result (its SCHED rows only)."""
    rows = getattr(st, "rows", st)
    return SchedView(tuple(r for r in rows if r.get("kind", "sched") == "sched"))
