"""Timers and sleeping (runtime/time.go, time/sleep.go; Go 1.27 unless a version is named).

A timer is a row of the timer table (layout TM_*): its kind (TK_SLEEP, TK_DEADLINE, TK_AFTERFUNC,
TK_CHAN), its argument, `when`, and the P whose heap holds it. Go's timer holds its function
(`t.f`) and argument; here the kind names the function and timer_fire runs it:
    TK_SLEEP      goroutineReady: ready the sleeping G (timeSleep)
    TK_DEADLINE   goFunc of context.WithDeadline's AfterFunc: a new G that cancels the context
                  (context.py has the whole path)
    TK_AFTERFUNC  goFunc: a new G running the function of time.AfterFunc
    TK_CHAN       sendTime: a value into t.C (chan.chan_timer_run)
Timers fire only from a scheduling pass on some M's g0 (sched.py: schedule -> findRunnable ->
timers.check, stealWork); no thread watches them.

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
len(t.C) and cap(t.C) are 0 (chanlen/chancap; select.py op_chan).
"""
from __future__ import annotations

from gostep.core.jit import inlined, kernel
from gostep.core.layout import (  # the tables' row indices (layout.py)
    C_CNT, C_TIMER, G_SP, G_TIMER, OB_CLO_FN, PG_HDR, P_CURG, TM_ARG, TM_BLOCKED, TM_CHAN,
    TM_DIRTY, TM_IDLE, TM_KIND, TM_P, TM_WHEN
)

from gostep.core.chan import buf_get, chan_timer_run, R_DONE, R_PARKED, sync_chans, timer_push
from gostep.core.defs import (CAP_TIMERS, EV_TIMER_FIRE, EV_TIMER_STOP, OB_TIMER, S_NTIMER,
                              TK_AFTERFUNC, TK_CHAN, TK_DEADLINE, TK_SLEEP, WR_SLEEP)
from gostep.core.heap import chan_new
from gostep.core.preempt import coop_point
from gostep.core.proc import g_new, gopark, goready, newproc_put
from gostep.core.queues import fail_cap, theap_remove, tmark, unsupported
from gostep.core.record import cmark, emit
from gostep.core.tables import ctab, gtab, obtab, ptab, stktab, tmtab
from gostep.model import isa

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

@inlined
def op_time(st, cfg, prog, g, pid, op, pc, a, b, sp, stk, t):
    """time.Sleep (timeSleep), time.NewTimer / time.After (a timer and its channel) and
    time.AfterFunc, t.C, t.Stop and t.Reset (Stop's result, then modify)."""
    C = ctab(st)
    G = gtab(st)
    P = ptab(st)
    TM = tmtab(st)
    if op == isa.SLEEP:
        d = stk[sp - 1]
        G[G_SP, g] = sp - 1
        sleep(st, cfg, prog, g, pid, d, t)
        if P[P_CURG, pid] == g:
            coop_point(st, cfg, prog, g, pid, t)
        return 1 if P[P_CURG, pid] != g else 0
    if op == isa.TIMER_NEW:
        if a == 3:
            d = stk[sp - 2]
            fv = stk[sp - 1]
            tid = timer_new(st, cfg, prog, TK_AFTERFUNC, fv, t + d, pid, g, t)
            stk[sp - 2] = tid
            G[G_SP, g] = sp - 1
            return 1
        d = stk[sp - 1]
        c = chan_new(st, 1, pc + 1)
        tid = timer_new(st, cfg, prog, TK_CHAN, c, t + d, pid, g, t)
        TM[TM_CHAN, tid] = c
        C[C_TIMER, c] = tid
        cmark(st, c)
        stk[sp - 1] = tid if a == 1 else c
        return 1
    if op == isa.TIMER_C:
        stk[sp - 1] = TM[TM_CHAN, stk[sp - 1]]
        return 0
    if op == isa.TIMER_STOP:
        tid = stk[sp - 1]
        stk[sp - 1] = 1 if timer_stop(st, cfg, prog, tid, g, pid, t) else 0
        return 1
    if op == isa.TIMER_RESET:
        tid = stk[sp - 2]
        d = stk[sp - 1]
        was = timer_stop(st, cfg, prog, tid, g, pid, t)
        timer_add(st, cfg, prog, tid, t + d, pid, g, t)
        stk[sp - 2] = 1 if was else 0
        G[G_SP, g] = sp - 1
        return 1
    return unsupported(st, op)
