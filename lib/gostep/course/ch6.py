"""Chapter 6: diagnose a timeout that did not fire, with the tools Go really has.

Design
======

The chapter runs each tool for real on one mystery program and reads its output back into Python:
the execution trace (`gostep.real.trace`), `GODEBUG=schedtrace,scheddetail,gctrace`
(`gostep.real.schedtrace`), and the goroutine, mutex and goroutine leak profiles, which a program
can only write itself (`runtime/pprof`, outside the stepper's subset: the real-Go-only twin
`mystery_service_profiles.go` prints them). Each helper here turns one tool's output into a small
object with two faces: a table of the raw run (its numbers vary: the notebook stores it under
`nbval-ignore-output`) and `conclusion()`, the part of the finding that does not depend on the run
(a wait reason, a source line, a count), which the notebook stores and compares.

- `who_woke(src)`: who parked, on what, at which line, and who readied whom, from a model trace or
  a real trace, in the same words (the real tracer says `sync`, with `sync.(*Mutex).Lock` on top
  of the stack; the model says `sync.Mutex.Lock`, as the goroutine profile does).
- `timeline_pair(model, real)`: the two runs as P lanes on one time axis (an SVG).
- `detail_view(st)`: scheddetail's SCHED, P and G rows and gctrace's rows as tables and a plot.
- `two_assignments(program)`: the post's `GODEBUG=a GODEBUG=b` run by a real shell, beside
  `GODEBUG=a,b`.
- `profiles(text)`: the sections a program printed with `pprof.Lookup(name).WriteTo(w, debug)`.
- `grep_goroot(text, where)`: does a name exist in the pinned toolchain's source at all.
- `bisect(program, cuts)` / `reduced(program, cuts)`: cut a program down in the stepper, keeping
  the cuts after which the symptom stays.

Alternatives rejected: `go tool pprof` to read the profiles (it needs the binary and prints
addresses; the debug=1 and debug=2 text forms are what a developer reads and are stable enough to
parse); asking the reader to run the shell commands (the chapter must run top to bottom).
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

__all__ = ["slowest_ms", "who_woke", "WhoWoke", "timeline_pair", "detail_view", "DetailView",
           "two_assignments", "TwoAssignments", "profiles", "Profiles", "grep_goroot",
           "GrepResult", "gc_rows", "LEAK_NOTE", "bisect", "reduced", "MYSTERY_CUTS", "Bisect"]

_DUR = re.compile(r"(\d+(?:\.\d+)?(?:ns|µs|us|ms|s))")


def slowest_ms(results, label: str = "slowest") -> list:
    """The duration printed after `label` in each run's stdout, in ms (real runs or a model trace)."""
    from gostep.course.checks import outcome_of, parse_duration_ms
    out = []
    for r in (results if isinstance(results, (list, tuple)) else [results]):
        for line in outcome_of(r)["stdout"]:
            m = re.search(re.escape(label) + r"[^0-9]*" + _DUR.pattern, line)
            if m:
                out.append(parse_duration_ms(m.group(1)))
    return out


# -- who parked, on what, and who readied whom ---------------------------------------------------

_REAL_REASON = (("sync.(*Mutex).Lock", "sync.Mutex.Lock"), ("sync.(*RWMutex)", "sync.RWMutex.Lock"),
                ("sync.(*WaitGroup).Wait", "sync.WaitGroup.Wait"))


def _real_reason(e) -> str:
    if e.reason == "sync":
        for top, name in _REAL_REASON:
            if any(f.startswith(top) for f in e.stack[:2]):
                return name
    return e.reason


def _program_line(stack, file: str):
    """(func, line) of the innermost frame in the program's own file, or ("", 0)."""
    for f in stack:
        m = re.match(r"(\S+) (\S+):(\d+)$", f)
        if m and m.group(2).endswith(file):
            return m.group(1), int(m.group(3))
    return "", 0


@dataclass(frozen=True)
class WhoWoke:
    """Park -> ready pairs: (gid, parked_ns, reason, line, readied_ns or None, by gid, waker's line);
    `timer_gs`: the goroutines a deadline started; `timer_readied`: how many Gs they readied."""

    source: str
    rows: tuple
    timer_gs: tuple
    timer_readied: int
    starts: dict = None   # gid -> the program function it started in (outermost own frame)

    def __repr__(self) -> str:
        out = [f"{'G':>4} {'parked at':>10}  {'on (wait reason)':20} {'line':>4}  {'readied at':>10}"
               f"  {'by':>4}  waker's line"]
        for g, tp, reason, line, tr, by, bl in self.rows:
            out.append(f"{'G%d' % g:>4} {tp / 1e6:8.3f}ms  {reason:20} {line or '-':>4}  "
                       + (f"{tr / 1e6:8.3f}ms  {'G%d' % by if by >= 0 else '-':>4}  {bl or '-'}"
                          if tr is not None else f"{'(never)':>10}"))
        out.append(f"goroutines started by the deadlines: {len(self.timer_gs)}; "
                   f"goroutines they readied: {self.timer_readied}")
        return "\n".join(out)

    def conclusion(self, reason: str = "sync.Mutex.Lock") -> str:
        """What does not depend on the run: who parked on `reason`, where, and who woke them."""
        rows = [r for r in self.rows if r[2] == reason]
        if not rows:
            return f"no goroutine parked in {reason}"
        lines = Counter(r[3] for r in rows)
        woken = sorted((r for r in rows if r[4] is not None), key=lambda r: r[4])
        st = self.starts or {}
        first = st.get(woken[0][5], "?") if woken else None
        rest = sorted({st.get(r[5], "?") for r in woken[1:]})
        return (f"{len(rows)} goroutines parked in {reason} at line "
                f"{', '.join(str(k) for k in sorted(lines))};\nthe first was readied by a goroutine "
                f"started in {first}"
                + (f", the others by goroutines started in {', '.join(rest)}" if rest else "")
                + f";\nthe {len(self.timer_gs)} deadline goroutines readied "
                + (f"{self.timer_readied}" if self.timer_readied else "nobody"))


def _model_who_woke(trace, file: str) -> WhoWoke:
    open_, rows, timer_gs, by_timer, starts = {}, [], [], 0, {}
    prev = {}
    for i in range(len(trace)):
        f = trace.frame(i)
        e = f.event
        gs = {g.gid: g for g in f.gs}
        starts.update({g.gid: g.func for g in f.gs})
        if e.kind == "go" and "WithDeadline" in e.text:
            timer_gs.append(e.gid)
        elif e.kind == "park" and e.gid in gs:
            g = gs[e.gid]
            open_[e.gid] = (f.time_ns, g.wait_reason, g.line)
        elif e.kind == "ready" and e.gid in open_:
            m = re.match(r"G(\d+) readies", e.text)
            by = int(m.group(1)) if m else -1
            bl = prev[by].line if by in prev else 0
            tp, reason, line = open_.pop(e.gid)
            rows.append((e.gid, tp, reason, line, f.time_ns, by, bl))
            by_timer += by in timer_gs
        prev = gs
    rows += [(g, tp, r, ln, None, -1, 0) for g, (tp, r, ln) in open_.items()]
    return WhoWoke("model", tuple(sorted(rows, key=lambda r: r[1])), tuple(timer_gs), by_timer,
                   starts)


def _real_who_woke(rt, file: str) -> WhoWoke:
    evs = getattr(rt, "events", rt)
    open_, rows, timer_gs, by_timer, starts = {}, [], set(), 0, {}
    for e in evs:
        own = [f.split(" ")[0] for f in e.stack if f.split(" ")[-1].split(":")[0].endswith(file)]
        if own and e.kind in ("park", "goexit", "syscall"):
            starts.setdefault(e.gid, own[-1])
        if e.kind == "go" and e.by < 0 and any("WithDeadline" in s for s in e.stack):
            timer_gs.add(e.gid)
        elif e.kind == "go" and any("WithDeadline" in s for s in e.stack[:1]):
            timer_gs.add(e.gid)
        elif e.kind == "park":
            open_[e.gid] = (e.time_ns, _real_reason(e), _program_line(e.stack, file)[1])
        elif e.kind == "ready" and e.gid in open_:
            tp, reason, line = open_.pop(e.gid)
            rows.append((e.gid, tp, reason, line, e.time_ns, e.by, _program_line(e.stack, file)[1]))
            by_timer += e.by in timer_gs
    rows += [(g, tp, r, ln, None, -1, 0) for g, (tp, r, ln) in open_.items()]
    return WhoWoke("real Go", tuple(sorted(rows, key=lambda r: r[1])), tuple(sorted(timer_gs)),
                   by_timer, starts)


def who_woke(src, file: str = "") -> WhoWoke:
    """Who parked on what, at which line of the program, and who readied them (model or real)."""
    if hasattr(src, "frame") and hasattr(src, "__len__"):
        return _model_who_woke(src, file)
    if not file:
        res = getattr(src, "result", None)
        file = getattr(res, "source_name", "") or ".go"
    return _real_who_woke(src, file)


# -- the timeline of both runs -------------------------------------------------------------------

def timeline_pair(model_trace, real_trace, width: int = 900):
    """The model's P lanes above real Go's, one time axis: an SVG object the notebook stores."""
    from IPython.display import SVG
    from gostep.views.timelines import timeline_svg
    return SVG(timeline_svg(model_trace, width=width, title="model", other=real_trace,
                            other_title="real Go (execution trace)"))


# -- GODEBUG=schedtrace=N,scheddetail=1,gctrace=1 ------------------------------------------------

G_STATUS = {0: "idle", 1: "runnable", 2: "running", 3: "syscall", 4: "waiting", 6: "dead"}


@dataclass(frozen=True)
class DetailView:
    """The rows of one GODEBUG=schedtrace=N,scheddetail=1,gctrace=1 run (gostep.real.schedtrace)."""

    rows: tuple

    def of(self, kind):
        return [r for r in self.rows if r["kind"] == kind]

    def sched_table(self) -> str:
        cols = ("t_ms", "gomaxprocs", "idleprocs", "threads", "spinningthreads", "idlethreads",
                "runqueue", "gcwaiting", "stopwait", "sysmonwait")
        out = [" ".join(f"{c:>10}" for c in cols)]
        out += [" ".join(f"{str(r.get(c, '')):>10}" for c in cols) for r in self.of("sched")]
        return "\n".join(out)

    def p_table(self) -> str:
        cols = ("t_ms", "pid", "status", "schedtick", "syscalltick", "m", "runqsize", "timerslen")
        out = [" ".join(f"{c:>11}" for c in cols)]
        out += [" ".join(f"{str(r.get(c, '')):>11}" for c in cols) for r in self.of("P")]
        return "\n".join(out)

    def g_counts(self) -> list:
        """[(t_ms, Counter of 'waiting: sync.Mutex.Lock' ...)] per SCHED line."""
        by_t: dict = {}
        for r in self.of("G"):
            st = G_STATUS.get(r.get("status"), str(r.get("status")))
            key = f"{st}: {r['wait_reason']}" if r.get("wait_reason") and st == "waiting" else st
            by_t.setdefault(r["t_ms"], Counter())[key] += 1
        return sorted(by_t.items())

    def g_table(self) -> str:
        return "\n".join(f"{t:>5}ms  " + ", ".join(f"{k} x{n}" for k, n in sorted(c.items()))
                         for t, c in self.g_counts())

    def gc_table(self) -> str:
        out = [f"{'gc':>3} {'@s':>7} {'cpu%':>4}  {'clock ms (STW+mark+STW)':26} {'heap MB start->end->live':>24}"
               f" {'goal':>4} {'P':>2}  forced"]
        for r in self.of("gc"):
            ph = "+".join(f"{x:g}" for x in r["clock_ms"])
            heap = f"{r['heap_start_mb']}->{r['heap_end_mb']}->{r['heap_live_mb']}"
            out.append(f"{r['n']:>3} {r['t_s']:>7.3f} {r['cpu_pct']:>4}  {ph:26} {heap:>24} "
                       f"{r['goal_mb']:>4} {r['procs']:>2}  {r['forced']}"
                       + ("  (checking for goroutine leaks)" if r.get("leak_check") else ""))
        return "\n".join(out)

    def __repr__(self) -> str:
        return "\n\n".join(["SCHED lines (scheddetail=1):", self.sched_table(), "P lines:",
                            self.p_table(), "G lines, counted by status (wait reason):",
                            self.g_table(), "gctrace lines:", self.gc_table()])

    def plot(self, reasons=("sync.Mutex.Lock",), ax=None):
        """Goroutines per status/wait reason at each SCHED line (the program's reasons named)."""
        import matplotlib.pyplot as plt
        if ax is None:
            _fig, ax = plt.subplots(figsize=(8.5, 2.6), dpi=72)
        data = self.g_counts()
        t = [x for x, _c in data]
        names = [f"waiting: {r}" for r in reasons]
        bottom = [0] * len(t)
        colours = ("#CC6677", "#4477AA", "#DDCC77", "#117733", "#999999")
        for i, name in enumerate(names + ["other"]):
            ys = [c.get(name, 0) if name != "other" else sum(v for k, v in c.items() if k not in names)
                  for _t, c in data]
            ax.bar(t, ys, bottom=bottom, width=max(1.0, (t[1] - t[0]) * 0.7) if len(t) > 1 else 1,
                   color=colours[i % len(colours)], label=name if name != "other" else
                   "every other G (the runtime's included)")
            bottom = [b + y for b, y in zip(bottom, ys)]
        for g in self.of("gc"):
            ax.axvline(g["t_s"] * 1000, color="#555", linestyle=":", linewidth=1)
            ax.annotate(f"gc {g['n']}", (g["t_s"] * 1000, max(bottom or [1])), fontsize=7,
                        xytext=(3, -8), textcoords="offset points")
        ax.set_xlabel("ms since the program started (one bar per SCHED line)")
        ax.set_ylabel("goroutines (G lines)")
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        ax.figure.tight_layout()
        return ax

    def conclusion(self, reason: str = "sync.Mutex.Lock") -> str:
        sched = self.of("sched")
        no_brackets = all(r.get("local_runq") is None and r.get("schedticks") is None for r in sched)
        p_have = all("runqsize" in r and "schedtick" in r for r in self.of("P"))
        most = max((c.get(f"waiting: {reason}", 0) for _t, c in self.g_counts()), default=0)
        gcs = self.of("gc")
        return "\n".join([
            f"SCHED lines without local queues or schedticks (scheddetail moves them to the P lines): "
            f"{no_brackets and p_have}",
            f"most goroutines waiting in {reason} at one SCHED line: {most}",
            f"gctrace: one line per completed cycle, at least one: {len(gcs) >= 1}; "
            f"the last one is forced and checked for leaks: "
            f"{bool(gcs) and gcs[-1]['forced'] and gcs[-1].get('leak_check', False)}",
        ])


# Go 1.27 prints a note after the percentage when the cycle also looked for leaked goroutines
# (runtime/mgc.go gcMarkTermination: `if goroutineLeakDone { print(" (checking for goroutine
# leaks)") }`), which runtime/extern.go's format line does not show.
LEAK_NOTE = " (checking for goroutine leaks)"


def gc_rows(lines) -> list:
    """gctrace rows (gostep.real.parse_gctrace), also of lines with the leak-check note."""
    from gostep.real.godebugtrace import parse_gctrace
    rows = []
    for ln in lines:
        note = LEAK_NOTE in ln
        for r in parse_gctrace([ln.replace(LEAK_NOTE, "")]):
            rows.append({**r, "leak_check": note})
    return rows


def detail_view(st) -> DetailView:
    """A DetailView of gostep.real.schedtrace(..., detail=True, gctrace=True); gctrace lines the
    real parser left in stderr (the Go 1.27 leak-check note) are parsed here."""
    rows = [r for r in getattr(st, "rows", st) if r["kind"] != "gc"]
    res = getattr(st, "result", None)
    gcs = gc_rows(res.stderr) if res is not None else []
    return DetailView(tuple(rows + (gcs or [r for r in getattr(st, "rows", st) if r["kind"] == "gc"])))


# -- the post's two GODEBUG assignments, run by a real shell --------------------------------------

@dataclass(frozen=True)
class TwoAssignments:
    """SCHED and gc line counts for each shell command line."""

    runs: tuple   # (command, SCHED lines, gc lines)

    def __repr__(self) -> str:
        w = max(len(c) for c, _s, _g in self.runs)
        out = [f"{'command (run by /bin/sh)':{w}}  SCHED lines  gc lines"]
        out += [f"{c:{w}}  {'none' if s == 0 else 'some':>11}  {'none' if g == 0 else 'some':>8}"
                for c, s, g in self.runs]
        return "\n".join(out)


def _sh(binary: Path, cmd: str, env: dict, timeout_s: float) -> str:
    p = subprocess.Popen(["/bin/sh", "-c", cmd + ' "$0" >/dev/null', str(binary)], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                         start_new_session=True)
    try:
        _out, err = p.communicate(timeout=timeout_s)
    finally:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return err


def two_assignments(program, period_ms: int = 5, timeout_s: float = 10) -> TwoAssignments:
    """The program built once, then run by /bin/sh as the post writes it (two GODEBUG assignments)
    and with one comma-separated GODEBUG; how many SCHED and gc lines each printed."""
    import gostep as gs
    from gostep.real.toolchain import go_env
    from gostep.real.godebugtrace import SCHED_RE
    b = gs.real.build(program)
    env = go_env({"GOMAXPROCS": "1"})
    runs = []
    for cmd in (f"GODEBUG=schedtrace={period_ms} GODEBUG=gctrace=1",
                f"GODEBUG=schedtrace={period_ms},gctrace=1"):
        lines = _sh(b.binary, cmd, env, timeout_s).splitlines()
        runs.append((cmd + " ./service", sum(bool(SCHED_RE.match(x)) for x in lines),
                     len(gc_rows(lines))))
    return TwoAssignments(tuple(runs))


# -- profiles a program printed itself -----------------------------------------------------------

_HARNESS = "gostep_harness.go"


def _clean_frame(fn: str, loc: str) -> str:
    fn = re.sub(r"\bmain\.gostep_main\b", "main.main", fn)
    loc = loc.replace("gostep.run/", "")
    return f"{fn} {loc}"


def _debug1_groups(text: str) -> list:
    """(count or delay, count, frames) of a debug=1 profile section (goroutine, mutex, leak)."""
    groups = []
    for line in text.splitlines():
        m = re.match(r"^(\d+) (\d+ )?@", line)
        if m:
            groups.append([int(m.group(1)), int(m.group(2) or 0), []])
            continue
        f = re.match(r"^#\t0x[0-9a-f]+\t(\S+?)\+0x[0-9a-f]+\t+(\S+)$", line)
        if f and groups and _HARNESS not in f.group(2):
            groups[-1][2].append(_clean_frame(f.group(1), f.group(2)))
    return groups


def _debug2_goroutines(text: str) -> list:
    """(goid, state, frames) of a debug=2 dump."""
    out, cur = [], None
    lines = text.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"^goroutine (\d+) \[([^\]]*)\]:", line)
        if m:
            cur = [int(m.group(1)), m.group(2), []]
            out.append(cur)
        elif cur is not None and line and not line.startswith(("\t", "created by")) \
                and i + 1 < len(lines) and lines[i + 1].startswith("\t"):
            loc = lines[i + 1].strip().split(" +0x")[0]
            if _HARNESS not in loc:
                cur[2].append(_clean_frame(re.sub(r"\(.*\)$", "", line), loc))
    return out


@dataclass(frozen=True)
class Profiles:
    """The `=== name` sections a program printed, each parsed."""

    sections: dict
    file: str

    def _main_frame(self, frames) -> str:
        for f in frames:
            if f.startswith("main.") and self.file in f:
                return f.replace(f" {self.file}:", " line ")
        return frames[0] if frames else "?"

    def goroutines(self) -> str:
        """debug=1: one row per distinct stack, with how many goroutines share it."""
        rows = _debug1_groups(self.sections.get("goroutine profile (debug=1)", ""))
        return "\n".join(f"{n:>3} goroutine(s)  {self._main_frame(fr)}   (top: {fr[0] if fr else '?'})"
                         for n, _c, fr in rows)

    def dump(self) -> str:
        """debug=2: one row per goroutine: id, its state in brackets, the program's innermost frame."""
        rows = _debug2_goroutines(self.sections.get("goroutine profile (debug=2)", ""))
        return "\n".join(f"goroutine {g:>3} [{st}]  {self._main_frame(fr)}" for g, st, fr in rows)

    def mutex(self) -> str:
        text = self.sections.get("mutex profile (debug=1)", "")
        m = re.search(r"cycles/second=(\d+)", text)
        hz = int(m.group(1)) if m else 1
        rows = _debug1_groups(text)
        return "\n".join(f"{cyc / hz * 1e3:8.2f} ms over {n} unlock(s)  charged to "
                         f"{self._main_frame(fr)}   (top: {fr[0] if fr else '?'})"
                         for cyc, n, fr in rows)

    def leak(self) -> str:
        text = self.sections.get("goroutineleak profile (debug=1)", "")
        head = text.splitlines()[0] if text else "(no goroutineleak section)"
        rows = _debug1_groups(text)
        return "\n".join([head] + [f"{n:>3} leaked  {self._main_frame(fr)}" for n, _c, fr in rows])

    def __repr__(self) -> str:
        return "\n\n".join(f"=== {k}\n{v}" for k, v in self.sections.items())

    def conclusion(self) -> str:
        """The findings that do not depend on the run."""
        dump = _debug2_goroutines(self.sections.get("goroutine profile (debug=2)", ""))
        states = Counter((st, self._main_frame(fr)) for _g, st, fr in dump if st != "running")
        mutex = _debug1_groups(self.sections.get("mutex profile (debug=1)", ""))
        top = max(mutex, key=lambda r: r[0]) if mutex else None
        leak = _debug1_groups(self.sections.get("goroutineleak profile (debug=1)", ""))
        out = [f"{n} x [{st}] in {where}" for (st, where), n in sorted(states.items())]
        if top:
            out.append(f"mutex profile: most delay charged to {self._main_frame(top[2])} "
                       f"(top frame {top[2][0]}); goroutine ids in it: none")
        out.append("goroutineleak: " + (", ".join(f"{n} x {self._main_frame(fr)}" for n, _c, fr in leak)
                                       or "none"))
        return "\n".join(out)


def profiles(result_or_text, file: str = "") -> Profiles:
    """The profile sections (`=== name` headers) of a real run's stdout."""
    res = result_or_text
    lines = list(res.stdout) if hasattr(res, "stdout") else str(res).splitlines()
    file = file or getattr(res, "source_name", "")
    sections, cur = {}, None
    for line in lines:
        if line.startswith("=== "):
            cur = line[4:].strip()
            sections[cur] = []
        elif cur is not None:
            sections[cur].append(line)
    return Profiles({k: "\n".join(v).strip("\n") for k, v in sections.items()}, file)


# -- does a name exist in Go's source at all -----------------------------------------------------

@dataclass(frozen=True)
class GrepResult:
    text: str
    where: str
    hits: tuple     # "file:line"
    version: str

    def __repr__(self) -> str:
        n = len(self.hits)
        return (f"{self.text!r} in {self.where} (Go {self.version} source): {n} match"
                f"{'' if n == 1 else 'es'}" + "".join(f"\n  {h}" for h in self.hits[:8]))


def grep_goroot(text: str, where: str, version: str = "1.27") -> GrepResult:
    """Occurrences of `text` in the pinned toolchain's src/<where> (.go files, tests excluded)."""
    from gostep.real.toolchain import require_go, version_of
    go = require_go(version)
    root = Path(subprocess.run([str(go), "env", "GOROOT"], capture_output=True, text=True,
                               timeout=60).stdout.strip()) / "src"
    hits = []
    base = root / where
    files = [base] if base.is_file() else sorted(base.rglob("*.go"))
    for p in files:
        if p.name.endswith("_test.go") or "testdata" in p.parts:
            continue
        for i, line in enumerate(p.read_text(errors="replace").splitlines(), 1):
            if text in line:
                hits.append(f"{p.relative_to(root)}:{i}")
    return GrepResult(text, where, tuple(hits), version_of(go))


# -- cutting a program down in the stepper --------------------------------------------------------

# Candidate cuts of mystery_service.go: (what is cut, old text, new text). Each is a hypothesis:
# "the symptom does not need this".
MYSTERY_CUTS = (
    ("the audit log send", "\taudit <- id\n", ""),
    ("the CPU work (checksum)", "price(id) + checksum(ctx, 200)", "price(id)"),
    ("three of the four requests", "for i := 0; i < 4; i++ {\n\t\twg.Add(1)",
     "for i := 0; i < 1; i++ {\n\t\twg.Add(1)"),
    ("the background reload", "\tstarted := make(chan bool)\n\tgo reloadPrices(started) // a reload is "
     "running when the requests arrive\n\t<-started\n", ""),
)


@dataclass(frozen=True)
class Bisect:
    rows: tuple   # (cut, slowest ms in the model, late requests, symptom stays)

    def __repr__(self) -> str:
        out = [f"{'cut alone':30} {'slowest (model)':>16} {'late':>5}  symptom"]
        out += [f"{c:30} {s:>14.2f}ms {n:>5}  {'stays' if k else 'GONE'}" for c, s, n, k in self.rows]
        return "\n".join(out)

    def keep(self) -> tuple:
        """The cuts after which the symptom stays (safe to make)."""
        return tuple(c for c, _s, _n, k in self.rows if k)


def _late(source: str, name: str, deadline_ms: float) -> tuple:
    import gostep as gs
    t = gs.simulate(gs.parse(source, name=name), gomaxprocs=1, seed=0)
    s = slowest_ms(t)
    m = re.search(r"(\d+) of \d+ late", " ".join(t.outcome.stdout))
    return (s[0] if s else float("nan")), int(m.group(1)) if m else 0


def bisect(program, cuts=MYSTERY_CUTS, deadline_ms: float = 10) -> Bisect:
    """Each cut applied alone to the program, run in the model: does the symptom stay?"""
    from gostep.course.checks import _source_of
    src, name = _source_of(program)
    rows = []
    for label, old, new in cuts:
        if old not in src:
            raise ValueError(f"cut {label!r}: text not found in {name}")
        slowest, late = _late(src.replace(old, new, 1), name, deadline_ms)
        rows.append((label, slowest, late, slowest > deadline_ms and late > 0))
    return Bisect(tuple(rows))


def reduced(program, cuts=MYSTERY_CUTS, keep=None) -> str:
    """The program with every cut in `keep` (labels; default: all cuts) applied."""
    from gostep.course.checks import _source_of
    src, _name = _source_of(program)
    for label, old, new in cuts:
        if keep is None or label in keep:
            src = src.replace(old, new, 1)
    return src
