"""Real Go beside the model: run the same course file on the real toolchain.

    res = gostep.real.run("course/programs/ping_pong.go", gomaxprocs=2, runs=3)
    ev  = gostep.real.trace(prog)              # runtime/trace events in the stepper's vocabulary
    rows = gostep.real.schedtrace(prog, period_ms=10)   # GODEBUG=schedtrace lines as dicts

Modules: toolchain (which `go`, the hermetic environment), runner (build once, run in a killed-as-
a-group process), tracing (runtime/trace -> events), godebugtrace (schedtrace/gctrace parsers).
"""
from __future__ import annotations

from gostep.real.runner import OUTPUT_CAP, RealResult, RealRunError, build, run
from gostep.real.toolchain import ToolchainMissing, find_go, require_go

__all__ = ["run", "build", "RealResult", "RealRunError", "ToolchainMissing", "find_go",
           "require_go", "OUTPUT_CAP", "trace", "schedtrace", "gctrace", "parse_schedtrace",
           "parse_gctrace"]


def __getattr__(name):
    import importlib
    if name in ("trace", "TraceEvent", "parse_parsed_trace"):
        return getattr(importlib.import_module("gostep.real.tracing"), name)
    if name in ("schedtrace", "gctrace", "parse_schedtrace", "parse_gctrace"):
        return getattr(importlib.import_module("gostep.real.godebugtrace"), name)
    raise AttributeError(f"module 'gostep.real' has no attribute {name!r}")
