"""The expression half of the checker: types, constants and library calls of expressions.

Design
======
A mixin of `check.Checker` (which holds the scopes, the current function and the error list);
split from check.py only to keep modules readable. `expr(x)` computes x's type, folds
constants (Go's rules: untyped constants take the type of the other operand, integer division
truncates), records what x calls for the preemption-point rule (`Func.calls`, see
model/compile.py stackcheck), and reports gc's errors. Library members and methods come from
library.py; a member newer than the simulated Go version is reported as that version's
toolchain reports it (undefined).
"""
from __future__ import annotations

from ..model import ast as A
from ..model import types as T
from ..model import library as L
from .objects import (INT64_MAX, INT64_MIN, INVALID, Builtin, Const, FuncObj, NilObj, PkgObj,
                      TypeObj, Var, _UNSUPPORTED_TYPES, exists_in_go)


class ExprChecker:
    """Expression methods of the checker (see check.Checker)."""

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
        if t.kind in ("wg", "mutex") and not x.elems:
            return t        # sync.WaitGroup{} / &sync.Mutex{}: the zero value, as `var wg sync.WaitGroup`
        if t.kind != "slice":
            if t.kind != "invalid":
                self.unsup(x.pos, f"composite literals of type {t}")
            return INVALID
        self.fn.calls.append("lib")
        for e in x.elems:
            if e is not None:
                self.assign_to(e, t.elem, "array or slice literal")
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
            if t.kind in ("wg", "mutex") and isinstance(x.x, (A.Ident, A.CompositeLit)):
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
        if op not in ("+", "-", "*", "/", "%", "&", "|", "^", "&^"):
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
                if exists_in_go(key):
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
                    elif (key in L.FUNCS) or o.path not in L.PACKAGES or exists_in_go(key):
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
        if fn is None and f.name in L.REAL_METHODS.get(rk, ()):
            for a in x.args:
                self.expr(a)
            self.unsup(f.pos, f"the method {f.text}")
            return INVALID
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
                self.overflows(a, t, a.type, f"argument to {fn.name}")
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
        if name == "new" and len(args) == 1 and isinstance(args[0], A.TypeX):
            t = self.resolve_type(args[0].t)
            args[0].type = t
            if t.kind in ("wg", "mutex"):
                return T.ptr(t)     # new(sync.WaitGroup): a pointer to a fresh zero value
            if t.kind != "invalid":
                self.unsup(x.pos, f"new({t})")
            return INVALID
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
                    self.overflows(a, t, a.type, "argument to built-in println")
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

