"""make lab's background compile: the marker it leaves, and what the environment check says."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

import gostep.warming as warm


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


def test_first_simulation_waits_for_the_background_compile(marker, monkeypatch):
    """While make lab's warm-up runs and nothing is cached, the first simulation waits for it
    (and says so) instead of compiling the same kernels beside it."""
    import gostep.api as api
    said = []
    state = {"polls": 0}

    def fake_warm():
        state["polls"] += 1
        return None if state["polls"] > 3 else 1.0      # the warm-up ends after three polls

    monkeypatch.setattr(api, "_warned", False)
    monkeypatch.setattr(api, "on_compile", said.append)
    monkeypatch.setattr(api, "stepper_compiled", lambda: state["polls"] > 3)
    monkeypatch.setattr(warm, "background_warm", fake_warm)
    monkeypatch.setattr(api.time, "sleep", lambda s: None)
    api._compile_notice()
    assert said == ["gostep: waiting for the stepper's compile that make lab started in the background..."]
