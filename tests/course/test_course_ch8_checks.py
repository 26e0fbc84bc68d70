"""Chapter 8's check, check_challenge, against wrong schedules and cheats; every solution passes."""
from __future__ import annotations

import pytest

from gostep.course import challenges as ch


def _game(name, **change):
    """A game of challenge `name` whose settings were changed (a cheat), played by the search."""
    from gostep.api import simulate_to_choice
    from gostep.widgets.game import scheduler_game
    c = ch.challenge(name)
    kw = {**c.kw, **change}
    g = scheduler_game(ch._prog(c, kw["go"]), goal=lambda tr: c.goal(tr)[0], run=simulate_to_choice, **kw)
    g.challenge = name
    return g


def _other_program_game():
    """A game on another program, relabelled as challenge "late"."""
    g = _game("deadlock")
    g.challenge = "late"
    return g


# ("label", (challenge, schedule or a function making it)): each must be refused.
WRONG_ANSWERS = {"check_challenge": [
    ("empty schedule", ("late", [])),
    ("on time: ctx.Done() at the first decision", ("late", [0])),
    ("late, but not by more than 15 ms", ("late", [1, 1, 1, 0])),
    ("stops before the run ends", ("late", [1, 1])),
    ("a schedule of another challenge (two-leaks)", ("deadlock", [1, 1, 0])),
    ("a pick out of range", ("deadlock", [5])),
    ("not a list of picks", ("deadlock", "1")),
    ("Go 1.27 instead of the challenge's Go 1.22", ("stale", lambda: _game("stale", go="1.27"))),
    ("GOMAXPROCS changed", ("late", lambda: _game("late", gomaxprocs=2))),
    ("a game on another program", ("late", _other_program_game)),
    ("the other challenge's game", ("late", lambda: ch.play("deadlock"))),
    ("stale under Go 1.22 but the legitimate expiry", ("stale", [1])),
    ("sysmon on time", ("sysmon-late", [0])),
    ("sysmon late once, then on time", ("sysmon-late", [1, 0])),
    ("sysmon late once, run unfinished", ("sysmon-late", [1])),
    ("sysmon-late without the OS's decisions", ("sysmon-late", lambda: _game("sysmon-late", os_choices=False))),
    ("three lates: the model allows two in a row", ("sysmon-late", [1, 1, 1])),
    ("a game with a GODEBUG setting added", ("sysmon-late",
                                             lambda: _game("sysmon-late", godebug="asyncpreemptoff=1"))),
    ("negative picks", ("sysmon-late", [-1, -1])),
]}

MESSAGES = {
    "empty schedule": "No picks yet",
    "on time: ctx.Done() at the first decision": "after its deadline",
    "late, but not by more than 15 ms": "14.7 ms after its deadline",
    "stops before the run ends": "still open",
    "a schedule of another challenge (two-leaks)": "you gave 3 picks",
    "a pick out of range": "has 2 options",
    "not a list of picks": "list of option numbers",
    "Go 1.27 instead of the challenge's Go 1.22": "fixes the program and its settings",
    "GOMAXPROCS changed": "fixes the program and its settings",
    "a game on another program": "fixes the program and its settings",
    "the other challenge's game": "plays challenge 'deadlock'",
    "stale under Go 1.22 but the legitimate expiry": "no Reset had moved",
    "sysmon on time": "6.2 ms after its deadline",
    "sysmon late once, then on time": "16.2 ms after its deadline",
    "sysmon late once, run unfinished": "still open",
    "sysmon-late without the OS's decisions": "fixes the program and its settings",
    "three lates: the model allows two in a row": "you gave 3 picks",
    "a game with a GODEBUG setting added": "fixes the program and its settings",
    "negative picks": "start at 0",
}


@pytest.fixture(autouse=True)
def _own_progress_file(tmp_path, monkeypatch):
    monkeypatch.setenv("GOSTEP_PROGRESS", str(tmp_path / "progress.json"))


@pytest.mark.parametrize("label, answer", WRONG_ANSWERS["check_challenge"],
                         ids=[a[0] for a in WRONG_ANSWERS["check_challenge"]])
def test_wrong_schedules_are_refused_with_their_message(label, answer):
    """Each wrong schedule or cheat is refused, with a message that says why and holds no picks."""
    name, schedule = answer
    if callable(schedule):
        schedule = schedule()
    res = ch.check_challenge(name, schedule)
    text = " ".join(res.messages)
    assert not res.ok, label
    assert MESSAGES[label] in text, text
    assert "[1, 1, 1, 1" not in text and "solve(" not in text
    assert ch.progress().solved() == []


@pytest.mark.parametrize("name", [c.name for c in ch.CHALLENGES])
def test_the_searched_solution_passes_and_is_recorded(name):
    """The search's schedule passes each challenge's check, and the pass is saved as progress."""
    picks = ch.solve(name).picks
    assert ch.check_challenge(name, picks).ok
    assert name in ch.progress().solved()


def test_the_os_challenge_asks_only_the_os_and_labels_its_options():
    """sysmon-late's decisions are the OS's (kind 3), with fixed labels; two lates reach the goal."""
    g = ch.play("sysmon-late")
    assert g.trace.pending_choice == (3, 2)
    assert g.labels[0].startswith("on time") and g.labels[1].startswith("late")
    assert "sysmon" in g.question.value and "ready" not in g.question.value
    g.pick(1)
    g.pick(1)
    assert g.won and ch.check_challenge("sysmon-late").ok


def test_a_won_game_passes_the_check():
    """A game played to the goal is accepted as the schedule itself."""
    g = ch.play("deadlock")
    assert g.labels == ["case v := <-primary:", "case v := <-backup:"]
    g.pick(1)
    assert g.won and ch.check_challenge("deadlock").ok
