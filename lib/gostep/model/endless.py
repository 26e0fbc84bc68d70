"""Endless, unobservable loops: the back-edges whose skipped iterations nobody can see.

Why this pass exists
====================
A goroutine spinning in `for { x++ }` runs about a billion bytecode instructions per virtual
second. Interpreting each one makes a modelled "hang" (the loop that asyncpreemptoff=1 cannot stop,
go-facts.md exp 01) cost minutes of wall time, and a 20 ms spin cost most of a second. But such a
loop has two properties that let the stepper skip its iterations *exactly*:

1. it never exits on its own: no instruction in it jumps out, returns, panics or ends the program
   (the Go spec: a `for` without condition and without break/return runs forever);
2. nothing outside it can observe how many iterations ran: it touches only its own frame's locals,
   globals that no code outside the loop (and outside the functions it calls) ever reads, and
   calls functions of the same kind; it makes no runtime call (no channel op, print, time read,
   allocation, go, defer, panic).

Between two events of the rest of the system (another P's next step, a sysmon tick, a timer, the
time limit), such a G's only visible effect is that its P stays busy. The stepper therefore jumps
the P's clock to the next such event when the G takes the marked back-edge (isa.JMP with b == 1);
a preemption request, the cooperative points inside the loop (calls of FN_STACKCHECK functions)
and everything else keep their meaning, since they happen at those events.

What is refused (the loop is then simply interpreted): boxes (captured variables are shared with
closures and other goroutines), captures, DIV/MOD by a non-constant (may panic), indexing (may
panic), recursion, every runtime opcode. Rejected alternative: detecting repeated states at run
time; `x++` never repeats a state, so it would never fire.
"""
from __future__ import annotations

import numpy as np

from . import isa

_PURE = {isa.NOP, isa.PUSH, isa.POP, isa.DUP, isa.SWAP, isa.LOAD, isa.STORE, isa.ADD, isa.SUB,
         isa.MUL, isa.NEG, isa.NOT, isa.EQ, isa.NE, isa.LT, isa.LE, isa.GT, isa.GE, isa.BAND,
         isa.BOR, isa.BXOR, isa.SHL, isa.SHR, isa.LOADG, isa.STOREG, isa.WORK}
_JUMPS = {isa.JMP, isa.JZ, isa.JNZ}


def _fn_of(pc, entries):
    """Index of the function whose code holds pc (functions are contiguous)."""
    return int(np.searchsorted(entries, pc, side="right") - 1)


def _pure_fn(code, f, fn_entry, fn_ret_pc, memo, stack, globs):
    """True if calling function f is unobservable and returns (no recursion, pure ops only)."""
    if f in memo:
        return memo[f]
    if f in stack:
        return False
    stack.add(f)
    lo, hi = int(fn_entry[f]), int(fn_ret_pc[f])
    ok = _pure_range(code, lo, hi, lo, hi, fn_entry, fn_ret_pc, memo, stack, globs, allow_return=True)
    stack.discard(f)
    memo[f] = ok
    return ok


def _pure_range(code, lo, hi, jlo, jhi, fn_entry, fn_ret_pc, memo, stack, globs, allow_return):
    for pc in range(lo, hi + 1):
        op, a = int(code[pc, 0]), int(code[pc, 1])
        if op in _PURE:
            if op in (isa.LOADG, isa.STOREG):
                globs.add(a)
            continue
        if op in _JUMPS:
            if not (jlo <= a <= jhi):
                return False
            continue
        if op in (isa.DIV, isa.MOD):
            if not (pc > 0 and int(code[pc - 1, 0]) == isa.PUSH and int(code[pc - 1, 1]) != 0):
                return False
            continue
        if op == isa.CALL:
            if not _pure_fn(code, a, fn_entry, fn_ret_pc, memo, stack, globs):
                return False
            continue
        if op == isa.RETURN and allow_return:
            continue
        return False
    return True


def mark_endless_loops(code: np.ndarray, fn_entry: np.ndarray, fn_ret_pc: np.ndarray) -> list:
    """Set b = 1 on every back-edge JMP that closes an endless, unobservable loop (see the module
    doc). Returns the pcs marked. `code` is modified in place."""
    n = code.shape[0]
    entries = np.asarray(fn_entry, dtype=np.int64)
    order = np.argsort(entries)
    sorted_entries = entries[order]
    memo: dict = {}
    marked = []
    for pc in range(n):
        if int(code[pc, 0]) != isa.JMP or int(code[pc, 1]) > pc:
            continue
        top = int(code[pc, 1])
        if _fn_of(top, sorted_entries) != _fn_of(pc, sorted_entries):
            continue
        globs: set = set()
        if not _pure_range(code, top, pc - 1, top, pc, fn_entry, fn_ret_pc, memo, set(), globs,
                           allow_return=False):
            continue
        # the loop's globals must not be read by any code outside the loop and its callees
        inside = set(range(top, pc + 1))
        todo = [int(code[q, 1]) for q in range(top, pc) if int(code[q, 0]) == isa.CALL]
        seen: set = set()
        while todo:
            f = todo.pop()
            if f in seen:
                continue
            seen.add(f)
            lo, hi = int(fn_entry[f]), int(fn_ret_pc[f])
            inside.update(range(lo, hi + 1))
            todo.extend(int(code[q, 1]) for q in range(lo, hi + 1) if int(code[q, 0]) == isa.CALL)
        reads = np.nonzero(code[:, 0] == isa.LOADG)[0]
        if any(int(code[r, 1]) in globs and int(r) not in inside for r in reads):
            continue
        code[pc, 2] = 1
        marked.append(pc)
    return marked
