"""Chapter 0's readings of a run: which goroutine ran first, and on which P.

Two questions chapter 0 asks of a model trace and of a real execution trace:

- `first_runs(trace)`: the order in which the goroutines other than main first ran, by the name
  of the function each started in (`main.c` -> "c"). The exercise's check (checks_ch0) decides
  from it; `at_park(trace)` is the state that explains it (the P's runnext and local run queue
  when main parks).
- `other_p(...)`: over several runs, in how many the first goroutine main created ran on a P other
  than main's. At GOMAXPROCS=1 that cannot happen; at GOMAXPROCS=2 real Go's spinning P can take
  it from runnext (stealWork -> runqsteal(pp, p2, stealRunNextG=true) -> runqgrab, on the last of
  stealWork's four passes, runtime/proc.go, Go 1.27.3), which the model does not do before the
  ping-pong is over. Both sides go through one function so they are counted the same way.

The readings use the trace's events (kind, gid, pid), never what the program prints.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["first_runs", "at_park", "other_p", "OtherP"]


def _short(func: str) -> str:
    """main.c -> c; main.main.func1 -> main.func1."""
    return func[5:] if func.startswith("main.") else func


def first_runs(trace, main_gid: int = 1) -> list[str]:
    """The functions of the non-main goroutines in the order they first ran (model trace)."""
    seen, order = set(), []
    for i in range(len(trace)):
        f = trace.frame(i)
        e = f.event
        if e.kind == "execute" and e.gid != main_gid and e.gid not in seen:
            seen.add(e.gid)
            g = f.g(e.gid)
            order.append(_short(g.func) if g is not None else f"G{e.gid}")
    return order


@dataclass(frozen=True)
class ParkState:
    """A P's runnext and local run queue at one step, with each G's function."""

    step: int
    pid: int
    runnext: str
    runq: tuple

    def __repr__(self) -> str:
        q = ", ".join(self.runq) or "empty"
        return (f"step {self.step}: P{self.pid} runnext = {self.runnext or 'empty'}; "
                f"local run queue (head first) = [{q}]")


def at_park(trace, gid: int = 1, nth: int = 0) -> ParkState | None:
    """P's runnext and local run queue right after goroutine `gid` parks (its nth park)."""
    k = 0
    for i in range(len(trace)):
        f = trace.frame(i)
        if f.event.kind == "park" and f.event.gid == gid:
            if k < nth:
                k += 1
                continue
            p = next((p for p in f.ps if p.pid == f.event.pid), f.ps[0])

            def name(g):
                v = f.g(g)
                return f"G{g} ({_short(v.func)})" if v is not None else f"G{g}"
            return ParkState(i, p.pid, name(p.runnext) if p.runnext >= 0 else "",
                             tuple(name(g) for g in p.runq))
    return None


def _created_first(events, creator: int = 1) -> int | None:
    """gid of the first goroutine `creator` starts with a go statement."""
    for e in events:
        if e.kind == "go" and getattr(e, "by", creator) == creator and e.gid != creator:
            return e.gid
    return None


def _ran_elsewhere(events, creator: int = 1) -> bool:
    """Did the first goroutine `creator` made ever execute on a P other than creator's first P?"""
    home = next((e.pid for e in events if e.kind in ("execute", "state") and e.gid == creator
                 and e.pid >= 0), 0)
    child = _created_first(events, creator)
    return child is not None and any(e.kind == "execute" and e.gid == child and e.pid != home
                                     for e in events)


@dataclass(frozen=True)
class OtherP:
    """In how many of `runs` runs the first goroutine main created ran on another P than main's."""

    label: str
    gomaxprocs: int
    runs: int
    other: int

    def __repr__(self) -> str:
        return (f"{self.label}, GOMAXPROCS={self.gomaxprocs}: the goroutine main created ran on a "
                f"P other than main's in {self.other} of {self.runs} runs")


def _model_events(trace):
    """Model events with the creator filled in (the model's go event is about the creator)."""
    out = []
    for i in range(len(trace)):
        f = trace.frame(i)
        e = f.event
        if e.kind == "go":
            new = max((g.gid for g in f.gs), default=-1)
            out.append(_Ev("go", new, e.pid, e.gid))
        else:
            out.append(_Ev(e.kind, e.gid, e.pid, -1))
    return out


@dataclass(frozen=True)
class _Ev:
    kind: str
    gid: int
    pid: int
    by: int


def other_p(program, gomaxprocs: int = 2, runs: int = 10, real: bool = False) -> OtherP:
    """Count the runs (model: seeds 0..runs-1; real: traced runs of the pinned Go) in which the
    first goroutine main creates runs on a P other than main's."""
    import gostep as gs
    n = 0
    if real:
        for _ in range(runs):
            rt = gs.real.trace(program, gomaxprocs=gomaxprocs)
            n += _ran_elsewhere(rt.events)
        return OtherP("real Go (runtime/trace)", gomaxprocs, runs, n)
    prog = gs.load(program) if isinstance(program, str) else program
    for seed in range(runs):
        n += _ran_elsewhere(_model_events(gs.simulate(prog, gomaxprocs=gomaxprocs, seed=seed)))
    return OtherP(f"model (seeds 0 to {runs - 1})", gomaxprocs, runs, n)
