"""Reading a finished run's final state: the program's output and the Outcome (Go's messages).

Design
======
The stepper ends a run with a code (core/defs.py END_*) and leaves its output as records in the
State (out_rec: time, G, format, offset, count; the values in out_vals). This module turns them
into what Go prints and what `trace.outcome` says, beside the other readers of the State in
trace/ (trace.py decodes the per-step snapshots): `render_output` formats each record with Go's
fmt rules (trace/gofmt.py), `make_outcome` maps the end code to the outcome name and Go's
message (the panic chain as printpanics prints it, the deadlock's goroutine list, a capacity or
step limit), and api.simulate only wires these steps together.
"""
from __future__ import annotations

from gostep.core import defs as D
from gostep.trace import gofmt
from gostep.trace.frame import Outcome

__all__ = ["render_output", "make_outcome"]


def render_output(prog, st):
    """Render the output log of a finished run: [(time, gid, stream 1|2, text)]."""
    V = gofmt.Values(tuple(prog.strings), D.field(st, 'err_msg'), D.field(st, 'if_type'), D.field(st, 'if_val'))
    recs = []
    for i in range(int(st.sc[D.S_NOUT])):
        t, g, f, off, n = (int(x) for x in D.field(st, 'out_rec')[i])
        fm = prog.fmts[f]
        args = []
        o = off
        for k in range(n):
            typ = fm.arg_types[k] if k < len(fm.arg_types) else 1
            elem = fm.elem_types[k] if k < len(fm.elem_types) else 0
            if typ == 10:   # T_SLICE
                ln = int(D.field(st, 'out_vals')[o])
                args.append((typ, 0, elem, [int(x) for x in D.field(st, 'out_vals')[o + 1:o + 1 + ln]]))
                o += ln + 1
            else:
                args.append((typ, int(D.field(st, 'out_vals')[o]), elem, None))
                o += 1
        text = gofmt.render(fm.kind, fm.format, args, V)
        recs.append((t, g, 2 if fm.kind == 3 else 1, text))
    return recs, V


def _lines(recs, stream):
    text = "".join(r[3] for r in recs if r[2] == stream)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]
    return lines


def _goroutine_block(prog, st, gid, header):
    f = int(D.field(st, 'g_fn')[gid])
    name = "context.WithDeadlineCause.func2" if f == prog.deadline_fn else prog.fn_names[f]
    return [header, f"{name}(...)"]


def _panic_lines(st, V, cur: int, old: int, old_recovered: int) -> list:
    """What Go prints for a dying panic (printpanics, runtime/panic.go 1.27): the older panic of
    the chain first ("panic: first", with " [recovered]" when it had been recovered), then a tab
    and the current one; when the current one re-panics the older one's value (the same type and
    value: preprintpanics marks it repanicked) only "panic: v [recovered, repanicked]"."""
    it, iv = D.field(st, 'if_type'), D.field(st, 'if_val')

    def val(i):
        return V.value(int(it[i]), int(iv[i])) if i > 0 else ""
    if old <= 0:
        return [f"panic: {val(cur)}"]
    same = old == cur or (int(it[old]), int(iv[old])) == (int(it[cur]), int(iv[cur]))
    if same:
        return [f"panic: {val(old)}" + (" [recovered, repanicked]" if old_recovered else "")]
    return [f"panic: {val(old)}" + (" [recovered]" if old_recovered else ""), f"\tpanic: {val(cur)}"]


def make_outcome(prog, st, cfg, recs, V):
    """The Outcome (the CLI's JSON) of a finished run, with Go's messages."""
    end = int(st.sc[D.S_END])
    kind = D.END_NAMES[end]
    t = int(st.sc[D.S_ENDT])
    stdout = _lines(recs, 1)
    stderr = _lines(recs, 2)
    msg = ""
    live = None
    exit_ = kind
    if end == D.END_OK:
        live = int(st.sc[D.S_END_B])
    elif end == D.END_PANIC:
        iface = int(st.sc[D.S_END_A])
        g = int(st.sc[D.S_END_G])
        lines = _panic_lines(st, V, iface, int(D.field(st, 'g_panic0')[g]),
                             int(D.field(st, 'g_panic0_rec')[g]))
        msg = lines[0]
        stderr += lines + [""] + _goroutine_block(prog, st, g, f"goroutine {g} [running]:")
    elif end == D.END_DEADLOCK:
        msg = "fatal error: all goroutines are asleep - deadlock!"
        stderr += [msg]
        for gid in range(1, int(st.sc[D.S_NG]) + 1):
            if D.field(st, 'g_status')[gid] == D.G_WAITING:
                stderr += [""] + _goroutine_block(
                    prog, st, gid, f"goroutine {gid} [{D.WAIT_REASONS[int(D.field(st, 'g_wait')[gid])]}]:")
    elif end == D.END_FATAL:
        msg = "fatal error: " + D.FATAL_MESSAGES[int(st.sc[D.S_END_A])]
        stderr += [msg]
        g = int(st.sc[D.S_END_G])
        if g > 0:
            stderr += [""] + _goroutine_block(prog, st, g, f"goroutine {g} [running]:")
    elif end == D.END_HANG:
        exit_ = "hang"
        msg = f"still running at the virtual time limit ({gofmt.duration(cfg.timeout_ns)})"
    elif end == D.END_STEPLIMIT:
        exit_ = "hang"
        msg = f"stopped at the step limit (max_steps={cfg.max_steps}) at t={gofmt.duration(t)}"
    elif end == D.END_CAPACITY:
        exit_ = "fatal"
        name = D.CAP_NAMES[int(st.sc[D.S_END_A])]
        msg = (f"gostep capacity: more than {name}={getattr(cfg, name)}; raise it with "
               f"capacities={{'{name}': ...}}")
    elif end == D.END_UNSUPPORTED:
        exit_ = "fatal"
        msg = f"gostep: the stepper does not support opcode {int(st.sc[D.S_END_A])} here"
    elif end == D.END_CHOICE:
        exit_ = "choice"
        msg = f"stopped before a decision with {int(st.sc[D.S_CHOICE_N])} options"
    return kind, Outcome(exit_, tuple(stdout), tuple(stderr), msg, live, t)
