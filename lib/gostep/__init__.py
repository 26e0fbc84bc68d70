"""gostep: step through the Go runtime.

The public API, the only one notebooks use (``import gostep as gs``):

    prog  = gs.load("course/programs/ping_pong.go")      # or gs.parse(source, name="x.go")
    trace = gs.simulate(prog, gomaxprocs=1, seed=0)      # a Trace: frames, events, outcome
    gs.show(trace)                                        # the player widget
    gs.export_html(trace, "ping_pong.html")               # a kernel-free player
    res   = gs.real.run(prog, gomaxprocs=1)               # the same file on real Go

Data flows one way: Go source -> front end -> program model -> flat arrays -> @njit stepper ->
Trace -> views -> widgets (see shared STYLE notes in docs/architecture.md).
"""
from __future__ import annotations

__version__ = "0.1.0"

_LAZY = {
    # name: (module, attribute)
    "load": ("gostep.front", "load"),
    "parse": ("gostep.front", "parse"),
    "GoSourceError": ("gostep.front.errors", "GoSourceError"),
    "CapacityError": ("gostep.api", "CapacityError"),
    "simulate": ("gostep.api", "simulate"),
    "sweep": ("gostep.api", "sweep"),
    "find_schedule": ("gostep.api", "find_schedule"),
    "MEASURED_NOISE": ("gostep.api", "MEASURED_NOISE"),
    "Settings": ("gostep.api", "Settings"),
    "Trace": ("gostep.trace", "Trace"),
    "show": ("gostep.api", "show"),           # the player, with simulate as its what-if re-run
    "export_html": ("gostep.views.export", "export_html"),
    "to_text": ("gostep.views", "to_text"),
    "to_mermaid": ("gostep.views", "to_mermaid"),
    "to_svg": ("gostep.views", "to_svg"),
    "draw": ("gostep.views", "draw"),
}


def __getattr__(name):
    if name == "real":
        import importlib
        return importlib.import_module("gostep.real")
    if name in _LAZY:
        import importlib
        mod, attr = _LAZY[name]
        return getattr(importlib.import_module(mod), attr)
    raise AttributeError(f"module 'gostep' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_LAZY) + ["real"])
