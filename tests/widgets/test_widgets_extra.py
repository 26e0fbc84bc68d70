"""Tests of the side-by-side player and the "you are the scheduler" game, without a stepper."""
from dataclasses import replace

from frames_fixture import FakeTrace, deadline_trace, ping_pong_trace
from gostep.trace.frame import Outcome
from gostep.widgets.sidebyside import compare
from gostep.widgets.game import scheduler_game


def test_compare_moves_both_traces_in_time_order():
    """Forward in the side-by-side view advances whichever trace is earlier; both pictures update."""
    a = ping_pong_trace()
    b = FakeTrace(a.program, [replace(f, time_ns=f.time_ns + 50) for f in a.frames], a.settings)
    c = compare(a, b, labels=("P=2", "P=2 later"))
    assert len(c.pairs) == len(a) + len(b) - 1
    g0 = c.graphs[1].value
    c.fwd.click()                        # a's step 1 (t=200) comes before b's step 1 (t=250)
    assert c.pairs[c.pos] == (1, 0) and c.graphs[1].value == g0
    c.fwd.click()
    assert c.pairs[c.pos] == (1, 1) and c.graphs[1].value != g0
    c.last.click()
    assert "outcome: ok" in c.outs[0].value and "outcome: ok" in c.outs[1].value
    assert c._repr_mimebundle_()["text/plain"].startswith("gostep compare: position")


def test_compare_steps_in_the_browser_like_the_player():
    """The side-by-side view serves two-column frames to the page and follows the page's cursor."""
    a = ping_pong_trace()
    b = FakeTrace(a.program, [replace(f, time_ns=f.time_ns + 50) for f in a.frames], a.settings)
    c = compare(a, b)
    assert c.view.n == len(c.pairs) and len(c.view.marks) == len(c.pairs)
    assert not c.view.has_code and c.view.seed["step"] == 0
    sent = []
    c.view.send = lambda content, buffers=None: sent.append(content)
    c._on_msg(c.view, {"type": "want", "gen": c.view.gen, "steps": [3, 4]}, [])
    html3 = sent[0]["frames"][0][1]
    assert html3.count('class="gostep-frame"') == 2
    c.view.step = 3                          # a click in the page
    assert c.pos == 3 and c.html == html3
    ia, ib = c.pairs[3]
    assert f'data-step="{ia}"' in html3 and f'data-step="{ib}"' in html3
    # A jump letter marks the position where the trace that advanced took a park.
    for k, m in enumerate(c.view.marks):
        if m == "p":
            (pa, _pb), (ia, ib) = c.pairs[k - 1], c.pairs[k]
            tr, i = (a, ia) if ia != pa else (b, ib)
            assert tr.frame(i).event.kind in ("park", "block")


class _FakeRun:
    """A stepper stand-in: two select decisions; picking case 1 twice deadlocks, anything else is ok."""

    def __init__(self):
        self.calls = []

    def __call__(self, program, choices, **settings):
        self.calls.append(list(choices))
        tr = deadline_trace()
        frames = list(tr.frames[: 3 + len(choices)])
        pending = (1, 2) if len(choices) < 2 else None
        if pending is None:
            exit_ = "deadlock" if choices == [1, 1] else "ok"
            out = Outcome(exit_, (), (), "", 1, frames[-1].time_ns)
            frames[-1] = replace(frames[-1], outcome=out)
        t = FakeTrace(tr.program, frames, tr.settings)
        t.pending_choice = pending
        return t


def test_scheduler_game_pick_undo_and_goal():
    """Picks replay through the runner, undo takes one back, and the goal is judged at the end."""
    run = _FakeRun()
    g = scheduler_game(object(), goal="deadlock", goal_text="make it deadlock", run=run, gomaxprocs=2)
    assert run.calls == [[]] and len(g.options.children) == 2
    g.options.children[1].click()
    assert run.calls[-1] == [1] and "decision 2" in g.question.value
    g.options.children[0].click()
    assert run.calls[-1] == [1, 0] and not g.won and "not reached" in g.status.value
    g.undo_b.click()
    assert g.choices == [1]
    g.options.children[1].click()
    assert g.won and "goal reached" in g.status.value
    assert "finished, goal reached" in repr(g)
    g.reset_b.click()
    assert g.choices == [] and g.undo_b.disabled
