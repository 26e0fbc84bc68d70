"""Lowering of expressions and calls (a mixin of compile.FuncCompiler).

Design
======
Each `e_<Node>` leaves exactly one value on the operand stack (constants folded by the checker
are a single PUSH). `call` lowers program calls (CALL f n), func-value calls (CALLV n results),
library calls by the recipe in model/library.py, builtins and printing (PRINT with an interned
Fmt descriptor). Inside a go/defer wrapper (`wrapped=True`) the operands are the wrapper's
parameters, already evaluated at the go/defer statement. Split from compile.py only to keep
modules readable.
"""
from __future__ import annotations

from . import ast as A
from . import isa
from . import library as L
from . import types as T
from .objects import Builtin, Const, FuncObj, NilObj, Var
from .program import Fmt

# ops whose result names a runtime object; hints name them after the variable they land in
_CREATES = {isa.MAKECHAN, isa.CTX_WITHCANCEL, isa.CTX_WITHDEADLINE, isa.CTX_WITHOUTCANCEL,
            isa.TIMER_NEW, isa.NEWSYNC, isa.MAKESLICE, isa.SLICELIT, isa.ERRNEW,
            isa.CTX_AFTERFUNC, isa.CTX_BACKGROUND, isa.CTX_TODO}

_BINOPS = {"+": isa.ADD, "-": isa.SUB, "*": isa.MUL, "/": isa.DIV, "%": isa.MOD,
           "==": isa.EQ, "!=": isa.NE, "<": isa.LT, "<=": isa.LE, ">": isa.GT, ">=": isa.GE,
           "&": isa.BAND, "|": isa.BOR, "^": isa.BXOR, "<<": isa.SHL, ">>": isa.SHR}


class ExprLowering:
    """Expression methods of FuncCompiler (see compile.py)."""

    # ---- expressions ---------------------------------------------------------------------------
    def expr(self, x):
        if x.const is not None and not isinstance(x, A.FuncLit):
            self.at(x)
            self.push_const(x.const)
            return
        self.at(x)
        getattr(self, "e_" + type(x).__name__)(x)

    def push_const(self, v):
        if isinstance(v, bool):
            self.emit(isa.PUSH, 1 if v else 0)
        elif isinstance(v, str):
            self.emit(isa.PUSH, self.p.string_id(v))
        else:
            self.emit(isa.PUSH, int(v))

    def e_Ident(self, x):
        o = x.ref
        if isinstance(o, Var):
            self.load_var(o)
        elif isinstance(o, NilObj):
            self.emit(isa.PUSH, 0)
        elif isinstance(o, FuncObj):
            self.emit(isa.MKCLOSURE, self.p.index[o.decl], 0)
        elif isinstance(o, Const):
            self.push_const(o.value)
        else:
            raise AssertionError(f"cannot load {x!r}")

    def e_BasicLit(self, x):
        self.push_const(x.value)

    def e_Unary(self, x):
        if x.op == "<-":
            self.expr(x.x)
            self.at(x)
            self.emit(isa.RECV, 0)
            return
        if x.op in ("&", "*", "+"):
            self.expr(x.x)
            return
        self.expr(x.x)
        self.at(x)
        if x.op == "-":
            self.emit(isa.NEG)
        elif x.op == "!":
            self.emit(isa.NOT)
        elif x.op == "^":
            self.emit(isa.PUSH, -1)
            self.emit(isa.BXOR)

    def e_Binary(self, x):
        if x.op in ("&&", "||"):
            self.expr(x.x)
            self.emit(isa.DUP)
            j = self.emit(isa.JZ if x.op == "&&" else isa.JNZ)
            self.emit(isa.POP)
            self.expr(x.y)
            self.patch(j)
            return
        self.expr(x.x)
        self.expr(x.y)
        self.at(x)
        self.binop(x.op)

    def binop(self, op):
        """The instruction(s) of a binary operator on the two operands on the stack.

        `x &^ y` (bit clear, "AND NOT" in the Go spec's arithmetic operators) has no instruction
        of its own: it is x & ^y, and unary ^y is y ^ -1 for a signed int (as e_Unary lowers it).
        """
        if op == "&^":
            self.emit(isa.PUSH, -1)
            self.emit(isa.BXOR)
            self.emit(isa.BAND)
            return
        self.emit(_BINOPS[op])

    def e_Index(self, x):
        self.expr(x.x)
        self.expr(x.index)
        self.at(x)
        self.emit(isa.INDEX)

    def e_CompositeLit(self, x):
        if x.type.kind == "struct{}":
            self.emit(isa.PUSH, 0)
            return
        if x.type.kind in ("wg", "mutex"):     # sync.WaitGroup{}, &sync.Mutex{}: a fresh zero value
            self.at(x)
            self.zero(x.type, x.text)
            return
        for e in x.elems:
            self.expr(e)
        self.at(x)
        pc = self.emit(isa.SLICELIT, len(x.elems))
        self.p.hints[pc] = x.text if len(x.text) < 30 else ""

    def e_FuncLit(self, x):
        f = x.func
        for v in f.captures:
            if v.owner is self.fn:
                self.emit(isa.LOCALBOX, v.slot)
            else:
                self.emit(isa.CAPBOX, self.fn.captures.index(v))
        self.at(x)
        self.emit(isa.MKCLOSURE, self.p.index[f], len(f.captures))

    def e_Selector(self, x):
        if x.lib == "t.C":
            self.expr(x.x)
            self.at(x)
            pc = self.emit(isa.TIMER_C)
            self.p.hints[pc] = x.text
            return
        if x.lib in L.VALUES:
            for op, a in L.VALUES[x.lib][1]:
                self.emit(op, a)
            return
        raise AssertionError(f"cannot compile selector {x.text}")

    def e_Call(self, x):
        self.call(x)

    def cancel_closure(self, a, call):
        """A func() closure that calls the context.CancelFunc value of `a` (compile.py,
        builtin_fv_wrapper): the value goes into a fresh box, the closure captures the box."""
        self.expr(a)
        box = self.new_slot()
        self.emit(isa.NEWBOX, box)
        self.emit(isa.LOCALBOX, box)
        self.emit(isa.MKCLOSURE, self.builtin_fv_wrapper(0, call, closure=True), 1)

    def call(self, x, wrapped=False) -> int:
        """Emit a call; returns how many values it leaves (0, 1 or 2). `wrapped`: inside a
        go/defer wrapper, where the operands are the wrapper's parameters 0..n-1."""
        f = x.fn
        operand = iter(range(10**6))

        def arg(a):
            if wrapped:
                self.emit(isa.LOAD, next(operand))
            else:
                self.expr(a)
        if getattr(x, "conv", False):
            arg(x.args[0])
            return 1
        if isinstance(getattr(f, "ref", None), Builtin):
            return self.builtin(x, f.name, arg)
        lib = x.lib
        if lib is not None:
            if x.recv is not None:
                arg(x.recv)
            if lib.variadic:
                return self.print_call(x, lib, arg)
            special = lib.op[0][0] if isinstance(lib.op[0][0], str) else None
            args = list(x.args)
            if special in ("timeout", "timeout_cause"):
                arg(args[0])
                arg(args[1])
                self.at(x)
                self.emit(isa.NOW)
                self.emit(isa.ADD)
                if special == "timeout_cause":
                    arg(args[2])
                ops = lib.op[1:]
            else:
                for a in args:
                    if not wrapped and lib.name in ("time.AfterFunc", "context.AfterFunc") \
                            and a is args[1] and a.type == T.CANCEL_FUNC:
                        self.cancel_closure(a, x)    # time.AfterFunc(d, cancel)
                    else:
                        arg(a)
                ops = lib.op
            self.at(x)
            for op in ops:
                pc = self.emit(op[0], op[1])
                if op[0] == isa.CTX_DONE or op[0] in _CREATES:
                    self.p.hints[pc] = x.text
                if op[0] == isa.CTX_DONE:                       # the Done channel it may make
                    self.p.chan_types[pc] = ("struct{}", T.print_code(T.EMPTY_STRUCT))
                elif op[0] == isa.TIMER_NEW and op[1] in (1, 2):  # NewTimer's t.C, After's channel
                    self.p.chan_types[pc] = ("time.Time", T.print_code(T.TIME))
            return len(lib.results)
        ft = f.type
        if isinstance(f, A.Ident) and isinstance(f.ref, FuncObj):
            for a in x.args:
                arg(a)
            self.at(x)
            self.emit(isa.CALL, self.p.index[f.ref.decl], len(x.args))
        else:
            self.expr(f)
            for a in x.args:
                arg(a)
            self.at(x)
            self.emit(isa.CALLV, len(x.args), len(ft.results))
        return len(ft.results)

    def print_call(self, x, lib, arg) -> int:
        kind = lib.op[0][1]
        args = list(x.args)
        fmt = ""
        if kind == 2:
            fmt = args[0].const
            args = args[1:]
        for a in args:
            arg(a)
        self.at(x)
        f = Fmt(kind, fmt, tuple(T.print_code(a.type) for a in args),
                tuple(T.print_code(a.type.elem) if a.type.kind == "slice" else 0 for a in args))
        self.emit(isa.PRINT, self.p.fmt_id(f), len(args))
        return 0

    def builtin(self, x, name, arg) -> int:
        args = x.args
        if name == "make":
            t = args[0].type
            if t.kind == "chan":
                if len(args) > 1:
                    arg(args[1])
                else:
                    self.emit(isa.PUSH, 0)
                self.at(x)
                pc = self.emit(isa.MAKECHAN)
                self.p.chan_types[pc] = (str(t.elem), T.print_code(t.elem))
            else:
                arg(args[1])
                if len(args) > 2:
                    arg(args[2])
                else:
                    self.emit(isa.DUP)
                self.at(x)
                pc = self.emit(isa.MAKESLICE)
            self.p.hints[pc] = x.text
            return 1
        if name == "new":                     # new(sync.WaitGroup), new(sync.Mutex)
            self.at(x)
            self.zero(args[0].type, x.text)
            return 1
        if name in ("len", "cap"):
            arg(args[0])
            self.at(x)
            chan = args[0].type.kind == "chan"
            self.emit({("len", True): isa.CHANLEN, ("cap", True): isa.CHANCAP,
                       ("len", False): isa.SLICELEN, ("cap", False): isa.SLICECAP}[(name, chan)])
            return 1
        if name == "append":
            for a in args:
                arg(a)
            self.at(x)
            self.emit(isa.APPEND, len(args) - 1)
            return 1
        if name == "close":
            arg(args[0])
            self.at(x)
            self.emit(isa.CLOSE)
            return 0
        if name == "panic":
            arg(args[0])
            self.at(x)
            self.emit(isa.PANIC, T.tcode(args[0].type))
            return 0
        if name == "recover":
            self.at(x)
            if getattr(self, "operand_slots", None) is not None:
                self.emit(isa.PUSH, 0)     # `defer recover()`: not called by a deferred function
            else:
                self.emit(isa.RECOVER)
            return 1
        if name == "println":
            for a in args:
                arg(a)
            self.at(x)
            f = Fmt(3, "", tuple(T.tcode(a.type) for a in args),
                    tuple(T.tcode(a.type.elem) if a.type.kind == "slice" else 0 for a in args))
            self.emit(isa.PRINT, self.p.fmt_id(f), len(args))
            return 0
        raise AssertionError(f"builtin {name}")

