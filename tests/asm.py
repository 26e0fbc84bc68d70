"""A tiny assembler for the stepper's tests: CompiledPrograms built by hand from instruction tuples.

    prog = assemble([
        fn("main.main", code=[
            (isa.PUSH, 0, 0, 0, 3), (isa.MAKECHAN,), ...,
            "loop:", (isa.JMP, "loop"),
        ]),
        fn("main.worker", nparams=1, nlocals=1, flags=isa.FN_STACKCHECK, code=[...]),
    ], strings=["hello"], fmts=[Fmt(1, "", (isa.T_STRING,))])

An instruction is (op, a=0, b=0, c=0, line=0); an operand may name a label ("loop") or a
function ("main.worker"). A function gets an epilogue RETURN unless its last instruction is
one; fn_ret_pc points at it. The synthetic deadline function of isa.py is appended.
"""
from __future__ import annotations

import numpy as np

from gostep.model import isa
from gostep.model.program import CompiledProgram, Fmt  # noqa: F401  (re-exported for tests)


def fn(name, code, nparams=0, nlocals=None, nresults=0, flags=0):
    if nlocals is None:
        nlocals = nparams + nresults
    return dict(name=name, code=list(code), nparams=nparams, nlocals=nlocals, nresults=nresults,
                flags=flags)


def assemble(funcs, strings=("",), fmts=(), n_globals=0, filename="asm.go", source=None):
    funcs = list(funcs) + [fn("context.WithDeadlineCause.func2", nparams=1, nlocals=1,
                              flags=isa.FN_SYNTHETIC,
                              code=[(isa.LOAD, 0), (isa.PUSH, 2), (isa.PUSH, -1), (isa.CTX_CANCEL,),
                                    (isa.RETURN,)])]
    names = [f["name"] for f in funcs]
    code, pos, entry, ret_pc = [], [], [], []
    labels, fixups = {}, []
    for fi, f in enumerate(funcs):
        entry.append(len(code))
        body = list(f["code"])
        last = [x for x in body if not isinstance(x, str)]
        if not last or last[-1][0] != isa.RETURN:
            body.append((isa.RETURN, 0, 0, 0, last[-1][4] if last and len(last[-1]) > 4 else 0))
        for ins in body:
            if isinstance(ins, str):
                labels[(fi, ins.rstrip(":"))] = len(code)
                continue
            ins = tuple(ins) + (0,) * (5 - len(ins))
            op, a, b, c, line = ins
            row = [op, a, b, c]
            for k in (1, 2, 3):
                if isinstance(row[k], str):
                    fixups.append((len(code), k, fi, row[k]))
                    row[k] = 0
            code.append(row)
            pos.append([line, 1])
        ret_pc.append(len(code) - 1)
    for at, k, fi, name in fixups:
        if name in names:
            code[at][k] = names.index(name)
        else:
            code[at][k] = labels[(fi, name)]
    nlines = max([p[0] for p in pos] + [1])
    src = source if source is not None else "\n".join(f"// line {i + 1}" for i in range(nlines)) + "\n"
    return CompiledProgram(
        filename=filename, source=src, go_version=(1, 27),
        code=np.array(code, dtype=np.int64).reshape(-1, 4), pos=np.array(pos, dtype=np.int32).reshape(-1, 2),
        fn_entry=np.array(entry, np.int64), fn_nparams=np.array([f["nparams"] for f in funcs], np.int64),
        fn_nlocals=np.array([f["nlocals"] for f in funcs], np.int64),
        fn_nresults=np.array([f["nresults"] for f in funcs], np.int64),
        fn_flags=np.array([f["flags"] for f in funcs], np.int64),
        fn_ret_pc=np.array(ret_pc, np.int64), fn_names=tuple(names), n_globals=n_globals,
        strings=tuple(strings), fmts=tuple(fmts), deadline_fn=len(funcs) - 1)


# ---- invariants checked after every step (used by the core and trace tests) ------------------

def check_invariants(trace, runq_size=256):
    """Assert the stepper's invariants on every frame of `trace`; return the number checked.

    - a live G is in exactly one place: running on one P; or runnable on exactly one run queue
      (a runnext, a local ring or the global queue); or waiting, on no run queue, and (when it
      waits on channels) on at most one queue per channel;
    - local run queues stay within runq_size;
    - each P's clock never goes back (events of one P have non-decreasing times);
    - a timer never fires before its `when`.
    """
    last_t = {}
    prev = None
    held = set()   # Gs taken off a run queue by a scheduling pass and not yet executed
    for i in range(len(trace)):
        f = trace.frame(i)
        if f.event.kind in ("runqget", "globrunqget", "steal"):
            held.add(f.event.gid)
        elif f.event.kind == "execute":
            held.discard(f.event.gid)
        places = {}
        for p in f.ps:
            assert len(p.runq) <= runq_size, (i, p)
            if p.curg > 0:
                places.setdefault(p.curg, []).append(f"P{p.pid}.curg")
            if p.runnext > 0:
                places.setdefault(p.runnext, []).append(f"P{p.pid}.runnext")
            for g in p.runq:
                places.setdefault(g, []).append(f"P{p.pid}.runq")
        for g in f.global_runq:
            places.setdefault(g, []).append("global")
        chq = {}
        for c in f.chans:
            for g in c.sendq + c.recvq:
                chq.setdefault(g, []).append(c.cid)
        for g in f.gs:
            where = places.get(g.gid, [])
            if g.status == "running":
                assert where == [f"P{g.pid}.curg"], (i, g, where, f.event)
                assert g.gid not in chq, (i, g)
            elif g.status == "runnable":
                if not where and g.gid in held:
                    continue   # taken off its queue by a scheduling pass, executed next
                assert len(where) == 1 and not where[0].endswith("curg"), (i, g, where, f.event)
                assert g.gid not in chq, (i, g, f.event)
            elif g.status == "waiting":
                assert where == [], (i, g, where, f.event)
                qs = chq.get(g.gid, [])
                if g.wait_reason != "select":   # a select may have two cases on one channel
                    assert len(qs) == len(set(qs)), (i, g, qs)
                if g.wait_reason in ("chan send", "chan receive"):
                    assert len(qs) == 1, (i, g, qs, f.event)
            elif g.status == "dead":
                assert where == [] and g.gid not in chq, (i, g, where)
        ev = f.event
        if ev.pid >= 0 and ev.kind not in ("wakep",):
            assert f.time_ns >= last_t.get(ev.pid, 0), (i, ev, f.time_ns, last_t.get(ev.pid))
            last_t[ev.pid] = f.time_ns
        if ev.kind == "timer_fire" and prev is not None:
            tid = int(ev.obj.split("#")[1])
            whens = [tv.when_ns for p in prev.ps for tv in p.timers if tv.tid == tid]
            assert whens and f.time_ns >= whens[0], (i, ev, whens, f.time_ns)
        prev = f
    return len(trace)


# ---- canonical hand-assembled programs (until the front end compiles course/programs) --------
from gostep.model import isa as I  # noqa: E402

MS = 1_000_000


def prog_pingpong():
    """main: ch := make(chan int); go worker(ch); fmt.Println(<-ch)  /  worker: ch <- 42"""
    return assemble([
        fn("main.main", nlocals=1, code=[
            (I.PUSH, 0, 0, 0, 2), (I.MAKECHAN, 0, 0, 0, 2), (I.STORE, 0, 0, 0, 2),
            (I.LOAD, 0, 0, 0, 3), (I.GO, "main.worker", 1, 0, 3),
            (I.LOAD, 0, 0, 0, 4), (I.RECV, 0, 0, 0, 4), (I.PRINT, 0, 1, 0, 4),
            (I.EXIT, 0, 0, 0, 5)]),
        fn("main.worker", nparams=1, nlocals=1, flags=I.FN_STACKCHECK, code=[
            (I.LOAD, 0, 0, 0, 7), (I.PUSH, 42, 0, 0, 7), (I.SEND, 0, 0, 0, 7), (I.RETURN, 0, 0, 0, 8)]),
    ], fmts=[Fmt(1, "", (I.T_INT,))])


def prog_deadlock():
    """main: ch := make(chan int); <-ch"""
    return assemble([fn("main.main", code=[
        (I.PUSH, 0, 0, 0, 2), (I.MAKECHAN, 0, 0, 0, 2), (I.RECV, 0, 0, 0, 3), (I.POP, 0, 0, 0, 3),
        (I.EXIT, 0, 0, 0, 4)])])


def prog_recover():
    """main: f(); fmt.Println("after")  /  f: defer func(){ fmt.Println(recover()) }(); panic("boom")"""
    return assemble([
        fn("main.main", code=[(I.CALL, "main.f", 0, 0, 2), (I.PUSH, 2, 0, 0, 3), (I.PRINT, 1, 1, 0, 3),
                              (I.EXIT, 0, 0, 0, 4)]),
        fn("main.f", flags=I.FN_STACKCHECK, code=[
            (I.MKCLOSURE, "main.f.func1", 0, 0, 6), (I.DEFERV, 0, 0, 0, 6),
            (I.PUSH, 1, 0, 0, 7), (I.PANIC, I.T_STRING, 0, 0, 7), (I.RETURN, 0, 0, 0, 8)]),
        fn("main.f.func1", flags=I.FN_CLOSURE, code=[
            (I.RECOVER, 0, 0, 0, 6), (I.PRINT, 0, 1, 0, 6), (I.RETURN, 0, 0, 0, 6)]),
    ], strings=("", "boom", "after"), fmts=[Fmt(1, "", (I.T_ANY,)), Fmt(1, "", (I.T_STRING,))])


def prog_simple(code, strings=("", "boom"), fmts=()):
    return assemble([fn("main.main", nlocals=4, code=code)], strings=strings, fmts=fmts)


def prog_spin_timeout(spin="work", timeout_ns=5 * MS):
    """main: start := time.Now(); ctx, cancel := context.WithTimeout(bg, 5ms); go spin();
    <-ctx.Done(); fmt.Println(time.Since(start)).  spin: for { <body> } where body is
    "work" (1 us of CPU, no call), "gosched" (runtime.Gosched()), "sleep0" (time.Sleep(0))."""
    body = {"work": [(I.WORK, 1000, 0, 0, 11)],
            "gosched": [(I.WORK, 1000, 0, 0, 11), (I.GOSCHED, 0, 0, 0, 11)],
            "sleep0": [(I.WORK, 1000, 0, 0, 11), (I.PUSH, 0, 0, 0, 11), (I.SLEEP, 0, 0, 0, 11)]}[spin]
    return assemble([
        fn("main.main", nlocals=3, code=[
            (I.NOW, 0, 0, 0, 3), (I.STORE, 0, 0, 0, 3),
            (I.CTX_BACKGROUND, 0, 0, 0, 4), (I.NOW, 0, 0, 0, 4), (I.PUSH, timeout_ns, 0, 0, 4),
            (I.ADD, 0, 0, 0, 4), (I.CTX_WITHDEADLINE, 0, 0, 0, 4), (I.STORE, 2, 0, 0, 4),
            (I.STORE, 1, 0, 0, 4),
            (I.GO, "main.spin", 0, 0, 5),
            (I.LOAD, 1, 0, 0, 6), (I.CTX_DONE, 0, 0, 0, 6), (I.RECV, 0, 0, 0, 6), (I.POP, 0, 0, 0, 6),
            (I.NOW, 0, 0, 0, 7), (I.LOAD, 0, 0, 0, 7), (I.SUB, 0, 0, 0, 7), (I.PRINT, 0, 1, 0, 7),
            (I.EXIT, 0, 0, 0, 8)]),
        fn("main.spin", flags=I.FN_STACKCHECK, code=["loop:"] + body + [(I.JMP, "loop", 0, 0, 12)]),
    ], fmts=[Fmt(1, "", (I.T_DURATION,))])


def prog_deadlines(n=1000, cancel_first=False):
    """for i := 0; i < n; i++ { _, cancel := context.WithTimeout(bg, 1ms); [cancel()] };
    time.Sleep(20ms); fmt.Println(runtime.NumGoroutine())"""
    extra = [(I.LOAD, 2, 0, 0, 5), (I.CALLV, 0, 0, 0, 5)] if cancel_first else []
    return assemble([fn("main.main", nlocals=3, code=[
        (I.PUSH, 0, 0, 0, 3), (I.STORE, 0, 0, 0, 3),
        "loop:", (I.LOAD, 0, 0, 0, 3), (I.PUSH, n, 0, 0, 3), (I.LT, 0, 0, 0, 3), (I.JZ, "done", 0, 0, 3),
        (I.CTX_BACKGROUND, 0, 0, 0, 4), (I.NOW, 0, 0, 0, 4), (I.PUSH, MS, 0, 0, 4), (I.ADD, 0, 0, 0, 4),
        (I.CTX_WITHDEADLINE, 0, 0, 0, 4), (I.STORE, 2, 0, 0, 4), (I.STORE, 1, 0, 0, 4)] + extra + [
        (I.LOAD, 0, 0, 0, 3), (I.PUSH, 1, 0, 0, 3), (I.ADD, 0, 0, 0, 3), (I.STORE, 0, 0, 0, 3),
        (I.JMP, "loop", 0, 0, 3),
        "done:", (I.PUSH, 20 * MS, 0, 0, 7), (I.SLEEP, 0, 0, 0, 7),
        (I.NUMGOROUTINE, 0, 0, 0, 8), (I.PRINT, 0, 1, 0, 8), (I.EXIT, 0, 0, 0, 9)])],
        fmts=[Fmt(1, "", (I.T_INT,))])


def prog_stale_timer():
    """t := time.NewTimer(1ms); time.Sleep(2ms); fmt.Println(t.Stop(), cap(t.C));
    select { case <-t.C: fmt.Println(0) default: fmt.Println(-1) }"""
    return assemble([fn("main.main", nlocals=1, code=[
        (I.PUSH, MS, 0, 0, 3), (I.TIMER_NEW, 1, 0, 0, 3), (I.STORE, 0, 0, 0, 3),
        (I.PUSH, 2 * MS, 0, 0, 4), (I.SLEEP, 0, 0, 0, 4),
        (I.LOAD, 0, 0, 0, 5), (I.TIMER_STOP, 0, 0, 0, 5), (I.LOAD, 0, 0, 0, 5), (I.TIMER_C, 0, 0, 0, 5),
        (I.CHANCAP, 0, 0, 0, 5), (I.PRINT, 0, 2, 0, 5),
        (I.PUSH, 2, 0, 0, 6), (I.LOAD, 0, 0, 0, 6), (I.TIMER_C, 0, 0, 0, 6), (I.PUSH, 0, 0, 0, 6),
        (I.SELECT, 1, 1, 0, 6), (I.POP, 0, 0, 0, 6), (I.POP, 0, 0, 0, 6), (I.PRINT, 1, 1, 0, 6),
        (I.EXIT, 0, 0, 0, 7)])],
        fmts=[Fmt(1, "", (I.T_BOOL, I.T_INT)), Fmt(1, "", (I.T_INT,))])


def prog_select2():
    """a, b := make(chan int, 1), make(chan int, 1); a <- 1; b <- 2;
    select { case v := <-a: println(v) case v := <-b: println(v) }"""
    return assemble([fn("main.main", nlocals=2, code=[
        (I.PUSH, 1, 0, 0, 2), (I.MAKECHAN, 0, 0, 0, 2), (I.STORE, 0, 0, 0, 2),
        (I.PUSH, 1, 0, 0, 2), (I.MAKECHAN, 0, 0, 0, 2), (I.STORE, 1, 0, 0, 2),
        (I.LOAD, 0, 0, 0, 3), (I.PUSH, 1, 0, 0, 3), (I.SEND, 0, 0, 0, 3),
        (I.LOAD, 1, 0, 0, 3), (I.PUSH, 2, 0, 0, 3), (I.SEND, 0, 0, 0, 3),
        (I.PUSH, 2, 0, 0, 4), (I.LOAD, 0, 0, 0, 4), (I.PUSH, 0, 0, 0, 4),
        (I.PUSH, 2, 0, 0, 4), (I.LOAD, 1, 0, 0, 4), (I.PUSH, 0, 0, 0, 4),
        (I.SELECT, 2, 0, 0, 4), (I.POP, 0, 0, 0, 4), (I.SWAP, 0, 0, 0, 4), (I.POP, 0, 0, 0, 4),
        (I.PRINT, 0, 1, 0, 5), (I.EXIT, 0, 0, 0, 6)])],
        fmts=[Fmt(1, "", (I.T_INT,))])
