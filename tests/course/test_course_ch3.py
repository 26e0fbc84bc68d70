"""Chapter 3's library code (lib/gostep/course/ch3.py): chansend quoted from the pinned source,
profiles, sweep counts, key steps and the programs' model behaviour the chapter states."""
from __future__ import annotations

import pytest

import gostep as gs
import gostep.course as gsc


def test_chansend_excerpt_quotes_the_three_paths_in_order():
    """The quoted lines are chansend's closed check, recvq, buffer, then park, with rising line numbers."""
    ex = gsc.chansend_excerpt()
    text = "\n".join(ex.lines)
    order = ["c.closed != 0", "c.recvq.dequeue()", "c.qcount < c.dataqsiz", "c.sendq.enqueue(mysg)",
             "gopark(chanparkcommit"]
    pos = [text.index(k) for k in order]
    assert pos == sorted(pos)
    nums = [int(ln.split(":")[1].split()[0]) for ln in ex.lines]
    assert nums == sorted(nums)
    assert "/" not in ex.origin or "toolchain" in ex.origin


def test_chansend_excerpt_matches_the_recorded_lines_on_go_1_27_3():
    """On the pinned Go 1.27.3, the lines read from the source are the recorded fallback's lines."""
    from gostep.course import ch3
    ex = gsc.chansend_excerpt()
    if "Go 1.27.3" not in ex.title:
        pytest.skip("the pinned Go 1.27.3 toolchain is not installed")
    assert [int(ln.split(":")[1].split()[0]) for ln in ex.lines] == [n for n, _ in ch3._RECORDED]


def test_invented_listing_is_the_posts_three_instructions():
    """The post's listing is shown as it is: CMPQ, JE, CALL."""
    lines = gsc.invented_listing().lines
    assert [ln.split()[0] for ln in lines] == ["CMPQ", "JE", "CALL"]


def test_model_profile_counts_the_leaked_handlers():
    """The 100-call handler leaves 100 goroutines in chan send, grouped on one line."""
    tr = gs.simulate(gs.load(str(gsc.program_path("handler_leak"))), gomaxprocs=1, seed=0)
    prof = str(gsc.model_profile(tr))
    assert "100 @ main.handle.func1" in prof and "[chan send]" in prof


def test_sweep_counts_and_select_share():
    """leak_counts and sweep_share read a sweep: 100 leaked per run; select's cases near half each."""
    sw = gs.sweep(gs.load(str(gsc.program_path("handler_leak"))), seeds=range(4), gomaxprocs=2,
                  capacities=gs.MEASURED_NOISE)
    assert dict(gsc.leak_counts(sw)) == {100: 4}
    line = gsc.line_of("select_once", 'fmt.Println("ctx.Done() case")')
    won, runs = gsc.sweep_share(gs.sweep(gs.load(str(gsc.program_path("select_once"))),
                                         seeds=range(400), line=line), line)
    assert runs == 400 and 150 < won < 250


def test_key_step_finds_the_direct_handoff():
    """key_step returns the step of the first send that hands its value to a parked receiver."""
    tr = gs.simulate(gs.load(str(gsc.program_path("chan_paths"))), gomaxprocs=1, seed=0)
    k = gsc.key_step(tr, "chansend", "hands the value")
    f = tr.frame(k)
    assert f.event.kind == "chansend" and f.chans[0].recvq and not f.chans[0].buf
    with pytest.raises(LookupError):
        gsc.key_step(tr, "chansend", "no such text")


def test_front_end_refuses_a_send_on_done_like_the_compiler():
    """The stepper's front end reports `ctx.Done() <- x` with the compiler's message and no path."""
    msg = gsc.front_end_message("send_on_done")
    assert msg.startswith("send_on_done.go:18:2: invalid operation: cannot send to receive-only channel")


def test_real_profiles_summarises_recorded_output():
    """real_profiles counts goroutines by wait reason and keeps the leak profile, without build paths."""
    from types import SimpleNamespace
    out = ["goroutines: 3", "=== goroutine profile (debug=2)",
           "goroutine 1 [running]:", "main.gostep_main()", "\tgostep.run/x.go:9 +0x10", "",
           "goroutine 7 [chan send]:", "main.handle.func1()", "\tgostep.run/leak_profiles.go:32 +0x35",
           "created by main.handle in goroutine 1", "\tgostep.run/leak_profiles.go:30 +0x99", "",
           "goroutine 8 [chan send]:", "main.handle.func1()", "\tgostep.run/leak_profiles.go:32 +0x35", "",
           "=== goroutineleak profile (debug=1)", "goroutineleak profile: total 2",
           "2 @ 0x47f80a 0x41485c", "#\t0x4e4035\tmain.handle.func1+0x35\tgostep.run/leak_profiles.go:32"]
    text = str(gsc.real_profiles(SimpleNamespace(stdout=out, exit="ok", message="")))
    assert "[chan send] 2, [running] 1" in text
    assert "goroutineleak profile: total 2" in text and "gostep.run" not in text


def test_game_goal_is_a_blocked_worker():
    """The game is won exactly when a worker is left in chan send after the caller cancelled."""
    game = gsc.schedule_game()
    assert not game.won and game.trace.pending_choice == (1, 2)
    game.pick(0)
    game.pick(0)
    assert not game.won
    game.undo()
    game.pick(1)
    assert game.won
