"""Style is data: what each status looks like, in one frozen table.

# Why a table and not colours scattered through the renderers

Every renderer (SVG for the player, matplotlib for figures, mermaid text, the code panel badges)
asks the same `Style` how a G in status "waiting" looks. Changing the palette is one edit, and a
test can check that no two statuses share a cue. This is Mesa's lesson (its portrayal functions
return data, the canvas draws it).

# Colour-blind safety

Colour is never the only cue. Each status also has a *shape* (the outline of the node: solid,
dashed, dotted, double) and a *label* that is printed next to the G ("run", "wait", ...). The fills
come from the Okabe-Ito palette, lightened so black text stays readable on them; the strokes are the
full-strength Okabe-Ito colours.

Alternatives rejected: a matplotlib colormap (not colour-blind safe, and no shapes); per-G colours
keyed by gid (a reader cannot map 12 hues; status is what the course is about). G badges in the code
panel keep their status colour and print the gid, so the label carries the identity.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Look:
    """How one status is drawn: soft fill, strong stroke, outline pattern, short text label."""
    fill: str
    stroke: str
    dash: str      # SVG stroke-dasharray ("" solid); doubles the colour cue
    label: str     # printed on the node: the text alternative to the colour
    marker: str    # a one-character glyph shown beside the label


# Okabe-Ito: orange E69F00, sky blue 56B4E9, bluish green 009E73, yellow F0E442, blue 0072B2,
# vermillion D55E00, reddish purple CC79A7, grey 999999.
_G_LOOKS = {
    "running": Look("#cdeedd", "#009E73", "", "running", "▶"),
    "runnable": Look("#d6ebf8", "#0072B2", "6 3", "runnable", "◆"),
    "waiting": Look("#fbe3cc", "#D55E00", "2 3", "waiting", "‖"),
    "idle": Look("#eeeeee", "#999999", "1 4", "idle", "○"),
    "dead": Look("#f2f2f2", "#999999", "1 4", "dead", "✕"),
}

_P_LOOKS = {
    "running": Look("#e9f0fb", "#0072B2", "", "running", "●"),
    "idle": Look("#f4f4f4", "#999999", "6 3", "idle", "○"),
    "gcstop": Look("#f7e6f0", "#CC79A7", "2 3", "gcstop", "■"),
}


@dataclass(frozen=True)
class Style:
    """The palette and the sizes of the fixed layout; pass a replaced copy to restyle a view."""
    g: dict = field(default_factory=lambda: dict(_G_LOOKS))
    p: dict = field(default_factory=lambda: dict(_P_LOOKS))
    m_fill: str = "#fff7d6"
    m_stroke: str = "#b58900"
    g0_fill: str = "#fde9a8"
    chan_fill: str = "#f3ecfa"
    chan_stroke: str = "#7a4fa3"
    chan_closed_fill: str = "#e7e7e7"
    timer_fill: str = "#fff4e0"
    timer_stroke: str = "#E69F00"
    ctx_fill: str = "#eaf6fb"
    ctx_stroke: str = "#56B4E9"
    ctx_done_fill: str = "#fde2dc"
    ctx_done_stroke: str = "#D55E00"
    sysmon_fill: str = "#f0f0f0"
    sysmon_stroke: str = "#666666"
    queue_fill: str = "#fafafa"
    queue_stroke: str = "#bbbbbb"
    edge: str = "#555555"
    edge_hot: str = "#D55E00"
    text: str = "#222222"
    muted: str = "#666666"
    font: str = "ui-sans-serif, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif"
    mono: str = "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace"
    line_hl: str = "#fff2a8"      # the code panel's just-executed line

    def g_look(self, status: str) -> Look:
        return self.g.get(status, self.g["idle"])

    def p_look(self, status: str) -> Look:
        return self.p.get(status, self.p["idle"])


DEFAULT = Style()
