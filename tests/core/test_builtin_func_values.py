"""Goroutines started on a builtin func value held in a variable of type func() (a cancel func, or
context.AfterFunc's stop) run it, as real Go does: `go g()` and time.AfterFunc(d, g) with
`var g func() = cancel` cancel the context, `go stop()` runs the stop function. The stepper starts
such a goroutine on the program's trampoline for that kind of value (compile.py fv_tramp; proc.py
op_go; time.py start_builtin_fv); before, `go g()` stopped the run as unsupported and the timer
started nothing (the program deadlocked)."""
from __future__ import annotations


import pytest

import gostep.api as api

PROGRAM = """package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	var g func() = cancel
	go g()
	<-ctx.Done()
	fmt.Println("1:", ctx.Err())

	ctx2, cancel2 := context.WithCancel(context.Background())
	var h func() = cancel2
	time.AfterFunc(time.Millisecond, h)
	<-ctx2.Done()
	fmt.Println("2:", ctx2.Err())

	ctx3, cancel3 := context.WithCancel(context.Background())
	stop := context.AfterFunc(ctx3, func() { fmt.Println("never") })
	var s func() bool = stop
	done := make(chan bool)
	go func() {
		s()
		done <- true
	}()
	<-done
	go stop()
	time.Sleep(time.Millisecond)
	cancel3()
	time.Sleep(time.Millisecond)
	fmt.Println("3: done")
}
"""
# real Go 1.27.3 (2026-11-28): the three lines, exit 0
EXPECTED = ("1: context canceled", "2: context canceled", "3: done")


@pytest.fixture(scope="module")
def prog(tmp_path_factory):
    p = tmp_path_factory.mktemp("fv") / "fv.go"
    p.write_text(PROGRAM)
    return p


@pytest.mark.parametrize("procs", [1, 2])
def test_goroutines_on_builtin_func_values_run_them(prog, procs):
    """The model cancels both contexts and runs the stop function (no "never" line), on one and
    two Ps; the goroutines are named after the value's kind."""
    tr = api.simulate(prog, gomaxprocs=procs, timeout="1s")
    assert tr.outcome.exit == "ok", tr.outcome.message
    assert tr.outcome.stdout == EXPECTED
    names = {g.func for i in range(0, len(tr), 5) for g in tr.frame(i).gs}
    assert "context.CancelFunc" in names


@pytest.mark.realgo
def test_real_go_agrees(prog, go_bin):
    """Real Go prints the same three lines."""
    from gostep.real import run
    res = run(prog, timeout="5s")
    assert res.exit == "ok" and tuple(res.stdout) == EXPECTED
