"""Chapter 5's checks refuse the wrong answers a learner would try and the cheats a lazy one would,
with the message the learner sees, and pass the solutions (lib/gostep/course/checks_ch5.py)."""
from __future__ import annotations

import pytest

import gostep.course as gsc

_FN = "func resetTimer(t *time.Timer, d time.Duration) {{\n{}\n}}\n"

SOLUTION_RESET = _FN.format("\tif !t.Stop() {\n\t\tselect {\n\t\tcase <-t.C:\n\t\tdefault:\n\t\t}\n\t}\n\tt.Reset(d)")
SOLUTION_STALE = [True, True, False]

WRONG_ANSWERS = {
    "check_stale_versions": [
        ("the newer toolchain decides: only 1.21 is stale", [True, False, False]),
        ("the go line always decides, even on 1.27", [True, True, True]),
        ("nothing is stale any more", [False, False, False]),
        ("GODEBUG ignored, 1.27 old", [True, False, True]),
        ("hard-coded text instead of booleans", ["stale", "stale", "fresh"]),
        ("no answer (the template)", [None, None, None]),
    ],
    "check_reset_idiom": [
        ("the pre-1.23 documented idiom (blocking drain)",
         _FN.format("\tif !t.Stop() {\n\t\t<-t.C\n\t}\n\tt.Reset(d)")),
        ("the 1.23+ only answer: a plain Reset", _FN.format("\tt.Reset(d)")),
        ("Stop then Reset, no drain", _FN.format("\tt.Stop()\n\tt.Reset(d)")),
        ("deleting the work: an empty body", _FN.format("")),
        ("waiting instead of resetting right", _FN.format(
            "\tif !t.Stop() {\n\t\tselect {\n\t\tcase <-t.C:\n\t\tdefault:\n\t\t}\n\t}\n\ttime.Sleep(d)\n\tt.Reset(d)")),
        ("changing main so situation 1 does not expire",
         gsc.reset_template().replace("time.Sleep(50 * time.Millisecond)", "time.Sleep(5 * time.Millisecond)")),
        ("not Go at all", "reset the timer"),
    ],
}

_EXPECT = {   # label -> a phrase the learner's message must contain
    "the pre-1.23 documented idiom (blocking drain)": "deadlocked in situation 3",
    "the 1.23+ only answer: a plain Reset": "stale value",
    "Stop then Reset, no drain": "stale value",
    "deleting the work: an empty body": "stale value",
    "waiting instead of resetting right": "must not wait",
    "changing main so situation 1 does not expire": "Change only resetTimer",
    "not Go at all": "Give the Go source",
    "hard-coded text instead of booleans": "three booleans",
    "no answer (the template)": "three booleans",
}


@pytest.mark.slow
@pytest.mark.parametrize("label, answer", WRONG_ANSWERS["check_stale_versions"],
                         ids=[l for l, _ in WRONG_ANSWERS["check_stale_versions"]])
def test_check_stale_versions_refuses(label, answer):
    """Each wrong set of verdicts is refused without saying which of the three is wrong."""
    res = gsc.check_stale_versions(answer, real=False)
    assert not res.ok
    text = " ".join(res.messages)
    assert _EXPECT.get(label, "at least one of the three is wrong") in text
    for name in gsc.STALE_SETTINGS:      # no per-setting verdict in the message
        assert name not in text


@pytest.mark.slow
@pytest.mark.parametrize("label, answer", WRONG_ANSWERS["check_reset_idiom"],
                         ids=[l for l, _ in WRONG_ANSWERS["check_reset_idiom"]])
def test_check_reset_idiom_refuses(label, answer):
    """Each known-wrong idiom or cheat is refused with the reason, and the message shows no fix."""
    res = gsc.check_reset_idiom(answer)
    assert not res.ok
    text = " ".join(res.messages)
    assert _EXPECT[label] in text
    assert "default:" not in text and "select {" not in text


@pytest.mark.slow
def test_solutions_pass():
    """The chapter's solutions pass their checks (the model decides; real Go only confirms)."""
    assert gsc.check_stale_versions(SOLUTION_STALE, real=False).ok
    assert gsc.check_stale_versions(dict(zip(gsc.STALE_SETTINGS, SOLUTION_STALE)), real=False).ok
    assert gsc.check_reset_idiom(SOLUTION_RESET).ok


@pytest.mark.slow
def test_other_correct_resets_pass():
    """A different correct reset (draining by len before Reset) passes too."""
    other = _FN.format("\tif !t.Stop() {\n\t\tfor len(t.C) > 0 {\n\t\t\t<-t.C\n\t\t}\n\t}\n\tt.Reset(d)")
    assert gsc.check_reset_idiom(other).ok


@pytest.mark.realgo
@pytest.mark.slow
def test_check_stale_versions_agrees_with_real_go(go_bin):
    """Where the toolchains are installed, real Go agrees with the model on all three settings."""
    res = gsc.check_stale_versions(SOLUTION_STALE, real=True)
    assert res.ok and not any("disagree" in m for m in res.messages)
