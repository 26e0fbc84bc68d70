"""Kernels against slow, obvious Python references: the run queue ring with runnext and the
global queue (runqput/runqputslow/runqget/globrunqget), and the per-P timer heap."""
import collections
import random

import numpy as np

from gostep.core import defs as D
from gostep.core import queues


def _state(**kw):
    cfg = D.Cfg(**kw)
    st = D.new_state(cfg, 1)
    st.sc[D.S_NPROCS] = 1
    for k in ("p_runnext", "p_rqh", "p_rqt", "p_thn"):
        D.field(st, k)[:] = 0
    return cfg, st


class RefQueues:
    """Go's proc.go run queues, written the obvious way."""

    def __init__(self, size):
        self.size, self.runnext, self.local, self.glob = size, 0, collections.deque(), collections.deque()

    def put_tail(self, g):
        if len(self.local) < self.size:
            self.local.append(g)
            return
        n = len(self.local) // 2
        for _ in range(n):
            self.glob.append(self.local.popleft())
        self.glob.append(g)

    def put(self, g, nxt):
        if nxt:
            old, self.runnext = self.runnext, g
            if not old:
                return
            g = old
        self.put_tail(g)

    def get(self):
        if self.runnext:
            g, self.runnext = self.runnext, 0
            return g, 1
        return (self.local.popleft(), 0) if self.local else (0, 0)

    def globget(self, mx, nprocs=1):
        sz = len(self.glob)
        if not sz:
            return 0
        n = min(sz, sz // nprocs + 1)
        if mx > 0:
            n = min(n, mx)
        n = min(n, self.size // 2)
        g = self.glob.popleft()
        for _ in range(n - 1):
            self.put_tail(self.glob.popleft())
        return g


def _local(st):
    h, t = int(D.field(st, "p_rqh")[0]), int(D.field(st, "p_rqt")[0])
    ring = D.table(st, "RUNQ")[0]
    return [int(ring[i % ring.size]) for i in range(h, t)]


def _glob(st):
    h, t = int(st.sc[D.S_GQH]), int(st.sc[D.S_GQT])
    gq = D.field(st, "gq")
    return [int(gq[i % gq.size]) for i in range(h, t)]


def test_run_queues_match_reference_on_random_operations():
    """Random runqput/runqget/globrunqget sequences leave the same queues as the reference."""
    rng = random.Random(1)
    cfg, st = _state(runq_size=8, max_g=200)
    ref = RefQueues(8)
    nxt_g = 1
    for step in range(600):
        r = rng.random()
        if r < 0.5:
            nxt = rng.random() < 0.4
            queues.runqput(st, 0, nxt_g, nxt)
            ref.put(nxt_g, nxt)
            nxt_g += 1
        elif r < 0.8:
            got = queues.runqget(st, 0)
            assert tuple(int(x) for x in got) == ref.get(), step
        else:
            mx = rng.choice([0, 1])
            assert queues.globrunqget(st, 0, mx) == ref.globget(mx), step
        assert int(D.field(st, "p_runnext")[0]) == ref.runnext
        assert _local(st) == list(ref.local), step
        assert _glob(st) == list(ref.glob), step


def test_timer_heap_pops_in_when_then_seq_order():
    """The timer heap returns timers by (when, seq) after random adds and removals."""
    rng = random.Random(2)
    cfg, st = _state(max_timers=300)
    when, seq, tp = D.field(st, "tm_when"), D.field(st, "tm_seq"), D.field(st, "tm_p")
    live = {}
    for tid in range(1, 201):
        when[tid] = rng.randrange(0, 50)
        seq[tid] = tid
        queues.theap_push(st, 0, tid)
        live[tid] = (int(when[tid]), tid)
        if rng.random() < 0.3:
            victim = rng.choice(sorted(live))
            queues.theap_remove(st, victim)
            del live[victim]
            assert tp[victim] == -1
    order = []
    while True:
        tid = queues.theap_min(st, 0)
        if tid == 0:
            break
        order.append(int(tid))
        queues.theap_remove(st, tid)
    assert order == [t for _, t in sorted((v, t) for t, v in live.items())]


def test_rng_is_uniform_enough():
    """rng_n draws every value of a small range with roughly equal frequency."""
    cfg, st = _state()
    st.sc[D.S_RNG] = 12345
    counts = np.bincount([queues.rng_n(st, 3) for _ in range(3000)], minlength=3)
    assert counts.min() > 850, counts
