"""Chapter 7's library: the service wrapper for the stepper, the go test / go vet runs and parsers."""
from __future__ import annotations

import pytest

import gostep.course as gsc
from gostep.course.ch7 import _parse_test

PANIC_OUT = """=== RUN   TestX
--- FAIL: TestX (0.00s)
panic: deadlock: main bubble goroutine has exited but blocked goroutines remain [recovered, repanicked]

goroutine 22 [chan send (durable), synctest bubble 1]:
gostep.course/service.Fetch.func1()
	service.go:22 +0x4c
created by gostep.course/service.Fetch in goroutine 21
"""


def test_parse_test_reads_synctest_deadlock_and_blocked_goroutine():
    """A synctest deadlock is parsed into its panic line and the blocked goroutine's reason, function and line."""
    run = _parse_test("TestX", 2, PANIC_OUT, 0.01)
    assert not run.passed
    assert run.panic == "panic: deadlock: main bubble goroutine has exited but blocked goroutines remain"
    assert run.leaked == ["chan send (durable) in service.Fetch.func1 (service.go:22)"]


def test_parse_test_reads_errors_and_timeout():
    """t.Errorf lines are collected, and a killed test is a failure that says so."""
    out = "=== RUN   TestY\n    service_test.go:48: Fetch(ctx, 100) = 1000, want -1\n--- FAIL: TestY (0.00s)\n"
    run = _parse_test("TestY", None, out, 15.0)
    assert not run.passed and run.errors[0] == "Fetch(ctx, 100) = 1000, want -1"
    assert "killed" in run.errors[-1]


def test_service_program_keeps_line_numbers_and_adds_main():
    """The stepper's copy of the service is package main, with the reader's lines where they were."""
    src = gsc.service_template()
    prog = gsc.service_program(src, gsc.SERVICE_SITUATIONS[0])
    a, b = src.split("\n"), prog.split("\n")
    pkg = next(i for i, ln in enumerate(a) if ln.startswith("package service"))
    assert b[pkg].startswith("package main")
    assert a[pkg + 1:] == b[pkg + 1:len(a)]
    assert "func main()" in prog and "Handle(ctx, key, n)" in prog


def test_template_runs_in_the_stepper_and_shows_the_symptom():
    """The starting service compiles in the stepper and runs past its 50 ms budget there."""
    from gostep.course.checks import run_model
    s = gsc.SERVICE_SITUATIONS[0]
    trace, err = run_model(gsc.service_program(gsc.service_template(), s), "service.go", gomaxprocs=1, seed=0)
    assert err is None and trace.outcome.exit == "ok"
    budget = next(l for l in trace.outcome.stdout if l.startswith("budget"))
    assert gsc.parse_duration_ms(budget.split()[-1]) > 80


def test_half_fixed_service_changes_only_fetch():
    """The section-7 variant moves only Fetch's receive into a select."""
    from gostep.course.checks import top_level_decls
    a, b = top_level_decls(gsc.service_template()), top_level_decls(gsc.half_fixed_service())
    assert [k for k in a if a[k] != b.get(k)] == ["func Fetch"]


def test_err_cost_parses_picoseconds():
    """ctx_err_cost.go's lines give ns per iteration and the difference per check."""
    c = gsc.err_cost(["same result: true", "plain: 700 ps per iteration", "checked: 2200 ps per iteration"], "x")
    assert (c.plain_ns, c.checked_ns) == (0.7, 2.2) and abs(c.per_check_ns - 1.5) < 1e-9


def test_model_charges_a_check_in_the_cost_program():
    """In the model, the loop with ctx.Err() costs more per iteration than without (CTX_ERR > 0)."""
    import gostep as gs
    from gostep.course.source import program_path
    t = gs.simulate(gs.load(str(program_path("ctx_err_cost"))), gomaxprocs=1, seed=0)
    c = gsc.model_err_cost(t)
    assert c.per_check_ns >= 10


@pytest.mark.realgo
def test_vet_reports_discarded_and_some_paths_but_not_escaped_cancels(go_bin):
    """go vet's lostcancel reports lines 24 and 29 of vetcases/main.go and none of the escaping cancels."""
    v = gsc.vet_dir()
    assert v.ran and v.status != 0
    assert v.reported(24) and v.reported(29)
    for line in (17, 43, 50, 58):   # direct, inStruct, stored, passedAway
        assert not v.reported(line), v


@pytest.mark.realgo
def test_go_symbols_has_no_go_context_done(go_bin):
    """A Go 1.27.3 binary has no go_context_done symbol and does have context.(*cancelCtx).cancel."""
    s = gsc.go_symbols("defend_handler", ["go_context_done", "context.(*cancelCtx).cancel"])
    assert s.found["go_context_done"] == [] and s.found["context.(*cancelCtx).cancel"]


def test_pinned_context_err_is_lock_free():
    """The pinned Go's (*cancelCtx).Err loads an atomic instead of locking c.mu (Go 1.25+)."""
    text = gsc.context_err_source()
    if "not available" in text:
        pytest.skip("no Go toolchain")
    assert "c.err.Load()" in text and "c.mu.Lock()" not in text
