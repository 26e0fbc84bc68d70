"""The Go version setting reaches the front end: an API newer than the version is a compile error."""
import pathlib

import pytest

import gostep as gs
from gostep.real.compare import simulate_outcome

WG = pathlib.Path(__file__).resolve().parents[2] / "course" / "programs" / "waitgroup.go"


def test_simulate_recompiles_for_an_older_version():
    """A program loaded for 1.27 that uses WaitGroup.Go is refused when simulated as Go 1.22."""
    prog = gs.load(WG)
    with pytest.raises(gs.GoSourceError) as ei:
        gs.simulate(prog, go="1.22")
    assert "wg.Go undefined" in str(ei.value)


def test_compare_reports_compile_error_for_an_older_version():
    """The model side of compare/fidelity gives exit compile_error for Go 1.22, as real Go 1.22 does."""
    out = simulate_outcome(WG, go="1.22")
    assert out.exit == "compile_error"
    assert "waitgroup.go:52:5" in out.message


def test_a_version_the_model_cannot_run_is_refused_by_name():
    """Go 1.13 and earlier (timerproc goroutines, no asynchronous preemption) are refused with a
    message naming the version and the way out; 1.14 runs."""
    import pytest
    from gostep.api import Settings
    with pytest.raises(ValueError, match=r"go='1.13'.*1.14 and later.*asyncpreemptoff=1"):
        Settings(go="1.13").cfg()
    assert Settings(go="1.14").cfg().asyncpreempt == 1
