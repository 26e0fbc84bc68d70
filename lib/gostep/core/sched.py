"""The scheduler on g0, sysmon, and stop-the-world (proc.go, Go 1.27).

A scheduling pass, step by step
===============================
When a G stops running (parks, exits, yields, is preempted) its M switches to the g0 stack and
calls schedule -> findRunnable. Each part that changes something is a step of the trace:

    schedule            "P0 on g0: schedule"
    timers.check        every due timer of this P runs here, on g0 (timer_fire)
    1 in 61 schedticks  the global queue first, for fairness (globrunqget(pp, 1))
    runqget             runnext first (the G inherits the time slice), then the local ring
    globrunqget         a batch from the global queue
    stealWork           4 rounds over the other Ps from a random start (choose(CH_STEAL)); the last
                        round also runs their due timers and may take their runnext
    idle                nothing found: pidleput; the M stops (stopm) or, if it is the one that
                        watches timers, blocks in netpoll until the earliest timer of all Ps
    execute             the G found runs (schedtick++ unless it came from runnext)

Time: the P's clock advances by cfg[CF_SCHED_NS] per pass, cfg[CF_TIMER_NS] per timer run and
cfg[CF_SWITCH_NS] per execute. The netpoll sleep is Linux epoll_wait's (netpoll_epoll.go: a delay under
1 ms waits 1 ms, else delay/1e6 whole ms, truncated, so it may wake early and sleep again), plus
cfg[CF_WAKE_LAT_NS] for the thread to run.

sysmon
======
Its own M without a P (an actor with its own clock, sc[S_SM_NEXT]). Go's loop: usleep(delay) with
delay 20 us, doubling each round once `idle` > 50, capped at 10 ms; `idle` is reset only when
retake takes a P from a syscall (the subset has no syscalls), so it never resets here: a long run
settles at one tick per 10 ms. When every P is idle it sleeps until the next timer. retake: a P
whose schedtick has not changed since the previous tick, seen running for forcePreemptNS = 10 ms,
gets its G's preempt flag (preemptone). With async preemption the request lands cfg[CF_SIGNAL_LAT_NS]
later at the next instruction; with asyncpreemptoff=1 only at a cooperative point (preempt.py
coop_point). sysmon is a thread the OS schedules: with cfg[CF_OS_CHOICES] (the scheduler game) a
wake-up where retake would preempt is a decision, on time or SYSMON_LATE_NS late (CH_SYSMON).

Simplifications: one M per P (Go may have more Ms than Ps, e.g. around syscalls); no netpoller
I/O; stealWork draws one random start per call instead of one per round, and walks the Ps in
order from it (Go uses a random coprime stride).
"""
from __future__ import annotations

from gostep.core.jit import kernel
from gostep.core.layout import (  # the tables' row indices (layout.py)
    CF_GC_NS, CF_OS_CHOICES, CF_SCHED_NS, CF_SIGNAL_LAT_NS, CF_SLEEP_SLACK_NS, CF_STW_NS,
    CF_SWITCH_NS, CF_TIMER_NS, CF_WAKE_LAT_NS, G_LINECNT, G_P, G_PREEMPT, G_PREEMPT_AT, G_STATUS,
    P_CLOCK, P_CURG, P_PHASE, P_RQH, P_RQT, P_RUNNEXT, P_SCHEDTICK, P_SM_TICK, P_SM_WHEN,
    P_SPINNING, P_STATUS, P_THN, P_TVER, TM_WHEN
)

from gostep.core.chan import choose
from gostep.core.defs import (CH_STEAL, CH_SYSMON, SYSMON_LATE_MAX, SYSMON_LATE_NS, S_SM_LATE, END_DEADLOCK, END_RUNNING, EV_DEADLOCK, EV_EXECUTE,
                              EV_GLOBRUNQGET, EV_IDLE, EV_PREEMPT_REQUEST, EV_RUNQGET,
                              EV_SCHEDULE, EV_STEAL, EV_STW, EV_SYSMON, G_RUNNING, OB_NONE, OB_P,
                              P_GCSTOP, P_IDLE, P_RUNNING, PH_G, PH_NETPOLL, PH_PARKED,
                              PH_STW, PH_STWWAIT, PH_WAKING, S_END, S_ENDT, S_GCG, S_GCWAIT,
                              S_GQH, S_GQT, S_NPROCS, S_SM_DEEP, S_SM_DELAY, S_SM_IDLE, S_SM_NEXT,
                              S_NEWPROCS, PH_DEAD)
from gostep.core.proc import wakep
from gostep.core.queues import (globrunqget, globrunqputhead, os_noise, runq_len, runqget,
                                runqsteal, theap_min, theap_push, theap_remove)
from gostep.core.tables import gtab, ptab, runqtab, thtab, tmtab
from gostep.core.record import emit, gmark
from gostep.core.time import timer_fire

FORCE_PREEMPT_NS = 10_000_000   # proc.go forcePreemptNS
INF = 1 << 62


@kernel
def earliest_timer(st):
    """timeSleepUntil / checkTimersNoP: the earliest `when` over all Ps' heaps (INF if none)."""
    TM = tmtab(st)
    best = INF
    for q in range(st.sc[S_NPROCS]):
        tid = theap_min(st, q)
        if tid > 0 and TM[TM_WHEN, tid] < best:
            best = TM[TM_WHEN, tid]
    return best


@kernel
def check_timers(st, cfg, prog, victim, pid, t):
    """timers.check (time.go, 1.23+): run every due timer of victim's heap on P pid's g0.
    Returns the advanced clock."""
    TM = tmtab(st)
    while st.sc[S_END] == END_RUNNING:
        tid = theap_min(st, victim)
        if tid == 0 or TM[TM_WHEN, tid] > t:
            break
        timer_fire(st, cfg, prog, tid, pid, t)
        t += cfg[CF_TIMER_NS]
    return t


@kernel
def execute(st, cfg, prog, pid, gid, inherit, t):
    """execute (proc.go, 1.27): the G runs on pp; schedtick advances unless it inherits the time
    slice (it came from runnext)."""
    G = gtab(st)
    P = ptab(st)
    G[G_STATUS, gid] = G_RUNNING
    G[G_P, gid] = pid
    G[G_LINECNT, gid] = 0
    P[P_CURG, pid] = gid
    P[P_PHASE, pid] = PH_G
    P[P_STATUS, pid] = P_RUNNING
    if inherit == 0:
        P[P_SCHEDTICK, pid] += 1
    t += cfg[CF_SWITCH_NS]
    P[P_CLOCK, pid] = t
    emit(st, cfg, prog, EV_EXECUTE, gid, pid, OB_NONE, 0, inherit, P[P_SCHEDTICK, pid], t)


@kernel
def steal_work(st, cfg, prog, pid, t):
    """stealWork (proc.go, 1.27). Returns (gid or 0 or -1 to stop at a choice, victim, clock,
    inheritTime). A G readied by the victim's timers lands in this P's runnext and is taken with
    inheritTime, as Go's `if gp, inheritTime := runqget(pp); gp != nil` after `p2.timers.check`."""
    P = ptab(st)
    n = st.sc[S_NPROCS]
    start = 0
    if n > 2:
        start = choose(st, cfg, CH_STEAL, n - 1)
        if start < 0:
            return -1, -1, t, 0
    for rnd in range(4):
        last = rnd == 3
        for j in range(n - 1):
            q = (pid + 1 + (start + j) % (n - 1)) % n
            if last and P[P_THN, q] > 0:
                t = check_timers(st, cfg, prog, q, pid, t)
                g, inh = runqget(st, pid)
                if g > 0:
                    return g, pid, t, inh
            if P[P_STATUS, q] == P_RUNNING and P[P_PHASE, q] != PH_STW:
                g = runqsteal(st, pid, q, last)
                if g > 0:
                    return g, q, t, 0
    return 0, -1, t, 0


@kernel
def netpoll_wake_time(st, cfg, t, when):
    """When an M that blocks in netpoll(when - t) at time t runs again (netpoll_epoll.go)."""
    delay = when - t
    if delay < 1_000_000:
        ms = 1
    else:
        ms = delay // 1_000_000
    return t + ms * 1_000_000 + cfg[CF_SLEEP_SLACK_NS] + cfg[CF_WAKE_LAT_NS] + os_noise(st, cfg)


@kernel
def go_idle(st, cfg, prog, pid, t):
    """pidleput + stopm, or block in netpoll when no other M watches the timers; then checkdead."""
    P = ptab(st)
    P[P_STATUS, pid] = P_IDLE
    P[P_SPINNING, pid] = 0
    P[P_CURG, pid] = 0
    n = st.sc[S_NPROCS]
    other = False
    for q in range(n):
        if q != pid and P[P_PHASE, q] == PH_NETPOLL and P[P_STATUS, q] == P_IDLE:
            other = True
    when = earliest_timer(st)
    if when < INF and not other:
        P[P_PHASE, pid] = PH_NETPOLL
        P[P_CLOCK, pid] = netpoll_wake_time(st, cfg, t, when)
        emit(st, cfg, prog, EV_IDLE, -1, pid, OB_NONE, 0, 1, P[P_CLOCK, pid], t)
    else:
        P[P_PHASE, pid] = PH_PARKED
        emit(st, cfg, prog, EV_IDLE, -1, pid, OB_NONE, 0, 0, 0, t)
    checkdead(st, cfg, prog, t)
    check_stw(st, cfg, prog, t)


@kernel
def checkdead(st, cfg, prog, t):
    """checkdead (proc.go, 1.27): no M is running or can be woken (every P parked) and no timer
    is pending: every goroutine is asleep forever."""
    P = ptab(st)
    if st.sc[S_GCWAIT] != 0:
        return
    for q in range(st.sc[S_NPROCS]):
        ph = P[P_PHASE, q]
        if ph != PH_PARKED:
            return
    if earliest_timer(st) < INF:
        return
    if st.sc[S_GQT] != st.sc[S_GQH]:
        return
    if st.sc[S_END] == END_RUNNING:
        st.sc[S_END] = END_DEADLOCK
        st.sc[S_ENDT] = t
        emit(st, cfg, prog, EV_DEADLOCK, -1, -1, OB_NONE, 0, 0, 0, t)


@kernel
def schedule_pass(st, cfg, prog, pid):
    """schedule -> findRunnable (proc.go, 1.27) on P pid's g0, from the timers to execute."""
    P = ptab(st)
    t = P[P_CLOCK, pid]
    if st.sc[S_GCWAIT] != 0:
        # gcstopm: the world is being stopped
        P[P_STATUS, pid] = P_GCSTOP
        P[P_PHASE, pid] = PH_STW
        P[P_SPINNING, pid] = 0
        emit(st, cfg, prog, EV_STW, -1, pid, OB_P, pid, 1, 0, t)
        check_stw(st, cfg, prog, t)
        return
    P[P_STATUS, pid] = P_RUNNING
    emit(st, cfg, prog, EV_SCHEDULE, -1, pid, OB_NONE, 0, P[P_SCHEDTICK, pid], P[P_SPINNING, pid], t)
    t += cfg[CF_SCHED_NS]
    t = check_timers(st, cfg, prog, pid, pid, t)
    P[P_CLOCK, pid] = t
    gp = 0
    inherit = 0
    kind = EV_RUNQGET
    victim = -1
    if P[P_SCHEDTICK, pid] % 61 == 0 and st.sc[S_GQT] > st.sc[S_GQH]:
        gp = globrunqget(st, pid, 1)
        kind = EV_GLOBRUNQGET
    if gp == 0:
        gp, inherit = runqget(st, pid)
        kind = EV_RUNQGET
    if gp == 0:
        gp = globrunqget(st, pid, 0)
        kind = EV_GLOBRUNQGET
    if gp == 0 and st.sc[S_NPROCS] > 1:
        gp, victim, t, inherit = steal_work(st, cfg, prog, pid, t)
        P[P_CLOCK, pid] = t
        if gp < 0:
            return
        kind = EV_STEAL
        if victim == pid:
            kind = EV_RUNQGET
    if st.sc[S_END] != END_RUNNING:
        return
    if gp == 0:
        go_idle(st, cfg, prog, pid, t)
        return
    emit(st, cfg, prog, kind, gp, pid, OB_P, victim, inherit, 0, t)
    if P[P_SPINNING, pid] != 0:
        # resetspinning: the M found work; wake another spinning M in case there is more
        P[P_SPINNING, pid] = 0
        wakep(st, cfg, prog, pid, t)
    execute(st, cfg, prog, pid, gp, inherit, t)


# ---- sysmon -------------------------------------------------------------------------------

@kernel
def preemptone(st, cfg, prog, pid, t):
    """preemptone (proc.go, 1.27): gp.preempt = true (+ stackguard0 = stackPreempt), and unless
    asyncpreemptoff, preemptM sends SIGURG (lands cfg[CF_SIGNAL_LAT_NS] later)."""
    G = gtab(st)
    P = ptab(st)
    g = P[P_CURG, pid]
    if g <= 0 or P[P_PHASE, pid] != PH_G:
        return
    G[G_PREEMPT, g] = 1
    G[G_PREEMPT_AT, g] = t + cfg[CF_SIGNAL_LAT_NS] + os_noise(st, cfg)
    emit(st, cfg, prog, EV_PREEMPT_REQUEST, g, pid, OB_NONE, 0, t - P[P_SM_WHEN, pid], 0, t)


@kernel
def would_preempt(st, n, t):
    """Whether retake at time t would newly preempt some P's G (the test of retake's loop in
    sysmon_tick, for a G not already asked to stop)."""
    G = gtab(st)
    P = ptab(st)
    for q in range(n):
        if P[P_STATUS, q] != P_RUNNING:
            continue
        if P[P_SM_TICK, q] != P[P_SCHEDTICK, q]:
            continue
        if P[P_SM_WHEN, q] + FORCE_PREEMPT_NS <= t \
                and P[P_PHASE, q] == PH_G:
            g = P[P_CURG, q]
            if g > 0 and G[G_PREEMPT, g] == 0:
                return True     # (a G already asked to stop is not asked again: lateness is moot)
    return False


@kernel
def sysmon_tick(st, cfg, prog):
    """One iteration of sysmon's loop (proc.go sysmon + retake, 1.27), at sc[S_SM_NEXT].

    A tick is the moment usleep(delay) returns. Go's loop body is: compute delay from idle, usleep,
    retake, idle++ (retake returns how many Ps it took from syscalls: none here). init_run arms the
    first usleep (20 us, Go's pass with idle == 0) and sets idle = 0 like `idle := 0`; tick k then
    does retake and idle++ (idle == k) and computes the delay of the next usleep. So the sleeps of
    20 us are the passes with idle 0..50: 51 of them, and the 52nd sleep is the first 40 us one."""
    P = ptab(st)
    t = st.sc[S_SM_NEXT]
    n = st.sc[S_NPROCS]
    st.sc[S_SM_DEEP] = 0
    npidle = 0
    for q in range(n):
        if P[P_STATUS, q] == P_IDLE:
            npidle += 1
    if npidle == n or st.sc[S_GCWAIT] != 0:
        nxt = earliest_timer(st)
        if nxt > t:
            sleep = 60_000_000_000   # forcegcperiod / 2
            if nxt - t < sleep:
                sleep = nxt - t
            st.sc[S_SM_DEEP] = 1
            st.sc[S_SM_NEXT] = t + sleep + cfg[CF_SLEEP_SLACK_NS] + os_noise(st, cfg)
            emit(st, cfg, prog, EV_SYSMON, -1, -1, OB_NONE, 0, 2, t + sleep, t)
            return
    # The OS's timing as a decision (os_choices, the "you are the scheduler" game): at a tick
    # where retake would preempt a G, sysmon's usleep may return on time (0) or the OS may run
    # the thread late (1): sysmon is an M without a P, an ordinary thread that a loaded machine
    # can leave waiting. Late means SYSMON_LATE_NS later, at most SYSMON_LATE_MAX times in a row;
    # the tick then happens (retake, idle++) when the thread runs. Never asked otherwise.
    if cfg[CF_OS_CHOICES] != 0 and st.sc[S_SM_LATE] < SYSMON_LATE_MAX and would_preempt(st, n, t):
        c = choose(st, cfg, CH_SYSMON, 2)
        if c < 0:
            return                      # stopped before the decision (stop_at_choice)
        if c == 1:
            st.sc[S_SM_LATE] += 1
            st.sc[S_SM_NEXT] = t + SYSMON_LATE_NS
            emit(st, cfg, prog, EV_SYSMON, -1, -1, OB_NONE, 0, 3, SYSMON_LATE_NS, t)
            return
    st.sc[S_SM_LATE] = 0
    # retake: only preemption here (no syscalls in the subset)
    for q in range(n):
        if P[P_STATUS, q] != P_RUNNING:
            continue
        if P[P_SM_TICK, q] != P[P_SCHEDTICK, q]:
            P[P_SM_TICK, q] = P[P_SCHEDTICK, q]
            P[P_SM_WHEN, q] = t
        elif P[P_SM_WHEN, q] + FORCE_PREEMPT_NS <= t:
            preemptone(st, cfg, prog, q, t)
    st.sc[S_SM_IDLE] += 1
    idle = st.sc[S_SM_IDLE]
    delay = st.sc[S_SM_DELAY]
    if idle == 0:
        delay = 20_000
    elif idle > 50:
        delay *= 2
    if delay > 10_000_000:
        delay = 10_000_000
    st.sc[S_SM_DELAY] = delay
    st.sc[S_SM_NEXT] = t + delay + cfg[CF_SLEEP_SLACK_NS] + os_noise(st, cfg)
    emit(st, cfg, prog, EV_SYSMON, -1, -1, OB_NONE, 0, 0, delay, t)


# ---- stop the world -----------------------------------------------------------------------

@kernel
def procresize(st, cfg, prog, w, n, t):
    """procresize (proc.go, 1.27) with the world stopped, for runtime.GOMAXPROCS(n); w is the P of
    the caller. Return the caller's P afterwards. As in Go: the caller keeps its P when it stays
    (id < n), else it takes allp[0]; then each removed P is destroyed ((*p).destroy): its local
    run queue, popped from the tail, and then its runnext go to the *head* of the global queue
    (globrunqputhead), its timers to the caller's P. New Ps start idle. (Their running Gs were
    preempted to the global queue's tail by the stop-the-world.)"""
    G = gtab(st)
    P = ptab(st)
    RQ = runqtab(st)
    TH = thtab(st)
    prev = st.sc[S_NPROCS]
    g = st.sc[S_GCG]
    if w >= n:
        P[P_CURG, 0] = g
        P[P_STATUS, 0] = P_RUNNING
        P[P_PHASE, 0] = PH_G
        P[P_CLOCK, 0] = t
        P[P_SPINNING, 0] = 0
        G[G_P, g] = 0
        P[P_CURG, w] = 0
        gmark(st, g)
        w = 0
    rs = RQ.shape[1]
    for q in range(n, prev):
        h = P[P_RQH, q]
        tl = P[P_RQT, q]
        while tl > h:
            tl -= 1
            globrunqputhead(st, RQ[q, tl % rs])
        # the ring is empty with head = tail at the old tail: the indices only grow (build_pq)
        P[P_RQH, q] = P[P_RQT, q]
        if P[P_RUNNEXT, q] > 0:
            globrunqputhead(st, P[P_RUNNEXT, q])
            P[P_RUNNEXT, q] = 0
        while P[P_THN, q] > 0:
            tid = TH[q, 0]
            theap_remove(st, tid)
            theap_push(st, w, tid)
        P[P_STATUS, q] = P_IDLE
        P[P_PHASE, q] = PH_DEAD
        P[P_CURG, q] = 0
        P[P_SPINNING, q] = 0
    for q in range(prev, n):
        P[P_STATUS, q] = P_IDLE
        P[P_PHASE, q] = PH_STW     # started with the others
        P[P_CLOCK, q] = t
        P[P_RUNNEXT, q] = 0
        P[P_CURG, q] = 0
        P[P_SPINNING, q] = 0
        P[P_RQH, q] = P[P_RQT, q]
        P[P_THN, q] = 0
        P[P_TVER, q] += 1   # its queues' record is out of date
    st.sc[S_NPROCS] = n
    return w


@kernel
def stw_start(st, cfg, prog, gid, pid, t):
    """stopTheWorldWithSema (proc.go, 1.27) for runtime.GC and runtime.GOMAXPROCS (S_NEWPROCS
    set): idle Ps stop at once; running Gs get a preemption request (preemptall) and stop at
    their next preemption point; the caller waits."""
    G = gtab(st)
    P = ptab(st)
    st.sc[S_GCWAIT] = 1
    st.sc[S_GCG] = gid
    P[P_PHASE, pid] = PH_STWWAIT
    emit(st, cfg, prog, EV_STW, gid, pid, OB_NONE, 0, 0, st.sc[S_NEWPROCS], t)
    for q in range(st.sc[S_NPROCS]):
        if q == pid:
            continue
        ph = P[P_PHASE, q]
        if ph == PH_PARKED or ph == PH_NETPOLL or ph == PH_WAKING:
            P[P_STATUS, q] = P_GCSTOP
            P[P_PHASE, q] = PH_STW
            P[P_SPINNING, q] = 0
        elif ph == PH_G:
            g = P[P_CURG, q]
            G[G_PREEMPT, g] = 1
            G[G_PREEMPT_AT, g] = t + cfg[CF_SIGNAL_LAT_NS] + os_noise(st, cfg)
            gmark(st, g)
    check_stw(st, cfg, prog, t)


@kernel
def check_stw(st, cfg, prog, t):
    """When every other P has stopped: the GC pause (cfg[CF_GC_NS]), then startTheWorld."""
    P = ptab(st)
    if st.sc[S_GCWAIT] == 0:
        return
    w = -1
    for q in range(st.sc[S_NPROCS]):
        ph = P[P_PHASE, q]
        if ph == PH_STWWAIT:
            w = q
        elif ph != PH_STW:
            return
    if w < 0:
        return
    tw = P[P_CLOCK, w]
    if t > tw:
        tw = t
    newprocs = st.sc[S_NEWPROCS]
    tw += cfg[CF_GC_NS] if newprocs == 0 else cfg[CF_STW_NS]
    st.sc[S_GCWAIT] = 0
    st.sc[S_NEWPROCS] = 0
    P[P_CLOCK, w] = tw
    P[P_PHASE, w] = PH_G
    if newprocs != 0:
        # startTheWorldWithSema: procresize(newprocs) before the Ps start again
        w = procresize(st, cfg, prog, w, newprocs, tw)
    emit(st, cfg, prog, EV_STW, st.sc[S_GCG], w, OB_NONE, 0, 2, newprocs, tw)
    for q in range(st.sc[S_NPROCS]):
        if q != w and P[P_PHASE, q] == PH_STW:
            P[P_STATUS, q] = P_IDLE
            P[P_PHASE, q] = PH_PARKED
            P[P_CLOCK, q] = tw
    # procresize hands Ps with work to Ms; then wakep
    for q in range(st.sc[S_NPROCS]):
        if q != w and P[P_PHASE, q] == PH_PARKED and (runq_len(st, q) > 0 or P[P_RUNNEXT, q] > 0):
            P[P_STATUS, q] = P_RUNNING
            P[P_PHASE, q] = PH_WAKING
            P[P_CLOCK, q] = tw + cfg[CF_WAKE_LAT_NS] + os_noise(st, cfg)
    if st.sc[S_GQT] > st.sc[S_GQH]:
        wakep(st, cfg, prog, w, tw)
    # an idle P watches the timers again
    for q in range(st.sc[S_NPROCS]):
        if q != w and P[P_PHASE, q] == PH_PARKED:
            when = earliest_timer(st)
            if when < INF:
                P[P_PHASE, q] = PH_NETPOLL
                P[P_CLOCK, q] = netpoll_wake_time(st, cfg, tw, when)
            break
