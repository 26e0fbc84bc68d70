"""Chapter 0's exercise check (the pattern: `checks.py`, "How a check decides").

The exercise: course/programs/go_order.go makes three `go` statements on one P (and the first
goroutine makes a fourth); in what order do the four goroutines first run? The answer follows from
two lines of runtime/proc.go (Go 1.27.3): `newproc` calls `runqput(pp, newg, true)`, which puts
the new G in `runnext` and kicks the G that was there to the tail of the local run queue; and
`runqget` takes `runnext` before the head of the queue.

The check runs the program in the model at GOMAXPROCS=1 (the task fixes it: at two Ps real Go's
other P may steal) with three seeds, reads the order in which the goroutines first executed from
the trace's events (`ch0.first_runs`), and compares the reader's order with it. It never reads
what the program prints. A wrong order gets the rule it breaks (never which position is wrong, so
that tries cannot be combined into the answer); a pass gets the state that explains it.
"""
from __future__ import annotations

import re

from .checks import CheckResult
from .ch0 import at_park, first_runs
from .ch0 import __all__ as _ch0_all
from .ch0 import *  # noqa: F401,F403  (chapter 0's readings, exported with the checks)

__all__ = ["check_go_order", "GO_ORDER_PROGRAM", *_ch0_all]

GO_ORDER_PROGRAM = "go_order"      # course/programs/go_order.go
_SEEDS = (0, 1, 2)
_RULE = ("newproc calls runqput(pp, newg, true): the new G goes into runnext, and the G that was in "
         "runnext moves to the tail of the P's local run queue; when the running G parks or exits, runqget "
         "takes runnext first, then the head of the local run queue (runtime/proc.go, Go 1.27.3).")
_HOW = ("Step through it: gs.show(gs.load(\"programs/go_order.go\"), start=\"park\") opens where "
        "main parks; read P0's runnext and local run queue there, then follow each runqget, and "
        "watch what a's go statement does.")


def _parse(answer) -> list[str]:
    """The reader's order as lower-case function names: "c a d b", "c, a, d, b", a list, "main.c"."""
    items = answer if isinstance(answer, (list, tuple)) else re.split(r"[\s,;>]+|->", str(answer))
    out = []
    for it in items:
        it = str(it).strip().strip("\"'").lower()
        it = it[5:] if it.startswith("main.") else it
        if it.endswith("()"):
            it = it[:-2]
        if it:
            out.append(it)
    return out


def _model_order():
    """(order, trace) from the model at GOMAXPROCS=1 over _SEEDS; order None if seeds disagree."""
    import gostep as gs
    from .source import program_path
    prog = gs.load(str(program_path(GO_ORDER_PROGRAM)))
    traces = [gs.simulate(prog, gomaxprocs=1, seed=s) for s in _SEEDS]
    orders = {tuple(first_runs(t)) for t in traces}
    return (orders.pop() if len(orders) == 1 else None), traces[0]


def check_go_order(answer) -> CheckResult:
    """Chapter 0: the order in which go_order.go's goroutines first run at GOMAXPROCS=1, by name."""
    names = _parse(answer)
    truth, trace = _model_order()
    if truth is None:
        return CheckResult(False, ["The model ran the goroutines in different orders on different "
                                   "seeds; this is a bug in gostep, please report it."])
    everyone = sorted(truth)
    listed = ", ".join(everyone[:-1]) + " and " + everyone[-1]
    if any(re.fullmatch(r"g\d+", n) for n in names):
        return CheckResult(False, [f"Write the functions' names ({listed}), not goroutine ids: "
                                   "the ids depend on the order of creation, which is not the "
                                   "question."])
    if sorted(names) != everyone:
        extra = sorted(set(names) - set(everyone))
        msg = (f"The program runs {len(everyone)} goroutines besides main: {listed} (main starts "
               "three, and one of them starts the fourth). Write each name once, in the order "
               "they first run.")
        if "main" in extra:
            msg += " Leave main out: it is already running."
        return CheckResult(False, [msg])
    if tuple(names) == truth:
        st = at_park(trace)
        msgs = [f"Right: the model ran them in this order at GOMAXPROCS=1 with seeds "
                f"{', '.join(map(str, _SEEDS))} (read from its execute steps, not from the output)."]
        if st is not None:
            msgs.append(f"When main parks in wg.Wait ({st!r}), runnext runs first, then the "
                        "queue from its head; a G created while another runs goes into runnext "
                        "again, ahead of the Gs already queued.")
        msgs.append(_RULE)
        return CheckResult(True, msgs)
    created = _creation_order(trace)
    if names == created:
        why = ("That is the order of the go statements, as if every new G joined the tail of one "
               "queue and main stopped at each go statement.")
    elif names[::-1] == created or names[:3] == created[:3][::-1]:
        why = ("That treats the run queue as a stack (last created, first run). runnext holds one "
               "G only, and the local run queue is first in, first out.")
    else:
        why = ("That is not the order the model ran them in at GOMAXPROCS=1: apply the rule below "
               "at each go statement, and each time a goroutine parks or exits.")
    return CheckResult(False, [why, _RULE, _HOW])


def _creation_order(trace) -> list[str]:
    """Function names of the non-main goroutines in the order they were created."""
    seen, out = set(), []
    for i in range(len(trace)):
        f = trace.frame(i)
        for g in f.gs:
            if g.gid != 1 and g.gid not in seen:
                seen.add(g.gid)
                out.append(g.func[5:] if g.func.startswith("main.") else g.func)
    return out
