"""Chapter 4's checks refuse the wrong answers a learner would try and the cheats a lazy one would,
with a message that says what is wrong without giving the answer; the solutions pass."""
from __future__ import annotations

import pytest

import gostep.course as gsc

TEMPLATE = gsc.exercise_template()
WAIT_THEN_CANCEL = "\tdefer cancel()\n\tdefer wg.Wait()\n"      # the template's (wrong) order
SOLUTION = TEMPLATE.replace(WAIT_THEN_CANCEL, "\tdefer wg.Wait()\n\tdefer cancel()\n")
SOLUTION_EXPLICIT = TEMPLATE.replace(WAIT_THEN_CANCEL, "").replace(
    "\ttime.Sleep(3 * time.Millisecond) // run's own work\n}",
    "\ttime.Sleep(3 * time.Millisecond) // run's own work\n\tcancel()\n\twg.Wait()\n}")

PUZZLE_RIGHT = ["recovered: stop", "loop 1", "loop 0", "closure sees x = 3", "first sees x = 1",
                "run returned"]

WRONG_ANSWERS = {
    "check_defer_order": [
        ("the template's order: Wait runs first, then cancel", TEMPLATE),
        ("Wait removed: cancel and return", TEMPLATE.replace("\tdefer wg.Wait()\n", "")),
        ("cancel discarded (lostcancel): only the deadline stops the workers",
         TEMPLATE.replace("ctx, cancel := context.WithTimeout", "ctx, _ := context.WithTimeout")
                 .replace("\tdefer cancel()\n", "")),
        ("cancel removed: does not compile", TEMPLATE.replace("\tdefer cancel()\n", "")),
        ("the post's fix: cancel(); <-ctx.Done() instead of waiting",
         TEMPLATE.replace(WAIT_THEN_CANCEL, "\tdefer func() {\n\t\tcancel()\n\t\t<-ctx.Done()\n\t}()\n")),
        ("hard-coded output in main",
         SOLUTION.replace('fmt.Println("run returned after", time.Since(start))',
                          'fmt.Println("run returned after", 2*time.Millisecond)')),
        ("workers changed to return at once",
         TEMPLATE.replace("for ctx.Err() == nil {\n\t\ttime.Sleep(time.Millisecond) // one job\n\t}",
                          "return")),
        ("one worker instead of two", TEMPLATE.replace(WAIT_THEN_CANCEL, "\tdefer wg.Wait()\n\tdefer cancel()\n").replace("i < 2", "i < 1")),
        ("deadline shortened instead of reordering", TEMPLATE.replace("100*time.Millisecond", "2*time.Millisecond")),
    ],
    "check_defer_output": [
        ("registration order (FIFO)", list(reversed(PUZZLE_RIGHT[:5])) + ["run returned"]),
        ("arguments read late", [l.replace("first sees x = 1", "first sees x = 3") for l in PUZZLE_RIGHT]),
        ("closure read early", [l.replace("closure sees x = 3", "closure sees x = 1") for l in PUZZLE_RIGHT]),
        ("the program crashes", ["panic: stop"]),
        ("recover last", PUZZLE_RIGHT[1:5] + ["recovered: stop", "run returned"]),
        ("main's line missing", PUZZLE_RIGHT[:5]),
    ],
}

# phrase the learner's message must contain, per wrong answer label
EXPECTED = {
    "the template's order: Wait runs first, then cancel": "deadline",
    "Wait removed: cancel and return": "still alive when run returned",
    "cancel discarded (lostcancel): only the deadline stops the workers": "lostcancel",
    "cancel removed: does not compile": "does not compile",
    "the post's fix: cancel(); <-ctx.Done() instead of waiting": "still alive when run returned",
    "hard-coded output in main": "Edit only run",
    "workers changed to return at once": "Edit only run",
    "one worker instead of two": "two workers",
    "deadline shortened instead of reordering": "deadline",
    "registration order (FIFO)": "different order",
    "arguments read late": "evaluated when the defer statement runs",
    "closure read early": "reads x when it runs",
    "the program crashes": "recover",
    "recover last": "different order",
    "main's line missing": "lines",
}

CASES = [(fn, label, ans) for fn, lst in WRONG_ANSWERS.items() for label, ans in lst]


@pytest.mark.slow
@pytest.mark.parametrize("fn, label, answer", CASES, ids=[c[1] for c in CASES])
def test_wrong_answer_is_refused_with_its_reason(fn, label, answer):
    """Each wrong answer is refused, the message names what is wrong, and it does not give the answer away."""
    res = getattr(gsc, fn)(answer)
    text = repr(res)
    assert not res.ok, f"{label} passed:\n{text}"
    assert EXPECTED[label] in text, f"{label}: {text}"
    assert "defer wg.Wait()\n\tdefer cancel()" not in text
    if fn == "check_defer_output":
        right = [l for l in PUZZLE_RIGHT if l not in _lines(answer)]
        assert not any(r in text for r in right), f"{label} reveals a line: {text}"


def _lines(a):
    return a if isinstance(a, list) else a.split("\n")


@pytest.mark.slow
@pytest.mark.parametrize("solution", [SOLUTION, SOLUTION_EXPLICIT], ids=["defer-order", "explicit"])
def test_defer_order_solutions_pass(solution):
    """The reordered defers pass in every situation of the model."""
    assert gsc.check_defer_order(solution).ok


@pytest.mark.realgo
def test_defer_order_solution_passes_on_real_go(go_bin):
    """On real Go the reordered run returns long before its deadline."""
    res = gsc.check_defer_order(SOLUTION, real=True)
    assert res.ok and "real Go, 2 runs" in repr(res)


@pytest.mark.realgo
def test_defer_order_template_refused_on_real_go_too(go_bin):
    """Real Go, asked as well, agrees the template's order waits for the deadline."""
    from gostep.course.checks_ch4 import _real_verdict
    assert _real_verdict(TEMPLATE, "answer.go").startswith("real Go disagrees")


def test_defer_output_solution_passes():
    """The lines real Go printed (the header of defer_puzzle.go) pass the check."""
    from gostep.corpus import read_cases
    from gostep.course.source import program_path
    case = read_cases(program_path("defer_puzzle"))[0]
    assert list(case.stdout) == PUZZLE_RIGHT
    assert gsc.check_defer_output(PUZZLE_RIGHT).ok
    assert gsc.check_defer_output("\n".join(PUZZLE_RIGHT)).ok
