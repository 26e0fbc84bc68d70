"""Constants, the run configuration and the State: the data the stepper kernels work on.

The State
=========
Everything the modelled runtime owns lives in a `State` NamedTuple of numpy arrays (STYLE.md:
free @njit(cache=True) functions over arrays; no jitclass, which can neither be cached nor
pickled). The tables live in one arena `m` (layout.py: where each starts and how wide it is); each
runtime object is a column of its table, each field a row, named after Go's structs:

    G     runtime.g   goroutines; gid = column (0 unused, main is 1, then 2, 3, ... in creation
                      order; real Go hands ids out in per-P batches of 16, _GoidCacheBatch, so only
                      GOMAXPROCS=1 ids match real Go exactly). Rows are never reused (Go reuses g
                      structs through gfput/gfget, but never their goids).
    FR    call frames of a G ([field, gid, depth]); the value stack is GSTK[gid, slot]
    P     runtime.p   runnext, schedtick, virtual clock; its run queue ring RUNQ[pid, i] and timer
                      heap TH[pid, i] are tables of their own
    C     runtime.hchan  buffer ring (in the H table's H_CBUF row), sendq/recvq as FIFO lists of
                      sudogs
    SG    runtime.sudog  a G waiting on one channel (a select waiter has one per case)
    TM    runtime.timer  when, seq, what it does, the P heap holding it
    X     context.cancelCtx / timerCtx / afterFuncCtx
    OB    sync.WaitGroup and sync.Mutex (counter or lock bit + FIFO of waiting sudogs), closures,
          boxes, slices, errors, ifaces, defer records (rows OB_*), and H the heaps of plain values.

Scalars (the clock of sysmon, counters, the RNG, the outcome) live in `sc`, indexed by S_*.

Capacities come from `Cfg` (a NamedTuple of ints, passed as an argument: numba freezes module
globals at compile time while NUMBA_DISABLE_JIT=1 reads them live, so tunables are never globals).
Overflowing a capacity ends the run with END_CAPACITY and the name of the capacity (CAP_*), never
silent corruption.

Allocation discipline: every allocator initialises the row it hands out, so starting a new run
only resets counters (this is what makes `sweep` cheap: no array is copied between runs).

Alternatives rejected: one jitclass per Go struct (not cacheable); a dict of arrays (numba typed
dicts are slow and heterogeneous dicts are impossible); Python objects (100x slower).
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

# ---- G status (runtime2.go _Gidle.._Gdead). A G's status says where it is; tests check that it
# is nowhere else.
G_IDLE = 0       # allocated, not yet started (never observable between steps here)
G_RUNNABLE = 1   # on exactly one run queue (a runnext, a local ring or the global queue)
G_RUNNING = 2    # executing on P g_p[gid]; on no run queue
G_WAITING = 3    # parked: on exactly one wait list (sendq/recvq(s), sleep timer, sync queue) or none
                 # for the forever-blocked (nil channel, select {})
G_DEAD = 4       # exited; its row stays for the trace

# ---- wait reasons (runtime2.go waitReasonStrings); the strings are in WAIT_REASONS
WR_NONE = 0
WR_CHAN_SEND = 1
WR_CHAN_RECV = 2
WR_SELECT = 3
WR_SELECT_NOCASES = 4
WR_SLEEP = 5
WR_WG = 6
WR_MUTEX = 7
WR_CHAN_SEND_NIL = 8
WR_CHAN_RECV_NIL = 9
WAIT_REASONS = ("", "chan send", "chan receive", "select", "select (no cases)", "sleep",
                "sync.WaitGroup.Wait", "sync.Mutex.Lock", "chan send (nil chan)",
                "chan receive (nil chan)")

# ---- P status (runtime2.go _Pidle, _Prunning, _Pgcstop)
P_IDLE = 0
P_RUNNING = 1
P_GCSTOP = 2

# ---- what the M bound to a P is doing (the model's own; Go spreads this over m.spinning,
# m.curg, netpoll waiters and notes)
PH_G = 0          # running p_curg
PH_SCHED = 1      # on g0: next step is a scheduling pass (schedule -> findRunnable)
PH_PARKED = 2     # P idle, its M stopped (stopm): only wakep starts it again
PH_NETPOLL = 3    # P idle, its M blocked in netpoll until p_clock (the earliest timer, rounded)
PH_WAKING = 4     # woken by wakep (startm) or netpoll: at p_clock it runs findRunnable, spinning
PH_STW = 5        # stopped for a stop-the-world (P_GCSTOP)
PH_STWWAIT = 6    # its G called runtime.GC / GOMAXPROCS and waits for the other Ps to stop
PH_DEAD = 7       # beyond GOMAXPROCS

# ---- timer kinds (what the timer function does when it fires)
TK_SLEEP = 1      # goready(gp): resetForSleep / goroutineReady
TK_DEADLINE = 2   # time.AfterFunc(d, func(){ c.cancel(...) }) of a timerCtx: goFunc -> go deadline_fn(ctx)
TK_AFTERFUNC = 3  # time.AfterFunc(d, f): goFunc -> go f()
TK_CHAN = 4       # NewTimer / After: sendTime into t.C
TIMER_KINDS = ("", "sleep", "deadline", "afterfunc", "chan")

# ---- context kinds
XK_BACKGROUND = 0
XK_TODO = 1
XK_CANCEL = 2
XK_DEADLINE = 3
XK_WITHOUTCANCEL = 4
XK_AFTERFUNC = 5
CTX_KINDS = ("background", "todo", "cancel", "deadline", "withoutcancel", "afterfunc")

# ---- run endings (sc[S_END]); END_RUNNING while the run goes on
END_RUNNING = 0
END_OK = 1
END_PANIC = 2
END_DEADLOCK = 3
END_FATAL = 4
END_HANG = 5
END_STEPLIMIT = 6
END_CAPACITY = 7
END_CHOICE = 8        # stopped before a decision (stop_at_choice); sc[S_CHOICE_N] options
END_UNSUPPORTED = 9   # an opcode or operand the stepper does not model
END_NAMES = ("running", "ok", "panic", "deadlock", "fatal", "hang", "step_limit", "capacity",
             "choice", "unsupported")

# ---- fatal errors (sc[S_END_A] when END_FATAL)
FATAL_UNLOCK = 1
FATAL_ASYNCTIMERCHAN = 2
FATAL_MESSAGES = ("", "sync: unlock of unlocked mutex",
                  'removed GODEBUG "asynctimerchan" set to old value "1" in environment '
                  '(https://go.dev/doc/godebug#go-127)')   # runtime/proc.go runtime.main, go 1.27

# ---- runtime error messages: panic values made by the VM are ifaces of type T_RUNTIME_ERROR
# (or plain string panics) whose value is -k, k % 16 an index into RT_MESSAGES (k // 16: an index
# error's index and length, slice.py op_slice; trace/gofmt.py rt_message prints them)
RT_DIVIDE = 1
RT_SEND_CLOSED = 2
RT_CLOSE_NIL = 3
RT_CLOSE_CLOSED = 4
RT_NEG_WG = 5
RT_INDEX = 6
RT_NIL_FUNC = 7
RT_MESSAGES = ("", "runtime error: integer divide by zero", "send on closed channel",
               "close of nil channel", "close of closed channel", "sync: negative WaitGroup counter",
               "runtime error: index out of range", "runtime error: invalid memory address or nil pointer dereference")

# ---- capacities (sc[S_END_A] when END_CAPACITY); names are Cfg field names
CAP_NAMES = ("", "max_g", "stack", "max_frames", "max_chan", "chan_heap", "max_sudog", "max_timers",
             "max_ctx", "max_clo", "clo_heap", "max_box", "max_slice", "heap", "max_err", "max_iface",
             "max_defer", "defer_heap", "max_sync", "max_out", "out_heap", "max_p")
(CAP_G, CAP_STACK, CAP_FRAMES, CAP_CHAN, CAP_CHANHEAP, CAP_SUDOG, CAP_TIMERS, CAP_CTX, CAP_CLO,
 CAP_CLOHEAP, CAP_BOX, CAP_SLICE, CAP_HEAP, CAP_ERR, CAP_IFACE, CAP_DEFER, CAP_DEFERHEAP, CAP_SYNC,
 CAP_OUT, CAP_OUTHEAP, CAP_P) = range(1, 22)

# ---- scalar registers sc[...]
(S_END, S_END_A, S_END_B, S_END_G, S_NSTEPS, S_NG, S_NCHAN, S_CBUF, S_NSUDOG, S_SGFREE, S_NTIMER,
 S_TSEQ, S_NCTX, S_NCLO, S_CLOHEAP, S_NBOX, S_NSLICE, S_HEAP, S_NERR, S_NIFACE, S_NDEFER,
 S_DEFHEAP, S_NSYNC, S_NOUT, S_OUTHEAP, S_GQH, S_GQT, S_RNG, S_SM_NEXT, S_SM_DELAY, S_SM_IDLE,
 S_SM_DEEP, S_NPROCS, S_GCWAIT, S_GCG, S_NSNAP, S_SNAPLEN, S_SNAPOVF, S_NCHOICE, S_CHOICE_N,
 S_CHOICE_KIND, S_MEASURE_T, S_LASTT, S_NLIVE, S_ENDT, S_NGCREATED, S_KEYSTEP, S_NEVT, S_NDIRTY,
 S_DELTA_ERR, S_NRNG, S_GQRECH, S_GQRECT, S_NTDIRTY, S_KEYOFF, S_KEYLEN, S_NEWPROCS, S_PHIGH,
 S_SM_LATE) = range(59)
# S_SM_LATE: how many sysmon wake-ups in a row the OS ran late (CH_SYSMON, os_choices)

# ---- snapshot record types (core/record.py writes them, trace/trace.py decodes them)
REC_G, REC_P, REC_CHAN, REC_CTX, REC_PQ, REC_GQ, REC_TM, REC_HDR, REC_WQ = range(9)
N_REC = 9
N_SCALARS = 59

# ---- choice kinds (decision points: every random decision of the runtime)
CH_SELECT = 1     # which ready case a select takes (index among the ready cases, in case order)
CH_STEAL = 2      # where stealWork starts its walk over the other Ps (stealOrder start)
CH_SYSMON = 3     # os_choices only: sysmon's thread wakes on time (0) or the OS runs it late (1)
#                   at a tick where retake would preempt a G (see sched.sysmon_tick)
SYSMON_LATE_NS = 10_000_000   # how late a late sysmon wake-up is (one settled sysmon period)
SYSMON_LATE_MAX = 2           # late at most this many times in a row (keeps the decision tree finite)

# ---- objects in events (ev obj type)
OB_NONE = 0
OB_CHAN = 1
OB_TIMER = 2
OB_CTX = 3
OB_SYNC = 4
OB_P = 5


class Cfg(NamedTuple):
    """Capacities and tunables of one run (all ints; virtual times in ns)."""
    max_g: int = 4096
    stack: int = 128            # value-stack slots per G
    max_frames: int = 32        # call depth per G
    max_p: int = 8
    runq_size: int = 256        # len(p.runq) in Go
    max_chan: int = 4096
    chan_heap: int = 65536
    max_sudog: int = 16384
    max_timers: int = 8192      # total timers, also the capacity of each P's heap
    max_ctx: int = 4096
    max_clo: int = 16384
    clo_heap: int = 65536
    max_box: int = 65536
    max_slice: int = 16384
    heap: int = 262144
    max_err: int = 4096
    max_iface: int = 4096
    max_defer: int = 65536
    defer_heap: int = 131072
    max_sync: int = 4096
    max_out: int = 65536
    out_heap: int = 262144
    max_steps: int = 2_000_000
    timeout_ns: int = 10_000_000_000
    gomaxprocs: int = 1
    asyncpreempt: int = 1       # 0 with GODEBUG=asyncpreemptoff=1 (and before Go 1.14)
    go_minor: int = 27          # 1.<go_minor>
    asynctimerchan: int = 0     # GODEBUG=asynctimerchan=1
    seed: int = 0
    wake_lat_ns: int = 50_000   # an idle M woken (futex / epoll) starts running this much later
    signal_lat_ns: int = 5_000  # preemptM's SIGURG reaches the thread this much later
    sysmon: int = 1             # 0: no sysmon (wasm has none; tests may switch it off)
    line_fold: int = 8          # at most this many "line" steps per G between two runtime events
    record: int = 1             # 1: write a snapshot per step; 0: count events only (sweeps)
    # recording buffers: zero pages until written (np.zeros), so a large default costs only the
    # part a run writes; a run that outgrows them is redone with more (api._run)
    snap_cap: int = 1 << 24     # int64 slots for snapshots
    ev_cap: int = 1 << 18       # events recorded
    keyframe: int = 64          # a full snapshot at most every this many steps (record.py); deltas between
    stop_at_choice: int = 0
    measure_line: int = 0       # first virtual time a G reaches this source line (sweeps)
    gc_ns: int = 100_000        # a stop-the-world GC pause
    sched_ns: int = 100         # one scheduling pass on g0 (schedule + findRunnable)
    switch_ns: int = 150        # execute: switching from g0 to the G (gogo)
    timer_ns: int = 100         # running one timer function on g0
    check_delta: int = 0        # tests: also rebuild every clean G at each snapshot and count misses
    # OS noise (docs/calibration.md; all 0: a noiseless machine, every run of a seed the same)
    os_noise_ns: int = 0        # each OS wake-up is late by Exp(mean os_noise_ns) ...
    os_slow_ns: int = 0         # ... plus, with probability os_slow_ppm / 1e6, Exp(mean os_slow_ns)
    os_slow_ppm: int = 0
    sleep_slack_ns: int = 0     # Linux timer slack on timed waits (sysmon's usleep, netpoll's epoll_wait)
    stw_ns: int = 10_000        # a stop-the-world with nothing to preempt (runtime.GOMAXPROCS(n) changing n)
    os_choices: int = 0         # 1: the OS's timing is a decision too (CH_SYSMON); 0: never asked


# Default virtual cost of each opcode in ns (perf-anchors.md §6: a goroutine switch 200-450 ns,
# a go statement ~300 ns, a channel op ~100 ns, select ~100-150 ns, WithTimeout+cancel 600-900 ns;
# simple instructions ~1 ns, as a compiled loop iteration of a few instructions takes a few ns).
def default_costs():
    from gostep.model import isa
    c = np.ones(isa.NUM_OPS, dtype=np.int64)
    for op, ns in ((isa.CALL, 2), (isa.CALLV, 3), (isa.RETURN, 1), (isa.MKCLOSURE, 20),
                   (isa.GO, 300), (isa.GOV, 300), (isa.DEFER, 2), (isa.DEFERV, 3),
                   (isa.PANIC, 200), (isa.RECOVER, 10),
                   (isa.MAKECHAN, 50), (isa.SEND, 100), (isa.RECV, 100), (isa.CLOSE, 80),
                   (isa.SELECT, 150), (isa.MAKESLICE, 30), (isa.SLICELIT, 30), (isa.APPEND, 20),
                   (isa.NEWSYNC, 10), (isa.WG_ADD, 10), (isa.WG_WAIT, 20), (isa.WG_GO, 300),
                   (isa.MU_LOCK, 20), (isa.MU_UNLOCK, 20),
                   (isa.CTX_WITHCANCEL, 300), (isa.CTX_WITHDEADLINE, 600), (isa.CTX_WITHOUTCANCEL, 50),
                   (isa.CTX_DONE, 20), (isa.CTX_ERR, 10), (isa.CTX_CAUSE, 10), (isa.CTX_AFTERFUNC, 300),
                   (isa.CTX_CANCEL, 200), (isa.SLEEP, 100), (isa.NOW, 20), (isa.TIMER_NEW, 200),
                   (isa.TIMER_C, 1), (isa.TIMER_STOP, 50), (isa.TIMER_RESET, 80), (isa.GOSCHED, 100),
                   (isa.NUMGOROUTINE, 10), (isa.GOMAXPROCS, 50), (isa.GC, 100),
                   (isa.PRINT, 2000), (isa.ERRNEW, 30), (isa.ERRIS, 5), (isa.WORK, 0), (isa.EXIT, 0)):
        c[op] = ns
    return c


def cfg_array(cfg: Cfg) -> np.ndarray:
    """The Cfg as the int64 array the kernels index with layout.CF_* (one argument instead of a
    tuple of 47 fields: numba's compile time grows with the fields of every tuple argument)."""
    return np.array(tuple(cfg), dtype=np.int64)


def prog_array(prog) -> np.ndarray:
    """The numpy part of a CompiledProgram as one int64 array (layout.PG_*): a header of offsets,
    then code (n*4), pos (n*2), the seven function tables and the print argument types (nfmt*16).
    The program's fn_maxstack (the verifier's operand-stack depths) must be filled in: the stepper
    sizes each frame's reservation from it (api.py adds it to hand-assembled programs)."""
    from gostep.core import layout as L
    if getattr(prog, "fn_maxstack", None) is None or len(prog.fn_maxstack) != len(prog.fn_entry):
        raise ValueError("the program has no operand-stack depths (fn_maxstack): pass it through "
                         "gostep.model.verify.with_stack_depths first")
    code = np.asarray(prog.code, dtype=np.int64).reshape(-1, 4)
    pos = np.asarray(prog.pos, dtype=np.int64).reshape(-1, 2)
    ft = np.zeros((max(1, len(prog.fmts)), 16), dtype=np.int64)
    for i, f in enumerate(prog.fmts):
        for k, ty in enumerate(tuple(f.arg_types)[:16]):
            ft[i, k] = ty
    parts = [code.ravel(), pos.ravel()] + [np.asarray(x, dtype=np.int64) for x in (
        prog.fn_entry, prog.fn_nparams, prog.fn_nlocals, prog.fn_nresults, prog.fn_flags,
        prog.fn_ret_pc, prog.fn_maxstack)] + [ft.ravel()]
    hdr = np.zeros(L.PG_HEADER, dtype=np.int64)
    hdr[L.PG_NCODE] = code.shape[0]
    off = L.PG_HEADER
    for k, part in zip((L.PG_CODE, L.PG_POS, L.PG_FN_ENTRY, L.PG_FN_NPARAMS, L.PG_FN_NLOCALS,
                        L.PG_FN_NRESULTS, L.PG_FN_FLAGS, L.PG_FN_RET_PC, L.PG_FN_MAXSTACK,
                        L.PG_FMT), parts):
        hdr[k] = off
        off += part.size
    hdr[L.PG_HDR] = prog.n_globals
    hdr[L.PG_HDR + 1] = prog.deadline_fn
    tr = tuple(getattr(prog, "fv_tramp", ()) or ())
    for j in range(4):
        hdr[L.PG_HDR + 2 + j] = tr[j] if j < len(tr) else -1
    return np.ascontiguousarray(np.concatenate([hdr] + parts))


prog_arrays = prog_array


class State(NamedTuple):
    """The modelled runtime: an arena `m` holding every table (offsets in `o`, layout.O_*/W_*),
    the scalars and the recording buffers. All 1-D int64 arrays: numba's compile time grows
    steeply with the number of fields of a tuple passed to every kernel (measured: a three-line
    kernel took 3 s with 21 arrays of mixed dimensions, 12 s with 120)."""
    sc: np.ndarray          # scalars, S_*
    m: np.ndarray           # the arena: G, FR, P, C, SG, TM, X, OB, H tables, value stacks, run queues,
                            # timer heaps, output records
    o: np.ndarray           # offsets and widths, layout.O_* / W_*
    ev: np.ndarray          # [ev_cap * 8]  kind, gid, pid, objtype, objid, a, b, time
    snap: np.ndarray
    snap_off: np.ndarray    # [ev_cap+1] offset of step i's snapshot
    snap_last: np.ndarray   # [N_REC * maxobj] offset of the last record of each object (delta base)
    scratch: np.ndarray
    choices: np.ndarray     # given choices (-2 in slot 0: none given)
    choice_log: np.ndarray  # [n * 3] kind, n options, taken


def _zeros(n: int) -> np.ndarray:
    """n zeroed int64s. A large array is an anonymous mmap: its pages are zero until touched.
    - The arena and the scratch area: the stepper touches few of their pages. (np.zeros of tens of
      MB after a free of the same size is a memset: glibc raises its mmap threshold to the freed
      size and serves the next one from the heap; that made a small simulate cost 5 ms.)
    - The recording buffers (ev, snap, snap_off), written front to back: np.zeros asks for
      transparent huge pages on a large array (numpy's NUMPY_MADVISE_HUGEPAGE, on by default), and
      on the 2-core VM (a Firecracker guest, Linux 6.18) the first touch of such memory was now
      fast, now 2-3 ms per MB: filling 35 MB of np.zeros took 5 ms in some processes and 70-100 ms
      in others; with NUMPY_MADVISE_HUGEPAGE=0 it took 12-14 ms every time, an mmap 14-16 ms. So a
      recording with 1,000 goroutines (35 MB of trace) ran at 0.8-4.8e6 events/s depending on the
      run, and at 2.9-3.8e6 in every run from an mmap (benchmarks/stepper.py, recording_runs).
      The price: with 10 goroutines, in runs where np.zeros found its memory fast, 3.8-4.9e6
      against 4.2-6.4e6 events/s (about 1.5 ms a run of 38,000 steps: page faults that huge pages
      avoided). (ec7ae7a had made them np.zeros for that reason, 1.0e6 against 1.5e6 with 10
      goroutines, on another VM and when a recorded step cost three to four times what it costs
      now; a reader's course program records a few thousand steps, where 1.5 ms does not show,
      and a large recording should not take six times as long in one process as in the next.)"""
    if n * 8 < (1 << 20):
        return np.zeros(n, dtype=np.int64)
    import mmap
    return np.frombuffer(mmap.mmap(-1, n * 8), dtype=np.int64)


def new_state(cfg: Cfg, n_globals: int, choices=None) -> State:
    from gostep.core import layout as L
    G, P, T = cfg.max_g + 1, cfg.max_p, cfg.max_timers + 1
    rec = cfg.record != 0
    ev_cap = cfg.ev_cap if rec else 1
    snap_cap = cfg.snap_cap if rec else 1
    maxobj = max(G, 2 * (cfg.max_chan + 1), cfg.max_ctx + 1, P, T)   # REC_WQ: 2 per channel
    heap = max(cfg.heap, cfg.chan_heap, cfg.clo_heap, cfg.defer_heap, cfg.out_heap, G + 1, n_globals + 1)
    mo = max(cfg.max_sync, cfg.max_clo, cfg.max_slice, cfg.max_iface, cfg.max_defer, cfg.max_err,
             cfg.max_box) + 1
    o = np.zeros(L.N_OFFS, dtype=np.int64)
    off = 0

    def table(ko, kw, rows, width):
        nonlocal off
        o[ko] = off
        o[kw] = width
        off += rows * width

    table(L.O_G, L.W_G, L.N_G, G)
    table(L.O_FR, L.W_FR, L.N_FR, G * cfg.max_frames)
    o[L.F_FR] = cfg.max_frames
    table(L.O_P, L.W_P, L.N_P, P)
    table(L.O_C, L.W_C, L.N_C, cfg.max_chan + 1)
    table(L.O_SG, L.W_SG, L.N_SG, cfg.max_sudog)
    table(L.O_TM, L.W_TM, L.N_TM, T)
    table(L.O_X, L.W_X, L.N_X, cfg.max_ctx + 1)
    table(L.O_OB, L.W_OB, L.N_OB, mo)
    table(L.O_H, L.W_H, L.N_H, heap)
    table(L.O_GSTK, L.W_GSTK, G, cfg.stack)
    table(L.O_RUNQ, L.W_RUNQ, P, cfg.runq_size)
    table(L.O_TH, L.W_TH, P, T)
    table(L.O_OUTREC, L.W_OUTREC, cfg.max_out, 5)
    o[L.O_WKX] = off
    off += cfg.max_ctx + 2
    o[L.O_WKL] = off
    off += cfg.max_sudog + 1
    o[L.O_WKD] = off
    off += G + 1
    o[L.O_WKT] = off
    off += T + 1
    # each kind's own capacity (layout K_*): the tables are as wide as the largest of them
    for k, cap in ((L.K_SYNC, cfg.max_sync), (L.K_CLO, cfg.max_clo), (L.K_SLICE, cfg.max_slice),
                   (L.K_IFACE, cfg.max_iface), (L.K_DEFER, cfg.max_defer), (L.K_ERR, cfg.max_err),
                   (L.K_BOX, cfg.max_box), (L.K_HEAP, cfg.heap), (L.K_CHANHEAP, cfg.chan_heap),
                   (L.K_CLOHEAP, cfg.clo_heap), (L.K_DEFERHEAP, cfg.defer_heap),
                   (L.K_OUTHEAP, cfg.out_heap)):
        o[k] = cap
    o[L.N_OUTREC] = cfg.max_out
    o[L.N_EV] = ev_cap
    o[L.N_CHLOG] = 4096
    o[L.W_SNAPLAST] = maxobj if rec else 1
    ch = np.asarray(choices if choices is not None else [], dtype=np.int64)
    z = lambda n: np.zeros(n, dtype=np.int64)
    # the arena and the scratch area are touched sparsely, the recording buffers front to back:
    # all of them anonymous mmaps when large (_zeros says why)
    return State(
        sc=z(N_SCALARS), m=_zeros(off), o=o, ev=_zeros(ev_cap * 8), snap=_zeros(snap_cap),
        snap_off=_zeros(ev_cap + 1),
        snap_last=_zeros(N_REC * (maxobj if rec else 1)),
        scratch=_zeros(heap + 4 * G + 4 * T + 8 * cfg.runq_size + 1024),
        choices=ch if ch.size else np.full(1, -2, dtype=np.int64),
        choice_log=z(4096 * 3),
    )


def table(st: State, arr: str) -> np.ndarray:
    """A 2-D view of one arena table, rows = fields: table(st, "G")[G_STATUS, gid]."""
    from gostep.core import layout as L
    o = st.o
    if arr == "FR":
        return st.m[o[L.O_FR]:o[L.O_FR] + L.N_FR * o[L.W_FR]].reshape(L.N_FR, -1, o[L.F_FR])
    if arr in ("GSTK", "RUNQ", "TH", "OUTREC"):
        w = o[getattr(L, f"W_{arr}")]
        start = o[getattr(L, f"O_{arr}")]
        nxt = sorted(int(x) for x in (o[L.O_G], o[L.O_FR], o[L.O_P], o[L.O_C], o[L.O_SG], o[L.O_TM],
                                       o[L.O_X], o[L.O_OB], o[L.O_H], o[L.O_GSTK], o[L.O_RUNQ], o[L.O_TH],
                                       o[L.O_OUTREC], o[L.O_WKX], o[L.O_WKD], o[L.O_WKT], st.m.size) if int(x) > start)[0]
        return st.m[start:nxt].reshape(-1, w)
    n = getattr(L, f"N_{arr}")
    w = o[getattr(L, f"W_{arr}")]
    start = o[getattr(L, f"O_{arr}")]
    return st.m[start:start + n * w].reshape(n, w)


def field(st: State, name: str) -> np.ndarray:
    """A field row by its flat name, for Python code: field(st, "g_status") is table(st, "G")[G_STATUS]."""
    from gostep.core import layout as L
    for arr, pre in (("G", "g_"), ("P", "p_"), ("C", "c_"), ("SG", "sg_"), ("TM", "tm_"), ("X", "x_")):
        if name.startswith(pre):
            c = f"{arr}_{name[len(pre):].upper()}"
            if hasattr(L, c):
                return table(st, arr)[getattr(L, c)]
    for arr in ("OB", "H"):
        c = f"{arr}_{name.upper()}"
        if hasattr(L, c):
            return table(st, arr)[getattr(L, c)]
    if name == "out_rec":
        return table(st, "OUTREC")
    return getattr(st, name)


# Event kinds: the same tuple as trace/frame.py EVENT_KINDS (a test keeps them equal; core may
# not import the trace package). EV_* is the index.
EVENT_KINDS = (
    "start", "schedule", "findrunnable", "runqget", "globrunqget", "steal", "execute", "line",
    "go", "park", "ready", "chansend", "chanrecv", "close", "select", "block",
    "timer_add", "timer_fire", "timer_stop", "sysmon", "preempt_request", "preempted",
    "gosched", "defer", "panic", "recover", "cancel", "print", "exit", "idle", "wakep",
    "goexit", "deadlock", "stw", "choice", "end",
)
(EV_START, EV_SCHEDULE, EV_FINDRUNNABLE, EV_RUNQGET, EV_GLOBRUNQGET, EV_STEAL, EV_EXECUTE, EV_LINE,
 EV_GO, EV_PARK, EV_READY, EV_CHANSEND, EV_CHANRECV, EV_CLOSE, EV_SELECT, EV_BLOCK,
 EV_TIMER_ADD, EV_TIMER_FIRE, EV_TIMER_STOP, EV_SYSMON, EV_PREEMPT_REQUEST, EV_PREEMPTED,
 EV_GOSCHED, EV_DEFER, EV_PANIC, EV_RECOVER, EV_CANCEL, EV_PRINT, EV_EXIT, EV_IDLE, EV_WAKEP,
 EV_GOEXIT, EV_DEADLOCK, EV_STW, EV_CHOICE, EV_END) = range(len(EVENT_KINDS))


