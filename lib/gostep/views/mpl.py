"""matplotlib figures of a Frame in the player's fixed layout: for static figures and storyboards.

`draw(frame, ax=None, layout=None) -> ax` places the same boxes as svg.py (layout.Layout gives the
coordinates; y grows downwards, so the Axes is inverted) with the same style table: status fill,
status outline pattern (solid / dashed / dotted) and a status word on every G. Arrows are straight
(waiting G -> channel, timer -> target, M -> P); the SVG player routes them in gutters, a static
figure at this size does not need it. `storyboard(trace, steps)` puts several frames on one
figure, each titled with its step, virtual time and narration.

Alternatives rejected: networkx.draw (a force layout that moves between frames, no rounded boxes);
rasterising the player's SVG (needs a browser or cairosvg).
"""
from __future__ import annotations

import textwrap

from gostep.views import layout as L
from gostep.views.fmt import fmt_gs, fmt_ns
from gostep.views.style import DEFAULT, Style

_LS = {"": "-", "6 3": "--", "2 3": ":", "1 4": ":", "5 3": "--", "4 4": "--"}


def _box(ax, x, y, w, h, fill, stroke, dash="", lw=1.2, r=6):
    from matplotlib.patches import FancyBboxPatch
    ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle=f"round,pad=0,rounding_size={r}",
                                facecolor=fill, edgecolor=stroke, linewidth=lw,
                                linestyle=_LS.get(dash, "-")))


def _arrow(ax, x1, y1, x2, y2, color="#555", label=""):
    ax.annotate("", xy=(x2, y2), xytext=(x1, y1),
                arrowprops=dict(arrowstyle="-|>", color=color, lw=0.8, shrinkA=0, shrinkB=0))
    if label:
        ax.text((x1 + x2) / 2, (y1 + y2) / 2, label, fontsize=6, color=color, ha="center",
                va="center", bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none"))


def draw(frame, ax=None, layout: L.Layout | None = None, style: Style = DEFAULT, title: bool = True):
    """Draw one Frame with matplotlib in the fixed structural layout; returns the Axes."""
    import matplotlib.pyplot as plt

    lay = layout or L.Layout.for_frame(frame)
    st = style
    if ax is None:
        _fig, ax = plt.subplots(figsize=(lay.width / 100, lay.height / 100))
    fs = 7
    for p in frame.ps:
        x = lay.p_x(p.pid)
        if p.mid >= 0:
            _box(ax, x + 20, lay.m_y, L.PW - 40, L.MH, st.m_fill, st.m_stroke)
            ax.text(x + 28, lay.m_y + 16, f"M{p.mid}" + ("  g0: schedule" if p.on_g0 else ""),
                    fontsize=fs, weight="bold")
            _arrow(ax, x + L.PW / 2, lay.m_y + L.MH, x + L.PW / 2, lay.p_y, label="m.p")
        look = st.p_look(p.status)
        _box(ax, x, lay.p_y, L.PW, L.PH, look.fill, look.stroke, look.dash, lw=1.6)
        ax.text(x + 8, lay.p_y + 18, f"P{p.pid} {look.marker} {look.label}", fontsize=fs + 1,
                weight="bold")
        ax.text(x + 8, lay.p_y + 38, f"curg {'G%d' % p.curg if p.curg >= 0 else '-'}  "
                f"schedtick {p.schedtick}", fontsize=fs)
        ax.text(x + 8, lay.q_y + 16, f"runnext {'G%d' % p.runnext if p.runnext >= 0 else '-'}",
                fontsize=fs)
        ax.text(x + 8, lay.q_y + L.QROW + 16, f"runq {fmt_gs(p.runq)}", fontsize=fs)
        for i, t in enumerate(p.timers[: lay.timer_slots]):
            y = lay.t_y + i * L.TROW
            _box(ax, x, y, L.PW, L.TROW - 6, st.timer_fill, st.timer_stroke, r=4)
            ax.text(x + 6, y + 15, f"timer#{t.tid} {t.kind} @{fmt_ns(t.when_ns)}", fontsize=fs - 1)
    gx = lay.grq_x
    _box(ax, gx, lay.p_y, L.GRQ_W - 14, L.PH + 8 + 2 * L.QROW, st.queue_fill, st.queue_stroke)
    ax.text(gx + 6, lay.p_y + 16, "global runq", fontsize=fs, weight="bold")
    ax.text(gx + 6, lay.p_y + 34, "\n".join(textwrap.wrap(fmt_gs(frame.global_runq), 16)) or "[]",
            fontsize=fs, va="top")
    gpos = {}
    for g in frame.gs:
        x, y = lay.g_xy(g.gid)
        gpos[g.gid] = (x, y)
        look = st.g_look(g.status)
        _box(ax, x, y, L.GW, L.GH, look.fill, look.stroke, look.dash, lw=1.6)
        ax.text(x + 8, y + 16, f"G{g.gid}  {look.marker} {look.label}", fontsize=fs + 1, weight="bold")
        ax.text(x + 8, y + 32, g.func[:24], fontsize=fs - 0.5, family="monospace")
        info = g.wait_reason if g.status == "waiting" else (f"line {g.line}" if g.line else "")
        ax.text(x + 8, y + 48, info, fontsize=fs - 0.5, color=st.muted)
    for c in frame.chans:
        x, y = lay.c_xy(c.cid)
        _box(ax, x, y, L.CW, L.CH, st.chan_closed_fill if c.closed else st.chan_fill, st.chan_stroke,
             "5 3" if c.closed else "")
        ax.text(x + 8, y + 16, f"{c.name or 'chan#%d' % c.cid}  chan {c.elem}", fontsize=fs,
                weight="bold", family="monospace")
        ax.text(x + 8, y + 34, f"cap {c.cap} len {len(c.buf)}{' closed' if c.closed else ''} "
                f"[{' '.join(c.buf)}]", fontsize=fs - 0.5)
        ax.text(x + 8, y + 54, f"sendq {fmt_gs(c.sendq)}", fontsize=fs - 0.5)
        ax.text(x + 8, y + 72, f"recvq {fmt_gs(c.recvq)}", fontsize=fs - 0.5)
    for g in frame.gs:
        if g.status != "waiting":
            continue
        for obj in g.wait_on:
            if obj.startswith("chan#") and any(c.cid == int(obj[5:]) for c in frame.chans):
                cx, cy = lay.c_xy(int(obj[5:]))
                x, y = gpos[g.gid]
                _arrow(ax, x + L.GW / 2, y + L.GH, cx + L.CW / 2, cy, color="#888")
    sx = lay.side_x
    _box(ax, sx, lay.sys_y, L.CTX_W, L.SYS_H, st.sysmon_fill, st.sysmon_stroke)
    sm = frame.sysmon
    ax.text(sx + 8, lay.sys_y + 18, "sysmon", fontsize=fs + 1, weight="bold")
    if sm is not None:
        ax.text(sx + 8, lay.sys_y + 36, f"next wake {fmt_ns(sm.next_wake_ns)}, sleep {sm.delay_us}µs",
                fontsize=fs - 1)
    from gostep.views.svg import _ctx_depths
    depth = _ctx_depths(frame) if frame.ctxs else {}
    for c in frame.ctxs:
        x, y = lay.ctx_xy(c.cid, depth[c.cid])
        done = bool(c.err)
        _box(ax, x, y, L.CTX_W - 16 * min(depth[c.cid], 3) + 32, L.CTX_H,
             st.ctx_done_fill if done else st.ctx_fill,
             st.ctx_done_stroke if done else st.ctx_stroke, "5 3" if done else "")
        ax.text(x + 8, y + 17, f"ctx#{c.cid} {c.kind}", fontsize=fs, weight="bold")
        ax.text(x + 8, y + 35, ("✕ " + c.err) if done else "err = nil", fontsize=fs - 0.5)
    ax.set_xlim(0, lay.width)
    ax.set_ylim(lay.height, 0)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title("\n".join(textwrap.wrap(
            f"step {frame.step}, t = {fmt_ns(frame.time_ns)} [{frame.event.kind}]: {frame.event.text}",
            90)), fontsize=8, loc="left")
    return ax


def storyboard(trace, steps, ncols: int = 2, width: float = 12.0, style: Style = DEFAULT):
    """Several frames of a trace on one figure (same layout for all); returns the Figure."""
    import matplotlib.pyplot as plt

    steps = list(steps)
    frames = [trace.frame(int(k)) for k in steps]
    lay = L.Layout.fit(frames)
    nrows = -(-len(frames) // ncols)
    h = width / ncols * lay.height / lay.width * nrows + 0.6 * nrows
    fig, axes = plt.subplots(nrows, ncols, figsize=(width, h), squeeze=False)
    for k, ax in enumerate(axes.flat):
        if k < len(frames):
            draw(frames[k], ax=ax, layout=lay, style=style)
        else:
            ax.axis("off")
    fig.tight_layout()
    return fig
