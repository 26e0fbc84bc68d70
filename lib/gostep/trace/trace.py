"""The Trace: a finished run of the stepper as a list of steps that can be read in any order.

Design
======
The stepper writes, per step, an event row and a compact snapshot (core/record.py: a keyframe
at most every `keyframe` steps, only the changed objects in between). `Trace.frame(i)` finds the
keyframe at or before i, replays the deltas since it and builds an immutable `Frame`
(trace/frame.py); a small LRU cache keeps the last decoded frames, so stepping back and forth in
the player is cheap. Stepping back is `i - 1` (Python Tutor's model): nothing is re-run.

Endings (ok, panic, deadlock, fatal, hang, step limit, capacity) are the last entry of the trace
and its `outcome`, never exceptions. `to_text()` is a schedtrace-like dump of every step, used for
golden tests.
"""
from __future__ import annotations

import copy
from collections import OrderedDict

import numpy as np

from gostep.core import defs as D
from gostep.model import isa
from gostep.trace import gofmt, narration
from gostep.trace.frame import (EVENT_KINDS, ChanView, CtxView, Event, Frame, GView, Outcome,
                                PView, SysmonView, TimerView)

G_STATUSES = ("idle", "runnable", "running", "waiting", "dead")
P_STATUSES = ("idle", "running", "gcstop")
WAIT_REASONS = ("", "chan send", "chan receive", "select", "select (no cases)", "sleep",
                "sync.WaitGroup.Wait", "sync.Mutex.Lock", "chan send (nil chan)",
                "chan receive (nil chan)")
TIMER_KINDS = ("", "sleep", "deadline", "afterfunc", "chan")
CTX_KINDS = ("background", "todo", "cancel", "deadline", "withoutcancel", "afterfunc")
ERRS = {0: "", 1: "context canceled", 2: "context deadline exceeded"}
DEADLINE_FUNC = "context.WithDeadlineCause.func2"


REC_PQ, REC_GQ, REC_WQ = D.REC_PQ, D.REC_GQ, D.REC_WQ


def _wq_delta(prev, rec):
    """Apply a channel wait queue record (record.build_wq: [old length, k, k removed indices, Gs
    enqueued since]) to the queue decoded so far; old length 0: the Gs that follow are the queue."""
    old, k = int(rec[0]), int(rec[1])
    add = tuple(int(x) for x in rec[2 + k:])
    if old == 0:
        return add
    base = prev if prev is not None else ()
    assert len(base) == old, "wait queue record does not follow its last record"
    rem = set(int(x) for x in rec[2:2 + k])
    return tuple(g for i, g in enumerate(base) if i not in rem) + add


def _queue_delta(prev, rec, with_heap: bool):
    """Apply a queue record (record.build_pq / build_gq: [head, tail, start, entries[start:tail],
    heap size]) to the queue decoded so far, (head, tail, entries, heap size): the entries in
    [head, start) are the previous record's, the rest are in this one."""
    h, t, start = int(rec[0]), int(rec[1]), int(rec[2])
    new = tuple(int(x) for x in rec[3:3 + t - start])
    if start > h and prev is not None:
        h0 = prev[0]
        new = prev[2][h - h0:start - h0] + new
    return (h, t, new, int(rec[3 + t - start]) if with_heap else 0)


def _ms(ns: int) -> str:
    return gofmt.duration(int(ns))


class Trace:
    """A recorded run. Build it with gostep.simulate; read it with frame(i), events, outcome."""

    def __init__(self, program, settings: dict, st, cfg, end_kind: str, outcome: Outcome,
                 stdout_records, choice_log, pending_choice=None, measure=-1):
        self.program = program
        self.settings = dict(settings)
        self.end_kind = end_kind
        self.outcome = outcome
        self.choices = list(choice_log)        # [(kind, n, taken)], replay with choices=[taken...]
        self.pending_choice = pending_choice   # (kind, n) when stopped at a decision
        self.measure_ns = measure
        self._cfg = cfg
        n = int(st.sc[D.S_NEVT])
        self._n = n
        # views, not copies: the State is not used again, and its recording buffers are zero
        # pages beyond the part the run wrote (copying 80 MB took longer than the run)
        self._ev = st.ev.reshape(-1, 8)[:n]
        self._snap = st.snap[: int(st.sc[D.S_SNAPLEN]) + 1] if n else np.zeros(1, np.int64)
        self._off = st.snap_off[:n]
        self._out = stdout_records            # [(time, gid, stream, text)]
        self._fn_names = tuple(program.fn_names) if program is not None else ()
        self._sites = {}                       # channel site -> (name, elem, value code)
        self._vals = None                     # gofmt.Values of the run (api.simulate sets it)
        self._cache = OrderedDict()
        self._last_objs = None                # (step, records) of the last step decoded
        self._events = None
        self.lang = "en"                      # narration language (with_lang)
        self.stats = {"steps": int(st.sc[D.S_NSTEPS]), "end_ns": outcome.elapsed_ns}

    # ---- basic access ------------------------------------------------------------------------
    def __len__(self):
        return self._n

    def __getitem__(self, i):
        return self.frame(i)

    @property
    def events(self):
        if self._events is None:
            self._events = [self._event(i) for i in range(self._n)]
        return self._events

    def event_kinds(self) -> np.ndarray:
        """The kind index (into EVENT_KINDS) of every step, as an array (for "next <kind>")."""
        return self._ev[:, 0].copy()

    def times(self) -> np.ndarray:
        return self._ev[:, 7].copy()

    def find(self, kind: str, start: int = 0, gid: int | None = None) -> int:
        """The first step >= start of this kind (and G), or -1."""
        k = EVENT_KINDS.index(kind)
        for i in range(start, self._n):
            if self._ev[i, 0] == k and (gid is None or self._ev[i, 1] == gid):
                return i
        return -1

    def lines_of(self, gid: int) -> list:
        """The source lines G gid executed, in order, one per recorded "line" step."""
        k = EVENT_KINDS.index("line")
        m = (self._ev[:, 0] == k) & (self._ev[:, 1] == gid)
        return [int(x) for x in self._ev[m, 5]]

    @property
    def stdout(self) -> tuple:
        return self.outcome.stdout

    # ---- names and narration -------------------------------------------------------------------
    def _fn(self, f: int) -> str:
        if 0 <= f < len(self._fn_names):
            return self._fn_names[f]
        return f"fn{f}"

    def _gfunc(self, fn: int, by: int) -> str:
        if self.program is not None and fn == self.program.deadline_fn:
            return DEADLINE_FUNC
        return self._fn(fn)

    def _event(self, i: int) -> Event:
        kind, g, p, ot, oid, a, b, t = (int(x) for x in self._ev[i])
        name = EVENT_KINDS[kind]
        obj = {1: f"chan#{oid}", 2: f"timer#{oid}", 3: f"ctx#{oid}", 4: f"sync#{oid}", 5: f"P{oid}"}.get(ot, "")
        if ot == 5 and oid < 0:
            obj = ""
        return Event(name, self._narrate(name, g, p, ot, oid, a, b, t, obj), g, p, obj)

    def _narrate(self, k, g, p, ot, oid, a, b, t, obj) -> str:
        """The step's sentence: which template (trace/narration.py) and its fields."""
        G, P = f"G{g}", f"P{p}"
        lang = self.lang

        def say(key, **f):
            return narration.say(lang, key, **f)

        def who():                 # a step of a G, or of the runtime on a P's g0
            return G if g > 0 else P

        if k == "start":
            return say("start")
        if k == "schedule":
            return say("schedule_spinning" if b else "schedule", P=P, tick=a)
        if k == "runqget":
            return say("runqget_runnext" if a else "runqget", P=P, G=G)
        if k == "globrunqget":
            return say("globrunqget", P=P, G=G)
        if k == "steal":
            return say("steal", P=P, G=G, victim=f"P{oid}")
        if k == "execute":
            return say("execute_inherit", P=P, G=G) if a else say("execute", P=P, G=G, tick=b)
        if k == "line":
            return say("line", G=G, line=a)
        if k == "go":
            func = self._gfunc(b, a)
            return say("go", by=f"G{a}", func=func, G=G, P=P) if a > 0 else say("go_timer", func=func, G=G, P=P)
        if k == "park":
            reason = WAIT_REASONS[a] if 0 <= a < len(WAIT_REASONS) else "?"
            if a == 3:
                key = "park_select"
            else:
                key = {1: "park_send" if a == 1 else "park_recv", 3: "park_select_obj", 2: "park_timer",
                       4: "park_on"}.get(ot, "park")
            return say(key, G=G, obj=obj, reason=reason)
        if k == "ready":
            return say("ready", by=f"G{a}", G=G, P=P) if a > 0 else say("ready_g0", G=G, P=P)
        if k == "chansend":
            sender = f"G{g}" if g > 0 else say("a timer")
            return say("chansend_direct" if a == 1 else "chansend_buf", who=sender, obj=obj, G2=f"G{b}")
        if k == "chanrecv":
            key = {1: "chanrecv_direct", 2: "chanrecv_buf_moves" if b else "chanrecv_buf"}.get(a, "chanrecv_closed")
            return say(key, G=G, obj=obj, G2=f"G{b}")
        if k == "close":
            return say("close", who=f"G{g}" if g > 0 else say("the runtime"), obj=obj)
        if k == "select":
            return say("select_default", G=G) if a < 0 else say("select_case", G=G, case=a, obj=obj, ready=b)
        if k == "timer_add":
            return say("timer_add", who=who(), obj=obj, kind=TIMER_KINDS[a], when=_ms(b), P=P)
        if k == "timer_fire":
            key = {1: "timer_fire_ready", 2: "timer_fire_deadline", 3: "timer_fire_afterfunc",
                   4: "timer_fire_chan"}.get(a, "timer_fire")
            return say(key, obj=obj, P=P, G2=f"G{b}", ctx=f"ctx#{b}", func=DEADLINE_FUNC)
        if k == "timer_stop":
            return say("timer_stop_pending" if a else "timer_stop_fired", who=who(), obj=obj)
        if k == "sysmon":
            if a == 3:
                return say("sysmon_late", delay=_ms(b))
            return say("sysmon_idle", when=_ms(b)) if a == 2 else say("sysmon", delay=_ms(b))
        if k == "preempt_request":
            return say("preempt_request", G=G, ran=_ms(a), P=P)
        if k == "preempted":
            return say("preempted", G=G, P=P)
        if k in ("gosched", "defer", "recover", "print", "goexit"):
            return say(k, G=G)
        if k == "panic":
            return say("panic", G=G, value=self._panic_text(a))
        if k == "cancel":
            err = ERRS.get(a, "err")
            if b in (0, a):
                return say("cancel", who=who(), obj=obj, err=err)
            return say("cancel_cause", who=who(), obj=obj, err=err, cause=self._values().error(b))
        if k == "exit":
            return say("exit", n=a)
        if k == "idle":
            return say("idle_netpoll", P=P, when=_ms(b)) if a == 1 else say("idle", P=P)
        if k == "wakep":
            return say("wakep", P=P, when=_ms(b))
        if k == "deadlock":
            return say("deadlock")
        if k == "stw":
            if b > 0:       # runtime.GOMAXPROCS(b)
                key = {0: "stw_gomaxprocs", 2: "stw_procresize"}.get(a, "stw")
            else:
                key = {0: "stw_gc", 1: "stw_p", 2: "stw_pause"}.get(a, "stw")
            return say(key, G=G, P=P, n=b)
        return say(k) if k in narration.SENTENCES[lang] else k

    def with_lang(self, lang: str) -> "Trace":
        """The same run narrated in `lang` ("en" or "zh"): shares the recording, not the caches."""
        if lang not in narration.LANGS:
            raise ValueError(f"narration language {lang!r}: choose one of {', '.join(narration.LANGS)}")
        other = copy.copy(self)
        other.lang = lang
        other._cache = OrderedDict()
        other._events = None
        return other

    # ---- values ------------------------------------------------------------------------------
    def _values(self):
        return self._vals

    def _panic_text(self, iface: int) -> str:
        V = self._vals
        if iface <= 0:
            return ""
        typ = int(V.if_type[iface])
        v = int(V.if_val[iface])
        return V.value(typ, v)

    # ---- frames ------------------------------------------------------------------------------
    def frame(self, i: int) -> Frame:
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(f"step {i} out of range (0..{self._n - 1})")
        fr = self._cache.get(i)
        if fr is not None:
            self._cache.move_to_end(i)
            return fr
        fr = self._decode(i)
        self._cache[i] = fr
        if len(self._cache) > 32:
            self._cache.popitem(last=False)
        return fr

    def _header(self, off):
        """A step's snapshot header (core/record.py snapshot): time, keyframe flag, records."""
        s = self._snap
        return dict(t=int(s[off]), key=int(s[off + 1]), nrec=int(s[off + 2]), rec=off + 3)

    def _objects(self, i: int):
        """Every object's record at step i: the keyframe at or before i, then the deltas up to i.
        Stepping forward starts from the records of the last step decoded when no keyframe lies
        between: one delta instead of up to several hundred (with 1,000 goroutines keyframes are
        up to 821 steps apart, core/record.py)."""
        s = self._snap
        last = self._last_objs
        lo = last[0] + 1 if last is not None and last[0] < i else 0
        k = i   # the keyframe at or before i; looked for only back to the step after the last one
        while k > lo and s[self._off[k] + 1] == 0:
            k -= 1
        if k == lo > 0 and s[self._off[k] + 1] == 0:   # no keyframe since the last step decoded
            objs = tuple(dict(d) for d in last[1])      # records are never changed in place
        else:
            objs = tuple({} for _ in range(D.N_REC))    # by record type (core/defs.py REC_*)
        for j in range(k, i + 1):
            h = self._header(int(self._off[j]))
            p = h["rec"]
            for _ in range(h["nrec"]):
                typ, oid, n = int(s[p]), int(s[p + 1]), int(s[p + 2])
                rec = s[p + 3:p + 3 + n]
                if typ == REC_PQ or typ == REC_GQ:
                    rec = _queue_delta(objs[typ].get(oid), rec, typ == REC_PQ)
                elif typ == REC_WQ:
                    rec = _wq_delta(objs[typ].get(oid), rec)
                objs[typ][oid] = rec
                p += 3 + n
        self._last_objs = (i, objs)
        ng, nprocs, nchan, nctx, nout, *sm = (int(x) for x in objs[D.REC_HDR][0][:9])
        h.update(ng=ng, nprocs=nprocs, nchan=nchan, nctx=nctx, nout=nout, sm=tuple(sm))
        return objs, h

    def _decode(self, i: int) -> Frame:
        objs, h = self._objects(i)
        gs_raw, ps_raw, cs_raw, xs_raw, pq_raw, gq_raw, tm_raw = objs[:7]
        wq_raw = objs[REC_WQ]
        heaps = {}
        for tid, rec in tm_raw.items():
            tp, when, kind, arg = (int(x) for x in rec[:4])
            if tp >= 0:
                heaps.setdefault(tp, []).append((tid, when, kind, arg))
        gq = ()
        if 0 in gq_raw:
            gq = gq_raw[0][2]
        chans = []
        waiting_on = {}
        for cid in sorted(cs_raw):
            if cid > h["nchan"]:
                continue
            r = [int(x) for x in cs_raw[cid]]
            cap, cnt, closed, timer, site = r[0], r[1], r[2], r[3], r[4]
            buf = r[5:5 + cnt]
            sq = wq_raw.get(2 * cid, ())
            rq = wq_raw.get(2 * cid + 1, ())
            for gg in sq + rq:
                waiting_on.setdefault(gg, []).append(f"chan#{cid}")
            name, elem, code = self._chan_site(site, timer)
            chans.append(ChanView(cid, name, cap, tuple(self._chan_value(code, x) for x in buf),
                                  bool(closed), sq, rq, elem))
        gs = []
        for gid in sorted(gs_raw):
            if gid > h["ng"]:
                continue
            r = [int(x) for x in gs_raw[gid]]
            status, wait, wobj, pid, pre, by, fn = r[:7]
            k = r[7]
            lines = tuple(reversed(r[8:8 + k]))
            won = tuple(waiting_on.get(gid, ()))
            if not won and status == 3 and wait == 5 and wobj:
                won = (f"timer#{wobj}",)
            if not won and status == 3 and wait in (6, 7) and wobj:
                won = (f"sync#{wobj}",)
            gs.append(GView(gid, G_STATUSES[status], WAIT_REASONS[wait] if status == 3 else "", won,
                            self._gfunc(fn, by), lines[-1] if lines else 0, lines, pid if status == 2 else -1,
                            by, bool(pre)))
        ps = []
        for pid in range(h["nprocs"]):
            if pid not in ps_raw:
                continue
            r = [int(x) for x in ps_raw[pid]]
            status, phase, curg, runnext, tick, spin = r[:6]
            runq = pq_raw[pid][2] if pid in pq_raw else ()
            timers = []
            for tid, when, kind, arg in heaps.get(pid, ()):
                target = {1: f"G{arg}", 2: f"ctx#{arg}", 3: "func", 4: "chan"}.get(kind, "")
                timers.append(TimerView(tid, when, TIMER_KINDS[kind], target, pid))
            timers.sort(key=lambda tv: (tv.when_ns, tv.tid))
            ps.append(PView(pid, P_STATUSES[status], pid if phase not in (2,) else -1,
                            curg if curg > 0 and phase == 0 else -1, phase in (1, 4, 5, 6),
                            runnext if runnext > 0 else -1, runq, tick, tuple(timers)))
        ctxs = []
        for xid in sorted(xs_raw):
            if xid > h["nctx"]:
                continue
            r = [int(x) for x in xs_raw[xid]]
            parent, kind, done, err, cause, dl, att, tm = r[:8]
            if xid <= 2:
                continue
            ctxs.append(CtxView(xid, parent if parent > 2 else 0, CTX_KINDS[kind], done,
                                ERRS.get(err, "err"), self._vals.error(cause) if cause else "",
                                dl))
        sm = h["sm"]
        smv = SysmonView(sm[0], sm[1] // 1000, max(sm[2], 0), bool(sm[3])) if self._cfg.sysmon else None
        nout = h["nout"]
        stdout = self._stdout_upto(nout)
        last = i == self._n - 1
        return Frame(i, h["t"], self._event(i), tuple(gs), tuple(ps), gq, tuple(chans),
                     tuple(ctxs), smv, stdout, self.outcome if last else None,
                     self.program.name if self.program is not None else "", self.settings)

    def _stdout_upto(self, nout: int) -> tuple:
        text = "".join(txt for (_, _, stream, txt) in self._out[:nout] if stream == 1)
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines = lines[:-1]
        return tuple(lines)

    # ---- channels: name, element type and values from the site that made them ----------------
    def _chan_site(self, site: int, timer: int) -> tuple:
        """(name, element type, Fmt code of a value) of a channel made at `site` (the channel's
        C_SITE, core/layout.py: pc + 1 of its MAKECHAN / TIMER_NEW / CTX_DONE, -x for context
        x's Done channel made by the runtime, 0 unknown). The name is the Go expression the
        compiler saw the object land in (CompiledProgram.hints): "results", "t.C", "ctx.Done()";
        "" for a channel no variable names (make(chan int) passed as an argument)."""
        info = self._sites.get(site)
        if info is not None:
            return info
        prog = self.program
        if site < 0:
            info = ("ctx.Done()", "struct{}", gofmt.T_PRINT_STRUCT0)
        elif site > 0 and prog is not None and site - 1 < len(prog.code):
            pc = site - 1
            op, a = int(prog.code[pc][0]), int(prog.code[pc][1])
            hint = prog.hints.get(pc, "")
            elem, code = getattr(prog, "chan_types", {}).get(
                pc, ("time.Time", isa.T_TIME) if timer else ("int", isa.T_INT))
            if op == isa.TIMER_NEW and a == 1:          # t := time.NewTimer(d): the channel is t.C
                name = hint + ".C" if hint else ""
            elif op == isa.MAKECHAN and hint.startswith("make("):
                name = ""
            else:
                name = hint
            info = (name, elem, code)
        else:
            info = ("", "time.Time", isa.T_TIME) if timer else ("", "int", isa.T_INT)
        self._sites[site] = info
        return info

    def _chan_value(self, code: int, v: int) -> str:
        """A buffered value as fmt.Println prints it ("data", 1, true, {}, an error's message).
        A slice is shown as [...]: its elements at this step are not in the recording."""
        if code == isa.T_SLICE:
            return "[...]"
        if self._vals is None:                  # a Trace built without the run's value tables
            return str(int(v))
        return self._vals.value(code, int(v))

    # ---- text dump -----------------------------------------------------------------------------
    def to_text(self, start: int = 0, stop: int | None = None) -> str:
        """A schedtrace-like dump, one block per step (for golden tests and screen readers)."""
        out = []
        stop = self._n if stop is None else min(stop, self._n)
        for i in range(start, stop):
            f = self.frame(i)
            out.append(f"#{i} t={f.time_ns} {f.event.kind}: {f.event.text}")
            for p in f.ps:
                out.append(f"  P{p.pid} {p.status} curg={p.curg} runnext={p.runnext} runq={list(p.runq)} "
                           f"tick={p.schedtick} timers={[(tv.tid, tv.when_ns, tv.kind) for tv in p.timers]}")
            if f.global_runq:
                out.append(f"  globrunq={list(f.global_runq)}")
            for g in f.gs:
                if g.status == "dead":
                    continue
                w = f" [{g.wait_reason}] on {','.join(g.wait_on)}" if g.status == "waiting" else ""
                out.append(f"  G{g.gid} {g.status}{w} line={g.line} {g.func}")
            for c in f.chans:
                if c.sendq or c.recvq or c.buf or c.closed:
                    out.append(f"  chan#{c.cid} cap={c.cap} buf={list(c.buf)} closed={c.closed} "
                               f"sendq={list(c.sendq)} recvq={list(c.recvq)}")
        o = self.outcome
        out.append(f"end: {self.end_kind} exit={o.exit} message={o.message!r} "
                   f"goroutines={o.goroutines_at_exit} elapsed={o.elapsed_ns}")
        out.append("stdout: " + repr(list(o.stdout)))
        return "\n".join(out) + "\n"

    def __repr__(self):
        o = self.outcome
        return (f"<Trace {self.program.name if self.program is not None else ''}: {self._n} steps, "
                f"{o.exit} after {gofmt.duration(o.elapsed_ns)}>")
