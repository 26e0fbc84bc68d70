"""A G's instructions: the bytecode loop of isa.py (run_g) and the instructions that call into the
runtime (exec_op).

run_g
=====
run_g runs P pid's current G over its value stack. Each instruction costs cost[op] ns of virtual
time (defs.default_costs). A "line" step is recorded when the G starts a new source line, at most
cfg[CF_LINE_FOLD] of them per G between two runtime events, so a 20 ms spin loop is a handful of
steps, not a million.

Preemption points: with async preemption (Go 1.14+) a requested preemption lands at the next
instruction once the signal has arrived (g_preempt_at); with GODEBUG=asyncpreemptoff=1 only at a
cooperative point: a call of an FN_STACKCHECK function or an opcode marked (lib) in isa.py.
A preempted G goes to the global run queue (gopreempt_m -> goschedImpl -> globrunqput).

exec_op
=======
The instructions that touch the runtime or the heaps, one kernel per family of isa.py (isa.py
numbers the families in decades), each beside the Go file it mirrors:
    op_call     CALL, CALLV, RETURN, MKCLOSURE    here (stack.py, panic.do_return)
    op_go       GO, GOV                           proc.py (newproc)
    op_defer    DEFER, DEFERV, PANIC, RECOVER     panic.py (deferproc, gopanic, gorecover)
    op_chan     MAKECHAN .. SELECT                select.py (chan.go, select.go)
    op_slice    MAKESLICE .. SLICECAP             slice.py (slice.go)
    op_sync     WaitGroup, Mutex                  here (a negative counter panics: panic.py is
                                                  above sync.py, which stack.py calls)
    op_ctx      context                           context.py
    op_time     Sleep, timers                     time.py
    op_runtime  Gosched, NumGoroutine, GOMAXPROCS, GC   here (proc.go, debug.go, mgc.go)
    op_print    fmt, errors                       print.py
Each family is an `@inlined` kernel (core/jit.py): compiled on its own and inlined into exec_op by
LLVM, so the split costs no call at run time.
"""
from __future__ import annotations

from gostep.core.jit import inlined, kernel
from gostep.core.layout import (  # the tables' row indices (layout.py)
    CF_ASYNCPREEMPT, CF_LINE_FOLD, CF_MEASURE_LINE, FR_CLO, FR_DEF, FR_FP, G_LASTLINE, G_LINECNT,
    G_NFR, G_PANIC, G_PC, G_PREEMPT, G_PREEMPT_AT, G_SP, G_WAKE, H_CLOHEAP, H_GLOB, K_BOX, OB_BOX,
    OB_CLO_BASE, OB_CLO_FN, OB_SY_CNT, PG_CODE, PG_FN_FLAGS, PG_POS, P_CLOCK, P_CURG, P_PHASE, W_P
)

from gostep.core.chan import R_PANIC
from gostep.core.context import op_ctx
from gostep.core.defs import (CAP_BOX, END_FATAL, END_RUNNING, END_UNSUPPORTED, EV_GOSCHED, EV_LINE,
                              EV_PREEMPTED, FATAL_UNLOCK, OB_NONE, PH_G, RT_DIVIDE, S_END, S_END_A,
                              S_END_G, S_ENDT, S_MEASURE_T, S_NBOX, S_NEWPROCS, S_NLIVE, S_NPROCS)
from gostep.core.heap import clo_new, defer_new
from gostep.core.panic import do_return, op_defer, rt_panic
from gostep.core.preempt import coop_point, is_coop_op, preempt_g
from gostep.core.print import op_print
from gostep.core.proc import g_new, goexit, main_exit, newproc_put, op_go
from gostep.core.queues import fail_cap, unsupported
from gostep.core.record import emit
from gostep.core.sched import stw_start
from gostep.core.select import op_chan
from gostep.core.slice import op_slice
from gostep.core.stack import call_value, push_frame
from gostep.core.sync import mu_lock, mu_unlock, sync_new, wg_add, wg_wait
from gostep.core.tables import frtab, gtab, htab, obtab, ptab, stktab
from gostep.core.time import op_time
from gostep.model import isa

# run_g results
Y_TIME = 0      # the clock passed the limit; the G is still running
Y_EVENT = 1     # a runtime event happened; the loop picks the next actor
Y_END = 2


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
    """The instructions that touch the runtime or the heaps, one kernel per family of isa.py. pc/sp are in st;
    returns 1 when the main loop should pick the next actor (a runtime event), else 0."""
    G = gtab(st)
    STK = stktab(st)
    pc = G[G_PC, g]
    a = prog[prog[PG_CODE] + (pc) * 4 + 1]
    b = prog[prog[PG_CODE] + (pc) * 4 + 2]
    sp = G[G_SP, g]
    stk = STK[g]
    G[G_PC, g] = pc + 1
    if isa.CALL <= op <= isa.MKCLOSURE:
        return op_call(st, cfg, prog, g, pid, op, pc, a, b, sp, stk, t)
    if isa.GO <= op <= isa.GOV:
        return op_go(st, cfg, prog, g, pid, op, pc, a, b, sp, stk, t)
    if isa.DEFER <= op <= isa.RECOVER:
        return op_defer(st, cfg, prog, g, pid, op, pc, a, b, sp, stk, t)
    if isa.MAKECHAN <= op <= isa.SELECT:
        return op_chan(st, cfg, prog, g, pid, op, pc, a, b, sp, stk, t)
    if isa.MAKESLICE <= op <= isa.SLICECAP:
        return op_slice(st, cfg, prog, g, pid, op, pc, a, b, sp, stk, t)
    if isa.NEWSYNC <= op <= isa.MU_UNLOCK:
        return op_sync(st, cfg, prog, g, pid, op, pc, a, b, sp, stk, t)
    if isa.CTX_BACKGROUND <= op <= isa.CTX_CANCEL:
        return op_ctx(st, cfg, prog, g, pid, op, pc, a, b, sp, stk, t)
    if isa.SLEEP <= op <= isa.TIMER_RESET:
        return op_time(st, cfg, prog, g, pid, op, pc, a, b, sp, stk, t)
    if isa.GOSCHED <= op <= isa.GC:
        return op_runtime(st, cfg, prog, g, pid, op, pc, a, b, sp, stk, t)
    if isa.PRINT <= op <= isa.ERRIS:
        return op_print(st, cfg, prog, g, pid, op, pc, a, b, sp, stk, t)
    if op == isa.EXIT:
        main_exit(st, cfg, prog, g, pid, t)
        return 1
    return unsupported(st, op)

@inlined
def op_call(st, cfg, prog, g, pid, op, pc, a, b, sp, stk, t):
    """CALL: push a frame (a function with a stack check is a cooperative preemption point);
    CALLV: call a func value (closure or builtin); RETURN: run the frame's deferred calls, then
    pop it (the G's first frame: goexit; main.main's: proc.main_exit); MKCLOSURE."""
    G = gtab(st)
    H = htab(st)
    OB = obtab(st)
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
    return unsupported(st, op)

@inlined
def op_sync(st, cfg, prog, g, pid, op, pc, a, b, sp, stk, t):
    """sync: WaitGroup Add (a negative counter panics), Wait, Go (Add(1) and a goroutine that
    defers Done, 1.25+); Mutex Lock, and Unlock (of an unlocked mutex: fatal error)."""
    FR = frtab(st)
    G = gtab(st)
    OB = obtab(st)
    P = ptab(st)
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
    return unsupported(st, op)

@inlined
def op_runtime(st, cfg, prog, g, pid, op, pc, a, b, sp, stk, t):
    """runtime.Gosched (goschedImpl: to the global queue), NumGoroutine, GOMAXPROCS (n >= 1 and
    different: stop the world and procresize) and GC (only its stop-the-world: no collector)."""
    G = gtab(st)
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
    return unsupported(st, op)
