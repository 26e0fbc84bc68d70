"""A schedtrace-like text dump of one Frame: the golden-test format and the screen-reader view.

# Why text that looks like GODEBUG=schedtrace

Go prints `SCHED 1004ms: gomaxprocs=2 idleprocs=1 threads=5 spinningthreads=0 ... runqueue=0 [0 0]`
(runtime/proc.go, schedtrace, Go 1.27) and, with scheddetail=1, one line per P, M and G. A reader
who learns our dump can read Go's. We keep its first line and its `key=value` style, name Gs,
Ps and Ms as `G3`, `P0`, `M1`, and add what schedtrace lacks: channels, timers, contexts, sysmon
and the step's narration. The dump is deterministic (ordered by id), so golden tests compare it.

Alternatives rejected: JSON (fine for machines, poor for screen readers and diffs of one line);
reusing Go's exact scheddetail format (it prints raw pointers and fields the model does not have).
"""
from __future__ import annotations

from gostep.views.fmt import fmt_gs, fmt_ns


def _g_line(g) -> str:
    s = f"  G{g.gid}: status={g.status}"
    if g.wait_reason and g.status == "waiting":
        s += f"({g.wait_reason})"
    if g.wait_on and g.status == "waiting":
        s += " on=" + ",".join(g.wait_on)
    if g.pid >= 0:
        s += f" p=P{g.pid}"
    s += f" func={g.func or '?'}"
    if g.line:
        s += f" line={g.line}"
    if g.created_by:
        s += f" created_by=G{g.created_by}"
    if g.preempt:
        s += " preempt=true"
    return s


def to_text(frame) -> str:
    """Render one Frame as schedtrace-like lines (SCHED header, Ps, Ms, Gs, chans, timers, ctxs)."""
    idle = sum(1 for p in frame.ps if p.status == "idle")
    ms = sorted({p.mid for p in frame.ps if p.mid >= 0})
    out = [f"SCHED {fmt_ns(frame.time_ns)} step={frame.step}: gomaxprocs={len(frame.ps)} "
           f"idleprocs={idle} threads={len(ms)} runqueue={len(frame.global_runq)} "
           f"{fmt_gs(frame.global_runq)}",
           f"  event [{frame.event.kind}] {frame.event.text}"]
    for p in frame.ps:
        s = (f"  P{p.pid}: status={p.status} schedtick={p.schedtick} "
             f"m={'M%d' % p.mid if p.mid >= 0 else '-'} "
             f"curg={'G%d' % p.curg if p.curg >= 0 else '-'} "
             f"runnext={'G%d' % p.runnext if p.runnext >= 0 else '-'} "
             f"runq={fmt_gs(p.runq)}")
        if p.timers:
            s += " timers=[" + " ".join(f"timer#{t.tid}:{t.kind}@{fmt_ns(t.when_ns)}->{t.target}"
                                        for t in p.timers) + "]"
        out.append(s)
    for p in frame.ps:
        if p.mid >= 0:
            what = "g0 (scheduling)" if p.on_g0 else (f"G{p.curg}" if p.curg >= 0 else "-")
            out.append(f"  M{p.mid}: p=P{p.pid} curg={what}")
    for g in frame.gs:
        out.append(_g_line(g))
    for c in frame.chans:
        s = (f"  chan#{c.cid} {c.name or '?'} (chan {c.elem}, cap {c.cap}, len {len(c.buf)}"
             f"{', closed' if c.closed else ''}): buf=[{' '.join(c.buf)}] "
             f"sendq={fmt_gs(c.sendq)} recvq={fmt_gs(c.recvq)}")
        out.append(s)
    for x in frame.ctxs:
        s = f"  ctx#{x.cid} {x.kind}"
        if x.parent:
            s += f" parent=ctx#{x.parent}"
        if x.done_cid:
            s += f" done=chan#{x.done_cid}"
        if x.deadline_ns >= 0:
            s += f" deadline={fmt_ns(x.deadline_ns)}"
        s += f" err={x.err or 'nil'}"
        if x.cause:
            s += f" cause={x.cause}"
        out.append(s)
    if frame.sysmon is not None:
        sm = frame.sysmon
        out.append(f"  sysmon: next wake {fmt_ns(sm.next_wake_ns)} delay={sm.delay_us}us "
                   f"idle={sm.idle}{' (deep sleep)' if sm.sleeping_deep else ''}")
    if frame.stdout:
        out.append(f"  stdout: {len(frame.stdout)} line(s), last: {frame.stdout[-1]}")
    if frame.outcome is not None:
        o = frame.outcome
        out.append(f"  outcome: exit={o.exit}" + (f" message={o.message}" if o.message else ""))
    return "\n".join(out)
