"""The layout of the arena: field (row) numbers of each table, Cfg indices, offset slots.

Every table lives in one 1-D int64 array, the arena `st.m` (defs.State); `st.o` says where: table X
starts at st.o[O_X] and is st.o[W_X] objects wide, field F of object i is at
st.o[O_X] + F * st.o[W_X] + i (defs.new_state lays them out). Kernels never write that sum: they read
a table through a 2-D view made once at their top (core/tables.py `gtab`, `ptab`, `ctab`, ...):

    G = gtab(st); G[G_STATUS, gid]      P = ptab(st); P[P_CLOCK, pid]      C = ctab(st); C[C_CAP, c]
    FR = frtab(st); FR[FR_FN, gid, depth] (3-D)      RQ = runqtab(st); RQ[pid, i % len]

One arena rather than one array per table: numba's compile time grows steeply with the number of
fields of a tuple passed to every kernel (a three-line kernel took 3 s with 21 arrays, 12 s with 120).
"""
G_STATUS = 0
G_WAIT = 1
G_WAITOBJ = 2
G_P = 3
G_PC = 4
G_SP = 5
G_NFR = 6
G_FN = 7
G_BY = 8
G_PREEMPT = 9
G_PREEMPT_AT = 10
G_WAKE = 11
G_SUDOGS = 12
G_PANIC = 13
G_RECOVERED = 14
G_LINECNT = 15
G_LASTLINE = 16
G_TIMER = 17
G_DIRTY = 18       # 1 while the G is on the dirty list of the next snapshot (record.gmark)
G_PANIC0 = 19      # the oldest panic still unfinished under the current one (Go's _panic.link chain), 0: none
G_PANIC0_REC = 20  # 1 when that panic had been recovered (printpanics: " [recovered]")
FR_FN = 0
FR_RET = 1
FR_FP = 2
FR_CLO = 3
FR_DEF = 4
FR_FLAG = 5
P_STATUS = 0
P_PHASE = 1
P_CLOCK = 2
P_CURG = 3
P_RUNNEXT = 4
P_RQH = 5
P_RQT = 6
P_SCHEDTICK = 7
P_THN = 8
P_SM_TICK = 9
P_SM_WHEN = 10
P_INHERIT = 11
P_SPINNING = 12
P_TVER = 13        # bumped by every change of the P's timer heap (queues.theap_push/remove)
P_TVREC = 14       # the P_TVER of the last recorded queues record (record.snapshot)
P_QRECH = 15       # P_RQH and P_RQT of the last recorded queues record: the ring's indices only grow,
P_QRECT = 16       # so (head, tail) identify its contents
C_CAP = 0
C_CNT = 1
C_HEAD = 2
C_BASE = 3
C_CLOSED = 4
C_TIMER = 5
C_SQH = 6
C_SQT = 7
C_RQH = 8
C_RQT = 9
C_DIRTY = 10       # 1 when the channel's record may have changed since the last snapshot (record.cmark)
C_SQRN = 11        # length of the send queue at its last record (record.build_wq)
C_RQRN = 12        # length of the receive queue at its last record
C_SQN = 13         # length of the send queue (queues.enq / rmq)
C_RQN = 14         # length of the receive queue
C_SQB = 15         # the SG_RPOS ticket of index 0 of the send queue's last record (record.build_wq)
C_RQB = 16         # the same for the receive queue
C_SITE = 17        # who made it, for the trace (record.build_chan): pc + 1 of the MAKECHAN,
                   # TIMER_NEW or CTX_DONE instruction; -x for the Done channel of context x made
                   # by the runtime (cancel, propagateCancel: no instruction); 0 unknown
SG_G = 0
SG_OBJ = 1
SG_VAL = 2
SG_DIR = 3
SG_CASE = 4
SG_NEXT = 5
SG_PREV = 6
SG_GLINK = 7
SG_FREE = 8
SG_RPOS = 9        # ticket in its channel wait queue: index at the queue's last record + C_xQB; -1 = put since (record.build_wq)
TM_WHEN = 0
TM_SEQ = 1
TM_KIND = 2
TM_ARG = 3
TM_P = 4
TM_HI = 5
TM_CHAN = 6
TM_IDLE = 7        # 1 once the timer ran or was stopped, 0 while it is pending (Go: t.when == 0)
TM_DIRTY = 8       # 1 while the timer is on the dirty list of the next snapshot (queues.tmark)
TM_BLOCKED = 9     # goroutines blocked on its channel (Go 1.23+ t.blocked: blockTimerChan / unblockTimerChan)
X_PARENT = 0
X_KIND = 1
X_DONE = 2
X_ERR = 3
X_CAUSE = 4
X_DEADLINE = 5
X_TIMER = 6
X_ATTACHED = 7
X_FN = 8
X_DCAUSE = 9
X_DIRTY = 10       # 1 when the context's record may have changed since the last snapshot (record.xmark)
OB_SY_KIND = 0
OB_SY_CNT = 1
OB_SY_QH = 2
OB_SY_QT = 3
OB_CLO_FN = 4
OB_CLO_N = 5
OB_CLO_BASE = 6
OB_CLO_ARG = 7
OB_SL_BASE = 8
OB_SL_LEN = 9
OB_SL_CAP = 10
OB_IF_TYPE = 11
OB_IF_VAL = 12
OB_D_FN = 13
OB_D_ISV = 14
OB_D_N = 15
OB_D_BASE = 16
OB_D_NEXT = 17
OB_ERR_MSG = 18
OB_BOX = 19
OB_SY_QN = 20      # length of a Mutex / WaitGroup wait queue (queues.enq / rmq)
H_CBUF = 0
H_CLOHEAP = 1
H_HEAP = 2
H_DHEAP = 3
H_OUT_VALS = 4
H_GQ = 5
H_GLOB = 6
N_G = 21
N_FR = 6
N_P = 17
N_C = 18
N_SG = 10
N_TM = 10
N_X = 11
N_OB = 21
N_H = 7

# Cfg fields as indices into the int64 array the kernels receive (defs.cfg_array)
CF_MAX_G = 0
CF_STACK = 1
CF_MAX_FRAMES = 2
CF_MAX_P = 3
CF_RUNQ_SIZE = 4
CF_MAX_CHAN = 5
CF_CHAN_HEAP = 6
CF_MAX_SUDOG = 7
CF_MAX_TIMERS = 8
CF_MAX_CTX = 9
CF_MAX_CLO = 10
CF_CLO_HEAP = 11
CF_MAX_BOX = 12
CF_MAX_SLICE = 13
CF_HEAP = 14
CF_MAX_ERR = 15
CF_MAX_IFACE = 16
CF_MAX_DEFER = 17
CF_DEFER_HEAP = 18
CF_MAX_SYNC = 19
CF_MAX_OUT = 20
CF_OUT_HEAP = 21
CF_MAX_STEPS = 22
CF_TIMEOUT_NS = 23
CF_GOMAXPROCS = 24
CF_ASYNCPREEMPT = 25
CF_GO_MINOR = 26
CF_ASYNCTIMERCHAN = 27
CF_SEED = 28
CF_WAKE_LAT_NS = 29
CF_SIGNAL_LAT_NS = 30
CF_SYSMON = 31
CF_LINE_FOLD = 32
CF_RECORD = 33
CF_SNAP_CAP = 34
CF_EV_CAP = 35
CF_KEYFRAME = 36
CF_STOP_AT_CHOICE = 37
CF_MEASURE_LINE = 38
CF_GC_NS = 39
CF_SCHED_NS = 40
CF_SWITCH_NS = 41
CF_TIMER_NS = 42
CF_CHECK_DELTA = 43
CF_OS_NOISE_NS = 44
CF_OS_SLOW_NS = 45
CF_OS_SLOW_PPM = 46
CF_SLEEP_SLACK_NS = 47
CF_STW_NS = 48
CF_OS_CHOICES = 49

# offsets array st.o: where each table lives in the arena st.m (defs.new_state)
(O_G, W_G, O_FR, W_FR, F_FR, O_P, W_P, O_C, W_C, O_SG, W_SG, O_TM, W_TM, O_X, W_X, O_OB, W_OB,
 O_H, W_H, O_GSTK, W_GSTK, O_RUNQ, W_RUNQ, O_TH, W_TH, O_OUTREC, W_OUTREC, N_OUTREC, N_EV,
 N_CHLOG, W_SNAPLAST, O_WKX, O_WKL, O_WKD, O_WKT,
 K_SYNC, K_CLO, K_SLICE, K_IFACE, K_DEFER, K_ERR, K_BOX,
 K_HEAP, K_CHANHEAP, K_CLOHEAP, K_DEFERHEAP, K_OUTHEAP, N_OFFS) = range(48)
# O_WKX / O_WKL: two work areas in the arena (kernel-local stacks: ctx_cancel's children stack,
# closechan's waiter list). Kernels allocate nothing: they are compiled without numba's NRT.
# O_WKD, O_WKT: the dirty-G and dirty-timer lists of the next snapshot (record.gmark, queues.tmark).
# K_*: each kind's own capacity (Cfg max_sync .. max_box, heap .. out_heap), which its allocator
# checks. The objects table OB is as wide as the largest of the seven object counts and the heaps
# table H as the largest of the five heaps (one width per table), so a check against the width
# W_OB / W_H would let max_iface=4096 mean 65,537 and name the wrong limit (issue 17).

# the program array (defs.prog_array): a header, then the tables
(PG_NCODE, PG_CODE, PG_POS, PG_FN_ENTRY, PG_FN_NPARAMS, PG_FN_NLOCALS, PG_FN_NRESULTS,
 PG_FN_FLAGS, PG_FN_RET_PC, PG_FN_MAXSTACK, PG_FMT, PG_HDR) = range(12)
# PG_FN_MAXSTACK: the verifier's operand-stack depth per function (CompiledProgram.fn_maxstack)
# PG_HDR + 0: n_globals, PG_HDR + 1: deadline_fn, PG_HDR + 1 - k: the trampoline that starts a
# goroutine on builtin func value kind k (isa.BI_*, -1..-4; -1 when the program has none)
PG_HEADER = 18
