"""Chapter 6's check refuses the wrong answers a learner would try and the cheats a lazy one would.

The exercise (`check_diagnosis`): name the cause of `mystery_report.go`'s late request as
{"cause", "line", "wait_reason"}; the truth comes from the model's state at the deadline.
Each wrong answer is refused, with the message the learner would see; no message gives the answer.
"""
from __future__ import annotations

import pytest

import gostep.course as gsc

RIGHT = {"cause": "blocked send", "line": 57, "wait_reason": "chan send"}

SOLUTIONS = {"check_diagnosis": [("the right cause, line and wait reason", RIGHT),
                                 ("the same with a string line number", {**RIGHT, "line": "57"})]}

# label -> (answer, a phrase the learner's message must contain)
_WRONG = {
    "the mutex (another cause)": ({"cause": "mutex held past the deadline", "line": 28,
                                   "wait_reason": "sync.Mutex.Lock"}, "Not yet"),
    "the CPU loop (another cause)": ({"cause": "CPU loop that never checks ctx", "line": 37,
                                      "wait_reason": "running"}, "Not yet"),
    "a late timer (chapter 2's cause)": ({"cause": "timer fired late", "line": 66,
                                          "wait_reason": "runnable"}, "Not yet"),
    "the right cause at the wrong line (main's first send)": ({**RIGHT, "line": 66}, "Not yet"),
    "the right cause at the archive's receive line": ({**RIGHT, "line": 47}, "Not yet"),
    "the right cause and line with the receiver's wait reason": (
        {**RIGHT, "wait_reason": "chan receive"}, "Not yet"),
    "a blocked receive (the other side)": ({"cause": "blocked receive", "line": 47,
                                            "wait_reason": "chan receive"}, "Not yet"),
    "the symptom instead of a cause": ({"cause": "context deadline exceeded", "line": 57,
                                        "wait_reason": "chan send"}, "is the symptom"),
    "the post's invented SyncBlock indicator": ({**RIGHT, "wait_reason": "SyncBlock"},
                                                "Go prints no such field"),
    "the post's invented mutex-profile fields": ({**RIGHT, "wait_reason": "contention=128ms delay=47ms"},
                                                 "Go prints no such field"),
    "a futex wait": ({**RIGHT, "wait_reason": "futex wait"}, "Go prints no such field"),
    "a made-up wait reason": ({**RIGHT, "wait_reason": "blocked"}, "not a wait reason Go prints"),
    "a cause outside the list": ({**RIGHT, "cause": "deadlock"}, "must be one of"),
    "a bare string instead of the structured answer": ("blocked send at line 57", "Answer with a dict"),
    "the template answer left unchanged": ({"cause": "timer fired late", "line": 0,
                                            "wait_reason": "running"}, "Not yet"),
}
WRONG_ANSWERS = {"check_diagnosis": [(k, v[0]) for k, v in _WRONG.items()]}


@pytest.mark.slow
@pytest.mark.parametrize("label", list(_WRONG))
def test_wrong_answer_is_refused_without_revealing_the_answer(label):
    """Each wrong answer is refused with its own message, which names neither the right line nor the right cause."""
    answer, phrase = _WRONG[label]
    res = gsc.check_diagnosis(answer)
    text = repr(res).replace(", ".join(gsc.CAUSES), "<the list of causes>")   # the choices, not the answer
    assert not res.ok, label
    assert phrase in text, text
    assert "57" not in text and "blocked send" not in text and "[chan send]" not in text, text


@pytest.mark.slow
@pytest.mark.parametrize("label,answer", SOLUTIONS["check_diagnosis"])
def test_solutions_pass(label, answer):
    """The solution passes, and its message says it held in every situation the model ran."""
    res = gsc.check_diagnosis(answer)
    assert res.ok, repr(res)
    assert "all 4 situations" in repr(res)


@pytest.mark.slow
def test_truth_comes_from_the_model_in_every_situation():
    """The check's truth is the model's state at the deadline, the same at GOMAXPROCS 1 and 2 and two seeds."""
    assert gsc.diagnosis_truth() == {("blocked send", 57, "chan send")}


@pytest.mark.slow
def test_the_truth_follows_the_program(tmp_path):
    """Judged on a program whose request waits on a mutex instead, the same answer is refused: nothing is hard-coded."""
    src = (gsc.program_path("mystery_report").read_text()
           .replace("\treports <- n\n", "\tmu.Lock()\n\treports <- n\n")
           .replace("func main() {\n", "func main() {\n\tgo func() {\n\t\tmu.Lock()\n\t\ttime.Sleep(50 * time.Millisecond)\n\t\tmu.Unlock()\n\t}()\n\ttime.Sleep(time.Millisecond)\n"))
    p = tmp_path / "mutex_report.go"
    p.write_text(src)
    truth = gsc.diagnosis_truth(p)
    assert len(truth) == 1 and next(iter(truth))[0] == "mutex held past the deadline", truth
    assert not gsc.check_diagnosis(RIGHT, program=p).ok
