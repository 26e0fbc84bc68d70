"""Model and real Go on the same axes, with the same bins.

`delay_histogram(model_ms, real_ms)` draws two histograms of an observed delay (for example, the
time from WithTimeout(5ms) to <-ctx.Done() returning): the model's sweep over many seeds and the
real runs. Both use one set of bin edges (`same_bins`) and one x axis, so a reader compares shapes,
not two different scales. The model is drawn as filled bars, real Go as a hatched outline: the two
differ by shape as well as colour (colour-blind safe). A run that hung (None) is counted in the
legend, not drawn. The function takes and returns `ax` (Mesa's rule for draw functions) and draws
small figures (stored PNGs of about 10 KB).
"""
from __future__ import annotations

import numpy as np


def same_bins(*samples, width_ms: float | None = None, n: int = 30, lo: float | None = None,
              hi: float | None = None) -> np.ndarray:
    """One set of bin edges covering every sample (ms); `width_ms` fixes the width instead of `n`."""
    vals = np.concatenate([np.asarray([v for v in s if v is not None], dtype=float)
                           for s in samples if s is not None] or [np.zeros(0)])
    if lo is None:
        lo = float(np.floor(vals.min())) if vals.size else 0.0
    if hi is None:
        hi = float(np.ceil(vals.max())) if vals.size else 1.0
    if hi <= lo:
        hi = lo + 1.0
    if width_ms:
        edges = np.arange(lo, hi + width_ms, width_ms)
        return edges if edges.size >= 2 else np.array([lo, lo + width_ms])
    return np.linspace(lo, hi, n + 1)


def delay_histogram(model_ms, real_ms=None, bins=None, ax=None, title: str = "",
                    deadline_ms: float | None = None, real_label: str = "real Go"):
    """Histograms of model and real delays (ms) on one axis with the same bins; returns ax."""
    import matplotlib.pyplot as plt
    if ax is None:
        _fig, ax = plt.subplots(figsize=(6, 2.6), dpi=72)
    model = [v for v in model_ms if v is not None]
    real = [v for v in (real_ms or []) if v is not None]
    hung_m = len(model_ms) - len(model)
    hung_r = len(real_ms or []) - len(real)
    edges = same_bins(model, real) if bins is None else np.asarray(bins, dtype=float)
    # values past the last edge go into the last bin and are counted in the legend, so one
    # outlier of a loaded machine does not squeeze every other bar into a corner
    top = float(edges[-1])
    far_m = sum(v > top for v in model)
    far_r = sum(v > top for v in real)
    model = [min(v, top - 1e-9) for v in model]
    real = [min(v, top - 1e-9) for v in real]
    beyond = lambda k: f", {k} past {top:g} ms" if k else ""
    lab = f"model ({len(model)} seeds" + beyond(far_m) + (f", {hung_m} hung)" if hung_m else ")")
    # an empty sample (every run hung) is only counted in the legend
    share = bool(real) and bool(model)     # both drawn: each bar is the share of its own runs
    ax.hist(model, bins=edges, color="#4477aa", alpha=0.75, label=lab,
            weights=[1.0 / len(model)] * len(model) if share else None)
    if real_ms is not None:
        lab = f"{real_label} ({len(real)} runs" + beyond(far_r) + (f", {hung_r} hung)" if hung_r else ")")
        if real:
            ax.hist(real, bins=edges, histtype="step", hatch="//", color="#cc6677",
                    linewidth=1.5, label=lab, weights=[1.0 / len(real)] * len(real))
        else:
            ax.plot([], [], color="#cc6677", label=lab)
    if deadline_ms is not None:
        ax.axvline(deadline_ms, color="black", linestyle="--", linewidth=1)
        ax.text(deadline_ms, ax.get_ylim()[1] * 0.9, " deadline", fontsize=8)
    if not model and not real:
        ax.text(0.5, 0.5, "every run hung: nothing to draw", transform=ax.transAxes,
                ha="center", va="center", fontsize=9)
        ax.set_yticks([])
    ax.set_xlabel("observed delay (ms)")
    ax.set_ylabel("share of runs" if real else "runs")
    if title:
        ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8, loc="upper right")
    return ax


def summary(values_ms, label: str = "model") -> str:
    """A one-line deterministic summary: count, min, median, max (ms), hangs counted apart."""
    vals = sorted(v for v in values_ms if v is not None)
    hung = len(values_ms) - len(vals)
    if not vals:
        return f"{label}: {hung} of {len(values_ms)} runs hung"
    med = float(np.median(vals))
    s = f"{label}: {len(vals)} runs, min {vals[0]:.2f} ms, median {med:.2f} ms, max {vals[-1]:.2f} ms"
    return s + (f", {hung} hung" if hung else "")
