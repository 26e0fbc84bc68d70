"""Chapter 7's check refuses the wrong answers a learner would try and the cheats a lazy one would,
with a message that says what is wrong without giving the answer; the solution passes. The model
part runs in plain tests; the real `go test` part under @pytest.mark.realgo."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import gostep.course as gsc

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = gsc.service_template()


def _solution() -> str:
    """The notebook's solution cell, run on the template (the one copy of the solution)."""
    nb = json.loads((REPO / "course" / "07_defend.ipynb").read_text())
    src = next("".join(c["source"]) for c in nb["cells"] if "solution" in c["metadata"].get("tags", []))
    ns = {"answer": TEMPLATE, "gsc": gsc}
    exec(src.replace("gsc.check_service(solution)", ""), ns)
    return ns["solution"]


SOLUTION = _solution()
SELECT_FETCH = "\tselect {\n\tcase v := <-answer:\n\t\treturn v\n\tcase <-ctx.Done():\n\t\treturn -1\n\t}\n"

WRONG_ANSWERS = {
    "check_service": [
        ("the unhardened service", TEMPLATE),
        ("the post's fix: a Done pre-check before the plain receive, a Background timeout with defer cancel",
         TEMPLATE.replace("\treturn <-answer\n", "\tselect {\n\tcase <-ctx.Done():\n\t\treturn -1\n\tdefault:\n\t}\n\treturn <-answer\n")
                 .replace("ctx, _ = context.WithTimeout(context.Background(), Budget)",
                          "ctx, cancel := context.WithTimeout(context.Background(), Budget)\n\tdefer cancel()")),
        ("the post's handler advice: everything fixed but the timeout made from Background()",
         SOLUTION.replace("context.WithTimeout(ctx, Budget)", "context.WithTimeout(context.Background(), Budget)")),
        ("selects added, channels left unbuffered: the senders leak",
         SOLUTION.replace("make(chan int, 1)", "make(chan int)").replace("\t\t<-sums // wait for the goroutine Handle started\n", "")),
        ("Sum checks its context once, before the loop",
         SOLUTION.replace("\t\tif i%1024 == 0 && ctx.Err() != nil {\n\t\t\treturn -1\n\t\t}\n", "")
                 .replace("\ts := 0\n\tfor i", "\tif ctx.Err() != nil {\n\t\treturn -1\n\t}\n\ts := 0\n\tfor i")),
        ("the work deleted: Handle always gives up",
         SOLUTION.replace("\tctx, cancel := context.WithTimeout(ctx, Budget)", "\treturn -1\n\tctx, cancel := context.WithTimeout(ctx, Budget)")),
        ("hard-coded: Fetch answers without calling lookup",
         SOLUTION.replace("answer <- lookup(key)", "answer <- key * 10")),
        ("the budget changed", SOLUTION.replace("const Budget = 50 * time.Millisecond", "const Budget = 5 * time.Second")),
        ("a shorter timeout hidden in Handle", SOLUTION.replace("context.WithTimeout(ctx, Budget)", "context.WithTimeout(ctx, 5*time.Millisecond)")),
        ("the tests changed: a test of its own in service.go",
         SOLUTION.replace('import (\n\t"context"', 'import (\n\t"testing"\n\t"context"') + "\nfunc TestAlwaysPasses(t *testing.T) {}\n"),
        ("the service prints its own lines", SOLUTION.replace('import (\n\t"context"', 'import (\n\t"fmt"\n\t"context"')
                                                      .replace("\treturn v + s\n", "\tfmt.Println(\"answer\", v+s)\n\treturn v + s\n")),
        ("lookup changed to answer at once", SOLUTION.replace("\ttime.Sleep(time.Duration(key) * time.Millisecond)\n", "")),
    ],
}

EXPECTED = {
    "the unhardened service": "waits without looking at its context",
    "the post's fix: a Done pre-check before the plain receive, a Background timeout with defer cancel": "waits without looking at its context",
    "the post's handler advice: everything fixed but the timeout made from Background()": "does not hear the caller's cancellation",
    "selects added, channels left unbuffered: the senders leak": "leaked",
    "Sum checks its context once, before the loop": "CPU-bound loop",
    "the work deleted: Handle always gives up": "gives up too early",
    "hard-coded: Fetch answers without calling lookup": "must come from lookup",
    "the budget changed": "Budget is fixed",
    "a shorter timeout hidden in Handle": "gives up too early",
    "the tests changed: a test of its own in service.go": "tests are fixed",
    "the service prints its own lines": "must not print",
    "lookup changed to answer at once": "lookup is fixed",
}

# Text of the fix that no message may contain.
ANSWER_TEXT = ("make(chan int, 1)", "case <-ctx.Done()", "ctx.Err() != nil", "WithTimeout(ctx,", "<-sums")

CASES = [(label, ans) for label, ans in WRONG_ANSWERS["check_service"]]


@pytest.mark.parametrize("label, answer", CASES, ids=[c[0] for c in CASES])
def test_model_refuses_each_wrong_answer_with_its_reason(label, answer):
    """Each wrong answer is refused by the model part alone, with a message naming what is wrong and not the fix."""
    res = gsc.check_service(answer, go_test_run=False)
    text = repr(res)
    assert not res.ok, f"{label} passed:\n{text}"
    assert EXPECTED[label] in text, f"{label}: {text}"
    for a in ANSWER_TEXT:
        assert a not in text, f"{label}: message gives {a!r} away"


def test_model_passes_the_solution():
    """The notebook's solution passes the model part in every situation."""
    res = gsc.check_service(SOLUTION, go_test_run=False)
    assert res.ok, repr(res)


def test_leak_message_says_where_the_goroutine_is_parked():
    """A leak is reported with the goroutine's function, wait reason and line, read from the model."""
    res = gsc.check_service(dict(WRONG_ANSWERS["check_service"])["selects added, channels left unbuffered: the senders leak"],
                            go_test_run=False)
    assert "parked in chan send" in repr(res) and "main.Handle.func1" in repr(res)


@pytest.mark.realgo
@pytest.mark.slow
@pytest.mark.parametrize("label, answer", [c for c in CASES if EXPECTED[c[0]] in (
    "waits without looking at its context", "does not hear the caller's cancellation", "leaked",
    "CPU-bound loop", "gives up too early", "must come from lookup")],
    ids=lambda x: x if isinstance(x, str) and len(x) < 120 else None)
def test_real_go_test_refuses_each_wrong_answer(label, answer, go_bin):
    """Run for real, the synctest suite fails each wrong answer the model refuses (the check says which tests)."""
    report = gsc.go_test(answer)
    assert report.ran and not report.passed, f"{label}: go test passed:\n{report!r}"
    res = gsc.check_service(answer)
    assert not res.ok and "tests fail" in repr(res)


@pytest.mark.realgo
@pytest.mark.slow
def test_real_go_test_passes_the_solution(go_bin):
    """The solution passes every test of the suite on real Go, and the whole check."""
    report = gsc.go_test(SOLUTION)
    assert report.passed, repr(report)
    assert gsc.check_service(SOLUTION).ok
