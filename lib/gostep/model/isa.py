"""The instruction set: the contract between the front end (lib/gostep/front, lib/gostep/model)
and the stepper (lib/gostep/core).

Design
======
A program is compiled to a *stack machine*. Every value is one int64; static types live only in
the compiler, which picks the right opcode (there is no dynamic typing in the VM, except the
`any` interface values produced by panic/recover, see IFACE below).

Why a stack machine and not a tree walker: numba compiles a flat `while True: op = code[pc, 0]`
loop into tight machine code, and a flat array of instructions is trivially snapshotted (a G is
fully described by pc, fp, sp and its stack slice). Alternatives rejected: a register machine
(harder for the compiler, no speed win at our sizes); interpreting tree-sitter nodes from Python
(100x slower, not jittable).

Compiled program (all numpy arrays, built by lib/gostep/model/compile.py):
    code   int64[n, 4]   (op, a, b, c)
    pos    int32[n, 2]   (line, col) of the Go source that produced the instruction (1-based)
    fn_entry, fn_nparams, fn_nlocals, fn_nresults, fn_flags, fn_ret_pc   int64[nfuncs]
    globals_n            number of global slots
    strings              Python list[str]: string constants, interned (equal literals share an id)
    fmts                 Python list[Fmt]: print descriptors (see PRINT)
Function 0 is always `main.main`; the compiler also emits the synthetic functions listed under
"Synthetic functions" at the indices stored in the program header.

Value encodings (int64)
-----------------------
int, time.Duration      the integer (Duration in nanoseconds)
bool                    0 / 1
string                  string id (index into `strings`); == compares ids, so strings are interned
error                   0 = nil, 1 = context.Canceled, 2 = context.DeadlineExceeded,
                        k >= 3: error object k (runtime table err_msg[k] = string id); each
                        errors.New evaluation allocates a new object, so identity is Go's pointer identity
chan T (any direction)  0 = nil channel, else channel id >= 1
context.Context         context id; 1 = Background(), 2 = TODO() (never cancelled, Done() is nil)
func values             0 = nil, else closure id >= 1 (closure table: fn index or builtin, captures)
time.Time               virtual nanoseconds since program start (monotonic reading only)
*time.Timer             timer id >= 1
sync.WaitGroup/Mutex    sync object id >= 1 (allocated by NEWSYNC where the variable is declared)
[]T                     0 = nil slice, else slice header id >= 1 (header: base, len, cap into a heap)
any                     0 = nil, else iface id >= 1 (iface table: type code T_*, value)

Frames and locals
-----------------
Each G has a value stack. A call frame holds fn_nlocals slots (parameters first, then locals,
then one result slot `fn_nlocals-1` when fn_nresults == 1), followed by the operand stack.
A variable captured by any closure is *boxed*: its slot holds a box id and the compiler uses the
*BOX opcodes; closures capture box ids (capture by reference, as Go does). Loop variables declared
in a `for` clause get a fresh box per iteration (Go 1.22+ semantics) when they are captured.

Calls, returns, defers, panics
------------------------------
CALL f nargs: the args are on the operand stack (first arg deepest). The callee's frame starts
at those args. `return e` compiles to <e>; STORE result_slot; RETURN. RETURN first runs this
frame's pending defers one by one (LIFO): each is invoked as a call whose return address is the
RETURN instruction itself, so RETURN re-executes until none is left, then pops the frame and pushes
the result slot's value if fn_nresults == 1. Every function ends with an epilogue RETURN at
fn_ret_pc[f] (a function without an explicit return falls into it).
PANIC (or a runtime panic raised by the VM) unwinds: the current frame's defers run LIFO; a deferred
call that calls RECOVER (directly in the deferred function) stops the panic, and after that deferred
call returns the frame continues at fn_ret_pc (its remaining defers still run, then it returns its
result slot, which is zero). Frames with no defers left are popped. If the panic reaches the G's
first frame, the program dies: "panic: <msg>" + "goroutine N [running]:", exit "panic".

Preemption points (see the subset page, "CPU work and time")
------------------------------------------------------------
With asynchronous preemption (the default since Go 1.14) a G can be stopped between any two
instructions. With GODEBUG=asyncpreemptoff=1 only at a *cooperative point*: a CALL/CALLV/DEFER-call
of a function whose fn_flags has FN_STACKCHECK (the compiler's approximation of "not inlined and not
a nosplit leaf"), and every opcode marked (lib) below (library calls into the runtime or time package).
"""

# ---- opcodes -------------------------------------------------------------------------------
# name = code        operands  stack effect                       notes
NOP = 0              #          -
PUSH = 1             # a        -> a                               integer/bool/string-id/err-id constant
POP = 2              #          x ->
DUP = 3              #          x -> x x
SWAP = 4             #          x y -> y x
LOAD = 5             # a        -> local[a]
STORE = 6            # a        x ->                               local[a] = x
LOADG = 7            # a        -> global[a]
STOREG = 8           # a        x ->
NEWBOX = 9           # a        x ->                               local[a] = new box holding x
LOADBOX = 10         # a        -> box[local[a]]
STOREBOX = 11        # a        x ->                               box[local[a]] = x
LOADCAP = 12         # a        -> box[capture a]                  capture a of the running closure
STORECAP = 13        # a        x ->                               box[capture a] = x
CAPBOX = 14          # a        -> boxid of capture a              to re-capture in a nested closure
LOCALBOX = 15        # a        -> local[a] (a box id)             to capture a boxed local

ADD = 20             #          x y -> x+y
SUB = 21             #          x y -> x-y
MUL = 22             #          x y -> x*y
DIV = 23             #          x y -> x/y  (Go truncation; y==0: runtime panic "integer divide by zero")
MOD = 24             #          x y -> x%y  (Go sign rules; y==0: runtime panic)
NEG = 25             #          x -> -x
NOT = 26             #          x -> !x
EQ = 27              #          x y -> x==y
NE = 28
LT = 29
LE = 30
GT = 31
GE = 32
BAND = 33            #          x y -> x&y
BOR = 34             #          x y -> x|y
BXOR = 35            #          x y -> x^y
SHL = 36             #          x y -> x<<y
SHR = 37             #          x y -> x>>y

JMP = 40             # a        -                                  pc = a
                     #                                  b == 1: this back-edge closes an endless loop
                     #                                  whose iterations nobody can observe (model/endless.py):
                     #                                  the stepper may jump the P's clock to the next event
JZ = 41              # a        x ->                               if x == 0: pc = a
JNZ = 42             # a        x ->                               if x != 0: pc = a

CALL = 50            # f nargs  args.. -> [result]                 call program function f
CALLV = 51           # nargs    fv args.. -> [result]              call a func value (closure or builtin)
                     #          b = results the caller expects (0/1): informational, for
                     #          the static stack check (model/verify.py); the VM may ignore it
RETURN = 52          #          (see module doc)
MKCLOSURE = 53       # f ncaps  box1..boxn -> fv                   closure of function f over boxes
GO = 54              # f nargs  args.. ->                          newproc: new G runs f(args) (lib)
GOV = 55             # nargs    fv args.. ->                       new G runs fv(args) (lib)
DEFER = 56           # f nargs  args.. ->                          push defer record (args evaluated now)
DEFERV = 57          # nargs    fv args.. ->                       defer a func value
PANIC = 58           # tcode    x ->                               panic(x); tcode = T_* of x (T_ANY: x is an iface id)
RECOVER = 59         #          -> iface                           0 unless recovering (see module doc)

MAKECHAN = 60        #          cap -> ch                          make(chan T, cap)
SEND = 61            #          ch x ->                            chansend (may park: "chan send")
RECV = 62            # withok   ch -> x [ok]                       chanrecv (may park: "chan receive")
CLOSE = 63           #          ch ->                              closechan
CHANLEN = 64         #          ch -> n
CHANCAP = 65         #          ch -> n
SELECT = 66          # n dflt   (dir ch x)*n -> idx x ok           selectgo; dir 1=send 2=recv; x is the value
                     #                                             to send (0 for recv); idx -1 = default taken.
                     #                                             n == 0 and dflt == 0 is `select {}`
                     #                                             (parks forever: "select (no cases)")

MAKESLICE = 70       #          len cap -> s
SLICELIT = 71        # n        x1..xn -> s
INDEX = 72           #          s i -> s[i]                        bounds-checked (runtime panic)
SETINDEX = 73        #          s i x ->
APPEND = 74          # n        s x1..xn -> s'
SLICELEN = 75        #          s -> len
SLICECAP = 76        #          s -> cap

NEWSYNC = 80         # kind     -> id                              kind 1 = WaitGroup, 2 = Mutex
WG_ADD = 81          #          wg delta ->                        Add (Done is Add -1); negative counter panics
WG_WAIT = 82         #          wg ->                              may park: "sync.WaitGroup.Wait" (lib)
WG_GO = 83           #          wg fv ->                           wg.Add(1); go func(){ defer wg.Done(); fv() }() (lib, 1.25+)
MU_LOCK = 84         #          mu ->                              may park: "sync.Mutex.Lock" (lib)
MU_UNLOCK = 85       #          mu ->                              fatal "sync: unlock of unlocked mutex"

CTX_BACKGROUND = 90  #          -> 1
CTX_TODO = 91        #          -> 2
CTX_WITHCANCEL = 92  # cause    parent -> ctx cancelfv             cause=1: WithCancelCause (cancel takes an error)
CTX_WITHDEADLINE = 93  # cause  parent deadline [causeerr] -> ctx cancelfv   WithTimeout is WithDeadline(now+d)
CTX_WITHOUTCANCEL = 94 #        parent -> ctx                      (1.21+)
CTX_DONE = 95        #          ctx -> ch                          nil for Background/TODO/WithoutCancel
CTX_ERR = 96         #          ctx -> err
CTX_CAUSE = 97       #          ctx -> err                         context.Cause(ctx)
CTX_AFTERFUNC = 98   #          ctx fv -> stopfv                   context.AfterFunc (1.21+)
CTX_CANCEL = 99      #          ctx err cause ->                   cancelCtx.cancel(true, err, cause); used by
                     #                                             the synthetic deadline function (see below)

SLEEP = 100          #          d ->                               time.Sleep; d <= 0 returns at once, no yield (lib)
NOW = 101            #          -> t                               time.Now() (lib)
TIMER_NEW = 102      # kind     d [fv] -> timer|ch                 kind 1 NewTimer -> timer, 2 After -> ch,
                     #                                             3 AfterFunc(d, fv) -> timer (lib)
TIMER_C = 103        #          timer -> ch                        t.C
TIMER_STOP = 104     #          timer -> bool                      (lib)
TIMER_RESET = 105    #          timer d -> bool                    (lib)

GOSCHED = 110        #          -                                  runtime.Gosched (lib)
NUMGOROUTINE = 111   #          -> n                               (lib)
GOMAXPROCS = 112     #          n -> prev                          n < 1 only queries; n >= 1 changes (stop the world) (lib)
GC = 113             #          -                                  runtime.GC: stop the world (lib)

PRINT = 120          # fmt nargs  x1..xn ->                        fmt.Println/Printf/println; see Fmt
ERRNEW = 121         #          msg -> err                         errors.New(msg) (new identity each call)
ERRIS = 122          #          err target -> bool                 errors.Is (identity; the subset has no wrapping)
WORK = 123           # ns       -                                  burn `ns` of virtual CPU time (used by tests)
EXIT = 124           #          -                                  end of main.main: the program exits (os.Exit(0))

NUM_OPS = 125

# ---- type codes (print descriptors, panic values, iface) -----------------------------------
T_INT = 1
T_BOOL = 2
T_STRING = 3
T_ERROR = 4
T_DURATION = 5
T_TIME = 6
T_CHAN = 7
T_CTX = 8
T_ANY = 9        # value is an iface id
T_SLICE = 10     # PRINT: the VM copies len then the elements; element type in Fmt.elem_types
T_FUNC = 11
T_TIMER = 12
T_SYNC = 13
T_RUNTIME_ERROR = 14   # panic value created by the VM (value = string id of the message)

# ---- builtin func values (closure table "fn" field < 0) -----------------------------------
BI_CANCEL = -1        # context.CancelFunc: cancel(ctx, Canceled)
BI_CANCELCAUSE = -2   # context.CancelCauseFunc: takes one error argument
BI_AFTERFUNC_STOP = -3  # stop func() bool returned by context.AfterFunc
BI_WG_DONE = -4       # a bound wg.Done used by WG_GO
# ---- fn_flags ------------------------------------------------------------------------------
FN_STACKCHECK = 1     # prologue has a stack check: a cooperative preemption point
FN_CLOSURE = 2        # a function literal (reads captures via LOADCAP/STORECAP)
FN_SYNTHETIC = 4      # emitted by the compiler, not in the source (shown as Go's name)

# ---- synthetic functions (their indices are in the program header) -------------------------
# deadline_fn (ctx): what `time.AfterFunc(dur, func() { c.cancel(true, DeadlineExceeded, cause) })`
#   runs in the new goroutine started by goFunc when a context deadline timer fires. Go's name for it:
#   "context.WithDeadlineCause.func2". Code: LOAD 0; PUSH 2; <cause>; CTX_CANCEL; RETURN.
#   The cause is read by the VM from the context itself (CTX_CANCEL with cause = -1 means "the
#   context's own deadline cause").

# ---- decisions taken by the stepper where the text above left room (added by the core) ------
# - RECV's operand a is `withok` (1: push x and ok, 0: push x only).
# - SELECT pushes idx, then x, then ok (ok is 1 for a taken send case, 0 for default and for a
#   receive from a closed channel); each case is (dir, ch, x) with the first case deepest.
# - main.main ends the program both at EXIT and when its first frame RETURNs.
# - PANIC T_ANY with x == 0 (panic(nil), 1.21+) panics with a *runtime.PanicNilError.
# - Runtime panics made by the VM are ifaces of type T_RUNTIME_ERROR whose value is -k, k % 16 an
#   index into the runtime messages of gostep.core.defs.RT_MESSAGES ("integer divide by zero", ...);
#   an index error carries the index and the length in k // 16 (trace/gofmt.py rt_message).
# - GOV / time.AfterFunc / context.AfterFunc of a builtin func value (`g := cancel; go g()`) start
#   the program's trampoline for that kind (CompiledProgram.fv_tramp) with the value as parameter
#   0; WG_GO of a builtin func value ends the run as "unsupported".
# - PRINT copies each argument as one int64 (an iface id for T_ANY, an error id for T_ERROR), except
#   T_SLICE (len then the elements, copied at print time); text is rendered after the run.

# ---- print descriptors ---------------------------------------------------------------------
# PRINT fmt nargs: fmts[fmt] is a Fmt(kind, format_string_id, arg_types, elem_types)
#   kind 1 = fmt.Println (to stdout), 2 = fmt.Printf (stdout), 3 = println (to stderr), 4 = fmt.Print
# The VM appends one output record (time, gid, fmt, offset into out_vals) and copies the values;
# lib/gostep/trace renders the text after the run with Go's formatting rules.
