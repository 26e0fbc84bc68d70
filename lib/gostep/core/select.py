"""select (runtime/select.go, Go 1.27): selectgo over the cases of one select statement.

Go's selectgo locks every channel of the select, polls the cases in a random order (pollorder,
shuffled with cheaprandn) and takes the first ready one; with none ready and a default it takes the
default; else it enqueues a sudog on every channel and parks (selectgo's pass 2), and the first
channel to wake it dequeues the others (pass 3, selectDone). The model polls the cases in order,
counts the ready ones and takes one of them with choose(CH_SELECT, nready): the same as a uniform
random ready case, and a numbered decision the scheduler game can take. The channel operations
themselves are chan.py's (send_now, recv_now, enq).

op_chan, the instructions of the channel family (interp.exec_op sends them here), sits here rather
than in chan.py because it raises runtime panics (panic.py, which is above chan.py)."""
from __future__ import annotations

from gostep.core.jit import inlined, kernel
from gostep.core.layout import (  # the tables' row indices (layout.py)
    C_CAP, C_CLOSED, C_CNT, C_RQH, C_RQN, C_RQT, C_SQH, C_SQN, C_SQT, C_TIMER, G_PC, G_SP,
    G_SUDOGS, SG_GLINK
)

from gostep.core.chan import (R_DONE, R_PANIC, R_PARKED, R_STOP, SG_SELRECV, SG_SELSEND, block_timer_chan,
                              chanrecv, chansend, choose, closechan, gpush, maybe_run_chan, recv_now,
                              recv_ready, send_now, send_ready, sync_chans)
from gostep.core.defs import (CH_SELECT, EV_SELECT, OB_CHAN, OB_NONE, RT_SEND_CLOSED, WR_SELECT,
                              WR_SELECT_NOCASES)
from gostep.core.heap import chan_new
from gostep.core.panic import rt_panic
from gostep.core.proc import gopark
from gostep.core.queues import enq, sudog_new, unsupported
from gostep.core.tables import ctab, gtab, sgtab, stktab
from gostep.core.record import cmark, emit
from gostep.model import isa


@kernel
def selectgo(st, cfg, prog, gid, pid, n, dflt, t):
    """selectgo (select.go, 1.27). The cases (dir ch x)*n are on top of the G's stack; this pops
    them and pushes (idx, x, ok) now, or later from the waker. Returns (R_*, rt panic code)."""
    C = ctab(st)
    G = gtab(st)
    SG = sgtab(st)
    STK = stktab(st)
    base = G[G_SP, gid] - 3 * n
    for i in range(n):     # select.go:187-189: run each due timer of a case (1.23+ timer channels)
        maybe_run_chan(st, cfg, prog, STK[gid, base + 3 * i + 1], pid, t)
    nready = 0
    for i in range(n):
        d = STK[gid, base + 3 * i]
        c = STK[gid, base + 3 * i + 1]
        if c != 0:
            if (d == 1 and send_ready(st, c)) or (d == 2 and recv_ready(st, c)):
                nready += 1
    if nready > 0:
        k = 0
        if nready > 1:
            k = choose(st, cfg, CH_SELECT, nready)
            if k < 0:
                return R_STOP, 0
        for i in range(n):
            d = STK[gid, base + 3 * i]
            c = STK[gid, base + 3 * i + 1]
            x = STK[gid, base + 3 * i + 2]
            if c != 0 and ((d == 1 and send_ready(st, c)) or (d == 2 and recv_ready(st, c))):
                if k == 0:
                    G[G_SP, gid] = base
                    emit(st, cfg, prog, EV_SELECT, gid, pid, OB_CHAN, c, i, nready, t)
                    if d == 1:
                        if C[C_CLOSED, c] != 0:
                            return R_PANIC, RT_SEND_CLOSED
                        send_now(st, cfg, prog, gid, pid, c, x, t)
                        gpush(st, gid, i)
                        gpush(st, gid, 0)
                        gpush(st, gid, 1)
                    else:
                        v, ok = recv_now(st, cfg, prog, gid, pid, c, t)
                        gpush(st, gid, i)
                        gpush(st, gid, v)
                        gpush(st, gid, ok)
                    return R_DONE, 0
                k -= 1
    if dflt != 0:
        G[G_SP, gid] = base
        emit(st, cfg, prog, EV_SELECT, gid, pid, OB_NONE, 0, -1, 0, t)
        gpush(st, gid, -1)
        gpush(st, gid, 0)
        gpush(st, gid, 0)
        return R_DONE, 0
    if n == 0:
        gopark(st, cfg, prog, gid, pid, WR_SELECT_NOCASES, 0, 0, t)
        return R_PARKED, 0
    # pass 2: enqueue on every channel, park
    head = -1
    first = 0
    for i in range(n - 1, -1, -1):
        d = STK[gid, base + 3 * i]
        c = STK[gid, base + 3 * i + 1]
        x = STK[gid, base + 3 * i + 2]
        if c == 0:
            continue
        first = c
        if d == 1:
            s = sudog_new(st, gid, c, x, SG_SELSEND, i)
            enq(C[C_SQH], C[C_SQT], C[C_SQN], c, st, s)
            cmark(st, c)
        else:
            s = sudog_new(st, gid, c, 0, SG_SELRECV, i)
            enq(C[C_RQH], C[C_RQT], C[C_RQN], c, st, s)
            cmark(st, c)
        block_timer_chan(st, cfg, prog, c, pid, gid, t)   # select.go:339-341
        SG[SG_GLINK, s] = head
        head = s
    G[G_SUDOGS, gid] = head
    G[G_SP, gid] = base
    gopark(st, cfg, prog, gid, pid, WR_SELECT, OB_CHAN, first, t)
    return R_PARKED, 0


@inlined
def op_chan(st, cfg, prog, g, pid, op, pc, a, b, sp, stk, t):
    """The channel instructions: makechan (heap.chan_new), chansend1, chanrecv1/2, closechan,
    chanlen/chancap (chan.go; 0 for a timer's channel from Go 1.23) and selectgo. A panic (send
    on or close of a closed channel, close of nil) is a runtime error (panic.rt_panic)."""
    C = ctab(st)
    G = gtab(st)
    if op == isa.MAKECHAN:
        c = chan_new(st, stk[sp - 1], pc + 1)
        stk[sp - 1] = c
        return 0
    if op == isa.SEND:
        c = stk[sp - 2]
        v = stk[sp - 1]
        G[G_SP, g] = sp - 2
        r, rt = chansend(st, cfg, prog, g, pid, c, v, t)
        if r == R_PANIC:
            rt_panic(st, cfg, prog, g, pid, rt, t)
        return 1
    if op == isa.RECV:
        c = stk[sp - 1]
        G[G_SP, g] = sp - 1
        chanrecv(st, cfg, prog, g, pid, c, a, t)
        return 1
    if op == isa.CLOSE:
        c = stk[sp - 1]
        G[G_SP, g] = sp - 1
        r, rt = closechan(st, cfg, prog, g, pid, c, t)
        if r == R_PANIC:
            rt_panic(st, cfg, prog, g, pid, rt, t)
        return 1
    if op == isa.CHANLEN or op == isa.CHANCAP:
        c = stk[sp - 1]
        v = 0
        if c > 0 and not (C[C_TIMER, c] != 0 and sync_chans(cfg)):
            v = C[C_CNT, c] if op == isa.CHANLEN else C[C_CAP, c]
        stk[sp - 1] = v
        return 0
    if op == isa.SELECT:
        r, rt = selectgo(st, cfg, prog, g, pid, a, b, t)
        if r == R_STOP:
            G[G_PC, g] = pc
            return 1
        if r == R_PANIC:
            rt_panic(st, cfg, prog, g, pid, rt, t)
        return 1
    return unsupported(st, op)
