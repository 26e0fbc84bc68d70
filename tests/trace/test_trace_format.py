"""Go's fmt rules for the subset (trace/gofmt.py) and the Trace's decoding of steps."""

import dataclasses

import pytest

import gostep.api as api
from asm import I, MS, prog_pingpong, prog_spin_timeout
from gostep.trace import gofmt


@pytest.mark.parametrize("ns,text", [
    (0, "0s"), (1, "1ns"), (999, "999ns"), (1500, "1.5µs"), (5 * MS, "5ms"),
    (20_312_000, "20.312ms"), (1_500_000_000, "1.5s"), (3_600_000_000_000, "1h0m0s"),
    (90_000_000_000, "1m30s"), (-5 * MS, "-5ms"), (5_130_000, "5.13ms")])
def test_duration_string_matches_go(ns, text):
    """time.Duration.String formatting for the shapes the course prints."""
    assert gofmt.duration(ns) == text


def test_printf_verbs():
    """Printf %d %s %v %t %q %% render like Go's fmt."""
    V = gofmt.Values(("", "hi"), [0], [0], [0])
    args = [(I.T_INT, 7, 0, None), (I.T_STRING, 1, 0, None), (I.T_DURATION, 5 * MS, 0, None),
            (I.T_BOOL, 1, 0, None), (I.T_STRING, 1, 0, None)]
    out = gofmt.printf("%d %s %v %t %q 100%%\n", args, V)
    assert out == '7 hi 5ms true "hi" 100%\n'


def test_println_spaces_errors_and_slices():
    """Println puts spaces between operands; nil error is <nil>; errors print their message."""
    V = gofmt.Values(("",), [0], [0], [0])
    args = [(I.T_ERROR, 0, 0, None), (I.T_ERROR, 2, 0, None), (I.T_SLICE, 0, I.T_INT, [1, 2, 3])]
    assert gofmt.render(1, "", args, V) == "<nil> context deadline exceeded [1 2 3]\n"


def test_delta_snapshots_decode_like_full_keyframes():
    """Frames decoded from keyframes plus deltas equal frames recorded in full at every step."""
    prog = prog_spin_timeout("gosched")
    a = api.simulate(prog, timeout="1s")
    b = api.simulate(prog, timeout="1s", capacities={"keyframe": 1})
    assert len(a) == len(b) > 100
    for i in list(range(0, len(a), 7)) + [len(a) - 1]:
        fa, fb = a.frame(i), b.frame(i)
        assert fa.gs == fb.gs and fa.ps == fb.ps and fa.chans == fb.chans and fa.ctxs == fb.ctxs, i


def test_frames_are_random_access_and_back_is_index_minus_one():
    """frame(i) is the same object of data whichever order the steps are read in."""
    tr = api.simulate(prog_pingpong())
    forward = [tr.frame(i) for i in range(len(tr))]
    tr._cache.clear()
    backward = [tr.frame(i) for i in reversed(range(len(tr)))][::-1]
    assert forward == backward
    assert forward[-1].outcome is not None and forward[0].outcome is None
    assert forward[-1].stdout == ("42",)


def test_lines_of_and_to_text():
    """lines_of lists a G's line steps; to_text has one header line per step and the ending."""
    tr = api.simulate(prog_pingpong())
    assert tr.lines_of(2) == [7, 8]
    text = tr.to_text()
    assert text.count("\n#") == len(tr) - 1
    assert "end: ok exit=ok" in text


def test_recording_buffers_grow_when_too_small():
    """A run that overflows the snapshot buffers is redone with larger ones, not truncated."""
    prog = prog_spin_timeout("gosched")
    small = api.simulate(prog, timeout="1s", capacities={"snap_cap": 1000, "ev_cap": 64})
    big = api.simulate(prog, timeout="1s")
    assert len(small) == len(big)
    assert small.frame(len(small) - 1).gs == big.frame(len(big) - 1).gs


def test_stepping_forward_decodes_like_a_full_recording():
    """Stepping forward replays one delta on the last step's records; the frames are those of a
    recording with a keyframe at every step, across keyframes and after stepping back."""
    from gostep.corpus import course_programs
    import gostep
    prog = gostep.load(str(next(p for p in course_programs() if p.name == "handler_leak.go")))
    a = api.simulate(prog, gomaxprocs=1, seed=0)
    b = api.simulate(prog, gomaxprocs=1, seed=0, capacities={"keyframe": 1})
    assert len(a) == len(b) > 2000
    keys = [i for i in range(len(a)) if a._snap[a._off[i] + 1] != 0]
    gaps = [y - x for x, y in zip(keys, keys[1:])]
    assert max(gaps) > 64            # 101 goroutines: keyframes further apart than `keyframe`
    lo = keys[len(keys) // 2] - 30   # a window across a keyframe
    window = list(range(lo, lo + 150)) + list(range(lo + 40, lo + 20, -1)) + list(range(lo + 21, lo + 60))
    for i in window:
        fa, fb = a.frame(i), b.frame(i)
        assert fa == dataclasses.replace(fb, settings=fa.settings), i   # settings: the keyframe
