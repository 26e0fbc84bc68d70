"""The player widget: stepping runs in the browser on frames the kernel has sent ahead.

# How a click becomes a new picture

    kernel: frame k -> narration, to_svg, code_panel, outcome -> one HTML string (_view_html)
            sent ahead in custom messages: the steps around the cursor (WINDOW each side), the
            targets of the "next park / timer fire / preemption / sysmon tick" jumps, first, last
    browser (views/stepper.js + player.js, an anywidget ESM): click -> k -> paint the cached
            string (innerHTML)
            -> model.set('step', k); save_changes()  -> kernel: Player.step = k (traitlets cursor)
            -> the page asks for the frames the new window lacks ("want"), the kernel renders them

The click never waits for the kernel: the browser already holds the frame. A frame the page does
not hold yet (a long slider drag, a jump past the window) is asked for alone ("urgent") and
painted when it lands, and its window is asked for only after that paint (measured in chapter 2:
a window arriving behind it held the paint back 50-140 ms); the controls move at once. Both
sides keep bounded caches: the page an LRU of CLIENT_CACHE strings keyed by (generation, code
mode, step), the kernel an LRU of VIEW_CACHE rendered steps. A what-if re-run or the "whole file"
toggle changes the key (the `gen` counter, the `whole` flag), so stale frames are never shown.
The frame the player opens on travels in the widget's state (`seed`), so the first paint needs no
round trip and a static export of the notebook shows it. A trace of at most FILL_STEPS steps
that fits in 60% of the page's cache is then fetched whole in the background (8 frames per
request, one request at a time, nearest the cursor first): a few seconds after the player
appears, a slider drag anywhere paints from the page too.

Why anywidget, now: measured in JupyterLab on this 2-core machine (tests/browser/test_browser.py, median
click -> changed SVG over 24 clicks), the stock-ipywidgets player (one HTML value per click, sent
by the kernel) took 47-53 ms on the light page, 59-75 ms on ping_pong and 72-74 ms on chapter 2,
and a button that sets a tiny HTML value costs 42-45 ms: the kernel round trip alone uses the
whole 50 ms budget. Only a click that does not go to the kernel can meet it. anywidget is plain
ESM (no JS build step), ships its own JupyterLab extension, and gives a model with synced traits
and custom messages: exactly the two channels this needs. Measured the same way with it, over
five runs (the machine's load moves them): light page 7-11 ms, ping_pong 21-31 ms, chapter 2
19-34 ms (what is left is the browser's own work: parse the frame, lay out the notebook, the next
animation frame). A slider jump in chapter 2 (450 steps) paints in 21-50 ms once the background
fill (above) is done; to a frame the page does not hold, 57-88 ms on a quiet machine and up to
236 ms while other test suites ran (the frame lands 30-108 ms after the move; a tiny custom
message's round trip is 19-47 ms).

# What stays in the kernel

`Player.step` is the public cursor (a traitlets Int linked to the front end's `step`): setting it
from Python moves the view; a click in the page moves it. `jump(kinds, dir)`, `text()` and the
deterministic text/plain repr (nbval compares it) work on the kernel's cursor. The Pane
attributes (`narration`, `graph`, `code`, `outcome`) and `html` hold the current step's parts,
rendered in the kernel (1-2 ms) for tests and reuse. The what-if controls (GOMAXPROCS,
asyncpreemptoff, Go version, seed) are ipywidgets: a change re-runs `simulate(program, ...)`,
puts the cursor at the last step whose virtual time is not later than the old one, and bumps the
generation, so the page drops its frames and asks again. The buttons exist in Python too (`fwd`,
`back`, `first`, `last`, `nexts`: objects with `.click()` and `.disabled`) so tests and scripts
drive the player as a reader would, without a browser.

# Sizes

The picture keeps its natural size (views/svg.py: no text under 11 px) and scrolls sideways in a
narrow notebook rather than shrink; the code panel sits to its right when there is room and
below it otherwise (CSS flex-wrap). The panel shows a window of the file that always holds the
lit line (views/code.py: "Following the current line without a script"); the "whole file"
toggle shows every line. A frame is 13 to 28 kB of HTML for the course's programs, so a window
(2 x WINDOW + 1 steps, the jump targets, first and last) is 0.4 to 1.1 MB and 20 to 85 ms of kernel
time, sent once; after that a step forward asks for one new frame at the window's edge
(benchmarks/render.py prints these). many_deadlines.go, whose picture holds up to a thousand
contexts, timers and goroutines, has frames of 0.3 to 1.7 MB: the page shrinks its window so that
it fills at most a quarter of its cache (CLIENT_CHARS characters; at most CLIENT_CACHE frames).

# nbval

The player never writes into an Output widget with `with out:` (recipes: that leaks into the
cell's outputs). The plain-text representation (`text/plain`, which nbval compares) is `to_text`
of the current frame behind a one-line header: deterministic, and the screen-reader alternative
of the picture.

# Keyboard

The player's box takes the focus (click it or Tab to it): Left/Right step, PageUp/PageDown move
ten steps, Home/End, Space plays. It carries `data-lm-suppress-shortcuts`, so JupyterLab's
notebook shortcuts do not take those keys while it has the focus. The controls, the "jump to"
bar, the keys and the play loop are views/stepper.js, which the exported page (views/export.py)
inlines too: the two players behave the same, and share the CSS.

Alternatives rejected: stock ipywidgets with the kernel rendering each click (the round trip is
the 50 ms budget, see above); pushing every frame up front (a long trace is hundreds of MB);
rendering SVG in the browser from JSON frames (a second renderer to keep in step with svg.py);
a Stack of pre-rendered HTML widgets switched in the browser (a widget model per frame);
Output widgets for the picture (nbval trouble).
"""
from __future__ import annotations

import html
import os
from collections import OrderedDict
from pathlib import Path

import anywidget
import ipywidgets as W
import traitlets

from gostep.views.code import code_panel
from gostep.views.export import _CSS as _SHARED_CSS
from gostep.views.export import JUMPS, STEPPER_JS, marks_of
from gostep.views.fmt import fmt_ns
from gostep.views.svg import to_svg
from gostep.views.text import to_text
from gostep.widgets.cursor import TraceIndex

CODE_WINDOW = 16       # lines of Go source the panel shows around the lit line (~300 px)
VIEW_CACHE = 256       # rendered steps the kernel keeps (LRU)
CLIENT_CACHE = 512     # frames the page keeps (LRU) ...
CLIENT_CHARS = 24_000_000   # ... and at most this many characters of them (a 300 kB frame exists)
WINDOW = 16            # steps each side of the cursor the page holds
FILL_STEPS = 480       # a trace this short is fetched whole, in the background
FRAME_CHUNK = 8        # frames per message: the nearest steps land first

_HERE = Path(__file__).resolve().parent
_ESM = STEPPER_JS + (_HERE / "player.js").read_text(encoding="utf-8")
_CSS = _SHARED_CSS + (_HERE / "player.css").read_text(encoding="utf-8")


class Pane:
    """One part of the current frame's HTML (narration, graph, code, outcome), for tests and reuse."""

    def __init__(self):
        self.value = ""

NEXT_BUTTONS = tuple((label, kinds) for label, kinds, _code in JUMPS)   # views/export.py
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


# A jump group's letter in the `marks` string the page searches (views/stepper.js).
MARK_CODES = {label: code for label, _kinds, code in JUMPS}


class Stepper(anywidget.AnyWidget):
    """The browser half of the player: controls, the frame cache and the painted frame (player.js)."""

    _esm = _ESM
    _css = _CSS
    step = traitlets.Int(0).tag(sync=True)
    n = traitlets.Int(0).tag(sync=True)
    gen = traitlets.Int(0).tag(sync=True)
    whole = traitlets.Bool(False).tag(sync=True)
    interval = traitlets.Int(400).tag(sync=True)
    marks = traitlets.Unicode("").tag(sync=True)
    window = traitlets.Int(WINDOW).tag(sync=True)
    cache_size = traitlets.Int(CLIENT_CACHE).tag(sync=True)
    cache_chars = traitlets.Int(CLIENT_CHARS).tag(sync=True)
    seed = traitlets.Dict({}).tag(sync=True)
    has_code = traitlets.Bool(True).tag(sync=True)     # offer the "whole file" toggle
    fill = traitlets.Int(FILL_STEPS).tag(sync=True)


class _Action:
    """A player button on the Python side: `.click()` does what the page's button does."""

    def __init__(self, description, tooltip, fn, enabled):
        self.description, self.tooltip = description, tooltip
        self._fn, self._enabled = fn, enabled

    def click(self):
        self._fn()

    @property
    def disabled(self) -> bool:
        return not self._enabled()


class ClientStepping:
    """The kernel half of client-side stepping, for a widget with a `Stepper` in `self.view` and
    `_frame_html(k, whole)`: publishes a trace's positions to the page and answers its requests."""

    sent_bytes = 0                               # frame HTML sent to the page, for benchmarks

    def _publish(self, n: int, marks: str, step: int, whole: bool = False):
        """A new trace (or a re-run): bump the generation, ship the opening frame in the state."""
        gen = self.view.gen + 1
        seed = {"gen": gen, "whole": whole, "step": step,
                "html": self._frame_html(step, whole)} if n else {}
        with self.view.hold_sync():       # one state message: the page sees n, marks, gen at once
            self.view.n = n
            self.view.marks = marks
            self.view.seed = seed
            self.view.gen = gen
            self.view.step = step

    # --- frames for the page -------------------------------------------------------------------
    def _on_msg(self, _widget, content, _buffers):
        """The page asks for frames it lacks ("want"): sent back FRAME_CHUNK per message, an
        urgent one (the frame the reader is waiting for) alone."""
        if isinstance(content, dict) and content.get("type") == "ping":
            self.view.send({"type": "pong"})       # the browser test's round-trip probe
            return
        if not isinstance(content, dict) or content.get("type") != "want":
            return
        gen, whole = content.get("gen"), bool(content.get("whole"))
        if gen != self.view.gen:
            return
        n = self.view.n
        steps = [int(k) for k in content.get("steps", ()) if 0 <= int(k) < n][:4 * WINDOW + 16]
        if not steps:
            return
        if content.get("urgent"):        # the frame the reader waits for travels alone
            chunks = [steps[:1]] + [steps[i:i + FRAME_CHUNK] for i in range(1, len(steps), FRAME_CHUNK)]
        else:                            # nearest first (the page orders them), a few per message
            chunks = [steps[i:i + FRAME_CHUNK] for i in range(0, len(steps), FRAME_CHUNK)]
        for part in chunks:
            msg = self.frames_message(part, whole)
            self.sent_bytes += sum(len(h.encode("utf-8")) for _k, h in msg["frames"])
            self.view.send(msg)

    def frames_message(self, steps, whole=False) -> dict:
        """The message that carries `steps` to the page (what `_on_msg` sends)."""
        return {"type": "frames", "gen": self.view.gen, "whole": bool(whole),
                "frames": [[k, self._frame_html(k, whole)] for k in steps]}


class Player(ClientStepping, W.VBox):
    """Step through a trace: the graph, the code panel, the narration, stdout and the outcome."""

    step = traitlets.Int(0)
    whole = traitlets.Bool(False)
    interval = traitlets.Int(400)      # ms per step while playing (the page's speed menu)

    def __init__(self, trace, program=None, simulate=None, settings=None, whatif=None, start=0,
                 lang="en"):
        super().__init__()
        self.lang = lang                    # narration language: "en" or "zh" (trace/narration.py)
        self._simulate = simulate
        self.program = program if program is not None else getattr(trace, "program", None)
        self.settings = dict(settings or getattr(trace, "settings", None) or {})
        self.view = Stepper(layout=W.Layout(width="100%"))
        self.narration, self.graph, self.code, self.outcome = Pane(), Pane(), Pane(), Pane()
        self.html = ""
        self._views: OrderedDict = OrderedDict()
        last = lambda: self.index.n - 1              # noqa: E731
        self.first = _Action("|◀", "first step", lambda: self._set(0), lambda: self.step > 0)
        self.back = _Action("◀", "back one step", lambda: self._set(self.step - 1),
                            lambda: self.step > 0)
        self.fwd = _Action("▶", "forward one step", lambda: self._set(self.step + 1),
                           lambda: self.step < last())
        self.last = _Action("▶|", "last step", lambda: self._set(last()),
                            lambda: self.step < last())
        self.nexts = []
        for label, kinds in NEXT_BUTTONS:
            prev_b = _Action("◀", f"previous {label}", lambda k=kinds: self.jump(k, -1),
                             lambda k=kinds: self.index.next_of(self.step, k, -1) is not None)
            next_b = _Action(f"{label} ▶", f"next {label}", lambda k=kinds: self.jump(k, 1),
                             lambda k=kinds: self.index.next_of(self.step, k, 1) is not None)
            self.nexts.append((label, prev_b, next_b))
        traitlets.link((self, "whole"), (self.view, "whole"))
        traitlets.link((self, "interval"), (self.view, "interval"))
        self.view.observe(self._on_view_step, "step")
        self.observe(self._on_step, "step")
        self.observe(lambda _c: self._render(self.step), "whole")
        self.view.on_msg(self._on_msg)
        rows = []
        self.whatif = None
        if whatif if whatif is not None else (self.program is not None and self._simulate is not None):
            self.whatif = self._whatif_controls()
            rows.append(self.whatif)
        rows.append(self.view)
        self.children = rows
        self.add_class("gostep-player")
        self._load(trace, start_step(trace, start))

    # --- cursor -------------------------------------------------------------------------------
    def _load(self, trace, step):
        self._views.clear()
        if self.lang != "en" and hasattr(trace, "with_lang"):
            trace = trace.with_lang(self.lang)
        self.trace = trace
        self.index = TraceIndex(trace)
        self.lay = self.index.layout()
        self.src = getattr(self.program, "source", "") if self.program is not None else ""
        self.name = getattr(self.program, "name", "") if self.program is not None else ""
        n = self.index.n
        step = min(max(step, 0), max(n - 1, 0))
        self._publish(n, marks_of(self.index.kinds) if n else "", step, self.whole)
        if step == self.step:
            self._render(step)
        self.step = step

    def _set(self, k: int):
        self.step = min(max(int(k), 0), self.index.n - 1)

    def _on_view_step(self, change):
        """The page moved the cursor (a click, a key, the slider, a Play tick)."""
        if change["new"] != self.step:
            self._set(change["new"])

    def _on_step(self, change):
        k = change["new"]
        self._render(k)
        if self.view.step != k:               # a move from Python: the page follows
            self.view.step = k

    def jump(self, kinds, direction=1):
        """Move to the next (direction=1) or previous step whose event kind is in `kinds`."""
        j = self.index.next_of(self.step, kinds, direction)
        if j is not None:
            self.step = j
        return j

    # --- drawing -----------------------------------------------------------------------------
    def frame(self):
        return self.index.frame(self.step)

    def _parts(self, k, whole=None) -> tuple:
        """(narration, svg, code, outcome, whole view) HTML of step k, built once per visit."""
        whole = self.whole if whole is None else whole
        key = (k, bool(whole))
        got = self._views.pop(key, None)
        if got is None:
            f = self.index.frame(k)
            win = None if whole else CODE_WINDOW
            nar, svg = _narration_html(f, self.index.n), to_svg(f, self.lay)
            code = code_panel(self.src, f, name=self.name, max_height=None,
                              window=win) if self.src else ""
            out = _outcome_html(f)
            got = (nar, svg, code, out, _view_html(nar, svg, code, out))
        self._views[key] = got                      # most recent last
        if len(self._views) > VIEW_CACHE:
            self._views.popitem(last=False)
        return got

    def _frame_html(self, k, whole) -> str:
        return self._parts(k, whole)[4]

    def _render(self, k):
        parts = self._parts(k)
        for pane, v in zip((self.narration, self.graph, self.code, self.outcome), parts):
            pane.value = v
        self.html = parts[4]

    def text(self) -> str:
        """The plain-text view of the current step (what a screen reader or nbval sees)."""
        f = self.frame()
        head = f"gostep player: {self.name or f.source_name} step {self.step}/{self.index.n - 1}"
        return head + "\n" + to_text(f)

    def __repr__(self):
        return self.text()

    def _repr_mimebundle_(self, **kwargs):
        # The widget for a live kernel; for a reader without one (GitHub, nbviewer, the static
        # site) the picture of the step the player opens on, and its text twin. JupyterLab ranks
        # the widget view first, so it never shows the SVG under a live player.
        data = super()._repr_mimebundle_(**kwargs)
        data["text/plain"] = self.text()
        data["image/svg+xml"] = to_svg(self.frame(), self.lay)
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


def _static_player(obj, simulate, start, settings, lang="en"):
    """The kernel-free player (views.export.embed) opened on the same step: what `show` returns
    while the static site is built, where no widget can run. Long traces export the 4,000 steps
    around the start."""
    from gostep.views.export import embed
    trace = obj if hasattr(obj, "frame") else simulate(obj, **settings_to_kwargs(settings))
    if lang != "en":
        trace = trace.with_lang(lang)
    k, n = start_step(trace, start), len(trace)
    steps = None if n <= 5000 else list(range(max(0, k - 1000), min(n, k + 3000)))
    return embed(trace, steps=steps, start=k)


def start_step(trace, start=0) -> int:
    """The step a player opens on: a step number, or the first step of an event kind
    ("timer_fire", "park", ...; see trace.frame.EVENT_KINDS); 0 when the kind never happens."""
    if isinstance(start, str):
        kind = start
        return next((i for i in range(len(trace)) if trace.frame(i).event.kind == kind), 0)
    return int(start)


def show(obj, simulate=None, start=0, lang="en", **settings):
    """`show(trace)` or `show(program, **settings)`: the player widget for a trace or a program.

    `simulate(program, **settings) -> trace` is the what-if re-run; `gostep.show` passes
    gostep.api.simulate (the widgets never import the stepper's API). Without it a trace plays
    without what-if controls, and a program cannot be shown.
    `start` is the step the player opens on (a number or an event kind such as "timer_fire"):
    the chapter's key moment. Its picture is also stored as SVG in the cell's output, so a
    reader without a kernel sees the same state graph the player opens on. `lang="zh"` narrates
    each step in Chinese (Go's names for runtime things stay as Go spells them)."""
    from gostep.trace.narration import LANGS
    if lang not in LANGS:
        raise ValueError(f"lang={lang!r}: the narration speaks {', '.join(LANGS)}")
    if os.environ.get("GOSTEP_STATIC") == "1":     # the static site's build (gostep.book.site)
        return _static_player(obj, simulate, start, settings, lang)
    if hasattr(obj, "frame") and hasattr(obj, "__len__"):
        prog = getattr(obj, "program", None)
        st = dict(getattr(obj, "settings", None) or {})
        st.update(settings)
        return Player(obj, program=prog, simulate=simulate, settings=st, start=start, lang=lang)
    if simulate is None:
        raise RuntimeError("show(program) needs simulate=: use gostep.show, or pass a trace")
    trace = simulate(obj, **settings_to_kwargs(settings))
    st = dict(getattr(trace, "settings", None) or {})
    st.update(settings)
    return Player(trace, program=obj, simulate=simulate, settings=st, start=start, lang=lang)
