"""The scheduler game widget: option labels, solution replay, win hook, stored picture."""
from __future__ import annotations

from gostep.api import simulate_to_choice
from gostep.widgets.game import _select_cases, scheduler_game

SRC = """package main

func main() {
	select {
	case v := <-a:
		use(v)
	case b <- 1:
	default:
	}
}
"""


def test_select_cases_lists_the_clauses_in_order():
    """The case and default clauses of a select are found with their lines, in case order."""
    assert _select_cases(SRC.splitlines(), 4) == [(5, "case v := <-a:"), (7, "case b <- 1:"),
                                                  (8, "default:")]
    assert _select_cases(SRC.splitlines(), 3) == []


def test_game_labels_solution_and_win_hook():
    """Buttons name their case; "show me a solution" replays without the win hook; a pick fires it."""
    import gostep.course.challenges as ch
    c = ch.challenge("send-on-closed")
    wins = []
    g = scheduler_game(ch._prog(c), goal=lambda tr: c.goal(tr)[0], goal_text=c.goal_text, run=simulate_to_choice,
                       solver=lambda: [1], on_win=wins.append, **c.kw)
    assert [b.description for b in g.options.children] == ["case 0: case <-done:", "case 1: case out <- i:"]
    assert g.show_solution() == [1] and g.won and wins == []
    assert "(the search's schedule)" in g.status.value
    g.undo()
    g.options.children[1].click()
    assert g.won and wins == [g]
    bundle = g._repr_mimebundle_()
    assert bundle["image/svg+xml"].startswith("<svg") and "goal reached" in bundle["text/plain"]
    assert "0x" not in bundle["text/plain"]          # deterministic: no object ids
