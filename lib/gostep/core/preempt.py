"""Preemption points: where a G notices a preemption request and yields (preempt.go, Go 1.27).

sysmon's retake (sched.py) sets the G's preempt flag after 10 ms on one P. With asynchronous
preemption (Go 1.14+, a signal) the G stops at the next instruction once the signal has arrived
(interp.run_g); with GODEBUG=asyncpreemptoff=1 only at a cooperative point: the stack check of a
function prologue (stack.go) or a call into the runtime or a library (is_coop_op). Either way the
G goes to the global run queue: gopreempt_m -> goschedImpl (proc.go), preempt_g here; runtime.Gosched
takes the same path.

Simplifications: no suspendG / safe-point analysis: every instruction is an async safe point.
"""
from __future__ import annotations


from gostep.core.jit import kernel
from gostep.core.layout import (  # the tables' row indices (layout.py)
    G_P, G_PREEMPT, G_STATUS, P_CURG, P_PHASE
)

from gostep.core.defs import EV_PREEMPTED, G_RUNNABLE, OB_NONE, PH_G, PH_SCHED
from gostep.core.queues import globrunqput
from gostep.core.tables import gtab, ptab
from gostep.core.record import emit
from gostep.model import isa


@kernel
def preempt_g(st, cfg, prog, g, pid, t, kind):
    """gopreempt_m / goschedImpl (proc.go, 1.27): _Grunning -> _Grunnable on the *global* queue."""
    G = gtab(st)
    P = ptab(st)
    G[G_PREEMPT, g] = 0
    G[G_STATUS, g] = G_RUNNABLE
    G[G_P, g] = -1
    P[P_CURG, pid] = 0
    P[P_PHASE, pid] = PH_SCHED
    globrunqput(st, g)
    emit(st, cfg, prog, kind, g, pid, OB_NONE, 0, 0, 0, t)


@kernel
def is_coop_op(op):
    """Opcodes that are calls into the runtime or a library (isa.py "(lib)" and the other
    runtime calls: chansend, selectgo, fmt, context, sync): their prologue's stack check is a
    cooperative preemption point. Inlined builtins (len, cap, indexing, t.C) are not."""
    if op == isa.GO or op == isa.GOV:
        return True
    if op < isa.MAKECHAN:
        return False
    return not (op == isa.CHANLEN or op == isa.CHANCAP or op == isa.SLICELEN or op == isa.SLICECAP
                or op == isa.INDEX or op == isa.SETINDEX or op == isa.TIMER_C or op == isa.WORK
                or op == isa.ERRIS or op == isa.EXIT)


@kernel
def coop_point(st, cfg, prog, g, pid, t):
    """A cooperative preemption point (a stack check or a runtime call) with a pending request:
    the G yields to the global queue. Returns True if it did."""
    G = gtab(st)
    P = ptab(st)
    if G[G_PREEMPT, g] != 0 and P[P_PHASE, pid] == PH_G and P[P_CURG, pid] == g:
        preempt_g(st, cfg, prog, g, pid, t, EV_PREEMPTED)
        return True
    return False
