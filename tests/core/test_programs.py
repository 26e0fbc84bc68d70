"""The stepper on hand-assembled programs: semantics of part 1 (goroutines, channels, select,
panics, sync) and part 2 (time: timers, deadlines, sysmon, preemption), with the invariants
checked after every step."""
import collections

import pytest

import gostep.api as api
from asm import (MS, I, check_invariants, prog_deadlines, prog_deadlock, prog_pingpong,
                 prog_recover, prog_select2, prog_simple, prog_spin_timeout, prog_stale_timer)


def _sim(prog, **kw):
    kw.setdefault("timeout", "2s")
    return api.simulate(prog, **kw)


def _observed_ms(tr):
    """The duration main printed, in ms (Go's Duration.String parsed back)."""
    return api.parse_duration(tr.outcome.stdout[0]) / MS


def test_pingpong_hands_value_directly_and_exits_ok():
    """An unbuffered send to a parked receiver hands the value over and readies the receiver."""
    tr = _sim(prog_pingpong())
    assert tr.outcome.exit == "ok"
    assert tr.outcome.stdout == ("42",)
    assert tr.outcome.goroutines_at_exit == 1
    kinds = [e.kind for e in tr.events]
    assert "park" in kinds and "ready" in kinds and "goexit" in kinds
    send = next(e for e in tr.events if e.kind == "chansend")
    assert "hands the value to waiting G1" in send.text
    check_invariants(tr)


def test_deadlock_reports_go_message_and_goroutine_state():
    """A receive nobody will ever match ends in Go's deadlock message with the waiting G listed."""
    tr = _sim(prog_deadlock())
    assert tr.outcome.exit == "deadlock"
    assert tr.outcome.message == "fatal error: all goroutines are asleep - deadlock!"
    assert "goroutine 1 [chan receive]:" in tr.outcome.stderr
    assert tr.events[-1].kind == "deadlock"
    check_invariants(tr)


def test_panic_string_message_and_stderr():
    """An unrecovered panic("boom") ends the program with Go's panic text."""
    tr = _sim(prog_simple([(I.PUSH, 1, 0, 0, 2), (I.PANIC, I.T_STRING, 0, 0, 2), (I.EXIT,)]))
    assert tr.outcome.exit == "panic"
    assert tr.outcome.message == "panic: boom"
    assert tr.outcome.stderr[:3] == ("panic: boom", "", "goroutine 1 [running]:")


def test_divide_by_zero_is_a_runtime_error_panic():
    """Integer division by zero panics with Go's runtime error message."""
    tr = _sim(prog_simple([(I.PUSH, 1, 0, 0, 2), (I.PUSH, 0, 0, 0, 2), (I.DIV, 0, 0, 0, 2), (I.EXIT,)]))
    assert tr.outcome.message == "panic: runtime error: integer divide by zero"


def test_recover_in_deferred_closure_stops_the_panic():
    """recover() in a deferred function literal returns the panic value and the caller goes on."""
    tr = _sim(prog_recover())
    assert tr.outcome.exit == "ok", tr.outcome
    assert tr.outcome.stdout == ("boom", "after")
    kinds = [e.kind for e in tr.events]
    assert kinds.index("panic") < kinds.index("recover")


def test_close_of_closed_channel_panics():
    """Closing a channel twice panics "close of closed channel"."""
    tr = _sim(prog_simple([(I.PUSH, 0, 0, 0, 2), (I.MAKECHAN, 0, 0, 0, 2), (I.DUP, 0, 0, 0, 2),
                           (I.CLOSE, 0, 0, 0, 3), (I.CLOSE, 0, 0, 0, 4), (I.EXIT,)]))
    assert tr.outcome.message == "panic: close of closed channel"


def test_close_of_nil_channel_panics():
    """Closing a nil channel panics "close of nil channel"."""
    tr = _sim(prog_simple([(I.PUSH, 0, 0, 0, 2), (I.CLOSE, 0, 0, 0, 3), (I.EXIT,)]))
    assert tr.outcome.message == "panic: close of nil channel"


def test_mutex_unlock_of_unlocked_is_fatal():
    """Unlock of an unlocked sync.Mutex is Go's fatal error, not a panic."""
    tr = _sim(prog_simple([(I.NEWSYNC, 2, 0, 0, 2), (I.MU_UNLOCK, 0, 0, 0, 3), (I.EXIT,)]))
    assert tr.outcome.exit == "fatal"
    assert tr.outcome.message == "fatal error: sync: unlock of unlocked mutex"


def test_negative_waitgroup_counter_panics():
    """wg.Add(-1) on a zero WaitGroup panics "sync: negative WaitGroup counter"."""
    tr = _sim(prog_simple([(I.NEWSYNC, 1, 0, 0, 2), (I.PUSH, -1, 0, 0, 3), (I.WG_ADD, 0, 0, 0, 3), (I.EXIT,)]))
    assert tr.outcome.message == "panic: sync: negative WaitGroup counter"


def test_nil_channel_receive_blocks_forever():
    """A receive from a nil channel parks forever: a deadlock with Go's wait reason."""
    tr = _sim(prog_simple([(I.PUSH, 0, 0, 0, 2), (I.RECV, 0, 0, 0, 2), (I.EXIT,)]))
    assert tr.outcome.exit == "deadlock"
    assert "goroutine 1 [chan receive (nil chan)]:" in tr.outcome.stderr


def test_empty_select_blocks_forever():
    """select {} parks with reason "select (no cases)"."""
    tr = _sim(prog_simple([(I.SELECT, 0, 0, 0, 2), (I.EXIT,)]))
    assert "goroutine 1 [select (no cases)]:" in tr.outcome.stderr


def test_select_between_two_ready_cases_is_uniform_over_seeds():
    """select picks among ready cases at random: about half each over many seeds."""
    prog = prog_select2()
    counts = collections.Counter(api.simulate(prog, seed=s, record=False).outcome.stdout[0]
                                 for s in range(200))
    assert set(counts) == {"1", "2"}
    assert 60 <= counts["1"] <= 140, counts


def test_choices_replay_and_stop_at_choice():
    """A given choice list fixes the select; stop_at_choice reports the pending decision."""
    prog = prog_select2()
    assert api.simulate(prog, choices=[0]).outcome.stdout == ("1",)
    assert api.simulate(prog, choices=[1]).outcome.stdout == ("2",)
    tr = api.simulate(prog, stop_at_choice=True)
    assert tr.outcome.exit == "choice" and tr.pending_choice == (1, 2)


def test_find_schedule_returns_replayable_trace():
    """find_schedule finds a seed whose run prints 2 and its choice list replays it."""
    prog = prog_select2()
    tr = api.find_schedule(prog, lambda t: t.outcome.stdout == ("2",))
    assert tr is not None
    again = api.simulate(prog, choices=tr.replay_choices)
    assert again.outcome.stdout == ("2",)


# ---- time ------------------------------------------------------------------------------------

def test_spinner_one_p_timeout_observed_late_by_preemption():
    """GOMAXPROCS=1: a 5 ms timeout beside a CPU-bound goroutine is seen only after sysmon
    preempts it (go-facts: 10-25 ms)."""
    tr = _sim(prog_spin_timeout("work"))
    ms = _observed_ms(tr)
    assert 10 <= ms <= 25, ms
    kinds = [e.kind for e in tr.events]
    assert "preempt_request" in kinds and "preempted" in kinds
    check_invariants(tr)


def test_spinner_two_ps_timeout_on_time():
    """GOMAXPROCS=2: the idle P wakes from netpoll and runs the timer: about 5.1-6 ms."""
    tr = _sim(prog_spin_timeout("work"), gomaxprocs=2)
    ms = _observed_ms(tr)
    assert 5.0 <= ms <= 6.0, ms
    check_invariants(tr)


def test_asyncpreemptoff_tight_loop_hangs():
    """With asyncpreemptoff=1 a loop without calls is never preempted: the run hangs."""
    tr = _sim(prog_spin_timeout("work"), godebug="asyncpreemptoff=1", timeout="200ms")
    assert tr.outcome.exit == "hang"
    assert tr.outcome.goroutines_at_exit is None


def test_gosched_loop_sees_timeout_on_time():
    """runtime.Gosched yields at every iteration: the 5 ms timeout is seen at about 5 ms."""
    ms = _observed_ms(_sim(prog_spin_timeout("gosched")))
    assert 5.0 <= ms <= 5.5, ms


def test_sleep0_loop_does_not_yield():
    """time.Sleep(0) returns at once without yielding: same band as the plain spinner."""
    ms = _observed_ms(_sim(prog_spin_timeout("sleep0")))
    assert 10 <= ms <= 25, ms


def test_idle_timeout_observed_with_epoll_granularity():
    """An idle program sees a lone 5 ms timeout at about 5.1-5.3 ms (epoll ms + wake latency)."""
    prog = prog_spin_timeout("work")
    # the same program with the spinner never started: replace GO by NOP
    code = prog.code.copy()
    code[code[:, 0] == I.GO, :] = [I.NOP, 0, 0, 0]
    import dataclasses
    idle = dataclasses.replace(prog, code=code)
    ms = _observed_ms(_sim(idle))
    assert 5.0 <= ms <= 5.3, ms


def test_deadline_chain_is_visible_step_by_step():
    """A fired deadline: timer_fire on g0 -> go context.WithDeadlineCause.func2 (created_by 0)
    -> that G runs cancel -> close(done) -> main readied -> the G exits."""
    tr = _sim(prog_spin_timeout("gosched"))
    kinds = [e.kind for e in tr.events]
    i = next(k for k, e in enumerate(tr.events) if e.kind == "timer_fire" and "deadline" in e.text)
    j = kinds.index("go", i)
    g = tr.events[j].gid
    fr = tr.frame(j)
    assert fr.g(g).func == "context.WithDeadlineCause.func2" and fr.g(g).created_by == 0
    c = kinds.index("cancel", j)
    assert tr.events[c].gid == g
    r = kinds.index("ready", c)
    assert tr.events[r].gid == 1
    x = kinds.index("goexit", r)
    assert tr.events[x].gid == g


def test_fired_deadlines_create_one_goroutine_each():
    """1000 fired deadlines create 1000 goroutines; cancelled first, none."""
    fired = api.simulate(prog_deadlines(1000), record=False)
    first = api.simulate(prog_deadlines(1000, cancel_first=True), record=False)
    assert fired.stats["goroutines_created"] == 1 + 1000
    assert first.stats["goroutines_created"] == 1
    assert fired.outcome.stdout == ("1",) and first.outcome.stdout == ("1",)


@pytest.mark.parametrize("go,stop,cap,stale", [("1.22", "false", "1", "0"), ("1.27", "true", "0", "-1")])
def test_timer_channel_semantics_by_version(go, stop, cap, stale):
    """Before 1.23 a fired timer leaves a stale value (Stop false, cap 1); from 1.23 none."""
    tr = _sim(prog_stale_timer(), go=go)
    assert tr.outcome.stdout == (f"{stop} {cap}", stale)


def test_asynctimerchan_restores_old_timers_on_1_26_and_is_fatal_on_1_27():
    """GODEBUG=asynctimerchan=1 brings back buffered timers on 1.26; on 1.27 it is fatal at start."""
    tr = _sim(prog_stale_timer(), go="1.26", godebug="asynctimerchan=1")
    assert tr.outcome.stdout == ("false 1", "0")
    tr = _sim(prog_stale_timer(), go="1.27", godebug="asynctimerchan=1")
    assert tr.outcome.exit == "fatal" and "asynctimerchan" in tr.outcome.message


def test_sysmon_ticks_follow_go_schedule():
    """sysmon sleeps 20 us 51 times (idle 0..50), then doubles up to 10 ms (proc.go sysmon).
    delays[k] is the sleep announced after tick k, that is sleep k+1."""
    tr = _sim(prog_spin_timeout("work"))
    delays = [int(e.text.split("next in ")[1] != "") and tr._ev[i, 6]
              for i, e in enumerate(tr.events) if e.kind == "sysmon" and "tick" in e.text]
    assert delays[0] == 20_000 and delays[49] == 20_000
    assert delays[50] == 40_000 and delays[51] == 80_000 and max(delays) == 10 * MS


def test_sweep_returns_arrays():
    """sweep runs many seeds in compiled code and returns outcome names, end times and steps."""
    res = api.sweep(prog_select2(), seeds=range(50))
    assert len(res["exit"]) == 50 and set(res["exit"]) == {"ok"}
    assert (res["steps"] > 0).all() and (res["end_ns"] > 0).all()
