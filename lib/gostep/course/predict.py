"""A prediction question, asked before the reveal, with feedback.

Design: a widget inside a deterministic mime bundle
===================================================

`predict(...)` returns a `Prediction`. In JupyterLab it displays as stock ipywidgets: the options
as ToggleButtons, a "Check" button, and an HTML line that gives feedback (right, or why not, with
the explanation). Its plain-text form, which is what nbval compares and what a terminal or a
screen reader gets, is the question and the numbered options, never the answer, and the same on
every run: `_repr_mimebundle_` takes the widget's bundle and replaces its `text/plain` (which would
be the widget's constructor repr) with that text. A `text/html` fallback holds the question and a
collapsed answer for static exports, where no kernel runs the feedback.

Feedback is written to `HTML.value`; no `with out:` block (that breaks strict nbval, see
shared recipes).

Alternatives rejected: `ipywidgets.interact` (its output area is not deterministic under nbval and
it runs on every change, not on "Check"); a free-text answer (feedback would be guesswork).
"""
from __future__ import annotations

import html as _html
import os
from dataclasses import dataclass, field


@dataclass
class Prediction:
    """One multiple-choice question; `answer` is the index (or text) of the right option."""

    question: str
    options: list[str]
    answer: int
    explanation: str
    _widget: object = field(default=None, repr=False, compare=False)

    # -- feedback, usable without a browser (tests call it) ------------------------------------
    def feedback(self, choice) -> str:
        """The feedback sentence for a choice (an index or an option's text)."""
        idx = self._index(choice)
        if idx is None:
            return "Pick one of the options first."
        if idx == self.answer:
            return f"Right: {self.explanation}"
        return f"Not quite: you chose \u201c{self.options[idx]}\u201d. {self.explanation}"

    def _index(self, choice):
        if choice is None:
            return None
        if isinstance(choice, int):
            return choice if 0 <= choice < len(self.options) else None
        try:
            return self.options.index(choice)
        except ValueError:
            return None

    # -- display --------------------------------------------------------------------------------
    def text(self) -> str:
        """The deterministic plain-text form: the question and numbered options, no answer."""
        lines = [f"Predict: {self.question}"]
        lines += [f"  {i + 1}. {opt}" for i, opt in enumerate(self.options)]
        lines.append("(choose an option and press Check)")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.text()

    def widget(self):
        """The ipywidgets box (built once): options, a Check button and a feedback line."""
        if self._widget is None:
            import ipywidgets as w
            buttons = w.ToggleButtons(options=list(self.options), value=None,
                                      style={"button_width": "auto"})
            check = w.Button(description="Check", button_style="primary")
            out = w.HTML(value="")
            check.on_click(lambda _b: setattr(out, "value", _html.escape(self.feedback(buttons.value))))
            box = w.VBox([w.HTML(f"<b>Predict:</b> {_html.escape(self.question)}"), buttons, check, out])
            box.buttons, box.check, box.out = buttons, check, out
            self._widget = box
        return self._widget

    def _static_html(self) -> str:
        items = "".join(f"<li>{_html.escape(o)}</li>" for o in self.options)
        return (f"<div class='gostep-predict'><b>Predict:</b> {_html.escape(self.question)}"
                f"<ol>{items}</ol><details><summary>Answer</summary>"
                f"{self.answer + 1}. {_html.escape(self.options[self.answer])}: "
                f"{_html.escape(self.explanation)}</details></div>")

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {}
        try:
            if os.environ.get("GOSTEP_STATIC") == "1":   # the static site: no widget can run
                raise RuntimeError("static")
            data = self.widget()._repr_mimebundle_(include=include, exclude=exclude)
            if isinstance(data, tuple):
                data = data[0]
            bundle.update(data or {})
        except Exception:  # no ipywidgets or no kernel: the static forms still work
            pass
        bundle["text/plain"] = self.text()
        bundle["text/html"] = self._static_html()
        return bundle


def predict(question: str, options, answer, explanation: str) -> Prediction:
    """A prediction question with feedback; `answer` is the right option's index or text."""
    options = [str(o) for o in options]
    if len(options) < 2:
        raise ValueError("predict needs at least two options")
    if isinstance(answer, str):
        if answer not in options:
            raise ValueError(f"answer {answer!r} is not one of the options")
        answer = options.index(answer)
    if not 0 <= int(answer) < len(options):
        raise ValueError(f"answer index {answer} out of range 0..{len(options) - 1}")
    return Prediction(question, options, int(answer), explanation)
