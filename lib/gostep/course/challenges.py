"""Chapter 8, "you are the scheduler": challenges, their goals, the checks and saved progress.

How a challenge is judged
=========================

A challenge is a course program, the settings it runs with (fixed: GOMAXPROCS, Go version, seed),
and a goal: a predicate on the model's trace (the last frame's goroutines, channels and timers, the
outcome's exit kind and virtual time), never on what the program prints. The reader plays the
runtime's random decisions (gostep.widgets.game: which ready case a select takes) or, in a
challenge with os_choices, the OS's timing (whether sysmon's thread runs on time) and any schedule
that reaches the goal counts: `check_challenge(name, picks)` replays the picks on the challenge's own
program and settings and asks the goal. So a check cannot be passed by editing the program, by
changing a setting, or by a schedule made for another challenge: those picks are replayed here, on
this program, and decide nothing else.

"Show me a solution" samples schedules (gostep.find_schedule: one random schedule per seed) until
one reaches the goal; `schedules(name)` enumerates every schedule of a challenge (the decision tree
is small: a few selects) to say how many reach it, or that none does.

Progress
========

Which challenges the reader solved is kept in a small JSON file beside the notebooks
(course/.gostep-progress.json; GOSTEP_PROGRESS names another file), so it survives a kernel
restart. Writes are atomic (a temporary file in the same folder, then os.replace), and every write
first reads the file again, so two kernels do not undo each other's progress. A file that is not
valid progress JSON is never overwritten: it is renamed aside (".corrupt", ".corrupt-2", ...) with a
warning, and a fresh file is started. A solution the search showed is not recorded as solved.
"""
from __future__ import annotations

import html as _html
import json
import os
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from .checks import CheckResult, leftover_goroutines

__all__ = ["Challenge", "CHALLENGES", "challenge", "challenge_table", "play", "solve", "solution_game",
           "check_challenge", "schedules", "reachability", "replay", "Progress", "progress",
           "PROGRESS_FILE", "real_counts", "loaded_runs"]

PROGRESS_FILE = ".gostep-progress.json"


# -- goals: predicates on the model's trace --------------------------------------------------------
# Each returns (reached, what the run did): the second part describes the state the schedule
# ended in, in runtime terms, and is shown when the goal is not reached (it never says which
# picks would reach it).


def _last(trace):
    return trace.frame(len(trace) - 1)


def _blocked(trace, func: str, reason: str = "chan send") -> list:
    return [g for g in leftover_goroutines(trace) if g.func == func and g.wait_reason == reason]


def _ms(ns: int) -> str:
    return f"{ns / 1e6:.1f} ms"


def goal_data_case(trace):
    """select_once.go: main's select took the data case although ctx.Done() was closed."""
    bufs = [c for c in _last(trace).chans if c.cap == 1]
    left = bool(bufs and bufs[0].buf)
    return (not left, "main took the ctx.Done() case: the value main put in data is still in its "
                      "buffer" if left else "main received the value from data")


def goal_deadlock(trace):
    o = trace.outcome
    return (o.exit == "deadlock", f"the run ended with exit {o.exit!r} after {_ms(o.elapsed_ns)}")


def goal_send_on_closed(trace):
    o = trace.outcome
    ok = o.exit == "panic" and "send on closed channel" in o.message
    return ok, (f"the run ended with exit {o.exit!r}" + (f" ({o.message})" if o.message else "")
                + f" after {_ms(o.elapsed_ns)}")


def _workers_blocked(trace, want: int):
    n = len(_blocked(trace, "main.worker"))
    return n == want, f"{n} worker(s) still parked in chan send when main returned"


def goal_both_workers(trace):
    return _workers_blocked(trace, 2)


def goal_one_worker(trace):
    return _workers_blocked(trace, 1)


def goal_two_attempts(trace):
    n = len(_blocked(trace, "main.attempt"))
    return n == 2, f"{n} attempt goroutine(s) still parked in chan send when main returned"


def goal_late(trace, more_than_ns: int = 15_000_000):
    """late_deadline.go: main returned more than 15 ms after its context's deadline."""
    last = _last(trace)
    dl = [c.deadline_ns for c in last.ctxs if c.deadline_ns >= 0]
    if not dl:
        return False, "the run made no context with a deadline"
    late = trace.outcome.elapsed_ns - min(dl)
    return late > more_than_ns, f"main returned {_ms(late)} after its deadline"


def goal_sysmon_late(trace, more_than_ns: int = 20_000_000):
    """sysmon_late.go: main returned more than 20 ms after its 5 ms deadline (sysmon late twice)."""
    return goal_late(trace, more_than_ns)


def goal_stale(trace):
    """idle_reset.go: main gave up on an idle expiry although its last Reset had set the timer to
    fire later (it is still pending when main returns) and the producer still had items."""
    last = _last(trace)
    pending = [t for p in last.ps for t in p.timers if t.kind == "chan" and t.when_ns > last.time_ns]
    producer = [g for g in leftover_goroutines(trace) if g.func == "main.producer"]
    if pending and producer:
        return True, (f"main gave up at {_ms(last.time_ns)} although its Reset had set the idle "
                      f"timer to fire at {_ms(pending[0].when_ns)}")
    if producer:
        return False, ("main gave up on an idle expiry that no Reset had moved (the producer was "
                       "still waiting to send)")
    return False, "main read every item: the stream ended normally"


# -- the challenges ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Challenge:
    """A course program, the settings it runs with, and a goal on the model's trace."""

    name: str
    program: str                 # a file of course/programs
    goal_text: str
    goal: object = field(repr=False, compare=False)   # trace -> (reached, what the run did)
    settings: tuple = (("gomaxprocs", 1), ("go", "1.27"), ("seed", 0), ("timeout", "2s"))

    @property
    def kw(self) -> dict:
        return dict(self.settings)


def _set(**over) -> tuple:
    base = {"gomaxprocs": 1, "go": "1.27", "seed": 0, "timeout": "2s", **over}
    return tuple(base.items())


CHALLENGES = (
    Challenge("data-case", "select_once.go",
              "make main's select take the data case, although ctx was cancelled first",
              goal_data_case),
    Challenge("deadlock", "select_deadlock.go", "reach a deadlock", goal_deadlock),
    Challenge("both-blocked", "check_then_send_race.go",
              "leave both workers blocked in their sends after the caller cancels",
              goal_both_workers),
    Challenge("send-on-closed", "shutdown_panic.go",
              "make the producer panic with \"send on closed channel\"", goal_send_on_closed),
    Challenge("one-blocked", "check_then_send_race.go",
              "leave exactly one worker blocked in its send after the caller cancels",
              goal_one_worker),
    Challenge("two-leaks", "retry_leak.go",
              "leave exactly two attempt goroutines blocked after main returns", goal_two_attempts),
    Challenge("late", "late_deadline.go",
              "make main return more than 15 ms after its deadline", goal_late),
    Challenge("stale", "idle_reset.go",
              "under Go 1.22, make main give up on an idle expiry that its last Reset had moved "
              "(the stale timer value arrives)", goal_stale, _set(go="1.22")),
    Challenge("sysmon-late", "sysmon_late.go",
              "you are the OS: make main return more than 20 ms after its 5 ms deadline",
              goal_sysmon_late, _set(os_choices=True)),
)
_BY_NAME = {c.name: c for c in CHALLENGES}


def challenge(name) -> Challenge:
    """The challenge called `name` (or number `name`, from 1)."""
    if isinstance(name, Challenge):
        return name
    if isinstance(name, int) and 1 <= name <= len(CHALLENGES):
        return CHALLENGES[name - 1]
    if name in _BY_NAME:
        return _BY_NAME[name]
    raise KeyError(f"no challenge {name!r}; the challenges are: {', '.join(_BY_NAME)}")


def _path(ch: Challenge) -> str:
    from .source import program_path
    return str(program_path(ch.program))


_PROGS: dict = {}


def _prog(ch: Challenge, go: str | None = None):
    import gostep as gs
    key = (ch.program, go or ch.kw["go"])
    if key not in _PROGS:
        _PROGS[key] = gs.load(_path(ch), go=key[1])
    return _PROGS[key]


def replay(name, picks, **over):
    """The challenge's program run with `picks` for its decisions, stopping before the first
    decision past them (trace.pending_choice)."""
    import gostep as gs
    ch = challenge(name)
    kw = {**ch.kw, **over}
    return gs.simulate(_prog(ch, kw["go"]), choices=list(picks) or None, stop_at_choice=True, **kw)


def reached(name, trace) -> bool:
    """Whether a finished trace of challenge `name` reaches its goal."""
    return bool(challenge(name).goal(trace)[0])


# -- the table of challenges --------------------------------------------------------------------------


class Table:
    """Rows with a deterministic text form (nbval) and an HTML form."""

    def __init__(self, head, rows, title=""):
        self.head, self.rows, self.title = head, rows, title

    def __repr__(self):
        w = [max(len(str(r[i])) for r in [self.head] + self.rows) for i in range(len(self.head))]
        fmt = lambda r: "  ".join(str(x).ljust(w[i]) for i, x in enumerate(r)).rstrip()
        return "\n".join(([self.title] if self.title else []) + [fmt(self.head)] +
                         [fmt(r) for r in self.rows])

    def _repr_html_(self):
        e = _html.escape
        th = "".join(f"<th style='text-align:left;padding:2px 8px'>{e(str(h))}</th>" for h in self.head)
        trs = "".join("<tr>" + "".join(f"<td style='text-align:left;padding:2px 8px'>{e(str(x))}</td>"
                                       for x in r) + "</tr>" for r in self.rows)
        cap = f"<caption style='text-align:left'><b>{e(self.title)}</b></caption>" if self.title else ""
        return f"<table>{cap}<tr>{th}</tr>{trs}</table>"


def challenge_table() -> Table:
    """The challenges, easiest first: number, name, program, settings, goal."""
    rows = []
    for i, c in enumerate(CHALLENGES, 1):
        k = c.kw
        sett = f"GOMAXPROCS={k['gomaxprocs']} Go {k['go']}" + (", OS timing" if k.get("os_choices") else "")
        rows.append((i, c.name, c.program, sett, c.goal_text))
    return Table(("#", "name", "program", "settings", "goal"), rows, "The challenges, easiest first")


# -- progress -------------------------------------------------------------------------------------------


def default_progress_path() -> Path:
    """GOSTEP_PROGRESS if set, else .gostep-progress.json in the course folder (beside the notebooks)."""
    env = os.environ.get("GOSTEP_PROGRESS")
    if env:
        return Path(env)
    from .source import PROGRAMS
    return PROGRAMS.parent / PROGRESS_FILE


class Progress:
    """Solved challenges, kept in a JSON file: {"version": 1, "solved": {name: {"picks": [...]}}}."""

    def __init__(self, path=None):
        self.path = Path(path) if path is not None else default_progress_path()

    def _aside(self) -> Path:
        k, cand = 1, self.path.with_name(self.path.name + ".corrupt")
        while cand.exists():
            k += 1
            cand = self.path.with_name(f"{self.path.name}.corrupt-{k}")
        return cand

    def load(self) -> dict:
        """The solved challenges; {} when the file is missing. A corrupt file is renamed aside
        (kept for the reader) with a warning, and an empty record is returned."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        try:
            data = json.loads(text)
            solved = data["solved"]
            if not isinstance(solved, dict) or not all(isinstance(v, dict) for v in solved.values()):
                raise ValueError("solved is not a mapping of challenge names")
            return solved
        except (ValueError, KeyError, TypeError) as e:
            aside = self._aside()
            os.replace(self.path, aside)
            warnings.warn(f"gostep: the progress file {self.path.name} was not valid ({e}); kept it as "
                          f"{aside.name} and started a fresh one", stacklevel=2)
            return {}

    def _write(self, solved: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=self.path.name + ".", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"version": 1, "solved": solved}, f, indent=1, sort_keys=True)
                f.write("\n")
            os.replace(tmp, self.path)
        except BaseException:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
            raise

    def mark_solved(self, name: str, picks) -> None:
        """Record challenge `name` as solved with `picks` (re-reading the file first)."""
        solved = self.load()
        solved[name] = {"picks": [int(p) for p in picks]}
        self._write(solved)

    def solved(self) -> list:
        return [c.name for c in CHALLENGES if c.name in self.load()]

    def reset(self) -> None:
        """Forget all progress (the file is removed)."""
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass

    def __repr__(self):
        got = set(self.solved())
        return "\n".join([f"progress: {len(got)} of {len(CHALLENGES)} challenges solved"] +
                         [f"  [{'x' if c.name in got else ' '}] {i}. {c.name}"
                          for i, c in enumerate(CHALLENGES, 1)])


def progress(path=None) -> Progress:
    """The reader's progress (the JSON file beside the notebooks)."""
    return Progress(path)


# -- the game, the search, the check --------------------------------------------------------------------


def _game(ch: Challenge, picks=(), record=True, store=None):
    from gostep.api import simulate_to_choice
    from gostep.widgets.game import scheduler_game
    store = store or Progress()
    on_win = (lambda g: store.mark_solved(ch.name, g.choices)) if record else None
    g = scheduler_game(_prog(ch), goal=lambda tr: ch.goal(tr)[0], goal_text=ch.goal_text,
                       run=simulate_to_choice, solver=lambda: solve(ch).picks, on_win=on_win, **ch.kw)
    g.challenge = ch.name
    if picks:
        g.replay(list(picks))
        g.shown_solution = True
        g._advance()
    return g


LAST_GAMES: dict = {}    # challenge name -> the last game play() opened (check_challenge(name) reads it)


def play(name, progress_store: Progress | None = None):
    """The scheduler game on challenge `name`: pick each decision, undo, reach the goal (a win is
    saved to the progress file)."""
    g = _game(challenge(name), store=progress_store)
    LAST_GAMES[g.challenge] = g
    return g


@dataclass
class Search:
    """What the schedule search found: the picks, how many schedules it tried, how long it took."""

    name: str
    picks: list
    tried: int
    seconds: float

    def __repr__(self):
        if self.picks is None:
            return f"{self.name}: no schedule found in {self.tried} tries"
        return f"{self.name}: a schedule with {len(self.picks)} pick(s) reaches the goal"


def solve(name, seeds=range(500)) -> Search:
    """Sample schedules (gostep.find_schedule, one random schedule per seed) until one reaches the
    goal of challenge `name`."""
    from gostep.api import find_schedule    # not yet exported as gs.find_schedule
    ch = challenge(name)
    kw = {k: v for k, v in ch.kw.items() if k != "seed"}
    tried = [0]

    def pred(tr):
        tried[0] += 1
        return ch.goal(tr)[0]
    t0 = time.perf_counter()
    tr = find_schedule(_prog(ch), pred, seeds=seeds, **kw)
    return Search(ch.name, None if tr is None else list(tr.replay_choices), tried[0],
                  time.perf_counter() - t0)


def solution_game(name):
    """The game replaying the schedule the search finds ("show me a solution"); not recorded as
    solved."""
    ch = challenge(name)
    return _game(ch, picks=solve(ch).picks, record=False)


def schedules(name, **over) -> tuple:
    """(every schedule of challenge `name`, how many reach its goal): the whole decision tree,
    walked depth first. `over` changes a setting (e.g. go="1.27") to ask the same goal elsewhere."""
    todo, total, hits = [[]], 0, 0
    while todo:
        picks = todo.pop()
        tr = replay(name, picks, **over)
        if tr.pending_choice:
            todo += [picks + [i] for i in range(tr.pending_choice[1])]
            continue
        total += 1
        hits += reached(name, tr)
    return total, hits


def reachability(cases) -> Table:
    """For each (challenge name, settings changed), every schedule and how many reach the goal."""
    rows = []
    for name, over in cases:
        ch = challenge(name)
        total, hits = schedules(name, **over)
        what = ", ".join(f"{'GOMAXPROCS' if k == 'gomaxprocs' else k}={v}" for k, v in over.items())
        rows.append((ch.name, ch.program, what or "as set", total,
                     ("1 reaches the goal" if hits == 1 else f"{hits} reach the goal") if hits
                     else "none reaches the goal"))
    return Table(("challenge", "program", "changed", "schedules", "reaching it"), rows,
                 "Every schedule, walked through")


def _picks_of(schedule, ch: Challenge):
    """The picks of `schedule` (a list of ints or a game), or a CheckResult refusing it."""
    from gostep.widgets.game import SchedulerGame
    if isinstance(schedule, SchedulerGame):
        other = getattr(schedule, "challenge", None)
        if other is not None and other != ch.name:
            return CheckResult(False, [f"This game plays challenge {other!r}, not {ch.name!r}: open "
                                       f"gsc.play({ch.name!r}) and play that one."])
        prog = getattr(schedule.program, "filename", "") or ""
        if Path(prog).name != ch.program or dict(schedule.settings) != ch.kw:
            return CheckResult(False, [f"This game does not run {ch.program} with the challenge's "
                                       f"settings ({_settings_text(ch)}): the challenge fixes the "
                                       "program and its settings. Play gsc.play(...) unchanged."])
        schedule = schedule.choices
    if not isinstance(schedule, (list, tuple)) or not all(
            isinstance(p, int) and not isinstance(p, bool) for p in schedule):
        return CheckResult(False, ["Give your schedule as a list of option numbers, one per decision "
                                   "(game.choices after you played), or the game itself."])
    if any(p < 0 for p in schedule):
        return CheckResult(False, ["Option numbers start at 0 (the first button); a negative pick is "
                                   "not an option of any decision."])
    return list(schedule)


def _settings_text(ch: Challenge) -> str:
    return ", ".join(f"{k}={v}" for k, v in ch.kw.items())


def check_challenge(name, schedule=None, record: bool = True,
                    progress_store: Progress | None = None) -> CheckResult:
    """Replay `schedule` (the reader's picks, or their game; by default the picks of the last game
    play(name) opened) on challenge `name`'s program with its fixed settings, and ask the goal of
    the model's final state. A pass is saved as progress."""
    try:
        ch = challenge(name)
    except KeyError as e:
        return CheckResult(False, [str(e.args[0])])
    if schedule is None:
        schedule = LAST_GAMES[ch.name].choices if ch.name in LAST_GAMES else []
    picks = _picks_of(schedule, ch)
    if isinstance(picks, CheckResult):
        return picks
    if not picks:
        what = ("whether the OS runs sysmon's thread on time" if ch.kw.get("os_choices") else
                "which ready case a select takes")
        return CheckResult(False, [f"No picks yet: play gsc.play({ch.name!r}) (each pick decides "
                                   f"{what}), then check game.choices."])
    tr = replay(ch, picks)
    taken = list(tr.choices)
    for k, p in enumerate(picks[:len(taken)]):
        n = taken[k][1]
        if not 0 <= p < n:
            return CheckResult(False, [f"Decision {k + 1} has {n} options (0 to {n - 1}); your pick "
                                       f"was {p}. Was this schedule played on another challenge?"])
    if tr.pending_choice:
        return CheckResult(False, [f"Your picks stop before the run ends: decision {len(taken) + 1} is "
                                   "still open. Add a pick."])
    if len(picks) > len(taken):
        return CheckResult(False, [f"This program's run has {len(taken)} decision(s) on this schedule; "
                                   f"you gave {len(picks)} picks. Was this schedule played on another "
                                   "challenge?"])
    ok, what = ch.goal(tr)
    if not ok:
        return CheckResult(False, [f"Replayed on {ch.program} ({_settings_text(ch)}): {what}.",
                                   f"The goal: {ch.goal_text}. Undo some picks and try others."])
    if record:
        (progress_store or Progress()).mark_solved(ch.name, picks)
    return CheckResult(True, [f"Goal reached on {ch.program}: {what}."])


# -- real Go: nobody picks ------------------------------------------------------------------------------

# Recorded on Go 1.27.3 and 1.22.10 (20 runs each, GOMAXPROCS=1, the shared 2-core VM), for machines
# without the toolchain: idle_reset.go's last stdout line -> runs.
RECORDED = {
    ("idle_reset.go", "1.22"): {"idle: gave up after 1 items": 14, "idle: gave up after 0 items": 6},
    ("idle_reset.go", "1.27"): {"stream ended after 3 items": 17, "idle: gave up after 0 items": 3},
}


@dataclass
class RealCounts:
    """Real runs of a program counted by how they ended (exit kind, last stdout line)."""

    program: str
    go: str
    counts: dict
    recorded: bool = False

    def count(self, text: str) -> int:
        return sum(n for k, n in self.counts.items() if text in k)

    def __repr__(self):
        src = "recorded (toolchain not installed)" if self.recorded else "real Go"
        lines = [f"{src}, {self.program}, Go {self.go}: {sum(self.counts.values())} runs"]
        lines += [f"  {n:3d}  {k}" for k, n in sorted(self.counts.items(), key=lambda kv: -kv[1])]
        return "\n".join(lines)


def real_counts(program: str, runs: int = 20, go: str = "1.27", gomaxprocs: int = 1) -> RealCounts:
    """Run a course program `runs` times on real Go; count the runs by exit kind and last line
    (recorded results when the toolchain for `go` is missing)."""
    from collections import Counter
    from gostep.real.toolchain import find_go
    from .source import program_path
    if find_go(go) is None:
        if (program, go) in RECORDED:
            return RealCounts(program, go, dict(RECORDED[(program, go)]), recorded=True)
        return RealCounts(program, go, {}, recorded=True)
    import gostep as gs
    res = gs.real.run(str(program_path(program)), gomaxprocs=gomaxprocs, go=go, runs=runs,
                      timeout="2s")
    res = res if isinstance(res, list) else [res]
    c = Counter((r.exit if r.exit != "ok" else "") + (": " if r.exit != "ok" else "") +
                (r.stdout[-1] if r.stdout else "") for r in res)
    return RealCounts(program, go, dict(c))


# -- real Go on a loaded CPU: the OS runs Go's threads late --------------------------------------------

# Recorded with loaded_runs(hogs=(0, 16), runs=6) on Go 1.27.3 (sysmon_late.go, GOMAXPROCS=1,
# pinned to one CPU of the shared 2-core VM, 2026-12-05) for machines without the toolchain or
# without CPU affinity (not Linux): busy processes on that CPU -> main's wait in ns, one per run.
RECORDED_LOADED = {
    0: [10_052_982, 15_203_096, 15_180_517, 15_923_392, 10_068_413, 10_092_975],
    16: [17_168_078, 17_320_929, 19_119_076, 21_181_249, 11_058_342, 59_092_310],
}

# A busy process that stops by itself after a minute, should its parent die before killing it.
_HOG = "import time\nend = time.monotonic() + 60\nwhile time.monotonic() < end:\n    pass\n"


@dataclass
class LoadedRuns:
    """Real runs of sysmon_late.go pinned to one CPU beside `n` busy processes: main's wait (ns)."""

    program: str
    waits: dict                  # busy processes -> [main's wait in ns, one per run]
    recorded: bool = False

    def median(self, n: int) -> float:
        import statistics
        return statistics.median(self.waits[n])

    def __repr__(self):
        src = "recorded on the course's VM (no toolchain or no CPU affinity here)" if self.recorded \
            else "real Go 1.27, GOMAXPROCS=1, pinned to one CPU"
        lines = [f"{self.program}: {src}",
                 "  busy processes on the CPU   runs   fastest   median   slowest"]
        for n, w in sorted(self.waits.items()):
            lines.append(f"  {n:>25d}   {len(w):>4d}   {min(w) / 1e6:5.1f} ms {self.median(n) / 1e6:6.1f} ms"
                         f" {max(w) / 1e6:6.1f} ms")
        return "\n".join(lines)


def loaded_runs(program: str = "sysmon_late.go", hogs=(0, 8), runs: int = 5,
                go: str = "1.27") -> LoadedRuns:
    """Run `program` on real Go, pinned to one CPU (os.sched_setaffinity, inherited by the child),
    `runs` times beside each number of busy processes in `hogs` (Python loops pinned to the same
    CPU, killed afterwards; each also stops by itself after a minute). Reads main's wait from the
    program's last line ("... after 10.4ms"). Recorded results where the toolchain or CPU affinity
    is missing."""
    import re
    import signal
    import subprocess
    import sys
    from gostep.durations import parse_duration
    from gostep.real.runner import build, run_binary
    from gostep.real.toolchain import find_go
    from .source import program_path
    if find_go(go) is None or not hasattr(os, "sched_setaffinity"):
        return LoadedRuns(program, {n: list(RECORDED_LOADED[n]) for n in hogs if n in RECORDED_LOADED},
                          recorded=True)
    b = build(str(program_path(program)), go=go, quiet=True)
    if getattr(b, "binary", None) is None:
        raise RuntimeError(f"{program} did not build on Go {go}: {getattr(b, 'message', '')}")
    old = os.sched_getaffinity(0)
    cpu = min(old)
    waits: dict = {}
    for n in hogs:
        procs = []
        try:
            os.sched_setaffinity(0, {cpu})        # this thread; children inherit it
            procs = [subprocess.Popen([sys.executable, "-c", _HOG], stdin=subprocess.DEVNULL,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      start_new_session=True) for _ in range(n)]
            time.sleep(0.3 if n else 0)
            out = []
            for _ in range(runs):
                r = run_binary(b, gomaxprocs=1, timeout_ns=5_000_000_000)
                m = re.search(r"after (\S+)$", r.stdout[-1]) if r.exit == "ok" and r.stdout else None
                if m is None:
                    raise RuntimeError(f"{program} on a loaded CPU: exit {r.exit}, {r.message}")
                out.append(parse_duration(m.group(1)))
            waits[n] = out
        finally:
            for pr in procs:
                try:
                    os.killpg(pr.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
                pr.wait()
            os.sched_setaffinity(0, old)
    return LoadedRuns(program, waits)


def challenge_myths():
    """The chapter's myth boxes: C64 and C65, with what the challenges show (counted now)."""
    from .myth import Myths, myth
    total, hits = schedules("late")
    return Myths([
        myth("C64", evidence="runtime/chan.go chansend parks on c.sendq only, Go 1.27.3; challenges "
                             "both-blocked and one-blocked (check_then_send_race.go) reach schedules where "
                             "a worker's check passes and its send then blocks for good."),
        myth("C65", evidence="runtime/select.go selectgo: the pollorder shuffle (cheaprandn), Go 1.27.3; "
                             "challenge late: every schedule of late_deadline.go, walked in this chapter.",
             measured=f"model: {hits} of {total} schedules of late_deadline.go return more than 15 ms "
                      "after the deadline"),
    ])


__all__.append("challenge_myths")
