"""Timers, sleeping, timer channels, contexts and sync (runtime/time.go, time/sleep.go,
context/context.go, sync; Go 1.27 unless a version is named).

How a deadline reaches a waiting goroutine
==========================================
1. WithDeadline arms `time.AfterFunc(dur, func() { c.cancel(true, DeadlineExceeded, cause) })`:
   a timer (TK_DEADLINE) in the heap of the P that runs the calling G (newTimer -> maybeAdd).
2. No thread watches it. A scheduling pass on some M's g0 runs due timers: schedule ->
   findRunnable -> timers.check on its own P, or stealWork -> timers.check on another P's heap
   (sched.py). An idle M sleeps in netpoll until the earliest timer of all Ps.
3. The timer function goFunc does `go f()`: a NEW goroutine ("context.WithDeadlineCause.func2",
   created_by 0, the program's synthetic deadline_fn) in that P's runnext (timer_fire).
4. That goroutine runs CTX_CANCEL -> cancel: stores err and cause, closes done, readies every
   waiter (closechan -> goready -> runnext + wakep), cancels the children, detaches from the
   parent, stops the timer; then it exits. One goroutine per fired deadline; none when cancel
   came first (cancel stops the timer).

Timer channels (NewTimer, After)
================================
Before Go 1.23 (and with GODEBUG=asynctimerchan=1 on 1.23..1.26) t.C has a buffer of one and the
timer is an ordinary heap timer that *sends* into it when it fires: a value not received stays
there, so Stop/Reset after the fire return false and a later receive gets the stale time; a
dropped timer stays in its P's heap (reachable) until it fires.
From 1.23 the runtime knows the channel (hchan.timer) and the timer is in a P's heap only while a
goroutine is blocked on t.C; otherwise it is run lazily when a receive or select looks at t.C
(chan.py, "Timer channels from Go 1.23", has the hooks and the Go lines). Here:
- NewTimer / Reset set when and add the timer to a heap only if someone is blocked on t.C
  (timer_add; time.go modify -> needsAdd, 1.27.3 :549/:655, 1.23.9 :499/:583);
- Stop returns t.when > 0 (pending: also a timer whose time passed while nobody looked) or that
  it drained a value already sent (timerchandrain), and leaves t.C empty (timer_stop; time.go
  stop :478, 1.23.9 :424). Reset is Stop's result plus the new when (modify).
len(t.C) and cap(t.C) are 0 (chanlen/chancap; vm.py CHANLEN/CHANCAP).
"""
from __future__ import annotations


from gostep.core.jit import kernel
from gostep.core.layout import *  # noqa: F401,F403  (row indices)

from gostep.core.chan import (R_DONE, R_PANIC, R_PARKED, buf_get, chan_timer_run, closechan_wake,
                              sync_chans, timer_push)
from gostep.core.defs import (CAP_CHAN, CAP_CHANHEAP, CAP_CTX, CAP_SYNC, CAP_TIMERS, EV_CANCEL,
                              EV_CLOSE, EV_TIMER_FIRE, EV_TIMER_STOP, OB_CHAN, OB_CTX, OB_SYNC,
                              OB_TIMER, RT_NEG_WG, S_CBUF, S_NCHAN, S_NCTX, S_NSYNC, S_NTIMER,
                              TK_AFTERFUNC, TK_CHAN, TK_DEADLINE, TK_SLEEP, WR_MUTEX, WR_SLEEP, WR_WG,
                              XK_AFTERFUNC, XK_CANCEL, XK_DEADLINE)
from gostep.core.proc import g_new, gopark, goready, newproc_put
from gostep.core.queues import deq, enq, fail_cap, sudog_free, sudog_new, theap_remove, tmark
from gostep.core.tables import ctab, ctxwork, gtab, obtab, sgtab, stktab, tmtab, xtab
from gostep.core.record import cmark, emit, xmark

ERR_CANCELED = 1
ERR_DEADLINE = 2


@kernel
def chan_new(st, cap, site):
    """makechan (chan.go): a channel with a buffer of cap slots, made at `site` (layout C_SITE:
    pc + 1 of the instruction, -x for context x's Done channel; the trace names it and prints
    its values from the site)."""
    C = ctab(st)
    c = st.sc[S_NCHAN] + 1
    if c >= C.shape[1]:
        fail_cap(st, CAP_CHAN)
        return 0
    b = st.sc[S_CBUF]
    if b + cap > st.o[K_CHANHEAP]:
        fail_cap(st, CAP_CHANHEAP)
        return 0
    st.sc[S_NCHAN] = c
    st.sc[S_CBUF] = b + cap
    C[C_CAP, c] = cap
    C[C_CNT, c] = 0
    C[C_HEAD, c] = 0
    C[C_BASE, c] = b
    C[C_CLOSED, c] = 0
    C[C_TIMER, c] = 0
    C[C_SQH, c] = -1
    C[C_SQT, c] = -1
    C[C_RQH, c] = -1
    C[C_RQT, c] = -1
    for f in range(C_SQRN, N_C):     # queue lengths and their record state
        C[f, c] = 0
    C[C_SITE, c] = site
    cmark(st, c)
    return c


@kernel
def start_builtin_fv(st, cfg, prog, fv, f, by, pid, t):
    """goFunc / context.AfterFunc's `go f()` on a builtin func value (a cancel func held in a
    variable): the program's trampoline for that kind (compile.py) with the value as parameter 0.
    Without one (a hand-assembled program) nothing starts, as before."""
    STK = stktab(st)
    if f < -4 or prog[PG_HDR + 1 - f] < 0:
        return
    g = g_new(st, cfg, prog, prog[PG_HDR + 1 - f], 0, by)
    if g > 0:
        STK[g, 0] = fv
        newproc_put(st, cfg, prog, pid, g, t)


# ---- timers ---------------------------------------------------------------------------------

# wake_netpoller and timer_push (maybeAdd, addHeap) live in chan.py: blockTimerChan adds timers too.

@kernel
def timer_add(st, cfg, prog, tid, when, pid, gid, t):
    """(*timer).modify (time.go, 1.27): set when and mark the timer pending, then maybeAdd it to
    the current P's heap if needsAdd: `t.when > 0 && (!t.isChan || t.blocked > 0)` (time.go:655-657;
    1.23.9 :583-585). So from Go 1.23 a channel timer nobody is blocked on goes in no heap: it
    fires no event and wakes no M, and is run lazily when t.C is looked at (chan.maybe_run_chan)."""
    TM = tmtab(st)
    TM[TM_WHEN, tid] = when
    TM[TM_IDLE, tid] = 0
    if TM[TM_KIND, tid] == TK_CHAN and sync_chans(cfg) and TM[TM_BLOCKED, tid] == 0:
        tmark(st, tid)
        return
    timer_push(st, cfg, prog, tid, pid, gid, t)


@kernel
def timer_new(st, cfg, prog, kind, arg, when, pid, gid, t):
    """newTimer (time.go): a timer of `kind` (TK_*) firing at `when`, in the current P's heap."""
    TM = tmtab(st)
    tid = st.sc[S_NTIMER] + 1
    if tid >= TM.shape[1]:
        fail_cap(st, CAP_TIMERS)
        return 0
    st.sc[S_NTIMER] = tid
    TM[TM_KIND, tid] = kind
    TM[TM_ARG, tid] = arg
    TM[TM_P, tid] = -1
    TM[TM_CHAN, tid] = 0
    TM[TM_DIRTY, tid] = 0
    TM[TM_BLOCKED, tid] = 0
    timer_add(st, cfg, prog, tid, when, pid, gid, t)
    return tid


@kernel
def timer_fire(st, cfg, prog, tid, pid, t):
    """unlockAndRun (time.go, 1.23+), on g0 of P pid: run the timer function f(arg, seq, delay).
    Go functions mirrored: goroutineReady (sleep), goFunc (AfterFunc and context deadlines:
    `go f()`, a new G created by the scheduler, created_by 0), sendTime (timer channels:
    chan.chan_timer_run, shared with the lazy run of Go 1.23+)."""
    TM = tmtab(st)
    STK = stktab(st)
    OB = obtab(st)
    k = TM[TM_KIND, tid]
    if k == TK_CHAN:
        chan_timer_run(st, cfg, prog, tid, pid, t)
        return
    theap_remove(st, tid)
    TM[TM_IDLE, tid] = 1
    a = TM[TM_ARG, tid]
    emit(st, cfg, prog, EV_TIMER_FIRE, -1, pid, OB_TIMER, tid, k, a, t)
    if k == TK_SLEEP:
        goready(st, cfg, prog, a, pid, 0, t)
    elif k == TK_DEADLINE:
        g = g_new(st, cfg, prog, prog[PG_HDR + 1], 0, 0)
        if g > 0:
            STK[g, 0] = a
            newproc_put(st, cfg, prog, pid, g, t)
    elif k == TK_AFTERFUNC:
        f = OB[OB_CLO_FN, a]
        if f < 0:
            start_builtin_fv(st, cfg, prog, a, f, 0, pid, t)
        else:
            g = g_new(st, cfg, prog, f, a, 0)
            if g > 0:
                newproc_put(st, cfg, prog, pid, g, t)


@kernel
def timer_stop(st, cfg, prog, tid, gid, pid, t):
    """(*Timer).Stop (time/sleep.go -> runtime (*timer).stop, time.go:478, 1.27; 1.23.9 :424):
    true if the call stopped the timer before it ran. Before 1.23 (and asynctimerchan=1): it was
    in a heap. From 1.23, for a channel timer: `pending := t.when > 0` (also when its time passed
    but nobody looked at t.C, so it never ran), then timerchandrain drops a value already sent
    (chan.go:358) and makes it true too."""
    TM = tmtab(st)
    C = ctab(st)
    c = TM[TM_CHAN, tid]
    if c > 0 and sync_chans(cfg):
        pending = TM[TM_IDLE, tid] == 0
        if C[C_CNT, c] > 0:
            buf_get(st, c)
            pending = True
    else:
        pending = TM[TM_P, tid] >= 0
    theap_remove(st, tid)
    TM[TM_IDLE, tid] = 1
    emit(st, cfg, prog, EV_TIMER_STOP, gid, pid, OB_TIMER, tid, 1 if pending else 0, 0, t)
    return pending


@kernel
def sleep(st, cfg, prog, gid, pid, d, t):
    """timeSleep (runtime/time.go, 1.27): `if ns <= 0 { return }` (no yield); else park ("sleep")
    with a timer that readies the G (goroutineReady)."""
    G = gtab(st)
    if d <= 0:
        return R_DONE
    tid = G[G_TIMER, gid]
    if tid == 0:
        # `t := gp.timer; if t == nil { t = new(timer); t.init(goroutineReady, gp); gp.timer = t }`
        tid = timer_new(st, cfg, prog, TK_SLEEP, gid, t + d, pid, gid, t)
        G[G_TIMER, gid] = tid
    else:
        timer_add(st, cfg, prog, tid, t + d, pid, gid, t)
    gopark(st, cfg, prog, gid, pid, WR_SLEEP, OB_TIMER, tid, t)
    return R_PARKED


# ---- contexts -------------------------------------------------------------------------------

@kernel
def ctx_new(st, kind, parent):
    X = xtab(st)
    x = st.sc[S_NCTX] + 1
    if x >= X.shape[1]:
        fail_cap(st, CAP_CTX)
        return 0
    st.sc[S_NCTX] = x
    X[X_PARENT, x] = parent
    X[X_KIND, x] = kind
    X[X_DONE, x] = 0
    X[X_ERR, x] = 0
    X[X_CAUSE, x] = 0
    X[X_DEADLINE, x] = X[X_DEADLINE, parent] if parent > 0 else -1
    X[X_TIMER, x] = 0
    X[X_ATTACHED, x] = 0
    X[X_FN, x] = 0
    X[X_DCAUSE, x] = 0
    xmark(st, x)
    return x


@kernel
def cancelable(st, x):
    X = xtab(st)
    k = X[X_KIND, x]
    return k == XK_CANCEL or k == XK_DEADLINE


@kernel
def ctx_done(st, x, site):
    """(*cancelCtx).Done: the done channel, made lazily; nil for Background/TODO/WithoutCancel.
    site: the C_SITE of the channel if this call makes it (pc + 1 of a CTX_DONE, or -x)."""
    X = xtab(st)
    if x <= 0 or not cancelable(st, x):
        return 0
    if X[X_DONE, x] == 0:
        X[X_DONE, x] = chan_new(st, 0, site)
        xmark(st, x)
    return X[X_DONE, x]


@kernel
def cancel_one(st, cfg, prog, x, err, cause, gid, pid, t):
    """The body of cancelCtx.cancel for one context (no children): store err and cause, close
    done (or store a closed channel, Go's closedchan, if Done was never called), stop a deadline
    timer. An afterFuncCtx starts `go f()` (once)."""
    X = xtab(st)
    C = ctab(st)
    TM = tmtab(st)
    OB = obtab(st)
    if X[X_ERR, x] != 0:
        return
    X[X_ERR, x] = err
    X[X_CAUSE, x] = cause
    xmark(st, x)
    emit(st, cfg, prog, EV_CANCEL, gid, pid, OB_CTX, x, err, cause, t)
    if X[X_KIND, x] == XK_AFTERFUNC:
        fv = X[X_FN, x]
        f = OB[OB_CLO_FN, fv]
        if f < 0:
            start_builtin_fv(st, cfg, prog, fv, f, gid if gid > 0 else 0, pid, t)
        else:
            g = g_new(st, cfg, prog, f, fv, gid if gid > 0 else 0)
            if g > 0:
                newproc_put(st, cfg, prog, pid, g, t)
        return
    d = X[X_DONE, x]
    if d == 0:
        d = chan_new(st, 0, -x)
        X[X_DONE, x] = d
        xmark(st, x)
        C[C_CLOSED, d] = 1
        cmark(st, d)
    else:
        C[C_CLOSED, d] = 1
        cmark(st, d)
        emit(st, cfg, prog, EV_CLOSE, gid, pid, OB_CHAN, d, 0, 0, t)
        closechan_wake(st, cfg, prog, gid, pid, d, t)
    tm = X[X_TIMER, x]
    if tm > 0 and TM[TM_P, tm] >= 0:
        theap_remove(st, tm)
        emit(st, cfg, prog, EV_TIMER_STOP, gid, pid, OB_TIMER, tm, 1, 0, t)


@kernel
def ctx_cancel(st, cfg, prog, x, remove, err, cause, gid, pid, t):
    """cancelCtx.cancel (context.go, 1.27): cancel x, then its children depth first (each child
    with the same err and cause), then remove x from its parent if `remove`. Never touches the
    parent's own state. Idempotent. Go iterates the children map in random order; the model uses
    creation order."""
    X = xtab(st)
    if cause == 0:
        cause = err
    if X[X_ERR, x] != 0:
        return
    nx = st.sc[S_NCTX]
    stack = ctxwork(st)        # a work area of max_ctx + 2 slots in the arena (no allocation)
    n = 1
    stack[0] = x
    while n > 0:
        n -= 1
        y = stack[n]
        if X[X_ERR, y] != 0:
            continue
        cancel_one(st, cfg, prog, y, err, cause, gid, pid, t)
        # push attached children in reverse creation order so the first is cancelled first
        for z in range(nx, y, -1):
            if X[X_PARENT, z] == y and X[X_ATTACHED, z] != 0:
                X[X_ATTACHED, z] = 0
                xmark(st, z)
                stack[n] = z
                n += 1
    if remove:
        X[X_ATTACHED, x] = 0
        xmark(st, x)


@kernel
def propagate(st, cfg, prog, x, parent, gid, pid, t):
    """propagateCancel (context.go, 1.27): no-op under a never-cancelled parent (Done() == nil);
    cancel at once under a cancelled one; else attach x to the parent's children."""
    X = xtab(st)
    if parent <= 0 or not cancelable(st, parent):
        return
    ctx_done(st, parent, -parent)      # propagateCancel calls parent.Done()
    if X[X_ERR, parent] != 0:
        ctx_cancel(st, cfg, prog, x, False, X[X_ERR, parent], X[X_CAUSE, parent], gid, pid, t)
        return
    X[X_ATTACHED, x] = 1
    xmark(st, x)


@kernel
def with_deadline(st, cfg, prog, parent, d, dcause, gid, pid, t):
    """WithDeadlineCause (context.go, 1.27). Returns (ctx, is_plain_cancel)."""
    X = xtab(st)
    pd = X[X_DEADLINE, parent] if parent > 0 else -1
    if pd >= 0 and pd < d:
        x = ctx_new(st, XK_CANCEL, parent)
        propagate(st, cfg, prog, x, parent, gid, pid, t)
        return x
    x = ctx_new(st, XK_DEADLINE, parent)
    X[X_DEADLINE, x] = d
    X[X_DCAUSE, x] = dcause
    xmark(st, x)
    propagate(st, cfg, prog, x, parent, gid, pid, t)
    if d - t <= 0:
        ctx_cancel(st, cfg, prog, x, True, ERR_DEADLINE, dcause, gid, pid, t)
        return x
    if X[X_ERR, x] == 0:
        X[X_TIMER, x] = timer_new(st, cfg, prog, TK_DEADLINE, x, d, pid, gid, t)
        xmark(st, x)
    return x


@kernel
def ctx_afterfunc(st, cfg, prog, parent, fv, gid, pid, t):
    """context.AfterFunc (context.go, 1.21+): an afterFuncCtx child; when the parent is cancelled
    it runs `go f()` once."""
    X = xtab(st)
    x = ctx_new(st, XK_AFTERFUNC, parent)
    X[X_FN, x] = fv
    xmark(st, x)
    propagate(st, cfg, prog, x, parent, gid, pid, t)
    return x


@kernel
def afterfunc_stop(st, x):
    """The stop function of context.AfterFunc: true if it stopped f from being run."""
    X = xtab(st)
    if X[X_ERR, x] != 0:
        return 0
    X[X_ERR, x] = 1
    X[X_ATTACHED, x] = 0
    xmark(st, x)
    return 1


# ---- sync ---------------------------------------------------------------------------------

@kernel
def sync_new(st, kind):
    OB = obtab(st)
    s = st.sc[S_NSYNC] + 1
    if s > st.o[K_SYNC]:
        fail_cap(st, CAP_SYNC)
        return 0
    st.sc[S_NSYNC] = s
    OB[OB_SY_KIND, s] = kind
    OB[OB_SY_CNT, s] = 0
    OB[OB_SY_QH, s] = -1
    OB[OB_SY_QT, s] = -1
    OB[OB_SY_QN, s] = 0
    return s


@kernel
def wg_add(st, cfg, prog, s, delta, gid, pid, t):
    """(*WaitGroup).Add (sync/waitgroup.go): a negative counter panics; reaching zero releases
    every waiter (runtime_Semrelease, FIFO)."""
    OB = obtab(st)
    SG = sgtab(st)
    OB[OB_SY_CNT, s] += delta
    if OB[OB_SY_CNT, s] < 0:
        return R_PANIC, RT_NEG_WG
    if OB[OB_SY_CNT, s] == 0:
        while True:
            q = deq(OB[OB_SY_QH], OB[OB_SY_QT], OB[OB_SY_QN], s, st)
            if q < 0:
                break
            w = SG[SG_G, q]
            sudog_free(st, q)
            goready(st, cfg, prog, w, pid, gid, t)
    return R_DONE, 0


@kernel
def sync_park(st, cfg, prog, s, reason, gid, pid, t):
    OB = obtab(st)
    q = sudog_new(st, gid, s, 0, 0, 0)
    enq(OB[OB_SY_QH], OB[OB_SY_QT], OB[OB_SY_QN], s, st, q)
    gopark(st, cfg, prog, gid, pid, reason, OB_SYNC, s, t)


@kernel
def wg_wait(st, cfg, prog, s, gid, pid, t):
    """(*WaitGroup).Wait: returns at once at zero, else parks ("sync.WaitGroup.Wait")."""
    OB = obtab(st)
    if OB[OB_SY_CNT, s] == 0:
        return R_DONE
    sync_park(st, cfg, prog, s, WR_WG, gid, pid, t)
    return R_PARKED


@kernel
def mu_lock(st, cfg, prog, s, gid, pid, t):
    """(*Mutex).Lock: parks FIFO ("sync.Mutex.Lock"). Simplified: Unlock hands the lock to the
    first waiter (Go's starvation mode) instead of letting it compete (normal mode)."""
    OB = obtab(st)
    if OB[OB_SY_CNT, s] == 0:
        OB[OB_SY_CNT, s] = 1
        return R_DONE
    sync_park(st, cfg, prog, s, WR_MUTEX, gid, pid, t)
    return R_PARKED


@kernel
def mu_unlock(st, cfg, prog, s, gid, pid, t):
    """(*Mutex).Unlock: of an unlocked mutex is a fatal error (-1 returned)."""
    OB = obtab(st)
    SG = sgtab(st)
    if OB[OB_SY_CNT, s] == 0:
        return -1
    q = deq(OB[OB_SY_QH], OB[OB_SY_QT], OB[OB_SY_QN], s, st)
    if q < 0:
        OB[OB_SY_CNT, s] = 0
        return 0
    w = SG[SG_G, q]
    sudog_free(st, q)
    goready(st, cfg, prog, w, pid, gid, t)
    return 0
