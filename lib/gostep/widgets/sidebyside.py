"""Two traces side by side, in lock-step on virtual time.

One cursor (`pos`) walks `cursor.merge_by_time`: each position is a pair of steps (ia, ib), and
each move advances whichever trace's next frame is earlier in virtual time, so both pictures always
show the runtime at (nearly) the same moment: GOMAXPROCS 1 against 2, Go 1.22 timers against 1.23,
asyncpreemptoff against the default. As in player.py: one observe handler redraws, Play is jslinked
to the slider, text/plain is the two text dumps.
"""
from __future__ import annotations

import ipywidgets as W
import traitlets

from gostep.views.svg import to_svg
from gostep.views.text import to_text
from gostep.widgets.cursor import TraceIndex, merge_by_time
from gostep.widgets.player import _btn, _narration_html, _outcome_html


def _label(trace, default):
    s = getattr(trace, "settings", None) or {}
    bits = [f"{k}={v}" for k, v in sorted(s.items()) if k in ("gomaxprocs", "go", "godebug", "seed") and v != ""]
    return " ".join(bits) or default


class Compare(W.VBox):
    """Two players' pictures and narrations over one lock-step cursor."""

    pos = traitlets.Int(0)

    def __init__(self, trace_a, trace_b, labels=None):
        super().__init__()
        self.ix = (TraceIndex(trace_a), TraceIndex(trace_b))
        self.lays = tuple(i.layout() for i in self.ix)
        self.pairs = merge_by_time(self.ix[0].times, self.ix[1].times)
        self.labels = labels or (_label(trace_a, "A"), _label(trace_b, "B"))
        n = len(self.pairs)
        self.first, self.back = _btn("|◀", "first"), _btn("◀", "back one step")
        self.fwd, self.last = _btn("▶", "forward one step"), _btn("▶|", "last")
        self.slider = W.IntSlider(min=0, max=n - 1, description="position",
                                  layout=W.Layout(flex="1 1 auto"))
        self.play = W.Play(min=0, max=n - 1, interval=400, show_repeat=False)
        W.jslink((self.play, "value"), (self.slider, "value"))
        self.first.on_click(lambda _b: self._set(0))
        self.back.on_click(lambda _b: self._set(self.pos - 1))
        self.fwd.on_click(lambda _b: self._set(self.pos + 1))
        self.last.on_click(lambda _b: self._set(len(self.pairs) - 1))
        self.slider.observe(lambda c: self._set(c["new"]), "value")
        self.graphs = (W.HTML(layout=W.Layout(flex="1 1 0%", min_width="0")),
                       W.HTML(layout=W.Layout(flex="1 1 0%", min_width="0")))
        self.narrs = (W.HTML(), W.HTML())
        self.outs = (W.HTML(), W.HTML())
        cols = []
        for k in (0, 1):
            head = W.HTML(f"<b>{self.labels[k]}</b>")
            cols.append(W.VBox([head, self.narrs[k], self.graphs[k], self.outs[k]],
                               layout=W.Layout(flex="1 1 0%", min_width="0")))
        self.observe(self._on_pos, "pos")
        self.children = [W.HBox([self.first, self.back, self.fwd, self.last, self.play, self.slider]),
                         W.HBox(cols, layout=W.Layout(width="100%"))]
        self.add_class("gostep-compare")
        self._render(0)

    def _set(self, k):
        self.pos = min(max(int(k), 0), len(self.pairs) - 1)

    def _on_pos(self, change):
        if self.slider.value != change["new"]:
            self.slider.value = change["new"]
        self._render(change["new"])

    def frames(self):
        ia, ib = self.pairs[self.pos]
        return self.ix[0].frame(ia), self.ix[1].frame(ib)

    def _render(self, k):
        ia, ib = self.pairs[k]
        for j, i in enumerate((ia, ib)):
            f = self.ix[j].frame(i)
            self.graphs[j].value = to_svg(f, self.lays[j], fit=True)   # two columns: shrink to fit
            self.narrs[j].value = _narration_html(f, self.ix[j].n)
            self.outs[j].value = _outcome_html(f)

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
