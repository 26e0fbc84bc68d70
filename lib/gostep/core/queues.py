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
"""
from __future__ import annotations

import math


from gostep.core.jit import kernel
from gostep.core.layout import *  # noqa: F401,F403  (row indices)

from gostep.core.defs import (S_NRNG, S_NTDIRTY, CAP_SUDOG, END_CAPACITY, END_RUNNING,
                              S_END, S_END_A, S_GQH, S_GQT, S_NPROCS, S_NSUDOG, S_RNG, S_SGFREE)


@kernel
def fail_cap(st, which):
    """End the run: capacity `which` (CAP_*) is exhausted."""
    if st.sc[S_END] == END_RUNNING:
        st.sc[S_END] = END_CAPACITY
        st.sc[S_END_A] = which


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
    return st.m[st.o[O_P] + (P_RQT) * st.o[W_P] + pid] - st.m[st.o[O_P] + (P_RQH) * st.o[W_P] + pid]


@kernel
def globrunqput(st, gid):
    """globrunqput (proc.go, 1.27): put gp at the tail of the global run queue."""
    n = st.o[W_H]
    st.m[st.o[O_H] + (H_GQ) * st.o[W_H] + st.sc[S_GQT] % n] = gid
    st.sc[S_GQT] += 1


@kernel
def globrunqputhead(st, gid):
    """globrunqputhead (proc.go, 1.27): put gp at the head of the global run queue ((*p).destroy
    moves a removed P's Gs there). The ring's head index goes down (record.build_gq then writes
    the queue whole)."""
    n = st.o[W_H]
    h = st.sc[S_GQH] - 1
    st.m[st.o[O_H] + (H_GQ) * st.o[W_H] + h % n] = gid
    st.sc[S_GQH] = h


@kernel
def globrunq_pop(st):
    if st.sc[S_GQT] == st.sc[S_GQH]:
        return 0
    n = st.o[W_H]
    g = st.m[st.o[O_H] + (H_GQ) * st.o[W_H] + st.sc[S_GQH] % n]
    st.sc[S_GQH] += 1
    return g


@kernel
def runqput_tail(st, pid, gid):
    """runqput(pp, gp, next=false) + runqputslow (proc.go, 1.27). When the ring is full, half of
    it and gp go to the global queue (runqputslow), as in Go."""
    rs = st.o[W_RUNQ]
    h = st.m[st.o[O_P] + (P_RQH) * st.o[W_P] + pid]
    t = st.m[st.o[O_P] + (P_RQT) * st.o[W_P] + pid]
    if t - h < rs:
        st.m[st.o[O_RUNQ] + (pid) * st.o[W_RUNQ] + t % rs] = gid
        st.m[st.o[O_P] + (P_RQT) * st.o[W_P] + pid] = t + 1
        return
    # runqputslow: move half of the local queue and gp to the global queue, in order
    n = (t - h) // 2
    for i in range(n):
        globrunqput(st, st.m[st.o[O_RUNQ] + (pid) * st.o[W_RUNQ] + (h + i) % rs])
    st.m[st.o[O_P] + (P_RQH) * st.o[W_P] + pid] = h + n
    globrunqput(st, gid)


@kernel
def runqput(st, pid, gid, nxt):
    """runqput (proc.go, 1.27): with next, gp goes to runnext and the old runnext is kicked to
    the tail of the local queue. Go randomises next=false under the race detector only."""
    if nxt:
        old = st.m[st.o[O_P] + (P_RUNNEXT) * st.o[W_P] + pid]
        st.m[st.o[O_P] + (P_RUNNEXT) * st.o[W_P] + pid] = gid
        if old <= 0:
            return
        gid = old
    runqput_tail(st, pid, gid)


@kernel
def runqget(st, pid):
    """runqget (proc.go, 1.27): runnext first (inheritTime = 1), then the head of the ring.
    Returns (gid, inheritTime); gid 0 when empty."""
    nx = st.m[st.o[O_P] + (P_RUNNEXT) * st.o[W_P] + pid]
    if nx > 0:
        st.m[st.o[O_P] + (P_RUNNEXT) * st.o[W_P] + pid] = 0
        return nx, 1
    h = st.m[st.o[O_P] + (P_RQH) * st.o[W_P] + pid]
    if h == st.m[st.o[O_P] + (P_RQT) * st.o[W_P] + pid]:
        return 0, 0
    rs = st.o[W_RUNQ]
    g = st.m[st.o[O_RUNQ] + (pid) * st.o[W_RUNQ] + h % rs]
    st.m[st.o[O_P] + (P_RQH) * st.o[W_P] + pid] = h + 1
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
    half = st.o[W_RUNQ] // 2
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
    h = st.m[st.o[O_P] + (P_RQH) * st.o[W_P] + victim]
    t = st.m[st.o[O_P] + (P_RQT) * st.o[W_P] + victim]
    n = t - h
    n = n - n // 2
    rs = st.o[W_RUNQ]
    if n == 0:
        if steal_runnext and st.m[st.o[O_P] + (P_RUNNEXT) * st.o[W_P] + victim] > 0:
            g = st.m[st.o[O_P] + (P_RUNNEXT) * st.o[W_P] + victim]
            st.m[st.o[O_P] + (P_RUNNEXT) * st.o[W_P] + victim] = 0
            return g
        return 0
    last = 0
    for i in range(n):
        g = st.m[st.o[O_RUNQ] + (victim) * st.o[W_RUNQ] + (h + i) % rs]
        if i == n - 1:
            last = g
        else:
            runqput_tail(st, pid, g)
    st.m[st.o[O_P] + (P_RQH) * st.o[W_P] + victim] = h + n
    return last


# ---- timer heap ---------------------------------------------------------------------------

@kernel
def _tless(st, a, b):
    if st.m[st.o[O_TM] + (TM_WHEN) * st.o[W_TM] + a] != st.m[st.o[O_TM] + (TM_WHEN) * st.o[W_TM] + b]:
        return st.m[st.o[O_TM] + (TM_WHEN) * st.o[W_TM] + a] < st.m[st.o[O_TM] + (TM_WHEN) * st.o[W_TM] + b]
    return st.m[st.o[O_TM] + (TM_SEQ) * st.o[W_TM] + a] < st.m[st.o[O_TM] + (TM_SEQ) * st.o[W_TM] + b]


@kernel
def _tswap(st, pid, i, j):
    a = st.m[st.o[O_TH] + (pid) * st.o[W_TH] + i]
    b = st.m[st.o[O_TH] + (pid) * st.o[W_TH] + j]
    st.m[st.o[O_TH] + (pid) * st.o[W_TH] + i] = b
    st.m[st.o[O_TH] + (pid) * st.o[W_TH] + j] = a
    st.m[st.o[O_TM] + (TM_HI) * st.o[W_TM] + b] = i
    st.m[st.o[O_TM] + (TM_HI) * st.o[W_TM] + a] = j


@kernel
def _siftup(st, pid, i):
    while i > 0:
        par = (i - 1) // 2
        if _tless(st, st.m[st.o[O_TH] + (pid) * st.o[W_TH] + i], st.m[st.o[O_TH] + (pid) * st.o[W_TH] + par]):
            _tswap(st, pid, i, par)
            i = par
        else:
            break


@kernel
def _siftdown(st, pid, i):
    n = st.m[st.o[O_P] + (P_THN) * st.o[W_P] + pid]
    while True:
        l = 2 * i + 1
        if l >= n:
            break
        m = l
        r = l + 1
        if r < n and _tless(st, st.m[st.o[O_TH] + (pid) * st.o[W_TH] + r], st.m[st.o[O_TH] + (pid) * st.o[W_TH] + l]):
            m = r
        if _tless(st, st.m[st.o[O_TH] + (pid) * st.o[W_TH] + m], st.m[st.o[O_TH] + (pid) * st.o[W_TH] + i]):
            _tswap(st, pid, i, m)
            i = m
        else:
            break


@kernel
def tmark(st, tid):
    """Timer tid's record may have changed since the last snapshot: put it on the dirty list.
    Called by the only two kernels that change a heap (a timer's when, kind and arg are set
    before theap_push)."""
    if st.m[st.o[O_TM] + (TM_DIRTY) * st.o[W_TM] + tid] == 0:
        st.m[st.o[O_TM] + (TM_DIRTY) * st.o[W_TM] + tid] = 1
        st.m[st.o[O_WKT] + st.sc[S_NTDIRTY]] = tid
        st.sc[S_NTDIRTY] += 1


@kernel
def theap_push(st, pid, tid):
    n = st.m[st.o[O_P] + (P_THN) * st.o[W_P] + pid]
    st.m[st.o[O_TH] + (pid) * st.o[W_TH] + n] = tid
    st.m[st.o[O_TM] + (TM_HI) * st.o[W_TM] + tid] = n
    st.m[st.o[O_TM] + (TM_P) * st.o[W_TM] + tid] = pid
    st.m[st.o[O_P] + (P_THN) * st.o[W_P] + pid] = n + 1
    st.m[st.o[O_P] + (P_TVER) * st.o[W_P] + pid] += 1
    tmark(st, tid)
    _siftup(st, pid, n)


@kernel
def theap_remove(st, tid):
    """Remove tid from the heap holding it (Go 1.23 marks it a zombie and removes it lazily; the
    model removes it at once, which no program can observe)."""
    pid = st.m[st.o[O_TM] + (TM_P) * st.o[W_TM] + tid]
    if pid < 0:
        return
    i = st.m[st.o[O_TM] + (TM_HI) * st.o[W_TM] + tid]
    n = st.m[st.o[O_P] + (P_THN) * st.o[W_P] + pid] - 1
    st.m[st.o[O_P] + (P_THN) * st.o[W_P] + pid] = n
    st.m[st.o[O_P] + (P_TVER) * st.o[W_P] + pid] += 1
    st.m[st.o[O_TM] + (TM_P) * st.o[W_TM] + tid] = -1
    tmark(st, tid)
    if i != n:
        last = st.m[st.o[O_TH] + (pid) * st.o[W_TH] + n]
        st.m[st.o[O_TH] + (pid) * st.o[W_TH] + i] = last
        st.m[st.o[O_TM] + (TM_HI) * st.o[W_TM] + last] = i
        _siftdown(st, pid, i)
        _siftup(st, pid, st.m[st.o[O_TM] + (TM_HI) * st.o[W_TM] + last])


@kernel
def theap_min(st, pid):
    """The earliest timer of pp (0 if none)."""
    if st.m[st.o[O_P] + (P_THN) * st.o[W_P] + pid] == 0:
        return 0
    return st.m[st.o[O_TH] + (pid) * st.o[W_TH] + 0]


# ---- wait queues of sudogs ---------------------------------------------------------------

@kernel
def sudog_new(st, gid, obj, val, dr, case):
    """acquireSudog: from the free list, else a new row."""
    if st.sc[S_SGFREE] > 0:
        st.sc[S_SGFREE] -= 1
        s = st.m[st.o[O_SG] + (SG_FREE) * st.o[W_SG] + st.sc[S_SGFREE]]
    else:
        s = st.sc[S_NSUDOG]
        if s >= st.o[W_SG]:
            fail_cap(st, CAP_SUDOG)
            return 0
        st.sc[S_NSUDOG] = s + 1
    st.m[st.o[O_SG] + (SG_G) * st.o[W_SG] + s] = gid
    st.m[st.o[O_SG] + (SG_OBJ) * st.o[W_SG] + s] = obj
    st.m[st.o[O_SG] + (SG_VAL) * st.o[W_SG] + s] = val
    st.m[st.o[O_SG] + (SG_DIR) * st.o[W_SG] + s] = dr
    st.m[st.o[O_SG] + (SG_CASE) * st.o[W_SG] + s] = case
    st.m[st.o[O_SG] + (SG_NEXT) * st.o[W_SG] + s] = -1
    st.m[st.o[O_SG] + (SG_PREV) * st.o[W_SG] + s] = -1
    st.m[st.o[O_SG] + (SG_GLINK) * st.o[W_SG] + s] = -1
    return s


@kernel
def sudog_free(st, s):
    st.m[st.o[O_SG] + (SG_FREE) * st.o[W_SG] + st.sc[S_SGFREE]] = s
    st.sc[S_SGFREE] += 1


@kernel
def enq(qh, qt, qn, q, st, s):
    """waitq.enqueue: append sudog s to queue q (qn[q]: its length)."""
    st.m[st.o[O_SG] + (SG_NEXT) * st.o[W_SG] + s] = -1
    st.m[st.o[O_SG] + (SG_RPOS) * st.o[W_SG] + s] = -1    # not in the queue's last record
    t = qt[q]
    st.m[st.o[O_SG] + (SG_PREV) * st.o[W_SG] + s] = t
    if t >= 0:
        st.m[st.o[O_SG] + (SG_NEXT) * st.o[W_SG] + t] = s
    else:
        qh[q] = s
    qt[q] = s
    qn[q] += 1


@kernel
def rmq(qh, qt, qn, q, st, s):
    """Unlink sudog s from queue q (waitq.dequeueSudoG)."""
    p = st.m[st.o[O_SG] + (SG_PREV) * st.o[W_SG] + s]
    n = st.m[st.o[O_SG] + (SG_NEXT) * st.o[W_SG] + s]
    if p >= 0:
        st.m[st.o[O_SG] + (SG_NEXT) * st.o[W_SG] + p] = n
    else:
        qh[q] = n
    if n >= 0:
        st.m[st.o[O_SG] + (SG_PREV) * st.o[W_SG] + n] = p
    else:
        qt[q] = p
    st.m[st.o[O_SG] + (SG_NEXT) * st.o[W_SG] + s] = -1
    st.m[st.o[O_SG] + (SG_PREV) * st.o[W_SG] + s] = -1
    qn[q] -= 1


@kernel
def deq(qh, qt, qn, q, st):
    """waitq.dequeue: pop the head sudog (-1 if empty)."""
    s = qh[q]
    if s >= 0:
        rmq(qh, qt, qn, q, st, s)
    return s
