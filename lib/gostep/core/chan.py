"""Channels: chansend, chanrecv, closechan and the wake-ups of select (chan.go, Go 1.27; selectgo
itself is select.py).

How a value crosses a channel
=============================
A channel (hchan) has a ring buffer of cap slots and two FIFO wait queues of sudogs: sendq
(goroutines blocked sending, each sudog holding its value) and recvq. A send first looks for a
waiting receiver and hands the value over *directly* (copied straight onto the receiver's stack,
as Go's send() does with sendDirect), then readies it; else it buffers the value if there is room;
else it parks on sendq ("chan send"). A receive is symmetric; from a full buffer with a waiting
sender it takes the head and moves the sender's value to the tail (Go's recv()). A closed,
drained channel yields the zero value and ok=false. Nothing can wake a sender parked on a channel
nobody reads: cancelling a context closes a *different* channel (ctx.Done()).

select polls its cases in a random order (select.go: cheaprandn over a Fisher-Yates shuffle) and
takes the first ready case. Taking "the first ready case of a uniform random permutation" is the
same as taking a uniform random ready case, which is what `choose(CH_SELECT, nready)` does: one
decision, one entry in the choice log, replayable. If nothing is ready and there is no default,
the G enqueues one sudog on every channel and parks ("select"); the first channel to fire dequeues
all its other sudogs (selectgo's pass 3).

Values delivered to a parked G are written onto its value stack by the waker, so the G resumes
after the instruction that blocked with the results already pushed (RECV: x [ok]; SELECT: idx x ok).
A sender woken by close resumes and panics "send on closed channel" (g_wake).

Timer channels from Go 1.23 (the runtime half of time.NewTimer / time.After)
===========================================================================
From Go 1.23, unless GODEBUG=asynctimerchan=1 (time/sleep.go syncTimer returns nil then, so the
runtime never learns the channel belongs to a timer), the hchan has a `timer` field and the
timer is in a P's heap *only while a goroutine is blocked on its channel* (runtime/time.go
needsAdd: `t.state&timerHeaped == 0 && t.when > 0 && (!t.isChan || t.blocked > 0)`; Go 1.27.3
time.go:655-657, 1.23.9 time.go:583-585). Everything else is lazy:
- a receive first runs the timer if it is due and in no heap (chan.go chanrecv ->
  maybeRunChan, 1.27.3 chan.go:544-546 and time.go:1404; 1.23.9 chan.go:520, time.go:1299), so a
  receive that would not block (`select` with `default`, a ready receive) gets the value then;
- select does the same for each case before polling them (select.go:187-189; 1.23.9 :176);
- a receive or select that parks counts itself in t.blocked and puts the timer in its P's heap
  (blockTimerChan, time.go:1436; chan.go:654, select.go:339; 1.23.9 time.go:1324);
- when it is woken it uncounts itself; the last one out marks the timer for removal from the heap
  without clearing t.when (unblockTimerChan, time.go:1478; chan.go:673, select.go:378), so the
  timer stays pending and is run lazily by the next look;
- len and cap report 0 and run nothing (chanlen/chancap, chan.go:818-835; select.py op_chan);
- Stop and Reset return true while t.when > 0, i.e. also for a timer whose time passed unseen,
  and drain a value already sent (timerchandrain) (time.timer_stop).
So nobody holds a timer nobody waits on: a dropped NewTimer(1h) is garbage, fires no event and
wakes no M, and a program waiting on nothing else is a deadlock (proc.go checkdead counts only
timers in heaps). The model counts t.blocked in TM_BLOCKED and Go's `t.when == 0` in TM_IDLE.
Simplification: Go calls unblockTimerChan when the woken goroutine runs again; the model does it
when the goroutine is readied (wake_receiver / select_done). A timer firing in between would put
its value in the channel; in the model the next look runs it instead, with the same value (its
`when`, sleep.go sendTime) and the same Stop/Reset results, so no program can tell.
"""
from __future__ import annotations


from gostep.core.jit import kernel
from gostep.core.layout import (  # the tables' row indices (layout.py)
    CF_ASYNCTIMERCHAN, CF_GO_MINOR, CF_STOP_AT_CHOICE, CF_WAKE_LAT_NS, C_BASE, C_CAP, C_CLOSED,
    C_CNT, C_HEAD, C_RQH, C_RQN, C_RQT, C_SQH, C_SQN, C_SQT, C_TIMER, G_SP, G_STATUS, G_SUDOGS,
    G_WAKE, H_CBUF, N_CHLOG, P_CLOCK, P_PHASE, P_STATUS, P_THN, SG_CASE, SG_DIR, SG_G, SG_GLINK,
    SG_NEXT, SG_OBJ, SG_VAL, TM_ARG, TM_BLOCKED, TM_IDLE, TM_KIND, TM_P, TM_SEQ, TM_WHEN
)

from gostep.core.defs import (G_WAITING, CAP_STACK, CAP_TIMERS, END_CHOICE,
                              END_RUNNING, EV_CHANRECV, EV_CHANSEND, EV_CLOSE, EV_TIMER_ADD, EV_TIMER_FIRE, OB_CHAN, OB_TIMER, P_IDLE, PH_NETPOLL,
                              RT_CLOSE_CLOSED, RT_CLOSE_NIL, RT_SEND_CLOSED, S_CHOICE_KIND,
                              S_CHOICE_N, S_END, S_NCHOICE, S_NPROCS, S_TSEQ, WR_CHAN_RECV,
                              WR_CHAN_RECV_NIL, WR_CHAN_SEND, WR_CHAN_SEND_NIL)
from gostep.core.proc import gopark, goready, wakep
from gostep.core.queues import (deq, enq, fail_cap, os_noise, rmq, rng_n, sudog_free, sudog_new,
                                theap_push, theap_remove)
from gostep.core.tables import chanwork, ctab, gtab, htab, ptab, sgtab, stktab, thtab, tmtab
from gostep.core.record import cmark, emit

# sudog directions
SG_SEND = 1
SG_RECV = 2
SG_SELSEND = 3
SG_SELRECV = 4

# results of the channel kernels
R_DONE = 0      # completed without blocking
R_PARKED = 1    # the G parked
R_PANIC = 2     # the G must panic with RT code returned in the second value
R_STOP = 3      # stopped before a decision (stop_at_choice)


@kernel
def gpush(st, gid, v):
    G = gtab(st)
    STK = stktab(st)
    sp = G[G_SP, gid]
    if sp >= STK.shape[1]:
        fail_cap(st, CAP_STACK)
        return
    STK[gid, sp] = v
    G[G_SP, gid] = sp + 1


@kernel
def choose(st, cfg, kind, n):
    """A random decision of the runtime with n > 1 options: the next caller-given choice, else
    stop (stop_at_choice), else the seeded RNG. Logged so the run can be replayed."""
    i = st.sc[S_NCHOICE]
    v = -1
    if st.choices[0] != -2 and i < st.choices.shape[0] and st.choices[i] >= 0:
        v = st.choices[i] % n
    elif cfg[CF_STOP_AT_CHOICE] != 0:
        if st.sc[S_END] == END_RUNNING:
            st.sc[S_END] = END_CHOICE
            st.sc[S_CHOICE_N] = n
            st.sc[S_CHOICE_KIND] = kind
        return -1
    else:
        v = rng_n(st, n)
    if i < st.o[N_CHLOG]:
        st.choice_log[(i) * 3 + 0] = kind
        st.choice_log[(i) * 3 + 1] = n
        st.choice_log[(i) * 3 + 2] = v
    st.sc[S_NCHOICE] = i + 1
    return v


@kernel
def unlink_sudog(st, s):
    C = ctab(st)
    SG = sgtab(st)
    c = SG[SG_OBJ, s]
    d = SG[SG_DIR, s]
    if d == SG_SEND or d == SG_SELSEND:
        rmq(C[C_SQH], C[C_SQT], C[C_SQN], c, st, s)
        cmark(st, c)
    else:
        rmq(C[C_RQH], C[C_RQT], C[C_RQN], c, st, s)
        cmark(st, c)


@kernel
def select_done(st, cfg, gid, keep):
    """selectgo pass 3: dequeue a woken select's sudogs from every other channel (and
    unblockTimerChan on each timer channel of its cases)."""
    G = gtab(st)
    SG = sgtab(st)
    s = G[G_SUDOGS, gid]
    while s >= 0:
        nx = SG[SG_GLINK, s]
        unblock_timer_chan(st, cfg, SG[SG_OBJ, s])   # select.go:378
        if s != keep:
            unlink_sudog(st, s)
        sudog_free(st, s)
        s = nx
    G[G_SUDOGS, gid] = -1


@kernel
def wake_receiver(st, cfg, prog, s, v, ok, pid, by, t):
    """Deliver (v, ok) to the G of sudog s (a plain or select receiver) and ready it."""
    SG = sgtab(st)
    g = SG[SG_G, s]
    if SG[SG_DIR, s] == SG_SELRECV:
        case = SG[SG_CASE, s]
        select_done(st, cfg, g, s)
        gpush(st, g, case)
        gpush(st, g, v)
        gpush(st, g, ok)
    else:
        withok = SG[SG_CASE, s]
        unblock_timer_chan(st, cfg, SG[SG_OBJ, s])   # chan.go:673
        sudog_free(st, s)
        gpush(st, g, v)
        if withok != 0:
            gpush(st, g, ok)
    goready(st, cfg, prog, g, pid, by, t)


@kernel
def wake_sender(st, cfg, prog, s, closed, pid, by, t):
    """Ready the G of sender sudog s; closed: it panics when it resumes."""
    G = gtab(st)
    SG = sgtab(st)
    g = SG[SG_G, s]
    if SG[SG_DIR, s] == SG_SELSEND:
        case = SG[SG_CASE, s]
        select_done(st, cfg, g, s)
        gpush(st, g, case)
        gpush(st, g, 0)
        gpush(st, g, 1)
    else:
        sudog_free(st, s)
    if closed:
        G[G_WAKE, g] = RT_SEND_CLOSED
    goready(st, cfg, prog, g, pid, by, t)


@kernel
def buf_put(st, c, v):
    C = ctab(st)
    H = htab(st)
    cap = C[C_CAP, c]
    H[H_CBUF, C[C_BASE, c] + (C[C_HEAD, c] + C[C_CNT, c]) % cap] = v
    C[C_CNT, c] += 1
    cmark(st, c)


@kernel
def buf_get(st, c):
    C = ctab(st)
    H = htab(st)
    cap = C[C_CAP, c]
    v = H[H_CBUF, C[C_BASE, c] + C[C_HEAD, c]]
    C[C_HEAD, c] = (C[C_HEAD, c] + 1) % cap
    C[C_CNT, c] -= 1
    cmark(st, c)
    return v


@kernel
def send_ready(st, c):
    C = ctab(st)
    return C[C_CLOSED, c] != 0 or C[C_RQH, c] >= 0 or C[C_CNT, c] < C[C_CAP, c]


@kernel
def recv_ready(st, c):
    C = ctab(st)
    return C[C_SQH, c] >= 0 or C[C_CNT, c] > 0 or C[C_CLOSED, c] != 0


@kernel
def send_now(st, cfg, prog, gid, pid, c, v, t):
    """The non-blocking part of chansend on a ready channel (not closed). Event a: 1 direct to a
    waiting receiver (b = its gid), 2 buffered."""
    C = ctab(st)
    SG = sgtab(st)
    s = C[C_RQH, c]    # peek: the event shows it still queued
    if s >= 0:
        r = SG[SG_G, s]
        emit(st, cfg, prog, EV_CHANSEND, gid, pid, OB_CHAN, c, 1, r, t)
        deq(C[C_RQH], C[C_RQT], C[C_RQN], c, st)
        cmark(st, c)
        wake_receiver(st, cfg, prog, s, v, 1, pid, gid, t)
        return
    buf_put(st, c, v)
    emit(st, cfg, prog, EV_CHANSEND, gid, pid, OB_CHAN, c, 2, 0, t)


@kernel
def recv_now(st, cfg, prog, gid, pid, c, t):
    """The non-blocking part of chanrecv on a ready channel. Returns (v, ok). Event a: 1 directly
    from a waiting sender (b its gid), 2 from the buffer (b = a sender moved into the buffer, or
    0), 3 closed and drained (zero value, ok=false)."""
    C = ctab(st)
    SG = sgtab(st)
    s = C[C_SQH, c]
    if s >= 0:
        snd = SG[SG_G, s]
        sv = SG[SG_VAL, s]
        if C[C_CAP, c] == 0:
            v = sv
            emit(st, cfg, prog, EV_CHANRECV, gid, pid, OB_CHAN, c, 1, snd, t)
        else:
            v = buf_get(st, c)
            emit(st, cfg, prog, EV_CHANRECV, gid, pid, OB_CHAN, c, 2, snd, t)
        deq(C[C_SQH], C[C_SQT], C[C_SQN], c, st)
        cmark(st, c)
        if C[C_CAP, c] != 0:
            buf_put(st, c, sv)
        wake_sender(st, cfg, prog, s, False, pid, gid, t)
        return v, 1
    if C[C_CNT, c] > 0:
        v = buf_get(st, c)
        emit(st, cfg, prog, EV_CHANRECV, gid, pid, OB_CHAN, c, 2, 0, t)
        return v, 1
    emit(st, cfg, prog, EV_CHANRECV, gid, pid, OB_CHAN, c, 3, 0, t)
    return 0, 0


@kernel
def chansend(st, cfg, prog, gid, pid, c, v, t):
    """chansend (chan.go, 1.27). Returns (R_*, rt panic code)."""
    C = ctab(st)
    if c == 0:
        gopark(st, cfg, prog, gid, pid, WR_CHAN_SEND_NIL, 0, 0, t)
        return R_PARKED, 0
    if C[C_CLOSED, c] != 0:
        return R_PANIC, RT_SEND_CLOSED
    if send_ready(st, c):
        send_now(st, cfg, prog, gid, pid, c, v, t)
        return R_DONE, 0
    s = sudog_new(st, gid, c, v, SG_SEND, 0)
    enq(C[C_SQH], C[C_SQT], C[C_SQN], c, st, s)
    cmark(st, c)
    gopark(st, cfg, prog, gid, pid, WR_CHAN_SEND, OB_CHAN, c, t)
    return R_PARKED, 0


@kernel
def chanrecv(st, cfg, prog, gid, pid, c, withok, t):
    """chanrecv (chan.go, 1.27): pushes x [ok] on the G's stack, now or when woken."""
    C = ctab(st)
    if c == 0:
        gopark(st, cfg, prog, gid, pid, WR_CHAN_RECV_NIL, 0, 0, t)
        return R_PARKED
    maybe_run_chan(st, cfg, prog, c, pid, t)       # chan.go:544-546 (1.23+ timer channels)
    if recv_ready(st, c):
        v, ok = recv_now(st, cfg, prog, gid, pid, c, t)
        gpush(st, gid, v)
        if withok != 0:
            gpush(st, gid, ok)
        return R_DONE
    s = sudog_new(st, gid, c, 0, SG_RECV, withok)
    enq(C[C_RQH], C[C_RQT], C[C_RQN], c, st, s)
    cmark(st, c)
    block_timer_chan(st, cfg, prog, c, pid, gid, t)   # chan.go:654-656
    gopark(st, cfg, prog, gid, pid, WR_CHAN_RECV, OB_CHAN, c, t)
    return R_PARKED


@kernel
def closechan(st, cfg, prog, gid, pid, c, t):
    """closechan (chan.go, 1.27): readies every receiver (zero value, ok=false) and every sender
    (they panic on resume). Go collects them on a gList (LIFO) and readies them in that order, so
    the first waiter ends up in runnext and the others behind it on the local queue."""
    C = ctab(st)
    if c == 0:
        return R_PANIC, RT_CLOSE_NIL
    if C[C_CLOSED, c] != 0:
        return R_PANIC, RT_CLOSE_CLOSED
    C[C_CLOSED, c] = 1
    cmark(st, c)
    emit(st, cfg, prog, EV_CLOSE, gid, pid, OB_CHAN, c, 0, 0, t)
    closechan_wake(st, cfg, prog, gid, pid, c, t)
    return R_DONE, 0


@kernel
def closechan_wake(st, cfg, prog, gid, pid, c, t):
    C = ctab(st)
    G = gtab(st)
    SG = sgtab(st)
    # Go gathers every waiter on a gList (LIFO) and readies them by popping it. Each waiter is
    # taken off its queue just before it is readied, so every step shows a consistent picture.
    tmp = st.scratch
    n = 0
    s = C[C_RQH, c]
    while s >= 0:
        tmp[n] = s
        n += 1
        s = SG[SG_NEXT, s]
    nr = n
    s = C[C_SQH, c]
    while s >= 0:
        tmp[n] = s
        n += 1
        s = SG[SG_NEXT, s]
    lst = chanwork(st)       # emit() uses scratch for snapshots: copy the list to a work area
    for k in range(n):
        lst[k] = tmp[k]
    for k in range(n - 1, -1, -1):
        s = lst[k]
        if G[G_STATUS, SG[SG_G, s]] != G_WAITING:
            continue   # a select with two cases on this channel, already woken (selectDone)
        if k < nr:
            rmq(C[C_RQH], C[C_RQT], C[C_RQN], c, st, s)
            cmark(st, c)
            wake_receiver(st, cfg, prog, s, 0, 0, pid, gid, t)
        else:
            rmq(C[C_SQH], C[C_SQT], C[C_SQN], c, st, s)
            cmark(st, c)
            wake_sender(st, cfg, prog, s, True, pid, gid, t)


# ---- timer channels (runtime/time.go, Go 1.23+; see "Timer channels from Go 1.23" above) -------

@kernel
def sync_chans(cfg):
    """True when timer channels are synchronous: Go 1.23+ without asynctimerchan=1 (1.23.9
    time/sleep.go syncTimer; the setting is gone in 1.27, where every timer channel is)."""
    return cfg[CF_GO_MINOR] >= 23 and cfg[CF_ASYNCTIMERCHAN] == 0


@kernel
def sync_timer(st, cfg, c):
    """`c.timer != nil` (chan.go hchan.timer): c is a timer channel the runtime knows about."""
    C = ctab(st)
    return c > 0 and C[C_TIMER, c] != 0 and sync_chans(cfg)


@kernel
def wake_netpoller(st, cfg, prog, when, pid, t):
    """wakeNetPoller (proc.go, 1.27): if an M is blocked in netpoll (sched.lastpoll == 0) past
    `when`, interrupt it (netpollBreak): it wakes after the OS latency, finds nothing and sleeps
    again with the new delay. If no M is in netpoll, wakep(): start a spinning M on an idle P, which
    finds no work and then blocks in netpoll until the new timer (so a timer armed while the other
    Ps are parked fires on time even when the arming P stays busy). (Here rather than in time.py
    because blockTimerChan, below, adds timers too.)"""
    P = ptab(st)
    polling = False
    for q in range(st.sc[S_NPROCS]):
        if P[P_STATUS, q] == P_IDLE and P[P_PHASE, q] == PH_NETPOLL:
            polling = True
            if P[P_CLOCK, q] > when:
                w = t + cfg[CF_WAKE_LAT_NS] + os_noise(st, cfg)
                if w < P[P_CLOCK, q]:
                    P[P_CLOCK, q] = w
    if not polling:
        wakep(st, cfg, prog, pid, t)


@kernel
def timer_push(st, cfg, prog, tid, pid, gid, t):
    """maybeAdd -> addHeap (time.go, 1.27): put timer tid (its when already set) in P pid's heap,
    then wakeNetPoller(when)."""
    P = ptab(st)
    TM = tmtab(st)
    if P[P_THN, pid] >= thtab(st).shape[1]:
        fail_cap(st, CAP_TIMERS)
        return
    TM[TM_SEQ, tid] = st.sc[S_TSEQ]
    st.sc[S_TSEQ] += 1
    when = TM[TM_WHEN, tid]
    theap_push(st, pid, tid)
    emit(st, cfg, prog, EV_TIMER_ADD, gid, pid, OB_TIMER, tid, TM[TM_KIND, tid], when, t)
    wake_netpoller(st, cfg, prog, when, pid, t)


@kernel
def chan_timer_run(st, cfg, prog, tid, pid, t):
    """unlockAndRun (time.go:1092, 1.27) of a channel timer, on g0 of P pid: t.when = 0 (period
    0), then f = sendTime (time/sleep.go): a non-blocking send of the time into the 1-slot buffer
    of t.C, or straight to a receiver waiting on it. The value: from Go 1.23 `Now() - delta`,
    i.e. the timer's when, however late it runs (sleep.go:147-156; 1.23.9 :180); before, Now()
    (1.22 sleep.go:143). Called from the heap (time.timer_fire) and lazily (maybe_run_chan)."""
    C = ctab(st)
    TM = tmtab(st)
    theap_remove(st, tid)
    TM[TM_IDLE, tid] = 1
    c = TM[TM_ARG, tid]
    emit(st, cfg, prog, EV_TIMER_FIRE, -1, pid, OB_TIMER, tid, TM[TM_KIND, tid], c, t)
    v = t
    if cfg[CF_GO_MINOR] >= 23:
        v = TM[TM_WHEN, tid]
    if C[C_RQH, c] >= 0 or C[C_CNT, c] < C[C_CAP, c]:
        send_now(st, cfg, prog, -1, pid, c, v, t)


@kernel
def maybe_run_chan(st, cfg, prog, c, pid, t):
    """(*timer).maybeRunChan (time.go:1404, 1.27; 1.23.9 :1299), called by every receive and by
    select for each case before anything else: if c is a synchronous timer channel whose timer is
    in no heap, pending (t.when > 0) and due (t.when <= now), run it now on this M (the value goes
    into t.C's buffer). A timer in a heap is left to the heap."""
    C = ctab(st)
    TM = tmtab(st)
    if not sync_timer(st, cfg, c):
        return
    tid = C[C_TIMER, c]
    if (TM[TM_P, tid] >= 0 or TM[TM_IDLE, tid] != 0
            or TM[TM_WHEN, tid] > t):
        return
    chan_timer_run(st, cfg, prog, tid, pid, t)


@kernel
def block_timer_chan(st, cfg, prog, c, pid, gid, t):
    """blockTimerChan (time.go:1436, 1.27; 1.23.9 :1324): a receive or select on c has decided to
    park: t.blocked++, and if the timer is pending and in no heap, maybeAdd it to this P's heap
    (needsAdd now holds)."""
    C = ctab(st)
    TM = tmtab(st)
    if not sync_timer(st, cfg, c):
        return
    tid = C[C_TIMER, c]
    TM[TM_BLOCKED, tid] += 1
    if TM[TM_P, tid] < 0 and TM[TM_IDLE, tid] == 0:
        timer_push(st, cfg, prog, tid, pid, gid, t)


@kernel
def unblock_timer_chan(st, cfg, c):
    """unblockTimerChan (time.go:1478, 1.27; 1.23.9 :1361): the goroutine no longer waits on c:
    t.blocked--, and the last one takes the timer out of its heap (Go marks it a zombie, removed
    lazily; the model removes it at once, see theap_remove) without clearing t.when: a pending
    timer stays pending, to be run by the next look."""
    C = ctab(st)
    TM = tmtab(st)
    if not sync_timer(st, cfg, c):
        return
    tid = C[C_TIMER, c]
    n = TM[TM_BLOCKED, tid] - 1
    TM[TM_BLOCKED, tid] = n
    if n == 0 and TM[TM_P, tid] >= 0:
        theap_remove(st, tid)
