"""Chapter 1's check refuses the wrong answers a learner would try and the cheats a lazy one would.

The exercise (`check_no_leak`): the template is course/programs/fetch_timeout.go, whose worker
leaks (its plain send outlives the caller); the task is "change only the worker inside fetch so that
no goroutine leaks, while every call still returns "timeout"". Each wrong answer is refused with the
message the learner would see; no message names a fix; every solution passes.
"""
from __future__ import annotations

import pytest

import gostep.course as gsc
from gostep.course.checks_ch1 import SITUATIONS, _template, harness, split_fetch

TEMPLATE = _template()
_WORKER = """	go func() {
		time.Sleep(100 * time.Millisecond) // slow work
		result <- "data"
	}()"""
_CALLER_DONE = """	case <-ctx.Done():
		return "timeout"
	}"""


def _worker(new: str, chan: str = "") -> str:
    """The template with its go statement replaced (and the channel's make, when `chan` is given)."""
    assert _WORKER in TEMPLATE, "the template's worker moved: update _WORKER"
    src = TEMPLATE.replace(_WORKER, new)
    return src.replace("result := make(chan string)", chan) if chan else src


_SELECT_SEND = """	go func() {
		time.Sleep(100 * time.Millisecond) // slow work
		select {
		case result <- "data":
		case <-ctx.Done():
		}
	}()"""

SOLUTIONS = {
    "check_no_leak": [
        ("a buffer of one", TEMPLATE.replace("result := make(chan string)", "result := make(chan string, 1)")),
        ("the send in a select with ctx.Done()", _worker(_SELECT_SEND)),
        ("a buffer of one and the select", _worker(_SELECT_SEND, "result := make(chan string, 1)")),
        ("a worker that takes ctx as a parameter", _worker(_SELECT_SEND.replace(
            "go func() {", "go func(ctx context.Context) {").replace("\t}()", "\t}(ctx)"))),
    ],
}

# label -> (answer, a phrase the learner's message must contain)
_WRONG = {
    "the template unchanged (the leak)": (TEMPLATE, "parked in chan send"),
    "a ctx.Done() pre-check, then a plain send (the post's fix)": (_worker(
        """	go func() {
		time.Sleep(100 * time.Millisecond) // slow work
		select {
		case <-ctx.Done():
			return
		default:
		}
		result <- "data"
	}()"""), "the send starts before the deadline"),
    "select with default: drops the value (the post's table)": (_worker(
        """	go func() {
		time.Sleep(100 * time.Millisecond) // slow work
		select {
		case result <- "data":
		default:
		}
	}()"""), "never got it"),
    "the worker deleted (no work, no result)": (_worker(""), "never got it"),
    "the work deleted (the send happens at once)": (_worker(_SELECT_SEND.replace(
        "\t\ttime.Sleep(100 * time.Millisecond) // slow work\n", "")), "no longer does its 100 ms of work"),
    "the send moved into a nested goroutine": (_worker(
        """	go func() {
		time.Sleep(100 * time.Millisecond) // slow work
		go func() { result <- "data" }()
	}()"""), "main.fetch.func1.1"),
    "the worker closes result instead of sending": (_worker(
        """	go func() {
		time.Sleep(100 * time.Millisecond) // slow work
		close(result)
	}()"""), "not the result"),
    "a worker that never returns after its send": (_worker(_SELECT_SEND.replace(
        "\t\t}\n\t}()", "\t\t}\n\t\tselect {}\n\t}()")), "still alive at the end"),
    "main's count hard-coded to 1": (TEMPLATE.replace(
        'fmt.Println("goroutines:", runtime.NumGoroutine())',
        '_ = runtime.NumGoroutine()\n\tfmt.Println("goroutines:", 1)'), "func main was changed"),
    "main drains nothing but the timeout lengthened to 500 ms": (
        TEMPLATE.replace("5*time.Millisecond", "500*time.Millisecond"), "func main was changed"),
    "the caller drains result after its timeout": (TEMPLATE.replace(
        _CALLER_DONE, """	case <-ctx.Done():
		go func() { <-result }()
		return "timeout"
	}"""), "the caller's select in fetch was changed"),
    "the caller closes result after its timeout": (TEMPLATE.replace(
        _CALLER_DONE, """	case <-ctx.Done():
		close(result)
		return "timeout"
	}"""), "the caller's select in fetch was changed"),
    "a helper function added outside fetch": (TEMPLATE.replace(
        "func main() {", "func send(ch chan string) {\n\tch <- \"data\"\n}\n\nfunc main() {"),
        "func send was added"),
    "a program that does not compile": (TEMPLATE.replace('result <- "data"', "result <-"),
                                        "does not compile"),
}

WRONG_ANSWERS = {"check_no_leak": [(k, v[0]) for k, v in _WRONG.items()]}

# Texts that would give the exercise's answer away; no message may contain them.
_ANSWER_TEXTS = ("buffer of one", "buffered", "make(chan string, 1)", "case result <-",
                 "select with", "add a select", "use a select")


@pytest.mark.parametrize("label", list(_WRONG))
def test_check_no_leak_refuses(label):
    """Each wrong answer or cheat is refused with a message that says what is wrong, not what to write."""
    answer, phrase = _WRONG[label]
    result = gsc.check_no_leak(answer)
    text = repr(result)
    assert not result.ok, f"{label} passed:\n{text}"
    assert text.startswith("NOT YET")
    assert phrase in text, f"{label}: expected {phrase!r} in\n{text}"
    low = text.lower()
    assert not [t for t in _ANSWER_TEXTS if t.lower() in low], f"{label} gives the answer away:\n{text}"


@pytest.mark.parametrize("label, answer", SOLUTIONS["check_no_leak"])
def test_check_no_leak_passes_solutions(label, answer):
    """Each right answer passes, in every situation the check builds."""
    result = gsc.check_no_leak(answer)
    assert result.ok, f"{label}:\n{result!r}"
    assert repr(result).startswith("PASS")


def test_precheck_passes_the_template_situation_alone():
    """The post's pre-check is refused only because of the extra situation: alone, the template's
    caller hides it (which is why the check runs more than one situation)."""
    answer = WRONG_ANSWERS["check_no_leak"][1][1]
    src = harness(split_fetch(answer)[1], SITUATIONS[0], split_fetch(TEMPLATE)[2])
    trace, err = gsc.checks.run_model(src, "answer.go", gomaxprocs=1, seed=0)
    assert err is None and not gsc.checks.leftover_goroutines(trace)


def test_split_fetch_finds_worker_and_caller():
    """split_fetch cuts fetch's body at the caller's select, ignoring selects inside the worker,
    strings and comments, and reports the line of fetch's brace."""
    sig, worker, caller, line = split_fetch(_worker(_SELECT_SEND.replace(
        "// slow work", '// slow work: "select" in a comment')))
    assert sig.startswith("func fetch(ctx context.Context) string")
    assert "case result <-" in worker and worker.rstrip().endswith("}()")
    assert caller.startswith("select {\n\tcase r := <-result:")
    assert TEMPLATE.split("\n")[line - 1].startswith("func fetch(")
    assert split_fetch("package main\n\nfunc main() {}\n") is None


def test_messages_point_at_the_readers_line():
    """A leftover goroutine is reported at its line in the reader's program, not the check's."""
    text = repr(gsc.check_no_leak(TEMPLATE))
    send_line = next(i for i, ln in enumerate(TEMPLATE.split("\n"), 1) if 'result <- "data"' in ln)
    assert f"line {send_line} of your program" in text


@pytest.mark.realgo
@pytest.mark.slow
def test_the_checks_situations_behave_the_same_on_real_go(go_bin):
    """Real Go agrees with the model on the situation that refuses the pre-check: there the
    pre-check leaves three goroutines parked, and both solutions leave only main."""
    import gostep as gs
    cases = [(WRONG_ANSWERS["check_no_leak"][1][1], 4), (SOLUTIONS["check_no_leak"][0][1], 1),
             (SOLUTIONS["check_no_leak"][1][1], 1)]
    for answer, alive in cases:
        src = harness(split_fetch(answer)[1], SITUATIONS[1], split_fetch(TEMPLATE)[2])
        for r in gs.real.run(src, gomaxprocs=2, runs=2):
            assert (r.exit, r.goroutines_at_exit) == ("ok", alive), repr(r)
