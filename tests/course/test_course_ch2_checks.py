"""Chapter 2's checks refuse the wrong answers a learner would try and the cheats a lazy one would.

Exercise 1 (`check_spinner_deadline`): the template is `gsc.spinner_template()` (the tight
spinner); the task is "main sees the 5 ms deadline within 1 ms, on one P, editing only spin".
Exercise 2 (`check_hanging_loops`): which loops hang on one P with asyncpreemptoff=1 (A and B).
Each wrong answer is refused, with the message the learner would see; no message gives the answer.
"""
from __future__ import annotations

import pytest

import gostep.course as gsc
from gostep.course.checks_ch2 import LOOPS

TEMPLATE = gsc.spinner_template()
_LOOP = "\tx := 0\n\tfor {\n\t\tx++\n\t}"
_RUNTIME = '"fmt"\n\t"runtime"\n'


def _spin(body: str, imports: str = "", before: str = "") -> str:
    """The template with spin's loop body replaced (and imports added after "fmt")."""
    src = TEMPLATE.replace(_LOOP, before + "\tx := 0\n\tfor {\n" + body + "\n\t}")
    assert src != TEMPLATE, "the template's loop moved: update _LOOP"
    return src.replace('"fmt"\n', '"fmt"\n' + imports) if imports else src


SOLUTIONS = {
    "check_spinner_deadline": [
        ("Gosched in every iteration", _spin("\t\truntime.Gosched()\n\t\tx++", '\t"runtime"\n')),
        ("Gosched every 1000 iterations",
         _spin("\t\tx++\n\t\tif x%1000 == 0 {\n\t\t\truntime.Gosched()\n\t\t}", '\t"runtime"\n')),
    ],
    "check_hanging_loops": [("A and B as a set", {"A", "B"}), ("A and B as text", "a, b")],
}

# label -> (answer, a phrase the learner's message must contain)
_SPINNER_WRONG = {
    "the template unchanged (the post's situation)": (TEMPLATE, "sysmon"),
    "spin returns at once (the work deleted)": (
        TEMPLATE.replace(_LOOP + "\n\tsink = x", "\treturn"), "spin had returned"),
    "time.Sleep(0) in the loop (the post's fix)": (_spin("\t\ttime.Sleep(0)\n\t\tx++"), "time.Sleep(0) returns at once"),
    "a ctx.Err() check of its own deadline, blind on one P": (
        _spin("\t\tif ctx.Err() != nil {\n\t\t\tx = 0\n\t\t}\n\t\tx++",
              before="\tctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)\n"
                     "\tdefer cancel()\n"), "ctx.Err() stays nil"),
    "runtime.GOMAXPROCS(2) in spin": (_spin("\t\tx++", '\t"runtime"\n', before="\truntime.GOMAXPROCS(2)\n"),
                                      "GOMAXPROCS at 1"),
    "runtime.GOMAXPROCS(2) in main": (
        TEMPLATE.replace("func main() {", "func main() {\n\truntime.GOMAXPROCS(2)").replace('"fmt"\n', _RUNTIME),
        "GOMAXPROCS at 1"),
    "main's print hard-coded": (
        TEMPLATE.replace('fmt.Println("observed:", time.Since(start))', 'fmt.Println("observed: 5.01ms")'),
        "func main was changed"),
    "main's timeout changed to 20 ms": (TEMPLATE.replace("5*time.Millisecond", "20*time.Millisecond"),
                                        "func main was changed"),
    "a sleeping spinner (parks instead of computing)": (
        _spin("\t\ttime.Sleep(time.Millisecond)\n\t\tx++"), "parked for"),
    "a spinner that blocks forever (select{})": (_spin("\t\tx++\n\t\tselect {}"), "parked for"),
    "a helper function added outside spin": (
        TEMPLATE.replace("func main() {", "func helper() {}\n\nfunc main() {"), "func helper was added"),
}

_LOOPS_WRONG = {
    "only the call-free loop": {"A"},
    "Sleep(0) taken for a non-yield that hangs": {"A", "B", "D"},
    "every loop hangs": {"A", "B", "C", "D"},
    "nothing hangs since Go 1.14": set(),
    "the leaf call taken for a preemption point, Sleep(0) for none": {"A", "D"},
}

WRONG_ANSWERS = {
    "check_spinner_deadline": [(k, v[0]) for k, v in _SPINNER_WRONG.items()],
    "check_hanging_loops": list(_LOOPS_WRONG.items()),
}


@pytest.mark.parametrize("label", list(_SPINNER_WRONG))
def test_spinner_check_refuses(label):
    """Each wrong answer or cheat to exercise 1 is refused with a message that says why, not what to write."""
    answer, phrase = _SPINNER_WRONG[label]
    r = gsc.check_spinner_deadline(answer)
    text = "\n".join(r.messages)
    assert not r.ok, f"{label} passed:\n{r!r}"
    assert phrase in text, f"{label}: {phrase!r} not in\n{text}"
    assert "Gosched" not in text, f"{label}: the message names the answer\n{text}"


@pytest.mark.parametrize("label", [k for k, _ in SOLUTIONS["check_spinner_deadline"]])
def test_spinner_solutions_pass(label):
    """Every solution of exercise 1 passes, and the check says the spinner was still computing."""
    answer = dict(SOLUTIONS["check_spinner_deadline"])[label]
    r = gsc.check_spinner_deadline(answer)
    assert r.ok, f"{label}:\n{r!r}"
    assert "still computing" in r.messages[0]


def test_spinner_check_reads_the_model_not_stdout():
    """The time main saw the deadline comes from the trace: the model's park, deadline and execute."""
    import gostep as gs
    trace = gs.simulate(gs.parse(TEMPLATE, name="t.go"), gomaxprocs=1, seed=0)
    seen = gsc.deadline_seen(trace)
    assert seen is not None and seen["deadline_ns"] - seen["park_ns"] == pytest.approx(5e6, abs=5e3)
    assert 10e6 <= seen["late_ns"] <= 20e6
    assert trace.frame(seen["seen_step"]).g(1).status == "running"


@pytest.mark.parametrize("label", list(_LOOPS_WRONG))
def test_loops_check_refuses_without_revealing(label):
    """Each wrong set of loops is refused; the message gives a count and the principle, no loop's verdict."""
    r = gsc.check_hanging_loops(_LOOPS_WRONG[label])
    text = "\n".join(r.messages)
    assert not r.ok
    assert "classified wrong" in text and "principle" in text
    for k, loop in LOOPS.items():
        assert f"{k} (" not in text and loop not in text, f"{label}: loop {k} is named\n{text}"
    assert "hangs [" not in text and "does not hang" not in text


def test_loops_wrong_count_is_the_number_of_misclassified_loops():
    """The count a wrong answer gets is how many of the four loops it classifies wrongly."""
    assert "1 of the four loops is" in gsc.check_hanging_loops({"A"}).messages[0]
    assert "2 of the four loops are" in gsc.check_hanging_loops(set()).messages[0]


@pytest.mark.slow
@pytest.mark.parametrize("label", [k for k, _ in SOLUTIONS["check_hanging_loops"]])
def test_loops_solutions_pass_with_the_explanation(label):
    """The right set passes and only then explains every loop and the model's verdicts."""
    r = gsc.check_hanging_loops(dict(SOLUTIONS["check_hanging_loops"])[label])
    assert r.ok
    text = "\n".join(r.messages)
    assert all(f"{k} (" in text for k in LOOPS) and "agrees with real Go" in text


def test_wrong_answers_cover_each_check_four_times():
    """The registry the contract test reads has at least four wrong answers per chapter-2 check."""
    assert all(len(v) >= 4 for v in WRONG_ANSWERS.values())
