"""The main loop: which actor moves next.

Actors: every P whose M is doing something (running a G, on g0 in schedule, waking, blocked in
netpoll until a time) and sysmon. Each has its own virtual clock; the loop always moves the actor
with the smallest clock (ties: lower P id first, sysmon last), so cross-P interactions happen in
time order. A P running a G executes instructions until its clock passes the next other actor's
time, or the G does something the runtime sees (one step: interp.run_g), then the loop picks again.
A P on g0 runs one scheduling pass (sched.schedule_pass); sysmon one tick (sched.sysmon_tick).

sweep_kernel is the stepper's only entry point from Python (core/jit.py): many runs for sweep, or
one for simulate (`run`).
"""
from __future__ import annotations

from gostep.core.jit import entry, kernel
from gostep.core.layout import (  # the tables' row indices (layout.py)
    CF_ASYNCTIMERCHAN, CF_GOMAXPROCS, CF_GO_MINOR, CF_RECORD, CF_SYSMON, CF_TIMEOUT_NS, H_GLOB,
    PG_HDR, P_CLOCK, P_CURG, P_PHASE, P_QRECH, P_QRECT, P_RQH, P_RQT, P_RUNNEXT, P_SCHEDTICK,
    P_SM_TICK, P_SM_WHEN, P_SPINNING, P_STATUS, P_THN, P_TVER, P_TVREC, W_P, X_ATTACHED,
    X_DEADLINE, X_DONE, X_ERR, X_KIND, X_PARENT
)
import numpy as np

from gostep.core.defs import (END_FATAL, END_HANG, END_RUNNING, EV_START, FATAL_ASYNCTIMERCHAN,
                              OB_NONE, P_IDLE, P_RUNNING, PH_DEAD, PH_G, PH_NETPOLL, PH_PARKED,
                              PH_SCHED, PH_WAKING, S_END, S_END_A, S_END_B, S_ENDT, S_KEYSTEP,
                              S_MEASURE_T, S_NCTX, S_NERR, S_NPROCS, S_NRNG, S_NSTEPS, S_RNG,
                              S_SGFREE, S_SM_DELAY, S_SM_IDLE, S_SM_NEXT, S_SNAPLEN, XK_BACKGROUND,
                              XK_TODO)
from gostep.core.interp import run_g
from gostep.core.proc import g_new
from gostep.core.queues import runqput
from gostep.core.record import emit
from gostep.core.sched import INF, schedule_pass, sysmon_tick
from gostep.core.tables import as_tables, htab, ptab, xtab

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
    # every kernel below works on Tables (tables.as_tables)
    ts, tcfg, tprog, tcost = as_tables(st), as_tables(cfg), as_tables(prog), as_tables(cost)
    for i in range(seeds.shape[0]):
        init_run(ts, tcfg, tprog, seeds[i])
        if ts.sc[S_END] == END_RUNNING:
            step_loop(ts, tcfg, tprog, tcost)
        out_end[i] = ts.sc[S_END]
        out_t[i] = ts.sc[S_ENDT]
        out_measure[i] = ts.sc[S_MEASURE_T]
        out_steps[i] = ts.sc[S_NSTEPS]
        out_live[i] = ts.sc[S_END_B]
