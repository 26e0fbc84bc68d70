"""A timeline: one lane per P over virtual time, with the G it ran and park/ready/timer/preempt marks.

# One drawing for the model and for real Go

The model's trace and a real execution trace (lib/gostep/real/tracing.py: events named in the
stepper's vocabulary, with time_ns, kind, gid, pid) reduce to the same two lists:

    segments: (pid, gid, t0_ns, t1_ns)   G gid ran on P pid from t0 to t1
    marks:    (t_ns, pid, kind, gid)     park / ready / timer_fire / preempt at a moment

For the model, segments come from the frames (each P's curg after each step: exact). For real
events, a segment opens at "execute" and closes at the G's next park, preempted, gosched, goexit or
syscall on that P (the way `go tool trace` draws its goroutine lanes). `timeline_compare` stacks
the model's lanes above real Go's on one time axis.

Colours of segments are keyed by gid (a fixed 8-colour Okabe-Ito cycle) and every segment is
labelled "G3" when wide enough; marks differ by shape (▼ park, ▲ ready, ◆ timer, ✕ preempt).
"""
from __future__ import annotations

from gostep.views.fmt import fmt_ns
from gostep.views.svg import _t

PALETTE = ("#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#0072B2", "#D55E00", "#F0E442", "#999999")
MARKS = {"park": ("▼", "#D55E00"), "block": ("▼", "#D55E00"), "ready": ("▲", "#0072B2"),
         "timer_fire": ("◆", "#b07800"), "preempted": ("✕", "#CC0000"),
         "preempt_request": ("✕", "#CC0000")}
_ENDS = {"park", "block", "preempted", "gosched", "goexit", "syscall", "exit", "end", "deadlock"}


def _get(e, k, default=-1):
    return e.get(k, default) if isinstance(e, dict) else getattr(e, k, default)


def from_events(events, align: bool = True) -> tuple:
    """(segments, marks, n_ps, t_end) from real trace events (dicts or objects; see module doc).

    A "state" event whose transition ends in "->Running" (a G already running when the trace
    starts) opens a segment like "execute". With `align`, times are shifted so that the first
    goroutine event is at 0, as the model's run starts at 0.
    """
    evs = sorted(events, key=lambda e: _get(e, "time_ns", 0))
    t_shift = 0
    if align:
        g_times = [int(_get(e, "time_ns", 0)) for e in evs if int(_get(e, "gid", -1)) >= 0]
        t_shift = min(g_times) if g_times else 0
    open_: dict = {}          # pid -> (gid, t0)
    segs, marks = [], []
    t_end, n_ps = 0, 0
    for e in evs:
        t, kind = int(_get(e, "time_ns", 0)) - t_shift, str(_get(e, "kind", ""))
        if t < 0:
            continue
        if kind == "state" and str(_get(e, "transition", "")).endswith("->Running"):
            kind = "execute"
        gid, pid = int(_get(e, "gid", -1)), int(_get(e, "pid", -1))
        t_end = max(t_end, t)
        n_ps = max(n_ps, pid + 1)
        if kind in MARKS:
            marks.append((t, pid, kind, gid))
        if kind == "execute" and pid >= 0:
            if pid in open_:
                g0, t0 = open_.pop(pid)
                segs.append((pid, g0, t0, t))
            open_[pid] = (gid, t)
        elif kind in _ENDS:
            for p, (g0, t0) in list(open_.items()):
                if g0 == gid or (kind in ("exit", "end", "deadlock")):
                    segs.append((p, g0, t0, t))
                    del open_[p]
    for p, (g0, t0) in open_.items():
        segs.append((p, g0, t0, t_end))
    return segs, marks, max(n_ps, 1), t_end


def from_trace(trace, max_frames: int = 50_000) -> tuple:
    """(segments, marks, n_ps, t_end) from a model trace's frames (each P's curg after each step)."""
    n = min(len(trace), max_frames)
    segs, marks = [], []
    cur: dict = {}
    t = 0
    n_ps = 1
    for i in range(n):
        f = trace.frame(i)
        t = f.time_ns
        n_ps = max(n_ps, len(f.ps))
        ev = f.event
        if ev.kind in MARKS:
            marks.append((t, ev.pid, ev.kind, ev.gid))
        for p in f.ps:
            g = p.curg
            old = cur.get(p.pid)
            if old is not None and old[0] != g:
                if old[0] >= 0:
                    segs.append((p.pid, old[0], old[1], t))
                cur[p.pid] = (g, t)
            elif old is None:
                cur[p.pid] = (g, t)
    for pid, (g, t0) in cur.items():
        if g >= 0:
            segs.append((pid, g, t0, t))
    return segs, marks, n_ps, t


def _data(src):
    if hasattr(src, "frame") and hasattr(src, "__len__"):
        return from_trace(src)
    if hasattr(src, "events") and not isinstance(src, (list, tuple)):
        src = src.events          # a gostep.real RealTrace
    return from_events(src)


def _lanes_svg(parts, segs, marks, n_ps, x0, y0, sx, prefix, lane_h=26):
    for p in range(n_ps):
        y = y0 + p * (lane_h + 6)
        parts.append(f'<text x="{x0 - 8}" y="{y + lane_h / 2 + 4}" font-size="11" text-anchor="end" '
                     f'font-family="sans-serif">{_t(prefix)}P{p}</text>'
                     f'<rect x="{x0}" y="{y}" width="{sx(None)}" height="{lane_h}" fill="#f7f7f7" '
                     f'stroke="#e0e0e0"/>')
    for pid, gid, t0, t1 in segs:
        if pid < 0:
            continue
        y = y0 + pid * (lane_h + 6)
        xa, xb = sx(t0), sx(t1)
        w = max(xb - xa, 1.5)
        col = PALETTE[(gid - 1) % len(PALETTE)]
        parts.append(f'<rect x="{xa:.1f}" y="{y + 2}" width="{w:.1f}" height="{lane_h - 4}" rx="3" '
                     f'fill="{col}" fill-opacity="0.75" stroke="#333" stroke-width="0.5" '
                     f'data-seg="P{pid} G{gid}"><title>G{gid} on P{pid}: {fmt_ns(t0)} to {fmt_ns(t1)}'
                     f'</title></rect>')
        if w > 26:
            parts.append(f'<text x="{xa + w / 2:.1f}" y="{y + lane_h / 2 + 4}" font-size="10.5" '
                         f'text-anchor="middle" font-family="sans-serif" font-weight="bold">G{gid}</text>')
    for t, pid, kind, gid in marks:
        glyph, col = MARKS[kind]
        p = pid if pid >= 0 else 0
        y = y0 + p * (lane_h + 6) - 1
        parts.append(f'<text x="{sx(t):.1f}" y="{y + 1}" font-size="11" text-anchor="middle" fill="{col}">'
                     f'{glyph}<title>{_t(kind)} G{gid} at {fmt_ns(t)}</title></text>')


def timeline_svg(src, width: int = 900, title: str = "", other=None, other_title: str = "real Go") -> str:
    """SVG timeline of a model trace or of real events; `other` stacks a second source below."""
    blocks = [(title or ("model" if other is not None else ""), _data(src))]
    if other is not None:
        blocks.append((other_title, _data(other)))
    t_end = max(b[1][3] for b in blocks) or 1
    x0, lane_h = 90, 26
    span = width - x0 - 44

    def sx(t):
        return span if t is None else x0 + span * t / t_end

    parts = []
    y = 24
    for name, (segs, marks, n_ps, _t_end) in blocks:
        if name:
            parts.append(f'<text x="8" y="{y - 8}" font-size="12" font-weight="bold" '
                         f'font-family="sans-serif">{_t(name)}</text>')
        _lanes_svg(parts, segs, marks, n_ps, x0, y + 4, sx, "", lane_h)
        y += 4 + n_ps * (lane_h + 6) + 26
    for k in range(6):
        t = t_end * k / 5
        x = sx(t)
        parts.append(f'<line x1="{x:.1f}" y1="20" x2="{x:.1f}" y2="{y - 18}" stroke="#ddd"/>'
                     f'<text x="{x:.1f}" y="{y - 4}" font-size="10" text-anchor="middle" '
                     f'font-family="monospace">{fmt_ns(int(t))}</text>')
    legend = " ".join(f"{g} {k}" for k, (g, _c) in MARKS.items() if k in ("park", "ready", "timer_fire",
                                                                            "preempted"))
    parts.append(f'<text x="{width - 10}" y="14" font-size="10.5" text-anchor="end" fill="#555" '
                 f'font-family="sans-serif">{_t(legend)}</text>')
    h = y + 4
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="gostep-timeline" viewBox="0 0 {width} {h}" '
            f'width="{width}" height="{h}" style="max-width:100%;height:auto">'
            f'<rect width="{width}" height="{h}" fill="#fff"/>' + "".join(parts) + "</svg>")


def timeline(src, ax=None, title: str = ""):
    """Matplotlib timeline of a model trace or a list of real events; returns the Axes."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    segs, marks, n_ps, t_end = _data(src)
    if ax is None:
        _fig, ax = plt.subplots(figsize=(8, 0.5 + 0.45 * n_ps))
    scale, unit = _unit(t_end)
    for pid, gid, t0, t1 in segs:
        col = PALETTE[(gid - 1) % len(PALETTE)]
        ax.add_patch(Rectangle((t0 / scale, pid - 0.38), max((t1 - t0) / scale, 1e-9), 0.76,
                               facecolor=col, edgecolor="#333", linewidth=0.4, alpha=0.8))
        if (t1 - t0) > t_end * 0.04:
            ax.text((t0 + t1) / 2 / scale, pid, f"G{gid}", ha="center", va="center", fontsize=8)
    shapes = {"park": "v", "block": "v", "ready": "^", "timer_fire": "D", "preempted": "x",
              "preempt_request": "x"}
    for t, pid, kind, gid in marks:
        ax.plot(t / scale, max(pid, 0) - 0.5, marker=shapes[kind], color=MARKS[kind][1],
                markersize=5, linestyle="none")
    ax.set_ylim(-0.7, n_ps - 0.3)
    ax.set_xlim(0, max(t_end / scale, 1e-9))
    ax.set_yticks(range(n_ps), [f"P{p}" for p in range(n_ps)])
    ax.invert_yaxis()
    ax.set_xlabel(f"virtual time ({unit})")
    if title:
        ax.set_title(title, fontsize=10)
    return ax


def _unit(t_end):
    for div, unit in ((1_000_000_000, "s"), (1_000_000, "ms"), (1_000, "µs")):
        if t_end >= div:
            return div, unit
    return 1, "ns"


def timeline_compare(model_trace, real_events, ax=None):
    """The model's lanes above real Go's, one time axis (matplotlib); returns the two Axes."""
    import matplotlib.pyplot as plt

    if ax is None:
        _fig, ax = plt.subplots(2, 1, figsize=(8, 3.2), sharex=True)
    timeline(model_trace, ax=ax[0], title="model")
    timeline(real_events, ax=ax[1], title="real Go")
    lo = min(a.get_xlim()[0] for a in ax)
    hi = max(a.get_xlim()[1] for a in ax)
    for a in ax:
        a.set_xlim(lo, hi)
    return ax
