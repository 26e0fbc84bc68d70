"""Two traces side by side, in lock-step on virtual time.

One cursor (`pos`) walks `cursor.merge_by_time`: each position is a pair of steps (ia, ib), and
each move advances whichever trace's next frame is earlier in virtual time, so both pictures always
show the runtime at (nearly) the same moment: GOMAXPROCS 1 against 2, Go 1.22 timers against 1.23,
asyncpreemptoff against the default.

Stepping runs in the browser as in player.py (its design block: "How a click becomes a new
picture"): a position's frame is one HTML string (the two columns: label, narration, the picture
shrunk to its column, stdout and outcome), the kernel sends a window of them ahead through the same
`Stepper` (anywidget) and the page paints a cached one on a click. The "jump to" bar stops at the
positions where either trace takes a step of that kind (the trace that advanced there). text/plain
is the two text dumps.

Alternatives rejected: two Players linked by time (two cursors to keep in step, and each click
would wait for the kernel to move the other one).
"""
from __future__ import annotations

import html
from collections import OrderedDict

import ipywidgets as W
import traitlets

from gostep.views.export import marks_of
from gostep.views.svg import to_svg
from gostep.views.text import to_text
from gostep.widgets.cursor import TraceIndex, merge_by_time
from gostep.widgets.player import (VIEW_CACHE, ClientStepping, Pane, Stepper, _Action,
                                   _narration_html, _outcome_html)


def _label(trace, default):
    s = getattr(trace, "settings", None) or {}
    bits = [f"{k}={v}" for k, v in sorted(s.items()) if k in ("gomaxprocs", "go", "godebug", "seed") and v != ""]
    return " ".join(bits) or default


class Compare(ClientStepping, W.VBox):
    """Two players' pictures and narrations over one lock-step cursor."""

    pos = traitlets.Int(0)

    def __init__(self, trace_a, trace_b, labels=None):
        super().__init__()
        self.ix = (TraceIndex(trace_a), TraceIndex(trace_b))
        self.lays = tuple(i.layout() for i in self.ix)
        self.pairs = merge_by_time(self.ix[0].times, self.ix[1].times)
        self.labels = labels or (_label(trace_a, "A"), _label(trace_b, "B"))
        last = lambda: len(self.pairs) - 1           # noqa: E731
        self.first = _Action("|◀", "first step", lambda: self._set(0), lambda: self.pos > 0)
        self.back = _Action("◀", "back one step", lambda: self._set(self.pos - 1),
                            lambda: self.pos > 0)
        self.fwd = _Action("▶", "forward one step", lambda: self._set(self.pos + 1),
                           lambda: self.pos < last())
        self.last = _Action("▶|", "last step", lambda: self._set(last()),
                            lambda: self.pos < last())
        self.graphs, self.narrs, self.outs = (Pane(), Pane()), (Pane(), Pane()), (Pane(), Pane())
        self.html = ""
        self._views: OrderedDict = OrderedDict()
        self.view = Stepper(has_code=False, layout=W.Layout(width="100%"))
        self.view.observe(lambda c: self._set(c["new"]) if c["new"] != self.pos else None, "step")
        self.view.on_msg(self._on_msg)
        self.observe(self._on_pos, "pos")
        self.children = [self.view]
        self.add_class("gostep-compare")
        self._publish(len(self.pairs), marks_of(self._kinds()), 0)
        self._render(0)

    def _kinds(self) -> list:
        """Each position's event kind: the step of the trace that advanced to it."""
        ka, kb = self.ix[0].kinds, self.ix[1].kinds
        out = [ka[0] if ka else ""]
        for (pa, pb), (ia, ib) in zip(self.pairs, self.pairs[1:]):
            out.append(ka[ia] if ia != pa else kb[ib])
        return out

    def _set(self, k):
        self.pos = min(max(int(k), 0), len(self.pairs) - 1)

    def _on_pos(self, change):
        self._render(change["new"])
        if self.view.step != change["new"]:       # a move from Python: the page follows
            self.view.step = change["new"]

    def frames(self):
        ia, ib = self.pairs[self.pos]
        return self.ix[0].frame(ia), self.ix[1].frame(ib)

    def _parts(self, k) -> tuple:
        """Per column (svg, narration, outcome), and the whole position's HTML; cached (LRU)."""
        got = self._views.pop(k, None)
        if got is None:
            cols, parts = [], []
            for j, i in enumerate(self.pairs[k]):
                f = self.ix[j].frame(i)
                svg = to_svg(f, self.lays[j], fit=True)       # two columns: shrink to fit
                nar, out = _narration_html(f, self.ix[j].n), _outcome_html(f)
                parts.append((svg, nar, out))
                cols.append(f'<div style="flex:1 1 0%;min-width:0"><b>{html.escape(self.labels[j])}'
                            f'</b>{nar}<div class="gostep-graph">{svg}</div>{out}</div>')
            got = (parts, '<div style="display:flex;gap:10px;width:100%">' + "".join(cols) + "</div>")
        self._views[k] = got
        if len(self._views) > VIEW_CACHE:
            self._views.popitem(last=False)
        return got

    def _frame_html(self, k, whole=False) -> str:
        return self._parts(k)[1]

    def _render(self, k):
        parts, self.html = self._parts(k)
        for j, (svg, nar, out) in enumerate(parts):
            self.graphs[j].value, self.narrs[j].value, self.outs[j].value = svg, nar, out

    def text(self) -> str:
        fa, fb = self.frames()
        return (f"gostep compare: position {self.pos}/{len(self.pairs) - 1}\n"
                f"--- {self.labels[0]}\n{to_text(fa)}\n--- {self.labels[1]}\n{to_text(fb)}")

    def __repr__(self):
        return self.text()

    def _repr_mimebundle_(self, **kwargs):
        data = super()._repr_mimebundle_(**kwargs)
        data["text/plain"] = self.text()
        return data


def compare(trace_a, trace_b, labels=None) -> Compare:
    """Two traces in lock-step on virtual time (e.g. GOMAXPROCS 1 vs 2, Go 1.22 vs 1.23)."""
    return Compare(trace_a, trace_b, labels)
