"""The interpreter and the main loop: which actor moves next, and what a G does when it runs.

The main loop
=============
Actors: every P whose M is doing something (running a G, on g0 in schedule, waking, blocked in
netpoll until a time) and sysmon. Each has its own virtual clock; the loop always moves the actor
with the smallest clock (ties: lower P id first, sysmon last), so cross-P interactions happen in
time order. A P running a G executes instructions until its clock passes the next other actor's
time, or the G does something the runtime sees (one step), then the loop picks again.

A G's instructions
==================
`run_g` is the bytecode loop of isa.py over the G's value stack. Each instruction costs
cost[op] ns of virtual time (defs.default_costs). A "line" step is recorded when the G starts a new
source line, at most cfg[CF_LINE_FOLD] of them per G between two runtime events, so a 20 ms spin loop
is a handful of steps, not a million.

Preemption points: with async preemption (Go 1.14+) a requested preemption lands at the next
instruction once the signal has arrived (g_preempt_at); with GODEBUG=asyncpreemptoff=1 only at a
cooperative point: a call of an FN_STACKCHECK function or an opcode marked (lib) in isa.py.
A preempted G goes to the global run queue (gopreempt_m -> goschedImpl -> globrunqput).
"""
from __future__ import annotations


from gostep.core.jit import entry, kernel
from gostep.core.layout import *  # noqa: F401,F403  (row indices)
import numpy as np

from gostep.core.chan import R_PANIC, R_STOP, chanrecv, chansend, closechan
from gostep.core.select import selectgo
from gostep.core.defs import (CAP_BOX, CAP_ERR, CAP_SLICE, END_FATAL, END_HANG, END_OK, END_RUNNING,
                              END_UNSUPPORTED, EV_DEFER, EV_EXIT, EV_GOSCHED, EV_LINE, EV_PREEMPTED,
                              EV_PRINT, EV_RECOVER, EV_START, FATAL_ASYNCTIMERCHAN, FATAL_UNLOCK,
                              OB_NONE, PH_DEAD, PH_G, PH_NETPOLL, PH_PARKED, PH_SCHED, PH_WAKING,
                              P_IDLE, P_RUNNING, RT_DIVIDE, RT_INDEX, S_END, S_ENDT, S_END_A,
                              S_END_B, S_END_G, S_KEYSTEP, S_MEASURE_T, S_NBOX, S_NCTX, S_NERR,
                              S_NEWPROCS, S_NLIVE, S_NOUT, S_NPROCS, S_NRNG, S_NSLICE, S_NSTEPS,
                              S_RNG, S_SGFREE, S_SM_DELAY, S_SM_IDLE, S_SM_NEXT, S_SNAPLEN,
                              TK_AFTERFUNC, TK_CHAN, XK_BACKGROUND, XK_CANCEL, XK_TODO,
                              XK_WITHOUTCANCEL)
from gostep.core.heap import clo_new, defer_new, iface_new, slice_new
from gostep.core.panic import FR_PANICDEFER, do_return, rt_panic, start_panic
from gostep.core.preempt import coop_point, is_coop_op, preempt_g
from gostep.core.print import do_print
from gostep.core.proc import g_new, goexit, newproc_put
from gostep.core.queues import fail_cap, runqput
from gostep.core.tables import ctab, frtab, gtab, htab, obtab, ptab, stktab, tmtab, xtab
from gostep.core.record import cmark, emit, xmark
from gostep.core.sched import INF, schedule_pass, stw_start, sysmon_tick
from gostep.core.stack import call_value, push_frame
from gostep.core.timectx import (chan_new, ctx_afterfunc, ctx_cancel, ctx_done, ctx_new, mu_lock,
                                 mu_unlock, propagate, sleep, sync_chans, sync_new, timer_add,
                                 timer_new, timer_stop, wg_add, wg_wait, with_deadline)
from gostep.model import isa

# run_g results
Y_TIME = 0      # the clock passed the limit; the G is still running
Y_EVENT = 1     # a runtime event happened; the loop picks the next actor
Y_END = 2


# ---- the G loop ---------------------------------------------------------------------------

@kernel
def run_g(st, cfg, prog, cost, pid, limit):
    """Run P pid's current G until its clock passes `limit` or a runtime event happens."""
    FR = frtab(st)
    G = gtab(st)
    H = htab(st)
    OB = obtab(st)
    P = ptab(st)
    STK = stktab(st)
    g = P[P_CURG, pid]
    t = P[P_CLOCK, pid]
    oc = prog[PG_CODE]
    opos = prog[PG_POS]
    stk = STK[g]
    if G[G_WAKE, g] != 0:
        rt = G[G_WAKE, g]
        G[G_WAKE, g] = 0
        rt_panic(st, cfg, prog, g, pid, rt, t)
        P[P_CLOCK, pid] = t
        return Y_EVENT
    asyncp = cfg[CF_ASYNCPREEMPT] != 0
    fold = cfg[CF_LINE_FOLD]
    mline = cfg[CF_MEASURE_LINE]
    res = Y_TIME
    pc = G[G_PC, g]
    sp = G[G_SP, g]
    while True:
        if t > limit:
            break
        if G[G_PREEMPT, g] != 0 and asyncp and t >= G[G_PREEMPT_AT, g]:
            G[G_PC, g] = pc
            G[G_SP, g] = sp
            preempt_g(st, cfg, prog, g, pid, t, EV_PREEMPTED)
            res = Y_EVENT
            break
        line = prog[opos + pc * 2]
        if line != G[G_LASTLINE, g]:
            G[G_LASTLINE, g] = line
            if line == mline and st.sc[S_MEASURE_T] < 0:
                st.sc[S_MEASURE_T] = t
            if G[G_LINECNT, g] < fold:
                G[G_LINECNT, g] += 1
                G[G_PC, g] = pc
                G[G_SP, g] = sp
                emit(st, cfg, prog, EV_LINE, g, pid, OB_NONE, 0, line, 0, t)
                if st.sc[S_END] != END_RUNNING:
                    res = Y_END
                    break
        op = prog[oc + pc * 4]
        a = prog[oc + pc * 4 + 1]
        t += cost[op]
        # ---- the hot, pure instructions first --------------------------------------------
        if op == isa.LOAD:
            stk[sp] = stk[FR[FR_FP, g, G[G_NFR, g] - 1] + a]
            sp += 1
            pc += 1
            continue
        if op == isa.PUSH:
            stk[sp] = a
            sp += 1
            pc += 1
            continue
        if op == isa.STORE:
            sp -= 1
            stk[FR[FR_FP, g, G[G_NFR, g] - 1] + a] = stk[sp]
            pc += 1
            continue
        if op >= isa.ADD and op <= isa.SHR and op != isa.NEG and op != isa.NOT:
            y = stk[sp - 1]
            x = stk[sp - 2]
            sp -= 1
            if op == isa.ADD:
                r = x + y
            elif op == isa.SUB:
                r = x - y
            elif op == isa.MUL:
                r = x * y
            elif op == isa.DIV or op == isa.MOD:
                if y == 0:
                    G[G_PC, g] = pc
                    G[G_SP, g] = sp - 1
                    rt_panic(st, cfg, prog, g, pid, RT_DIVIDE, t)
                    res = Y_EVENT
                    break
                q = abs(x) // abs(y)
                if (x < 0) != (y < 0):
                    q = -q
                r = q if op == isa.DIV else x - q * y
            elif op == isa.EQ:
                r = 1 if x == y else 0
            elif op == isa.NE:
                r = 1 if x != y else 0
            elif op == isa.LT:
                r = 1 if x < y else 0
            elif op == isa.LE:
                r = 1 if x <= y else 0
            elif op == isa.GT:
                r = 1 if x > y else 0
            elif op == isa.GE:
                r = 1 if x >= y else 0
            elif op == isa.BAND:
                r = x & y
            elif op == isa.BOR:
                r = x | y
            elif op == isa.BXOR:
                r = x ^ y
            elif op == isa.SHL:
                r = x << y if y < 64 else 0
            else:
                r = x >> y if y < 64 else (0 if x >= 0 else -1)
            stk[sp - 1] = r
            pc += 1
            continue
        if op == isa.JMP:
            if prog[oc + pc * 4 + 2] == 1 and t < limit:
                # An endless loop nobody can observe (model/endless.py): skip its iterations up to
                # the next event of the rest of the system, or to the preemption signal.
                if G[G_PREEMPT, g] != 0 and asyncp:
                    pa = G[G_PREEMPT_AT, g]
                    t = pa if pa > t and pa < limit else (t if pa <= t else limit)
                else:
                    t = limit
            pc = a
            continue
        if op == isa.JZ:
            sp -= 1
            pc = a if stk[sp] == 0 else pc + 1
            continue
        if op == isa.JNZ:
            sp -= 1
            pc = a if stk[sp] != 0 else pc + 1
            continue
        if op == isa.NOP:
            pc += 1
            continue
        if op == isa.POP:
            sp -= 1
            pc += 1
            continue
        if op == isa.DUP:
            stk[sp] = stk[sp - 1]
            sp += 1
            pc += 1
            continue
        if op == isa.SWAP:
            x = stk[sp - 1]
            stk[sp - 1] = stk[sp - 2]
            stk[sp - 2] = x
            pc += 1
            continue
        if op == isa.NEG:
            stk[sp - 1] = -stk[sp - 1]
            pc += 1
            continue
        if op == isa.NOT:
            stk[sp - 1] = 1 if stk[sp - 1] == 0 else 0
            pc += 1
            continue
        if op == isa.LOADG:
            stk[sp] = H[H_GLOB, a]
            sp += 1
            pc += 1
            continue
        if op == isa.STOREG:
            sp -= 1
            H[H_GLOB, a] = stk[sp]
            pc += 1
            continue
        if op == isa.LOADBOX:
            stk[sp] = OB[OB_BOX, stk[FR[FR_FP, g, G[G_NFR, g] - 1] + a]]
            sp += 1
            pc += 1
            continue
        if op == isa.STOREBOX:
            sp -= 1
            OB[OB_BOX, stk[FR[FR_FP, g, G[G_NFR, g] - 1] + a]] = stk[sp]
            pc += 1
            continue
        if op == isa.LOADCAP or op == isa.STORECAP or op == isa.CAPBOX:
            fv = FR[FR_CLO, g, G[G_NFR, g] - 1]
            bx = H[H_CLOHEAP, OB[OB_CLO_BASE, fv] + a]
            if op == isa.LOADCAP:
                stk[sp] = OB[OB_BOX, bx]
                sp += 1
            elif op == isa.STORECAP:
                sp -= 1
                OB[OB_BOX, bx] = stk[sp]
            else:
                stk[sp] = bx
                sp += 1
            pc += 1
            continue
        if op == isa.NEWBOX:
            bx = st.sc[S_NBOX] + 1
            if bx > st.o[K_BOX]:
                fail_cap(st, CAP_BOX)
                res = Y_END
                break
            st.sc[S_NBOX] = bx
            sp -= 1
            OB[OB_BOX, bx] = stk[sp]
            stk[FR[FR_FP, g, G[G_NFR, g] - 1] + a] = bx
            pc += 1
            continue
        if op == isa.LOCALBOX:
            stk[sp] = stk[FR[FR_FP, g, G[G_NFR, g] - 1] + a]
            sp += 1
            pc += 1
            continue
        if op == isa.WORK:
            t += a
            pc += 1
            continue
        if op == isa.NOW:
            stk[sp] = t
            sp += 1
            pc += 1
            if not asyncp and G[G_PREEMPT, g] != 0:
                G[G_PC, g] = pc
                G[G_SP, g] = sp
                preempt_g(st, cfg, prog, g, pid, t, EV_PREEMPTED)
                res = Y_EVENT
                break
            continue
        # ---- everything else works on the saved G state ----------------------------------
        G[G_PC, g] = pc
        G[G_SP, g] = sp
        P[P_CLOCK, pid] = t
        r = exec_op(st, cfg, prog, g, pid, op, t)
        t = P[P_CLOCK, pid]
        if (G[G_PREEMPT, g] != 0 and P[P_CURG, pid] == g and P[P_PHASE, pid] == PH_G
                and is_coop_op(op)):
            preempt_g(st, cfg, prog, g, pid, t, EV_PREEMPTED)
            r = 1
        if st.sc[S_END] != END_RUNNING:
            res = Y_END
            break
        if r != 0:
            res = Y_EVENT
            break
        if P[P_CURG, pid] != g or P[P_PHASE, pid] != PH_G:
            res = Y_EVENT
            break
        pc = G[G_PC, g]
        sp = G[G_SP, g]
    if res == Y_TIME:
        G[G_PC, g] = pc
        G[G_SP, g] = sp
    if P[P_CURG, pid] == g or res == Y_TIME:
        P[P_CLOCK, pid] = t
    else:
        if P[P_CLOCK, pid] < t:
            P[P_CLOCK, pid] = t
    return res


@kernel
def exec_op(st, cfg, prog, g, pid, op, t):
    """The instructions that touch the runtime or the heaps. pc/sp are in st; returns 1 when the
    main loop should pick the next actor (a runtime event), else 0."""
    C = ctab(st)
    FR = frtab(st)
    G = gtab(st)
    H = htab(st)
    OB = obtab(st)
    P = ptab(st)
    STK = stktab(st)
    TM = tmtab(st)
    X = xtab(st)
    pc = G[G_PC, g]
    a = prog[prog[PG_CODE] + (pc) * 4 + 1]
    b = prog[prog[PG_CODE] + (pc) * 4 + 2]
    sp = G[G_SP, g]
    stk = STK[g]
    G[G_PC, g] = pc + 1
    if op == isa.CALL:
        ok = push_frame(st, cfg, prog, g, a, 0, b, pc + 1, 0)
        if ok and (prog[prog[PG_FN_FLAGS] + a] & isa.FN_STACKCHECK) != 0:
            if coop_point(st, cfg, prog, g, pid, t):
                return 1
        return 0
    if op == isa.RETURN:
        G[G_PC, g] = pc
        r = do_return(st, cfg, prog, g, pid, t)
        if r == 1:
            goexit(st, cfg, prog, g, pid, t)
            return 1
        if r == 2:
            main_exit(st, cfg, prog, g, pid, t)
            return 1
        return 1 if G[G_PANIC, g] != 0 else 0
    if op == isa.CALLV:
        fv = stk[sp - a - 1]
        for i in range(sp - a - 1, sp - 1):
            stk[i] = stk[i + 1]
        G[G_SP, g] = sp - 1
        pushed, rt = call_value(st, cfg, prog, g, pid, fv, a, pc + 1, 0, t)
        if rt != 0:
            rt_panic(st, cfg, prog, g, pid, rt, t)
            return 1
        if pushed and (prog[prog[PG_FN_FLAGS] + OB[OB_CLO_FN, fv]] & isa.FN_STACKCHECK) != 0:
            if coop_point(st, cfg, prog, g, pid, t):
                return 1
        return 0 if pushed else 1
    if op == isa.MKCLOSURE:
        c = clo_new(st, a, b, 0)
        for i in range(b):
            H[H_CLOHEAP, OB[OB_CLO_BASE, c] + i] = stk[sp - b + i]
        stk[sp - b] = c
        G[G_SP, g] = sp - b + 1
        return 0
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
    if op == isa.DEFER or op == isa.DEFERV:
        if op == isa.DEFER:
            n = b
            d = defer_new(st, a, 0, n)
        else:
            n = a
            d = defer_new(st, stk[sp - n - 1], 1, n)
        if d == 0:
            return 1
        for i in range(n):
            H[H_DHEAP, OB[OB_D_BASE, d] + i] = stk[sp - n + i]
        G[G_SP, g] = sp - n - (1 if op == isa.DEFERV else 0)
        top = G[G_NFR, g] - 1
        OB[OB_D_NEXT, d] = FR[FR_DEF, g, top]
        FR[FR_DEF, g, top] = d
        emit(st, cfg, prog, EV_DEFER, g, pid, OB_NONE, 0, d, 0, t)
        return 0
    if op == isa.PANIC:
        v = stk[sp - 1]
        G[G_SP, g] = sp - 1
        if a == isa.T_ANY:
            if v == 0:
                v = iface_new(st, isa.T_RUNTIME_ERROR, -8)   # panic(nil): *runtime.PanicNilError
            iface = v
        else:
            iface = iface_new(st, a, v)
        start_panic(st, cfg, prog, g, pid, iface, t)
        return 1
    if op == isa.RECOVER:
        top = G[G_NFR, g] - 1
        v = 0
        if FR[FR_FLAG, g, top] == FR_PANICDEFER and G[G_PANIC, g] != 0 and G[G_RECOVERED, g] == 0:
            v = G[G_PANIC, g]
            G[G_RECOVERED, g] = 1
            emit(st, cfg, prog, EV_RECOVER, g, pid, OB_NONE, 0, v, 0, t)
        stk[sp] = v
        G[G_SP, g] = sp + 1
        return 0
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
    if op == isa.MAKESLICE:
        s = slice_new(st, stk[sp - 2], stk[sp - 1])
        stk[sp - 2] = s
        G[G_SP, g] = sp - 1
        return 0
    if op == isa.SLICELIT:
        s = slice_new(st, a, a)
        for i in range(a):
            H[H_HEAP, OB[OB_SL_BASE, s] + i] = stk[sp - a + i]
        stk[sp - a] = s
        G[G_SP, g] = sp - a + 1
        return 0
    if op == isa.INDEX or op == isa.SETINDEX:
        k = 3 if op == isa.SETINDEX else 2
        s = stk[sp - k]
        i = stk[sp - k + 1]
        ln = OB[OB_SL_LEN, s] if s > 0 else 0
        if i < 0 or i >= ln:
            G[G_SP, g] = sp - k
            # runtime.boundsError (runtime/error.go) names the index and the length: they ride
            # in the value above the code (trace/gofmt.py rt_message)
            code = RT_INDEX
            if -(1 << 30) <= i < (1 << 30) and ln < (1 << 26):
                code = RT_INDEX + 16 * (i + (1 << 30) + (1 << 31) * ln)
            rt_panic(st, cfg, prog, g, pid, code, t)
            return 1
        if op == isa.INDEX:
            stk[sp - 2] = H[H_HEAP, OB[OB_SL_BASE, s] + i]
            G[G_SP, g] = sp - 1
        else:
            H[H_HEAP, OB[OB_SL_BASE, s] + i] = stk[sp - 1]
            G[G_SP, g] = sp - 3
        return 0
    if op == isa.APPEND:
        s = stk[sp - a - 1]
        ln = OB[OB_SL_LEN, s] if s > 0 else 0
        cap = OB[OB_SL_CAP, s] if s > 0 else 0
        if ln + a <= cap:
            ns = st.sc[S_NSLICE] + 1
            if ns > st.o[K_SLICE]:
                fail_cap(st, CAP_SLICE)
                return 1
            st.sc[S_NSLICE] = ns
            OB[OB_SL_BASE, ns] = OB[OB_SL_BASE, s]
            OB[OB_SL_LEN, ns] = ln + a
            OB[OB_SL_CAP, ns] = cap
        else:
            nc = cap * 2 if cap * 2 >= ln + a else ln + a   # growslice doubles small slices
            ns = slice_new(st, ln + a, nc)
            if ns == 0:
                return 1
            for i in range(ln):
                H[H_HEAP, OB[OB_SL_BASE, ns] + i] = H[H_HEAP, OB[OB_SL_BASE, s] + i]
        for i in range(a):
            H[H_HEAP, OB[OB_SL_BASE, ns] + ln + i] = stk[sp - a + i]
        stk[sp - a - 1] = ns
        G[G_SP, g] = sp - a
        return 0
    if op == isa.SLICELEN or op == isa.SLICECAP:
        s = stk[sp - 1]
        stk[sp - 1] = 0 if s == 0 else (OB[OB_SL_LEN, s] if op == isa.SLICELEN else OB[OB_SL_CAP, s])
        return 0
    if op == isa.NEWSYNC:
        stk[sp] = sync_new(st, a)
        G[G_SP, g] = sp + 1
        return 0
    if op == isa.WG_ADD:
        s = stk[sp - 2]
        dl = stk[sp - 1]
        G[G_SP, g] = sp - 2
        r, rt = wg_add(st, cfg, prog, s, dl, g, pid, t)
        if r == R_PANIC:
            rt_panic(st, cfg, prog, g, pid, rt, t)
            return 1
        return 1 if P[P_CURG, pid] != g else 0
    if op == isa.WG_WAIT:
        s = stk[sp - 1]
        G[G_SP, g] = sp - 1
        wg_wait(st, cfg, prog, s, g, pid, t)
        coop_point(st, cfg, prog, g, pid, t)
        return 1
    if op == isa.WG_GO:
        s = stk[sp - 2]
        fv = stk[sp - 1]
        G[G_SP, g] = sp - 2
        OB[OB_SY_CNT, s] += 1
        f = OB[OB_CLO_FN, fv] if fv > 0 else -1
        if f < 0:
            st.sc[S_END] = END_UNSUPPORTED
            st.sc[S_END_A] = op
            return 1
        ng = g_new(st, cfg, prog, f, fv, g)
        if ng == 0:
            return 1
        dv = clo_new(st, isa.BI_WG_DONE, 0, s)
        d = defer_new(st, dv, 1, 0)
        FR[FR_DEF, ng, 0] = d
        newproc_put(st, cfg, prog, pid, ng, t)
        coop_point(st, cfg, prog, g, pid, t)
        return 1
    if op == isa.MU_LOCK:
        s = stk[sp - 1]
        G[G_SP, g] = sp - 1
        mu_lock(st, cfg, prog, s, g, pid, t)
        coop_point(st, cfg, prog, g, pid, t)
        return 1
    if op == isa.MU_UNLOCK:
        s = stk[sp - 1]
        G[G_SP, g] = sp - 1
        if mu_unlock(st, cfg, prog, s, g, pid, t) < 0:
            st.sc[S_END] = END_FATAL
            st.sc[S_END_A] = FATAL_UNLOCK
            st.sc[S_END_G] = g
            st.sc[S_ENDT] = t
        return 1
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
    if op == isa.GOSCHED:
        preempt_g(st, cfg, prog, g, pid, t, EV_GOSCHED)
        return 1
    if op == isa.NUMGOROUTINE:
        stk[sp] = st.sc[S_NLIVE]
        G[G_SP, g] = sp + 1
        return 0
    if op == isa.GOMAXPROCS:
        # runtime.GOMAXPROCS (debug.go, 1.27): n <= 0 queries, n == current returns at once;
        # otherwise stopTheWorldGC, newprocs = n, startTheWorldGC (procresize: sched.check_stw)
        prev = st.sc[S_NPROCS]
        n = stk[sp - 1]
        stk[sp - 1] = prev
        if n > st.o[W_P]:
            n = st.o[W_P]
        if n >= 1 and n != prev:
            st.sc[S_NEWPROCS] = n
            stw_start(st, cfg, prog, g, pid, t)
        return 1
    if op == isa.GC:
        stw_start(st, cfg, prog, g, pid, t)
        return 1
    if op == isa.PRINT:
        do_print(st, cfg, prog, g, a, b, t)
        emit(st, cfg, prog, EV_PRINT, g, pid, OB_NONE, 0, st.sc[S_NOUT] - 1, 0, t)
        coop_point(st, cfg, prog, g, pid, t)
        return 1
    if op == isa.ERRNEW:
        e = st.sc[S_NERR] + 1
        if e > st.o[K_ERR]:
            fail_cap(st, CAP_ERR)
            return 1
        st.sc[S_NERR] = e
        OB[OB_ERR_MSG, e] = stk[sp - 1]
        stk[sp - 1] = e
        return 0
    if op == isa.ERRIS:
        stk[sp - 2] = 1 if stk[sp - 2] == stk[sp - 1] else 0
        G[G_SP, g] = sp - 1
        return 0
    if op == isa.EXIT:
        main_exit(st, cfg, prog, g, pid, t)
        return 1
    st.sc[S_END] = END_UNSUPPORTED
    st.sc[S_END_A] = op
    return 1


@kernel
def main_exit(st, cfg, prog, g, pid, t):
    """main.main returned: runtime.main calls exit(0); the other goroutines just stop."""
    if st.sc[S_END] == END_RUNNING:
        st.sc[S_END] = END_OK
        st.sc[S_END_B] = st.sc[S_NLIVE]
        st.sc[S_ENDT] = t
        emit(st, cfg, prog, EV_EXIT, g, pid, OB_NONE, 0, st.sc[S_NLIVE], 0, t)


# ---- a run --------------------------------------------------------------------------------

@kernel
def init_run(st, cfg, prog, seed):
    """Reset the counters and start: P0 with main in runnext, the other Ps idle, sysmon."""
    H = htab(st)
    P = ptab(st)
    X = xtab(st)
    sc = st.sc
    for i in range(sc.shape[0]):
        sc[i] = 0
    x = ((seed & 0x7FFFFFFF) * 2654435761 + 0x9E3779B9) & 0xFFFFFFFF
    sc[S_RNG] = x if x != 0 else 2463534242
    y = ((seed & 0x7FFFFFFF) * 1103515245 + 0x6C078965) & 0xFFFFFFFF
    sc[S_NRNG] = y if y != 0 else 88675123
    sc[S_NPROCS] = cfg[CF_GOMAXPROCS]
    sc[S_SGFREE] = 0
    sc[S_NERR] = 2
    sc[S_NCTX] = 2
    sc[S_SM_NEXT] = 20_000 if cfg[CF_SYSMON] != 0 else INF
    sc[S_SM_DELAY] = 20_000
    sc[S_SM_IDLE] = 0        # proc.go sysmon: idle := 0 (see sysmon_tick in sched.py)
    sc[S_KEYSTEP] = 0
    st.sc[S_MEASURE_T] = -1
    for i in range(prog[PG_HDR] + 1):
        H[H_GLOB, i] = 0
    for q in range(st.o[W_P]):
        P[P_STATUS, q] = P_IDLE
        P[P_PHASE, q] = PH_PARKED if q < cfg[CF_GOMAXPROCS] else PH_DEAD
        P[P_CLOCK, q] = 0
        P[P_CURG, q] = 0
        P[P_RUNNEXT, q] = 0
        P[P_RQH, q] = 0
        P[P_RQT, q] = 0
        P[P_SCHEDTICK, q] = 0
        P[P_THN, q] = 0
        P[P_SM_TICK, q] = 0
        P[P_SM_WHEN, q] = 0
        P[P_SPINNING, q] = 0
        P[P_TVER, q] = 0
        P[P_TVREC, q] = -1
        P[P_QRECH, q] = -1
        P[P_QRECT, q] = -1
    for k in range(3):
        X[X_KIND, k] = XK_TODO if k == 2 else XK_BACKGROUND
        X[X_PARENT, k] = 0
        X[X_DEADLINE, k] = -1
        X[X_ERR, k] = 0
        X[X_DONE, k] = 0
        X[X_ATTACHED, k] = 0
    if cfg[CF_RECORD] != 0:
        for i in range(st.snap_last.shape[0]):
            st.snap_last[i] = 0
        sc[S_SNAPLEN] = 1
    emit(st, cfg, prog, EV_START, -1, -1, OB_NONE, 0, 0, 0, 0)
    if cfg[CF_ASYNCTIMERCHAN] != 0 and cfg[CF_GO_MINOR] >= 27:
        sc[S_END] = END_FATAL
        sc[S_END_A] = FATAL_ASYNCTIMERCHAN
        return
    g = g_new(st, cfg, prog, 0, 0, 0)
    if g == 0:
        return     # main's own frame does not fit: the capacity ends the run
    runqput(st, 0, g, True)
    # Before main.main, runtime.main has started bgsweep and bgscavenge (gcenable) and waited for
    # them; one of them ran from the local queue, not runnext: P0's schedtick is 1, not 0 (0 would
    # make the first scheduling pass take the global queue first, schedtick%61 == 0).
    P[P_SCHEDTICK, 0] = 1
    P[P_STATUS, 0] = P_RUNNING
    P[P_PHASE, 0] = PH_SCHED


@kernel
def step_loop(st, cfg, prog, cost):
    """Move the actor with the smallest clock until the run ends. Returns sc[S_END]."""
    P = ptab(st)
    while st.sc[S_END] == END_RUNNING:
        n = st.sc[S_NPROCS]
        best = -1
        bt = INF
        second = INF
        for q in range(n):
            ph = P[P_PHASE, q]
            if ph == PH_G or ph == PH_SCHED or ph == PH_NETPOLL or ph == PH_WAKING:
                c = P[P_CLOCK, q]
                if c < bt:
                    second = bt
                    bt = c
                    best = q
                elif c < second:
                    second = c
        smt = st.sc[S_SM_NEXT]
        if smt < bt:
            second = bt
            bt = smt
            best = -2
        elif smt < second:
            second = smt
        if best == -1:
            # nothing can move: every P stopped for a stop-the-world that never completes
            st.sc[S_END] = END_HANG
            st.sc[S_ENDT] = cfg[CF_TIMEOUT_NS]
            break
        if bt > cfg[CF_TIMEOUT_NS]:
            st.sc[S_END] = END_HANG
            st.sc[S_ENDT] = cfg[CF_TIMEOUT_NS]
            break
        if best == -2:
            sysmon_tick(st, cfg, prog)
            continue
        ph = P[P_PHASE, best]
        if ph == PH_G:
            lim = second if second < cfg[CF_TIMEOUT_NS] else cfg[CF_TIMEOUT_NS]
            run_g(st, cfg, prog, cost, best, lim)
        else:
            if ph == PH_NETPOLL:
                P[P_STATUS, best] = P_RUNNING
            P[P_PHASE, best] = PH_SCHED
            schedule_pass(st, cfg, prog, best)
    if st.sc[S_ENDT] == 0:
        mx = 0
        for q in range(st.sc[S_NPROCS]):
            if P[P_CLOCK, q] > mx:
                mx = P[P_CLOCK, q]
        st.sc[S_ENDT] = mx
    return st.sc[S_END]


def run(st, cfg, prog, cost, seed):
    """One whole run from the start (simulate): sweep_kernel with one seed, the State keeping the
    run. One entry point rather than two: each is compiled and optimised with the whole stepper
    linked in (core/jit.py), about 20 s of the cold start."""
    o = np.zeros((5, 1), dtype=np.int64)
    sweep_kernel(st, cfg, prog, cost, np.full(1, seed, dtype=np.int64), o[0], o[1], o[2], o[3], o[4])
    return st.sc[S_END]


@entry
def sweep_kernel(st, cfg, prog, cost, seeds, out_end, out_t, out_measure, out_steps, out_live):
    """Runs from the start, one per seed, in compiled code: many non-recording runs for sweep's
    histograms, or one (recording or not) for simulate (run). The only entry point of the
    stepper."""
    for i in range(seeds.shape[0]):
        init_run(st, cfg, prog, seeds[i])
        if st.sc[S_END] == END_RUNNING:
            step_loop(st, cfg, prog, cost)
        out_end[i] = st.sc[S_END]
        out_t[i] = st.sc[S_ENDT]
        out_measure[i] = st.sc[S_MEASURE_T]
        out_steps[i] = st.sc[S_NSTEPS]
        out_live[i] = st.sc[S_END_B]
