"""Chapter 3's exercise checks (the pattern: `checks.py`, "How a check decides").

check_worker_pool(answer)      fix the leaking worker pool (course/programs/leaky_pool.go) by
                               editing only `func worker`
check_leaky_schedule(picks)    a schedule of check_then_send_race.go, picked in the scheduler game,
                               in which a worker stays blocked in its send after the cancel

Both decide from the model's state: which goroutines are alive at the end and where they are
parked, how many answers reached the caller (the transfers on `results` in the event log), whether
the caller's context ended by its deadline. Nothing the reader's program prints counts.
"""
from __future__ import annotations

import re

from .checks import (CheckResult, changed_outside, leftover_goroutines, run_model,  # noqa: F401
                     _real_runs)

__all__ = ["check_worker_pool", "check_leaky_schedule", "pool_worker", "blocked_workers",
           "POOL_SITUATIONS"]

GAME_PROGRAM = "check_then_send_race.go"    # the scheduler game of chapter 3 (ch3.schedule_game)
LAST_GAME: list = []     # the last game schedule_game() made: check_leaky_schedule() reads its picks

POOL_FILE = "leaky_pool.go"
_DEADLINE = re.compile(r"const deadline = [^\n]+")
_WORKER = re.compile(r"func worker\(.*?\n}\n", re.S)

# (label, deadline expression): the situations a fix must survive, each run at GOMAXPROCS=1 and
# at GOMAXPROCS=2 with timing noise (_RUNS: gomaxprocs, seed, noisy).
POOL_SITUATIONS = (
    ("deadline 5 ms (the caller gives up before any worker sends)", "5 * time.Millisecond"),
    ("deadline 10.5 ms (the caller gives up while answers wait in their sends)",
     "10*time.Millisecond + 500*time.Microsecond"),
    ("deadline 15 ms (three answers arrive, three sends start after it)", "15 * time.Millisecond"),
    ("deadline 1 s (the caller waits for all six answers)", "time.Second"),
)
_RUNS = ((1, 0, False), (2, 0, True), (2, 1, True))


def _template() -> str:
    from .source import program_path
    return program_path(POOL_FILE).read_text()


def pool_worker() -> str:
    """The `func worker` of leaky_pool.go, the part of the program the exercise lets you edit."""
    return _WORKER.search(_template()).group(0)


def _pool_source(answer) -> str:
    """A whole program from the reader's answer: the program itself, or a `func worker`
    declaration put in place of the template's."""
    text = str(answer)
    if "package main" in text:
        return text
    return _WORKER.sub(lambda _m: text.strip() + "\n", _template(), count=1)


def _delivered(trace, results: str = "chan#2") -> int:
    """How many values went from a worker to main (G1) over `results`, from the event log."""
    n = 0
    for i in range(len(trace)):
        e = trace.frame(i).event
        if e.obj != results:
            continue
        if e.kind == "chansend" and e.gid != 1 and "to waiting G1" in e.text:
            n += 1
        elif e.kind == "chanrecv" and e.gid == 1 and "closed" not in e.text:
            n += 1
    return n


def _deadline_err(trace) -> str:
    last = trace.frame(len(trace) - 1)
    return next((c.err for c in last.ctxs if c.kind == "deadline"), "")


def _why_parked(g) -> str:
    where = f"parked in [{g.wait_reason}] at line {g.line} (G{g.gid}, {g.func})"
    if g.wait_reason == "chan send":
        return (where + ": nobody receives from results any more, and the caller's cancel closes "
                "ctx.Done(), a channel this send does not wait on")
    if g.wait_reason == "select":
        return where + ": none of this select's cases will ever be ready"
    return where


def check_worker_pool(answer, real: bool = False) -> CheckResult:
    """Chapter 3: after the caller times out no worker is left alive, in every situation, and when
    the caller waits long enough every answer still reaches it. Edit only `func worker`."""
    source = _pool_source(answer)
    _trace, err = run_model(source, "leaky_pool.go", gomaxprocs=1, timeout="1ms")
    if err is not None:
        return CheckResult(False, [f"The program does not compile: {err}"])
    changed = changed_outside(source, _template(), {"func worker"})
    if changed:
        return CheckResult(False, ["Edit only func worker: " + "; ".join(changed) + ". The deadline, "
                                   "the jobs, work and the caller are the situation the fix must "
                                   "survive."])
    if not _DEADLINE.search(source):
        return CheckResult(False, ["Keep the line `const deadline = ...`."])
    from gostep.api import MEASURED_NOISE
    msgs = []
    for label, expr in POOL_SITUATIONS:
        variant = _DEADLINE.sub(f"const deadline = {expr}", source, count=1)
        for procs, seed, noisy in _RUNS:
            where = f"{label}, GOMAXPROCS={procs}, seed {seed}"
            trace, err = run_model(variant, "leaky_pool.go", gomaxprocs=procs, seed=seed,
                                   timeout="2s", capacities=MEASURED_NOISE if noisy else {})
            if err is not None:
                return CheckResult(False, [f"The program does not compile: {err}"])
            o = trace.outcome
            if o.exit != "ok":
                hint = (" Closing a channel while someone may still send on it makes that send panic "
                        "(closechan releases the senders to panic)." if "closed channel" in o.message else "")
                return CheckResult(False, [f"{where}: the program ended with {o.exit}: {o.message}.{hint}"])
            left = leftover_goroutines(trace)
            if left:
                msgs.append(f"{where}: {len(left)} worker goroutine(s) still alive after the caller "
                            f"returned and main waited 100 ms; {_why_parked(left[0])}.")
                if "default:" in source and "Done()" in source and left[0].wait_reason == "chan send":
                    msgs.append("A check of ctx.Done() before the send sees the context at one instant; "
                                "the send after it waits without it (check-then-block).")
                return CheckResult(False, msgs)
            got = _delivered(trace)
            if expr == "time.Second" and got != 6:
                return CheckResult(False, [
                    f"{where}: the caller waited for all six answers but {got} reached it. Every job's "
                    "answer must still be delivered when the caller is there to take it; a send that "
                    "gives up when no receiver waits at that very instant drops the answer (C17)."])
            if expr != "time.Second" and _deadline_err(trace) != "context deadline exceeded":
                return CheckResult(False, [
                    f"{where}: all six answers arrived before the deadline, so the caller never timed "
                    "out. Keep calling work(job) for every job: the fix must hold when the work is slow."])
    msgs.append(f"model: in {len(POOL_SITUATIONS) * len(_RUNS)} runs ({len(POOL_SITUATIONS)} deadlines, each at "
                "GOMAXPROCS=1 and at GOMAXPROCS=2 with timing noise, seeds 0 and 1) no worker was alive "
                "after the caller returned, and with a 1 s deadline all six answers reached it.")
    if real:
        runs = _real_runs(source, "leaky_pool.go", 1, gomaxprocs=2, timeout="5s")
        if runs is None:
            msgs.append("real Go: not run here (no toolchain); the model decides.")
        else:
            n = runs[0]["goroutines_at_exit"]
            msgs.append(f"real Go 1.27, GOMAXPROCS=2, deadline 15 ms: {n} goroutine(s) alive when main returned.")
            if n != 1:
                msgs.append("Real Go still has workers alive: the fix is not complete.")
                return CheckResult(False, msgs)
    return CheckResult(True, msgs)


# -- the scheduler game: a schedule where check-then-send blocks ---------------------------------------


def blocked_workers(trace) -> list:
    """Workers (main.worker) still parked in chan send at the end of the run."""
    return [g for g in leftover_goroutines(trace)
            if g.func == "main.worker" and g.wait_reason == "chan send"]


def check_leaky_schedule(picks=None) -> CheckResult:
    """Chapter 3: the reader's picks (the game's `choices`; with no argument, those of the last
    game `schedule_game()` made), replayed in the model on check_then_send_race.go, end with a
    worker blocked in its send although the caller cancelled."""
    import gostep as gs
    from .source import program_path
    if picks is None:
        picks = list(LAST_GAME[-1].choices) if LAST_GAME else []
    picks = getattr(picks, "choices", picks)
    if not isinstance(picks, (list, tuple)) or not all(isinstance(p, int) and not isinstance(p, bool)
                                                         for p in picks):
        return CheckResult(False, ["Give your picks as a list of option numbers (integers, one per "
                                   "decision): game.choices after you played."])
    if not picks:
        return CheckResult(False, ["No picks yet: play the game (each pick chooses which ready case the "
                                   "caller's select takes), then run the check again."])
    prog = gs.load(str(program_path(GAME_PROGRAM)))
    trace = gs.simulate(prog, choices=list(picks), stop_at_choice=True, gomaxprocs=1, seed=0)
    taken = list(trace.choices)
    for k, p in enumerate(picks[:len(taken)]):
        n = taken[k][1]
        if not 0 <= p < n:
            return CheckResult(False, [f"Decision {k + 1} has {n} options (0 to {n - 1}); your pick was {p}."])
    if trace.pending_choice:
        return CheckResult(False, [f"Your picks stop before the run ends: decision {len(taken) + 1} (which "
                                   "ready case the caller's select takes) is still open. Add a pick."])
    if len(picks) > len(taken):
        return CheckResult(False, [f"This schedule has {len(taken)} decision(s); you gave {len(picks)} "
                                   "picks. Drop the extra ones."])
    blocked = blocked_workers(trace)
    if not blocked:
        return CheckResult(False, ["In this schedule the caller cancelled before any worker's next check: "
                                   "every worker saw ctx.Done() closed at its check and returned. The "
                                   "goal is a schedule where a worker's check comes before the cancel."])
    g = blocked[0]
    return CheckResult(True, [
        f"{len(blocked)} worker(s) blocked for good: G{g.gid} checked ctx.Done() while it was still open, "
        f"then parked in chan send at line {g.line}. The caller gave up and cancelled; cancel closed "
        "ctx.Done(), and the send does not wait on it."])
