"""sync.WaitGroup and sync.Mutex (sync/waitgroup.go, sync/mutex.go, runtime/sema.go; Go 1.27).

A WaitGroup or Mutex is a row of the object table (OB_SY_*): its counter (or locked flag) and a
FIFO of waiting sudogs, as the runtime's semaphore root keeps them (semacquire parks the G,
semrelease readies the first). The instructions that use them (Add, Wait, Go, Lock, Unlock) are
interp.op_sync.

Simplifications: Unlock hands the lock to the first waiter (Go's starvation mode) instead of
letting it compete (normal mode); no spinning before a park.
"""
from __future__ import annotations

from gostep.core.jit import kernel
from gostep.core.layout import (  # the tables' row indices (layout.py)
    K_SYNC, OB_SY_CNT, OB_SY_KIND, OB_SY_QH, OB_SY_QN, OB_SY_QT, SG_G
)

from gostep.core.chan import R_DONE, R_PANIC, R_PARKED
from gostep.core.defs import CAP_SYNC, OB_SYNC, RT_NEG_WG, S_NSYNC, WR_MUTEX, WR_WG
from gostep.core.proc import gopark, goready
from gostep.core.queues import deq, enq, fail_cap, sudog_free, sudog_new
from gostep.core.tables import obtab, sgtab

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
