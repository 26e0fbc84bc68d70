"""A static check of a CompiledProgram: the bytecode is well formed before any VM runs it.

Design
======
An abstract interpretation of operand-stack heights (the JVM's verifier idea, much reduced):
from each function's entry, every reachable instruction is visited with the stack height it
starts with; two paths reaching one pc must agree, no instruction may pop more than is there,
and every RETURN is reached with an empty operand stack (statements leave nothing behind, see
compile.py). It also checks operands: jump targets inside the function, local slots below
fn_nlocals, captures below the closure's capture count, function indices, string and Fmt ids.

The stack effect of each opcode is written out from the table in isa.py. CALLV's results come
from its b operand (isa.py: "results the caller expects").

`verify(prog)` returns a list of problems (empty when fine) and the maximum operand-stack depth
per function. compile.py stores the depths in the function table (CompiledProgram.fn_maxstack;
`with_stack_depths` adds them to a hand-assembled program), and the stepper reserves
fn_nlocals + fn_maxstack value-stack slots whenever it pushes a frame (core/stack.py push_frame,
core/proc.py g_new): the instructions of a frame then never write past its reservation, so the
stack check at the frame push is the only one the bytecode loop needs.

Alternatives rejected: checking only in the VM at run time (a bad jump would surface as a
confusing trace far from its cause, and only on the paths a run happens to take).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from . import isa

_BIN = {isa.ADD, isa.SUB, isa.MUL, isa.DIV, isa.MOD, isa.EQ, isa.NE, isa.LT, isa.LE, isa.GT,
        isa.GE, isa.BAND, isa.BOR, isa.BXOR, isa.SHL, isa.SHR}
_TERMINAL = {isa.RETURN, isa.PANIC, isa.EXIT, isa.JMP}
_SLOT_OPS = {isa.LOAD, isa.STORE, isa.NEWBOX, isa.LOADBOX, isa.STOREBOX, isa.LOCALBOX}
_CAP_OPS = {isa.LOADCAP, isa.STORECAP, isa.CAPBOX}

# op -> (pops, pushes) for ops whose effect does not depend on operands
_FIXED = {
    isa.NOP: (0, 0), isa.PUSH: (0, 1), isa.POP: (1, 0), isa.DUP: (1, 2), isa.SWAP: (2, 2),
    isa.LOAD: (0, 1), isa.STORE: (1, 0), isa.LOADG: (0, 1), isa.STOREG: (1, 0),
    isa.NEWBOX: (1, 0), isa.LOADBOX: (0, 1), isa.STOREBOX: (1, 0), isa.LOADCAP: (0, 1),
    isa.STORECAP: (1, 0), isa.CAPBOX: (0, 1), isa.LOCALBOX: (0, 1),
    isa.NEG: (1, 1), isa.NOT: (1, 1), isa.JMP: (0, 0), isa.JZ: (1, 0), isa.JNZ: (1, 0),
    isa.RETURN: (0, 0), isa.PANIC: (1, 0), isa.RECOVER: (0, 1),
    isa.MAKECHAN: (1, 1), isa.SEND: (2, 0), isa.CLOSE: (1, 0), isa.CHANLEN: (1, 1),
    isa.CHANCAP: (1, 1), isa.MAKESLICE: (2, 1), isa.INDEX: (2, 1), isa.SETINDEX: (3, 0),
    isa.SLICELEN: (1, 1), isa.SLICECAP: (1, 1), isa.NEWSYNC: (0, 1), isa.WG_ADD: (2, 0),
    isa.WG_WAIT: (1, 0), isa.WG_GO: (2, 0), isa.MU_LOCK: (1, 0), isa.MU_UNLOCK: (1, 0),
    isa.CTX_BACKGROUND: (0, 1), isa.CTX_TODO: (0, 1), isa.CTX_WITHCANCEL: (1, 2),
    isa.CTX_WITHOUTCANCEL: (1, 1), isa.CTX_DONE: (1, 1), isa.CTX_ERR: (1, 1),
    isa.CTX_CAUSE: (1, 1), isa.CTX_AFTERFUNC: (2, 1), isa.CTX_CANCEL: (3, 0),
    isa.SLEEP: (1, 0), isa.NOW: (0, 1), isa.TIMER_C: (1, 1), isa.TIMER_STOP: (1, 1),
    isa.TIMER_RESET: (2, 1), isa.GOSCHED: (0, 0), isa.NUMGOROUTINE: (0, 1),
    isa.GOMAXPROCS: (1, 1), isa.GC: (0, 0), isa.ERRNEW: (1, 1), isa.ERRIS: (2, 1),
    isa.WORK: (0, 0), isa.EXIT: (0, 0),
}


def stack_effect(prog, op, a, b):
    """(pops, pushes) of one instruction."""
    if op in _BIN:
        return 2, 1
    if op in _FIXED:
        return _FIXED[op]
    if op == isa.CALL:
        return b, int(prog.fn_nresults[a])
    if op == isa.CALLV:
        return a + 1, b
    if op == isa.MKCLOSURE:
        return b, 1
    if op in (isa.GO, isa.DEFER):
        return b, 0
    if op in (isa.GOV, isa.DEFERV):
        return a + 1, 0
    if op == isa.RECV:
        return 1, 2 if a else 1
    if op == isa.SELECT:
        return 3 * a, 3
    if op == isa.SLICELIT:
        return a, 1
    if op == isa.APPEND:
        return a + 1, 1
    if op == isa.CTX_WITHDEADLINE:
        return (3 if a else 2), 2
    if op == isa.TIMER_NEW:
        return (2 if a == 3 else 1), 1
    if op == isa.PRINT:
        return b, 0
    raise ValueError(f"unknown opcode {op}")


def _ranges(prog):
    nf = len(prog.fn_entry)
    order = sorted(range(nf), key=lambda i: int(prog.fn_entry[i]))
    out = {}
    for k, f in enumerate(order):
        start = int(prog.fn_entry[f])
        end = int(prog.fn_entry[order[k + 1]]) if k + 1 < nf else len(prog.code)
        out[f] = (start, end)
    return out


def verify(prog):
    """Returns (problems, max_depth per function)."""
    problems = []
    ranges = _ranges(prog)
    ncaps = {}
    for pc in range(len(prog.code)):
        op, a, b, _ = (int(v) for v in prog.code[pc])
        if op == isa.MKCLOSURE:
            if ncaps.setdefault(a, b) != b:
                problems.append(f"pc {pc}: MKCLOSURE of fn {a} with {b} captures, elsewhere {ncaps[a]}")
    depths = []
    for f in range(len(prog.fn_entry)):
        start, end = ranges[f]
        name = prog.fn_names[f]
        nl = int(prog.fn_nlocals[f])
        if nl < int(prog.fn_nparams[f]) + int(prog.fn_nresults[f]):
            problems.append(f"{name}: nlocals {nl} < params + results")
        rp = int(prog.fn_ret_pc[f])
        if not (start <= rp < end) or int(prog.code[rp, 0]) != isa.RETURN:
            problems.append(f"{name}: fn_ret_pc {rp} is not a RETURN of the function")
        height = {start: 0}
        work = [start]
        maxd = 0
        while work:
            pc = work.pop()
            h = height[pc]
            op, a, b, _ = (int(v) for v in prog.code[pc])
            where = f"{name} pc {pc} ({op})"
            try:
                pops, pushes = stack_effect(prog, op, a, b)
            except (ValueError, IndexError) as e:
                problems.append(f"{where}: {e}")
                continue
            if pops > h:
                problems.append(f"{where}: pops {pops} with {h} on the stack")
                continue
            nh = h - pops + pushes
            maxd = max(maxd, nh, h)
            if op in _SLOT_OPS and not (0 <= a < nl):
                problems.append(f"{where}: slot {a} outside 0..{nl - 1}")
            if op in _CAP_OPS and not (0 <= a < ncaps.get(f, 0)):
                problems.append(f"{where}: capture {a} but the closure has {ncaps.get(f, 0)}")
            if op in (isa.CALL, isa.GO, isa.DEFER, isa.MKCLOSURE) and not (0 <= a < len(prog.fn_entry)):
                problems.append(f"{where}: no function {a}")
            if op in (isa.CALL, isa.GO, isa.DEFER) and 0 <= a < len(prog.fn_entry) and \
                    b != int(prog.fn_nparams[a]):
                problems.append(f"{where}: {b} args for {prog.fn_names[a]} with "
                                f"{int(prog.fn_nparams[a])} params")
            if op == isa.PRINT and not (0 <= a < len(prog.fmts) and len(prog.fmts[a].arg_types) == b):
                problems.append(f"{where}: bad print descriptor {a}/{b}")
            if op == isa.LOADG or op == isa.STOREG:
                if not (0 <= a < prog.n_globals):
                    problems.append(f"{where}: global {a} outside 0..{prog.n_globals - 1}")
            if op == isa.RETURN and h != 0:
                problems.append(f"{where}: RETURN with {h} values on the operand stack")
            succ = []
            if op in (isa.JMP, isa.JZ, isa.JNZ):
                if not (start <= a < end):
                    problems.append(f"{where}: jump to {a} outside the function")
                else:
                    succ.append(a)
            if op not in _TERMINAL and not (op == isa.SELECT and a == 0 and b == 0):
                if pc + 1 >= end:
                    problems.append(f"{where}: falls off the end of the function")
                else:
                    succ.append(pc + 1)
            for s in succ:
                if s in height:
                    if height[s] != nh:
                        problems.append(f"{name} pc {s}: stack height {height[s]} vs {nh}")
                else:
                    height[s] = nh
                    work.append(s)
        depths.append(maxd)
    return problems, depths


def with_stack_depths(prog):
    """`prog` with its function table's fn_maxstack filled in from `verify` (unchanged when the
    compiler already stored it). A function the verifier finds malformed gets the depth of the
    paths it could follow."""
    ms = getattr(prog, "fn_maxstack", None)
    if ms is not None and len(ms) == len(prog.fn_entry):
        return prog
    _, depths = verify(prog)
    return dataclasses.replace(prog, fn_maxstack=np.array(depths, dtype=np.int64))
