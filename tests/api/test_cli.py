"""`python -m gostep`: the command-line contract (shared go-subset page)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from gostep.cli import main
from gostep.real.compare import model_available

KEYS = {"exit", "stdout", "stderr", "message", "goroutines_at_exit", "elapsed_ns"}

HELLO = """package main

import "fmt"

func main() {
	fmt.Println("hello")
}
"""


@pytest.fixture(scope="module")
def hello(tmp_path_factory):
    p = tmp_path_factory.mktemp("cli") / "hello.go"
    p.write_text(HELLO)
    return p


@pytest.mark.realgo
def test_real_json_follows_the_contract(hello, go_bin, capsys):
    """`real FILE --json` prints one JSON object with the contract's keys and exits 0."""
    assert main(["real", str(hello), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert KEYS <= set(out)
    assert out["exit"] == "ok" and out["stdout"] == ["hello"] and out["goroutines_at_exit"] == 1


@pytest.mark.realgo
def test_real_text_and_runs(hello, go_bin, capsys):
    """`real FILE --runs 2` prints each run's outcome readably."""
    assert main(["real", str(hello), "--runs", "2"]) == 0
    out = capsys.readouterr().out
    assert out.count("exit: ok") == 2 and "hello" in out


@pytest.mark.realgo
def test_real_exit_status_is_zero_whatever_the_program_did(tmp_path, go_bin, capsys):
    """A program that panics still gives exit status 0: a result was produced."""
    p = tmp_path / "p.go"
    p.write_text("package main\n\nfunc main() {\n\tpanic(\"no\")\n}\n")
    assert main(["real", str(p), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["exit"] == "panic"


@pytest.mark.parametrize("argv", [
    ["real"], ["real", "x.go", "--gomaxprocs", "0"], ["real", "x.go", "--timeout", "soon"],
    ["real", "x.go", "--godebug", "nokey"], ["simulate", "x.go", "--seed", "a"], ["bogus"],
    ["compare", "x.go", "--runs", "0"],
])
def test_bad_usage_exits_2(argv, capsys):
    """Bad usage exits with status 2 and a message on stderr."""
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code == 2
    assert "error" in capsys.readouterr().err


@pytest.mark.parametrize("cmd", ["real", "simulate", "compare"])
def test_unreadable_file_exits_2_with_one_line(tmp_path, cmd, capsys):
    """An unreadable file gives status 2 and one clear line, no traceback."""
    assert main([cmd, str(tmp_path / "missing.go")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"gostep {cmd}: cannot read") and err.count("\n") == 1


def test_missing_toolchain_is_a_clear_message(hello, capsys):
    """Asking for an uninstalled Go version says which command installs it (status 2)."""
    from gostep.real.toolchain import find_go
    if find_go("1.21") is not None:
        pytest.skip("Go 1.21 is installed here; nothing is missing")
    assert main(["real", str(hello), "--go", "1.21"]) == 2
    assert "make go-versions" in capsys.readouterr().err


def test_simulate_follows_the_contract_or_says_the_stepper_is_missing(hello, capsys):
    """`simulate --json` prints the outcome object, or (before the stepper lands) exits 1 saying so."""
    status = main(["simulate", str(hello), "--json"])
    cap = capsys.readouterr()
    if model_available():
        assert status == 0
        out = json.loads(cap.out)
        assert KEYS <= set(out) and out["stdout"] == ["hello"]
    else:
        assert status == 1 and "stepper is not available" in cap.err


@pytest.mark.realgo
def test_compare_json_reports_both_sides(hello, go_bin, capsys):
    """`compare --json` reports real and model outcome sets and whether they agree."""
    assert main(["compare", str(hello), "--runs", "2", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["real"] and out["real"][0]["count"] == 2 and out["real"][0]["stdout"] == ["hello"]
    assert out["agree"] == (model_available() and out["only_real"] == [] and out["only_model"] == [])


def test_python_m_gostep_runs(tmp_path):
    """`python -m gostep --help` runs as a module and lists the four commands."""
    r = subprocess.run([sys.executable, "-m", "gostep", "--help"], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0
    for cmd in ("simulate", "real", "compare", "fidelity"):
        assert cmd in r.stdout
