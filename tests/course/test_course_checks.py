"""Tests of the exercise checks against real Go (the model's part runs when the stepper exists)."""
from __future__ import annotations

import pytest

import gostep.course as gsc
from gostep.course.checks import outcome_of
from gostep.course.checks_ch2 import LOOPS, LOOPS_THAT_HANG


@pytest.mark.realgo
@pytest.mark.slow
def test_loops_that_hang_match_real_go(go_bin):
    """On real Go, GOMAXPROCS=1 and asyncpreemptoff=1, exactly the loops the check calls hanging hang."""
    import gostep.real as real
    hung = set()
    for k in LOOPS:
        r = outcome_of(real.run(gsc.loop_program(k), gomaxprocs=1, godebug="asyncpreemptoff=1",
                                timeout="2s"))
        assert r["exit"] in ("ok", "hang"), (k, r)
        if r["exit"] == "hang":
            hung.add(k)
    assert hung == set(LOOPS_THAT_HANG)


@pytest.mark.realgo
def test_real_outcome_shape(go_bin):
    """A real run of a loop program is read into the contract's outcome shape with its observed time."""
    import gostep.real as real
    o = outcome_of(real.run(gsc.loop_program("C"), gomaxprocs=2, timeout="5s"))
    assert o["exit"] == "ok"
    ms = gsc.checks.observed_ms(o)
    assert ms is not None and ms >= 5.0
