"""Objects the checker binds names to (go/types: Var, Const, Func, TypeName, PkgName,
Builtin, Nil) and the universe scope of the subset.

Design
======
Plain dataclasses with identity equality (eq=False): a Var is one variable, whatever its name;
the compiler gives it a slot and reads its `boxed` flag. Kept apart from check.py so that the
statement checker (check.py), the expression checker (check_expr.py) and the compiler
(model/compile.py) share them without import cycles.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import ast as A
from ..model import types as T

INVALID = T.Type("invalid")
INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1


@dataclass(eq=False)
class Var:
    name: str
    type: T.Type
    pos: tuple
    owner: A.Func | None        # None for a global
    used: bool = False
    boxed: bool = False         # captured by a closure: lives in a box (see isa.py)
    is_param: bool = False
    loopvar: bool = False       # declared by a for clause / range (per-iteration in Go >= 1.22)
    slot: int = -1              # local slot or global index, set by the compiler

    @property
    def is_global(self):
        return self.owner is None

    def __repr__(self):
        return f"Var({self.name}: {self.type})"


@dataclass(eq=False)
class Const:
    name: str
    type: T.Type
    value: object
    pos: tuple = (0, 0)
    used: bool = True


@dataclass(eq=False)
class FuncObj:
    decl: A.Func


@dataclass(eq=False)
class TypeObj:
    type: T.Type


@dataclass(eq=False)
class PkgObj:
    path: str
    pos: tuple
    used: bool = False


@dataclass(eq=False)
class Builtin:
    name: str


@dataclass(eq=False)
class NilObj:
    pass


UNIVERSE = {
    "int": TypeObj(T.INT), "bool": TypeObj(T.BOOL), "string": TypeObj(T.STRING),
    "error": TypeObj(T.ERROR), "any": TypeObj(T.ANY),
    "true": Const("true", T.UNTYPED_BOOL, True), "false": Const("false", T.UNTYPED_BOOL, False),
    "nil": NilObj(),
}
for _b in ("make", "len", "cap", "append", "close", "panic", "recover", "println", "print",
           "new", "delete", "copy", "min", "max", "clear", "complex", "real", "imag"):
    UNIVERSE[_b] = Builtin(_b)
_UNSUPPORTED_TYPES = {"int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32",
                      "uint64", "uintptr", "byte", "rune", "float32", "float64", "complex64",
                      "complex128"}



# Members that exist in real Go's packages but are outside the subset: refused as unsupported
# rather than reported "undefined" (which would be false).
_REAL_MEMBERS = {
    "context": {"WithValue", "Context", "CancelFunc", "CancelCauseFunc"},
    "time": {"Tick", "NewTicker", "Unix", "Parse", "ParseDuration", "Date", "Ticker", "UTC",
             "Local"},
    "runtime": {"Goexit", "NumCPU", "ReadMemStats", "Stack", "LockOSThread", "UnlockOSThread",
                "KeepAlive", "SetFinalizer", "Caller", "Version"},
    "sync": {"Once", "RWMutex", "Cond", "Map", "Pool", "NewCond", "OnceFunc", "OnceValue"},
    "errors": {"As", "Unwrap", "Join", "ErrUnsupported"},
    "fmt": {"Sprintf", "Sprint", "Sprintln", "Errorf", "Fprintf", "Fprintln", "Fprint", "Sscanf",
            "Scan", "Scanln", "Sscan"},
}


def exists_in_go(key):
    pkg, _, name = key.partition(".")
    return name in _REAL_MEMBERS.get(pkg, ())

