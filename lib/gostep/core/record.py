"""Recording: one event and one compact snapshot per step (what each record holds: records.py).

How a step is recorded
======================
`emit` is called by every kernel at the moment a runtime event happens ("P0 on g0: runqget -> G3").
It counts the step and, when recording, `emit_record` appends the event row ev[i] = (kind, gid,
pid, objtype, objid, a, b, time) and a snapshot of the whole modelled runtime at that moment (emit
is inlined where it is called, emit_record is a call: core/jit.py). A snapshot is

    [time, is_key, nrec, (type, id, len, data...) * nrec]

(record types REC_G, REC_P, REC_CHAN, REC_CTX, REC_PQ: a P's run queue and heap size, REC_GQ:
the global run queue, REC_TM: one timer, written when it enters or leaves a heap (queues.tmark),
REC_HDR: the counts of Gs, Ps, channels, contexts and output records and sysmon's state,
REC_WQ: a channel's send or receive queue, as an edit of its last record (build_wq)).
The queues are kept apart from the P record and the header because the P's clock changes at every
step and the queues may hold thousands of entries: they are written only when their indices or
the heap's version P_TVER moved, and then only with the entries put since their last record
(build_pq): with 1000 goroutines the global queue holds hundreds, and copying it whole at every
change made recording O(queue) per step.)

where the object records (G, P, channel, context) are written in full at a keyframe and, between
two keyframes, only for objects whose record differs from its previous one (the record is built
into a scratch area and compared with the last one written for that object). So a program with
1000 parked goroutines does not copy 1000 rows per step. A keyframe comes `cfg[CF_KEYFRAME]` steps
after the last one at the soonest, and not before the deltas since then take as much room as that
keyframe did, so keyframes are at most half of the buffer. Decoding step i (trace/trace.py)
replays the deltas since the keyframe before it: 64 steps at most with 10 goroutines; with 1,000
(the benchmark's workload: a keyframe of about 12,400 words, deltas of about 19 words a step)
keyframes are 64 to 821 steps apart, median 693, and the farthest step decodes in 10-12 ms
against 4 ms at a keyframe; one step forward from the step before it takes about 4 ms, since the
Trace keeps the last step's records and applies one delta.

Which Gs are rebuilt between keyframes: only the dirty ones and the running ones. A G is dirty
(`gmark`) when it is created (g_new), when it is the subject of an event (emit's gid: goready,
gopark, execute, preempt, goexit, ...) and at the few writes of its record without an event of
its own (gomaxprocs, a stop-the-world preemption request). A running G (some P's curg) is always
rebuilt: its line moves without any mark. Rebuilding every G at every step made recording O(G) per
step (4,000 events/s with 1000 goroutines).
A missed mark would be a silently stale picture, so `cfg[CF_CHECK_DELTA]` (tests) rebuilds every
clean G at every snapshot as well and counts the records that differ in sc[S_DELTA_ERR]; the test
suite runs every course program with it and expects 0.

Alternative rejected: recording only events and replaying them in Python to rebuild a state (two
implementations of the runtime that must agree); comparing every G at every step (correct without
marks, but O(G) per step).

When the buffers are full the run goes on without recording and sets S_SNAPOVF; the Python side
runs it again with larger buffers (runs are deterministic). Non-recording runs (cfg[CF_RECORD] == 0)
only count events.
"""
from __future__ import annotations


from gostep.core.jit import inlined, kernel
from gostep.core.layout import (  # the tables' row indices (layout.py)
    CF_CHECK_DELTA, CF_KEYFRAME, CF_MAX_STEPS, CF_RECORD, C_DIRTY, G_DIRTY, N_EV, P_CURG, P_QRECH,
    P_QRECT, P_RQH, P_RQT, P_TVER, P_TVREC, TM_DIRTY, TM_P, X_DIRTY
)

from gostep.core.defs import (END_RUNNING, END_STEPLIMIT, S_DELTA_ERR, S_END, S_ENDT,
                              S_NDIRTY, S_GQRECH, S_GQRECT, S_NTDIRTY, S_NTIMER, S_KEYOFF, S_KEYLEN,
                              S_GQH, S_GQT, S_KEYSTEP, S_NCHAN, S_NCTX, S_NEVT, S_NG, S_NOUT,
                              S_NPROCS, S_NSTEPS, S_PHIGH, S_SM_DEEP, S_SM_DELAY, S_SM_IDLE, S_SM_NEXT,
                              S_SNAPLEN, S_SNAPOVF)

from gostep.core.defs import REC_CHAN, REC_CTX, REC_G, REC_GQ, REC_HDR, REC_P, REC_PQ, REC_TM, REC_WQ  # noqa: E402
from gostep.core.records import (build_chan, build_ctx, build_g, build_gq, build_p,  # noqa: E402
                                 build_pq, build_tm, build_wq)
from gostep.core.tables import ctab, dirtyg, dirtyt, gtab, ptab, snaplast, tmtab, xtab  # noqa: E402


@kernel
def gmark(st, g):
    """G g's record may have changed since the last snapshot: put it on the dirty list."""
    G = gtab(st)
    if g > 0 and G[G_DIRTY, g] == 0:
        G[G_DIRTY, g] = 1
        dirtyg(st)[st.sc[S_NDIRTY]] = g
        st.sc[S_NDIRTY] += 1


@kernel
def cmark(st, c):
    """Channel c's record may have changed since the last snapshot (its buffer, its wait queues,
    closed): called after every write of them (chan.py, time.py, context.py)."""
    C = ctab(st)
    if c > 0:
        C[C_DIRTY, c] = 1


@kernel
def xmark(st, x):
    """Context x's record may have changed since the last snapshot (context.py)."""
    X = xtab(st)
    if x > 0:
        X[X_DIRTY, x] = 1


@kernel
def same_as_last(st, typ, oid, n):
    """scratch[:n] equals the last record written for object (typ, oid)."""
    snap = st.snap
    last = snaplast(st)[typ, oid]
    if last <= 0 or snap[last + 2] != n:
        return False
    for i in range(n):
        if snap[last + 3 + i] != st.scratch[i]:
            return False
    return True


@kernel
def put_rec(st, typ, oid, n, key):
    """Append scratch[:n] as the record of object (typ, oid) unless equal to its last record."""
    off = st.sc[S_SNAPLEN]
    snap = st.snap
    if not key and same_as_last(st, typ, oid, n):
        return 0
    if off + n + 3 >= snap.shape[0]:
        st.sc[S_SNAPOVF] = 1
        return 0
    snap[off] = typ
    snap[off + 1] = oid
    snap[off + 2] = n
    for i in range(n):
        snap[off + 3 + i] = st.scratch[i]
    snaplast(st)[typ, oid] = off
    st.sc[S_SNAPLEN] = off + n + 3
    return 1


@kernel
def put_marked(st, cfg, typ, oid, dirty, key):
    """The record of channel or context oid (typ REC_CHAN / REC_CTX) when it is marked (dirty[oid]:
    the C_DIRTY or X_DIRTY row, set by cmark / xmark) or at a keyframe, and a channel's wait queues (build_wq); in check_delta
    mode an unmarked one is rebuilt and a difference from its last record counted as a missed mark."""
    if key or dirty[oid] != 0:
        dirty[oid] = 0
        k = build_chan(st, oid, st.scratch) if typ == REC_CHAN else build_ctx(st, oid, st.scratch)
        nrec = put_rec(st, typ, oid, k, key)
        if typ == REC_CHAN:
            for dr in range(2):
                k = build_wq(st, oid, dr, key, st.scratch)
                if k > 2:
                    nrec += put_rec(st, REC_WQ, 2 * oid + dr, k, True)
        return nrec
    if cfg[CF_CHECK_DELTA] != 0:
        k = build_chan(st, oid, st.scratch) if typ == REC_CHAN else build_ctx(st, oid, st.scratch)
        if not same_as_last(st, typ, oid, k):
            st.sc[S_DELTA_ERR] += 1
        if typ == REC_CHAN:
            for dr in range(2):
                if build_wq(st, oid, dr, False, st.scratch) >= 0:
                    st.sc[S_DELTA_ERR] += 1
    return 0


@kernel
def snapshot(st, cfg, prog, step, t):
    C = ctab(st)
    G = gtab(st)
    P = ptab(st)
    TM = tmtab(st)
    X = xtab(st)
    snap = st.snap
    off = st.sc[S_SNAPLEN]
    ng = st.sc[S_NG]
    need = 16
    if off + need >= snap.shape[0]:
        st.sc[S_SNAPOVF] = 1
        return
    st.snap_off[step] = off
    # a keyframe every cfg[CF_KEYFRAME] steps, and not before the deltas since the last one take
    # as much room as it did (with 1000 goroutines a keyframe is large, deltas are small)
    # (keyframe 1, a test setting: a keyframe at every step)
    key = step == 0 or ((step - st.sc[S_KEYSTEP]) >= cfg[CF_KEYFRAME]
                        and (cfg[CF_KEYFRAME] == 1 or off - st.sc[S_KEYOFF] >= 2 * st.sc[S_KEYLEN]))
    if key:
        st.sc[S_KEYSTEP] = step
        st.sc[S_KEYOFF] = off
    snap[off] = t
    snap[off + 1] = 1 if key else 0
    cnt_at = off + 2
    st.sc[S_SNAPLEN] = off + 3
    # the counts and sysmon's state: a record of their own (REC_HDR, id 0), written when they
    # change (they were 10 of the 35 words a step took with 10 goroutines)
    sc = st.scratch
    sc[0] = ng
    sc[1] = st.sc[S_NPROCS]
    sc[2] = st.sc[S_NCHAN]
    sc[3] = st.sc[S_NCTX]
    sc[4] = st.sc[S_NOUT]
    sc[5] = st.sc[S_SM_NEXT]
    sc[6] = st.sc[S_SM_DELAY]
    sc[7] = st.sc[S_SM_IDLE]
    sc[8] = st.sc[S_SM_DEEP]
    nrec = put_rec(st, REC_HDR, 0, 9, key)
    # the Ps that were ever in use (not all cfg[CF_MAX_P] = 8 at every step): a P removed by
    # GOMAXPROCS stays in the range, so its last record says it is gone
    phigh = st.sc[S_PHIGH]
    if st.sc[S_NPROCS] > phigh:
        phigh = st.sc[S_NPROCS]
        st.sc[S_PHIGH] = phigh
    if key:
        for gid in range(1, ng + 1):
            k = build_g(st, cfg, prog, gid, st.scratch)
            nrec += put_rec(st, REC_G, gid, k, key)
    else:
        for i in range(st.sc[S_NDIRTY]):
            gid = dirtyg(st)[i]
            k = build_g(st, cfg, prog, gid, st.scratch)
            nrec += put_rec(st, REC_G, gid, k, key)
        for pid in range(phigh):
            gid = P[P_CURG, pid]
            if gid > 0 and G[G_DIRTY, gid] == 0:
                k = build_g(st, cfg, prog, gid, st.scratch)
                nrec += put_rec(st, REC_G, gid, k, key)
        if cfg[CF_CHECK_DELTA] != 0:
            for gid in range(1, ng + 1):
                if G[G_DIRTY, gid] != 0:
                    continue
                running = False
                for pid in range(phigh):
                    if P[P_CURG, pid] == gid:
                        running = True
                if running:
                    continue
                k = build_g(st, cfg, prog, gid, st.scratch)
                if not same_as_last(st, REC_G, gid, k):
                    st.sc[S_DELTA_ERR] += 1
    for i in range(st.sc[S_NDIRTY]):
        G[G_DIRTY, dirtyg(st)[i]] = 0
    st.sc[S_NDIRTY] = 0
    for pid in range(phigh):
        k = build_p(st, cfg, pid, st.scratch)
        nrec += put_rec(st, REC_P, pid, k, key)
        # its queues: the ring's (head, tail) only grow, and P_TVER moves with every change of
        # the timer heap, so the three say whether the record can have changed
        tv = P[P_TVER, pid]
        qh = P[P_RQH, pid]
        qt = P[P_RQT, pid]
        if (key or tv != P[P_TVREC, pid]
                or qh != P[P_QRECH, pid]
                or qt != P[P_QRECT, pid]):
            k = build_pq(st, pid, qh if key else P[P_QRECT, pid],
                         st.scratch)
            nrec += put_rec(st, REC_PQ, pid, k, key)
            P[P_TVREC, pid] = tv
            P[P_QRECH, pid] = qh
            P[P_QRECT, pid] = qt
    # timers: at a keyframe every timer in a heap, else the dirty ones (a removed timer's record
    # says P -1)
    if key:
        for tid in range(1, st.sc[S_NTIMER] + 1):
            if TM[TM_P, tid] >= 0:
                k = build_tm(st, tid, st.scratch)
                nrec += put_rec(st, REC_TM, tid, k, key)
    else:
        for i in range(st.sc[S_NTDIRTY]):
            tid = dirtyt(st)[i]
            k = build_tm(st, tid, st.scratch)
            nrec += put_rec(st, REC_TM, tid, k, key)
        if cfg[CF_CHECK_DELTA] != 0:
            for tid in range(1, st.sc[S_NTIMER] + 1):
                if (TM[TM_DIRTY, tid] == 0
                        and TM[TM_P, tid] >= 0):
                    k = build_tm(st, tid, st.scratch)
                    if not same_as_last(st, REC_TM, tid, k):
                        st.sc[S_DELTA_ERR] += 1
    for i in range(st.sc[S_NTDIRTY]):
        TM[TM_DIRTY, dirtyt(st)[i]] = 0
    st.sc[S_NTDIRTY] = 0
    if key or st.sc[S_GQH] != st.sc[S_GQRECH] or st.sc[S_GQT] != st.sc[S_GQRECT]:
        # (globrunqputhead moves the head back: then the entries before the old head are new)
        full = key or st.sc[S_GQH] < st.sc[S_GQRECH]
        k = build_gq(st, st.sc[S_GQH] if full else st.sc[S_GQRECT], st.scratch)
        nrec += put_rec(st, REC_GQ, 0, k, key)
        st.sc[S_GQRECH] = st.sc[S_GQH]
        st.sc[S_GQRECT] = st.sc[S_GQT]
    # channels and contexts: only the marked ones (cmark, xmark) between keyframes; a channel
    # with 1000 blocked senders was rebuilt and compared, 1000 words, at every step
    for cid in range(1, st.sc[S_NCHAN] + 1):
        nrec += put_marked(st, cfg, REC_CHAN, cid, C[C_DIRTY], key)
    for xid in range(1, st.sc[S_NCTX] + 1):
        nrec += put_marked(st, cfg, REC_CTX, xid, X[X_DIRTY], key)
    snap[cnt_at] = nrec
    if key:
        st.sc[S_KEYLEN] = st.sc[S_SNAPLEN] - off


@inlined
def emit(st, cfg, prog, kind, gid, pid, ot, oid, a, b, t):
    """Count one step and, when recording, record it (emit_record). Called at every step, so it is
    inlined where it is called (core/jit.py, `inlined`): a run that does not record makes no call."""
    i = st.sc[S_NSTEPS]
    st.sc[S_NSTEPS] = i + 1
    if cfg[CF_RECORD] != 0 and st.sc[S_SNAPOVF] == 0:
        emit_record(st, cfg, prog, i, kind, gid, pid, ot, oid, a, b, t)
    if i + 1 >= cfg[CF_MAX_STEPS] and st.sc[S_END] == END_RUNNING:
        st.sc[S_END] = END_STEPLIMIT
        st.sc[S_ENDT] = t


@kernel
def emit_record(st, cfg, prog, i, kind, gid, pid, ot, oid, a, b, t):
    """Record step i: its event row and its snapshot, or mark the buffers full."""
    if i < st.o[N_EV] and i + 1 < st.snap_off.shape[0]:
        e = st.ev
        k = i * 8
        e[k] = kind
        e[k + 1] = gid
        e[k + 2] = pid
        e[k + 3] = ot
        e[k + 4] = oid
        e[k + 5] = a
        e[k + 6] = b
        e[k + 7] = t
        gmark(st, gid)
        snapshot(st, cfg, prog, i, t)
        st.sc[S_NEVT] = i + 1
    else:
        st.sc[S_SNAPOVF] = 1
