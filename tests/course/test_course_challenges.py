"""Chapter 8's challenges: all solvable and found fast by the search; progress storage."""
from __future__ import annotations

import json
import os
import time
import warnings

import pytest

from gostep.course import challenges as ch


def test_at_least_eight_challenges_with_course_programs():
    """There are at least eight challenges, each a course program with fixed settings and a goal."""
    from gostep.course.source import program_path
    assert len(ch.CHALLENGES) >= 8
    for c in ch.CHALLENGES:
        assert program_path(c.program).is_file() and c.goal_text and callable(c.goal)


@pytest.mark.parametrize("name", [c.name for c in ch.CHALLENGES])
def test_every_challenge_is_solvable_and_found_fast(name):
    """The schedule search finds a schedule reaching each goal, well within 30 s (time printed)."""
    t0 = time.perf_counter()
    found = ch.solve(name)
    dt = time.perf_counter() - t0
    print(f"{name}: {found.tried} schedules tried, {dt:.2f} s, picks {found.picks}")
    assert found.picks is not None and dt < 30
    total, hits = ch.schedules(name)
    assert 0 < hits < total      # reachable, and the picks matter


def test_the_stale_goal_is_unreachable_under_go_1_27():
    """Walking every schedule of idle_reset.go under Go 1.27 finds none with a stale expiry."""
    assert ch.schedules("stale", go="1.27") == (2, 0)


def test_solution_game_replays_without_recording(tmp_path, monkeypatch):
    """"Show me a solution" replays a winning schedule and does not mark the challenge solved."""
    monkeypatch.setenv("GOSTEP_PROGRESS", str(tmp_path / "p.json"))
    g = ch.solution_game("two-leaks")
    assert g.won and g.shown_solution and "image/svg+xml" in g._repr_mimebundle_()
    assert ch.progress().solved() == []
    g2 = ch.play("two-leaks")
    assert g2.show_solution() == g.choices and g2.won
    assert ch.progress().solved() == []


def test_missing_progress_file_is_empty(tmp_path):
    """A missing progress file means nothing solved, and nothing is created by reading it."""
    p = ch.Progress(tmp_path / "none.json")
    assert p.load() == {} and p.solved() == [] and not p.path.exists()


def test_corrupt_progress_file_is_kept_aside_with_a_warning(tmp_path):
    """A corrupt file is renamed aside (not lost), a warning says so, and a fresh file starts."""
    path = tmp_path / ".gostep-progress.json"
    path.write_text("{not json")
    p = ch.Progress(path)
    with pytest.warns(UserWarning, match="kept it as"):
        assert p.load() == {}
    assert (tmp_path / ".gostep-progress.json.corrupt").read_text() == "{not json"
    p.mark_solved("deadlock", [1])
    assert p.solved() == ["deadlock"]
    path.write_text(json.dumps({"solved": ["a list"]}))
    with pytest.warns(UserWarning):
        assert p.load() == {}
    assert (tmp_path / ".gostep-progress.json.corrupt-2").exists()


def test_write_is_atomic(tmp_path, monkeypatch):
    """A write goes to a temporary file then os.replace; a failed write leaves the old file whole."""
    path = tmp_path / "p.json"
    p = ch.Progress(path)
    p.mark_solved("deadlock", [1])
    before = path.read_text()
    real_replace = os.replace
    seen = []

    def boom(src, dst):
        seen.append((os.path.dirname(src), str(dst)))
        raise OSError("disk full")
    monkeypatch.setattr(ch.os, "replace", boom)
    with pytest.raises(OSError):
        p.mark_solved("late", [1, 1, 1, 1, 0])
    monkeypatch.setattr(ch.os, "replace", real_replace)
    assert seen == [(str(tmp_path), str(path))]
    assert path.read_text() == before
    assert [f.name for f in tmp_path.iterdir()] == ["p.json"]     # no temporary file left


def test_solved_state_survives_a_reload(tmp_path):
    """Progress written by one Progress object (one kernel) is read by a new one (after a restart)."""
    path = tmp_path / "p.json"
    ch.Progress(path).mark_solved("late", [1, 1, 1, 1, 0])
    ch.Progress(path).mark_solved("deadlock", [1])
    again = ch.Progress(path)
    assert again.solved() == ["deadlock", "late"]
    assert again.load()["late"] == {"picks": [1, 1, 1, 1, 0]}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert f"2 of {len(ch.CHALLENGES)}" in repr(again)
