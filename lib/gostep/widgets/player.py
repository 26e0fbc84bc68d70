"""The player widget: stock ipywidgets around one integer cursor.

# How a click becomes a new picture

    button / slider / Play tick / "next park"  ->  player.step = k   (a traitlets Int)
    observe("step")  ->  _render(k): frame k -> narration, to_svg, code_panel, outcome
                     ->  view.value = one HTML string   (one comm message, one DOM replacement)

There is exactly one `observe` handler that redraws, and it sets exactly one widget value. Measured
in JupyterLab (tests/test_browser.py): with four HTML widgets (narration, graph, code, outcome) the
front end applied four messages one after the other with a layout and paint between each, so the
code panel and the narration arrived 20 to 40 ms after the picture; one value per click puts the
whole frame on screen at once. The rendered strings of recently visited steps are kept
(`_views`), so going back over a step re-sends a string without rebuilding it.

# The slider lags the picture

Measured in JupyterLab on a loaded 2-core machine (A/B in one page, 30 clicks each, median click
-> painted frame): one HTML value per click, 48 ms; the same handler also moving the slider, 92 ms;
that without the Play-slider jslink, 65 ms. Moving the slider is not cheap in the browser (the slider view
re-lays itself out, the jslink moves Play, whose new value goes back to the kernel and is
echoed), and it landed in the same task as the frame, before the paint. So a click moves the
slider SLIDER_LAG later, from the kernel's event loop, and the frame paints first. A slider drag
or a Play tick already has the slider where it should be: nothing is sent back.

# Sizes

The picture keeps its natural size (views/svg.py: no text under 11 px) and scrolls sideways in a
narrow notebook rather than shrink; the code panel sits to its right when there is room (about
1,050 px for one P) and below it otherwise (CSS flex-wrap, no script). The panel shows a window of
the file that always holds the lit line (views/code.py: "Following the current line without a
script"); the "whole file" toggle shows every line. `ipywidgets.Play` is jslinked to the slider,
so playing ticks in the browser (no kernel round trip per tick to schedule the next one); the
slider's value comes back to the kernel and moves `step`. Back is `step - 1`: frames are indexed
(cursor.TraceIndex), so it costs the same as forward.

What-if controls (GOMAXPROCS, asyncpreemptoff, Go version, seed) re-run `simulate(program, ...)`
and put the cursor at the last step whose virtual time is not later than the old one.

# nbval

The player uses HTML widgets whose `.value` it sets; it never writes into an Output widget with
`with out:` (recipes: that leaks into the cell's outputs). The plain-text representation of the
widget (`text/plain`, which nbval compares) is `to_text` of the current frame behind a one-line
header: deterministic, and the screen-reader alternative of the picture.

# Keyboard

JupyterLab gives widgets no global key events. What works: click the step slider (or Tab to it)
and use Left/Right (one step), PageUp/PageDown, Home/End; Space on a focused button presses it. The
exported HTML player binds the arrow keys itself (views/export.py).

Alternatives rejected: an anywidget front end (a JS build and one more dependency for the same
controls); Output widgets for the picture (nbval trouble, and slower than setting one value);
a Stack of pre-rendered frames switched in the browser (a widget model per frame: thousands for a
long trace).
"""
from __future__ import annotations

import asyncio
import html

import ipywidgets as W
import traitlets

from gostep.views.code import code_panel
from gostep.views.fmt import fmt_ns
from gostep.views.svg import to_svg
from gostep.views.text import to_text
from gostep.widgets.cursor import TraceIndex

CODE_WINDOW = 16       # lines of Go source the panel shows around the lit line (~300 px)
VIEW_CACHE = 64        # rendered steps kept for revisits
SLIDER_LAG = 0.04      # s between a click's frame and the slider following it (see above)


class Pane:
    """One part of the current frame's HTML (narration, graph, code, outcome), for tests and reuse."""

    def __init__(self):
        self.value = ""

NEXT_BUTTONS = (
    ("timer fire", ("timer_fire",)),
    ("park", ("park", "block")),
    ("preemption", ("preempt_request", "preempted")),
    ("sysmon tick", ("sysmon",)),
)
GO_VERSIONS = ("1.13", "1.14", "1.21", "1.22", "1.23", "1.27")


def settings_to_kwargs(s: dict) -> dict:
    """Map the player's what-if settings to `gostep.simulate` keyword arguments."""
    kw = {"gomaxprocs": int(s.get("gomaxprocs", 1)), "seed": int(s.get("seed", 0))}
    if s.get("go"):
        kw["go"] = str(s["go"])
    godebug = [x for x in str(s.get("godebug", "") or "").split(",") if x and
               not x.startswith("asyncpreemptoff=")]
    if s.get("asyncpreemptoff"):
        godebug.append("asyncpreemptoff=1")
    if godebug:
        kw["godebug"] = ",".join(godebug)
    return kw


def _narration_html(frame, n: int) -> str:
    ev = frame.event
    return (f'<div class="gostep-narration" style="font:14px/1.4 ui-sans-serif,Helvetica,Arial,'
            f'sans-serif;padding:6px 10px;border-left:4px solid #e0a800;background:#fffbe6;'
            f'border-radius:4px"><b>step {frame.step}</b> / {n - 1} &middot; '
            f'<code>t = {fmt_ns(frame.time_ns)}</code> &middot; '
            f'<span style="background:#eef1f5;border-radius:8px;padding:0 6px">{html.escape(ev.kind)}'
            f'</span><br>{html.escape(ev.text)}</div>')


def _outcome_html(frame) -> str:
    lines = "\n".join(frame.stdout)
    out = ""
    if frame.stdout:
        out += ('<div style="font:600 12px Helvetica,Arial,sans-serif;color:#555">stdout so far</div>'
                f'<pre class="gostep-stdout" style="margin:2px 0;padding:4px 8px;background:#f6f8fa;'
                f'border-radius:6px;max-height:120px;overflow:auto">{html.escape(lines)}</pre>')
    if frame.outcome is not None:
        o = frame.outcome
        col = {"ok": "#009E73"}.get(o.exit, "#D55E00")
        msg = f": {html.escape(o.message)}" if o.message else ""
        out += (f'<div class="gostep-outcome" style="margin-top:4px;padding:4px 8px;border:2px solid '
                f'{col};border-radius:6px;font:13px Helvetica,Arial,sans-serif"><b>outcome: '
                f'{html.escape(o.exit)}</b>{msg} &middot; after {fmt_ns(o.elapsed_ns)}'
                + (f" &middot; goroutines at exit: {o.goroutines_at_exit}"
                   if o.goroutines_at_exit is not None else "") + "</div>")
    return out


def _view_html(nar: str, svg: str, code: str, out: str) -> str:
    """The frame as one HTML string: narration, then the picture and the code (side by side where
    the width allows, else the code below), then stdout and the outcome."""
    return (f'{nar}<div style="display:flex;flex-wrap:wrap;gap:10px;align-items:flex-start;'
            f'margin-top:6px"><div class="gostep-graph" style="flex:0 1 auto;max-width:100%;'
            f'overflow-x:auto">{svg}</div><div class="gostep-codebox" style="flex:1 1 380px;'
            f'min-width:300px;max-width:900px;overflow-x:auto">{code}</div></div>{out}')


def _btn(desc, tip, width="42px"):
    return W.Button(description=desc, tooltip=tip, layout=W.Layout(width=width))


class Player(W.VBox):
    """Step through a trace: the graph, the code panel, the narration, stdout and the outcome."""

    step = traitlets.Int(0)

    def __init__(self, trace, program=None, simulate=None, settings=None, whatif=None):
        super().__init__()
        self._simulate = simulate
        self.program = program if program is not None else getattr(trace, "program", None)
        self.settings = dict(settings or getattr(trace, "settings", None) or {})
        self.view = W.HTML(layout=W.Layout(width="100%"))
        self.view.add_class("gostep-view")
        self.narration, self.graph, self.code, self.outcome = Pane(), Pane(), Pane(), Pane()
        self._views: dict = {}
        self._slider_pending = None
        self.whole = W.ToggleButton(value=False, description="whole file",
                                    tooltip="show every line of the Go source, not a window",
                                    layout=W.Layout(width="auto"))
        self.first, self.back = _btn("|◀", "first step"), _btn("◀", "back one step")
        self.fwd, self.last = _btn("▶", "forward one step"), _btn("▶|", "last step")
        self.play = W.Play(interval=400, step=1, description="play", show_repeat=False)
        self.slider = W.IntSlider(min=0, step=1, description="step", continuous_update=True,
                                  layout=W.Layout(flex="1 1 auto", min_width="260px"))
        self.speed = W.Dropdown(options=[("0.25x", 1600), ("0.5x", 800), ("1x", 400), ("2x", 200),
                                         ("4x", 100), ("8x", 50)], value=400, description="speed",
                                layout=W.Layout(width="150px"))
        W.jslink((self.play, "value"), (self.slider, "value"))
        W.dlink((self.speed, "value"), (self.play, "interval"))   # Dropdown.value is not jslinkable
        self.nexts = []
        for label, kinds in NEXT_BUTTONS:
            prev_b = _btn("◀", f"previous {label}", "34px")
            next_b = _btn(f"{label} ▶", f"next {label}", "auto")
            prev_b.on_click(lambda _b, k=kinds: self.jump(k, -1))
            next_b.on_click(lambda _b, k=kinds: self.jump(k, 1))
            self.nexts.append((label, prev_b, next_b))
        self.first.on_click(lambda _b: self._set(0))
        self.back.on_click(lambda _b: self._set(self.step - 1))
        self.fwd.on_click(lambda _b: self._set(self.step + 1))
        self.last.on_click(lambda _b: self._set(self.index.n - 1))
        self.slider.observe(self._on_slider, "value")
        self.observe(self._on_step, "step")
        self.whole.observe(lambda _c: self._render(self.step), "value")
        controls = W.HBox([self.first, self.back, self.fwd, self.last, self.play, self.slider,
                           self.speed], layout=W.Layout(flex_flow="row wrap", align_items="center"))
        jumps = W.HBox([W.HTML("<span style='color:#555'>jump to:</span>")] +
                       [W.HBox([p, n]) for _l, p, n in self.nexts] +
                       [W.HTML("<span style='color:#555;margin-left:12px'>code:</span>"), self.whole],
                       layout=W.Layout(flex_flow="row wrap", align_items="center"))
        rows = [controls, jumps]
        self.whatif = None
        if whatif if whatif is not None else (self.program is not None and self._simulate is not None):
            self.whatif = self._whatif_controls()
            rows.append(self.whatif)
        rows.append(self.view)
        self.children = rows
        self.add_class("gostep-player")
        self._load(trace, 0)

    # --- cursor -------------------------------------------------------------------------------
    def _load(self, trace, step):
        self._views = {}
        self.trace = trace
        self.index = TraceIndex(trace)
        self.lay = self.index.layout()
        self.src = getattr(self.program, "source", "") if self.program is not None else ""
        self.name = getattr(self.program, "name", "") if self.program is not None else ""
        n = self.index.n
        self.slider.max = max(n - 1, 0)
        self.play.max = max(n - 1, 0)
        step = min(max(step, 0), max(n - 1, 0))
        if step == self.step:
            self._render(step)
        self.step = step
        self.slider.value = step

    def _set(self, k: int):
        self.step = min(max(int(k), 0), self.index.n - 1)

    def _on_slider(self, change):
        self.step = change["new"]

    def _on_step(self, change):
        k = change["new"]
        self._render(k)                  # the picture's message first, then the slider's
        if self.slider.value != k:
            self._move_slider()

    def _move_slider(self):
        """Move the slider (and the Play jslinked to it) to the step, a moment after the frame.

        See "The slider lags the picture" above: inside a kernel the move is scheduled on its
        event loop SLIDER_LAG seconds later (one move for a burst of clicks); without a running
        loop (tests, a script) it happens at once.
        """
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None or SLIDER_LAG <= 0:
            self.slider.value = self.step
            return
        if self._slider_pending is None:
            self._slider_pending = loop.call_later(SLIDER_LAG, self._flush_slider)

    def _flush_slider(self):
        self._slider_pending = None
        if self.slider.value != self.step:
            self.slider.value = self.step

    def jump(self, kinds, direction=1):
        """Move to the next (direction=1) or previous step whose event kind is in `kinds`."""
        j = self.index.next_of(self.step, kinds, direction)
        if j is not None:
            self.step = j
        return j

    # --- drawing -----------------------------------------------------------------------------
    def frame(self):
        return self.index.frame(self.step)

    def _parts(self, k) -> tuple:
        """(narration, svg, code, outcome, whole view) HTML of step k, built once per visit."""
        key = (k, self.whole.value)
        got = self._views.pop(key, None)
        if got is None:
            f = self.index.frame(k)
            win = None if self.whole.value else CODE_WINDOW
            nar, svg = _narration_html(f, self.index.n), to_svg(f, self.lay)
            code = code_panel(self.src, f, name=self.name, max_height=None,
                              window=win) if self.src else ""
            out = _outcome_html(f)
            got = (nar, svg, code, out, _view_html(nar, svg, code, out))
        self._views[key] = got                      # most recent last
        if len(self._views) > VIEW_CACHE:
            self._views.pop(next(iter(self._views)))
        return got

    def _render(self, k):
        parts = self._parts(k)
        for pane, v in zip((self.narration, self.graph, self.code, self.outcome), parts):
            pane.value = v
        self.view.value = parts[4]
        self.back.disabled = self.first.disabled = k <= 0
        self.fwd.disabled = self.last.disabled = k >= self.index.n - 1

    def text(self) -> str:
        """The plain-text view of the current step (what a screen reader or nbval sees)."""
        f = self.frame()
        head = f"gostep player: {self.name or f.source_name} step {self.step}/{self.index.n - 1}"
        return head + "\n" + to_text(f)

    def __repr__(self):
        return self.text()

    def _repr_mimebundle_(self, **kwargs):
        data = super()._repr_mimebundle_(**kwargs)
        data["text/plain"] = self.text()
        return data

    # --- what-if -------------------------------------------------------------------------------
    def _whatif_controls(self):
        s = self.settings
        gd = str(s.get("godebug", "") or "")
        self.w_procs = W.BoundedIntText(value=int(s.get("gomaxprocs", 1)), min=1, max=8,
                                        description="GOMAXPROCS", layout=W.Layout(width="170px"),
                                        style={"description_width": "initial"})
        self.w_preempt = W.Checkbox(value=bool(s.get("asyncpreemptoff")) or "asyncpreemptoff=1" in gd,
                                    description="asyncpreemptoff=1", indent=False,
                                    layout=W.Layout(width="170px"))
        ver = str(s.get("go", "1.27"))
        opts = list(GO_VERSIONS) + ([ver] if ver not in GO_VERSIONS else [])
        self.w_go = W.Dropdown(options=opts, value=ver, description="Go",
                               layout=W.Layout(width="130px"), style={"description_width": "initial"})
        self.w_seed = W.BoundedIntText(value=int(s.get("seed", 0)), min=0, max=2**31 - 1,
                                       description="seed", layout=W.Layout(width="130px"),
                                       style={"description_width": "initial"})
        self.w_status = W.HTML()
        for wdg in (self.w_procs, self.w_preempt, self.w_go, self.w_seed):
            wdg.observe(self._on_whatif, "value")
        return W.HBox([W.HTML("<span style='color:#555'>what if:</span>"), self.w_procs,
                       self.w_preempt, self.w_go, self.w_seed, self.w_status],
                      layout=W.Layout(flex_flow="row wrap", align_items="center"))

    def _on_whatif(self, _change=None):
        self.rerun(gomaxprocs=self.w_procs.value, asyncpreemptoff=self.w_preempt.value,
                   go=self.w_go.value, seed=self.w_seed.value)

    def rerun(self, **changes):
        """Re-simulate with changed settings; keep the cursor at the same virtual time."""
        t = self.frame().time_ns
        s = dict(self.settings)
        s.update(changes)
        try:
            trace = self._simulate(self.program, **settings_to_kwargs(s))
        except Exception as e:            # a setting the stepper rejects: say so, keep the old run
            if getattr(self, "w_status", None) is not None:
                self.w_status.value = f"<span style='color:#D55E00'>{html.escape(str(e))}</span>"
            return None
        self.settings = s
        if getattr(self, "w_status", None) is not None:
            self.w_status.value = f"<span style='color:#555'>{len(trace)} steps</span>"
        idx = TraceIndex(trace)
        self._load(trace, idx.at_time(t))
        return trace


def show(obj, simulate=None, **settings):
    """`show(trace)` or `show(program, **settings)`: the player widget for a trace or a program."""
    if simulate is None:
        try:
            from gostep import simulate as _sim
            simulate = _sim
        except Exception:
            simulate = None
    if hasattr(obj, "frame") and hasattr(obj, "__len__"):
        prog = getattr(obj, "program", None)
        st = dict(getattr(obj, "settings", None) or {})
        st.update(settings)
        return Player(obj, program=prog, simulate=simulate, settings=st)
    if simulate is None:
        raise RuntimeError("gostep.simulate is not available: pass a trace to show()")
    trace = simulate(obj, **settings_to_kwargs(settings))
    st = dict(getattr(trace, "settings", None) or {})
    st.update(settings)
    return Player(trace, program=obj, simulate=simulate, settings=st)
