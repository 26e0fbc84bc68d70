"""sysmon's real sleeps, seen from the OS: strace of a real run (optional).

sysmon is an M of its own that sleeps with `usleep(delay)` (runtime/proc.go sysmon, Go 1.27.3;
docs/runtime-notes.md N2); on Linux each sleep is one `nanosleep` system call of that thread.
`strace_sysmon(program)` builds the program with gostep.real, runs it under
`strace -f -e trace=nanosleep`, takes the thread that issued the most nanosleeps (sysmon), and
returns its sleeps run-length encoded in µs, like `tracetools.sysmon_sleeps` for the model.

Where strace is missing or not permitted (containers without ptrace), it returns the recorded run
of the project's fact sheet (Go 1.27.3) and says so; a chapter shows it in a cell that is not
compared, since real runs vary.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass

from .realgo import SYSMON_SLEEPS_1_27_3

_NANOSLEEP = re.compile(r"^(\d+)\s+nanosleep\(\{tv_sec=(\d+), tv_nsec=(\d+)\}")


@dataclass(frozen=True)
class OsSleeps:
    """A thread's nanosleep durations (µs, count), and where they come from."""

    runs: tuple
    source: str  # "strace" or "recorded"
    note: str = ""

    def __repr__(self) -> str:
        s = " ".join(f"({d}µs x{n})" if n > 1 else f"({d}µs)" for d, n in self.runs)
        return f"{self.source}: {s}" + (f"  [{self.note}]" if self.note else "")


def parse_strace(text: str) -> tuple:
    """Run-length encoded sleeps (µs) of the thread with the most nanosleep calls in strace output."""
    calls = [(int(m.group(1)), int(m.group(2)) * 1_000_000 + int(m.group(3)) // 1000)
             for m in map(_NANOSLEEP.match, text.splitlines()) if m]
    if not calls:
        return ()
    tid = Counter(t for t, _ in calls).most_common(1)[0][0]
    runs: list = []
    for t, us in calls:
        if t != tid:
            continue
        if runs and runs[-1][0] == us:
            runs[-1][1] += 1
        else:
            runs.append([us, 1])
    return tuple((d, n) for d, n in runs)


def _recorded(note: str) -> OsSleeps:
    return OsSleeps(tuple(SYSMON_SLEEPS_1_27_3), "recorded", f"Go 1.27.3, fact sheet exp 12; {note}")


def strace_sysmon(program, gomaxprocs: int = 1, godebug: str = "", timeout_s: float = 10.0) -> OsSleeps:
    """sysmon's nanosleeps in a real run of `program` (strace), or the recorded ones, with a note."""
    strace = shutil.which("strace")
    if strace is None:
        return _recorded("strace is not installed (apt-get install -y strace)")
    try:
        import gostep.real as real
        b = real.build(program)
    except Exception as e:
        return _recorded(f"no real Go here ({type(e).__name__})")
    if b.binary is None:
        return _recorded("the program did not build")
    env = dict(os.environ, GOMAXPROCS=str(gomaxprocs), GODEBUG=godebug)
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "strace.txt")
        p = subprocess.Popen([strace, "-f", "-e", "trace=nanosleep", "-o", out, str(b.binary)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                             start_new_session=True)
        try:
            p.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
        text = open(out).read() if os.path.exists(out) else ""
    runs = parse_strace(text)
    if not runs:
        return _recorded("strace saw no nanosleep (ptrace not permitted?)")
    return OsSleeps(runs, "strace")
