"""Chapter 2's pictures: one timeout round of the spinner, drawn from a model trace and a real one.

The argument the picture carries
================================

On one P, `main` arms a 5 ms timer (WithTimeout) and parks; the spinner gets the P for a new time
slice (`execute` bumps the P's schedtick). The timer is in P0's heap, and only a scheduler pass on
g0 runs it: the spinner never makes one. sysmon, ticking every 10 ms by then, compares P0's
schedtick with the one it saw on its previous tick (retake, runtime/proc.go, Go 1.27.3):

    tick A   schedtick is new        -> remember it and the time (pd.schedtick, pd.schedwhen)
    tick B   the same schedtick, and schedwhen + forcePreemptNS (10 ms) <= now  -> preemptone

So the preemption comes two ticks into the slice, 10 to 20 ms after it began. The preempted
spinner goes back to a run queue, P0 runs `schedule` on g0, finds the timer due (timer_fire),
whose goroutine cancels the context and readies `main`, and `main` runs.

`spinner_timeline(model_trace, real_trace)` draws one round of that on one time axis, in ms from
main's WithTimeout call: for the model, sysmon's ticks (each one classified by re-running retake's
test on the frames: the schedtick it saw, new or the same), the preemption request, the timer fire
on g0, and main running; for real Go, what an execution trace holds (lib/gostep/real/tracing.py):
the spinner's slice (Runnable->Running ... Running->Runnable, reason "preempted"), the goroutine
the scheduler creates when the timer runs on g0, and main running. sysmon's ticks are not in an
execution trace: the figure says so instead of inventing them, and marks only what retake's rule
implies (a tick at least 10 ms before the preemption saw the slice first).

`SpinnerTimeline`'s plain text is the model's part alone (deterministic, virtual time); the real
numbers are in `.real_text()`, for a cell whose output is not compared.
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["spinner_timeline", "SpinnerTimeline", "spinner_round", "real_spinner_round", "Round"]

FORCE_PREEMPT_MS = 10.0     # runtime/proc.go forcePreemptNS


@dataclass(frozen=True)
class Round:
    """One timeout round, times in ms from main's WithTimeout call (None: not in that source).

    ticks: (ms, schedtick seen, verdict) with verdict "new" (the clock starts), "same" (seen before,
    under 10 ms), "preempt" (seen before, at least 10 ms: preemptone); model only."""

    source: str                    # "model" or "real Go"
    t0_ns: int                     # the absolute time of ms 0 in the source's own clock
    zero: str                      # what ms 0 is in this source
    spinner: int                   # the spinner's gid
    slice_ms: tuple                # (start, end) of the spinner's time slice in this round
    schedtick: int | None          # P0's schedtick during that slice (model)
    preempt_ms: float | None       # preemption requested (model: the sysmon tick)
    preempted_ms: float | None     # the spinner stops (Running -> Runnable, preempted)
    timer_ms: float | None         # the due timer runs on g0 (model: timer_fire; real: the
                                   # scheduler creates the timer's goroutine)
    main_runs_ms: float | None     # main runs again (execute after the ready)
    deadline_ms: float = 5.0
    ticks: tuple = field(default=())

    def late_ms(self) -> float | None:
        return None if self.main_runs_ms is None else self.main_runs_ms - self.deadline_ms


# -- the model ---------------------------------------------------------------------------------

def _retake_ticks(trace, pid: int = 0):
    """[(step, t_ns, schedtick, verdict)] for every sysmon tick with P `pid` running.

    retake's test, replayed on the frames: pd.schedtick/pd.schedwhen are updated when the P's
    schedtick differs from the one seen on the previous tick; otherwise a slice seen for
    forcePreemptNS or more is preempted (runtime/proc.go retake, Go 1.27.3)."""
    out, seen, when = [], None, 0
    for i in range(len(trace)):
        f = trace.frame(i)
        if f.event.kind != "sysmon" or "every P idle" in f.event.text:
            continue
        p = f.ps[pid]
        if p.status != "running":
            continue
        if p.schedtick != seen:
            seen, when = p.schedtick, f.time_ns
            out.append((i, f.time_ns, p.schedtick, "new"))
        elif when + int(FORCE_PREEMPT_MS * 1e6) <= f.time_ns:
            out.append((i, f.time_ns, p.schedtick, "preempt"))
        else:
            out.append((i, f.time_ns, p.schedtick, "same"))
    return out


def spinner_round(trace, round_: int = 1, main: int = 1, window_ms: tuple = (-12.0, 30.0)) -> Round:
    """Round `round_` (0-based: the round_-th WithTimeout of main) of a model trace of the spinner."""
    evs = [(i, trace.frame(i)) for i in range(len(trace))]
    adds = [i for i, f in evs if f.event.kind == "timer_add" and f.event.gid == main]
    if len(adds) <= round_:
        raise ValueError(f"the trace has {len(adds)} WithTimeout rounds of G{main}, not {round_ + 1}")
    a = adds[round_]
    t0 = evs[a][1].time_ns
    ms = lambda t: (t - t0) / 1e6  # noqa: E731
    spinner = next((g.gid for g in evs[a][1].gs if g.func == "main.spin"), -1)

    def first(kind, after, pred=lambda f: True):
        for i, f in evs[after:]:
            if f.event.kind == kind and pred(f):
                return i, f
        return None, None

    i_ex, f_ex = first("execute", a, lambda f: f.event.gid == spinner)
    i_req, f_req = first("preempt_request", a, lambda f: f.event.gid == spinner)
    i_pre, f_pre = first("preempted", a, lambda f: f.event.gid == spinner)
    i_tf, f_tf = first("timer_fire", a, lambda f: "deadline" in f.event.text)
    i_rd, _ = first("ready", i_tf or a, lambda f: f.event.gid == main)
    i_run, f_run = first("execute", i_rd or a, lambda f: f.event.gid == main)
    lo, hi = t0 + window_ms[0] * 1e6, t0 + window_ms[1] * 1e6
    ticks = tuple((ms(t), tick, v) for _i, t, tick, v in _retake_ticks(trace) if lo <= t <= hi)
    return Round(
        source="model", t0_ns=t0, zero="main's WithTimeout call (the timer is armed)", spinner=spinner,
        slice_ms=(ms(f_ex.time_ns) if f_ex else None, ms(f_pre.time_ns) if f_pre else None),
        schedtick=f_ex.ps[f_ex.event.pid].schedtick if f_ex else None,
        preempt_ms=ms(f_req.time_ns) if f_req else None,
        preempted_ms=ms(f_pre.time_ns) if f_pre else None,
        timer_ms=ms(f_tf.time_ns) if f_tf else None,
        main_runs_ms=ms(f_run.time_ns) if f_run else None, ticks=ticks)


# -- real Go -----------------------------------------------------------------------------------

def real_spinner_round(real_trace, round_: int = 1, main: int = 1) -> Round:
    """Round `round_` of a real execution trace of the spinner (gostep.real.trace).

    The tracer has no event for WithTimeout: ms 0 is main's park on ctx.Done(), which follows it
    by a few µs (in the model by 0.1 µs)."""
    evs = sorted(getattr(real_trace, "events", real_trace), key=lambda e: e.time_ns)
    spinner = next((e.gid for e in evs if e.kind == "go" and e.by == main
                    and any("main.spin" in s for s in e.stack)), -1)
    parks = [k for k, e in enumerate(evs) if e.kind == "park" and e.gid == main
             and "chan receive" in e.reason]
    if len(parks) <= round_:
        raise ValueError(f"the real trace has {len(parks)} parks of G{main} on a channel, not {round_ + 1}")
    p = parks[round_]
    t0 = evs[p].time_ns
    ms = lambda t: (t - t0) / 1e6  # noqa: E731

    def first(after, pred):
        for k in range(after, len(evs)):
            if pred(evs[k]):
                return k, evs[k]
        return None, None

    _k, ex = first(p, lambda e: e.kind == "execute" and e.gid == spinner)
    k_pre, pre = first(p, lambda e: e.kind in ("preempted", "gosched") and e.gid == spinner)
    k_tg, tg = first(p, lambda e: e.kind == "go" and e.by < 0
                     and any("WithDeadline" in s for s in e.stack))
    k_rd, _ = first(k_tg or p, lambda e: e.kind == "ready" and e.gid == main)
    _k, run = first(k_rd or p, lambda e: e.kind == "execute" and e.gid == main)
    return Round(
        source="real Go", t0_ns=t0, zero="main parks on ctx.Done() (just after WithTimeout)",
        spinner=spinner,
        slice_ms=(ms(ex.time_ns) if ex else None, ms(pre.time_ns) if pre else None),
        schedtick=None, preempt_ms=None,
        preempted_ms=ms(pre.time_ns) if pre else None,
        timer_ms=ms(tg.time_ns) if tg else None,
        main_runs_ms=ms(run.time_ns) if run else None)


# -- the figure --------------------------------------------------------------------------------

_C = {"spin": "#E69F00", "main": "#009E73", "park": "#d9d9d9", "tick": "#777777", "new": "#0072B2",
      "preempt": "#CC0000", "timer": "#8a5a00", "deadline": "#555555"}


def _f(v, w=7):
    return f"{'-':>{w}}" if v is None else f"{v:+{w}.2f}"


@dataclass
class SpinnerTimeline:
    """The model's round (and optionally a real one) and the figure drawn from them."""

    model: Round
    real: Round | None
    fig: object = None
    axes: tuple = ()

    def model_text(self) -> str:
        m = self.model
        out = [f"one timeout round on one P, ms from {m.zero}:",
               f"{_f(m.slice_ms[0])}  P0 runs the spinner G{m.spinner}: a new time slice (schedtick "
               f"{m.schedtick})",
               f"{_f(m.deadline_ms)}  the deadline: the timer is due, but no scheduler pass runs it"]
        for t, tick, v in m.ticks:
            if t < (m.slice_ms[0] or 0) or (m.preempted_ms is not None and t > m.preempted_ms):
                continue
            what = {"new": f"sees schedtick {tick}, new: remembers it and the time",
                    "same": f"sees schedtick {tick} again, under 10 ms: nothing",
                    "preempt": f"sees schedtick {tick} again, 10 ms or more: preemption request"}[v]
            out.append(f"{_f(t)}  sysmon tick: {what}")
        out += [f"{_f(m.preempted_ms)}  G{m.spinner} stops (asynchronous preemption); P0 goes to g0",
                f"{_f(m.timer_ms)}  P0 on g0 runs the due timer (timer_fire)",
                f"{_f(m.main_runs_ms)}  main runs: {m.late_ms():.2f} ms after the deadline"]
        return "\n".join(out)

    def real_text(self) -> str:
        """The real round's times (they vary from run to run: for a cell whose output is not compared)."""
        r = self.real
        if r is None:
            return "real Go: no trace given"
        return "\n".join([
            f"real Go, one timeout round on one P, ms from {r.zero}:",
            f"{_f(r.slice_ms[0])}  P0 runs the spinner G{r.spinner}",
            f"{_f(r.preempted_ms)}  G{r.spinner} is preempted (Running->Runnable, reason preempted)",
            f"{_f(r.timer_ms)}  the scheduler (on g0) creates the timer's goroutine",
            f"{_f(r.main_runs_ms)}  main runs"
            + ("" if r.late_ms() is None else f": {r.late_ms():.2f} ms after the deadline")])

    def __repr__(self) -> str:
        tail = ("" if self.real is None else
                "\nreal Go: drawn below from one execution trace; its times vary from run to run "
                "(.real_text())")
        return self.model_text() + tail


def _draw_round(ax, r: Round, x_hi: float, show_ticks: bool):
    """Three lanes: sysmon (y=2), P0 (y=1), main (y=0)."""
    from matplotlib.patches import Rectangle
    s0, s1 = r.slice_ms
    if s0 is not None:
        s1 = x_hi if s1 is None else s1
        ax.add_patch(Rectangle((s0, 0.7), s1 - s0, 0.6, facecolor=_C["spin"], edgecolor="#333",
                               linewidth=0.5))
        ax.text(min((s0 + s1) / 2, x_hi - 4), 1.0, f"spinner G{r.spinner} runs: one time slice",
                ha="center", va="center", fontsize=8)
    park_end = r.main_runs_ms if r.main_runs_ms is not None else x_hi
    ax.add_patch(Rectangle((0, -0.3), park_end, 0.6, facecolor=_C["park"], edgecolor="#999",
                           linewidth=0.5, hatch="///"))
    ax.text(min(park_end / 2, x_hi / 2), 0, "main parked on ctx.Done()", ha="center", va="center",
            fontsize=8, bbox=dict(facecolor="white", edgecolor="none", pad=1))
    if r.main_runs_ms is not None:
        ax.add_patch(Rectangle((r.main_runs_ms, -0.3), 0.6, 0.6, facecolor=_C["main"],
                               edgecolor="#333", linewidth=0.5))
        ax.annotate(f"main runs: +{r.main_runs_ms:.1f} ms ({r.late_ms():.1f} ms late)",
                    (r.main_runs_ms + 0.6, 0),
                    xytext=(4, 0), textcoords="offset points", va="center", fontsize=8,
                    color=_C["main"], fontweight="bold")
    if r.preempted_ms is not None:
        ax.plot([r.preempted_ms], [1.0], marker="X", color=_C["preempt"], markersize=9,
                markeredgecolor="white", linestyle="none", zorder=5)
    if r.timer_ms is not None:
        ax.plot([r.timer_ms], [1.42], marker="D", color=_C["timer"], markersize=6, linestyle="none",
                zorder=5)
    if r.preempted_ms is not None or r.timer_ms is not None:
        x = max(v for v in (r.preempted_ms, r.timer_ms) if v is not None)
        ax.text(x + 0.8, 1.0, "preempted (✕), then g0 runs the timer (◆)", fontsize=7.5,
                va="center", color=_C["timer"])
    if show_ticks:
        ts = [t for t, _k, _v in r.ticks]
        ax.plot(ts, [2] * len(ts), marker="|", color=_C["tick"], markersize=12, linestyle="none")
        ax.text(x_hi, 1.62, "| a sysmon tick (10 ms apart by now)", ha="right", va="center",
                fontsize=7, color=_C["tick"])
        new = [(t, k) for t, k, v in r.ticks if v == "new" and t >= (s0 or 0)]
        pre = [(t, k) for t, k, v in r.ticks if v == "preempt" and t >= (s0 or 0)]
        for t, k in new[:1]:
            ax.plot([t], [2], "o", color=_C["new"], markersize=7, zorder=5)
            ax.annotate(f"tick sees schedtick {k}: new", (t, 2), xytext=(0, 7),
                        textcoords="offset points", ha="center", fontsize=7.5, color=_C["new"])
        for t, k in pre[:1]:
            ax.plot([t], [2], "X", color=_C["preempt"], markersize=8, zorder=5)
            ax.annotate(f"tick sees schedtick {k} again: preempt", (t, 2), xytext=(0, 7),
                        textcoords="offset points", ha="center", fontsize=7.5, color=_C["preempt"])
        if new and pre:
            ax.annotate("", (pre[0][0], 1.72), xytext=(new[0][0], 1.72),
                        arrowprops=dict(arrowstyle="<->", color="#444", lw=0.8))
            ax.text((new[0][0] + pre[0][0]) / 2, 1.62, f"{pre[0][0] - new[0][0]:.0f} ms",
                    ha="center", va="top", fontsize=7.5, color="#444")
    else:
        ax.text(0.2, 2.3, "sysmon's ticks are not in an execution trace", fontsize=7.5,
                va="center", color="#777", style="italic")
        if r.preempted_ms is not None:
            a = r.preempted_ms - FORCE_PREEMPT_MS
            ax.annotate("", (r.preempted_ms, 1.72), xytext=(a, 1.72),
                        arrowprops=dict(arrowstyle="<->", color="#444", lw=0.8, ls="--"))
            ax.text((a + r.preempted_ms) / 2, 1.78, "≥ 10 ms: an earlier tick saw this slice first (retake)", ha="center", va="bottom", fontsize=7,
                    color="#444")
    ax.set_yticks([0, 1, 2], ["main (G1)", "P0", "sysmon"], fontsize=8)
    ax.set_ylim(-0.55, 2.6)
    ax.set_title(r.source, fontsize=9, loc="left", pad=2, fontweight="bold")


def spinner_timeline(model_trace, real_trace=None, round_: int = 1, ax=None) -> SpinnerTimeline:
    """One timeout round of the spinner program (course/programs/spin_timeout.go, GOMAXPROCS=1):
    the model's trace above a real execution trace's, on one axis of ms from WithTimeout.

    `round_` is 0-based (round 0 is the one the program does not count: there the spinner inherits
    main's time slice). `ax`: one Axes, or two (model, real) when `real_trace` is given."""
    import matplotlib.pyplot as plt
    m = spinner_round(model_trace, round_)
    r = real_spinner_round(real_trace, round_) if real_trace is not None else None
    ends = [v for v in (m.main_runs_ms, r and r.main_runs_ms) if v]
    x_hi = max(ends + [22.0]) + 11.0
    n = 1 if r is None else 2
    if ax is None:
        fig, axes = plt.subplots(n, 1, figsize=(8.0, 1.85 * n + 0.5), dpi=72, sharex=True)
        axes = (axes,) if n == 1 else tuple(axes)
    else:
        axes = (ax,) if n == 1 or not isinstance(ax, (list, tuple)) else tuple(ax)
        fig = axes[0].figure
    _draw_round(axes[0], m, x_hi, show_ticks=True)
    if r is not None:
        _draw_round(axes[1], r, x_hi, show_ticks=False)
    for a in axes:
        a.axvline(m.deadline_ms, color=_C["deadline"], ls="--", lw=0.9)
        a.set_xlim(-1.0, x_hi)
        a.tick_params(axis="x", labelsize=8)
        for side in ("top", "right"):
            a.spines[side].set_visible(False)
    axes[0].text(m.deadline_ms, 2.6, " deadline (5 ms)", fontsize=7.5, color=_C["deadline"],
                 va="top")
    axes[-1].set_xlabel("ms from main's WithTimeout call" + ("" if r is None else
                        " (real Go: from main's park on ctx.Done(), µs later)"), fontsize=8)
    fig.tight_layout(h_pad=0.4)
    return SpinnerTimeline(m, r, fig, tuple(axes))
