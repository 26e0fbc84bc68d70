"""Held-out programs: Go written the way a Go developer writes it, not next to the model.

The course programs (course/programs/) agree with real Go, but they were written beside the model.
tests/heldout/*.go are 37 programs written afterwards from a checklist of everyday Go inside the
subset, in two rounds. Round 1 (20 programs, from a scratch set of 76): fan-in, the wake order of
parked goroutines, time.After loops, timer Reset, context trees and AfterFunc, sentinel errors,
recover in goroutines, defer in loops, fmt verbs, integer arithmetic, context edge cases, panics,
fatal errors, timing bands. Round 2 (17 programs, from a scratch set of 81): timer Stop/Reset and
stale values in Go 1.22 vs 1.23+, asynctimerchan, WithTimeoutCause / WithoutCancel, AfterFunc
timers, 5000 parked goroutines, NumGoroutine, goroutine start order (runnext), a WaitGroup
deadlock, integer overflow and division by zero, iota blocks, fmt bases, flags and operands, the
virtual cost of a tight loop, closed channels. Each was kept because it found a disagreement or covers ground the course does not.
Each header records what real Go printed (go 1.27.3; the go=1.22 / 1.23 cases with those
toolchains; 10 or 20 runs, GOMAXPROCS 1 and 2); cases where the model knowingly differs carry a
gostep:model-note naming the cause, and are expected failures here.

The model side always runs (a few milliseconds a case, about 8 s for the file). The `realgo`
test re-runs real Go once per case so the headers cannot go stale: a few seconds with the
binaries cached in .cache/gostep-real/, and 2-3 minutes on the 2-core VM when all must be built.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from gostep.corpus import read_cases
from gostep.real.compare import check_case, model_available, real_problems
from gostep.real.toolchain import find_go

HELDOUT = Path(__file__).resolve().parents[1] / "heldout"
CASES = [c for p in sorted(HELDOUT.glob("*.go")) for c in read_cases(p)]
IDS = [c.id for c in CASES]


def test_the_heldout_set_has_cases():
    """Every held-out program has at least one header case, and the set has 30 to 40 programs."""
    files = sorted(HELDOUT.glob("*.go"))
    assert 30 <= len(files) <= 40
    assert all(read_cases(f) for f in files)


def model_problems(case) -> list:
    """The model's differences from the header over case.runs seeds (a refusal or crash is one)."""
    row = check_case(case, real=False)
    return row.model_problems if row.model_problems is not None else [row.model_error]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_model_matches_real_go(case):
    """The model, with the case's 5 seeds, gives what real Go gave (a case with a model-note is an expected failure)."""
    if not model_available():
        pytest.skip("the stepper (gostep.api.simulate) is not in this checkout yet")
    problems = model_problems(case)
    if problems and case.model_note:
        pytest.xfail(f"model-note: {case.model_note}")
    assert not problems, f"{Path(case.file).name}:{case.line} {case.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("case", [c for c in CASES if c.model_note],
                         ids=[c.id for c in CASES if c.model_note])
def test_noted_differences_are_still_there(case):
    """A model-note describes a difference the model still has; when the model is fixed, the note must go."""
    if not model_available():
        pytest.skip("the stepper (gostep.api.simulate) is not in this checkout yet")
    assert model_problems(case), (f"{Path(case.file).name}:{case.line} {case.name}: the model now "
                                  "agrees with real Go; remove the gostep:model-note")


@pytest.mark.realgo
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_real_go_matches_the_header(case, go_bin):
    """Real Go, run once with the case's settings, still gives what the header records."""
    if find_go(case.go) is None:
        pytest.skip(f"Go {case.go} toolchain not installed (run `make go-versions`)")
    problems = real_problems(case, 1)
    assert not problems, f"{case.id} (header line {case.line}):\n" + "\n".join(problems)
