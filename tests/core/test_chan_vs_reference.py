"""Channel kernels against a slow, obvious Python reference: chansend, chanrecv, closechan and
selectgo (core/select.py) on random sequences of operations, the state compared after every one;
and selectgo's random pick among ready cases (uniform over seeds) and its park on every case.

The harness plays the part of the scheduler: it picks a goroutine that is not parked, clears what
the last wake-up left on its stack, and makes it run one operation. What is compared after each
operation: the kernel's result (done, parked, panic code), each channel's buffer, closed flag,
receive queue and send queue (which goroutine, which value, which select case), each goroutine's
status and wait reason, the values delivered onto its stack (x [ok], or a select's case, x, ok),
whether it will panic on resume (a sender woken by close), and the order in which the operation
readied goroutines (read from P0's run queue: goready puts each in runnext, kicking the previous
one to the tail of the local queue).
"""
from __future__ import annotations

import collections
import random

import pytest

from gostep.core import chan, defs as D, heap, proc, select
from gostep.front import parse

pytestmark = pytest.mark.slow      # the first call of each kernel from Python compiles it (~20 s)

SEND, RECV = 1, 2                  # a select case's direction, as the compiler pushes it


# ---- the reference --------------------------------------------------------------------------


class RefG:
    def __init__(self):
        self.status, self.wait = D.G_RUNNING, D.WR_NONE
        self.stack: list = []      # values delivered onto the stack since it last ran
        self.panic = 0             # RT_SEND_CLOSED: woken by close while sending
        self.cases: list = []      # a parked select's waiters: (chan, queue entry)


class RefChan:
    def __init__(self, cap):
        self.cap, self.buf, self.closed = cap, collections.deque(), False
        self.recvq: collections.deque = collections.deque()   # entries [gid, select case or -1, withok]
        self.sendq: collections.deque = collections.deque()   # entries [gid, select case or -1, value]


class Ref:
    """chan.go and select.go (Go 1.27) written the obvious way, on Python lists."""

    def __init__(self, caps, ngs):
        self.ch = {c: RefChan(cap) for c, cap in caps.items()}
        self.g = {g: RefG() for g in range(1, ngs + 1)}
        self.readied: list = []
        self.nchoices = 0          # random decisions taken (selects with several ready cases)

    # -- waking ------------------------------------------------------------------------------
    def _ready(self, gid):
        g = self.g[gid]
        g.status, g.wait = D.G_RUNNABLE, D.WR_NONE
        self.readied.append(gid)

    def _unpark_select(self, gid):
        """selectgo pass 3: the woken select leaves every other channel's queue."""
        for c, entry in self.g[gid].cases:
            for q in (self.ch[c].recvq, self.ch[c].sendq):
                if any(e is entry for e in q):
                    q.remove(entry)
        self.g[gid].cases = []

    def _deliver_recv(self, entry, v, ok):
        gid, case, withok = entry
        if case >= 0:
            self._unpark_select(gid)
            self.g[gid].stack += [case, v, ok]
        else:
            self.g[gid].stack += [v, ok] if withok else [v]
        self._ready(gid)

    def _wake_sender(self, entry, closed):
        gid, case, _ = entry
        if case >= 0:
            self._unpark_select(gid)
            self.g[gid].stack += [case, 0, 1]
        if closed:
            self.g[gid].panic = D.RT_SEND_CLOSED
        self._ready(gid)

    # -- the operations ------------------------------------------------------------------------
    def _send_ready(self, c):
        ch = self.ch[c]
        return ch.closed or bool(ch.recvq) or len(ch.buf) < ch.cap

    def _recv_ready(self, c):
        ch = self.ch[c]
        return bool(ch.sendq) or bool(ch.buf) or ch.closed

    def _send_now(self, c, v):
        ch = self.ch[c]
        if ch.recvq:
            self._deliver_recv(ch.recvq.popleft(), v, 1)
        else:
            ch.buf.append(v)

    def _recv_now(self, c):
        ch = self.ch[c]
        if ch.sendq:
            entry = ch.sendq.popleft()
            if ch.cap == 0:
                v = entry[2]
            else:                        # the head of the full buffer; the sender's value to its tail
                v = ch.buf.popleft()
                ch.buf.append(entry[2])
            self._wake_sender(entry, False)
            return v, 1
        if ch.buf:
            return ch.buf.popleft(), 1
        return 0, 0

    def _park(self, gid, reason):
        self.g[gid].status, self.g[gid].wait = D.G_WAITING, reason

    def send(self, gid, c, v):
        if c == 0:
            self._park(gid, D.WR_CHAN_SEND_NIL)
            return (chan.R_PARKED, 0)
        if self.ch[c].closed:
            return (chan.R_PANIC, D.RT_SEND_CLOSED)
        if self._send_ready(c):
            self._send_now(c, v)
            return (chan.R_DONE, 0)
        self.ch[c].sendq.append([gid, -1, v])
        self._park(gid, D.WR_CHAN_SEND)
        return (chan.R_PARKED, 0)

    def recv(self, gid, c, withok):
        if c == 0:
            self._park(gid, D.WR_CHAN_RECV_NIL)
            return chan.R_PARKED
        if self._recv_ready(c):
            v, ok = self._recv_now(c)
            self.g[gid].stack += [v, ok] if withok else [v]
            return chan.R_DONE
        self.ch[c].recvq.append([gid, -1, withok])
        self._park(gid, D.WR_CHAN_RECV)
        return chan.R_PARKED

    def close(self, gid, c):
        if c == 0:
            return (chan.R_PANIC, D.RT_CLOSE_NIL)
        ch = self.ch[c]
        if ch.closed:
            return (chan.R_PANIC, D.RT_CLOSE_CLOSED)
        ch.closed = True
        # closechan gathers every waiter on a gList (receivers, then senders) and readies them by
        # popping it: last gathered first. A select already woken by an earlier one is skipped.
        gathered = [(e, True) for e in ch.recvq] + [(e, False) for e in ch.sendq]
        for entry, is_recv in reversed(gathered):
            if self.g[entry[0]].status != D.G_WAITING:
                continue
            (ch.recvq if is_recv else ch.sendq).remove(entry)
            if is_recv:
                self._deliver_recv(entry, 0, 0)
            else:
                self._wake_sender(entry, True)
        return (chan.R_DONE, 0)

    def select(self, gid, cases, dflt, pick):
        """cases: [(dir, chan, value)]; pick(n) -> index among the n ready cases."""
        ready = [i for i, (d, c, _) in enumerate(cases)
                 if c != 0 and (self._send_ready(c) if d == SEND else self._recv_ready(c))]
        if ready:
            i = ready[pick(len(ready)) if len(ready) > 1 else 0]
            d, c, x = cases[i]
            if d == SEND:
                if self.ch[c].closed:
                    return (chan.R_PANIC, D.RT_SEND_CLOSED)
                self._send_now(c, x)
                self.g[gid].stack += [i, 0, 1]
            else:
                v, ok = self._recv_now(c)
                self.g[gid].stack += [i, v, ok]
            return (chan.R_DONE, 0)
        if dflt:
            self.g[gid].stack += [-1, 0, 0]
            return (chan.R_DONE, 0)
        if not cases:
            self._park(gid, D.WR_SELECT_NOCASES)
            return (chan.R_PARKED, 0)
        # pass 2: a waiter on every channel; the model enqueues from the last case to the first
        # (Go: in lock order, by channel address)
        for i in range(len(cases) - 1, -1, -1):
            d, c, x = cases[i]
            if c == 0:
                continue
            entry = [gid, i, x] if d == SEND else [gid, i, 1]
            (self.ch[c].sendq if d == SEND else self.ch[c].recvq).append(entry)
            self.g[gid].cases.append((c, entry))
        self._park(gid, D.WR_SELECT)
        return (chan.R_PARKED, 0)


# ---- the kernels' side ----------------------------------------------------------------------

_PROG = None


def _prog():
    global _PROG
    if _PROG is None:
        prog = parse("package main\n\nfunc main() {}\n", name="ref.go")
        _PROG = D.prog_arrays(prog), int(prog.n_globals)
    return _PROG


class Kernels:
    """A State with channels of the given capacities and `ngs` goroutines, all running on P0."""

    def __init__(self, caps, ngs, choices=None):
        pa, nglob = _prog()
        self.pa = pa
        self.cfg = D.Cfg(record=0, max_g=ngs + 2, max_chan=len(caps) + 2, chan_heap=64,
                         max_sudog=512, stack=256, sysmon=0)
        self.ca = D.cfg_array(self.cfg)
        self.st = D.new_state(self.cfg, nglob, choices)
        self.st.sc[D.S_NPROCS] = 1
        D.field(self.st, "p_status")[0] = D.P_RUNNING
        self.chans = {heap.chan_new(self.st, cap, 0): cap for cap in caps}
        assert sorted(self.chans) == list(range(1, len(caps) + 1))
        self.gs = [proc.g_new(self.st, self.ca, pa, 0, 0, 0) for _ in range(ngs)]
        assert self.gs == list(range(1, ngs + 1))
        self.base = {g: int(D.field(self.st, "g_sp")[g]) for g in self.gs}
        for g in self.gs:
            D.field(self.st, "g_status")[g] = D.G_RUNNING

    def resume(self, g):
        """The G runs again: what the wake-up left on its stack has been consumed."""
        D.field(self.st, "g_status")[g] = D.G_RUNNING
        D.field(self.st, "g_sp")[g] = self.base[g]
        D.field(self.st, "g_wake")[g] = 0

    def select(self, g, cases, dflt):
        sp = int(D.field(self.st, "g_sp")[g])
        stk = D.table(self.st, "GSTK")[g]
        for k, (d, c, x) in enumerate(cases):
            stk[sp + 3 * k: sp + 3 * k + 3] = (d, c, x)
        D.field(self.st, "g_sp")[g] = sp + 3 * len(cases)
        return tuple(int(x) for x in select.selectgo(self.st, self.ca, self.pa, g, 0, len(cases), dflt, 0))

    def drain_readied(self):
        """P0's run queue, runnext first, emptied."""
        st = self.st
        out = []
        nxt = int(D.field(st, "p_runnext")[0])
        if nxt:
            out.append(nxt)
        h, t = int(D.field(st, "p_rqh")[0]), int(D.field(st, "p_rqt")[0])
        ring = D.table(st, "RUNQ")[0]
        out += [int(ring[i % ring.size]) for i in range(h, t)]
        D.field(st, "p_runnext")[0] = 0
        D.field(st, "p_rqh")[0] = D.field(st, "p_rqt")[0] = 0
        assert int(st.sc[D.S_GQT]) == int(st.sc[D.S_GQH]), "nothing spills to the global queue"
        return out

    def queue(self, c, head_field):
        """The sudogs of one wait queue, head to tail, as the reference's entries."""
        st = self.st
        sg = {k: D.field(st, f"sg_{k}") for k in ("g", "val", "case", "dir", "next")}
        out, s = [], int(D.field(st, head_field)[c])
        while s >= 0:
            d = int(sg["dir"][s])
            select = d in (chan.SG_SELSEND, chan.SG_SELRECV)
            case = int(sg["case"][s]) if select else -1
            third = int(sg["val"][s]) if d in (chan.SG_SEND, chan.SG_SELSEND) else (1 if select else int(sg["case"][s]))
            out.append([int(sg["g"][s]), case, third])
            s = int(sg["next"][s])
        return out

    def chan_state(self, c):
        st = self.st
        cap, cnt = int(D.field(st, "c_cap")[c]), int(D.field(st, "c_cnt")[c])
        head, base = int(D.field(st, "c_head")[c]), int(D.field(st, "c_base")[c])
        cbuf = D.field(st, "cbuf")
        buf = [int(cbuf[base + (head + i) % cap]) for i in range(cnt)]
        rq, sq = self.queue(c, "c_rqh"), self.queue(c, "c_sqh")
        assert int(D.field(st, "c_rqn")[c]) == len(rq) and int(D.field(st, "c_sqn")[c]) == len(sq)
        return (buf, bool(D.field(st, "c_closed")[c]), rq, sq)

    def g_state(self, g):
        st = self.st
        sp = int(D.field(st, "g_sp")[g])
        stack = [int(x) for x in D.table(st, "GSTK")[g][self.base[g]:sp]]
        return (int(D.field(st, "g_status")[g]), int(D.field(st, "g_wait")[g]), stack,
                int(D.field(st, "g_wake")[g]))


def _ref_chan_state(ref, c):
    ch = ref.ch[c]
    return (list(ch.buf), ch.closed, [list(e) for e in ch.recvq], [list(e) for e in ch.sendq])


def _ref_g_state(ref, g):
    rg = ref.g[g]
    return (rg.status, rg.wait, list(rg.stack), rg.panic)


def _expected_runq(readied):
    """goready's runqput(next=true) for each G in turn: the last in runnext, the others queued."""
    return readied[-1:] + readied[:-1]


def _compare(k, ref, where):
    for c in k.chans:
        assert k.chan_state(c) == _ref_chan_state(ref, c), f"{where}: channel {c}"
    for g in k.gs:
        assert k.g_state(g) == _ref_g_state(ref, g), f"{where}: goroutine {g}"
    assert k.drain_readied() == _expected_runq(ref.readied), f"{where}: readied"
    ref.readied = []


# ---- differential tests ---------------------------------------------------------------------


def _random_ops(seed, nops, caps, ngs, with_select):
    rng = random.Random(seed)
    choices = [rng.randrange(1 << 20) for _ in range(nops)]
    k = Kernels(caps, ngs, choices)
    ref = Ref(k.chans, ngs)
    taken = iter(choices)
    nchan = len(caps)
    value, ops = 100, 0
    for step in range(nops):
        free = [g for g in k.gs if ref.g[g].status != D.G_WAITING]
        if not free:
            break
        g = rng.choice(free)
        k.resume(g)
        ref.g[g].status, ref.g[g].stack, ref.g[g].panic = D.G_RUNNING, [], 0
        c = rng.randrange(1, nchan + 1) if rng.random() > 0.03 else 0     # now and then a nil channel
        r = rng.random()
        value += 1
        where = f"seed {seed} step {step}"
        if r < 0.4:
            got = tuple(int(x) for x in chan.chansend(k.st, k.ca, k.pa, g, 0, c, value, 0))
            want = ref.send(g, c, value)
            where += f": G{g} sends {value} on c{c}"
        elif r < 0.75:
            withok = rng.randrange(2)
            got = int(chan.chanrecv(k.st, k.ca, k.pa, g, 0, c, withok, 0))
            want = ref.recv(g, c, withok)
            where += f": G{g} receives from c{c}"
        elif r < 0.8 or not with_select:
            if rng.random() < 0.7 and c != 0 and ref.ch[c].closed:
                continue                # mostly not a second close: it only panics
            got = tuple(int(x) for x in chan.closechan(k.st, k.ca, k.pa, g, 0, c, 0))
            want = ref.close(g, c)
            where += f": G{g} closes c{c}"
        else:
            n = rng.randrange(1, 4) if rng.random() > 0.03 else 0
            cases = []
            for i in range(n):
                value += 1
                cc = rng.randrange(1, nchan + 1) if rng.random() > 0.05 else 0
                cases.append((rng.choice((SEND, RECV)), cc, value))
            dflt = int(rng.random() < 0.25)
            got = k.select(g, cases, dflt)

            def pick(m):        # the kernel's choose() takes the given choices in order
                ref.nchoices += 1
                return next(taken) % m
            want = ref.select(g, cases, dflt, pick)
            where += f": G{g} selects {cases} default={dflt}"
        assert got == want, where
        _compare(k, ref, where)
        assert int(k.st.sc[D.S_NCHOICE]) == ref.nchoices, f"{where}: decisions taken"
        ops += 1
    assert int(k.st.sc[D.S_END]) == D.END_RUNNING, "no capacity ran out"
    return ops


@pytest.mark.parametrize("caps", [(0,), (1,), (3,), (0, 2)], ids=["unbuffered", "cap1", "cap3", "mixed"])
def test_send_recv_close_match_the_reference(caps):
    """Random sends, receives and closes (parked senders and receivers, nil channels, close with
    waiters) leave the same channels, goroutines and ready order as the reference, step by step."""
    ops = sum(_random_ops(seed, 160, caps, 4, with_select=False) for seed in range(8))
    assert ops > 400, "the sequences ran long enough (not all stuck early)"


@pytest.mark.parametrize("caps", [(0, 0, 1), (1, 2, 0), (0, 3)], ids=["mostly-unbuffered", "buffered", "two"])
def test_select_with_channel_operations_matches_the_reference(caps):
    """Random selects (ready or parking on every case, default, nil cases) mixed with sends,
    receives and closes match the reference after every operation, wake-ups of parked selects too."""
    ops = sum(_random_ops(100 + seed, 200, caps, 6, with_select=True) for seed in range(30))
    assert ops > 600, "the sequences ran long enough (not all stuck early)"


def _seed_rng(st, seed):
    """The select RNG seeded as a run seeds it (vm.init_run)."""
    x = ((seed & 0x7FFFFFFF) * 2654435761 + 0x9E3779B9) & 0xFFFFFFFF
    st.sc[D.S_RNG] = x if x != 0 else 2463534242


def test_select_picks_uniformly_among_ready_cases():
    """With three of four cases ready, the seeded pick takes each ready case about equally often
    over many seeds (chi-square, 2 degrees of freedom, p > 0.001) and never the case not ready."""
    k = Kernels((1, 1, 1, 1), 1)
    g = 1
    cases = [(RECV, 1, 0), (SEND, 2, 7), (RECV, 3, 0), (RECV, 4, 0)]     # case 2 is never ready
    counts = collections.Counter()
    nseeds = 3000
    for seed in range(nseeds):
        for c in (1, 4):                                  # one value waiting in c1 and in c4
            if int(D.field(k.st, "c_cnt")[c]) == 0:
                assert chan.chansend(k.st, k.ca, k.pa, g, 0, c, seed, 0)[0] == chan.R_DONE
        if int(D.field(k.st, "c_cnt")[2]):               # room in c2
            chan.chanrecv(k.st, k.ca, k.pa, g, 0, 2, 0, 0)
        k.resume(g)
        _seed_rng(k.st, seed)
        assert k.select(g, cases, 0) == (chan.R_DONE, 0)
        counts[int(D.table(k.st, "GSTK")[g][k.base[g]])] += 1
        k.resume(g)
        k.drain_readied()
    assert set(counts) == {0, 1, 3}, counts
    expected = nseeds / 3
    chi2 = sum((counts[i] - expected) ** 2 / expected for i in (0, 1, 3))
    assert chi2 < 13.82, (chi2, counts)


def test_select_parks_on_every_case_when_none_is_ready():
    """A select none of whose cases is ready (no default) parks with one waiter on every channel,
    in the right queue with its case; the first channel to fire wakes it with that case's value and
    takes its waiters off every other channel, as in the reference."""
    caps = (0, 0, 1, 1)
    k = Kernels(caps, 2)
    ref = Ref(k.chans, 2)
    assert chan.chansend(k.st, k.ca, k.pa, 2, 0, 4, 9, 0)[0] == chan.R_DONE       # c4 full
    ref.send(2, 4, 9)
    cases = [(RECV, 1, 0), (SEND, 2, 5), (RECV, 3, 0), (SEND, 4, 6)]
    assert k.select(1, cases, 0) == ref.select(1, cases, 0, None) == (chan.R_PARKED, 0)
    _compare(k, ref, "parked")
    assert int(D.field(k.st, "g_wait")[1]) == D.WR_SELECT
    for i, (d, c, x) in enumerate(cases):
        buf, closed, rq, sq = k.chan_state(c)
        assert (rq, sq) == (([[1, i, 1]], []) if d == RECV else ([], [[1, i, x]])), c
    n, s = 0, int(D.field(k.st, "g_sudogs")[1])
    while s >= 0:
        n, s = n + 1, int(D.field(k.st, "sg_glink")[s])
    assert n == len(cases), "the G holds one waiter per case"
    k.resume(2)
    assert chan.chansend(k.st, k.ca, k.pa, 2, 0, 3, 42, 0)[0] == ref.send(2, 3, 42)[0] == chan.R_DONE
    _compare(k, ref, "woken by a send on c3")
    assert k.g_state(1)[2] == [2, 42, 1]
    assert all(k.chan_state(c)[2:] == ([], []) for c in k.chans)
