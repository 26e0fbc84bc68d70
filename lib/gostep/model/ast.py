"""The program model: a Go file of the subset as plain Python dataclasses.

Design
======
lib/gostep/front/build.py turns the tree-sitter tree into these nodes; lib/gostep/front/check.py
resolves names and fills in the checker's annotations (`type`, `ref`, `const`, captures, slots
are left to the compiler); lib/gostep/model/compile.py lowers them to the flat arrays of
isa.py. Every node carries `pos` = (line, col), 1-based, the position gc would report.

Nodes mirror go/ast closely (Ident, CallExpr, SelectorExpr, ...) but with short names and
short reprs (positions and annotations are left out of the repr) so a model prints readably:

    >>> prog.funcs[0].body.stmts[0]
    Define(lhs=[Ident('ch')], rhs=[Call(fn=Ident('make'), args=[TypeX(chan int)])])

Alternatives rejected: compiling straight from tree-sitter nodes (no place for the checker's
types; every later pass would re-parse text); go/ast via a Go helper process (the front end
must not need the Go toolchain).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional


def _f(default=None):
    """An annotation field: not part of the constructor's required args nor of the repr."""
    return field(default=default, repr=False, compare=False)


# ---- type expressions (resolved by the checker into model.types.Type) ---------------------
@dataclass
class TypeName:
    pkg: str            # "" for predeclared, else "time", "context", "sync"
    name: str
    pos: tuple = _f((0, 0))


@dataclass
class ChanType:
    dir: int            # 0 both, 1 send-only, 2 receive-only
    elem: Any
    pos: tuple = _f((0, 0))


@dataclass
class SliceType:
    elem: Any
    pos: tuple = _f((0, 0))


@dataclass
class PtrType:
    elem: Any
    pos: tuple = _f((0, 0))


@dataclass
class FuncType:
    params: list
    results: list
    pos: tuple = _f((0, 0))


@dataclass
class StructType:       # only struct{} is in the subset
    empty: bool
    pos: tuple = _f((0, 0))


# ---- expressions ---------------------------------------------------------------------------
@dataclass
class Expr:
    pos: tuple = _f((0, 0))
    type: Any = _f()        # model.types.Type, set by the checker
    const: Any = _f()       # constant value (int / bool / str) when the checker folded it
    end: tuple = _f((0, 0))
    text: str = _f("")      # the source text, for messages and hints


@dataclass
class Ident(Expr):
    name: str = ""
    ref: Any = _f()         # the object it names (check.Var, check.Func, ...)

    def __repr__(self):
        return f"Ident({self.name!r})"


@dataclass
class BasicLit(Expr):
    kind: str = "int"       # "int" or "string"
    value: Any = None

    def __repr__(self):
        return f"Lit({self.value!r})"


@dataclass
class Unary(Expr):
    op: str = ""
    x: Any = None


@dataclass
class Binary(Expr):
    op: str = ""
    x: Any = None
    y: Any = None


@dataclass
class Call(Expr):
    fn: Any = None
    args: list = field(default_factory=list)
    ellipsis: bool = False
    lib: Any = _f()         # library member / builtin the checker resolved the call to
    recv: Any = _f()        # receiver expression of a library method call (wg.Add, ctx.Done)


@dataclass
class Selector(Expr):
    x: Any = None
    name: str = ""
    lib: Any = _f()
    name_pos: tuple = _f((0, 0))


@dataclass
class Index(Expr):
    x: Any = None
    index: Any = None


@dataclass
class TypeX(Expr):          # a type used as an expression (make's first argument, conversions)
    t: Any = None


@dataclass
class CompositeLit(Expr):
    t: Any = None
    elems: list = field(default_factory=list)


@dataclass
class FuncLit(Expr):
    func: Any = None        # the Func it defines


# ---- statements ----------------------------------------------------------------------------
@dataclass
class Stmt:
    pos: tuple = _f((0, 0))


@dataclass
class Block(Stmt):
    stmts: list = field(default_factory=list)
    end: tuple = _f((0, 0))   # position of the closing brace


@dataclass
class ExprStmt(Stmt):
    x: Any = None


@dataclass
class Define(Stmt):         # a, b := x, y
    lhs: list = field(default_factory=list)
    rhs: list = field(default_factory=list)
    new: Any = _f()         # per lhs: True when it declares a new variable
    op_pos: tuple = _f((0, 0))   # position of ":="


@dataclass
class Assign(Stmt):         # a = x, a += x
    lhs: list = field(default_factory=list)
    op: str = "="
    rhs: list = field(default_factory=list)


@dataclass
class IncDec(Stmt):
    x: Any = None
    op: str = "++"


@dataclass
class VarDecl(Stmt):
    names: list = field(default_factory=list)
    t: Any = None
    values: list = field(default_factory=list)


@dataclass
class ConstDecl(Stmt):
    names: list = field(default_factory=list)
    t: Any = None
    values: list = field(default_factory=list)
    iota: int = 0


@dataclass
class Send(Stmt):
    ch: Any = None
    value: Any = None


@dataclass
class GoStmt(Stmt):
    call: Any = None


@dataclass
class DeferStmt(Stmt):
    call: Any = None


@dataclass
class Return(Stmt):
    results: list = field(default_factory=list)


@dataclass
class If(Stmt):
    init: Any = None
    cond: Any = None
    then: Any = None
    els: Any = None


@dataclass
class For(Stmt):
    init: Any = None
    cond: Any = None
    post: Any = None
    body: Any = None
    label: str = ""         # `L: for ...` (the label of a labeled statement), else ""
    label_pos: tuple = (0, 0)


@dataclass
class Range(Stmt):
    key: Any = None
    value: Any = None
    define: bool = False
    x: Any = None
    body: Any = None
    label: str = ""
    label_pos: tuple = (0, 0)


@dataclass
class CaseClause(Stmt):
    exprs: Optional[list] = None   # None: default
    body: list = field(default_factory=list)


@dataclass
class Switch(Stmt):
    init: Any = None
    tag: Any = None
    clauses: list = field(default_factory=list)
    label: str = ""
    label_pos: tuple = (0, 0)


@dataclass
class CommClause(Stmt):
    comm: Any = None        # Send, Recv, or None for default
    body: list = field(default_factory=list)


@dataclass
class Recv(Stmt):           # a select receive case: [lhs (:= | =)] <-ch
    lhs: list = field(default_factory=list)
    define: bool = False
    x: Any = None           # the Unary("<-") expression


@dataclass
class Select(Stmt):
    clauses: list = field(default_factory=list)
    label: str = ""
    label_pos: tuple = (0, 0)


@dataclass
class Branch(Stmt):
    tok: str = "break"      # "break", "continue" or "fallthrough"
    label: str = ""         # `break L` / `continue L`
    label_pos: tuple = (0, 0)


@dataclass
class Empty(Stmt):
    pass


# ---- declarations --------------------------------------------------------------------------
@dataclass
class Param:
    name: Optional[Ident]
    t: Any


@dataclass(eq=False)
class Func:
    name: str                       # "worker", or "" for a literal
    params: list = field(default_factory=list)     # Param
    results: list = field(default_factory=list)    # type expressions
    body: Optional[Block] = None
    pos: tuple = _f((0, 0))
    end: tuple = _f((0, 0))
    name_pos: tuple = _f((0, 0))
    noinline: bool = _f(False)      # a //go:noinline directive precedes it
    parent: Any = _f()              # enclosing Func of a literal
    go_name: str = _f("")           # "main.worker", "main.main.func1"
    captures: list = _f()           # check.Var captured by a literal, in order of first use
    sig: Any = _f()                 # types.Type of kind "func"
    locals: list = _f()             # check.Var declared in it (params first)
    lits: list = _f()               # FuncLit nodes directly inside, in source order
    calls: list = _f()              # what it calls, for the preemption-point analysis
    cost: int = _f(0)               # approximate gc inlining cost (see compile.stackcheck)
    has_recover: bool = _f(False)
    index: int = _f(-1)             # function index in the compiled program

    def __repr__(self):
        return f"Func({self.go_name or self.name or 'literal'})"


@dataclass
class File:
    name: str
    imports: list = field(default_factory=list)    # (path, pos)
    consts: list = field(default_factory=list)     # ConstDecl
    vars: list = field(default_factory=list)       # VarDecl
    funcs: list = field(default_factory=list)      # Func
