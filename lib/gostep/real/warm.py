"""Warm the caches before notebooks run: `python -m gostep.real.warm` (called by `make test`).

# Why a warm-up step

A first real-Go build on a fresh machine compiles the runtime and the standard library (15-30 s);
a first call of the stepper compiles its numba kernels (several seconds). Both land in project-local
caches (.cache/go-build, .cache/numba). Paying for them here keeps each notebook cell well inside
nbval's cell timeout and makes the stored outputs independent of cache state.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gostep.real.toolchain import REPO_ROOT, find_go, go_env, version_of

HELLO = """package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/trace"
	"sync"
	"time"
)

var _ = errors.New
var _ = trace.Start
var _ sync.WaitGroup

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	<-ctx.Done()
	fmt.Println(runtime.NumGoroutine())
}
"""


def start_trace_tool():
    """Build `go tool trace` in the background (a fresh machine compiles it once: 1-2 min)."""
    go = find_go()
    if go is None:
        return None
    return subprocess.Popen([str(go), "tool", "-n", "trace"], env=go_env(), cwd=REPO_ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, start_new_session=True)


def finish_trace_tool(proc) -> None:
    if proc is None:
        return
    t0 = time.perf_counter()
    try:
        _, err = proc.communicate(timeout=900)
    except subprocess.TimeoutExpired:
        import os
        import signal
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        print("warm: go tool trace did not build within 900 s")
        return
    if proc.returncode != 0:
        print(f"warm: building go tool trace failed: {err.decode(errors='replace').strip()}")
    else:
        print(f"warm: go tool trace ready (waited {time.perf_counter() - t0:.1f} s)", flush=True)


def warm_go() -> None:
    go = find_go()
    if go is None:
        print("warm: real Go toolchain not found; real-Go tests will be skipped")
        return
    t0 = time.perf_counter()
    print(f"warm: building with Go {version_of(go)} (first build compiles the runtime, 15-30 s)...",
          flush=True)
    with tempfile.TemporaryDirectory(prefix="gostep-warm-") as d:
        Path(d, "go.mod").write_text("module gostep.run\n\ngo 1.27\n")
        Path(d, "main.go").write_text(HELLO)
        r = subprocess.run([str(go), "build", "-trimpath", "-o", "prog", "."], cwd=d,
                           env=go_env(), capture_output=True, text=True, timeout=600)
        if r.returncode != 0:
            print("warm: go build failed:\n" + r.stderr, file=sys.stderr)
            sys.exit(1)
        r = subprocess.run([str(Path(d) / "prog")], capture_output=True, text=True, timeout=60)
    print(f"warm: Go build cache ready ({time.perf_counter() - t0:.1f} s)", flush=True)


def warm_numba() -> None:
    """Run the stepper once on the ping-pong program, if the stepper exists yet."""
    prog = REPO_ROOT / "course" / "programs" / "ping_pong.go"
    t0 = time.perf_counter()
    try:
        from gostep.api import simulate
        from gostep.front import load
        trace = simulate(load(str(prog)))
        _ = trace.outcome
    except (ImportError, AttributeError, FileNotFoundError) as e:
        print(f"warm: stepper not available yet ({type(e).__name__}: {e}); numba cache not warmed")
        return
    except Exception as e:  # a broken stepper is the tests' business, not the warm-up's
        print(f"warm: stepper failed on {prog.name} ({type(e).__name__}: {e})")
        return
    print(f"warm: numba cache ready ({time.perf_counter() - t0:.1f} s)", flush=True)


# `make lab` runs this module with --background while JupyterLab opens: see gostep/warming.py.
from gostep import warming  # noqa: E402


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    marker = "--background" in args
    if marker:
        warming.start()
    tool = start_trace_tool()
    try:
        warm_go()
        warm_numba()
    finally:
        finish_trace_tool(tool)
        if marker:
            warming.done()
    return 0


if __name__ == "__main__":
    sys.exit(main())
