"""make lab's background compile: the marker it leaves, and what the environment check says."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

import gostep.real.warm as warm


@pytest.fixture
def marker(tmp_path, monkeypatch):
    m = tmp_path / "stepper-warming"
    monkeypatch.setattr(warm, "MARKER", m)
    return m


def test_no_marker_means_no_background_warm(marker):
    """Without a marker file nothing is warming."""
    assert warm.background_warm() is None


def test_marker_of_a_live_process_is_a_running_warm(marker):
    """A marker naming a live process gives the seconds since it started."""
    marker.write_text(f"{os.getpid()} {time.time() - 12}")
    assert 11 <= warm.background_warm() <= 60


def test_marker_of_a_dead_process_is_ignored(marker):
    """A marker left by a process that is gone (killed lab) does not count as warming."""
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    marker.write_text(f"{p.pid} {time.time()}")
    assert warm.background_warm() is None


def test_env_check_says_the_stepper_is_compiling_in_the_background(marker, monkeypatch):
    """While make lab's warm-up runs and nothing is cached, chapter 0's check says so."""
    import gostep.api
    import gostep.course.env as env
    monkeypatch.setattr(gostep.api, "stepper_compiled", lambda: False)
    marker.write_text(f"{os.getpid()} {time.time() - 3}")
    (item,) = env._check_stepper()
    assert "being compiled in the background" in item.detail
    marker.unlink()
    (item,) = env._check_stepper()
    assert "the first simulation compiles the stepper" in item.detail
