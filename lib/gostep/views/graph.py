"""The runtime state of one Frame as a graph: objects are nodes, relations are labelled edges.

# Why a graph first

`to_graph` is the one place that decides *what* is shown: which objects exist (Ms, Ps, Gs, the
global run queue, channels, timers, contexts, sysmon) and how they relate (an M holds a P, a P runs
a G, a G sits in a queue or waits on a channel, a timer targets a G or a context, a context has a
parent and a done channel). The renderers (svg.py, mpl.py, mermaid.py) only decide *where* and *how*
to draw it. Tests ask questions of the graph ("is G3 in P0's runnext?") without parsing pictures.

Node ids are stable across frames of one trace ("M0", "P1", "G3", "chan#2", "timer#1", "ctx#2",
"grq", "sysmon"), so a renderer can key colours and positions by id.

Alternatives rejected: rendering straight from the Frame in each renderer (four copies of the same
decisions, drifting apart); a graph with positions baked in (layout is a renderer's business and
networkx spring layouts are not stable between frames anyway).
"""
from __future__ import annotations

import networkx as nx

from gostep.views.fmt import fmt_ns


def _g_label(g) -> str:
    parts = [f"G{g.gid}", g.status]
    if g.status == "waiting" and g.wait_reason:
        parts[-1] = f"waiting ({g.wait_reason})"
    return " ".join(parts)


def to_graph(frame) -> nx.DiGraph:
    """Build the state graph of one Frame; draws nothing.

    Nodes carry `kind` (M, P, G, grq, chan, timer, ctx, sysmon) plus the fields of their view;
    edges carry `kind` and a human `label`: holds (M->P), runs (P->G), runnext/runq (P->G, with
    `pos`), globrunq (grq->G), waits (G->chan or G->timer, with the wait reason), timer (P->timer),
    targets (timer->G/ctx), parent (ctx->ctx child), done (ctx->chan).
    """
    gr = nx.DiGraph(step=frame.step, time_ns=frame.time_ns, event=frame.event.kind,
                    narration=frame.event.text)
    for g in frame.gs:
        gr.add_node(f"G{g.gid}", kind="G", gid=g.gid, status=g.status, wait_reason=g.wait_reason,
                    func=g.func, line=g.line, pid=g.pid, created_by=g.created_by,
                    preempt=g.preempt, label=_g_label(g))
    gr.add_node("grq", kind="grq", label="global run queue", length=len(frame.global_runq))
    for i, gid in enumerate(frame.global_runq):
        gr.add_edge("grq", f"G{gid}", kind="globrunq", pos=i, label=f"globrunq[{i}]")
    for p in frame.ps:
        pn = f"P{p.pid}"
        gr.add_node(pn, kind="P", pid=p.pid, status=p.status, schedtick=p.schedtick,
                    on_g0=p.on_g0, runq_len=len(p.runq), label=f"P{p.pid} {p.status}")
        if p.mid >= 0:
            mn = f"M{p.mid}"
            gr.add_node(mn, kind="M", mid=p.mid, on_g0=p.on_g0,
                        label=f"M{p.mid} on g0" if p.on_g0 else f"M{p.mid}")
            gr.add_edge(mn, pn, kind="holds", label="m.p")
        if p.curg >= 0:
            gr.add_edge(pn, f"G{p.curg}", kind="runs", label="runs")
        if p.runnext >= 0:
            gr.add_edge(pn, f"G{p.runnext}", kind="runnext", pos=-1, label="runnext")
        for i, gid in enumerate(p.runq):
            gr.add_edge(pn, f"G{gid}", kind="runq", pos=i, label=f"runq[{i}]")
        for t in p.timers:
            tn = f"timer#{t.tid}"
            gr.add_node(tn, kind="timer", tid=t.tid, when_ns=t.when_ns, timer_kind=t.kind,
                        target=t.target, pid=t.pid, label=f"timer#{t.tid} {t.kind} @{fmt_ns(t.when_ns)}")
            gr.add_edge(pn, tn, kind="timer", label="timers")
            tgt = t.target
            if tgt and tgt != "func":
                gr.add_edge(tn, tgt, kind="targets", label=t.kind)
    for c in frame.chans:
        cn = f"chan#{c.cid}"
        gr.add_node(cn, kind="chan", cid=c.cid, name=c.name, cap=c.cap, buf=c.buf,
                    closed=c.closed, elem=c.elem, sendq=c.sendq, recvq=c.recvq,
                    label=f"{c.name or cn} chan {c.elem}")
    for g in frame.gs:
        if g.status != "waiting":
            continue
        for obj in g.wait_on:
            gr.add_edge(f"G{g.gid}", obj, kind="waits", label=g.wait_reason or "waits")
    for x in frame.ctxs:
        xn = f"ctx#{x.cid}"
        gr.add_node(xn, kind="ctx", cid=x.cid, ctx_kind=x.kind, err=x.err, cause=x.cause,
                    deadline_ns=x.deadline_ns, done=bool(x.err), label=f"ctx#{x.cid} {x.kind}")
        if x.parent:
            gr.add_edge(f"ctx#{x.parent}", xn, kind="parent", label="child")
        if x.done_cid:
            gr.add_edge(xn, f"chan#{x.done_cid}", kind="done", label="Done()")
    if frame.sysmon is not None:
        s = frame.sysmon
        gr.add_node("sysmon", kind="sysmon", next_wake_ns=s.next_wake_ns, delay_us=s.delay_us,
                    idle=s.idle, label="sysmon")
    # Edges may name objects that the frame does not list (a target that is gone): give them a
    # kind so renderers can skip them.
    for n, d in gr.nodes(data=True):
        d.setdefault("kind", "unknown")
        d.setdefault("label", n)
    return gr
