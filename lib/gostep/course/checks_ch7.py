"""Chapter 7's exercise check (the pattern: `checks.py`, "How a check decides").

check_service(source) judges a reader's hardened course/service/service.go twice:

1. the stepper (always): the service wrapped in a `main` of the check's own (`ch7.service_program`)
   in four situations (GOMAXPROCS 1 and 2, two seeds, different keys and sizes); the verdict comes
   from the model: the result and virtual time of each call as the check's main saw them (the
   service may not print, so nothing it prints can pose as the check's lines), and the goroutines
   still alive 1 s after the last call (`leftover_goroutines`: leaked, with where they are parked);
2. real Go (go_test=True, when a toolchain is present): the fixed test suite service_test.go,
   synctest bubbles included, each test run on its own with a timeout (`ch7.go_test`).

Before either, what the task fixes is checked: the package, `Budget`, `lookup`, the signatures the
tests call, no test code and no printing in the service.
"""
from __future__ import annotations

import re

from .checks import CheckResult, leftover_goroutines, normalize_go, parse_duration_ms, run_model, top_level_decls
from .ch7 import (CALLER_GONE_MS, FETCH_DEADLINE_MS, SERVICE_SITUATIONS, SLOW_KEY, go_test,
                  service_program, service_template)

__all__ = ["check_service", "SLACK_MS"]

BUDGET_MS = 50.0
SLACK_MS = 10.0      # how late a call may return after its deadline, in the model
_SIGNATURES = ("func Fetch(ctx context.Context, key int) int",
               "func Sum(ctx context.Context, n int) int",
               "func Handle(ctx context.Context, key, n int) int")


def _sum_of(n: int) -> int:
    q, r = divmod(n, 7)
    return q * 21 + r * (r - 1) // 2


def _fixed_parts(source: str) -> list[str]:
    """What the task fixes and the reader changed (empty when all is kept)."""
    wrong = []
    if not re.search(r"(?m)^package\s+service\s*$", source):
        return ["The file must stay package service: the tests are in that package."]
    code = normalize_go(source)
    if re.search(r'"testing|func Test|synctest\.', code):
        wrong.append("The tests are fixed: the check runs service_test.go as provided, so test "
                     "code in service.go does not count.")
    mine, tmpl = top_level_decls(source), top_level_decls(service_template())
    for key, what in (("const Budget", "Budget"), ("func lookup", "lookup")):
        if mine.get(key) != tmpl[key]:
            wrong.append(f"{what} is fixed by the task and the tests rely on it: keep it as it is.")
    for sig in _SIGNATURES:
        if normalize_go(sig) not in code:
            wrong.append(f"Keep the signature `{sig}`: the tests call it.")
    if re.search(r'"fmt"|\bprintln\(|\bprint\(|"os"|"log"', code):
        wrong.append("The service must not print (the check reads its own main's lines).")
    return wrong


def _calls(stdout) -> dict:
    """{label: (value, ms)} from the check's own main (the service cannot print)."""
    out = {}
    for ln in stdout:
        m = re.match(r"^(answer|budget|caller|cpu|fetch) (-?\d+) (\S+)$", ln)
        if m:
            out[m.group(1)] = (int(m.group(2)), parse_duration_ms(m.group(3)))
    return out


def _judge(calls: dict, sit: dict) -> str | None:
    """What is wrong in one situation, in runtime terms, or None."""
    key, n = sit["key"], sit["n"]
    if set(calls) != {"answer", "budget", "caller", "cpu", "fetch"}:
        return "the check's calls did not all return."
    v, ms = calls["answer"]
    if v == -1:
        return (f"Handle(ctx, {key}, {n}) gave up after {ms:.2f} ms, although lookup answers after "
                f"{key} ms, well within the {BUDGET_MS:g} ms budget: it gives up too early.")
    if v != key * 10 + _sum_of(n):
        return (f"Handle(ctx, {key}, {n}) with time to spare returned {v}: a wrong answer. The work "
                "must still be done: lookup's answer plus Sum's.")
    if ms < key - 0.01:
        return (f"Handle(ctx, {key}, {n}) answered after {ms:.2f} ms, before lookup({key}) could "
                f"have answered ({key} ms): the answer must come from lookup.")
    if ms > key + SLACK_MS:
        return (f"Handle(ctx, {key}, {n}) took {ms:.1f} ms although lookup answers after {key} ms: "
                "it waits for something it does not need.")
    for label, deadline, what in (
            ("budget", BUDGET_MS, f"Handle(ctx, {SLOW_KEY}, {n}) (lookup takes {SLOW_KEY} ms) must give up at its {BUDGET_MS:g} ms budget"),
            ("caller", CALLER_GONE_MS, f"Handle's caller cancelled its ctx {CALLER_GONE_MS} ms into the call, and Handle must give up then"),
            ("cpu", BUDGET_MS, f"Handle(ctx, {key}, n) with a Sum that alone takes longer than the budget must give up at {BUDGET_MS:g} ms"),
            ("fetch", FETCH_DEADLINE_MS, f"Fetch(ctx, {SLOW_KEY}) with a {FETCH_DEADLINE_MS} ms deadline must give up then")):
        v, ms = calls[label]
        if v == -1 and deadline - 0.01 <= ms <= deadline + SLACK_MS:
            continue
        if v == -1 and ms < deadline - 0.01:
            return f"{what}; it gave up after {ms:.2f} ms, before that."
        why = {"caller": " Its context does not hear the caller's cancellation: where does Handle's "
                         "context hang in the context tree (chapter 4, section 4)?",
               "cpu": " A CPU-bound loop that never looks at its context runs to its end."}.get(label, "")
        return (f"{what}; it returned {v} after {ms:.1f} ms. Something in it waits without looking at "
                f"its context.{why}")
    return None


def _leak_message(leaks) -> str:
    where = "; ".join(f"G{g.gid} ({g.func}) parked in {g.wait_reason or g.status} at line {g.line}"
                      for g in leaks[:3])
    return (f"{len(leaks)} goroutine(s) were still alive 1 s after the last call, when every lookup "
            f"had long finished: {where}. Nothing will ever wake them: they have leaked.")


def check_service(source, go_test_run: bool = True) -> CheckResult:
    """Chapter 7: the hardened service passes the model's situations and (go_test_run=True, with a
    toolchain) the real synctest suite, and leaves no goroutine behind."""
    source = str(source)
    fixed = _fixed_parts(source)
    if fixed:
        return CheckResult(False, fixed)
    msgs, ok = [], True
    for sit in SERVICE_SITUATIONS:
        trace, err = run_model(service_program(source, sit), "service.go",
                               gomaxprocs=sit["gomaxprocs"], seed=sit["seed"], timeout="5s")
        if err is not None:
            return CheckResult(False, [f"The stepper cannot run the service: {err}"])
        if trace.outcome.exit != "ok":
            return CheckResult(False, [f"model, {sit['label']}: the program ended with "
                                       f"{trace.outcome.exit}: {trace.outcome.message}"])
        wrong = _judge(_calls(trace.outcome.stdout), sit)
        leaks = leftover_goroutines(trace)
        if wrong is None and leaks:
            wrong = _leak_message(leaks)
        if wrong:
            ok = False
            msgs.append(f"model, {sit['label']}: {wrong}")
            break
    if ok:
        msgs.append(f"model, {len(SERVICE_SITUATIONS)} situations (GOMAXPROCS 1 and 2, two seeds): "
                    f"right answers in time, every deadline and the caller's cancellation kept "
                    f"(within {SLACK_MS:g} ms), no goroutine left 1 s after the last call.")
    if go_test_run:
        report = go_test(source)
        if not report.ran:
            msgs.append("go test: not run here (no Go toolchain); the model decides.")
        elif report.build_errors:
            ok = False
            msgs.append("go test: the package does not build: " + " | ".join(report.build_errors[:3]))
        elif report.passed:
            msgs.append(f"go test (go{report.go_version}): all {len(report.tests)} tests pass, "
                        "synctest found no goroutine left blocked in a bubble, and the goroutine "
                        "leak profile is empty.")
        else:
            ok = False
            bad = report.failed()
            msgs.append(f"go test (go{report.go_version}): {len(bad)} of {len(report.tests)} tests fail: "
                        + ", ".join(t.name for t in bad) + ".")
            for t in bad[:3]:
                detail = t.errors[:1] + ([t.panic] if t.panic else []) + t.leaked[:2]
                msgs.append(f"{t.name}: " + " | ".join(detail))
    return CheckResult(ok, msgs)
