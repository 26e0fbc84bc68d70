"""Objects the checker binds names to (go/types: Var, Const, Func, TypeName, PkgName, Builtin,
Nil), and `Checked`, the checked program the front end hands to the compiler.

Design
======
Part of the program model (with ast.py and types.py): the front end (lib/gostep/front/) creates
these while it resolves names, the compiler (compile.py, lower_expr.py) reads them. They live in
the model package so that the import graph flows one way, front -> model: the compiler never
imports the front end. Plain dataclasses with identity equality (eq=False): a Var is one
variable, whatever its name; the compiler gives it a slot and reads its `boxed` flag. The
universe scope and the names real Go has outside the subset are the checker's business
(front/objects.py).
"""
from __future__ import annotations

from dataclasses import dataclass

from . import ast as A
from . import types as T

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


@dataclass
class Checked:
    """A checked program: the annotated file (front/check.py) the compiler lowers (compile.py)."""
    file: A.File
    funcs: list                 # every Func: top-level in source order, then literals
    globals: list               # Var
    global_inits: list          # VarDecl of package level, in declaration order
    main: A.Func
    go: tuple
