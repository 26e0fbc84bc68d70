"""The real-Go runner: outcomes, messages, goroutine counts, timeouts, caps, nothing left running."""
from __future__ import annotations

import os
import time

import pytest

from gostep.real import RealRunError, ToolchainMissing, run
from gostep.real.runner import classify, clean_stderr

pytestmark = pytest.mark.realgo

LEAK = """package main

import (
	"fmt"
	"time"
)

func main() {
	go func() { time.Sleep(time.Hour) }()
	fmt.Println("hello")
	fmt.Println("world")
}
"""

PANIC = """package main

func main() {
	var s []int
	_ = s
	panic("boom")
}
"""

DEADLOCK = """package main

func main() {
	ch := make(chan int)
	ch <- 1
}
"""

SPIN = """package main

func main() {
	for {
	}
}
"""

COMPILE_ERR = """package main

import "fmt"

func main() {
	x := 1
	fmt.Println("y")
}
"""

FLOOD = """package main

import "fmt"

func main() {
	for {
		fmt.Println("0123456789012345678901234567890123456789")
	}
}
"""

GOMAXPROCS = """package main

import (
	"fmt"
	"runtime"
)

func main() {
	fmt.Println(runtime.GOMAXPROCS(0))
}
"""


@pytest.fixture(scope="module")
def leak_file(tmp_path_factory, go_bin):
    p = tmp_path_factory.mktemp("real") / "leak.go"
    p.write_text(LEAK)
    return p


def test_ok_run_reports_stdout_and_goroutines(leak_file):
    """A program that returns from main is `ok`, with its stdout lines and NumGoroutine at exit."""
    res = run(leak_file)
    assert res.exit == "ok"
    assert res.stdout == ("hello", "world")
    assert res.goroutines_at_exit == 2
    assert res.message == ""
    assert res.source_name == "leak.go"
    assert res.elapsed_ns > 0
    assert res.go_version.startswith("1.27")


def test_runs_returns_a_list_and_second_build_is_cached(leak_file):
    """`runs=N` returns N results from one cached build (no build time on a second call)."""
    run(leak_file)
    res = run(leak_file, runs=2)
    assert isinstance(res, list) and len(res) == 2
    assert all(r.exit == "ok" and r.build_ns == 0 for r in res)


def test_panic_message_and_stack_name_the_course_file(tmp_path, go_bin):
    """An unrecovered panic is `panic` with Go's message, and the stack trace shows main.main at FILE:LINE."""
    p = tmp_path / "boom.go"
    p.write_text(PANIC)
    res = run(p)
    assert res.exit == "panic"
    assert res.message == "boom"
    text = "\n".join(res.stderr)
    assert "boom.go:6" in text
    assert "gostep_main" not in text and "gostep_harness" not in text
    assert str(tmp_path) not in text
    assert res.goroutines_at_exit is None


def test_deadlock_is_its_own_exit_kind(go_bin):
    """Go's "all goroutines are asleep - deadlock!" is exit kind `deadlock`."""
    res = run(DEADLOCK)
    assert res.exit == "deadlock"
    assert res.message == "all goroutines are asleep - deadlock!"


def test_hang_is_killed_with_its_process_group(go_bin):
    """A program still running at the timeout is `hang`, and its process group is gone afterwards."""
    seen = []
    import gostep.real.runner as runner
    real_popen = runner.subprocess.Popen

    def spy(*a, **kw):
        p = real_popen(*a, **kw)
        seen.append(p.pid)
        return p

    runner.subprocess.Popen = spy
    try:
        t0 = time.monotonic()
        res = run(SPIN, timeout="300ms")
    finally:
        runner.subprocess.Popen = real_popen
    assert res.exit == "hang"
    assert time.monotonic() - t0 < 5
    assert seen, "no process was started"
    with pytest.raises(ProcessLookupError):
        os.killpg(seen[-1], 0)


def test_compile_error_names_the_original_file_line_col(tmp_path, go_bin):
    """A compile error is `compile_error` with FILE:LINE:COL of the course file, no temp path."""
    p = tmp_path / "bad.go"
    p.write_text(COMPILE_ERR)
    res = run(p)
    assert res.exit == "compile_error"
    assert res.message == "bad.go:6:2: declared and not used: x"
    assert res.goroutines_at_exit is None
    assert all(str(tmp_path) not in ln for ln in res.stderr)


def test_compile_error_on_the_main_line_keeps_its_column(go_bin):
    """A compile error on the line of `func main()` reports the column of the unmodified file."""
    res = run("package main\n\nfunc main() { x := 1 }\n")
    assert res.message == "main.go:3:15: declared and not used: x"


def test_output_is_capped_and_the_cap_reported(go_bin):
    """A program printing forever is stopped at the timeout with stdout capped and `truncated` set."""
    res = run(FLOOD, timeout="400ms", cap=4096)
    assert res.exit == "hang"
    assert res.truncated
    assert res.output_cap == 4096
    assert sum(len(s) + 1 for s in res.stdout) <= 4096 + 1


def test_gomaxprocs_reaches_the_program(go_bin):
    """The gomaxprocs setting is the program's runtime.GOMAXPROCS(0)."""
    assert run(GOMAXPROCS, gomaxprocs=3).stdout == ("3",)


def test_bad_settings_raise_a_clear_error(tmp_path):
    """Bad settings and unreadable files raise RealRunError, a missing toolchain ToolchainMissing."""
    with pytest.raises(RealRunError, match="gomaxprocs"):
        run(LEAK, gomaxprocs=0)
    with pytest.raises(RealRunError, match="duration"):
        run(LEAK, timeout="soon")
    with pytest.raises(RealRunError, match="cannot read"):
        run(str(tmp_path / "missing.go"))
    with pytest.raises(ToolchainMissing, match="make go-versions"):
        run(LEAK, go="1.14")


def test_classify_follows_go_printed_forms():
    """classify maps Go's printed endings to exit kinds, first matching line wins."""
    assert classify(2, "panic: x\n\ngoroutine 1 [running]:", False) == ("panic", "x")
    assert classify(2, "fatal error: sync: unlock of unlocked mutex\n", False) == \
        ("fatal", "sync: unlock of unlocked mutex")
    assert classify(0, "", False) == ("ok", "")
    assert classify(None, "", True) == ("hang", "")
    assert classify(-9, "", False)[0] == "fatal"


def test_clean_stderr_drops_the_harness_frame():
    """The harness's own frame is removed from a stack trace and gostep_main is shown as main."""
    text = ("goroutine 1 [running]:\nmain.gostep_main()\n\tx.go:6 +0x1\n"
            "main.main()\n\tgostep_harness.go:12 +0x2\n")
    assert clean_stderr(text) == "goroutine 1 [running]:\nmain.main()\n\tx.go:6 +0x1\n"
