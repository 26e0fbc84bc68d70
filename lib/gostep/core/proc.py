"""Goroutine life cycle: newproc, gopark, goready/ready, wakep, goexit, main's exit (proc.go, Go 1.27).

Why runnext exists
==================
`go f()` and every wake-up (goready) put the G in the current P's `runnext`, not at the tail of
its queue: the G that was just created or woken is likely to talk to the G that made it runnable,
so running it next keeps the pair on one P and hot in cache. The old runnext is kicked to the tail
of the local ring. A G taken from runnext inherits the rest of the time slice (execute with
inheritTime: schedtick does not advance), so a ping-pong pair cannot starve the queue forever: sysmon
sees the same schedtick and preempts after 10 ms.

How work wakes an idle P
========================
ready and newproc call wakep: if some P is idle and no M is spinning (looking for work), one idle
P is handed to an M (startm). That M starts after `cfg[CF_WAKE_LAT_NS]` (an OS thread wake-up) and
runs findRunnable while "spinning"; it steals the new G if the first P has not run it by then.
"""
from __future__ import annotations


from gostep.core.jit import inlined, kernel
from gostep.core.layout import (  # the tables' row indices (layout.py)
    CF_WAKE_LAT_NS, FR_CLO, FR_DEF, FR_FLAG, FR_FN, FR_FP, FR_RET, G_BY, G_DIRTY, G_FN, G_LASTLINE,
    G_LINECNT, G_NFR, G_P, G_PANIC, G_PANIC0, G_PANIC0_REC, G_PC, G_PREEMPT, G_PREEMPT_AT,
    G_RECOVERED, G_SP, G_STATUS, G_SUDOGS, G_TIMER, G_WAIT, G_WAITOBJ, G_WAKE, OB_CLO_FN,
    PG_FN_ENTRY, PG_FN_MAXSTACK, PG_FN_NLOCALS, PG_FN_NPARAMS, PG_HDR, P_CLOCK, P_CURG, P_PHASE,
    P_SPINNING, P_STATUS
)

from gostep.core.defs import (CAP_G, CAP_STACK, END_OK, END_RUNNING, END_UNSUPPORTED, EV_EXIT, EV_GO,
                              EV_GOEXIT, EV_PARK, EV_READY, EV_WAKEP, G_DEAD, G_RUNNABLE, G_WAITING,
                              OB_NONE, OB_P, P_IDLE, PH_NETPOLL, PH_PARKED, PH_SCHED, PH_WAKING,
                              S_END, S_END_A, S_END_B, S_ENDT, S_NG, S_NGCREATED, S_NLIVE, S_NPROCS)
from gostep.core.preempt import coop_point
from gostep.core.queues import fail_cap, os_noise, runqput, unsupported
from gostep.core.tables import frtab, gtab, obtab, ptab, stktab
from gostep.core.record import emit, gmark
from gostep.model import isa


@kernel
def g_new(st, cfg, prog, fn, clo, by):
    """malg + newproc1: a new G whose first frame calls fn (a program function) with closure clo.
    The caller copies the arguments to stktab(st)[gid, 0:nargs]. Returns gid (0: out of Gs)."""
    G = gtab(st)
    STK = stktab(st)
    gid = st.sc[S_NG] + 1
    if gid >= G.shape[1]:
        fail_cap(st, CAP_G)
        return 0
    nl = prog[prog[PG_FN_NLOCALS] + fn]
    if nl + prog[prog[PG_FN_MAXSTACK] + fn] > STK.shape[1]:
        fail_cap(st, CAP_STACK)     # the first frame's stack check (stack.push_frame)
        return 0
    st.sc[S_NG] = gid
    st.sc[S_NGCREATED] += 1
    st.sc[S_NLIVE] += 1
    G[G_STATUS, gid] = G_RUNNABLE
    G[G_WAIT, gid] = 0
    G[G_WAITOBJ, gid] = 0
    G[G_P, gid] = -1
    G[G_PC, gid] = prog[prog[PG_FN_ENTRY] + fn]
    for i in range(prog[prog[PG_FN_NPARAMS] + fn], nl):
        STK[gid, i] = 0
    G[G_SP, gid] = nl
    G[G_NFR, gid] = 1
    G[G_FN, gid] = fn
    G[G_BY, gid] = by
    G[G_PREEMPT, gid] = 0
    G[G_PREEMPT_AT, gid] = 0
    G[G_WAKE, gid] = 0
    G[G_SUDOGS, gid] = -1
    G[G_PANIC, gid] = 0
    G[G_RECOVERED, gid] = 0
    G[G_PANIC0, gid] = 0
    G[G_PANIC0_REC, gid] = 0
    G[G_LINECNT, gid] = 0
    G[G_LASTLINE, gid] = 0
    G[G_TIMER, gid] = 0
    FR = frtab(st)
    FR[FR_FN, gid, 0] = fn
    FR[FR_RET, gid, 0] = -1
    FR[FR_FP, gid, 0] = 0
    FR[FR_CLO, gid, 0] = clo
    FR[FR_DEF, gid, 0] = 0
    FR[FR_FLAG, gid, 0] = 0
    G[G_DIRTY, gid] = 0
    gmark(st, gid)
    return gid


@kernel
def wakep(st, cfg, prog, pid, t):
    """wakep (proc.go, 1.27): if no M is spinning and a P is idle, start an M on it (startm); it
    begins spinning in findRunnable after the OS wake-up latency. Prefers a P whose M is stopped;
    else interrupts the one blocked in netpoll (netpollBreak)."""
    P = ptab(st)
    n = st.sc[S_NPROCS]
    cand = -1
    for q in range(n):
        if P[P_SPINNING, q] != 0:
            return
    for q in range(n):
        if P[P_STATUS, q] == P_IDLE and P[P_PHASE, q] == PH_PARKED:
            cand = q
            break
    if cand < 0:
        for q in range(n):
            if P[P_STATUS, q] == P_IDLE and P[P_PHASE, q] == PH_NETPOLL:
                cand = q
                break
    if cand < 0:
        return
    wt = t + cfg[CF_WAKE_LAT_NS] + os_noise(st, cfg)
    if P[P_PHASE, cand] == PH_NETPOLL and P[P_CLOCK, cand] < wt:
        wt = P[P_CLOCK, cand]
    P[P_PHASE, cand] = PH_WAKING
    P[P_STATUS, cand] = 1   # P_RUNNING: pidleget hands it to the new M
    P[P_SPINNING, cand] = 1
    P[P_CLOCK, cand] = wt
    emit(st, cfg, prog, EV_WAKEP, -1, cand, OB_P, pid, pid, wt, t)


@kernel
def newproc_put(st, cfg, prog, pid, gid, t):
    """newproc (proc.go, 1.27): the new G goes to runnext of the current P, then wakep."""
    runqput(st, pid, gid, True)
    G = gtab(st)
    emit(st, cfg, prog, EV_GO, gid, pid, OB_NONE, 0, G[G_BY, gid], G[G_FN, gid], t)
    wakep(st, cfg, prog, pid, t)


@kernel
def goready(st, cfg, prog, gid, pid, by, t):
    """goready -> ready (proc.go, 1.27): _Gwaiting -> _Grunnable, runqput(pp, gp, next=true),
    wakep. pid is the P of whoever readies it (a G or a scheduler pass on g0)."""
    G = gtab(st)
    G[G_STATUS, gid] = G_RUNNABLE
    w = G[G_WAIT, gid]
    G[G_WAIT, gid] = 0
    obj = G[G_WAITOBJ, gid]
    G[G_WAITOBJ, gid] = 0
    runqput(st, pid, gid, True)
    emit(st, cfg, prog, EV_READY, gid, pid, OB_NONE, obj, by, w, t)
    wakep(st, cfg, prog, pid, t)


@kernel
def gopark(st, cfg, prog, gid, pid, reason, ot, obj, t):
    """gopark -> park_m (proc.go, 1.27): _Grunning -> _Gwaiting with a wait reason; the M goes
    back to g0 and calls schedule."""
    G = gtab(st)
    P = ptab(st)
    G[G_STATUS, gid] = G_WAITING
    G[G_WAIT, gid] = reason
    G[G_WAITOBJ, gid] = obj
    G[G_P, gid] = -1
    P[P_CURG, pid] = 0
    P[P_PHASE, pid] = PH_SCHED
    emit(st, cfg, prog, EV_PARK, gid, pid, ot, obj, reason, 0, t)


@kernel
def goexit(st, cfg, prog, gid, pid, t):
    """goexit1 -> goexit0 (proc.go, 1.27): _Grunning -> _Gdead; the M schedules again."""
    G = gtab(st)
    P = ptab(st)
    G[G_STATUS, gid] = G_DEAD
    G[G_P, gid] = -1
    st.sc[S_NLIVE] -= 1
    P[P_CURG, pid] = 0
    P[P_PHASE, pid] = PH_SCHED
    emit(st, cfg, prog, EV_GOEXIT, gid, pid, OB_NONE, 0, 0, 0, t)


@inlined
def op_go(st, cfg, prog, g, pid, op, pc, a, b, sp, stk, t):
    """GO, GOV: newproc (proc.go): a new G for f(args) in this P's runnext, then a cooperative
    preemption point. A builtin func value (a cancel func held in a variable) starts on the
    program's trampoline for its kind, with the value as parameter 0."""
    G = gtab(st)
    OB = obtab(st)
    STK = stktab(st)
    if op == isa.GO or op == isa.GOV:
        if op == isa.GO:
            f = a
            n = b
            fv = 0
        else:
            n = a
            fv = stk[sp - n - 1]
            f = OB[OB_CLO_FN, fv] if fv > 0 else -1
            if fv > 0 and f < 0 and -4 <= f and prog[PG_HDR + 1 - f] >= 0:
                # a builtin func value (`g := cancel; go g()`): its trampoline, with the value
                # as parameter 0 and the arguments after it
                ng = g_new(st, cfg, prog, prog[PG_HDR + 1 - f], 0, g)
                if ng == 0:
                    return 1
                STK[ng, 0] = fv
                for i in range(n):
                    STK[ng, 1 + i] = stk[sp - n + i]
                G[G_SP, g] = sp - n - 1
                newproc_put(st, cfg, prog, pid, ng, t)
                coop_point(st, cfg, prog, g, pid, t)
                return 1
            if f < 0:
                st.sc[S_END] = END_UNSUPPORTED
                st.sc[S_END_A] = op
                return 1
        ng = g_new(st, cfg, prog, f, fv, g)
        if ng == 0:
            return 1
        for i in range(n):
            STK[ng, i] = stk[sp - n + i]
        G[G_SP, g] = sp - n - (1 if op == isa.GOV else 0)
        newproc_put(st, cfg, prog, pid, ng, t)
        coop_point(st, cfg, prog, g, pid, t)
        return 1
    return unsupported(st, op)


@kernel
def main_exit(st, cfg, prog, g, pid, t):
    """main.main returned: runtime.main calls exit(0); the other goroutines just stop."""
    if st.sc[S_END] == END_RUNNING:
        st.sc[S_END] = END_OK
        st.sc[S_END_B] = st.sc[S_NLIVE]
        st.sc[S_ENDT] = t
        emit(st, cfg, prog, EV_EXIT, g, pid, OB_NONE, 0, st.sc[S_NLIVE], 0, t)
