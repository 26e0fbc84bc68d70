"""Chapter 2's fixes for a late timeout, side by side with what each one costs the spinner.

The fixes, for the spinner on one P (course chapter 2):

    gosched   runtime.Gosched() in every iteration: each call is a scheduler pass on g0, which runs
              the P's due timers (runtime/proc.go Gosched -> gosched_m -> schedule)
    err/N     ctx.Err() every N iterations, leaving the loop once it is non-nil. On one P this does
              not make the timer run sooner: Err() turns non-nil only when cancel has run
              (context/context.go (*cancelCtx).Err loads c.err, which cancel stores), and cancel
              runs in the goroutine the timer starts, after the timer ran on g0. What it buys is
              that the loop stops soon after the deadline
    procs2    GOMAXPROCS=2, the loop unchanged: the idle P's M sleeps in netpoll only until the
              earliest timer and runs it (stealWork). (Go 1.25+ chooses GOMAXPROCS from the cgroup
              CPU limit but never below 2 unless the machine or the affinity mask has fewer CPUs:
              runtime/debug.go, the GOMAXPROCS doc)

Two numbers per fix, in the model and on real Go:

- how late main sees the deadline: the spinner program of chapter 2 (`spinner_program`), its
  deadline armed the way WithTimeout arms it, `time.AfterFunc(d, cancel)` (context/context.go
  WithDeadlineCause), on a context the spinner receives when it starts, so that the loop can call
  ctx.Err(); lateness = observed - 5 ms;
- what it costs the spinner: the same loop, alone, for a fixed number of iterations; ns per
  iteration. (The model charges about 1 ns per bytecode instruction, lib/gostep/core/defs.py
  default_costs, where real Go's compiled `x++` loop takes well under 1 ns: compare the ratios
  to the unfixed loop, not the absolute values.)

Both programs are built from `spinner_program`'s text (spinner.py) by replacing the parts named
in `_replace`; a replacement that no longer matches raises, so a change of the template is seen.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from .spinner import spinner_program

__all__ = ["FIXES", "Fix", "fix_program", "cost_program", "fix_costs", "FixCosts"]

DEADLINE_MS = 5.0


@dataclass(frozen=True)
class Fix:
    """One row: a loop and a GOMAXPROCS."""

    name: str
    kind: str          # the spinner.py loop kind the program starts from ("tight" or "gosched")
    every: int = 0     # ctx.Err() every `every` iterations (0: never)
    gomaxprocs: int = 1
    iters: int = 200_000   # iterations of the cost program (real Go: a few ms each)

    @property
    def label(self) -> str:
        return self.name


FIXES = (
    Fix("none (for { x++ })", "tight", iters=2_000_000),
    Fix("Gosched every iteration", "gosched", iters=20_000),
    Fix("ctx.Err() every iteration", "tight", every=1, iters=1_000_000),
    Fix("ctx.Err() every 100", "tight", every=100, iters=2_000_000),
    Fix("ctx.Err() every 10000", "tight", every=10_000, iters=2_000_000),
    Fix("GOMAXPROCS=2", "tight", gomaxprocs=2, iters=2_000_000),
)


def _replace(src: str, old: str, new: str) -> str:
    if old not in src:
        raise ValueError(f"spinner_program's template changed: {old!r} not found")
    return src.replace(old, new, 1)


_ERR_CHECK = ("\t\tif {cond}ctx.Err() != nil {{\n"
              "\t\t\tbreak\n"
              "\t\t}}\n")


def _with_err(src: str, every: int) -> str:
    if every:
        src = _replace(src, "\t\tx++\n\t}\n", "\t\tx++\n" + _ERR_CHECK.format(cond="" if every == 1 else f"x%{every} == 0 && ") + "\t}\n")
        src = _replace(src, "// spin burns CPU forever.",
                       "// spin burns CPU until ctx is done, checking it every "
                       + ("iteration." if every == 1 else f"{every} iterations."))
    return src


def fix_program(fix: Fix) -> str:
    """The lateness program of one fix: chapter 2's spinner, with a context it can check."""
    src = spinner_program(fix.kind)
    src = _replace(src, "func spin(started chan struct{}) {", "func spin(ctx context.Context, started chan struct{}) {")
    src = _with_err(src, fix.every)
    src = _replace(
        src,
        "\tgo spin(started)\n\t<-started\n\tstart := time.Now()\n"
        "\tctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)\n"
        "\tdefer cancel()\n",
        "\tctx, cancel := context.WithCancel(context.Background())\n\tdefer cancel()\n"
        "\tgo spin(ctx, started)\n\t<-started\n\tstart := time.Now()\n"
        "\t// the deadline as WithTimeout arms it (context.WithDeadlineCause: time.AfterFunc)\n"
        "\ttime.AfterFunc(5*time.Millisecond, cancel)\n")
    return src


def cost_program(fix: Fix) -> str:
    """The cost program of one fix: the loop alone, `fix.iters` iterations, prints `loop: <time>`."""
    src = spinner_program(fix.kind)
    src = _with_err(src, fix.every)
    src = _replace(src, "\tfor {\n", f"\tfor i := 0; i < {fix.iters}; i++ {{\n")
    head, _sep, _main = src.partition("func main() {")
    body = head.split("// spin burns CPU")[0]
    loop = src[src.index("\tx := 0\n"):src.index("\tsink = x\n")]
    return (body + "func main() {\n"
            "\tctx, cancel := context.WithCancel(context.Background())\n\tdefer cancel()\n"
            "\tstart := time.Now()\n" + loop + "\tsink = x\n"
            "\tfmt.Println(\"loop:\", time.Since(start))\n\t_ = ctx\n}\n")


@dataclass
class FixCosts:
    """Per fix: lateness (ms after the 5 ms deadline) and ns per iteration, model and real Go."""

    fixes: tuple
    model_late: dict = field(default_factory=dict)    # fix -> [ms or None]
    model_ns: dict = field(default_factory=dict)      # fix -> ns per iteration
    real_late: dict = field(default_factory=dict)
    real_ns: dict = field(default_factory=dict)

    @staticmethod
    def _med(v):
        v = [x for x in (v or []) if x is not None]
        return statistics.median(v) if v else None

    def late_ms(self, fix: Fix, real: bool = False):
        return self._med((self.real_late if real else self.model_late).get(fix))

    def slowdown(self, fix: Fix, real: bool = False):
        """ns per iteration of this fix's loop / the unfixed loop's (same GOMAXPROCS=1 baseline)."""
        ns = self.real_ns if real else self.model_ns
        base = self._med(ns.get(self.fixes[0]))
        v = self._med(ns.get(fix))
        return None if not base or v is None else v / base

    def _table(self, real: bool) -> str:
        who = "real Go" if real else "model"
        out = [f"{'fix (one P unless said)':27} {who + ': main sees the deadline':>34}  "
               f"{'ns/iteration':>12}  {'x unfixed':>9}"]
        for f in self.fixes:
            late = self.late_ms(f, real)
            lt = "never (hung)" if late is None else f"{late:+.2f} ms after it"
            ns = self._med((self.real_ns if real else self.model_ns).get(f))
            sd = self.slowdown(f, real)
            out.append(f"{f.label:27} {lt:>34}  {'-' if ns is None else f'{ns:12.2f}':>12}  "
                       f"{'-' if sd is None else f'{sd:9.1f}':>9}")
        return "\n".join(out)

    def model_text(self) -> str:
        return self._table(False)

    def real_text(self) -> str:
        """Real Go's medians (they vary from run to run: for a cell whose output is not compared)."""
        if not self.real_late:
            return "real Go: not measured"
        n = max((len(v) for v in self.real_late.values() if v), default=0)
        return self._table(True) + f"\n(medians of {n} runs each)"

    def __repr__(self) -> str:
        return self.model_text()

    def conclusion(self, real: bool = True) -> str:
        """The deterministic conclusion of the (noisy) real runs, or of the model's: three yes/no
        lines that hold on any ordinary run, for a compared cell."""
        by = {f.every and "err" or f.kind if f.gomaxprocs == 1 else "procs2": f for f in self.fixes}
        errs = [f for f in self.fixes if f.every]
        late = lambda f: self.late_ms(f, real)  # noqa: E731
        ns = lambda f: self._med((self.real_ns if real else self.model_ns).get(f))  # noqa: E731
        who = "real Go" if real else "model"
        on_time = all(late(by[k]) is not None and late(by[k]) < 2.0 for k in ("gosched", "procs2"))
        err_late = all(late(f) is not None and late(f) > 4.0 for f in errs)
        g, e1 = ns(by["gosched"]), ns(errs[0]) if errs else None
        dear = g is not None and e1 is not None and g > 10 * e1
        return "\n".join([
            f"{who}: Gosched and GOMAXPROCS=2 see the deadline within 2 ms: {on_time}",
            f"{who}: ctx.Err() alone leaves main more than 4 ms late on one P: {err_late}",
            f"{who}: a Gosched costs over 10x a ctx.Err() per iteration: {dear}"])

    def plot(self):
        """Two panels: lateness and slowdown per fix, model (filled) and real Go (hatched)."""
        import matplotlib.pyplot as plt
        import numpy as np
        names = [f.label for f in self.fixes]
        y = np.arange(len(names))
        fig, (a1, a2) = plt.subplots(1, 2, figsize=(8, 0.32 * len(names) + 1.1), dpi=72, sharey=True)
        for ax, get, title in ((a1, self.late_ms, "main sees the deadline (ms after it)"),
                               (a2, self.slowdown, "cost: time per iteration / unfixed loop's")):
            for dy, real, kw in ((-0.18, False, dict(color="#4477aa", label="model")),
                                 (0.18, True, dict(facecolor="none", edgecolor="#cc6677",
                                                   hatch="///", label="real Go"))):
                vals = [get(f, real) for f in self.fixes]
                if real and not self.real_late:
                    continue
                ax.barh(y + dy, [0 if v is None else v for v in vals], height=0.34, **kw)
                for yy, v in zip(y + dy, vals):
                    txt = "hung" if v is None else (f"{v:.1f} ms" if ax is a1 else f"{v:.3g}x")
                    ax.text(v or 0, yy, " " + txt, va="center", fontsize=6.5,
                            color=kw.get("color", kw.get("edgecolor")))
            ax.set_title(title, fontsize=8.5)
            ax.tick_params(labelsize=8)
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
        a2.set_xscale("log")
        a2.axvline(1, color="#999", lw=0.8)
        a1.set_xlim(0, a1.get_xlim()[1] * 1.2)
        a2.set_xlim(0.5, a2.get_xlim()[1] * 4)
        a1.set_yticks(y, names, fontsize=8)
        a1.invert_yaxis()
        h, lab = a1.get_legend_handles_labels()
        fig.tight_layout(rect=(0, 0.07, 1, 1))
        fig.legend(h, lab, fontsize=7.5, frameon=False, loc="lower center", ncol=2)
        return fig


def _model_late(prog, fix, seeds):
    from .runs import model_delays
    d = model_delays(prog, seeds=seeds, gomaxprocs=fix.gomaxprocs, timeout="200ms")
    return [None if v is None else v - DEADLINE_MS for v in d]


def fix_costs(fixes=FIXES, seeds=range(1), runs: int = 5, real: bool = True) -> FixCosts:
    """Measure every fix in the model over `seeds` and, if `real`, `runs` times on real Go.

    The real part runs each fix's two programs `runs` times (about 1 s of wall time per fix with
    runs=5, dominated by the build)."""
    import gostep as gs
    from .runs import model_delays, real_delays
    out = FixCosts(tuple(fixes))
    for f in out.fixes:
        late_src, cost_src = fix_program(f), cost_program(f)
        name = f"fix_{f.kind}_{f.every}_{f.gomaxprocs}"
        out.model_late[f] = _model_late(gs.parse(late_src, name=name + ".go"), f, seeds)
        cost = model_delays(gs.parse(cost_src, name=name + "_cost.go"), seeds=seeds[:1] or [0],
                            label="loop:", gomaxprocs=f.gomaxprocs, timeout="10s")
        out.model_ns[f] = [None if v is None else v * 1e6 / f.iters for v in cost]
        if real:
            rl = real_delays(late_src, runs=runs, gomaxprocs=f.gomaxprocs, timeout="2s")
            out.real_late[f] = [None if v is None else v - DEADLINE_MS for v in rl]
            rc = real_delays(cost_src, runs=runs, label="loop:", gomaxprocs=f.gomaxprocs, timeout="2s")
            out.real_ns[f] = [None if v is None else v * 1e6 / f.iters for v in rc]
    return out
