"""Views: pure functions of one Frame (or of a trace's frames) that draw nothing stateful.

    to_graph(frame)            networkx.DiGraph of Ms, Ps, Gs, queues, channels, timers, contexts
    to_svg(frame, layout)      the player's picture (fixed layout, deterministic SVG text)
    to_text(frame)             schedtrace-like dump (golden tests, screen readers)
    to_mermaid(frame)          flowchart text (JupyterLab and GitHub render it)
    draw(frame, ax)            matplotlib figure of the same layout; storyboard(trace, steps)
    code_panel(source, frame)  the Go source with G badges and the current line
    state_diagram_svg(frame)   the goroutine state machine with each G on its state
    timeline(trace_or_events)  one lane per P over virtual time (model, real Go, or both)
    export_html / embed        kernel-free players

Views never import widgets (see STYLE: data flows one way). Heavy imports (matplotlib) are lazy.
"""
from __future__ import annotations

from gostep.views.code import code_panel, current_line
from gostep.views.graph import to_graph
from gostep.views.layout import Layout
from gostep.views.style import DEFAULT, Look, Style
from gostep.views.svg import to_svg
from gostep.views.text import to_text

_LAZY = {
    "to_mermaid": "gostep.views.mermaid",
    "storyboard_mermaid": "gostep.views.mermaid",
    "draw": "gostep.views.mpl",
    "storyboard": "gostep.views.mpl",
    "state_diagram_svg": "gostep.views.states",
    "timeline": "gostep.views.timelines",
    "timeline_svg": "gostep.views.timelines",
    "timeline_compare": "gostep.views.timelines",
    "export_html": "gostep.views.export",
    "embed": "gostep.views.export",
    "player_html": "gostep.views.export",
}


def __getattr__(name):
    if name in _LAZY:
        import importlib
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'gostep.views' has no attribute {name!r}")


__all__ = ["to_graph", "to_svg", "to_text", "code_panel", "current_line", "Layout", "Style", "Look",
           "DEFAULT", *_LAZY]
