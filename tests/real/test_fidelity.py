"""Fidelity: every case of every course program's header, against real Go and against the model.

The header records what real Go did; real Go is run again so the header cannot go stale, and the
model must reproduce it (a case with a gostep:model-note documents a known difference and is not
failed on it).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from gostep.corpus import course_programs, read_cases
from gostep.real.toolchain import find_go
from gostep.real.compare import (ModelUnavailable, Unsupported, model_available, real_problems,
                                 simulate_outcome)

CASES = [c for p in course_programs() for c in read_cases(p)]
IDS = [c.id for c in CASES]


def test_the_corpus_has_cases():
    """The course corpus has programs with header cases to check."""
    assert len(CASES) >= 2


@pytest.mark.realgo
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_real_go_matches_the_header(case, go_bin):
    """Real Go, run up to 3 times (once for a hang) with the case's settings, gives what the header records."""
    if find_go(case.go) is None:
        pytest.skip(f"Go {case.go} toolchain not installed (run `make go-versions`)")
    # A hang costs its whole timeout per run: one run shows it; the header's `runs` is for compare.
    runs = 1 if case.exit == "hang" else min(case.runs, 3)
    problems = real_problems(case, runs)
    assert not problems, f"{case.id} (header line {case.line}):\n" + "\n".join(problems)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_model_matches_the_header(case):
    """The model, with up to 3 seeds (one for a hang), gives what real Go gave (unless a model-note says why not)."""
    if not model_available():
        pytest.skip("the stepper (gostep.api.simulate) is not in this checkout yet")
    problems = []
    # A modelled hang runs to its virtual timeout (minutes of CPU for a spinning loop): one seed.
    seeds = 1 if case.exit == "hang" else min(case.runs, 3)
    try:
        for seed in range(seeds):
            o = simulate_outcome(case.file, seed=seed, **case.settings())
            problems += [f"seed {seed}: {p}" for p in case.check(o)]
    except (ModelUnavailable, Unsupported) as e:
        problems.append(str(e))
    if problems and case.model_note:
        pytest.xfail(f"model-note: {case.model_note}")
    assert not problems, f"{Path(case.file).name}:{case.line} {case.name}:\n" + "\n".join(problems)
