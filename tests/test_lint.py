"""The linter (ruff, configured in pyproject.toml) finds nothing in lib/ and tests/.

It runs as a test rather than as a Makefile step so that `make test`, a bare `pytest` and CI all
run it and report it beside the other failures; without ruff installed it is skipped, saying why.
"""
import importlib.util
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_ruff_finds_nothing():
    """`ruff check lib tests` passes: no unused or star imports, no undefined names (pyflakes' F rules)."""
    if importlib.util.find_spec("ruff") is None:
        pytest.skip("ruff is not installed (it is in the test extra: pip install -e '.[test]')")
    res = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "lib", "tests"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout[-4000:] + res.stderr[-2000:]
