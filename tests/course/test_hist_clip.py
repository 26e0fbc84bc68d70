"""Histogram details of the course's model-vs-real figures (lib/gostep/course/hist.py)."""
import matplotlib

matplotlib.use("Agg")

from gostep.course.hist import delay_histogram, same_bins  # noqa: E402


def test_values_past_the_last_edge_are_counted_in_the_legend():
    """An outlier past the axis goes into the last bin and the legend says how many did."""
    edges = same_bins(lo=0.0, hi=50.0, width_ms=0.5)
    ax = delay_histogram([20.0, 21.0], [20.5, 200.0], bins=edges)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("1 past 50 ms" in t for t in labels), labels
    assert ax.get_xlim()[1] <= 55


def test_a_panel_where_every_run_hung_says_so():
    """With no finished run on either side the panel carries a sentence instead of empty axes."""
    ax = delay_histogram([None, None], [None], bins=same_bins(lo=0.0, hi=50.0, width_ms=0.5))
    assert any("every run hung" in t.get_text() for t in ax.texts)
