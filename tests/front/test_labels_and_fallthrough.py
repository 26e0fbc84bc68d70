"""Labeled break / continue (on for, range, switch, select) and fallthrough, as gc checks and runs them.

`break loop` out of a `for { select { ... } }` is the usual way to leave such a loop; the front end
refused labels and fallthrough. Every expected line and error below was printed by go 1.27.3.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from gostep.front import GoSourceError, parse
from gostep.model.verify import verify

HERE = Path(__file__).resolve().parents[1] / "heldout2_labels"
RUNS = [("ok1", ["n 9", "0 0 1 0 1 1 2 0 2 1 2 2 ", "two", "three", "default", "7"]),
        ("ok2", ["tick 0", "tick 1", "tick 2", "worker out"])]
ERRORS = [("e1", ["e1.go:6:1: label unused defined and not used",
                  "e1.go:13:12: invalid continue label sw",
                  "e1.go:16:9: break label not defined: nowhere"]),
          ("e2", ["e2.go:11:4: fallthrough statement out of place",
                  "e2.go:15:3: cannot fallthrough final case in switch"]),
          ("e3", ["e3.go:13:1: missing return"])]


@pytest.mark.slow
@pytest.mark.parametrize("name,want", RUNS, ids=[r[0] for r in RUNS])
def test_labels_and_fallthrough_run_as_real_go(name, want):
    """Labeled break/continue leave or continue the named statement; fallthrough enters the next clause."""
    prog = parse((HERE / f"{name}.go").read_text(), f"{name}.go")
    assert verify(prog)[0] == []
    api = pytest.importorskip("gostep.api", reason="the stepper (gostep.api) is not available")
    out = api.simulate(prog, gomaxprocs=2, seed=0).outcome
    assert (out.exit, list(out.stdout)) == ("ok", want), out.message


@pytest.mark.parametrize("name,want", ERRORS, ids=[e[0] for e in ERRORS])
def test_label_errors_are_gcs(name, want):
    """Unused, misplaced and undefined labels, misplaced fallthrough, and a labeled break out of a for are gc's errors."""
    with pytest.raises(GoSourceError) as ei:
        parse((HERE / f"{name}.go").read_text(), f"{name}.go")
    assert ei.value.kind == "compile"
    assert str(ei.value).splitlines() == want


def test_goto_labels_stay_refused():
    """A label on any other statement (a goto target) is still refused as unsupported."""
    src = 'package main\n\nfunc main() {\nL:\n\tgoto L\n}\n'
    with pytest.raises(GoSourceError) as ei:
        parse(src, "x.go")
    assert ei.value.kind == "unsupported"
    assert "x.go:4:1: unsupported: labels" in str(ei.value)
