"""Tests of the player widget driven like a reader would: clicks, the slider, what-if settings."""
from dataclasses import replace

import pytest

from frames_fixture import FakeTrace, deadline_trace, ping_pong_trace
from gostep.widgets import Player, show
from gostep.widgets.cursor import TraceIndex, merge_by_time
from gostep.widgets.player import settings_to_kwargs


@pytest.fixture()
def player():
    return show(ping_pong_trace(), simulate=None)


def test_forward_and_back_change_and_restore_the_views(player):
    """Forward then back returns the SVG, the code panel and the narration to what they were."""
    before = (player.graph.value, player.code.value, player.narration.value)
    player.fwd.click()
    assert player.step == 1 and player.slider.value == 1
    assert player.narration.value != before[2] and player.graph.value != before[0]
    player.back.click()
    assert player.step == 0
    assert (player.graph.value, player.code.value, player.narration.value) == before


def test_first_last_and_slider_move_the_cursor(player):
    """Last goes to the final step and shows the outcome; the slider moves the cursor; first returns."""
    player.last.click()
    assert player.step == len(player.trace) - 1
    assert "outcome: ok" in player.outcome.value
    assert player.fwd.disabled and not player.back.disabled
    player.slider.value = 5
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


def test_speed_control_sets_the_play_interval(player):
    """Choosing a speed changes the Play widget's tick interval, and Play is linked to the slider."""
    player.speed.value = 100
    assert player.play.interval == 100
    assert player.play.max == player.slider.max == len(player.trace) - 1


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


def _html_widgets(w):
    import ipywidgets as W
    out = [w] if isinstance(w, W.HTML) else []
    for c in getattr(w, "children", ()):
        out += _html_widgets(c)
    return out


def test_a_click_sets_one_html_value(player):
    """Forward changes exactly one HTML widget (the whole frame: one message to the browser)."""
    changed = []
    for h in _html_widgets(player):
        h.observe(lambda c, h=h: changed.append(h), "value")
    player.fwd.click()
    assert changed == [player.view]
    assert player.graph.value in player.view.value and player.narration.value in player.view.value
    assert 'style="max-width:none"' in player.graph.value     # natural size, never shrunk


def test_slider_follows_a_click_a_moment_later_inside_an_event_loop(player):
    """In a kernel (a running event loop) a click draws at once and moves the slider SLIDER_LAG later."""
    import asyncio

    from gostep.widgets.player import SLIDER_LAG

    async def clicks():
        before = player.view.value
        player.fwd.click()
        player.fwd.click()
        drawn, slider_now = player.view.value != before, player.slider.value
        await asyncio.sleep(SLIDER_LAG * 3)
        return drawn, slider_now, player.slider.value

    drawn, slider_now, slider_later = asyncio.run(clicks())
    assert drawn and player.step == 2
    assert slider_now == 0 and slider_later == 2
