"""The goroutine state machine, with every G placed on its state and the last transition lit.

# The states and Go's transitions (runtime/proc.go, runtime2.go, Go 1.27)

    newproc    (created)  -> runnable   newproc1 puts the new G in runnext (runqput next=true)
    execute    runnable   -> running    schedule -> findRunnable -> execute
    gopark     running    -> waiting    park_m: chan send/recv, select, sleep, Mutex, WaitGroup
    goready    waiting    -> runnable   ready(): the waker puts the G in its P's runnext
    gosched    running    -> runnable   Gosched / preemption (gopreempt_m) -> global run queue
    goexit     running    -> dead       goexit0: the G's function returned

`state_diagram_svg(frame, prev_frame)` draws the four states as boxes in a fixed place, each G as a
chip inside the box of its status, and highlights the transition taken between `prev_frame` and
`frame` (found by comparing the statuses of the G the step is about, or else of any G that changed).
Go has more states (_Gsyscall, _Gcopystack, _Gpreempted...); the model has none of those moments,
so the diagram shows the ones a reader can see.
"""
from __future__ import annotations

from gostep.views.style import DEFAULT, Style
from gostep.views.svg import _t

_BOX = {"runnable": (40, 120), "running": (370, 120), "waiting": (370, 300), "dead": (700, 120)}
BW, BH = 190, 110
TRANSITIONS = {
    ("new", "runnable"): "newproc",
    ("runnable", "running"): "execute",
    ("running", "waiting"): "gopark",
    ("waiting", "runnable"): "goready",
    ("running", "runnable"): "gosched / preempt",
    ("running", "dead"): "goexit",
}


def transition(frame, prev_frame) -> tuple | None:
    """(gid, from_status, to_status) of the G whose status changed between the two frames."""
    if prev_frame is None:
        return None
    before = {g.gid: g.status for g in prev_frame.gs}
    changed = [(g.gid, before.get(g.gid, "new"), g.status) for g in frame.gs
               if before.get(g.gid, "new") != g.status]
    for c in changed:
        if c[0] == frame.event.gid:
            return c
    return changed[0] if changed else None


def _edge(a, b):
    ax, ay = _BOX[a] if a in _BOX else (40, 20)
    bx, by = _BOX[b]
    if a == "new":
        return (ax + BW / 2, 60), (bx + BW / 2, by)
    if a == "runnable" and b == "running":
        return (ax + BW, ay + 35), (bx, by + 35)
    if a == "running" and b == "runnable":
        return (ax, ay + 75), (bx + BW, by + 75)
    if a == "running" and b == "waiting":
        return (ax + BW / 2 + 30, ay + BH), (bx + BW / 2 + 30, by)
    if a == "waiting" and b == "runnable":
        return (ax, ay + BH / 2), (bx + BW / 2, by + BH)
    if a == "running" and b == "dead":
        return (ax + BW, ay + 55), (bx, by + 55)
    return (ax, ay), (bx, by)


def state_diagram_svg(frame, prev_frame=None, style: Style = DEFAULT) -> str:
    """The G state machine as SVG: states, Go's transitions, G chips, the last transition in orange."""
    st = style
    tr = transition(frame, prev_frame)
    lit = (tr[1], tr[2]) if tr else None
    w, h = 930, 450
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
             f'style="max-width:100%;height:auto" role="img" class="gostep-states" '
             f'aria-label="goroutine states at step {frame.step}">',
             '<defs><marker id="gsd-ah" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" '
             'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker>'
             '<marker id="gsd-ah-hot" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="11" '
             'markerHeight="11" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#D55E00"/></marker></defs>',
             f'<rect width="{w}" height="{h}" fill="#fff"/>',
             f'<circle cx="{40 + BW / 2}" cy="48" r="9" fill="#333"/>',
             f'<text x="{40 + BW / 2 + 16}" y="52" font-size="12" font-family="{st.font}">go f()</text>']
    for (a, b), name in TRANSITIONS.items():
        (x1, y1), (x2, y2) = _edge(a, b)
        hot = lit == (a, b)
        col = "#D55E00" if hot else "#555"
        hot_cls = ' class="hot"' if hot else ""
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        if a == "waiting":
            d = f"M{x1},{y1} C{x1 - 120},{y1} {x2},{y2 + 80} {x2},{y2}"
            mx, my = x1 - 95, y1 - 30
        else:
            d = f"M{x1},{y1} L{x2},{y2}"
        parts.append(f'<path d="{d}" fill="none" stroke="{col}" stroke-width="{3 if hot else 1.4}" '
                     f'marker-end="url(#gsd-ah{"-hot" if hot else ""})" data-transition="{_t(name)}"'
                     f'{hot_cls}/>')
        tw = len(name) * 6.4 + 10
        dy = -10 if a == "runnable" else (12 if (a, b) == ("running", "runnable") else 0)
        parts.append(f'<rect x="{mx - tw / 2:.1f}" y="{my + dy - 9:.1f}" width="{tw:.1f}" height="17" rx="4" '
                     f'fill="{"#fde2cc" if hot else "#fff"}" stroke="{col}" stroke-width="0.7"/>'
                     f'<text x="{mx:.1f}" y="{my + dy + 4:.1f}" font-size="11" text-anchor="middle" '
                     f'font-family="{st.mono}" fill="{col}" font-weight="{"bold" if hot else "normal"}">'
                     f'{_t(name)}</text>')
    by_state: dict = {}
    for g in frame.gs:
        s = g.status if g.status in _BOX else "runnable"
        by_state.setdefault(s, []).append(g.gid)
    for s, (x, y) in _BOX.items():
        look = st.g_look(s)
        dash = f' stroke-dasharray="{look.dash}"' if look.dash else ""
        parts.append(f'<g id="gsd-{s}"><rect x="{x}" y="{y}" width="{BW}" height="{BH}" rx="14" '
                     f'fill="{look.fill}" stroke="{look.stroke}" stroke-width="2"{dash}/>'
                     f'<text x="{x + 12}" y="{y + 20}" font-size="13" font-weight="bold" '
                     f'font-family="{st.font}" fill="{look.stroke}">{look.marker} {_t(look.label)}</text>')
        for k, gid in enumerate(by_state.get(s, [])[:12]):
            r, c = divmod(k, 4)
            cx, cy = x + 12 + c * 44, y + 32 + r * 24
            hot = tr is not None and tr[0] == gid
            stroke = "#D55E00" if hot else look.stroke
            parts.append(f'<rect x="{cx}" y="{cy}" width="38" height="20" rx="10" fill="#fff" '
                         f'stroke="{stroke}" stroke-width="{2.5 if hot else 1.3}"{dash}/>'
                         f'<text x="{cx + 19}" y="{cy + 14}" font-size="11" text-anchor="middle" '
                         f'font-weight="bold" font-family="{st.font}">G{gid}</text>')
        extra = len(by_state.get(s, [])) - 12
        if extra > 0:
            parts.append(f'<text x="{x + BW - 10}" y="{y + BH - 8}" font-size="11" text-anchor="end">'
                         f'+{extra}</text>')
        parts.append("</g>")
    if tr:
        name = TRANSITIONS.get((tr[1], tr[2]), f"{tr[1]} -> {tr[2]}")
        parts.append(f'<text x="20" y="{h - 16}" font-size="13" font-family="{st.font}">step {frame.step}: '
                     f'G{tr[0]} {_t(tr[1])} &#8594; {_t(tr[2])} ({_t(name)})</text>')
    parts.append("</svg>")
    return "".join(parts)
