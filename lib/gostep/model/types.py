"""Go types of the subset, as the checker (lib/gostep/front/check.py) sees them.

Design
======
The VM is untyped (every value is one int64, see isa.py); types exist only here, to pick opcodes,
to print values as Go does (the T_* code of a PRINT argument), and to report gc's compile errors
with gc's spelling of types ("<-chan int", "time.Duration", "untyped int").

A Type is a small frozen value: a `kind` plus element / direction / signature. Named library
types (time.Duration, context.Context, ...) are distinct kinds so that `d * n` with d a Duration
and n an int is gc's "mismatched types" error. Alternatives rejected: reusing go/types-like
classes with methods per type (too much code for a closed set of ~20 types).
"""
from __future__ import annotations

from dataclasses import dataclass

from . import isa


@dataclass(frozen=True)
class Type:
    kind: str                 # "int", "bool", "string", "error", "duration", "time", "ctx", "chan",
                              # "slice", "func", "wg", "mutex", "ptr", "timer", "any", "struct{}",
                              # "untyped int|string|bool|nil", "novalue", "tuple"
    elem: "Type | None" = None   # chan / slice / ptr element
    dir: int = 0              # chan direction: 0 both, 1 send-only (chan<-), 2 receive-only (<-chan)
    params: tuple = ()        # func parameter types; tuple member types
    results: tuple = ()       # func result types
    name: str = ""            # a named func type: "context.CancelFunc"

    def __str__(self) -> str:
        k = self.kind
        if self.name:
            return self.name
        if k == "chan":
            e = str(self.elem)
            return {0: f"chan {e}", 1: f"chan<- {e}", 2: f"<-chan {e}"}[self.dir]
        if k == "slice":
            return f"[]{self.elem}"
        if k == "ptr":
            return f"*{self.elem}"
        if k == "func":
            ps = ", ".join(str(p) for p in self.params)
            if not self.results:
                return f"func({ps})"
            if len(self.results) == 1:
                return f"func({ps}) {self.results[0]}"
            return f"func({ps}) ({', '.join(str(r) for r in self.results)})"
        if k == "tuple":
            return "(" + ", ".join(str(p) for p in self.params) + ")"
        return _NAMES.get(k, k)

    def __repr__(self) -> str:
        return f"<{self}>"

    @property
    def untyped(self) -> bool:
        return self.kind.startswith("untyped")

    @property
    def underlying_func(self) -> bool:
        return self.kind == "func"


_NAMES = {"duration": "time.Duration", "time": "time.Time", "ctx": "context.Context",
          "wg": "sync.WaitGroup", "mutex": "sync.Mutex", "timer": "*time.Timer",
          "novalue": "no value"}

INT = Type("int")
BOOL = Type("bool")
STRING = Type("string")
ERROR = Type("error")
DURATION = Type("duration")
TIME = Type("time")
CTX = Type("ctx")
WG = Type("wg")
MUTEX = Type("mutex")
TIMER = Type("timer")
ANY = Type("any")
EMPTY_STRUCT = Type("struct{}")
UNTYPED_INT = Type("untyped int")
UNTYPED_STRING = Type("untyped string")
UNTYPED_BOOL = Type("untyped bool")
UNTYPED_NIL = Type("untyped nil")
NOVALUE = Type("novalue")
FUNC0 = Type("func")
CANCEL_FUNC = Type("func", name="context.CancelFunc")
CANCEL_CAUSE_FUNC = Type("func", params=(ERROR,), name="context.CancelCauseFunc")
STOP_FUNC = Type("func", results=(BOOL,))


def chan(elem: Type, dir: int = 0) -> Type:
    return Type("chan", elem=elem, dir=dir)


def slice_of(elem: Type) -> Type:
    return Type("slice", elem=elem)


def ptr(elem: Type) -> Type:
    return Type("ptr", elem=elem)


def func(params=(), results=()) -> Type:
    return Type("func", params=tuple(params), results=tuple(results))


def tuple_of(*ts) -> Type:
    return Type("tuple", params=tuple(ts))


def default_type(t: Type) -> Type:
    """The type an untyped constant takes when nothing else decides (Go spec "Constants")."""
    return {"untyped int": INT, "untyped string": STRING, "untyped bool": BOOL}.get(t.kind, t)


def is_sync(t: Type, kind: str) -> bool:
    """t is sync.WaitGroup / sync.Mutex or a pointer to it (both are the object's id in the VM)."""
    return t.kind == kind or (t.kind == "ptr" and t.elem is not None and t.elem.kind == kind)


def nillable(t: Type) -> bool:
    return t.kind in ("chan", "slice", "func", "error", "any", "ctx", "ptr", "timer")


def integer(t: Type) -> bool:
    return t.kind in ("int", "duration", "untyped int")


def identical(a: Type, b: Type) -> bool:
    if a.kind == "func" and b.kind == "func":
        return a.params == b.params and a.results == b.results and a.name == b.name
    return a == b


def assignable(v: Type, t: Type) -> bool:
    """Go's assignability (spec "Assignability"), restricted to the subset's types."""
    if identical(v, t):
        return True
    if v.kind == "untyped nil":
        return nillable(t)
    if v.kind == "untyped int":
        return t.kind in ("int", "duration", "any")
    if v.kind == "untyped string":
        return t.kind in ("string", "any")
    if v.kind == "untyped bool":
        return t.kind in ("bool", "any")
    if t.kind == "any":
        return v.kind not in ("novalue", "tuple")
    if v.kind == "chan" and t.kind == "chan":      # a bidirectional channel converts to a directed one
        return v.dir == 0 and v.elem == t.elem
    if v.kind == "func" and t.kind == "func":      # a named func type and its literal type
        return (not v.name or not t.name) and v.params == t.params and v.results == t.results
    return False


# A print-only argument code (program.Fmt.arg_types / elem_types, never an isa.PANIC operand):
# struct{}{} is printed by fmt as "{}" (fmt/print.go printValue, a struct with no fields), not
# as the int the VM holds for it. The VM copies any code but isa.T_SLICE as one word, so a code
# outside isa's T_* range needs no change in the core; gostep.trace.gofmt prints it.
T_PRINT_STRUCT0 = 64


def print_code(t: Type) -> int:
    """The argument code of a fmt print descriptor for a value of type t (tcode, but struct{}
    gets T_PRINT_STRUCT0)."""
    t = default_type(t)
    return T_PRINT_STRUCT0 if t.kind == "struct{}" else tcode(t)


def tcode(t: Type) -> int:
    """The isa.T_* code that PRINT / PANIC use for a value of type t."""
    t = default_type(t)
    k = t.kind
    return {"int": isa.T_INT, "bool": isa.T_BOOL, "string": isa.T_STRING, "error": isa.T_ERROR,
            "duration": isa.T_DURATION, "time": isa.T_TIME, "chan": isa.T_CHAN, "ctx": isa.T_CTX,
            "any": isa.T_ANY, "slice": isa.T_SLICE, "func": isa.T_FUNC, "timer": isa.T_TIMER,
            "wg": isa.T_SYNC, "mutex": isa.T_SYNC, "ptr": isa.T_SYNC, "struct{}": isa.T_INT,
            "untyped nil": isa.T_ANY}.get(k, isa.T_INT)
