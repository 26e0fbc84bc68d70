"""Read a model trace the way a chapter asks about it: who ran where, the deadline chain, sysmon.

These are pure functions of a `Trace` (its events and frames, see lib/gostep/trace/frame.py); they
return small objects whose plain text is deterministic (virtual time, seeds), so a chapter can
store their output and quote the numbers in them.

- `steps(trace, kinds)`: the steps of some event kinds, as a table (step, virtual time, narration).
- `deadline_chain(trace)`: the links from "a deadline timer fires" to "the waiter runs", in order:
  timer_fire -> go (the goroutine goFunc starts) -> cancel -> close -> ready -> execute (waiter).
- `sysmon_sleeps(trace)`: sysmon's usleep delays, run-length encoded like an strace summary.
- `who_ran(trace)`: for each G, the Ps it ran on and how often it parked.
"""
from __future__ import annotations

from dataclasses import dataclass

from gostep.durations import fmt_ns as _fmt_ns   # the package's one duration formatter


def _events(trace):
    """(step, time_ns, Event) for every step, from the trace's event log or its frames."""
    evs = getattr(trace, "events", None)
    times = getattr(trace, "times_ns", None)
    if evs is not None and not callable(evs):
        evs = list(evs)
        if times is not None and len(times) == len(evs):
            return [(i, int(times[i]), e) for i, e in enumerate(evs)]
    out = []
    for i in range(len(trace)):
        f = trace.frame(i)
        out.append((i, f.time_ns, f.event))
    return out


def fmt_ns(ns: int) -> str:
    """Virtual time in a step list (5.23ms, 20.5µs, 1.5s): gostep.durations.fmt_ns's short form."""
    return _fmt_ns(ns, short=True)


@dataclass(frozen=True)
class Steps:
    """Some steps of a trace: (step, time_ns, kind, narration)."""

    rows: tuple

    def __len__(self):
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def __repr__(self) -> str:
        if not self.rows:
            return "(no such steps)"
        w = max(len(str(r[0])) for r in self.rows)
        return "\n".join(f"step {s:>{w}}  t={fmt_ns(t):>9}  {text}" for s, t, _k, text in self.rows)


def steps(trace, kinds=None, contains: str = "", limit: int | None = None) -> Steps:
    """The steps whose event kind is in `kinds` (all if None) and whose narration contains `contains`."""
    kinds = {kinds} if isinstance(kinds, str) else (set(kinds) if kinds else None)
    rows = []
    for i, t, e in _events(trace):
        if (kinds is None or e.kind in kinds) and contains in e.text:
            rows.append((i, t, e.kind, e.text))
            if limit and len(rows) >= limit:
                break
    return Steps(tuple(rows))


_CHAIN = ("timer_fire", "go", "cancel", "close", "ready", "execute")


def deadline_chain(trace, waiter: int = 1) -> Steps:
    """The first deadline chain: timer fires, goFunc's goroutine starts, cancel, close, ready, waiter runs."""
    rows, want = [], list(_CHAIN)
    for i, t, e in _events(trace):
        if not want:
            break
        k = want[0]
        if e.kind != k:
            continue
        if k == "timer_fire" and "deadline" not in e.text and "ctx" not in e.obj and "ctx" not in e.text:
            continue
        if k in ("ready", "execute") and e.gid != waiter:
            continue
        rows.append((i, t, e.kind, e.text))
        want.pop(0)
    return Steps(tuple(rows))


@dataclass(frozen=True)
class Sleeps:
    """sysmon's sleeps as (delay µs, how many in a row)."""

    runs: tuple

    def __repr__(self) -> str:
        return " ".join(f"({d}µs x{n})" if n > 1 else f"({d}µs)" for d, n in self.runs)


def sysmon_sleeps(trace) -> Sleeps:
    """sysmon's usleep delays in order, run-length encoded (from the sysmon view of each frame)."""
    seq, last_wake = [], None
    for i in range(len(trace)):
        sm = trace.frame(i).sysmon
        if sm is None or sm.next_wake_ns == last_wake:
            continue
        last_wake = sm.next_wake_ns
        seq.append(sm.delay_us)
    runs = []
    for d in seq:
        if runs and runs[-1][0] == d:
            runs[-1][1] += 1
        else:
            runs.append([d, 1])
    return Sleeps(tuple((d, n) for d, n in runs))


@dataclass(frozen=True)
class WhoRan:
    """For each G: the Ps it ran on (in first-use order), and how many times it parked."""

    rows: tuple  # (gid, func, pids, parks)

    def __repr__(self) -> str:
        return "\n".join(f"G{g} {fn or '?'}: ran on {', '.join(f'P{p}' for p in ps) or 'no P'}; parked {k}x"
                         for g, fn, ps, k in self.rows)


def who_ran(trace) -> WhoRan:
    """Which P each goroutine ran on and how many times it parked, from the trace's frames."""
    pids: dict[int, list] = {}
    funcs: dict[int, str] = {}
    parks: dict[int, int] = {}
    prev_status: dict[int, str] = {}
    for i in range(len(trace)):
        f = trace.frame(i)
        for g in f.gs:
            funcs.setdefault(g.gid, g.func)
            if g.status == "running" and g.pid >= 0 and g.pid not in pids.setdefault(g.gid, []):
                pids[g.gid].append(g.pid)
            if g.status == "waiting" and prev_status.get(g.gid) != "waiting":
                parks[g.gid] = parks.get(g.gid, 0) + 1
            prev_status[g.gid] = g.status
    rows = tuple((g, funcs[g], tuple(pids.get(g, ())), parks.get(g, 0)) for g in sorted(funcs))
    return WhoRan(rows)


# -- the deadline chain, model beside a real execution trace ------------------------------------

_LINKS = (
    ("timer_fire", "a scheduler pass on g0 runs the due timer"),
    ("go", "the timer's function (goFunc) starts a goroutine"),
    ("cancel", "that goroutine runs cancel"),
    ("close", "cancel closes ctx.Done()"),
    ("ready", "closechan readies the waiter (goready -> runnext)"),
    ("execute", "the waiter runs"),
)


def real_chain(real_trace, waiter: int = 1) -> dict:
    """The chain's links found in a real execution trace (gostep.real.trace): link kind -> time_ns.

    The tracer has no event for a timer firing; the first sign is a goroutine created by the
    scheduler itself (`by == -1`) in context.WithDeadlineCause.func2. cancel and close happen inside
    that goroutine and are seen as its `ready` of the waiter (the stack is cancelCtx.cancel)."""
    evs = getattr(real_trace, "events", real_trace)
    found, timer_g = {}, None
    for e in evs:
        if "park" not in found and e.kind == "park" and e.gid == waiter:
            found["park"] = e.time_ns
        elif timer_g is None and e.kind == "go" and e.by < 0 and any("WithDeadline" in s for s in e.stack):
            timer_g = e.gid
            found["go"] = e.time_ns
        elif timer_g is not None and "ready" not in found and e.kind == "ready" and e.gid == waiter \
                and e.by == timer_g:
            found["ready"] = e.time_ns
        elif "ready" in found and "execute" not in found and e.kind == "execute" and e.gid == waiter:
            found["execute"] = e.time_ns
    return found


def _model_chain_times(trace, waiter: int) -> dict:
    found = {}
    for i, t, e in _events(trace):
        if "park" not in found and e.kind == "park" and e.gid == waiter:
            found["park"] = t
    for _s, t, kind, _text in deadline_chain(trace, waiter):
        found.setdefault(kind, t)
    return found


_SHORT = {"timer_fire": "timer runs on g0", "go": "goFunc: go f()", "cancel": "cancel",
          "close": "close(Done)", "ready": "ready main", "execute": "main runs"}


@dataclass(frozen=True)
class ChainComparison:
    """The deadline chain's links in the model and in a real trace, in ms after the waiter parked.

    `steps` holds the model's step number of each link (None where the model has no such step).
    The plot draws each link on its own row, in µs after the link both sources show first (the
    timer's goroutine is created: "go"), so links a few hundred ns apart stay distinct."""

    rows: tuple  # (kind, description, model_ms or None, real_ms or None)
    steps: tuple = ()

    def same_order(self) -> bool:
        """Whether the links real Go shows come in the model's order (the deterministic conclusion)."""
        both = [(m, r) for _k, _d, m, r in self.rows if m is not None and r is not None]
        return len(both) >= 3 and [r for _m, r in both] == sorted(r for _m, r in both)

    def __repr__(self) -> str:
        f = lambda v: "-" if v is None else f"{v:8.3f}"  # noqa: E731
        out = [f"{'link':52} {'model ms':>9} {'real ms':>9}"]
        out += [f"{d:52} {f(m):>9} {f(r):>9}" for _k, d, m, r in self.rows]
        out.append("(times after the waiter parked on ctx.Done(); '-': not a separate event there)")
        return "\n".join(out)

    def offsets_us(self, origin: str = "go") -> tuple:
        """(kind, model µs, real µs) after the `origin` link of each source (None where absent)."""
        row = {k: (m, r) for k, _d, m, r in self.rows}
        m0, r0 = row.get(origin, (None, None))
        us = lambda v, z: None if v is None or z is None else round((v - z) * 1000, 3)  # noqa: E731
        return tuple((k, us(m, m0), us(r, r0)) for k, _d, m, r in self.rows)

    def plot(self, ax=None, origin: str = "go"):
        """One row per link, in µs after the timer's goroutine is created (model ●, real Go △)."""
        import matplotlib.pyplot as plt
        offs = self.offsets_us(origin)
        n = len(offs)
        if ax is None:
            _fig, ax = plt.subplots(figsize=(7, 0.3 * n + 0.9), dpi=72)
        steps = self.steps or (None,) * n
        for y, ((k, m, r), st) in enumerate(zip(offs, steps)):
            if m is not None:
                ax.plot(m, y, "o", color="#4477aa", markersize=7, label="model" if y == 0 else None)
                lab = "0 (both)" if k == origin else f"+{m:.2f}"
                ax.annotate(lab + (f"  (step {st})" if st is not None else ""), (m, y),
                            xytext=(7, 0), textcoords="offset points", va="center", fontsize=7.5,
                            color="#4477aa")
            if r is not None:
                ax.plot(r, y, "^", markerfacecolor="none", markeredgecolor="#cc6677", markersize=8,
                        markeredgewidth=1.5, label="real Go" if k == origin else None)
                if k != origin:
                    ax.annotate(f"+{r:.2f}", (r, y), xytext=(7, 0), textcoords="offset points",
                                va="center", fontsize=7.5, color="#cc6677")
            elif m is not None:
                ax.annotate("not a separate event in real Go", (m, y), xytext=(110, 0),
                            textcoords="offset points", va="center", fontsize=7, color="#999",
                            style="italic")
        ax.set_yticks(range(n), [_SHORT.get(k, k) for k, _m, _r in offs], fontsize=8)
        ax.set_ylim(n - 0.5, -0.7)
        hi = max([v for _k, m, r in offs for v in (m, r) if v is not None] + [1.0])
        ax.set_xlim(-0.05 * hi - 0.2, hi * 1.35 + 0.5)
        ax.grid(axis="y", color="#eee")
        ax.tick_params(axis="x", labelsize=8)
        ax.set_xlabel("µs after the timer's goroutine is created (each source's own clock)", fontsize=8)
        ax.legend(fontsize=8, loc="upper right", frameon=False)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.figure.tight_layout()
        return ax


def chain_side_by_side(model_trace, real_trace, waiter: int = 1) -> ChainComparison:
    """The deadline chain of a model trace beside the one of a real execution trace of the same file."""
    m, r = _model_chain_times(model_trace, waiter), real_chain(real_trace, waiter)
    m0, r0 = m.get("park"), r.get("park")
    step_of = {kind: s for s, _t, kind, _x in deadline_chain(model_trace, waiter)}
    rows, steps = [], []
    for kind, desc in _LINKS:
        mv = (m[kind] - m0) / 1e6 if kind in m and m0 is not None else None
        rv = (r[kind] - r0) / 1e6 if kind in r and r0 is not None else None
        rows.append((kind, desc, mv, rv))
        steps.append(step_of.get(kind))
    return ChainComparison(tuple(rows), tuple(steps))
