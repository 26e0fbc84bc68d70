"""The preemption-point flag (FN_STACKCHECK) against real Go: for every function of every
course program and of a few hand-written leaf/non-leaf cases, the model's flag equals whether
`go build -gcflags=-S` (go 1.27.3) emits the function with a stack-check prologue (a
`STEXT` line without `nosplit`)."""
from __future__ import annotations

import os
import re
import signal
import subprocess
from pathlib import Path

import pytest

from gostep.front import load
from gostep.model import isa

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = sorted((ROOT / "course" / "programs").glob("*.go"))
STEXT = re.compile(r"^(main\.[\w.]+) STEXT (nosplit )?", re.M)

EXTRA = """package main

import "time"

func leaf(x int) int { return x + 1 }

//go:noinline
func leafNo(x int) int { return x + 1 }

//go:noinline
func nonleaf(x int) int { return leaf(x) + leafNo(x) }

func mid(x int) int { return leaf(x) * 2 }

func rec(n int) int {
	if n == 0 {
		return 0
	}
	return rec(n - 1)
}

//go:noinline
func idx(s []int, i int) int { return s[i] }

//go:noinline
func div(a, b int) int { return a / b }

//go:noinline
func since(t time.Time) bool { return time.Since(t) > 15*time.Millisecond }

func main() {
	println(leaf(1), leafNo(2), nonleaf(3), mid(4), rec(3), idx([]int{1}, 0), div(4, 2), since(time.Now()))
}
"""


def gc_stackchecks(go_bin, src: str, tmp: Path) -> dict:
    (tmp / "go.mod").write_text("module x\n\ngo 1.27\n")
    (tmp / "main.go").write_text(src)
    env = dict(os.environ, GOTOOLCHAIN="local", GOPROXY="off", GOFLAGS="-mod=mod",
               CGO_ENABLED="0", GOCACHE=os.environ.get("GOCACHE", str(ROOT / ".cache" / "go-build")))
    proc = subprocess.Popen([str(go_bin), "build", "-gcflags=-S", "-o", str(tmp / "x"), "."],
                            cwd=tmp, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=180)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail("go build timed out")
    assert proc.returncode == 0, out[-2000:]
    return {m.group(1): m.group(2) is None for m in STEXT.finditer(out)}


def compare(prog, real: dict):
    mismatches = []
    for name, flags in zip(prog.fn_names, prog.fn_flags):
        if flags & isa.FN_SYNTHETIC or name not in real:
            continue          # wrappers and literals gc inlined away have no STEXT of that name
        ours = bool(flags & isa.FN_STACKCHECK)
        if ours != real[name]:
            mismatches.append((name, "model", ours, "gc", real[name]))
    return mismatches


@pytest.mark.realgo
def test_hand_written_leaf_cases(go_bin, tmp_path):
    """Leaf, //go:noinline leaf, non-leaf, inlined caller, recursion, bounds/divide panics."""
    from gostep.front import parse
    prog = parse(EXTRA, "main.go")
    real = gc_stackchecks(go_bin, EXTRA, tmp_path)
    assert {"main.leaf", "main.nonleaf", "main.idx"} <= set(real)
    assert compare(prog, real) == []


@pytest.mark.realgo
@pytest.mark.slow
@pytest.mark.skipif(not PROGRAMS, reason="no course programs yet")
@pytest.mark.parametrize("path", PROGRAMS, ids=[p.name for p in PROGRAMS])
def test_course_program_stackchecks(go_bin, tmp_path, path):
    """Every function gc compiles under its own name has the stack-check flag gc gives it (a
    program only real Go runs, by its header's model-note, has no model to compare)."""
    from gostep.corpus import read_cases
    cases = read_cases(path)
    if cases and all(c.real_only for c in cases):
        pytest.skip("real Go only: outside the stepper's subset")
    if cases and all(c.exit == "compile_error" for c in cases):
        pytest.skip("the program does not compile, on purpose")
    prog = load(path)
    real = gc_stackchecks(go_bin, path.read_text(), tmp_path)
    assert compare(prog, real) == []
