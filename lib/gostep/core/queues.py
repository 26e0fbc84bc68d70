"""Queues, heaps and allocators: the data structures under the scheduler, each a few lines like Go's.

    runqput / runqputslow / runqget / runqsteal   proc.go: a P's local ring of len(p.runq) = 256
                                                  plus runnext
    globrunqput / globrunqget                     proc.go: the global run queue (sched.runq)
    theap_*                                        time.go: a P's timer heap (Go uses a 4-ary heap
                                                  of (when, timer); this is a binary heap keyed by
                                                  (when, seq), seq the creation order, so ties are
                                                  deterministic; the observable order is the same)
    enq / deq / rmq                                runtime.waitq: FIFO of sudogs (chan.go)

The ring indices are monotonic counters (head, tail), the slot is index % size, as in Go.
Also the two ways a run ends for want of room or of a model: fail_cap (a capacity, END_CAPACITY)
and unsupported (an instruction, END_UNSUPPORTED).
"""
from __future__ import annotations

import math


from gostep.core.jit import kernel
from gostep.core.layout import (  # the tables' row indices (layout.py)
    CF_OS_NOISE_NS, CF_OS_SLOW_NS, CF_OS_SLOW_PPM, P_RQH, P_RQT, P_RUNNEXT, P_THN, P_TVER, SG_CASE,
    SG_DIR, SG_FREE, SG_G, SG_GLINK, SG_NEXT, SG_OBJ, SG_PREV, SG_RPOS, SG_VAL, TM_DIRTY, TM_HI,
    TM_P, TM_SEQ, TM_WHEN
)
from gostep.core.tables import ptab, runqtab, thtab, tmtab, sgtab, globrunq, dirtyt

from gostep.core.defs import (S_NRNG, S_NTDIRTY, CAP_SUDOG, END_CAPACITY, END_RUNNING, END_UNSUPPORTED,
                              S_END, S_END_A, S_GQH, S_GQT, S_NPROCS, S_NSUDOG, S_RNG, S_SGFREE)


@kernel
def fail_cap(st, which):
    """End the run: capacity `which` (CAP_*) is exhausted."""
    if st.sc[S_END] == END_RUNNING:
        st.sc[S_END] = END_CAPACITY
        st.sc[S_END_A] = which


@kernel
def unsupported(st, op):
    """End the run: instruction `op` is not in the model (END_UNSUPPORTED names it). Returns 1, an
    instruction's "pick the next actor"."""
    st.sc[S_END] = END_UNSUPPORTED
    st.sc[S_END_A] = op
    return 1


@kernel
def rng_next(st):
    """xorshift32 on sc[S_RNG] (Go uses wyrand / cheaprand; any fixed generator will do: the
    model's random decisions need only be uniform and reproducible from the seed). Kept within
    32 bits so that the JIT (wrapping int64) and NUMBA_DISABLE_JIT=1 (Python ints) agree."""
    x = xorshift32(st.sc[S_RNG])
    st.sc[S_RNG] = x
    return x


@kernel
def xorshift32(x):
    """One step of Marsaglia's xorshift32, kept within 32 bits."""
    x ^= (x << 13) & 0xFFFFFFFF
    x ^= x >> 17
    x ^= (x << 5) & 0xFFFFFFFF
    return x


@kernel
def os_noise(st, cfg):
    """Extra latency of one OS wake-up (a thread woken by futex or epoll, sysmon's usleep
    returning, a signal delivered) on a loaded machine: Exp(mean cfg[CF_OS_NOISE_NS]) and, with
    probability cfg[CF_OS_SLOW_PPM] / 1e6, a slow wake-up Exp(mean cfg[CF_OS_SLOW_NS]) on top
    (docs/calibration.md: most wake-ups are tens of microseconds late, a few are milliseconds
    late), from its own random stream sc[S_NRNG], so switching
    noise on does not change the scheduling decisions drawn from sc[S_RNG]. 0 when the setting is
    0, the default: a noiseless machine, every run of a seed the same."""
    d = 0
    if cfg[CF_OS_NOISE_NS] > 0:
        d += exp_ns(st, cfg[CF_OS_NOISE_NS])
    if cfg[CF_OS_SLOW_PPM] > 0 and nrng_next(st) % 1_000_000 < cfg[CF_OS_SLOW_PPM]:
        d += exp_ns(st, cfg[CF_OS_SLOW_NS])
    return d


@kernel
def nrng_next(st):
    """xorshift32 on the noise stream sc[S_NRNG]."""
    x = xorshift32(st.sc[S_NRNG])
    st.sc[S_NRNG] = x
    return x


@kernel
def exp_ns(st, mean):
    """An exponentially distributed duration of the given mean, from the noise stream."""
    u = (nrng_next(st) + 0.5) / 4294967296.0
    return int(-math.log(u) * mean)


@kernel
def rng_n(st, n):
    """A uniform integer in [0, n) (cheaprandn)."""
    return rng_next(st) % n


# ---- local run queue ----------------------------------------------------------------------

@kernel
def runq_len(st, pid):
    P = ptab(st)
    return P[P_RQT, pid] - P[P_RQH, pid]


@kernel
def globrunqput(st, gid):
    """globrunqput (proc.go, 1.27): put gp at the tail of the global run queue."""
    q = globrunq(st)
    q[st.sc[S_GQT] % q.shape[0]] = gid
    st.sc[S_GQT] += 1


@kernel
def globrunqputhead(st, gid):
    """globrunqputhead (proc.go, 1.27): put gp at the head of the global run queue ((*p).destroy
    moves a removed P's Gs there). The ring's head index goes down (record.build_gq then writes
    the queue whole)."""
    q = globrunq(st)
    h = st.sc[S_GQH] - 1
    q[h % q.shape[0]] = gid
    st.sc[S_GQH] = h


@kernel
def globrunq_pop(st):
    if st.sc[S_GQT] == st.sc[S_GQH]:
        return 0
    q = globrunq(st)
    g = q[st.sc[S_GQH] % q.shape[0]]
    st.sc[S_GQH] += 1
    return g


@kernel
def runqput_tail(st, pid, gid):
    """runqput(pp, gp, next=false) + runqputslow (proc.go, 1.27). When the ring is full, half of
    it and gp go to the global queue (runqputslow), as in Go."""
    P = ptab(st)
    RQ = runqtab(st)
    rs = RQ.shape[1]
    h = P[P_RQH, pid]
    t = P[P_RQT, pid]
    if t - h < rs:
        RQ[pid, t % rs] = gid
        P[P_RQT, pid] = t + 1
        return
    # runqputslow: move half of the local queue and gp to the global queue, in order
    n = (t - h) // 2
    for i in range(n):
        globrunqput(st, RQ[pid, (h + i) % rs])
    P[P_RQH, pid] = h + n
    globrunqput(st, gid)


@kernel
def runqput(st, pid, gid, nxt):
    """runqput (proc.go, 1.27): with next, gp goes to runnext and the old runnext is kicked to
    the tail of the local queue. Go randomises next=false under the race detector only."""
    if nxt:
        P = ptab(st)
        old = P[P_RUNNEXT, pid]
        P[P_RUNNEXT, pid] = gid
        if old <= 0:
            return
        gid = old
    runqput_tail(st, pid, gid)


@kernel
def runqget(st, pid):
    """runqget (proc.go, 1.27): runnext first (inheritTime = 1), then the head of the ring.
    Returns (gid, inheritTime); gid 0 when empty."""
    P = ptab(st)
    nx = P[P_RUNNEXT, pid]
    if nx > 0:
        P[P_RUNNEXT, pid] = 0
        return nx, 1
    h = P[P_RQH, pid]
    if h == P[P_RQT, pid]:
        return 0, 0
    RQ = runqtab(st)
    g = RQ[pid, h % RQ.shape[1]]
    P[P_RQH, pid] = h + 1
    return g, 0


@kernel
def globrunqget(st, pid, mx):
    """globrunqget (proc.go, 1.27): take n = min(len, len/gomaxprocs+1, max, len(p.runq)/2) Gs
    from the global queue; return the first, put the rest on pp's local queue."""
    sz = st.sc[S_GQT] - st.sc[S_GQH]
    if sz == 0:
        return 0
    n = sz // st.sc[S_NPROCS] + 1
    if n > sz:
        n = sz
    if mx > 0 and n > mx:
        n = mx
    half = runqtab(st).shape[1] // 2
    if n > half:
        n = half
    gp = globrunq_pop(st)
    for i in range(n - 1):
        runqput_tail(st, pid, globrunq_pop(st))
    return gp


@kernel
def runqsteal(st, pid, victim, steal_runnext):
    """runqsteal / runqgrab (proc.go, 1.27): take half (rounded up) of victim's ring; when it is
    empty and steal_runnext, take its runnext. Returns the G to run (the last one taken); the
    others land on pp's ring. (Go sleeps 3 us before stealing a running P's runnext; the model
    does not.)"""
    P = ptab(st)
    h = P[P_RQH, victim]
    t = P[P_RQT, victim]
    n = t - h
    n = n - n // 2
    if n == 0:
        g = P[P_RUNNEXT, victim]
        if steal_runnext and g > 0:
            P[P_RUNNEXT, victim] = 0
            return g
        return 0
    RQ = runqtab(st)
    rs = RQ.shape[1]
    last = 0
    for i in range(n):
        g = RQ[victim, (h + i) % rs]
        if i == n - 1:
            last = g
        else:
            runqput_tail(st, pid, g)
    P[P_RQH, victim] = h + n
    return last


# ---- timer heap ---------------------------------------------------------------------------

@kernel
def _tless(TM, a, b):
    if TM[TM_WHEN, a] != TM[TM_WHEN, b]:
        return TM[TM_WHEN, a] < TM[TM_WHEN, b]
    return TM[TM_SEQ, a] < TM[TM_SEQ, b]


@kernel
def _tswap(TH, TM, pid, i, j):
    a = TH[pid, i]
    b = TH[pid, j]
    TH[pid, i] = b
    TH[pid, j] = a
    TM[TM_HI, b] = i
    TM[TM_HI, a] = j


@kernel
def _siftup(st, pid, i):
    TH = thtab(st)
    TM = tmtab(st)
    while i > 0:
        par = (i - 1) // 2
        if _tless(TM, TH[pid, i], TH[pid, par]):
            _tswap(TH, TM, pid, i, par)
            i = par
        else:
            break


@kernel
def _siftdown(st, pid, i):
    TH = thtab(st)
    TM = tmtab(st)
    n = ptab(st)[P_THN, pid]
    while True:
        l = 2 * i + 1
        if l >= n:
            break
        m = l
        r = l + 1
        if r < n and _tless(TM, TH[pid, r], TH[pid, l]):
            m = r
        if _tless(TM, TH[pid, m], TH[pid, i]):
            _tswap(TH, TM, pid, i, m)
            i = m
        else:
            break


@kernel
def tmark(st, tid):
    """Timer tid's record may have changed since the last snapshot: put it on the dirty list.
    Called by the only two kernels that change a heap (a timer's when, kind and arg are set
    before theap_push)."""
    TM = tmtab(st)
    if TM[TM_DIRTY, tid] == 0:
        TM[TM_DIRTY, tid] = 1
        dirtyt(st)[st.sc[S_NTDIRTY]] = tid
        st.sc[S_NTDIRTY] += 1


@kernel
def theap_push(st, pid, tid):
    P = ptab(st)
    TM = tmtab(st)
    n = P[P_THN, pid]
    thtab(st)[pid, n] = tid
    TM[TM_HI, tid] = n
    TM[TM_P, tid] = pid
    P[P_THN, pid] = n + 1
    P[P_TVER, pid] += 1
    tmark(st, tid)
    _siftup(st, pid, n)


@kernel
def theap_remove(st, tid):
    """Remove tid from the heap holding it (Go 1.23 marks it a zombie and removes it lazily; the
    model removes it at once, which no program can observe)."""
    TM = tmtab(st)
    pid = TM[TM_P, tid]
    if pid < 0:
        return
    P = ptab(st)
    i = TM[TM_HI, tid]
    n = P[P_THN, pid] - 1
    P[P_THN, pid] = n
    P[P_TVER, pid] += 1
    TM[TM_P, tid] = -1
    tmark(st, tid)
    if i != n:
        TH = thtab(st)
        last = TH[pid, n]
        TH[pid, i] = last
        TM[TM_HI, last] = i
        _siftdown(st, pid, i)
        _siftup(st, pid, TM[TM_HI, last])


@kernel
def theap_min(st, pid):
    """The earliest timer of pp (0 if none)."""
    if ptab(st)[P_THN, pid] == 0:
        return 0
    return thtab(st)[pid, 0]


# ---- wait queues of sudogs ---------------------------------------------------------------

@kernel
def sudog_new(st, gid, obj, val, dr, case):
    """acquireSudog: from the free list, else a new row."""
    SG = sgtab(st)
    if st.sc[S_SGFREE] > 0:
        st.sc[S_SGFREE] -= 1
        s = SG[SG_FREE, st.sc[S_SGFREE]]
    else:
        s = st.sc[S_NSUDOG]
        if s >= SG.shape[1]:
            fail_cap(st, CAP_SUDOG)
            return 0
        st.sc[S_NSUDOG] = s + 1
    SG[SG_G, s] = gid
    SG[SG_OBJ, s] = obj
    SG[SG_VAL, s] = val
    SG[SG_DIR, s] = dr
    SG[SG_CASE, s] = case
    SG[SG_NEXT, s] = -1
    SG[SG_PREV, s] = -1
    SG[SG_GLINK, s] = -1
    return s


@kernel
def sudog_free(st, s):
    sgtab(st)[SG_FREE, st.sc[S_SGFREE]] = s
    st.sc[S_SGFREE] += 1


@kernel
def enq(qh, qt, qn, q, st, s):
    """waitq.enqueue: append sudog s to queue q (qn[q]: its length)."""
    SG = sgtab(st)
    SG[SG_NEXT, s] = -1
    SG[SG_RPOS, s] = -1    # not in the queue's last record
    t = qt[q]
    SG[SG_PREV, s] = t
    if t >= 0:
        SG[SG_NEXT, t] = s
    else:
        qh[q] = s
    qt[q] = s
    qn[q] += 1


@kernel
def rmq(qh, qt, qn, q, st, s):
    """Unlink sudog s from queue q (waitq.dequeueSudoG)."""
    SG = sgtab(st)
    p = SG[SG_PREV, s]
    n = SG[SG_NEXT, s]
    if p >= 0:
        SG[SG_NEXT, p] = n
    else:
        qh[q] = n
    if n >= 0:
        SG[SG_PREV, n] = p
    else:
        qt[q] = p
    SG[SG_NEXT, s] = -1
    SG[SG_PREV, s] = -1
    qn[q] -= 1


@kernel
def deq(qh, qt, qn, q, st):
    """waitq.dequeue: pop the head sudog (-1 if empty)."""
    s = qh[q]
    if s >= 0:
        rmq(qh, qt, qn, q, st, s)
    return s
