"""A "myth vs fact" box: a claim of the source post, its verdict, the fact, the evidence.

Design
======

`myth("C20")` looks the claim up in `claims.CLAIMS`; `myth(claim_id, claim, verdict, fact,
evidence)` states one explicitly. A notebook may add what it measured itself (`measured=`), which
is how a chapter backs a claim by a run it makes. The result displays as an HTML box (verdict
doubled by a word and a symbol, never by colour alone) and has a plain-text form that nbval compares
and screen readers get.
"""
from __future__ import annotations

import html as _html
from dataclasses import dataclass

from .claims import CLAIMS, VERDICTS

# verdict -> (symbol, border colour); the word itself is always printed too (colour-blind safe)
_LOOK = {
    "true": ("\u2714", "#1b7837"),
    "partly true": ("\u00bd", "#b35806"),
    "false": ("\u2718", "#b2182b"),
    "misleading": ("\u26a0", "#b35806"),
    "fabricated": ("\u2718", "#762a83"),
}


@dataclass(frozen=True)
class Myth:
    """One claim with its verdict, fact and evidence (and an optional measurement)."""

    claim_id: str
    claim: str
    verdict: str
    fact: str
    evidence: str
    measured: str = ""

    def text(self) -> str:
        """The plain-text form: five labelled lines."""
        lines = [f"MYTH {self.claim_id} [{self.verdict}]: {self.claim}",
                 f"  FACT: {self.fact}",
                 f"  EVIDENCE: {self.evidence}"]
        if self.measured:
            lines.append(f"  MEASURED HERE: {self.measured}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        sym, colour = _LOOK[self.verdict]
        e = _html.escape
        measured = (f"<div><b>Measured here:</b> {e(self.measured)}</div>" if self.measured else "")
        return (f"<div class='gostep-myth' style='border-left:6px solid {colour};padding:4px 10px;"
                f"margin:6px 0'><div><b>Myth {e(self.claim_id)}</b> "
                f"<span style='color:{colour}'><b>{sym} {e(self.verdict)}</b></span>: "
                f"<i>{e(self.claim)}</i></div><div><b>Fact:</b> {e(self.fact)}</div>"
                f"<div><b>Evidence:</b> {e(self.evidence)}</div>{measured}</div>")


def myth(claim_id: str, claim: str | None = None, verdict: str | None = None,
         fact: str | None = None, evidence: str | None = None, *, measured: str = "") -> Myth:
    """A myth-vs-fact box; fields left out come from the claim register (`claims.CLAIMS`)."""
    known = CLAIMS.get(claim_id)
    if known is None and None in (claim, verdict, fact, evidence):
        raise KeyError(f"{claim_id} is not in the claim register; give claim, verdict, fact and evidence")
    c, v, f, ev = known if known else (None, None, None, None)
    m = Myth(claim_id, claim or c, verdict or v, fact or f, evidence or ev, measured)
    if m.verdict not in VERDICTS:
        raise ValueError(f"verdict {m.verdict!r} is not one of {VERDICTS}")
    return m


class Myths(list):
    """Several boxes displayed together (one cell for a chapter's myths)."""

    def __repr__(self) -> str:
        return "\n\n".join(m.text() for m in self)

    def _repr_html_(self) -> str:
        return "".join(m._repr_html_() for m in self)


def myths(*claim_ids: str) -> Myths:
    """The boxes for several claims of the register, in the order given."""
    return Myths(myth(c) for c in claim_ids)
