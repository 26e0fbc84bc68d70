""""You are the scheduler": the reader makes the runtime's random decisions, one at a time.

# How it works

The stepper numbers every random decision of the runtime (api.py: which ready case a select takes,
CH_SELECT; where stealWork starts over the other Ps, CH_STEAL) and, with `os_choices=True`, one of
the OS's: whether sysmon's thread wakes on time or late at a tick where retake would preempt a G
(CH_SYSMON; its two options have fixed labels, FIXED_LABELS). `simulate(program, choices=[...],
stop_at_choice=True)` replays the given decisions and stops *before* the next one, reporting
`trace.pending_choice = (kind, n_options)`. The game keeps the list of picks: a pick appends and
re-simulates, undo pops and re-simulates (runs are deterministic, so replaying is exact, and short
programs simulate in milliseconds once compiled). When the run ends, the goal (an outcome name such
as "deadlock", or a predicate on the trace) says whether the reader won.

Go itself makes these decisions with fastrand (selectgo's pollorder shuffle, stealWork's
stealOrder start); which runnable G runs next is *not* random in Go (runnext, then the local queue
in order), so it is not a choice here either. What does move it is time: when sysmon's retake sees
a G that has run 10 ms, which depends on when the OS runs sysmon's thread; that is the CH_SYSMON
decision.

The runner is an argument (`run(program, choices, **settings) -> trace` with `.pending_choice`,
`.outcome`, `len()`, `.frame(i)`; the course passes gostep.api.simulate_to_choice), so the widget
is tested without the stepper and never imports it: widgets sit above the stepper's API, not
beside it (docs/architecture.md).

What the reader sees at a decision: the state graph of the step before it, the code around the
deciding goroutine's line, and one button per option, labelled with the select case it leads to.
Go numbers the options among the *ready* cases, in case order, so the label is found by trying
each option (one short run each) and reading which case clause the goroutine lands in; when that
cannot be told (a case with an empty body that panics or loops), the label is the first thing the
option makes happen (its narration). "Show me a solution" asks `solver()` for a list of picks (the
course uses gostep.find_schedule) and replays it; `on_win(game)` is called when the reader's own
picks reach the goal (the course saves progress there), not when a shown solution does.

For a reader without a kernel, the output bundle also holds the SVG picture of the current step
(as the player does), and a deterministic text form.
"""
from __future__ import annotations

import html
import re

import ipywidgets as W

from gostep.views.code import code_panel
from gostep.views.fmt import fmt_ns
from gostep.views.svg import to_svg
from gostep.views.text import to_text
from gostep.widgets.cursor import TraceIndex
from gostep.widgets.player import _btn, _narration_html, _outcome_html

CHOICE_KINDS = {1: ("select", "which ready case of the select wins", "case"),
                2: ("steal", "which P stealWork tries first", "start at P"),
                3: ("sysmon", "does the OS run sysmon's thread on time", "option")}
# The options of a decision whose meaning does not depend on the program (kind 3, CH_SYSMON).
FIXED_LABELS = {3: ("on time: retake runs now and preempts the G that has run 10 ms",
                    "late: the OS runs sysmon's thread 10 ms later (a loaded machine)")}


def _select_cases(lines: list, sel: int) -> list:
    """(line, text) of the case/default clauses of the select statement on 1-based line `sel`."""
    if not 1 <= sel <= len(lines) or not re.match(r"\s*select\s*\{", lines[sel - 1]):
        return []
    indent = len(lines[sel - 1]) - len(lines[sel - 1].lstrip())
    out = []
    for i in range(sel + 1, len(lines) + 1):
        text = lines[i - 1]
        ind = len(text) - len(text.lstrip())
        if text.strip() == "}" and ind == indent:
            break
        if ind == indent and re.match(r"\s*(case\b|default\s*:)", text):
            out.append((i, text.strip()))
    return out


def option_label(source: str, before, after, start: int) -> str:
    """What the option taken at the decision of frame `before` led to, read from `after` (the run
    with that option taken) from step `start` on: the select case clause the deciding goroutine
    landed in, else the narration of that goroutine's first event."""
    gid = before.event.gid
    g0 = before.g(gid) if gid > 0 else None
    lines = (source or "").splitlines()
    cases = _select_cases(lines, g0.line) if g0 is not None else []
    end = _block_end(lines, g0.line) if cases else 0
    first = ""
    for k in range(start, len(after)):
        f = after.frame(k)
        if f.event.gid == gid and not first and f.event.kind != "line":
            first = f.event.text
            m = re.search(r"takes case (\d+)", first)
            if m and int(m.group(1)) < len(cases):
                return cases[int(m.group(1))][1]
        g = f.g(gid)
        line = g.line if g is not None else 0
        if cases and cases[0][0] < line < end and not lines[line - 1].strip().startswith("case"):
            return [c for c in cases if c[0] < line][-1][1]
        if f.outcome is not None:
            break
    return first or "(no event)"


def _block_end(lines: list, sel: int) -> int:
    """The line of the brace closing the block opened on line `sel`."""
    indent = len(lines[sel - 1]) - len(lines[sel - 1].lstrip())
    for i in range(sel + 1, len(lines) + 1):
        t = lines[i - 1]
        if t.strip() == "}" and len(t) - len(t.lstrip()) == indent:
            return i
    return len(lines) + 1


def _goal_met(goal, trace) -> bool:
    if goal is None:
        return False
    if isinstance(goal, str):
        return trace.outcome is not None and trace.outcome.exit == goal
    return bool(goal(trace))


class SchedulerGame(W.VBox):
    """Pick each decision; undo; reach the goal; or ask for a solution."""

    def __init__(self, program, goal=None, goal_text: str = "", run=None, solver=None, on_win=None,
                 **settings):
        super().__init__()
        self.program, self.goal, self.settings = program, goal, settings
        self.goal_text = goal_text or str(goal)
        if run is None:
            raise TypeError("scheduler_game needs run=: a function (program, choices, **settings) -> "
                            "trace, such as gostep.api.simulate_to_choice")
        self.run = run
        self.solver, self.on_win = solver, on_win
        self.choices: list = []
        self.shown_solution = False      # the current picks came from "show me a solution"
        self.labels: list = []
        self.goal_html = W.HTML(f"<b>goal:</b> {html.escape(self.goal_text)}")
        self.graph = W.HTML(layout=W.Layout(overflow="auto", max_width="100%"))
        self.code = W.HTML(layout=W.Layout(overflow="auto", max_width="100%"))
        self.narration = W.HTML()
        self.question = W.HTML()
        self.options = W.VBox()
        self.status = W.HTML()
        self.undo_b = _btn("undo", "take back the last pick", "70px")
        self.reset_b = _btn("reset", "start again", "70px")
        self.solve_b = _btn("show me a solution", "search for a schedule that reaches the goal "
                            "and replay it", "160px")
        self.undo_b.on_click(lambda _b: self.undo())
        self.reset_b.on_click(lambda _b: self.reset())
        self.solve_b.on_click(lambda _b: self.show_solution())
        self.solve_b.disabled = solver is None
        self.children = [self.goal_html, W.HBox([self.undo_b, self.reset_b, self.solve_b, self.status]),
                         self.question, self.options, self.narration,
                         W.HBox([self.graph, self.code], layout=W.Layout(flex_flow="row wrap"))]
        self.add_class("gostep-game")
        self._advance()

    def _option_labels(self, n: int) -> list:
        src = getattr(self.program, "source", "") or ""
        out = []
        for i in range(n):
            try:
                after = self.run(self.program, list(self.choices) + [i], **self.settings)
                out.append(option_label(src, self.frame, after, len(self.trace) - 1))
            except Exception:           # a label is a help; the button works without it
                out.append("")
        return out

    def _advance(self):
        self.trace = self.run(self.program, list(self.choices), **self.settings)
        ix = TraceIndex(self.trace)
        f = ix.frame(ix.n - 1)
        self.frame = f
        self.graph.value = to_svg(f, ix.layout())
        src = getattr(self.program, "source", "") or ""
        self.code.value = code_panel(src, f, window=16, max_height=None) if src else ""
        self.narration.value = _narration_html(f, ix.n)
        pend = getattr(self.trace, "pending_choice", None)
        self.undo_b.disabled = not self.choices
        picks = ", ".join(str(c) for c in self.choices) or "none yet"
        if pend:
            kind, n = pend
            name, q, label = CHOICE_KINDS.get(kind, (f"choice {kind}", "a decision", "option"))
            who = f"G{f.event.gid} " if f.event.gid > 0 and kind != 3 else ""
            if kind == 3 and getattr(f, "sysmon", None) is not None:
                who = f"at t={fmt_ns(f.sysmon.next_wake_ns)}, "   # the wake-up being decided
            ready = "ready options" if kind == 1 else "options"
            self.question.value = (f"<b>decision {len(self.choices) + 1}</b> ({name}): {who}{q}? "
                                   f"{n} {ready}.")
            src = getattr(self.program, "source", "")
            if kind in FIXED_LABELS:
                self.labels = list(FIXED_LABELS[kind][:n])
            else:
                self.labels = self._option_labels(n) if kind == 1 and src else [""] * n
            buttons = []
            for i in range(n):
                text = f"{label} {i}" + (f": {self.labels[i]}" if self.labels[i] else "")
                b = W.Button(description=text, tooltip=f"pick option {i}",
                             layout=W.Layout(width="auto"))
                b.on_click(lambda _b, i=i: self.pick(i))
                buttons.append(b)
            self.options.children = buttons
            self.status.value = f"picks: {picks}"
        else:
            self.labels = []
            self.options.children = ()
            won = _goal_met(self.goal, self.trace)
            self.question.value = _outcome_html(f)
            how = " (the search's schedule)" if self.shown_solution else ""
            self.status.value = (f"picks: {picks} &middot; " +
                                 (f"<b style='color:#009E73'>✓ goal reached</b>{how}" if won else
                                  "<b style='color:#D55E00'>✕ goal not reached</b>: undo and try "
                                  "another pick"))
        return self.trace

    def pick(self, i: int):
        """Take option i at the pending decision and run on to the next one."""
        self.choices.append(int(i))
        self.shown_solution = False
        t = self._advance()
        if self.on_win is not None and self.won:
            self.on_win(self)
        return t

    def undo(self):
        if self.choices:
            self.choices.pop()
        self.shown_solution = False
        return self._advance()

    def reset(self):
        self.choices = []
        self.shown_solution = False
        return self._advance()

    def replay(self, picks):
        """Show the run with these picks (no progress is recorded)."""
        self.choices = [int(p) for p in picks]
        return self._advance()

    def show_solution(self):
        """"Show me a solution": replay the picks the solver finds (None: it found none)."""
        if self.solver is None:
            return None
        picks = self.solver()
        if picks is None:
            self.status.value = "the search found no schedule that reaches the goal"
            return None
        self.replay(picks)
        self.shown_solution = True
        self._advance()
        return picks

    @property
    def won(self) -> bool:
        pend = getattr(self.trace, "pending_choice", None)
        return not pend and _goal_met(self.goal, self.trace)

    def text(self) -> str:
        pend = getattr(self.trace, "pending_choice", None)
        head = [f"gostep scheduler game: {self.goal_text}", f"picks: {self.choices}"]
        if pend:
            head.append(f"decision {len(self.choices) + 1}: {len(self.labels) or pend[1]} options")
            head += [f"  option {i}: {lab}" for i, lab in enumerate(self.labels) if lab]
        else:
            head.append(f"finished, goal {'reached' if self.won else 'not reached'}")
        return "\n".join(head) + "\n" + to_text(self.frame)

    def __repr__(self):
        return self.text()

    def _repr_mimebundle_(self, **kwargs):
        # As the player: the widget for a live kernel, and for a reader without one the picture of
        # the current step and its text twin.
        data = super()._repr_mimebundle_(**kwargs)
        data["text/plain"] = self.text()
        data["image/svg+xml"] = self.graph.value
        return data


def scheduler_game(program, goal=None, goal_text: str = "", run=None, solver=None, on_win=None,
                   **settings) -> SchedulerGame:
    """The "you are the scheduler" widget for `program` (see the module docstring)."""
    return SchedulerGame(program, goal=goal, goal_text=goal_text, run=run, solver=solver,
                         on_win=on_win, **settings)
