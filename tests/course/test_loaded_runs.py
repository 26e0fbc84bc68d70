"""gsc.loaded_runs: real runs pinned to one CPU beside busy processes, cleaned up afterwards."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from gostep.course import challenges as ch


def _hogs_alive() -> list:
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                cmd = (d / "cmdline").read_bytes()
            except OSError:
                continue
            if b"time.monotonic() + 60" in cmd:
                out.append(int(d.name))
    return out


def test_without_a_toolchain_the_recorded_runs_are_shown(monkeypatch):
    """No toolchain: the recorded runs, said to be recorded, for the hog counts recorded."""
    import gostep.real.toolchain as tc
    monkeypatch.setattr(tc, "find_go", lambda go: None)
    r = ch.loaded_runs(hogs=(0, 16))
    assert r.recorded and set(r.waits) == {0, 16}
    assert "recorded" in repr(r) and len(r.waits[16]) == 6
    assert r.median(16) > r.median(0)


@pytest.mark.realgo
@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="CPU affinity is Linux only")
def test_a_loaded_run_leaves_no_busy_process_and_restores_the_affinity():
    """Two busy processes, two runs each way: every run gives main's wait, then the busy processes
    are gone and this thread may run on every CPU it could before."""
    before = os.sched_getaffinity(0)
    r = ch.loaded_runs(hogs=(0, 2), runs=2)
    assert not r.recorded
    assert [len(r.waits[n]) for n in (0, 2)] == [2, 2]
    assert all(5_000_000 <= w < 2_000_000_000 for n in (0, 2) for w in r.waits[n])
    assert os.sched_getaffinity(0) == before
    assert _hogs_alive() == []
