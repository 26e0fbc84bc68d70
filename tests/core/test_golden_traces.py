"""Golden text traces of canonical programs (tests/golden/*.txt).

Regenerate only on purpose: GOSTEP_UPDATE_GOLDEN=1 pytest tests/core/test_golden_traces.py
"""
import os
import pathlib

import pytest

import gostep.api as api
from asm import prog_deadlock, prog_pingpong, prog_recover, prog_spin_timeout

GOLDEN = pathlib.Path(__file__).parents[1] / "golden"
CASES = {
    "pingpong": (prog_pingpong, {}),
    "deadlock": (prog_deadlock, {}),
    "recover": (prog_recover, {}),
    "spin_timeout_p1": (lambda: prog_spin_timeout("work"), {"timeout": "1s"}),
    "spin_timeout_p2": (lambda: prog_spin_timeout("work"), {"timeout": "1s", "gomaxprocs": 2}),
    "spin_asyncpreemptoff": (lambda: prog_spin_timeout("work"),
                             {"timeout": "30ms", "godebug": "asyncpreemptoff=1"}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_trace(name):
    """The step-by-step text of a canonical program is exactly the stored one."""
    mk, kw = CASES[name]
    text = api.simulate(mk(), **kw).to_text()
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("GOSTEP_UPDATE_GOLDEN") == "1" or not path.exists():
        if os.environ.get("GOSTEP_UPDATE_GOLDEN") != "1":
            pytest.fail(f"no golden file {path.name}; create it with GOSTEP_UPDATE_GOLDEN=1")
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
