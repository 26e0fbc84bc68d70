"""The records of a snapshot: what each runtime object's record holds (record.py writes them).

Each build_* writes one object's record into `out` and returns its length: a G (status, wait
reason and object, P, function, the innermost G_LINES frame lines, ...), a P, a P's run queue and
timer heap (build_pq, only the entries put since its last record), the global run queue (build_gq),
a timer, a channel, a channel's send or receive queue (build_wq, as an edit of its last record) and
a context. trace/trace.py decodes them; record.py decides when each is written."""
from __future__ import annotations

from gostep.core.jit import kernel
from gostep.core.layout import (  # the tables' row indices (layout.py)
    C_BASE, C_CAP, C_CLOSED, C_CNT, C_HEAD, C_RQB, C_RQH, C_RQN, C_RQRN, C_RQT, C_SITE, C_SQB,
    C_SQH, C_SQN, C_SQRN, C_SQT, C_TIMER, FR_RET, G_BY, G_FN, G_NFR, G_P, G_PC, G_PREEMPT,
    G_STATUS, G_WAIT, G_WAITOBJ, H_CBUF, H_GQ, PG_NCODE, PG_POS, P_CLOCK, P_CURG, P_PHASE, P_RQH,
    P_RQT, P_RUNNEXT, P_SCHEDTICK, P_SPINNING, P_STATUS, P_THN, SG_G, SG_NEXT, SG_PREV, SG_RPOS,
    TM_ARG, TM_KIND, TM_P, TM_WHEN, X_ATTACHED, X_CAUSE, X_DEADLINE, X_DONE, X_ERR, X_KIND,
    X_PARENT, X_TIMER
)

from gostep.core.defs import G_WAITING, S_GQH, S_GQT
from gostep.core.tables import ctab, frtab, gtab, htab, ptab, runqtab, sgtab, tmtab, xtab

G_LINES = 8   # frame lines kept per G in a snapshot (innermost first)


@kernel
def build_g(st, cfg, prog, gid, out):
    """Write G gid's record into out; return its length."""
    FR = frtab(st)
    G = gtab(st)
    out[0] = G[G_STATUS, gid]
    out[1] = G[G_WAIT, gid]
    out[2] = G[G_WAITOBJ, gid]
    out[3] = G[G_P, gid]
    out[4] = G[G_PREEMPT, gid]
    out[5] = G[G_BY, gid]
    out[6] = G[G_FN, gid]
    nfr = G[G_NFR, gid]
    k = nfr if nfr < G_LINES else G_LINES
    out[7] = k
    n = 8
    for j in range(k):
        d = nfr - 1 - j
        if j == 0:
            pc = G[G_PC, gid]
            if out[0] == G_WAITING and pc > 0:
                # a parked G's pc is already past the blocking instruction (it resumes there);
                # its line is the blocking one, as Go's traceback shows it ("[chan send]" at the send)
                pc -= 1
        else:
            pc = FR[FR_RET, gid, d + 1] - 1
        if pc >= 0 and pc < prog[PG_NCODE]:
            out[n] = prog[prog[PG_POS] + (pc) * 2 + 0]
        else:
            out[n] = 0
        n += 1
    return n


@kernel
def build_p(st, cfg, pid, out):
    P = ptab(st)
    out[0] = P[P_STATUS, pid]
    out[1] = P[P_PHASE, pid]
    out[2] = P[P_CURG, pid]
    out[3] = P[P_RUNNEXT, pid]
    out[4] = P[P_SCHEDTICK, pid]
    out[5] = P[P_SPINNING, pid]
    out[6] = P[P_CLOCK, pid]
    return 7


@kernel
def build_pq(st, pid, start, out):
    """P pid's queues as their own record (REC_PQ): the local run queue, then the timer heap's
    size, as [head, tail, start, runq[start:tail]..., heap size]. They change far less often than
    the P record (its clock moves at every step) and can hold hundreds of entries, so between
    keyframes the record carries only the entries put since the last one (start = that record's
    tail, or head when the ring was emptied past it): a ring's head and tail only grow and a slot
    is written only by runqput, so the entries in [head, old tail) are the ones already recorded.
    A keyframe passes start = head (the whole ring)."""
    P = ptab(st)
    RQ = runqtab(st)
    h = P[P_RQH, pid]
    t = P[P_RQT, pid]
    if start < h:
        start = h
    out[0] = h
    out[1] = t
    out[2] = start
    n = 3
    rs = RQ.shape[1]
    for i in range(start, t):
        out[n] = RQ[pid, i % rs]
        n += 1
    nt = P[P_THN, pid]
    out[n] = nt
    return n + 1


@kernel
def build_tm(st, tid, out):
    """Timer tid (REC_TM): the P whose heap holds it (-1: in none), when, kind, arg."""
    TM = tmtab(st)
    out[0] = TM[TM_P, tid]
    out[1] = TM[TM_WHEN, tid]
    out[2] = TM[TM_KIND, tid]
    out[3] = TM[TM_ARG, tid]
    return 4


@kernel
def build_gq(st, start, out):
    """The global run queue as a record (REC_GQ, id 0): [head, tail, start, gq[start:tail]...],
    entries since the last record only, as build_pq (globrunqput appends, globrunq_pop takes the
    head; globrunqputhead, which moves the head back, gets a whole record: snapshot)."""
    H = htab(st)
    h = st.sc[S_GQH]
    t = st.sc[S_GQT]
    if start < h:
        start = h
    out[0] = h
    out[1] = t
    out[2] = start
    n = 3
    gl = H.shape[1]
    for i in range(start, t):
        out[n] = H[H_GQ, i % gl]
        n += 1
    return n


@kernel
def build_chan(st, cid, out):
    """Channel cid (REC_CHAN): cap, count, closed, timer channel, the site that made it (C_SITE:
    the trace reads its name and element type there), the buffered values. Its wait queues are
    records of their own (build_wq)."""
    C = ctab(st)
    H = htab(st)
    out[0] = C[C_CAP, cid]
    out[1] = C[C_CNT, cid]
    out[2] = C[C_CLOSED, cid]
    out[3] = C[C_TIMER, cid]
    out[4] = C[C_SITE, cid]
    n = 5
    cap = C[C_CAP, cid]
    for i in range(C[C_CNT, cid]):
        out[n] = H[H_CBUF, C[C_BASE, cid] + (C[C_HEAD, cid] + i) % cap]
        n += 1
    return n


@kernel
def build_wq(st, cid, dr, key, out):
    """Channel cid's send (dr 0) or receive (dr 1) queue (REC_WQ, id 2 * cid + dr) as an edit of
    its last record: [old length, k, k removed indices (into the old list), the Gs enqueued
    since...]; old length 0 means "the list is the Gs that follow" (keyframes, or a queue that was
    empty). Return the length, or -1 when the queue did not change.

    A channel with 1000 blocked senders was written whole (1000 words) at every send or receive.
    waitq.enqueue only appends (chan.go; queues.enq sets SG_RPOS = -1) and dequeue / dequeueSudoG
    only remove, so the sudogs still queued from the last record come first, in their old order,
    each with a ticket SG_RPOS = its old index + C_xQB; the Gs enqueued since follow. Usually the
    survivors are a contiguous run of the old list (receives take the head; a sender whose own
    timer fired leaves the middle only now and then): then the new Gs are found from the tail, the
    removed indices from the first and last survivor's tickets and the queue's length, and only
    the new sudogs get tickets (C_xQB moves instead of renumbering the survivors), so a record
    costs the Gs it names, not the queue's length. Otherwise the queue is walked and renumbered."""
    C = ctab(st)
    SG = sgtab(st)
    hf = C_SQH if dr == 0 else C_RQH
    tf = C_SQT if dr == 0 else C_RQT
    qnf = C_SQN if dr == 0 else C_RQN
    nf = C_SQRN if dr == 0 else C_RQRN
    bf = C_SQB if dr == 0 else C_RQB
    old = C[nf, cid]
    base = C[bf, cid]
    n = C[qnf, cid]
    head = C[hf, cid]
    if not key:
        k = 0
        s = C[tf, cid]
        while s >= 0 and SG[SG_RPOS, s] < 0:
            k += 1
            s = SG[SG_PREV, s]
        last_old = s
        surv = n - k
        fast = True
        r0 = old
        rl = old - 1
        if surv > 0:
            th = SG[SG_RPOS, head]
            r0 = th - base
            rl = SG[SG_RPOS, last_old] - base
            fast = th >= 0 and rl - r0 + 1 == surv and r0 >= 0 and rl < old
        if fast:
            o = 2
            for i in range(r0):
                out[o] = i
                o += 1
            for i in range(rl + 1, old):
                out[o] = i
                o += 1
            nrem = o - 2
            if nrem == 0 and k == 0:
                return -1
            newbase = base + r0
            tk = newbase + surv
            s = head if last_old < 0 else SG[SG_NEXT, last_old]
            while s >= 0:
                out[o] = SG[SG_G, s]
                SG[SG_RPOS, s] = tk
                tk += 1
                o += 1
                s = SG[SG_NEXT, s]
            out[0] = old
            out[1] = nrem
            C[bf, cid] = newbase
            C[nf, cid] = n
            return o
    # the slow way: walk the queue (a keyframe writes it whole)
    full = key
    o = 2
    nrem = 0
    for attempt in range(2):
        s = head
        o = 2
        nxt = 0
        if not full:
            while s >= 0:
                r = SG[SG_RPOS, s]
                if r < 0:
                    break
                r -= base
                while nxt < r:
                    out[o] = nxt
                    o += 1
                    nxt += 1
                nxt = r + 1
                s = SG[SG_NEXT, s]
            while nxt < old:
                out[o] = nxt
                o += 1
                nxt += 1
        nrem = o - 2
        ok = True
        while s >= 0:
            if not full and SG[SG_RPOS, s] >= 0:
                ok = False      # a recorded sudog after a new one: write the queue whole
                break
            out[o] = SG[SG_G, s]
            o += 1
            s = SG[SG_NEXT, s]
        if ok:
            break
        full = True
    if not full and o == 2:
        return -1
    out[0] = 0 if full else old
    out[1] = nrem
    s = head
    i = 0
    while s >= 0:
        SG[SG_RPOS, s] = i
        i += 1
        s = SG[SG_NEXT, s]
    C[nf, cid] = i
    C[bf, cid] = 0
    return o


@kernel
def build_ctx(st, xid, out):
    X = xtab(st)
    out[0] = X[X_PARENT, xid]
    out[1] = X[X_KIND, xid]
    out[2] = X[X_DONE, xid]
    out[3] = X[X_ERR, xid]
    out[4] = X[X_CAUSE, xid]
    out[5] = X[X_DEADLINE, xid]
    out[6] = X[X_ATTACHED, xid]
    out[7] = X[X_TIMER, xid]
    return 8
