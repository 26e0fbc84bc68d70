"""Recording rebuilds only dirty and running goroutines between keyframes (core/record.py).

A missed dirty mark would show a stale goroutine in the player, so these tests run the course
programs with `check_delta` (every clean G is rebuilt too and compared) and compare whole traces
recorded with a keyframe at every step against the default keyframe spacing."""
from __future__ import annotations

import dataclasses

import pytest

import gostep.api as api
from gostep.corpus import course_programs, read_cases

CASES = [c for p in course_programs() for c in read_cases(p)
         if c.exit not in ("compile_error", "build_error") and not c.real_only]
CAPS = {"check_delta": 1}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_no_clean_goroutine_changes_unseen(case):
    """Over a whole recorded run, no goroutine outside the dirty list and the running ones ever
    differs from its last recorded state (the dirty marks miss nothing)."""
    s = case.settings()
    s["timeout"] = "300ms"      # the hangs and long sleeps: a prefix is enough
    tr = api.simulate(case.file, max_steps=60_000, capacities=CAPS, **s)
    assert len(tr) > 5
    assert tr.stats["delta_misses"] == 0, case.id


@pytest.mark.parametrize("name,kw", [
    ("spin_timeout.go", {"gomaxprocs": 1}),
    ("spin_timeout.go", {"gomaxprocs": 2}),
    ("ping_pong.go", {"gomaxprocs": 2}),
    ("many_deadlines.go", {"gomaxprocs": 2}),
    ("close_wakes_receivers.go", {"gomaxprocs": 1}),
])
def test_delta_trace_equals_full_snapshots(name, kw):
    """The frames decoded from a delta-recorded trace (every fifth step and the last 40) equal
    those of the same run recorded with a full snapshot at every step (keyframe = 1)."""
    progs = {p.name: p for p in course_programs()}
    if name not in progs:
        pytest.skip(f"{name} is not a course program")
    path = progs[name]
    # keyframe=1 writes every goroutine at every step: keep the runs short (many_deadlines has
    # 2000 goroutines)
    n = 400 if name == "many_deadlines.go" else 3_000
    delta = api.simulate(path, timeout="100ms", max_steps=n, **kw)
    full = api.simulate(path, timeout="100ms", max_steps=n, capacities={"keyframe": 1}, **kw)
    assert len(delta) == len(full) > 5
    for i in list(range(0, len(full), 5)) + list(range(max(0, len(full) - 40), len(full))):
        a = dataclasses.replace(delta.frame(i), settings={})    # settings differ by `keyframe` only
        b = dataclasses.replace(full.frame(i), settings={})
        assert a == b, f"{name} step {i}"
