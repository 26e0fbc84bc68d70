"""sysmon's sleep schedule in the model against Go's loop (runtime/proc.go `sysmon`, Go 1.27.3).

Go's loop, with the line numbers of go1.27.3's runtime/proc.go:

    6545  idle := 0 // how many cycles in succession we had not wokeup somebody
    6549  if idle == 0 { delay = 20 }              // start with 20us sleep...
    6551  else if idle > 50 { delay *= 2 }         // start doubling the sleep after 1ms...
    6554  if delay > 10*1000 { delay = 10 * 1000 } // up to 10ms
    6557  usleep(delay)
    6648  if retake(now) != 0 { idle = 0 } else { idle++ }

retake returns how many Ps it took from system calls (its `n++` follows thread.takeP()); a
preemption request does not count. With no system calls idle is 0, 1, 2, ... at the top of the
passes 0, 1, 2, ...: the passes with idle 0..50 sleep 20 us (51 sleeps), the pass with idle 51 is
the first to double (40 us). `go_sysmon_delays` below is that loop written out in Python, the slow
obvious reference the model is compared with.
"""
import pathlib

import pytest

import gostep.api as api
import gostep.course as gsc
from asm import MS, prog_spin_timeout

ROOT = pathlib.Path(__file__).resolve().parents[2]


def go_sysmon_delays(n, retakes_syscall_at=()):
    """The first n usleep delays (µs) of proc.go's sysmon loop; retake returns 1 at the passes listed."""
    idle, delay, out = 0, 0, []
    for i in range(n):
        if idle == 0:
            delay = 20
        elif idle > 50:
            delay *= 2
        if delay > 10 * 1000:
            delay = 10 * 1000
        out.append(delay)
        idle = 0 if i in retakes_syscall_at else idle + 1
    return out


def _model_sleeps(trace):
    """(tick time ns, next delay µs, idle) at each new sysmon wake time of the trace, in order."""
    rows, last = [], None
    for i in range(len(trace)):
        f = trace.frame(i)
        sm = f.sysmon
        if sm is None or sm.next_wake_ns == last:
            continue
        last = sm.next_wake_ns
        rows.append((f.time_ns, sm.delay_us, sm.idle, sm.next_wake_ns))
    return rows


@pytest.fixture(scope="module")
def busy_trace():
    """One P kept busy for 60 ms by a spinner (main waits on a 60 ms timeout): sysmon never rests."""
    return api.simulate(prog_spin_timeout("work", timeout_ns=60 * MS), gomaxprocs=1, timeout="1s")


def test_go_loop_sleeps_20us_51_times():
    """Go's loop, as written in proc.go, sleeps 20 µs 51 times before its first 40 µs sleep."""
    d = go_sysmon_delays(70)
    assert d[:51] == [20] * 51 and d[51] == 40 and d[52] == 80


def test_model_sleeps_follow_go_loop(busy_trace):
    """The model's sysmon sleeps are exactly Go's sequence: 51 x 20 µs, then doubling to the 10 ms cap."""
    got = [d for _t, d, _idle, _w in _model_sleeps(busy_trace)]
    assert len(got) > 62, "the run must reach the 10 ms cap"
    assert got == go_sysmon_delays(len(got))


def test_model_idle_counts_passes(busy_trace):
    """After sysmon's k-th wake-up its idle counter is k (Go: idle++ once per pass after retake)."""
    rows = _model_sleeps(busy_trace)
    assert [idle for _t, _d, idle, _w in rows] == list(range(len(rows)))


def test_model_tick_times_are_sums_of_delays(busy_trace):
    """Each sysmon wake-up happens when the previous usleep ends (no noise in the default settings)."""
    rows = _model_sleeps(busy_trace)
    wake, t = [w for *_x, w in rows], 0
    for k, d in enumerate(go_sysmon_delays(len(rows))):
        t += d * 1000
        assert wake[k] == t


def test_chapter2_spinner_prints_51_sleeps_of_20us():
    """gsc.sysmon_sleeps on chapter 2's spinner (one P) starts (20µs x51) (40µs), as strace shows Go does."""
    trace = api.simulate(str(ROOT / "course/programs/spin_timeout.go"), gomaxprocs=1, seed=0)
    runs = gsc.sysmon_sleeps(trace).runs
    assert runs[0] == (20, 51) and runs[1] == (40, 1)
    assert repr(gsc.sysmon_sleeps(trace)).startswith("(20µs x51) (40µs) (80µs)")
