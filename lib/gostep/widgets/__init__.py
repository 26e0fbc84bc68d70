"""Widgets: a traitlets cursor over a Trace; stepping runs in the browser (anywidget, player.py).

    gostep.show(trace) / gostep.show(program, gomaxprocs=2)   the player (player.py)
    gostep.widgets.compare(trace_a, trace_b)                   two traces in lock-step on virtual time
    gostep.widgets.scheduler_game(program, goal=...)           "you are the scheduler"
"""
from __future__ import annotations

from gostep.widgets.player import Player, show

_LAZY = {"compare": "gostep.widgets.sidebyside", "Compare": "gostep.widgets.sidebyside",
         "scheduler_game": "gostep.widgets.game", "SchedulerGame": "gostep.widgets.game"}


def __getattr__(name):
    if name in _LAZY:
        import importlib
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'gostep.widgets' has no attribute {name!r}")


__all__ = ["Player", "show", *_LAZY]
