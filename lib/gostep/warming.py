"""Is the stepper being compiled in the background? (`make lab`'s warm-up; no gostep imports.)

`make lab` runs `python -m gostep.real.warm --background` while JupyterLab opens, so a newcomer's
first stepper cell does not wait a minute for the compile. That process writes a marker file (its
pid and start time) and removes it when done. The environment check reports it, and the first
simulation waits for it rather than compiling the same kernels beside it. A marker left by a
process that is gone (a killed lab) does not count.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
MARKER = REPO_ROOT / ".cache" / "stepper-warming"


def background_warm(marker: Path | None = None) -> float | None:
    """Seconds since a background warm-up started, or None when none is running."""
    m = MARKER if marker is None else marker
    try:
        pid_s, t_s = m.read_text().split()
        os.kill(int(pid_s), 0)                      # raises when the process is gone
        return max(time.time() - float(t_s), 0.0)
    except (OSError, ValueError):
        return None


def start(marker: Path | None = None) -> Path:
    """Write this process's marker; returns its path (remove it with `done`)."""
    m = MARKER if marker is None else marker
    m.parent.mkdir(parents=True, exist_ok=True)
    m.write_text(f"{os.getpid()} {time.time()}")
    return m


def done(marker: Path | None = None) -> None:
    (MARKER if marker is None else marker).unlink(missing_ok=True)
