"""Goroutine life cycle: newproc, gopark, goready/ready, wakep, goexit (proc.go, Go 1.27).

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


from gostep.core.jit import kernel
from gostep.core.layout import *  # noqa: F401,F403  (row indices)

from gostep.core.defs import (CAP_G, CAP_STACK, EV_GO, EV_GOEXIT, EV_PARK, EV_READY, EV_WAKEP,
                              G_DEAD, G_RUNNABLE, G_WAITING, OB_NONE, OB_P, P_IDLE, PH_NETPOLL,
                              PH_PARKED, PH_SCHED, PH_WAKING, S_NG, S_NGCREATED, S_NLIVE, S_NPROCS)
from gostep.core.queues import fail_cap, os_noise, runqput
from gostep.core.record import emit, gmark


@kernel
def g_new(st, cfg, prog, fn, clo, by):
    """malg + newproc1: a new G whose first frame calls fn (a program function) with closure clo.
    The caller copies the arguments to g_stk[gid, 0:nargs]. Returns gid (0: out of Gs)."""
    gid = st.sc[S_NG] + 1
    if gid >= st.o[W_G]:
        fail_cap(st, CAP_G)
        return 0
    nl = prog[prog[PG_FN_NLOCALS] + fn]
    if nl + prog[prog[PG_FN_MAXSTACK] + fn] > st.o[W_GSTK]:
        fail_cap(st, CAP_STACK)     # the first frame's stack check (vm.push_frame)
        return 0
    st.sc[S_NG] = gid
    st.sc[S_NGCREATED] += 1
    st.sc[S_NLIVE] += 1
    st.m[st.o[O_G] + (G_STATUS) * st.o[W_G] + gid] = G_RUNNABLE
    st.m[st.o[O_G] + (G_WAIT) * st.o[W_G] + gid] = 0
    st.m[st.o[O_G] + (G_WAITOBJ) * st.o[W_G] + gid] = 0
    st.m[st.o[O_G] + (G_P) * st.o[W_G] + gid] = -1
    st.m[st.o[O_G] + (G_PC) * st.o[W_G] + gid] = prog[prog[PG_FN_ENTRY] + fn]
    for i in range(prog[prog[PG_FN_NPARAMS] + fn], nl):
        st.m[st.o[O_GSTK] + (gid) * st.o[W_GSTK] + i] = 0
    st.m[st.o[O_G] + (G_SP) * st.o[W_G] + gid] = nl
    st.m[st.o[O_G] + (G_NFR) * st.o[W_G] + gid] = 1
    st.m[st.o[O_G] + (G_FN) * st.o[W_G] + gid] = fn
    st.m[st.o[O_G] + (G_BY) * st.o[W_G] + gid] = by
    st.m[st.o[O_G] + (G_PREEMPT) * st.o[W_G] + gid] = 0
    st.m[st.o[O_G] + (G_PREEMPT_AT) * st.o[W_G] + gid] = 0
    st.m[st.o[O_G] + (G_WAKE) * st.o[W_G] + gid] = 0
    st.m[st.o[O_G] + (G_SUDOGS) * st.o[W_G] + gid] = -1
    st.m[st.o[O_G] + (G_PANIC) * st.o[W_G] + gid] = 0
    st.m[st.o[O_G] + (G_RECOVERED) * st.o[W_G] + gid] = 0
    st.m[st.o[O_G] + (G_PANIC0) * st.o[W_G] + gid] = 0
    st.m[st.o[O_G] + (G_PANIC0_REC) * st.o[W_G] + gid] = 0
    st.m[st.o[O_G] + (G_LINECNT) * st.o[W_G] + gid] = 0
    st.m[st.o[O_G] + (G_LASTLINE) * st.o[W_G] + gid] = 0
    st.m[st.o[O_G] + (G_TIMER) * st.o[W_G] + gid] = 0
    st.m[st.o[O_FR] + (FR_FN) * st.o[W_FR] + (gid) * st.o[F_FR] + 0] = fn
    st.m[st.o[O_FR] + (FR_RET) * st.o[W_FR] + (gid) * st.o[F_FR] + 0] = -1
    st.m[st.o[O_FR] + (FR_FP) * st.o[W_FR] + (gid) * st.o[F_FR] + 0] = 0
    st.m[st.o[O_FR] + (FR_CLO) * st.o[W_FR] + (gid) * st.o[F_FR] + 0] = clo
    st.m[st.o[O_FR] + (FR_DEF) * st.o[W_FR] + (gid) * st.o[F_FR] + 0] = 0
    st.m[st.o[O_FR] + (FR_FLAG) * st.o[W_FR] + (gid) * st.o[F_FR] + 0] = 0
    st.m[st.o[O_G] + (G_DIRTY) * st.o[W_G] + gid] = 0
    gmark(st, gid)
    return gid


@kernel
def wakep(st, cfg, prog, pid, t):
    """wakep (proc.go, 1.27): if no M is spinning and a P is idle, start an M on it (startm); it
    begins spinning in findRunnable after the OS wake-up latency. Prefers a P whose M is stopped;
    else interrupts the one blocked in netpoll (netpollBreak)."""
    n = st.sc[S_NPROCS]
    cand = -1
    for q in range(n):
        if st.m[st.o[O_P] + (P_SPINNING) * st.o[W_P] + q] != 0:
            return
    for q in range(n):
        if st.m[st.o[O_P] + (P_STATUS) * st.o[W_P] + q] == P_IDLE and st.m[st.o[O_P] + (P_PHASE) * st.o[W_P] + q] == PH_PARKED:
            cand = q
            break
    if cand < 0:
        for q in range(n):
            if st.m[st.o[O_P] + (P_STATUS) * st.o[W_P] + q] == P_IDLE and st.m[st.o[O_P] + (P_PHASE) * st.o[W_P] + q] == PH_NETPOLL:
                cand = q
                break
    if cand < 0:
        return
    wt = t + cfg[CF_WAKE_LAT_NS] + os_noise(st, cfg)
    if st.m[st.o[O_P] + (P_PHASE) * st.o[W_P] + cand] == PH_NETPOLL and st.m[st.o[O_P] + (P_CLOCK) * st.o[W_P] + cand] < wt:
        wt = st.m[st.o[O_P] + (P_CLOCK) * st.o[W_P] + cand]
    st.m[st.o[O_P] + (P_PHASE) * st.o[W_P] + cand] = PH_WAKING
    st.m[st.o[O_P] + (P_STATUS) * st.o[W_P] + cand] = 1   # P_RUNNING: pidleget hands it to the new M
    st.m[st.o[O_P] + (P_SPINNING) * st.o[W_P] + cand] = 1
    st.m[st.o[O_P] + (P_CLOCK) * st.o[W_P] + cand] = wt
    emit(st, cfg, prog, EV_WAKEP, -1, cand, OB_P, pid, pid, wt, t)


@kernel
def newproc_put(st, cfg, prog, pid, gid, t):
    """newproc (proc.go, 1.27): the new G goes to runnext of the current P, then wakep."""
    runqput(st, pid, gid, True)
    emit(st, cfg, prog, EV_GO, gid, pid, OB_NONE, 0, st.m[st.o[O_G] + (G_BY) * st.o[W_G] + gid], st.m[st.o[O_G] + (G_FN) * st.o[W_G] + gid], t)
    wakep(st, cfg, prog, pid, t)


@kernel
def goready(st, cfg, prog, gid, pid, by, t):
    """goready -> ready (proc.go, 1.27): _Gwaiting -> _Grunnable, runqput(pp, gp, next=true),
    wakep. pid is the P of whoever readies it (a G or a scheduler pass on g0)."""
    st.m[st.o[O_G] + (G_STATUS) * st.o[W_G] + gid] = G_RUNNABLE
    w = st.m[st.o[O_G] + (G_WAIT) * st.o[W_G] + gid]
    st.m[st.o[O_G] + (G_WAIT) * st.o[W_G] + gid] = 0
    obj = st.m[st.o[O_G] + (G_WAITOBJ) * st.o[W_G] + gid]
    st.m[st.o[O_G] + (G_WAITOBJ) * st.o[W_G] + gid] = 0
    runqput(st, pid, gid, True)
    emit(st, cfg, prog, EV_READY, gid, pid, OB_NONE, obj, by, w, t)
    wakep(st, cfg, prog, pid, t)


@kernel
def gopark(st, cfg, prog, gid, pid, reason, ot, obj, t):
    """gopark -> park_m (proc.go, 1.27): _Grunning -> _Gwaiting with a wait reason; the M goes
    back to g0 and calls schedule."""
    st.m[st.o[O_G] + (G_STATUS) * st.o[W_G] + gid] = G_WAITING
    st.m[st.o[O_G] + (G_WAIT) * st.o[W_G] + gid] = reason
    st.m[st.o[O_G] + (G_WAITOBJ) * st.o[W_G] + gid] = obj
    st.m[st.o[O_G] + (G_P) * st.o[W_G] + gid] = -1
    st.m[st.o[O_P] + (P_CURG) * st.o[W_P] + pid] = 0
    st.m[st.o[O_P] + (P_PHASE) * st.o[W_P] + pid] = PH_SCHED
    emit(st, cfg, prog, EV_PARK, gid, pid, ot, obj, reason, 0, t)


@kernel
def goexit(st, cfg, prog, gid, pid, t):
    """goexit1 -> goexit0 (proc.go, 1.27): _Grunning -> _Gdead; the M schedules again."""
    st.m[st.o[O_G] + (G_STATUS) * st.o[W_G] + gid] = G_DEAD
    st.m[st.o[O_G] + (G_P) * st.o[W_G] + gid] = -1
    st.sc[S_NLIVE] -= 1
    st.m[st.o[O_P] + (P_CURG) * st.o[W_P] + pid] = 0
    st.m[st.o[O_P] + (P_PHASE) * st.o[W_P] + pid] = PH_SCHED
    emit(st, cfg, prog, EV_GOEXIT, gid, pid, OB_NONE, 0, 0, 0, t)
