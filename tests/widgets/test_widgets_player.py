"""Tests of the player widget driven like a reader would: clicks, the slider, what-if settings."""
from dataclasses import replace

import pytest

from frames_fixture import FakeTrace, deadline_trace, ping_pong_trace
from gostep.widgets import Player, show
from gostep.widgets.cursor import TraceIndex, merge_by_time
from gostep.widgets.player import MARK_CODES, NEXT_BUTTONS, settings_to_kwargs


@pytest.fixture()
def player():
    return show(ping_pong_trace(), simulate=None)


def test_forward_and_back_change_and_restore_the_views(player):
    """Forward then back returns the SVG, the code panel and the narration to what they were."""
    before = (player.graph.value, player.code.value, player.narration.value)
    player.fwd.click()
    assert player.step == 1 and player.view.step == 1
    assert player.narration.value != before[2] and player.graph.value != before[0]
    player.back.click()
    assert player.step == 0
    assert (player.graph.value, player.code.value, player.narration.value) == before


def test_first_last_and_slider_move_the_cursor(player):
    """Last goes to the final step and shows the outcome; the page's cursor moves it; first returns."""
    player.last.click()
    assert player.step == len(player.trace) - 1
    assert "outcome: ok" in player.outcome.value
    assert player.fwd.disabled and not player.back.disabled
    player.view.step = 5                 # the page's slider moved the cursor
    assert player.step == 5 and "steal" in player.narration.value
    player.first.click()
    assert player.step == 0 and player.back.disabled


def test_next_event_buttons_jump_to_that_kind():
    """The "park" and "timer fire" jump buttons land on the next step of that kind, and back again."""
    p = show(deadline_trace(), simulate=None)
    by_label = {label: (prev_b, next_b) for label, prev_b, next_b in p.nexts}
    by_label["timer fire"][1].click()
    assert p.frame().event.kind == "timer_fire" and p.step == 4
    by_label["timer fire"][1].click()
    assert p.step == 10
    by_label["timer fire"][0].click()
    assert p.step == 4
    by_label["park"][0].click()
    assert p.frame().event.kind == "park" and p.step == 3
    p.last.click()
    by_label["park"][1].click()          # none after the end: stays
    assert p.step == len(p.trace) - 1


def test_plain_text_repr_is_the_deterministic_text_dump(player):
    """The widget's text/plain is the schedtrace-like dump of the current step, the same each time."""
    bundle = player._repr_mimebundle_()
    assert bundle["text/plain"].startswith("gostep player: ping_pong.go step 0/12\nSCHED 0s step=0")
    assert bundle["text/plain"] == show(ping_pong_trace(), simulate=None)._repr_mimebundle_()["text/plain"]
    assert "model_id" not in bundle["text/plain"]


def test_speed_and_step_count_reach_the_page(player):
    """The speed (ms per Play tick) and the step count are synced to the browser half."""
    player.interval = 100
    assert player.view.interval == 100
    assert player.view.n == len(player.trace)
    player.view.interval = 50            # the page's speed menu
    assert player.interval == 50


def test_whatif_reruns_and_keeps_virtual_time():
    """Changing GOMAXPROCS re-runs simulate with the new settings and keeps the cursor's virtual time."""
    calls = []

    def fake_simulate(program, **kw):
        calls.append(kw)
        tr = ping_pong_trace()
        # A "slower" run: every frame twice as late, so the same time is an earlier step.
        frames = [replace(f, time_ns=f.time_ns * 2) for f in tr.frames]
        return FakeTrace(tr.program, frames, dict(tr.settings, gomaxprocs=kw["gomaxprocs"]))

    tr = ping_pong_trace()
    p = Player(tr, simulate=fake_simulate, settings=tr.settings)
    assert p.whatif is not None
    p.step = 8                          # t = 2300 ns
    p.w_procs.value = 1
    assert calls[-1]["gomaxprocs"] == 1 and calls[-1]["seed"] == 0
    assert p.frame().time_ns <= 2300 and p.step == 4      # 2*1400 > 2300 >= 2*1000 (step 4)
    p.w_preempt.value = True
    assert calls[-1]["godebug"] == "asyncpreemptoff=1"


def test_whatif_error_keeps_the_old_trace():
    """A setting the stepper rejects is reported beside the controls and the old trace stays."""
    def failing(program, **kw):
        raise ValueError("go 1.13 has no per-P timers in this model")

    tr = ping_pong_trace()
    p = Player(tr, simulate=failing, settings=tr.settings)
    p.step = 3
    p.w_go.value = "1.13"
    assert "per-P timers" in p.w_status.value
    assert p.trace is tr and p.step == 3


def test_settings_to_kwargs_builds_godebug():
    """settings_to_kwargs merges asyncpreemptoff into GODEBUG and passes gomaxprocs, seed and go."""
    kw = settings_to_kwargs({"gomaxprocs": 2, "seed": 7, "go": "1.22", "godebug": "x=1",
                             "asyncpreemptoff": True})
    assert kw == {"gomaxprocs": 2, "seed": 7, "go": "1.22", "godebug": "x=1,asyncpreemptoff=1"}


def test_trace_index_and_merge_by_time():
    """TraceIndex finds steps by kind and time; merge_by_time visits every frame of both traces."""
    ix = TraceIndex(deadline_trace())
    assert ix.next_of(0, "timer_fire") == 4 and ix.next_of(4, "timer_fire", -1) is None
    assert ix.at_time(1_065_000) == 5 and ix.at_time(0) == 0
    pairs = merge_by_time([0, 5, 5, 9], [0, 3, 7])
    assert pairs == [(0, 0), (0, 1), (1, 1), (2, 1), (2, 2), (3, 2)]


def _sent(player):
    """Capture what the kernel sends to the page: a list of custom messages."""
    out = []
    player.view.send = lambda content, buffers=None: out.append(content)
    return out


def test_the_page_gets_the_frames_it_asks_for(player):
    """A "want" message is answered with each asked step's whole frame HTML, the urgent one alone first."""
    sent = _sent(player)
    gen = player.view.gen
    player._on_msg(player.view, {"type": "want", "gen": gen, "whole": False,
                                 "steps": [7, 8, 9, 6, 99], "urgent": True}, [])
    assert [[k for k, _h in m["frames"]] for m in sent] == [[7], [8, 9, 6]]
    assert all(m["type"] == "frames" and m["gen"] == gen and m["whole"] is False for m in sent)
    player.step = 7
    assert sent[0]["frames"][0][1] == player.html
    assert 'data-step="7"' in player.html and "step 7</b>" in player.html
    assert player.sent_bytes == sum(len(h.encode()) for m in sent for _k, h in m["frames"])


def test_stale_requests_are_ignored_and_whole_file_frames_differ(player):
    """A request from an older generation gets nothing; whole-file frames hold every line."""
    sent = _sent(player)
    player._on_msg(player.view, {"type": "want", "gen": player.view.gen - 1, "steps": [1]}, [])
    assert sent == []
    player._on_msg(player.view, {"type": "want", "gen": player.view.gen, "whole": True,
                                 "steps": [1]}, [])
    player._on_msg(player.view, {"type": "want", "gen": player.view.gen, "whole": False,
                                 "steps": [1]}, [])
    whole, window = sent[0]["frames"][0][1], sent[1]["frames"][0][1]
    assert sent[0]["whole"] is True and whole != window
    n_lines = len(player.src.splitlines())
    assert whole.count('class="gs-line') == n_lines >= window.count('class="gs-line')


def test_marks_let_the_page_find_jump_targets_itself():
    """The marks string has one letter per step, so the page's jumps land where Python's do."""
    p = show(deadline_trace(), simulate=None)
    marks = p.view.marks
    assert len(marks) == len(p.trace)
    for label, kinds in NEXT_BUTTONS:
        code = MARK_CODES[label]
        for k in range(len(p.trace)):
            j = p.index.next_of(k, kinds, 1)
            page = next((i for i in range(k + 1, len(marks)) if marks[i] == code), None)
            assert page == j, (label, k)


def test_a_what_if_rerun_starts_a_new_generation_with_its_seed_frame():
    """A re-run bumps the page's generation and ships the frame at the kept position in the state."""
    tr = ping_pong_trace()
    p = Player(tr, simulate=lambda program, **kw: ping_pong_trace(), settings=tr.settings)
    g0 = p.view.gen
    assert p.view.seed["gen"] == g0 and p.view.seed["step"] == 0 and "svg" in p.view.seed["html"]
    p.step = 6
    p.w_seed.value = 3
    assert p.view.gen == g0 + 1 and p.view.seed["gen"] == g0 + 1
    assert p.step == p.view.step == p.view.seed["step"] == 6
    assert p.view.seed["html"] == p.html


def test_python_moves_reach_the_page_and_page_moves_reach_python(player):
    """Setting player.step moves the page's cursor; the page's cursor is clamped into the trace."""
    player.step = 4
    assert player.view.step == 4
    player.view.step = 10_000
    assert player.step == player.view.step == len(player.trace) - 1
    assert player.fwd.disabled and not player.back.disabled


def test_the_browser_module_is_plain_esm_with_the_buttons_the_tests_click():
    """The anywidget front end is an ES module with the titles the browser test and readers use."""
    from gostep.widgets.player import Stepper
    esm = Stepper._esm
    assert "export default" in esm and "import " not in esm.split("export default")[0]
    for title in ("first step", "back one step", "forward one step", "last step",
                  '"next " + label', '"previous " + label', "whole file"):
        assert title in esm, title
    assert ".gsx" in Stepper._css and "gsx-loading" in Stepper._css
