"""Contexts (context/context.go, Go 1.27): the tree of cancelCtx / timerCtx / afterFuncCtx and
cancel.

How a deadline reaches a waiting goroutine
==========================================
1. WithDeadline arms `time.AfterFunc(dur, func() { c.cancel(true, DeadlineExceeded, cause) })`:
   a timer (TK_DEADLINE, time.py) in the heap of the P that runs the calling G (newTimer ->
   maybeAdd).
2. No thread watches it. A scheduling pass on some M's g0 runs due timers: schedule ->
   findRunnable -> timers.check on its own P, or stealWork -> timers.check on another P's heap
   (sched.py). An idle M sleeps in netpoll until the earliest timer of all Ps.
3. The timer function goFunc does `go f()`: a NEW goroutine ("context.WithDeadlineCause.func2",
   created_by 0, the program's synthetic deadline_fn) in that P's runnext (time.timer_fire).
4. That goroutine runs CTX_CANCEL -> cancel: stores err and cause, closes done, readies every
   waiter (closechan -> goready -> runnext + wakep), cancels the children, detaches from the
   parent, stops the timer; then it exits. One goroutine per fired deadline; none when cancel
   came first (cancel stops the timer).
The timer's function is a new goroutine, not a call of ctx_cancel: so time.py needs nothing of
this module (Go's t.f), and this module arms and stops timers through time.py.
"""
from __future__ import annotations

from gostep.core.jit import inlined, kernel
from gostep.core.layout import (  # the tables' row indices (layout.py)
    C_CLOSED, G_SP, OB_CLO_FN, TM_P, X_ATTACHED, X_CAUSE, X_DCAUSE, X_DEADLINE, X_DONE, X_ERR,
    X_FN, X_KIND, X_PARENT, X_TIMER
)

from gostep.core.chan import closechan_wake
from gostep.core.defs import (CAP_CTX, EV_CANCEL, EV_CLOSE, EV_TIMER_STOP, OB_CHAN, OB_CTX,
                              OB_TIMER, S_NCTX, TK_DEADLINE, XK_AFTERFUNC, XK_BACKGROUND, XK_CANCEL,
                              XK_DEADLINE, XK_TODO, XK_WITHOUTCANCEL)
from gostep.core.heap import chan_new, clo_new
from gostep.core.proc import g_new, newproc_put
from gostep.core.queues import fail_cap, theap_remove, unsupported
from gostep.core.record import cmark, emit, xmark
from gostep.core.tables import ctab, ctxwork, gtab, obtab, tmtab, xtab
from gostep.core.time import start_builtin_fv, timer_new
from gostep.model import isa

ERR_CANCELED = 1
ERR_DEADLINE = 2


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

@inlined
def op_ctx(st, cfg, prog, g, pid, op, pc, a, b, sp, stk, t):
    """The context instructions: Background/TODO, WithCancel[Cause], WithDeadline[Cause] (and
    WithTimeout), WithoutCancel, Done, Err/Cause, AfterFunc, and a cancel func's call (cancel)."""
    G = gtab(st)
    X = xtab(st)
    if op == isa.CTX_BACKGROUND or op == isa.CTX_TODO:
        stk[sp] = 1 if op == isa.CTX_BACKGROUND else 2
        G[G_SP, g] = sp + 1
        return 0
    if op == isa.CTX_WITHCANCEL:
        parent = stk[sp - 1]
        x = ctx_new(st, XK_CANCEL, parent)
        propagate(st, cfg, prog, x, parent, g, pid, t)
        stk[sp - 1] = x
        stk[sp] = clo_new(st, isa.BI_CANCELCAUSE if a != 0 else isa.BI_CANCEL, 0, x)
        G[G_SP, g] = sp + 1
        return 1
    if op == isa.CTX_WITHDEADLINE:
        k = 3 if a != 0 else 2
        parent = stk[sp - k]
        dl = stk[sp - k + 1]
        dcause = stk[sp - 1] if a != 0 else 0
        x = with_deadline(st, cfg, prog, parent, dl, dcause, g, pid, t)
        stk[sp - k] = x
        stk[sp - k + 1] = clo_new(st, isa.BI_CANCEL, 0, x)
        G[G_SP, g] = sp - k + 2
        return 1
    if op == isa.CTX_WITHOUTCANCEL:
        x = ctx_new(st, XK_WITHOUTCANCEL, stk[sp - 1])
        X[X_DEADLINE, x] = -1
        xmark(st, x)
        stk[sp - 1] = x
        return 0
    if op == isa.CTX_DONE:
        stk[sp - 1] = ctx_done(st, stk[sp - 1], pc + 1)
        return 0
    if op == isa.CTX_ERR or op == isa.CTX_CAUSE:
        x = stk[sp - 1]
        k = X[X_KIND, x] if x > 0 else 0
        v = 0
        if k != XK_BACKGROUND and k != XK_TODO and k != XK_WITHOUTCANCEL and x > 2:
            v = X[X_ERR, x] if op == isa.CTX_ERR else X[X_CAUSE, x]
        stk[sp - 1] = v
        return 0
    if op == isa.CTX_AFTERFUNC:
        x = ctx_afterfunc(st, cfg, prog, stk[sp - 2], stk[sp - 1], g, pid, t)
        stk[sp - 2] = clo_new(st, isa.BI_AFTERFUNC_STOP, 0, x)
        G[G_SP, g] = sp - 1
        return 1
    if op == isa.CTX_CANCEL:
        x = stk[sp - 3]
        err = stk[sp - 2]
        cause = stk[sp - 1]
        if cause == -1:
            cause = X[X_DCAUSE, x]
        G[G_SP, g] = sp - 3
        ctx_cancel(st, cfg, prog, x, True, err, cause, g, pid, t)
        return 1
    return unsupported(st, op)
