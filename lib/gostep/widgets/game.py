""""You are the scheduler": the reader makes the runtime's random decisions, one at a time.

# How it works

The stepper numbers every random decision of the runtime (api.py: which ready case a select takes,
CH_SELECT; where stealWork starts over the other Ps, CH_STEAL). `simulate(program, choices=[...],
stop_at_choice=True)` replays the given decisions and stops *before* the next one, reporting
`trace.pending_choice = (kind, n_options)`. The game keeps the list of picks: a pick appends and
re-simulates, undo pops and re-simulates (runs are deterministic, so replaying is exact, and short
programs simulate in milliseconds once compiled). When the run ends, the goal (an outcome name such
as "deadlock", or a predicate on the trace) says whether the reader won.

Go itself makes these decisions with fastrand (selectgo's pollorder shuffle, stealWork's
stealOrder start); which runnable G runs next is *not* random in Go (runnext, then the local queue
in order), so it is not a choice here either.

The runner is an argument (`run(program, choices, **settings) -> trace` with `.pending_choice`,
`.outcome`, `len()`, `.frame(i)`), so the widget is tested without the stepper.
"""
from __future__ import annotations

import html

import ipywidgets as W

from gostep.views.svg import to_svg
from gostep.views.text import to_text
from gostep.widgets.cursor import TraceIndex
from gostep.widgets.player import _btn, _narration_html, _outcome_html

CHOICE_KINDS = {1: ("select", "which ready case of the select wins", "case"),
                2: ("steal", "which P stealWork tries first", "start at P")}


def default_runner(program, choices, **settings):
    """gostep.simulate, stopping before the first decision past `choices`."""
    from gostep import simulate
    return simulate(program, choices=list(choices) or None, stop_at_choice=True, **settings)


def _goal_met(goal, trace) -> bool:
    if goal is None:
        return False
    if isinstance(goal, str):
        return trace.outcome is not None and trace.outcome.exit == goal
    return bool(goal(trace))


class SchedulerGame(W.VBox):
    """Pick each decision; undo; reach the goal."""

    def __init__(self, program, goal=None, goal_text: str = "", run=None, **settings):
        super().__init__()
        self.program, self.goal, self.settings = program, goal, settings
        self.run = run or default_runner
        self.choices: list = []
        self.goal_html = W.HTML(f"<b>goal:</b> {html.escape(goal_text or str(goal))}")
        self.graph = W.HTML(layout=W.Layout(overflow="auto", max_width="100%"))
        self.narration = W.HTML()
        self.question = W.HTML()
        self.options = W.HBox(layout=W.Layout(flex_flow="row wrap"))
        self.status = W.HTML()
        self.undo_b = _btn("undo", "take back the last pick", "70px")
        self.reset_b = _btn("reset", "start again", "70px")
        self.undo_b.on_click(lambda _b: self.undo())
        self.reset_b.on_click(lambda _b: self.reset())
        self.children = [self.goal_html, W.HBox([self.undo_b, self.reset_b, self.status]),
                         self.question, self.options, self.narration, self.graph]
        self.add_class("gostep-game")
        self._advance()

    def _advance(self):
        self.trace = self.run(self.program, list(self.choices), **self.settings)
        ix = TraceIndex(self.trace)
        f = ix.frame(ix.n - 1)
        self.frame = f
        self.graph.value = to_svg(f, ix.layout())
        self.narration.value = _narration_html(f, ix.n)
        pend = getattr(self.trace, "pending_choice", None)
        self.undo_b.disabled = not self.choices
        picks = ", ".join(str(c) for c in self.choices) or "none yet"
        if pend:
            kind, n = pend
            name, q, label = CHOICE_KINDS.get(kind, (f"choice {kind}", "a decision", "option"))
            self.question.value = (f"<b>decision {len(self.choices) + 1}</b> ({name}): {q}? "
                                   f"{n} options.")
            buttons = []
            for i in range(n):
                b = W.Button(description=f"{label} {i}", tooltip=f"pick option {i}")
                b.on_click(lambda _b, i=i: self.pick(i))
                buttons.append(b)
            self.options.children = buttons
            self.status.value = f"picks: {picks}"
        else:
            self.options.children = ()
            won = _goal_met(self.goal, self.trace)
            self.question.value = _outcome_html(f)
            self.status.value = (f"picks: {picks} &middot; " +
                                 ("<b style='color:#009E73'>✓ goal reached</b>" if won else
                                  "<b style='color:#D55E00'>✕ goal not reached</b>: undo and try "
                                  "another pick"))
        return self.trace

    def pick(self, i: int):
        """Take option i at the pending decision and run on to the next one."""
        self.choices.append(int(i))
        return self._advance()

    def undo(self):
        if self.choices:
            self.choices.pop()
        return self._advance()

    def reset(self):
        self.choices = []
        return self._advance()

    @property
    def won(self) -> bool:
        pend = getattr(self.trace, "pending_choice", None)
        return not pend and _goal_met(self.goal, self.trace)

    def text(self) -> str:
        pend = getattr(self.trace, "pending_choice", None)
        head = f"gostep scheduler game: picks {self.choices}" + (
            f", pending decision kind {pend[0]} with {pend[1]} options" if pend else
            f", finished, goal {'reached' if self.won else 'not reached'}")
        return head + "\n" + to_text(self.frame)

    def __repr__(self):
        return self.text()

    def _repr_mimebundle_(self, **kwargs):
        data = super()._repr_mimebundle_(**kwargs)
        data["text/plain"] = self.text()
        return data


def scheduler_game(program, goal=None, goal_text: str = "", run=None, **settings) -> SchedulerGame:
    """The "you are the scheduler" widget for `program` (see the module docstring)."""
    return SchedulerGame(program, goal=goal, goal_text=goal_text, run=run, **settings)
