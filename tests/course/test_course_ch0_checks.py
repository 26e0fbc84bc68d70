"""Chapter 0's exercise check (check_go_order) refuses the orders a learner would try, says why
without the answer, and passes the solution; chapter 0's readings count the same way on the model
and on real Go."""
from __future__ import annotations

import re

import pytest

import gostep.course as gsc
from gostep.course import ch0

SOLUTION = "c a d b"

# The wrong answers a learner would try (tests/course/test_course_contract.py counts them: >= 4 per check).
WRONG_ANSWERS = {
    "check_go_order": [
        ("the order of the go statements (no runnext)", "a b c d"),
        ("a stack: last created runs first", "c b a d"),
        ("all reversed", "d c b a"),
        ("runnext seen, but d queued behind b", "c a b d"),
        ("d runs as soon as a creates it, a first", "a d b c"),
        ("main listed too", "main c a d b"),
        ("one goroutine left out (the one a starts)", "c a b"),
        ("a name twice", "c a d d"),
        ("goroutine ids instead of names", "G4 G2 G5 G3"),
        ("the template left as it is", "? ? ? ?"),
        ("nothing", ""),
    ],
}

_ANSWER_FORMS = [re.compile(r"\bc\W+a\W+d\W+b\b", re.I), re.compile(r"G4\W+G2\W+G5\W+G3")]


def _reveals(text: str) -> bool:
    return any(p.search(text) for p in _ANSWER_FORMS)


@pytest.fixture(scope="module")
def results():
    """Every wrong answer's result, computed once (each runs the model three times)."""
    return {label: gsc.check_go_order(ans) for label, ans in WRONG_ANSWERS["check_go_order"]}


@pytest.mark.parametrize("label", [l for l, _ in WRONG_ANSWERS["check_go_order"]])
def test_wrong_order_is_refused_without_the_answer(results, label):
    """Each wrong answer is refused, and the message does not contain the right order."""
    r = results[label]
    assert not r.ok, label
    text = repr(r)
    assert text.startswith("NOT YET")
    assert not _reveals(text), f"{label}: the message gives the order away:\n{text}"


@pytest.mark.parametrize("label, phrase", [
    ("the order of the go statements (no runnext)", "order of the go statements"),
    ("a stack: last created runs first", "as a stack"),
    ("all reversed", "as a stack"),
    ("runnext seen, but d queued behind b", "not the order the model ran them in"),
    ("main listed too", "Leave main out"),
    ("one goroutine left out (the one a starts)", "Write each name once"),
    ("a name twice", "Write each name once"),
    ("goroutine ids instead of names", "not goroutine ids"),
    ("nothing", "Write each name once"),
])
def test_refusal_says_what_is_wrong(results, label, phrase):
    """The learner sees what is wrong with their answer (the rule it breaks, or the format)."""
    assert phrase in repr(results[label]), repr(results[label])


def test_wrong_order_messages_name_the_rule(results):
    """A wrong order (right names) is told the runnext rule and how to step to the answer."""
    r = results["runnext seen, but d queued behind b"]
    assert "runqput(pp, newg, true)" in repr(r) and "start=\"park\"" in repr(r)


@pytest.mark.parametrize("answer", [SOLUTION, "c, a, d, b", ["c", "a", "d", "b"],
                                    "main.c main.a main.d main.b", "C A D B"])
def test_solution_passes_in_any_spelling(answer):
    """The right order passes however it is written, and the pass explains it from the model."""
    r = gsc.check_go_order(answer)
    assert r.ok, repr(r)
    assert "runnext" in repr(r) and "local run queue" in repr(r)


def test_check_decides_from_the_model_not_from_the_output(monkeypatch):
    """The verdict follows the model's execute steps: if the model ran another order, the solution
    would fail (first_runs is what decides, not the program's output)."""
    import gostep.course.checks_ch0 as c0
    real = c0.first_runs
    monkeypatch.setattr(c0, "first_runs", lambda t: list(reversed(real(t))))
    assert not gsc.check_go_order(SOLUTION).ok


def test_parse_accepts_the_usual_spellings():
    """Answers are read as lower-case function names whatever the separators."""
    from gostep.course.checks_ch0 import _parse
    assert _parse("c, a -> d;b") == ["c", "a", "d", "b"]
    assert _parse(["main.C", "a()", " d ", "b"]) == ["c", "a", "d", "b"]


def test_first_runs_and_park_state_of_go_order():
    """In the model at one P, main parks with c in runnext and a, b queued; the order is c a d b."""
    import gostep as gs
    t = gs.simulate(gs.load(str(gsc.program_path("go_order"))), gomaxprocs=1, seed=0)
    assert ch0.first_runs(t) == ["c", "a", "d", "b"]
    st = ch0.at_park(t)
    assert st.runnext.endswith("(c)") and [q[-2] for q in st.runq] == ["a", "b"]


def test_model_keeps_ping_on_main_p():
    """In the model, ping never runs on another P than main's, at one P or two (seeds 0-2)."""
    for procs in (1, 2):
        r = ch0.other_p(str(gsc.program_path("ping_pong")), gomaxprocs=procs, runs=3)
        assert r.other == 0 and r.runs == 3, r


def test_other_p_reads_real_trace_events():
    """A real trace where main's first goroutine executes on P1 counts as 'another P'."""
    from gostep.real.tracing import TraceEvent
    evs = [TraceEvent(0, "state", 1, 0), TraceEvent(1, "go", 10, 0, by=1),
           TraceEvent(2, "execute", 10, 1)]
    assert ch0._ran_elsewhere(evs)
    evs[2] = TraceEvent(2, "execute", 10, 0)
    assert not ch0._ran_elsewhere(evs)


@pytest.mark.realgo
def test_real_go_runs_go_order_like_the_model(go_bin):
    """Real Go at GOMAXPROCS=1 prints the order the model ran (10 runs)."""
    import gostep as gs
    rs = gs.real.run(str(gsc.program_path("go_order")), gomaxprocs=1, runs=10)
    assert all(list(r.stdout) == ["ran in this order: c a d b"] for r in rs), rs
