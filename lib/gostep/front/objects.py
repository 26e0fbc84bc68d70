"""The universe scope of the subset, and the members real Go has that the subset leaves out.

Design
======
The objects themselves (Var, Const, FuncObj, ...) are part of the program model
(model/objects.py): the compiler reads them too, and the model never imports the front end. This
module holds what only the checker needs: the predeclared names (UNIVERSE), the types refused as
unsupported, and the package members that exist in real Go but not in the subset (refused as
unsupported rather than reported "undefined", which would be false).
"""
from __future__ import annotations

from ..model.objects import (INT64_MAX, INT64_MIN, INVALID, Builtin, Const, FuncObj, NilObj, PkgObj,
                             TypeObj, Var)
from ..model import types as T

__all__ = ["INT64_MAX", "INT64_MIN", "INVALID", "Builtin", "Const", "FuncObj", "NilObj", "PkgObj",
           "TypeObj", "Var", "UNIVERSE", "exists_in_go"]

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

