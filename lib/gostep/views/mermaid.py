"""Mermaid flowchart text of one Frame, and a storyboard of chosen steps.

# When to use mermaid, and when not

JupyterLab 4 and GitHub render ```mermaid blocks (recipes: "Mermaid"), so the text travels where no
script runs. Mermaid lays the graph out afresh each time, so frames of an animation can jump: the
player uses svg.py; mermaid is for exported diagrams, storyboards and golden tests (the text is
deterministic: nodes and edges in id order).

Colour is doubled by shape, as in the other views: running G = stadium ([ ]), runnable = rounded
( ), waiting = hexagon {{ }}, dead = parallelogram [/ /]; channels are cylinders [( )], contexts
subroutines [[ ]], timers flags > ]. Every node label also carries the status word.
"""
from __future__ import annotations

from gostep.views.fmt import fmt_gs, fmt_ns
from gostep.views.graph import to_graph
from gostep.views.style import DEFAULT, Style

_SHAPES = {"running": ("([", "])"), "runnable": ("(", ")"), "waiting": ("{{", "}}"),
           "dead": ("[/", "/]"), "idle": ("[", "]")}


def _id(n: str) -> str:
    return n.replace("#", "_")


def _q(s: str) -> str:
    return '"' + s.replace('"', "#quot;") + '"'


def to_mermaid(frame, style: Style = DEFAULT) -> str:
    """A `flowchart TB` of the frame: Ms, Ps with their queues, Gs, channels, timers, contexts."""
    gr = to_graph(frame)
    out = ["flowchart TB"]
    for st, look in style.g.items():
        out.append(f"  classDef g_{st} fill:{look.fill},stroke:{look.stroke},stroke-width:2px"
                   + (f",stroke-dasharray:{look.dash}" if look.dash else ""))
    out.append(f"  classDef m fill:{style.m_fill},stroke:{style.m_stroke}")
    out.append("  classDef p fill:#e9f0fb,stroke:#0072B2,stroke-width:2px")
    out.append(f"  classDef chan fill:{style.chan_fill},stroke:{style.chan_stroke}")
    out.append(f"  classDef timer fill:{style.timer_fill},stroke:{style.timer_stroke}")
    out.append(f"  classDef ctx fill:{style.ctx_fill},stroke:{style.ctx_stroke}")
    out.append(f"  classDef ctxdone fill:{style.ctx_done_fill},stroke:{style.ctx_done_stroke}")
    out.append("  classDef hot stroke:#e0a800,stroke-width:4px")
    hot = {f"G{frame.event.gid}", frame.event.obj} - {"G-1", ""}
    ps = {p.pid: p for p in frame.ps}
    for n, d in sorted(gr.nodes(data=True), key=lambda x: (x[1]["kind"], x[0])):
        k = d["kind"]
        i = _id(n)
        if k == "G":
            a, b = _SHAPES.get(d["status"], ("[", "]"))
            look = style.g_look(d["status"])
            extra = f" ({d['wait_reason']})" if d["status"] == "waiting" and d["wait_reason"] else ""
            line = f" L{d['line']}" if d["line"] else ""
            status, func = d["status"], d["func"]
            label = _q(f"{n} {look.marker} {status}{extra}<br/>{func}{line}")
            out.append(f"  {i}{a}{label}{b}:::g_{status}")
        elif k == "M":
            out.append(f"  {i}[{_q(d['label'])}]:::m")
        elif k == "P":
            p = ps[d["pid"]]
            q = f"runnext={'G%d' % p.runnext if p.runnext >= 0 else '-'} runq={fmt_gs(p.runq)}"
            label = _q(f"{n} {p.status}<br/>{q}")
            out.append(f"  {i}[{label}]:::p")
        elif k == "grq":
            out.append(f"  {i}[{_q('global runq ' + fmt_gs(frame.global_runq))}]")
        elif k == "chan":
            buf = " ".join(d["buf"])
            state = f"cap {d['cap']} len {len(d['buf'])}" + (" closed" if d["closed"] else "")
            label = _q(f"{d['name'] or n} {n} chan {d['elem']}<br/>{state} [{buf}]")
            out.append(f"  {i}[({label})]:::chan")
        elif k == "timer":
            out.append(f"  {i}>{_q(d['label'])}]:::timer")
        elif k == "ctx":
            err = d["err"] or "err=nil"
            label = _q(f"{n} {d['ctx_kind']}<br/>{err}")
            cls = "ctxdone" if d["done"] else "ctx"
            out.append(f"  {i}[[{label}]]:::{cls}")
        elif k == "sysmon":
            label = _q("sysmon next " + fmt_ns(d["next_wake_ns"]))
            out.append(f"  {i}[{label}]")
    for u, v, d in sorted(gr.edges(data=True), key=lambda e: (e[0], e[1])):
        if gr.nodes[v]["kind"] == "unknown":
            continue
        arrow = "-.->" if d["kind"] in ("done", "waits") else "-->"
        label = _q(d["label"])
        out.append(f"  {_id(u)} {arrow}|{label}| {_id(v)}")
    for n in sorted(hot):
        if n in gr:
            out.append(f"  class {_id(n)} hot")
    return "\n".join(out)


class Markdown:
    """Markdown text that notebooks display as text/markdown (mermaid blocks render in JupyterLab)."""

    def __init__(self, text: str):
        self.text = text

    def _repr_markdown_(self):
        return self.text

    def __repr__(self):
        return self.text

    def __str__(self):
        return self.text


def storyboard_mermaid(trace, steps) -> Markdown:
    """Key states of a trace as Markdown: per step a heading, the narration and a mermaid block."""
    parts = []
    for k in steps:
        f = trace.frame(int(k))
        parts.append(f"**step {f.step}, t = {fmt_ns(f.time_ns)}** [{f.event.kind}]: {f.event.text}\n\n"
                     f"```mermaid\n{to_mermaid(f)}\n```\n")
    return Markdown("\n".join(parts))
