"""Lowering: the checked program model -> the flat arrays of isa.py (a CompiledProgram).

Design
======
One `FuncCompiler` per function emits instructions into one shared code list; jumps are
patched once their target is known. Function indices: 0 is main.main (isa.py), then the other
top-level functions in source order, then function literals (in the order the checker met
them), then the go/defer wrappers made on demand, and last the synthetic deadline function.

Frames (isa.py "Frames and locals"): parameters take slots 0..n-1, every local variable and
every hidden temporary (a range counter, a select's results) gets its own slot in order of
declaration (slots are never reused: frames stay small and a slot always means one variable,
which the views rely on), and the result slot comes last. Boxed variables (captured by a
closure) hold a box id; a `for` loop's boxed variables get a new box before each post statement
when the Go version is >= 1.22 (Go spec "For statements with for clause": each iteration has
its own variable, initialised from the previous one).

go/defer of a library or builtin call (`defer wg.Done()`, `go fmt.Println(x)`, `defer close(ch)`)
go through a synthetic wrapper, as gc does since go 1.22 (cmd/compile/internal/typecheck
wrapGoDefer: "main.main.deferwrap1", "main.main.gowrap2", one counter per function, checked
with `go build -gcflags=-S`): the operands are evaluated at the statement and passed as the
wrapper's arguments, so "arguments are evaluated at the defer statement" holds.

Cooperative preemption points (FN_STACKCHECK): see model/preempt.py.
Expressions and calls are lowered in model/lower_expr.py (a mixin of FuncCompiler).

Package initialisation: package-level variables are initialised at the start of main.main, in
declaration order, before the first statement of main. Go initialises in dependency order
(spec "Package initialization"); the two agree for programs that declare before use.

Alternatives rejected: a register allocator or slot reuse (no gain at our sizes, and it
would make "which variable is in slot k" depend on the program point); inlining small
functions in the bytecode (the views show calls as Go source shows them; only the preemption
flag follows gc's inlining).
"""
from __future__ import annotations

import numpy as np

from . import ast as A
from . import isa
from . import types as T
from .lower_expr import _CREATES, ExprLowering
from .objects import Builtin, Checked, FuncObj, Var
from .endless import mark_endless_loops
from .preempt import stackcheck
from .program import CompiledProgram, Fmt
from .verify import with_stack_depths


class Program:
    """Builds the CompiledProgram from a Checked program."""

    def __init__(self, checked: Checked, source: str, filename: str):
        self.ck = checked
        self.source = source
        self.filename = filename
        self.code = []
        self.pos = []
        self.strings = {"": 0}     # the zero string is id 0, so a zero value of type string is ""
        self.fmts = {}
        self.hints = {}
        self.chan_types = {}       # pc -> (elem, print code) of the channel made there
        self.funcs = []            # per index: dict(name, nparams, nlocals, nresults, flags, ...)
        self.index = {}            # Func -> index
        self.wrappers = []         # (index, name, recipe-emitter) compiled after the others
        self.go = checked.go

    # ---- shared tables ---------------------------------------------------------------------
    def string_id(self, s: str) -> int:
        if s not in self.strings:
            self.strings[s] = len(self.strings)
        return self.strings[s]

    def fmt_id(self, f: Fmt) -> int:
        if f not in self.fmts:
            self.fmts[f] = len(self.fmts)
        return self.fmts[f]

    def new_func(self, name, nparams, nresults, flags, lines, fn=None) -> int:
        i = len(self.funcs)
        self.funcs.append(dict(name=name, nparams=nparams, nresults=nresults, flags=flags,
                               lines=lines, entry=-1, nlocals=nparams + nresults, ret=-1))
        if fn is not None:
            self.index[fn] = i
            fn.index = i
        return i

    def emit(self, op, a=0, b=0, c=0, pos=(0, 0)) -> int:
        self.code.append([op, a, b, c])
        self.pos.append(pos)
        return len(self.code) - 1

    # ---- the whole program ----------------------------------------------------------------
    def build(self) -> CompiledProgram:
        ck = self.ck
        order = [ck.main] + [f for f in ck.file.funcs if f is not ck.main and f.name != "init"]
        lits = [f for f in ck.funcs if f.name == "" and f not in order]
        for g_i, v in enumerate(ck.globals):
            v.slot = g_i
        for fn in order + lits:
            flags = (isa.FN_STACKCHECK if stackcheck(fn) else 0) | \
                (isa.FN_CLOSURE if fn.name == "" else 0)
            self.new_func(fn.go_name, len(fn.params), len(fn.sig.results), flags,
                          (fn.pos[0], fn.end[0]), fn)
        for fn in order + lits:
            FuncCompiler(self, fn).compile()
        k = 0
        while k < len(self.wrappers):        # wrappers may not create wrappers, but be safe
            self.wrappers[k]()
            k += 1
        deadline = self.new_func("context.WithDeadlineCause.func2", 1, 0,
                                 isa.FN_SYNTHETIC | isa.FN_STACKCHECK, (0, 0))
        d = self.funcs[deadline]
        d["entry"] = len(self.code)
        self.emit(isa.LOAD, 0)
        self.emit(isa.PUSH, 2)
        self.emit(isa.PUSH, -1)
        self.emit(isa.CTX_CANCEL)
        d["ret"] = self.emit(isa.RETURN)
        d["nlocals"] = 1
        # a goroutine started on a builtin func value (a cancel func, context.AfterFunc's stop,
        # a bound wg.Done) held in a variable of type func(): the runtime starts this function
        # with the value as parameter 0 and calls it (core/proc.py op_go, core/time.py goFunc). Real Go
        # runs the closure itself (context.WithCancel.func1 and its siblings in context.go)
        self.fv_tramp = []
        for name, nargs in (("context.CancelFunc", 0), ("context.CancelCauseFunc", 1),
                            ("context.AfterFunc.func1", 0), ("sync.(*WaitGroup).Done", 0)):
            k = self.new_func(name, nargs + 1, 0, isa.FN_SYNTHETIC | isa.FN_STACKCHECK, (0, 0))
            r = self.funcs[k]
            r["entry"] = len(self.code)
            for i in range(nargs + 1):
                self.emit(isa.LOAD, i)
            self.emit(isa.CALLV, nargs)
            r["ret"] = self.emit(isa.RETURN)
            r["nlocals"] = nargs + 1
            self.fv_tramp.append(k)
        return self.finish(deadline)

    def finish(self, deadline) -> CompiledProgram:
        fs = self.funcs
        i64 = lambda key: np.array([f[key] for f in fs], dtype=np.int64)
        code = np.array(self.code, dtype=np.int64).reshape(-1, 4)
        mark_endless_loops(code, i64("entry"), i64("ret"))
        pos = np.array(self.pos, dtype=np.int32).reshape(-1, 2)
        strings = tuple(sorted(self.strings, key=self.strings.get))
        fmts = tuple(sorted(self.fmts, key=self.fmts.get))
        return with_stack_depths(CompiledProgram(
            filename=self.filename, source=self.source, go_version=tuple(self.go),
            code=code, pos=pos, fn_entry=i64("entry"), fn_nparams=i64("nparams"),
            fn_nlocals=i64("nlocals"), fn_nresults=i64("nresults"), fn_flags=i64("flags"),
            fn_ret_pc=i64("ret"), fn_names=tuple(f["name"] for f in fs),
            n_globals=len(self.ck.globals), strings=strings, fmts=fmts, deadline_fn=deadline,
            hints=dict(self.hints), chan_types=dict(self.chan_types),
            fn_lines=tuple(f["lines"] for f in fs),
            fv_tramp=tuple(getattr(self, "fv_tramp", ())), from_source=True))


class Loop:
    """A break/continue target: a for, range, switch or select (conts None: no continue)."""

    def __init__(self, breaks=True, conts=True, label=""):
        self.breaks = []           # pcs of JMPs to patch to the end
        self.conts = [] if conts else None
        self.label = label         # `L: for ...`: the target of `break L` / `continue L`
        self.falls = []            # switch: (pc of JMP, clause index) of each fallthrough
        self.clause = 0            # switch: the clause being emitted


class FuncCompiler(ExprLowering):
    """Emits one function. Expressions leave exactly one value on the operand stack (two for
    the comma-ok forms and the context constructors), statements leave none."""

    def __init__(self, prog: Program, fn: A.Func):
        self.p = prog
        self.fn = fn
        self.idx = prog.index[fn]
        self.nslots = len(fn.params)
        self.result_stores = []
        self.targets = []          # Loop records for break/continue, innermost last
        self.wrap_count = 0
        self.posn = fn.pos

    # ---- emission helpers ------------------------------------------------------------------
    def emit(self, op, a=0, b=0, c=0) -> int:
        return self.p.emit(op, a, b, c, self.posn)

    def here(self) -> int:
        return len(self.p.code)

    def patch(self, pc, target=None):
        self.p.code[pc][1] = self.here() if target is None else target

    def new_slot(self) -> int:
        s = self.nslots
        self.nslots += 1
        return s

    def at(self, node):
        if node is not None and getattr(node, "pos", None) and node.pos != (0, 0):
            self.posn = node.pos

    # ---- the function ----------------------------------------------------------------------
    def compile(self):
        fn = self.fn
        rec = self.p.funcs[self.idx]
        rec["entry"] = self.here()
        self.posn = fn.pos
        for i, prm in enumerate(fn.params):
            v = prm.name.ref if prm.name is not None else None
            if isinstance(v, Var):
                v.slot = i
                if v.boxed:
                    self.emit(isa.LOAD, i)
                    self.emit(isa.NEWBOX, i)
        if fn is self.p.ck.main:
            self.global_inits()
        self.block(fn.body.stmts)
        self.posn = (fn.body.end[0], fn.body.end[1] if fn.body.end[1] > 0 else 1)
        rec["ret"] = self.emit(isa.RETURN)
        if fn is self.p.ck.main:
            self.emit(isa.EXIT)
        rslot = self.nslots
        for pc in self.result_stores:
            self.p.code[pc][1] = rslot
        rec["nlocals"] = self.nslots + len(fn.sig.results)

    def global_inits(self):
        for d in self.p.ck.global_inits:
            self.at(d)
            self.var_decl(d)

    # ---- variables ---------------------------------------------------------------------------
    def load_var(self, v: Var):
        if v.is_global:
            self.emit(isa.LOADG, v.slot)
        elif v.owner is not self.fn:
            self.emit(isa.LOADCAP, self.fn.captures.index(v))
        elif v.boxed:
            self.emit(isa.LOADBOX, v.slot)
        else:
            self.emit(isa.LOAD, v.slot)

    def store_var(self, v: Var):
        if v.is_global:
            self.emit(isa.STOREG, v.slot)
        elif v.owner is not self.fn:
            self.emit(isa.STORECAP, self.fn.captures.index(v))
        elif v.boxed:
            self.emit(isa.STOREBOX, v.slot)
        else:
            self.emit(isa.STORE, v.slot)

    def declare(self, v: Var):
        """Value on the stack -> a new variable v (a fresh box when v is captured)."""
        if v.is_global:
            self.emit(isa.STOREG, v.slot)
            return
        if v.slot < 0:
            v.slot = self.new_slot()
        self.emit(isa.NEWBOX if v.boxed else isa.STORE, v.slot)

    def zero(self, t: T.Type, name=""):
        if t.kind in ("wg", "mutex"):
            pc = self.emit(isa.NEWSYNC, 1 if t.kind == "wg" else 2)
            self.p.hints[pc] = name
        else:
            self.emit(isa.PUSH, 0)

    def name_result(self, start, name):
        """Name the object created by the outermost creating op emitted since `start`."""
        for pc in range(self.here() - 1, start - 1, -1):
            if self.p.code[pc][0] in _CREATES:
                if self.p.code[pc][0] in (isa.CTX_BACKGROUND, isa.CTX_TODO):
                    return
                self.p.hints[pc] = name
                return

    # ---- statements --------------------------------------------------------------------------
    def block(self, stmts):
        for s in stmts:
            self.stmt(s)

    def stmt(self, s):
        self.at(s)
        getattr(self, "s_" + type(s).__name__)(s)

    def s_Block(self, s):
        self.block(s.stmts)

    def s_Empty(self, s):
        pass

    def s_ExprStmt(self, s):
        t = s.x.type
        self.expr(s.x)
        if t is not None and t.kind not in ("novalue",):
            n = len(t.params) if t.kind == "tuple" else 1
            for _ in range(n):
                self.emit(isa.POP)

    def s_Send(self, s):
        self.expr(s.ch)
        self.expr(s.value)
        self.at(s)
        self.emit(isa.SEND)

    def push_values(self, lhs_n, rhs):
        """Evaluate the right-hand side: lhs_n values end up on the stack, first deepest."""
        if len(rhs) == 1 and lhs_n == 2:
            x = rhs[0]
            if isinstance(x, A.Unary) and x.op == "<-":
                self.expr(x.x)
                self.at(x)
                self.emit(isa.RECV, 1)
                return
        for x in rhs:
            self.expr(x)

    def s_Define(self, s):
        for n, new in zip(s.lhs, s.new):          # slots in declaration order
            if new and isinstance(n.ref, Var) and n.ref.slot < 0:
                n.ref.slot = self.new_slot()
        start = self.here()
        self.push_values(len(s.lhs), s.rhs)
        if s.lhs and isinstance(s.lhs[0], A.Ident):
            self.name_result(start, s.lhs[0].name)
        for n, new in reversed(list(zip(s.lhs, s.new))):
            v = n.ref
            if v is None:
                self.emit(isa.POP)
            elif new:
                self.declare(v)
            else:
                self.store_var(v)

    def s_VarDecl(self, s):
        self.var_decl(s)

    def var_decl(self, s):
        if s.values:
            start = self.here()
            self.push_values(len(s.names), s.values)
            self.name_result(start, s.names[0].name)
            for n in reversed(s.names):
                if n.ref is None or n.name == "_":
                    self.emit(isa.POP)
                else:
                    self.declare(n.ref)
        else:
            for n in s.names:
                if n.ref is None:
                    continue
                self.zero(n.ref.type, n.name)
                self.declare(n.ref)

    def s_ConstDecl(self, s):
        pass

    def assign_target(self, x, value_emitter):
        """Store into x the value produced by value_emitter()."""
        if isinstance(x, A.Ident):
            if x.ref is None:
                value_emitter()
                self.emit(isa.POP)
                return
            value_emitter()
            self.store_var(x.ref)
            return
        if isinstance(x, A.Index):
            self.expr(x.x)
            self.expr(x.index)
            value_emitter()
            self.emit(isa.SETINDEX)
            return
        raise AssertionError(f"unexpected assignment target {x!r}")

    def s_Assign(self, s):
        if s.op != "=":
            op = s.op[:-1]
            self.compound(s.lhs[0], lambda: (self.expr(s.rhs[0]), self.binop(op)))
            return
        if len(s.lhs) == 1 and len(s.rhs) == 1:
            x = s.lhs[0]

            def val():
                st = self.here()
                self.expr(s.rhs[0])
                if isinstance(x, A.Ident):
                    self.name_result(st, x.name)
            self.assign_target(x, val)
            return
        # tuple assignment: evaluate everything first, then assign left to right
        self.push_values(len(s.lhs), s.rhs)
        temps = [self.new_slot() for _ in s.lhs]
        for t in reversed(temps):
            self.emit(isa.STORE, t)
        for x, t in zip(s.lhs, temps):
            self.assign_target(x, lambda t=t: self.emit(isa.LOAD, t))

    def compound(self, x, rhs_op):
        """x op= e: x is read and written once."""
        if isinstance(x, A.Ident):
            self.load_var(x.ref)
            rhs_op()
            self.store_var(x.ref)
            return
        s_t, i_t = self.new_slot(), self.new_slot()
        self.expr(x.x)
        self.emit(isa.STORE, s_t)
        self.expr(x.index)
        self.emit(isa.STORE, i_t)
        self.emit(isa.LOAD, s_t)
        self.emit(isa.LOAD, i_t)
        self.emit(isa.LOAD, s_t)
        self.emit(isa.LOAD, i_t)
        self.emit(isa.INDEX)
        rhs_op()
        self.emit(isa.SETINDEX)

    def s_IncDec(self, s):
        op = isa.ADD if s.op == "++" else isa.SUB
        self.compound(s.x, lambda: (self.emit(isa.PUSH, 1), self.emit(op)))

    def s_Return(self, s):
        if s.results:
            self.expr(s.results[0])
            self.at(s)
            self.result_stores.append(self.emit(isa.STORE, -1))
        self.at(s)
        self.emit(isa.RETURN)

    def s_If(self, s):
        if s.init is not None:
            self.stmt(s.init)
        self.expr(s.cond)
        jz = self.emit(isa.JZ)
        self.block(s.then.stmts)
        if s.els is None:
            self.patch(jz)
            return
        jend = self.emit(isa.JMP)
        self.patch(jz)
        self.stmt(s.els)
        self.patch(jend)

    def loop_vars(self, init):
        if isinstance(init, A.Define):
            return [n.ref for n, new in zip(init.lhs, init.new) if new and isinstance(n.ref, Var)
                    and n.ref.boxed]
        return []

    def s_For(self, s):
        if s.init is not None:
            self.stmt(s.init)
        top = self.here()
        jz = None
        if s.cond is not None:
            self.expr(s.cond)
            jz = self.emit(isa.JZ)
        loop = Loop(label=s.label)
        self.targets.append(loop)
        self.block(s.body.stmts)
        self.targets.pop()
        for pc in loop.conts:
            self.patch(pc)
        if self.p.go >= (1, 22):
            self.at(s.post or s)
            for v in self.loop_vars(s.init):     # per-iteration variables (Go 1.22)
                self.emit(isa.LOADBOX, v.slot)
                self.emit(isa.NEWBOX, v.slot)
        if s.post is not None:
            self.stmt(s.post)
        self.at(s)
        self.emit(isa.JMP, top)
        if jz is not None:
            self.patch(jz)
        for pc in loop.breaks:
            self.patch(pc)

    def range_assign(self, target, s, value_emitter, once_boxes):
        """Assign the iteration value to a range variable (a fresh variable per iteration for
        Go >= 1.22; before 1.22 one variable for the whole loop)."""
        if target is None:
            return
        if not s.define:
            self.assign_target(target, value_emitter)
            return
        v = target.ref
        if v is None:
            return
        value_emitter()
        if v.boxed and self.p.go < (1, 22):
            self.emit(isa.STOREBOX, v.slot)
        else:
            self.declare(v)

    def range_prologue(self, s):
        """Before 1.22, a captured range variable is one box for the whole loop."""
        if not s.define or self.p.go >= (1, 22):
            return
        for tgt in (s.key, s.value):
            if tgt is not None and isinstance(tgt.ref, Var) and tgt.ref.boxed:
                v = tgt.ref
                v.slot = self.new_slot()
                self.zero(v.type)
                self.emit(isa.NEWBOX, v.slot)

    def s_Range(self, s):
        self.range_prologue(s)
        loop = Loop(label=s.label)
        if s.kind == "chan":
            tch = self.new_slot()
            self.expr(s.x)
            self.emit(isa.STORE, tch)
            top = self.here()
            self.at(s)
            self.emit(isa.LOAD, tch)
            self.emit(isa.RECV, 1)
            jz = self.emit(isa.JZ)
            if s.key is not None:
                tv = self.new_slot()
                self.emit(isa.STORE, tv)
                self.range_assign(s.key, s, lambda: self.emit(isa.LOAD, tv), True)
            else:
                self.emit(isa.POP)
            self.targets.append(loop)
            self.block(s.body.stmts)
            self.targets.pop()
            for pc in loop.conts:
                self.patch(pc, top)
            self.at(s)
            self.emit(isa.JMP, top)
            self.patch(jz)
            self.emit(isa.POP)
            for pc in loop.breaks:
                self.patch(pc)
            return
        n_t, i_t = self.new_slot(), self.new_slot()
        s_t = None
        if s.kind == "slice":
            s_t = self.new_slot()
            self.expr(s.x)
            self.emit(isa.DUP)
            self.emit(isa.STORE, s_t)
            self.emit(isa.SLICELEN)
        else:
            self.expr(s.x)
        self.emit(isa.STORE, n_t)
        self.emit(isa.PUSH, 0)
        self.emit(isa.STORE, i_t)
        top = self.here()
        self.at(s)
        self.emit(isa.LOAD, i_t)
        self.emit(isa.LOAD, n_t)
        self.emit(isa.LT)
        jz = self.emit(isa.JZ)
        self.range_assign(s.key, s, lambda: self.emit(isa.LOAD, i_t), False)
        if s.value is not None and s_t is not None:
            self.range_assign(s.value, s, lambda: (self.emit(isa.LOAD, s_t),
                                                   self.emit(isa.LOAD, i_t),
                                                   self.emit(isa.INDEX)), False)
        self.targets.append(loop)
        self.block(s.body.stmts)
        self.targets.pop()
        for pc in loop.conts:
            self.patch(pc)
        self.at(s)
        self.emit(isa.LOAD, i_t)
        self.emit(isa.PUSH, 1)
        self.emit(isa.ADD)
        self.emit(isa.STORE, i_t)
        self.emit(isa.JMP, top)
        self.patch(jz)
        for pc in loop.breaks:
            self.patch(pc)

    def s_Branch(self, s):
        if s.tok == "fallthrough":      # the checker allows it only as a clause's last statement
            t = self.targets[-1]
            t.falls.append((self.emit(isa.JMP), t.clause))
            return
        if s.tok == "break":
            for t in reversed(self.targets):
                if t.label == s.label or not s.label:
                    t.breaks.append(self.emit(isa.JMP))
                    return
        for t in reversed(self.targets):
            if t.conts is not None and (t.label == s.label or not s.label):
                t.conts.append(self.emit(isa.JMP))
                return

    def s_Switch(self, s):
        if s.init is not None:
            self.stmt(s.init)
        tag_t = None
        if s.tag is not None:
            tag_t = self.new_slot()
            self.expr(s.tag)
            self.emit(isa.STORE, tag_t)
        jumps = []          # (clause index, pc of JNZ)
        for ci, c in enumerate(s.clauses):
            if c.exprs is None:
                continue
            for x in c.exprs:
                self.at(x)
                if tag_t is not None:
                    self.emit(isa.LOAD, tag_t)
                    self.expr(x)
                    self.emit(isa.EQ)
                else:
                    self.expr(x)
                jumps.append((ci, self.emit(isa.JNZ)))
        to_default = self.emit(isa.JMP)
        loop = Loop(conts=False, label=s.label)
        self.targets.append(loop)
        starts = {}
        ends = []
        for ci, c in enumerate(s.clauses):
            starts[ci] = self.here()
            loop.clause = ci
            self.at(c)
            self.block(c.body)
            ends.append(self.emit(isa.JMP))
        self.targets.pop()
        for pc, ci in loop.falls:       # fallthrough: to the next clause's body, in source order
            self.patch(pc, starts[ci + 1])
        dflt = next((ci for ci, c in enumerate(s.clauses) if c.exprs is None), None)
        for ci, pc in jumps:
            self.patch(pc, starts[ci])
        self.patch(to_default, starts[dflt] if dflt is not None else self.here())
        for pc in ends + loop.breaks:
            self.patch(pc)

    def s_Select(self, s):
        cases = [c for c in s.clauses if c.comm is not None]
        dflt = next((c for c in s.clauses if c.comm is None), None)
        if not cases and dflt is None:
            self.emit(isa.SELECT, 0, 0)
            return
        for c in cases:
            self.at(c.comm)
            if isinstance(c.comm, A.Send):
                self.emit(isa.PUSH, 1)
                self.expr(c.comm.ch)
                self.expr(c.comm.value)
            else:
                self.emit(isa.PUSH, 2)
                self.expr(c.comm.x.x)
                self.emit(isa.PUSH, 0)
        self.at(s)
        self.emit(isa.SELECT, len(cases), 1 if dflt is not None else 0)
        ok_t, x_t, idx_t = self.new_slot(), self.new_slot(), self.new_slot()
        self.emit(isa.STORE, ok_t)
        self.emit(isa.STORE, x_t)
        self.emit(isa.STORE, idx_t)
        loop = Loop(conts=False, label=s.label)
        ends = []
        for i, c in enumerate(cases):
            self.at(c)
            self.emit(isa.LOAD, idx_t)
            self.emit(isa.PUSH, i)
            self.emit(isa.EQ)
            jz = self.emit(isa.JZ)
            if isinstance(c.comm, A.Recv):
                for target, tmp in zip(c.comm.lhs, (x_t, ok_t)):
                    if c.comm.define:
                        if isinstance(target.ref, Var):
                            self.emit(isa.LOAD, tmp)
                            self.declare(target.ref)
                    else:
                        self.assign_target(target, lambda tmp=tmp: self.emit(isa.LOAD, tmp))
            self.targets.append(loop)
            self.block(c.body)
            self.targets.pop()
            ends.append(self.emit(isa.JMP))
            self.patch(jz)
        if dflt is not None:
            self.at(dflt)
            self.targets.append(loop)
            self.block(dflt.body)
            self.targets.pop()
        for pc in ends + loop.breaks:
            self.patch(pc)

    # ---- go and defer --------------------------------------------------------------------------
    def s_GoStmt(self, s):
        self.go_defer(s.call, isa.GO, isa.GOV, "gowrap")

    def s_DeferStmt(self, s):
        self.go_defer(s.call, isa.DEFER, isa.DEFERV, "deferwrap")

    def go_defer(self, call, op, opv, wrapname):
        f = call.fn
        nargs = len(call.args)
        if nargs or call.lib is not None or isinstance(getattr(f, "ref", None), Builtin):
            self.wrap_count += 1          # gc numbers every wrapped go/defer call
        if call.lib is None and not isinstance(getattr(f, "ref", None), Builtin) \
                and not getattr(call, "conv", False):
            if isinstance(f, A.Ident) and isinstance(f.ref, FuncObj):
                for a in call.args:
                    self.expr(a)
                self.at(call)
                self.emit(op, self.p.index[f.ref.decl], nargs)
                return
            if op == isa.GO and f.type in _BUILTIN_FV_TYPES:     # go cancel()
                self.expr(f)
                for a in call.args:
                    self.expr(a)
                self.at(call)
                self.emit(isa.GO, self.builtin_fv_wrapper(nargs, call, False, f.type.name), nargs + 1)
                return
            self.expr(f)
            for a in call.args:
                self.expr(a)
            self.at(call)
            self.emit(opv, nargs)
            return
        # a library or builtin call: evaluate its operands now, run it in a wrapper
        operands = ([call.recv] if call.recv is not None else []) + list(call.args)
        if call.lib is not None and not isinstance(call.lib, str) and call.lib.variadic \
                and call.lib.name == "fmt.Printf":
            operands = list(call.args[1:])
        for a in operands:
            self.expr(a)
        name = f"{self.fn.go_name}.{wrapname}{self.wrap_count}"
        widx = self.p.new_func(name, len(operands), 0, isa.FN_SYNTHETIC | isa.FN_STACKCHECK,
                               (call.pos[0], call.end[0]))
        pos = call.pos

        def build(widx=widx, call=call, nops=len(operands), pos=pos):
            rec = self.p.funcs[widx]
            rec["entry"] = len(self.p.code)
            sub = FuncCompiler.__new__(FuncCompiler)
            sub.p, sub.fn, sub.idx, sub.nslots = self.p, None, widx, nops
            sub.result_stores, sub.targets, sub.wrap_count, sub.posn = [], [], 0, pos
            sub.operand_slots = list(range(nops))
            res = sub.call(call, wrapped=True)
            if res:
                for _ in range(res):
                    sub.emit(isa.POP)
            rec["ret"] = sub.emit(isa.RETURN)
            rec["nlocals"] = sub.nslots
        self.p.wrappers.append(build)
        self.at(call)
        self.emit(op, widx, len(operands))


    def builtin_fv_wrapper(self, nargs, node, closure, name="context.CancelFunc") -> int:
        """A synthetic function that calls a context.CancelFunc / CancelCauseFunc value.

        A cancel func value is a builtin closure (isa.BI_CANCEL / BI_CANCELCAUSE: no code of its
        own). The stepper calls it through CALLV and DEFERV, but starting a goroutine on it (GOV,
        and goFunc when a time.AfterFunc / context.AfterFunc fires) needs a compiled function:
        GOV stops the run as unsupported and goFunc skipped it, so `time.AfterFunc(d, cancel)`
        never cancelled. So `go cancel()` starts this function with the value as parameter 0,
        and `time.AfterFunc(d, cancel)` passes a closure of it over a box holding the value
        (closure=True: the value is capture 0). Real Go runs the cancel closure itself
        (context.WithCancel.func1 and its siblings in context.go, go 1.27); the function is named
        after the value's type (`name`), since which constructor made it is not known statically.
        Rejected: a change to the goroutine start in lib/gostep/core (owned by the stepper).
        """
        nparams = 0 if closure else nargs + 1
        flags = isa.FN_SYNTHETIC | isa.FN_STACKCHECK | (isa.FN_CLOSURE if closure else 0)
        widx = self.p.new_func(name, nparams, 0, flags, (node.pos[0], node.end[0]))
        pos = node.pos

        def build(widx=widx):
            rec = self.p.funcs[widx]
            rec["entry"] = len(self.p.code)
            if closure:
                self.p.emit(isa.LOADCAP, 0, pos=pos)
            else:
                for i in range(nparams):
                    self.p.emit(isa.LOAD, i, pos=pos)
            self.p.emit(isa.CALLV, nargs, pos=pos)
            rec["ret"] = self.p.emit(isa.RETURN, pos=pos)
            rec["nlocals"] = nparams
        self.p.wrappers.append(build)
        return widx


# func values the stepper can call but not start a goroutine on (see builtin_fv_wrapper)
_BUILTIN_FV_TYPES = (T.CANCEL_FUNC, T.CANCEL_CAUSE_FUNC)


def compile_program(checked: Checked, source: str, filename: str) -> CompiledProgram:
    return Program(checked, source, filename).build()
