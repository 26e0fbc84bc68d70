"""The player's picture of one Frame: an SVG string built directly, in a fixed layout.

# How the picture is built

`to_svg(frame, layout=None, style=DEFAULT)` writes SVG text with f-strings: rounded boxes, soft
status fills, labelled arrows (the look of a mermaid flowchart), placed by `layout.Layout` so that
nothing moves between frames. A G appears twice on purpose: once as a *card* in the goroutine grid
(its status, function, line, wait reason; the card never moves) and as a small *chip* wherever the
runtime holds it (a P's curg slot, runnext, a local run queue, the global run queue, a channel's
sendq or recvq). Watching a chip travel from runnext to a P while its card turns from "runnable" to
"running" is the lesson of `runqget`/`execute` (runtime/proc.go, Go 1.27).

Arrows are drawn for the relations that have no place to sit in: an M holding its P (m.p), a
waiting G pointing at what it waits on (the wait reason is the label), a timer pointing at what it
will wake (a G for time.Sleep, a context for a deadline), a context pointing at its Done() channel,
and the context tree. The objects the step is about (frame.event.gid, .pid, .obj) get a yellow
halo; the narration says the same thing in words.

Every element that stands for a runtime object carries `id="gs-<id>"` with the node id of
`graph.to_graph` ("gs-G3", "gs-chan#1" ...) and every arrow `data-edge="kind src dst"`, so tests
and the browser check can find them.

Alternatives rejected: matplotlib to SVG (tens of ms per frame, and its output embeds random clip
ids: non-deterministic); a templating engine (one more dependency for string concatenation);
drawing in the browser from JSON (then the kernel-free export and the widget would need two
renderers).
"""
from __future__ import annotations

from html import escape

from gostep.views import layout as L
from gostep.views.fmt import fmt_ns
from gostep.views.style import DEFAULT, Style


def _t(s) -> str:
    return escape(str(s), quote=True)


def _clip(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _text_w(s: str, size: float = 11) -> float:
    return len(s) * max(size, MIN_FONT) * 0.58


# Text sizes. The picture is shown at its natural size (1 SVG unit = 1 CSS pixel; the player
# scrolls sideways rather than shrink it), so no text is smaller than MIN_FONT px. The <svg>
# element carries the common font, size and colour once; each <text> states only what differs
# (inherited presentation attributes: about a third fewer bytes per frame than repeating them).
MIN_FONT = 11
BASE_FONT = 12


def _n(v) -> str:
    """A coordinate with at most one decimal and no trailing ".0" (fewer bytes, same picture)."""
    r = round(v, 1)
    return str(int(r)) if r == int(r) else f"{r:.1f}"


class _Canvas:
    """A list of SVG fragments with helpers for the few shapes the player uses."""

    def __init__(self, style: Style):
        self.st = style
        self.parts: list = []
        self.edges: list = []     # drawn after the nodes' backgrounds, before the labels
        self.labels: list = []

    def rect(self, x, y, w, h, fill, stroke, dash="", r=8, sw=1.3, extra=""):
        d = f' stroke-dasharray="{dash}"' if dash else ""
        self.parts.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="{r}" '
                          f'fill="{fill}" stroke="{stroke}" stroke-width="{sw}"{d}{extra}/>')

    def text(self, x, y, s, size=11, weight="normal", fill=None, anchor="start", mono=False, to=None):
        a = [f'<text x="{_n(x)}" y="{_n(y)}"']
        size = max(size + 1, MIN_FONT)          # one size up from the first drawing (readability)
        if size != BASE_FONT:
            a.append(f' font-size="{_n(size)}"')
        if weight != "normal":
            a.append(f' font-weight="{weight}"')
        if fill and fill != self.st.text:
            a.append(f' fill="{fill}"')
        if anchor != "start":
            a.append(f' text-anchor="{anchor}"')
        if mono:
            a.append(f' font-family="{self.st.mono}"')
        a.append(f">{_t(s)}</text>")
        (self.parts if to is None else to).append("".join(a))

    def halo(self, x, y, w, h, r=10):
        self.parts.append(f'<rect x="{_n(x - 4)}" y="{_n(y - 4)}" width="{_n(w + 8)}" height="{_n(h + 8)}" '
                          f'rx="{r + 3}" fill="#ffe066" fill-opacity="0.55" stroke="#e0a800" '
                          f'stroke-width="1.5" class="hot"/>')

    def chip(self, x, y, gid, status, hot=False, w=L.CHIP_W):
        look = self.st.g_look(status)
        if hot:
            self.parts.append(f'<rect x="{_n(x - 3)}" y="{_n(y - 3)}" width="{w + 6}" height="{L.CHIP_H + 6}" '
                              f'rx="12" fill="#ffe066" stroke="#e0a800" class="hot"/>')
        self.parts.append(f'<g class="chip" data-g="G{gid}">')
        self.rect(x, y, w, L.CHIP_H, look.fill, look.stroke, look.dash, r=10, sw=1.4)
        self.text(x + w / 2, y + 14, f"G{gid}", size=11, weight="bold", anchor="middle")
        self.parts.append("</g>")

    def arrow(self, kind, src, dst, x1, y1, x2, y2, label="", hot=False, dashed=False, bend=0.0,
              color=None):
        col = self.st.edge_hot if hot else (color or self.st.edge)
        mk = "gs-ah-hot" if hot else "gs-ah"
        dy = (y2 - y1) * 0.5
        c1x, c1y = x1 + bend, y1 + dy
        c2x, c2y = x2 + bend, y2 - dy
        if abs(y2 - y1) < 20:        # mostly horizontal: bend sideways instead
            dx = (x2 - x1) * 0.5
            c1x, c1y, c2x, c2y = x1 + dx, y1 + bend, x2 - dx, y2 + bend
        d = ' stroke-dasharray="5 4"' if dashed else ""
        self.edges.append(f'<path d="M{_n(x1)},{_n(y1)} C{_n(c1x)},{_n(c1y)} {_n(c2x)},{_n(c2y)} '
                          f'{_n(x2)},{_n(y2)}" fill="none" stroke="{col}" stroke-width="{2.2 if hot else 1.3}"'
                          f'{d} marker-end="url(#{mk})" data-edge="{_t(kind)} {_t(src)} {_t(dst)}"/>')
        if label:
            mx = 0.125 * x1 + 0.375 * c1x + 0.375 * c2x + 0.125 * x2
            my = 0.125 * y1 + 0.375 * c1y + 0.375 * c2y + 0.125 * y2
            w = _text_w(label, 10) + 8
            self.labels.append(f'<rect x="{_n(mx - w / 2)}" y="{_n(my - 8)}" width="{_n(w)}" height="15" rx="4" '
                               f'fill="#ffffff" fill-opacity="0.92" stroke="{col}" stroke-width="0.6"/>')
            self.text(mx, my + 3.5, label, size=10, fill=col, anchor="middle", to=self.labels)


    def route(self, kind, src, dst, pts, label="", hot=False, dashed=False, color=None,
              label_at=0, label_xy=None):
        """An orthogonal arrow through `pts` with rounded corners; label on segment `label_at`
        (at its middle, or at the point `label_xy`)."""
        col = self.st.edge_hot if hot else (color or self.st.edge)
        mk = "gs-ah-hot" if hot else "gs-ah"
        d = [f"M{_n(pts[0][0])},{_n(pts[0][1])}"]
        for i in range(1, len(pts) - 1):
            (ax, ay), (bx, by), (cx, cy) = pts[i - 1], pts[i], pts[i + 1]
            r1 = min(6.0, abs(bx - ax) / 2 + abs(by - ay) / 2)
            r2 = min(6.0, abs(cx - bx) / 2 + abs(cy - by) / 2)
            ux, uy = _unit(ax, ay, bx, by)
            vx, vy = _unit(bx, by, cx, cy)
            d.append(f"L{_n(bx - ux * r1)},{_n(by - uy * r1)} Q{_n(bx)},{_n(by)} "
                     f"{_n(bx + vx * r2)},{_n(by + vy * r2)}")
        d.append(f"L{_n(pts[-1][0])},{_n(pts[-1][1])}")
        dash = ' stroke-dasharray="5 4"' if dashed else ""
        self.edges.append(f'<path d="{" ".join(d)}" fill="none" stroke="{col}" '
                          f'stroke-width="{2.2 if hot else 1.2}"{dash} marker-end="url(#{mk})" '
                          f'data-edge="{_t(kind)} {_t(src)} {_t(dst)}"/>')
        if label:
            (ax, ay), (bx, by) = pts[label_at], pts[label_at + 1]
            mx, my = label_xy or ((ax + bx) / 2, (ay + by) / 2)
            w = _text_w(label, 10) + 8
            self.labels.append(f'<rect x="{_n(mx - w / 2)}" y="{_n(my - 8)}" width="{_n(w)}" height="15" '
                               f'rx="4" fill="#ffffff" fill-opacity="0.95" stroke="{col}" stroke-width="0.6"/>')
            self.text(mx, my + 3.5, label, size=10, fill=col, anchor="middle", to=self.labels)


def _unit(ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    n = (dx * dx + dy * dy) ** 0.5 or 1.0
    return dx / n, dy / n


def _defs(st: Style) -> str:
    return ('<defs>'
            f'<marker id="gs-ah" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{st.edge}"/></marker>'
            f'<marker id="gs-ah-hot" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{st.edge_hot}"/></marker>'
            '</defs>')


def _hot(frame) -> set:
    ev = frame.event
    hot = set()
    if ev.gid >= 0:
        hot.add(f"G{ev.gid}")
    if ev.pid >= 0:
        hot.add(f"P{ev.pid}")
    if ev.obj:
        hot.add(ev.obj)
    if ev.kind == "sysmon" or (ev.pid < 0 and ev.kind in ("preempt_request", "timer_fire") and not ev.obj) \
            or (ev.kind == "preempt_request" and ev.text.startswith("sysmon")):   # retake's request
        hot.add("sysmon")
    return hot


def _header(cv, frame, lay):
    st = cv.st
    head = f"step {frame.step}"
    cv.text(L.PAD, L.PAD + 14, head, size=14, weight="bold")
    tx = L.PAD + max(74, _text_w(head, 15) + 16)
    tt = f"t = {fmt_ns(frame.time_ns)}"
    cv.text(tx, L.PAD + 14, tt, size=13, mono=True)
    kind = frame.event.kind
    w = _text_w(kind, 11) + 14
    x = max(L.PAD + 190, tx + len(tt) * 14 * 0.62 + 16)
    cv.rect(x, L.PAD + 1, w, 18, "#eef1f5", "#8a96a8", r=9, sw=0.8)
    cv.text(x + w / 2, L.PAD + 14, kind, size=11, anchor="middle", fill="#34404f")
    # the Ps in use at this step: runtime.GOMAXPROCS(n) changes them during the run
    gp = len(frame.ps) or (frame.settings or {}).get("gomaxprocs", 1)
    cv.text(x + w + 12, L.PAD + 14, f"GOMAXPROCS={gp}", size=11, fill=st.muted)


def _ms_and_ps(cv, frame, lay, hot, gstat):
    st = cv.st
    for p in frame.ps:
        x = lay.p_x(p.pid)
        # The M above its P.
        mw = L.PW - 40
        mx = x + 20
        if p.mid >= 0:
            mid = f"M{p.mid}"
            if mid in hot:
                cv.halo(mx, lay.m_y, mw, L.MH)
            cv.parts.append(f'<g id="gs-{mid}">')
            cv.rect(mx, lay.m_y, mw, L.MH, st.m_fill, st.m_stroke, r=10)
            cv.text(mx + 10, lay.m_y + 17, mid, size=12, weight="bold")
            cv.text(mx + 10, lay.m_y + 32, "OS thread", size=9.5, fill=st.muted)
            if p.on_g0:
                cv.rect(mx + mw - 92, lay.m_y + 9, 82, 22, st.g0_fill, st.m_stroke, r=11, sw=1)
                cv.text(mx + mw - 51, lay.m_y + 24, "g0: schedule", size=10, anchor="middle")
            elif p.curg >= 0:
                cv.text(mx + mw - 10, lay.m_y + 24, f"on G{p.curg}", size=10.5, anchor="end",
                        fill=st.muted)
            cv.parts.append("</g>")
            cv.arrow("holds", mid, f"P{p.pid}", x + L.PW / 2, lay.m_y + L.MH, x + L.PW / 2,
                     lay.p_y - 1, label="m.p")
        else:
            cv.rect(mx, lay.m_y, mw, L.MH, "#ffffff", "#c8c8c8", dash="4 4", r=10, sw=1)
            cv.text(mx + mw / 2, lay.m_y + 24, "no M", size=10.5, anchor="middle", fill="#999999")
        # The P box.
        pid = f"P{p.pid}"
        look = st.p_look(p.status)
        if pid in hot:
            cv.halo(x, lay.p_y, L.PW, L.PH)
        cv.parts.append(f'<g id="gs-{pid}" data-status="{_t(p.status)}">')
        cv.rect(x, lay.p_y, L.PW, L.PH, look.fill, look.stroke, look.dash, r=10, sw=1.8)
        cv.text(x + 10, lay.p_y + 19, pid, size=14, weight="bold")
        cv.text(x + 36, lay.p_y + 19, f"{look.marker} {look.label}", size=11, fill=look.stroke)
        cv.text(x + 10, lay.p_y + 38, f"schedtick {p.schedtick}", size=10, fill=st.muted)
        cv.text(x + L.PW - 52, lay.p_y + 19, "curg", size=9.5, fill=st.muted, anchor="end")
        if p.curg >= 0:
            cv.chip(x + L.PW - 46, lay.p_y + 7, p.curg, gstat.get(p.curg, "running"),
                    hot=f"G{p.curg}" in hot)
        else:
            cv.rect(x + L.PW - 46, lay.p_y + 7, L.CHIP_W, L.CHIP_H, "#ffffff", "#cccccc", "3 3", r=10, sw=1)
        cv.parts.append("</g>")
        # Queues: runnext, then the local run queue (head at the left).
        qy = lay.q_y
        cv.rect(x, qy, L.PW, 2 * L.QROW, st.queue_fill, st.queue_stroke, r=8, sw=0.8)
        cv.text(x + 8, qy + 18, "runnext", size=10, fill=st.muted)
        if p.runnext >= 0:
            cv.chip(x + 62, qy + 4, p.runnext, gstat.get(p.runnext, "runnable"), f"G{p.runnext}" in hot)
        else:
            cv.rect(x + 62, qy + 4, L.CHIP_W, L.CHIP_H, "#ffffff", "#dddddd", "3 3", r=10, sw=1)
        cv.text(x + 8, qy + L.QROW + 18, "runq", size=10, fill=st.muted)
        shown = p.runq[: lay.runq_slots]
        for i, gid in enumerate(shown):
            cv.chip(x + 62 + i * (L.CHIP_W + 4), qy + L.QROW + 4, gid, gstat.get(gid, "runnable"),
                    f"G{gid}" in hot)
        if len(p.runq) > len(shown):
            cv.text(x + 62 + len(shown) * (L.CHIP_W + 4) + 2, qy + L.QROW + 18,
                    f"+{len(p.runq) - len(shown)}", size=10.5, weight="bold")
        if not p.runq:
            cv.text(x + 62, qy + L.QROW + 18, "empty", size=10, fill="#aaaaaa")


def _timers(cv, frame, lay, hot, targets):
    st = cv.st
    for p in frame.ps:
        x = lay.p_x(p.pid)
        y0 = lay.t_y
        if not p.timers:
            cv.text(x + 8, y0 + 18, "no timers", size=10, fill="#aaaaaa")
        for i, t in enumerate(p.timers[: lay.timer_slots]):
            y = y0 + i * L.TROW
            tn = f"timer#{t.tid}"
            if tn in hot:
                cv.halo(x, y, L.PW, L.TROW - 6, r=6)
            cv.parts.append(f'<g id="gs-{tn}">')
            cv.rect(x, y, L.PW, L.TROW - 6, st.timer_fill, st.timer_stroke, r=6, sw=1.2)
            cv.text(x + 8, y + 16, f"{tn} {t.kind}", size=10.5)
            cv.text(x + L.PW - 8, y + 16, f"@{fmt_ns(t.when_ns)}", size=10.5, anchor="end", mono=True)
            cv.parts.append("</g>")
            targets.append((t, x, y))
        extra = len(p.timers) - lay.timer_slots
        if extra > 0:
            cv.text(x + L.PW - 4, y0 + lay.timer_slots * L.TROW - 2, f"+{extra} timers", size=9.5,
                    anchor="end", fill=st.muted)


def _grq(cv, frame, lay, hot, gstat):
    st = cv.st
    x, y = lay.grq_x, lay.p_y
    h = L.PH + 8 + 2 * L.QROW
    w = L.GRQ_W - 14
    if "grq" in hot:
        cv.halo(x, y, w, h)
    cv.parts.append('<g id="gs-grq">')
    cv.rect(x, y, w, h, st.queue_fill, st.queue_stroke, r=10, sw=1)
    cv.text(x + 8, y + 17, "global runq", size=11, weight="bold")
    per_row = 3
    shown = frame.global_runq[: lay.grq_slots]
    for i, gid in enumerate(shown):
        r, c = divmod(i, per_row)
        cv.chip(x + 6 + c * (L.CHIP_W + 3), y + 26 + r * 25, gid, gstat.get(gid, "runnable"),
                f"G{gid}" in hot)
    if len(frame.global_runq) > len(shown):
        cv.text(x + w - 6, y + h - 6, f"+{len(frame.global_runq) - len(shown)}", size=10.5,
                anchor="end", weight="bold")
    if not frame.global_runq:
        cv.text(x + 8, y + 40, "empty", size=10, fill="#aaaaaa")
    cv.parts.append("</g>")


def _gcards(cv, frame, lay, hot):
    st = cv.st
    cv.text(L.PAD, lay.g_y - 8, "goroutines", size=11.5, weight="bold", fill=st.muted)
    for g in frame.gs:
        x, y = lay.g_xy(g.gid)
        look = st.g_look(g.status)
        gn = f"G{g.gid}"
        if gn in hot:
            cv.halo(x, y, L.GW, L.GH)
        cv.parts.append(f'<g id="gs-{gn}" data-status="{_t(g.status)}">')
        cv.rect(x, y, L.GW, L.GH, look.fill, look.stroke, look.dash, r=10, sw=1.8)
        cv.text(x + 9, y + 17, gn, size=13, weight="bold")
        cv.text(x + L.GW - 8, y + 17, f"{look.marker} {look.label}", size=10.5, anchor="end",
                fill=look.stroke, weight="bold")
        cv.text(x + 9, y + 33, _clip(g.func or "?", 20), size=10, mono=True, fill="#333333")
        if g.status == "waiting" and g.wait_reason:
            info = _clip(g.wait_reason, 18)
            if g.line:
                info = f"L{g.line} · " + info
        elif g.status == "running":
            info = f"line {g.line} on P{g.pid}" if g.line else f"on P{g.pid}"
        elif g.status == "dead":
            info = "returned"
        else:
            info = f"line {g.line}" if g.line else ""
        if g.preempt:
            info += " · preempt!"
        cv.text(x + 9, y + 49, info, size=10, fill=st.muted)
        cv.parts.append("</g>")


# characters a buffer cell shows, by element type (others: 6)
_CELL_CHARS = {"int": 3, "struct{}": 3, "bool": 5, "time.Time": 10}


def _cell_text(elem: str, v: str) -> str:
    """A buffered value as its cell shows it: a time.Time (fmt's "... m=+0.010100874") by its
    monotonic reading, the virtual time it was sent at ("t=10.101ms"); the tooltip has it whole."""
    if elem == "time.Time" and " m=+" in v:
        return "t=" + fmt_ns(round(float(v.rsplit(" m=+", 1)[1]) * 1e9))
    return v


def _chans(cv, frame, lay, hot, gstat):
    st = cv.st
    if frame.chans or lay.n_chans:
        cv.text(L.PAD, lay.c_y - 8, "channels", size=11.5, weight="bold", fill=st.muted)
    for c in frame.chans:
        x, y = lay.c_xy(c.cid)
        cn = f"chan#{c.cid}"
        if cn in hot:
            cv.halo(x, y, L.CW, L.CH)
        fill = st.chan_closed_fill if c.closed else st.chan_fill
        cv.parts.append(f'<g id="gs-{cn}" data-closed="{str(c.closed).lower()}">')
        cv.rect(x, y, L.CW, L.CH, fill, st.chan_stroke, "5 3" if c.closed else "", r=10, sw=1.5)
        # Name at the left, element type at the right: drop "chan " and clip the name to share
        # the box's width (mono text: 0.6 em per character at 13 px and 11 px).
        elem = f"chan {c.elem}" if len(c.elem) <= 8 else _clip(c.elem, 14)
        room = int((L.CW - 24 - len(elem) * 6.6) // 7.8)
        if len(c.name) > room and elem.startswith("chan "):   # "ctx.Done()  struct{}"
            elem = c.elem
            room = int((L.CW - 24 - len(elem) * 6.6) // 7.8)
        cv.text(x + 9, y + 16, _clip(c.name or cn, max(room, 6)), size=12, weight="bold", mono=True)
        cv.text(x + L.CW - 8, y + 16, elem, size=10, anchor="end", fill=st.muted, mono=True)
        state = f"cap {c.cap} · len {len(c.buf)}" + (" · closed ✕" if c.closed else "")
        cv.text(x + 9, y + 31, f"{cn} · {state}", size=9.5, fill=st.muted)
        # Buffer cells (head at the left), for buffered channels. A cell is as wide as the
        # element type needs (a string's cell holds 6 characters, an int's 3), so it is the same
        # in every frame; a clipped value has its whole text as a tooltip.
        by = y + 37
        if c.cap > 0:
            chars = _CELL_CHARS.get(c.elem, 6)
            w = 22 if chars <= 3 else round(chars * 6.6 + 4)
            n = min(c.cap, 6, int((L.CW - 30) // (w + 2)))
            for i in range(n):
                v = c.buf[i] if i < len(c.buf) else ""
                shown = _clip(_cell_text(c.elem, v), chars)
                if shown != v:
                    cv.parts.append(f"<g><title>{_t(v)}</title>")
                cv.rect(x + 9 + i * (w + 2), by, w, 16, "#ffffff" if not v else "#e3d5f2",
                        st.chan_stroke, r=3, sw=0.8)
                if v:
                    cv.text(x + 9 + w / 2 + i * (w + 2), by + 12, shown, size=9.5, anchor="middle",
                            mono=True)
                if shown != v:
                    cv.parts.append("</g>")
            if c.cap > n:
                cv.text(x + 12 + n * (w + 2), by + 12, "…", size=10)
        else:
            cv.text(x + 9, by + 12, "unbuffered", size=9.5, fill="#999999")
        for k, (lab, q) in enumerate((("sendq", c.sendq), ("recvq", c.recvq))):
            qy = y + 56 + k * 18
            cv.text(x + 9, qy + 12, lab, size=9.5, fill=st.muted)
            for i, gid in enumerate(q[:4]):
                cv.chip(x + 50 + i * (L.CHIP_W - 4), qy - 1, gid, gstat.get(gid, "waiting"),
                        f"G{gid}" in hot, w=L.CHIP_W - 6)
            if len(q) > 4:
                cv.text(x + 50 + 4 * (L.CHIP_W - 4), qy + 12, f"+{len(q) - 4}", size=10)
        cv.parts.append("</g>")


def _ctx_depths(frame) -> dict:
    parent = {x.cid: x.parent for x in frame.ctxs}
    depth = {}
    for cid in parent:
        d, p, seen = 0, parent[cid], set()
        while p and p in parent and p not in seen:
            seen.add(p)
            d += 1
            p = parent[p]
        depth[cid] = d
    return depth


def _side(cv, frame, lay, hot):
    st = cv.st
    x = lay.side_x
    sm = frame.sysmon
    if "sysmon" in hot:
        cv.halo(x, lay.sys_y, L.CTX_W, L.SYS_H)
    cv.parts.append('<g id="gs-sysmon">')
    cv.rect(x, lay.sys_y, L.CTX_W, L.SYS_H, st.sysmon_fill, st.sysmon_stroke, "" if sm else "4 4", r=10)
    cv.text(x + 9, lay.sys_y + 17, "sysmon", size=12, weight="bold")
    cv.text(x + L.CTX_W - 8, lay.sys_y + 17, "M without P", size=9.5, anchor="end", fill=st.muted)
    if sm is not None:
        cv.text(x + 9, lay.sys_y + 36, f"next wake {fmt_ns(sm.next_wake_ns)} · sleep {sm.delay_us}µs"
                + (" · deep" if sm.sleeping_deep else ""), size=10, fill=st.muted)
    else:
        cv.text(x + 9, lay.sys_y + 36, "not modelled in this frame", size=10, fill="#aaaaaa")
    cv.parts.append("</g>")
    if not frame.ctxs:
        return
    cv.text(x, lay.ctx_y0 - 8, "contexts", size=11.5, weight="bold", fill=st.muted)
    depth = _ctx_depths(frame)
    pos = {}
    for c in frame.ctxs:
        pos[c.cid] = lay.ctx_xy(c.cid, depth[c.cid])
    for c in frame.ctxs:
        cx, cy = pos[c.cid]
        if c.parent in pos:
            px, py = pos[c.parent]
            cv.edges.append(f'<path d="M{_n(px + 10)},{_n(py + L.CTX_H)} V{_n(cy + L.CTX_H / 2)} '
                            f'H{_n(cx)}" fill="none" stroke="{st.ctx_stroke}" stroke-width="1.4" '
                            f'data-edge="parent ctx#{c.parent} ctx#{c.cid}"/>')
        xn = f"ctx#{c.cid}"
        done = bool(c.err)
        w = L.CTX_W - 16 * min(depth[c.cid], 3) + 16 * 3 - 16
        if xn in hot:
            cv.halo(cx, cy, w, L.CTX_H)
        cv.parts.append(f'<g id="gs-{xn}" data-done="{str(done).lower()}">')
        cv.rect(cx, cy, w, L.CTX_H, st.ctx_done_fill if done else st.ctx_fill,
                st.ctx_done_stroke if done else st.ctx_stroke, "5 3" if done else "", r=10, sw=1.5)
        head = f"{xn} {c.kind}"
        if c.deadline_ns >= 0:
            head += f" @{fmt_ns(c.deadline_ns)}"
        cv.text(cx + 9, cy + 17, head, size=11, weight="bold")
        status = ("✕ " + c.err) if done else "○ err = nil"
        cv.text(cx + 9, cy + 35, _clip(status, 30), size=10,
                fill=st.ctx_done_stroke if done else st.muted)
        cv.parts.append("</g>")
        if c.done_cid and any(ch.cid == c.done_cid for ch in frame.chans):
            chx, chy = lay.c_xy(c.done_cid)
            sg = lay.side_x - 6 - (c.cid % 3) * 3
            y = lay.c_y - 8 - (c.cid % 3) * 4
            ex = chx + L.CW - 20
            cv.route("done", xn, f"chan#{c.done_cid}",
                     [(cx, cy + L.CTX_H - 12), (sg, cy + L.CTX_H - 12), (sg, y), (ex, y), (ex, chy - 1)],
                     label="Done()", dashed=True, color=st.ctx_stroke, label_at=2,
                     hot=xn in hot and f"chan#{c.done_cid}" in hot)


def _relations(cv, frame, lay, hot, timers):
    """Orthogonal arrows in the gutters: waiting G -> channel, timer -> the G or context it wakes."""
    gpos = {g.gid: lay.g_xy(g.gid) for g in frame.gs}
    chans = {c.cid for c in frame.chans}
    ctxs = {x.cid: x for x in frame.ctxs}
    depth = _ctx_depths(frame) if frame.ctxs else {}
    g_bottom = lay.g_y + lay.g_rows * (L.GH + L.GGAP) - L.GGAP
    last_row_y = lay.g_y + (lay.g_rows - 1) * (L.GH + L.GGAP)
    labelled: set = set()
    for g in frame.gs:
        if g.status != "waiting":
            continue
        gx, gy = gpos[g.gid]
        targets = [o for o in g.wait_on if o.startswith("chan#") and int(o[5:]) in chans]
        track = g_bottom + 8 + ((g.gid - 1) % 6) * 5
        for k, obj in enumerate(targets):
            cx, cy = lay.c_xy(int(obj[5:]))
            sx = gx + L.GW / 2 + (k - (len(targets) - 1) / 2) * 16
            ex = cx + 64 + ((g.gid - 1) % 7) * 16
            pts = [(sx, gy + L.GH)]
            if gy < last_row_y - 1:   # leave the card's row through the gutter to its right
                gut = gx + L.GW + L.GGAP / 2 + (k - 0.5) * 3
                pts += [(sx, gy + L.GH + 6), (gut, gy + L.GH + 6), (gut, track)]
            else:
                pts += [(sx, track)]
            pts += [(ex, track), (ex, cy - 1)]
            label = g.wait_reason if len(targets) == 1 and (obj, g.wait_reason) not in labelled else ""
            labelled.add((obj, g.wait_reason))     # one label per channel and reason
            h = f"G{g.gid}" in hot and (obj in hot or frame.event.kind in ("park", "block", "select"))
            # The label sits on the track, where the arrow turns down to the channel: the last
            # vertical leg crosses the "channels" section title.
            cv.route("waits", f"G{g.gid}", obj, _dedupe(pts), label=label, hot=h, color="#777777",
                     label_at=len(_dedupe(pts)) - 2, label_xy=(ex, track))
    for k, (t, tx, ty) in enumerate(timers):
        tgt = t.target
        tn = f"timer#{t.tid}"
        h = tn in hot
        track = lay.t_y + lay.timer_slots * L.TROW + 2 + (k % 4) * 6
        gut = tx + L.PW + 6 + (k % 3) * 4
        start = [(tx + L.PW, ty + 12), (gut, ty + 12), (gut, track)]
        if tgt.startswith("G") and tgt[1:].isdigit() and int(tgt[1:]) in gpos:
            gx, gy = gpos[int(tgt[1:])]
            ex = gx + L.GW - 28
            pts = start + [(ex, track), (ex, gy - 1)]
            if gy > lay.g_y + 1:      # a card below the first row: reach it through a gutter
                g2 = gx + L.GW + L.GGAP / 2
                pts = start + [(g2, track), (g2, gy - 6), (ex, gy - 6), (ex, gy - 1)]
            cv.route("targets", tn, tgt, _dedupe(pts), label=t.kind, hot=h, color="#b07800",
                     label_at=2)
        elif tgt.startswith("ctx#") and tgt[4:].isdigit() and int(tgt[4:]) in ctxs:
            cid = int(tgt[4:])
            cx, cy = lay.ctx_xy(cid, depth.get(cid, 0))
            sg = lay.side_x - 14 - (k % 3) * 4
            pts = start + [(sg, track), (sg, cy + L.CTX_H / 2), (cx - 1, cy + L.CTX_H / 2)]
            cv.route("targets", tn, tgt, _dedupe(pts), label=t.kind, hot=h, color="#b07800",
                     label_at=2)
        elif tgt.startswith("chan#") and tgt[5:].isdigit() and int(tgt[5:]) in chans:
            cx, cy = lay.c_xy(int(tgt[5:]))
            sg = lay.side_x - 14 - (k % 3) * 4
            y = lay.c_y - 12
            pts = start + [(sg, track), (sg, y), (cx + L.CW - 30, y), (cx + L.CW - 30, cy - 1)]
            cv.route("targets", tn, tgt, _dedupe(pts), label=t.kind, hot=h, color="#b07800",
                     label_at=2)


def _dedupe(pts):
    out = [pts[0]]
    for p in pts[1:]:
        if abs(p[0] - out[-1][0]) > 0.05 or abs(p[1] - out[-1][1]) > 0.05:
            out.append(p)
    return out


def to_svg(frame, layout: L.Layout | None = None, style: Style = DEFAULT, title: bool = True,
           fit: bool = False) -> str:
    """Render one Frame as a self-contained SVG string in the fixed structural layout.

    `layout` should be fitted to the whole trace (`Layout.fit(frames)`) so that nothing moves
    between frames; without it, the layout is fitted to this frame alone. Deterministic: the same
    frame and layout give the same bytes. The picture has its natural size (its text is then
    11 px or more); `fit=True` lets it shrink to its container's width instead (a thumbnail).
    """
    lay = layout or L.Layout.for_frame(frame)
    cv = _Canvas(style)
    hot = _hot(frame)
    gstat = {g.gid: g.status for g in frame.gs}
    timers: list = []
    _header(cv, frame, lay)
    _ms_and_ps(cv, frame, lay, hot, gstat)
    _timers(cv, frame, lay, hot, timers)
    _grq(cv, frame, lay, hot, gstat)
    _gcards(cv, frame, lay, hot)
    _chans(cv, frame, lay, hot, gstat)
    _side(cv, frame, lay, hot)
    _relations(cv, frame, lay, hot, timers)
    w, h = lay.width, lay.height
    fit_css = ' style="max-width:100%;height:auto"' if fit else ' style="max-width:none"'
    label = _t(f"step {frame.step}, t={fmt_ns(frame.time_ns)}: {frame.event.text}")
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="gostep-frame" viewBox="0 0 {w:.0f} {h:.0f}" '
            f'width="{w:.0f}" height="{h:.0f}"{fit_css} role="img" aria-label="{label}" '
            f'data-step="{frame.step}" font-family="{style.font}" font-size="{BASE_FONT}" '
            f'fill="{style.text}">')
    body = [head]
    if title:
        body.append(f"<title>{label}</title>")
    body.append(_defs(style))
    body.append(f'<rect x="0" y="0" width="{w:.0f}" height="{h:.0f}" fill="#ffffff"/>')
    body.extend(cv.parts)
    body.extend(cv.edges)
    body.extend(cv.labels)
    body.append("</svg>")
    return "".join(body)
