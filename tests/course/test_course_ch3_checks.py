"""Chapter 3's exercise checks refuse the wrong answers a learner would try, and pass the solutions.

WRONG_ANSWERS feeds tests/course/test_course_contract.py (at least four per check a chapter calls).
"""
from __future__ import annotations

import pytest

import gostep.course as gsc

pytestmark = pytest.mark.slow


def _worker(body: str) -> str:
    return ("func worker(ctx context.Context, jobs <-chan int, results chan<- int) {\n"
            + body + "\n}\n")


SELECT_FIX = _worker("""\tfor job := range jobs {
\t\tselect {
\t\tcase results <- work(job):
\t\tcase <-ctx.Done():
\t\t\treturn
\t\t}
\t}""")

# The same fix, with the context checked before each job as well (also right).
SELECT_FIX_EARLY = _worker("""\tfor job := range jobs {
\t\tif ctx.Err() != nil {
\t\t\treturn
\t\t}
\t\tr := work(job)
\t\tselect {
\t\tcase results <- r:
\t\tcase <-ctx.Done():
\t\t\treturn
\t\t}
\t}""")

CHECK_THEN_SEND = _worker("""\tfor job := range jobs {
\t\tr := work(job)
\t\tselect {
\t\tcase <-ctx.Done():
\t\t\treturn
\t\tdefault:
\t\t}
\t\tresults <- r
\t}""")

SELECT_DEFAULT = _worker("""\tfor job := range jobs {
\t\tselect {
\t\tcase results <- work(job):
\t\tdefault:
\t\t}
\t}""")

NO_WORK = _worker("""\tfor job := range jobs {
\t\tselect {
\t\tcase results <- job * job:
\t\tcase <-ctx.Done():
\t\t\treturn
\t\t}
\t}""")

DELETED = _worker("")

CLOSE_RESULTS = _worker("""\tfor job := range jobs {
\t\tresults <- work(job)
\t}
\tclose(results)""")

GO_PER_SEND = _worker("""\tfor job := range jobs {
\t\tr := work(job)
\t\tgo func() { results <- r }()
\t}""")


def _whole_program(**replace) -> str:
    src = gsc.program_path("leaky_pool").read_text()
    src = src.replace(gsc.pool_worker(), SELECT_FIX)
    for a, b in replace.items():
        src = src.replace(a.replace("_", " "), b)
    return src


LONGER_DEADLINE = _whole_program(**{"const_deadline_=_15_*_time.Millisecond": "const deadline = time.Second"})
HARD_CODED = gsc.program_path("leaky_pool").read_text().replace(
    'fmt.Println("goroutines:", runtime.NumGoroutine())',
    'fmt.Println("goroutines:", runtime.NumGoroutine()-runtime.NumGoroutine()+1)')

WRONG_ANSWERS = {
    "check_worker_pool": [
        ("the leaking template, unchanged", gsc.pool_worker()),
        ("check ctx.Done() with default, then a plain send (the post's fix, C64)", CHECK_THEN_SEND),
        ("a send with default (drops answers, C17)", SELECT_DEFAULT),
        ("delete the work: the worker does nothing", DELETED),
        ("skip work(job) and send the result at once", NO_WORK),
        ("close(results) in the worker", CLOSE_RESULTS),
        ("a goroutine per send", GO_PER_SEND),
        ("change the deadline to 1 s (a setting the task fixes)", LONGER_DEADLINE),
        ("hard-code the printed goroutine count", HARD_CODED),
        ("not Go at all", "func worker( {"),
    ],
    "check_leaky_schedule": [
        ("no picks", []),
        ("the schedule where the cancel comes before every check", [0, 0]),
        ("too few picks", [0]),
        ("a pick out of range", [2]),
        ("too many picks", [1, 0]),
        ("a word instead of picks", "deadline"),
        ("booleans instead of option numbers", [True]),
    ],
}

# What the learner must read in the refusal (a phrase), per wrong answer, in the same order.
EXPECTED = {
    "check_worker_pool": ["still alive after the caller", "check-then-block", "reached it",
                          "reached it", "never timed out", "still alive after the caller",
                          "still alive after the caller", "Edit only func worker",
                          "Edit only func worker", "does not compile"],
    "check_leaky_schedule": ["No picks yet", "before any worker's next check", "still open",
                             "has 2 options", "Drop the extra", "list of option numbers",
                             "list of option numbers"],
}


@pytest.mark.parametrize("label, answer, phrase",
                         [(lbl, a, p) for (lbl, a), p in zip(WRONG_ANSWERS["check_worker_pool"],
                                                              EXPECTED["check_worker_pool"])],
                         ids=[lbl for lbl, _ in WRONG_ANSWERS["check_worker_pool"]])
def test_check_worker_pool_refuses(label, answer, phrase):
    """Each wrong worker is refused with a message that says what is wrong and does not show the fix."""
    r = gsc.check_worker_pool(answer)
    assert not r.ok, f"{label} passed"
    text = " ".join(r.messages)
    assert phrase in text, text
    assert "case <-ctx.Done():\n" not in text and "results <- work(job):" not in text


@pytest.mark.parametrize("label, picks, phrase",
                         [(lbl, a, p) for (lbl, a), p in zip(WRONG_ANSWERS["check_leaky_schedule"],
                                                              EXPECTED["check_leaky_schedule"])],
                         ids=[lbl for lbl, _ in WRONG_ANSWERS["check_leaky_schedule"]])
def test_check_leaky_schedule_refuses(label, picks, phrase):
    """Each wrong schedule is refused with a message naming the problem, never the picks that win."""
    r = gsc.check_leaky_schedule(picks)
    assert not r.ok, f"{label} passed"
    text = " ".join(r.messages)
    assert phrase in text, text
    assert "[1]" not in text and "[0, 1]" not in text


def test_every_wrong_answer_has_an_expected_message():
    """Each wrong answer in WRONG_ANSWERS has the phrase its refusal must contain."""
    for k, v in WRONG_ANSWERS.items():
        assert len(EXPECTED[k]) == len(v) >= 4


@pytest.mark.parametrize("answer", [SELECT_FIX, SELECT_FIX_EARLY, _whole_program()],
                         ids=["select", "select with an early Err check", "whole program"])
def test_check_worker_pool_passes_solutions(answer):
    """Right fixes (a worker edit or the whole program with only the worker edited) pass."""
    r = gsc.check_worker_pool(answer)
    assert r.ok, r
    assert "no worker was alive" in " ".join(r.messages)


@pytest.mark.parametrize("picks", [[1], [0, 1]])
def test_check_leaky_schedule_passes_leaking_schedules(picks):
    """Both schedules that leave a worker blocked pass, and the message names the blocked worker."""
    r = gsc.check_leaky_schedule(picks)
    assert r.ok, r
    assert "parked in chan send" in r.messages[0]


def test_check_leaky_schedule_takes_the_game():
    """The check reads the picks from the scheduler game object itself (its `choices`)."""
    game = gsc.schedule_game()
    game.pick(1)
    assert game.won
    assert gsc.check_leaky_schedule(game).ok


@pytest.mark.realgo
def test_check_worker_pool_real_go_agrees(go_bin):
    """With real=True the solution also leaves only main alive on real Go."""
    r = gsc.check_worker_pool(SELECT_FIX, real=True)
    assert r.ok, r
    assert "real Go 1.27" in " ".join(r.messages)
