"""Tests of gostep.course helpers that need neither the stepper nor real Go."""
from __future__ import annotations

import re

import pytest

import gostep.course as gsc
from gostep.course.claims import CLAIMS, VERDICTS


def test_predict_text_is_deterministic_and_hides_answer():
    """The plain-text form of a prediction lists the options, not the answer, identically each time."""
    p = gsc.predict("How long?", ["5 ms", "about 20 ms", "never"], 1, "sysmon preempts after 10-20 ms.")
    q = gsc.predict("How long?", ["5 ms", "about 20 ms", "never"], 1, "sysmon preempts after 10-20 ms.")
    assert repr(p) == repr(q)
    assert "2. about 20 ms" in repr(p)
    assert "sysmon" not in repr(p)


def test_predict_feedback_right_and_wrong():
    """Feedback says Right for the answer and names the chosen option otherwise."""
    p = gsc.predict("Q", ["a", "b"], "b", "why")
    assert p.feedback(1).startswith("Right")
    assert p.feedback("a").startswith("Not quite") and "\u201ca\u201d" in p.feedback("a")
    assert p.feedback(None) == "Pick one of the options first."


def test_predict_widget_click_updates_feedback():
    """Clicking Check after choosing an option writes the feedback into the widget's HTML line."""
    p = gsc.predict("Q", ["a", "b"], 0, "because")
    box = p.widget()
    box.buttons.value = "a"
    box.check.click()
    assert "Right" in box.out.value
    box.buttons.value = "b"
    box.check.click()
    assert "Not quite" in box.out.value


def test_predict_mimebundle_plain_text_overrides_widget_repr():
    """The mime bundle's text/plain is the deterministic text, and a widget view is included."""
    p = gsc.predict("Q", ["a", "b"], 0, "because")
    bundle = p._repr_mimebundle_()
    assert bundle["text/plain"] == p.text()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "<details>" in bundle["text/html"]


def test_predict_rejects_bad_answer():
    """An answer that is not an option is refused."""
    with pytest.raises(ValueError):
        gsc.predict("Q", ["a", "b"], "c", "x")
    with pytest.raises(ValueError):
        gsc.predict("Q", ["a", "b"], 2, "x")


def test_claim_register_is_well_formed():
    """Every claim has a known verdict, a fact and evidence that names a Go file or a measurement."""
    for cid, (claim, verdict, fact, evidence) in CLAIMS.items():
        assert re.fullmatch(r"C\d+", cid)
        assert verdict in VERDICTS, cid
        assert claim and fact
        assert re.search(r"\.go|measured|strace", evidence), cid


def test_myth_text_and_html():
    """A myth box has labelled plain text and HTML that states the verdict in words."""
    m = gsc.myth("C20", measured="model: sysmon slept 20 µs x51")
    assert m.text().startswith("MYTH C20 [false]:")
    assert "MEASURED HERE: model" in m.text()
    assert "false" in m._repr_html_() and "Evidence" in m._repr_html_()


def test_myth_unknown_claim_needs_fields():
    """An id outside the register needs all four fields; a bad verdict is refused."""
    with pytest.raises(KeyError):
        gsc.myth("C999")
    with pytest.raises(ValueError):
        gsc.myth("C999", "x", "wrong-verdict", "y", "z.go")
    assert gsc.myth("C999", "x", "true", "y", "z.go").verdict == "true"


def test_show_source_from_file_without_header():
    """show_source shows the program from its file, without the gostep header, with a relative label."""
    s = gsc.show_source("ping_pong")
    assert repr(s).startswith("// course/programs/ping_pong.go")
    assert "package main" in s.code and "gostep:case" not in s.code
    assert "gostep:case" in gsc.show_source("ping_pong", header=True).code
    assert "```go" in s._repr_markdown_()


def test_env_check_never_raises_and_has_no_machine_paths():
    """env_check reports each piece in words, with no absolute path of this machine."""
    r = gsc.env_check()
    text = r.text()
    assert "stepper" in text and "real Go" in text and "browser-free fallbacks" in text
    assert not re.search(r"(/work/|/tmp/|/root|/home/)", text)


def test_band_and_recorded():
    """band states a deterministic conclusion; recorded gives the 1.27.3 numbers or a hang."""
    assert repr(gsc.band([19.0, 21.0, 40.0], 15, 30)) == "real Go: median within 15-30 ms: True"
    assert not gsc.band([5.1, 5.2], 15, 30)
    assert not gsc.band([None], 15, 30)
    assert "hang" in repr(gsc.recorded(1, "asyncpreemptoff=1", "tight"))
    assert "median 24.008 ms" in repr(gsc.recorded(1, "", "tight"))


def test_same_bins_cover_both_samples():
    """same_bins gives one set of edges spanning the model and the real sample."""
    edges = gsc.same_bins([5.0, 20.0], [4.2, 31.5], n=10)
    assert edges[0] <= 4.2 and edges[-1] >= 31.5 and len(edges) == 11
    edges = gsc.same_bins([5.0, 7.0], width_ms=0.5)
    assert edges[1] - edges[0] == pytest.approx(0.5)


def test_delay_histogram_draws_both_on_one_axis():
    """delay_histogram draws model and real bars on one axis, legend counting hung runs."""
    import matplotlib
    matplotlib.use("Agg")
    ax = gsc.delay_histogram([20.0, 21.0, None], [19.5, 24.0], deadline_ms=5)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[0].startswith("model (2 seeds, 1 hung)") and labels[1].startswith("real Go (2 runs")


def test_parse_duration_ms():
    """Go durations as fmt prints them are read in milliseconds."""
    assert gsc.parse_duration_ms("20.31ms") == pytest.approx(20.31)
    assert gsc.parse_duration_ms("1.5s") == pytest.approx(1500)
    assert gsc.parse_duration_ms("850µs") == pytest.approx(0.85)
    assert gsc.parse_duration_ms("1m2s") == pytest.approx(62000)
    with pytest.raises(ValueError):
        gsc.parse_duration_ms("soon")


def test_check_hanging_loops_grades_each_loop():
    """The hanging-loops check passes only for {A, B}; a wrong answer is told how many loops are
    wrong, not which (tests/course/test_course_ch2_checks.py has the rest)."""
    assert gsc.check_hanging_loops("AB", model=False).ok
    r = gsc.check_hanging_loops(["A", "C"], model=False)
    assert not r.ok and "2 of the four loops are classified wrong" in r.messages[0]
    assert not gsc.check_hanging_loops("Z", model=False).ok


def test_check_spinner_refuses_gomaxprocs_change():
    """Changing GOMAXPROCS is refused before anything runs."""
    src = gsc.loop_program("A").replace("func main() {", "func main() {\n\truntime.GOMAXPROCS(2)")
    r = gsc.check_spinner_deadline(src)
    assert not r.ok and "GOMAXPROCS" in r.messages[0]


def test_check_choice():
    """check_choice compares answers ignoring case and spacing."""
    assert gsc.check_choice(" About 20 MS", "about 20 ms", "x").ok
    assert not gsc.check_choice("5 ms", "about 20 ms", "x").ok


def test_parse_strace_takes_the_busiest_thread():
    """parse_strace run-length encodes the nanosleeps of the thread that slept most (sysmon)."""
    text = "\n".join(["11  nanosleep({tv_sec=0, tv_nsec=20000}, NULL) = 0"] * 3 +
                     ["12  nanosleep({tv_sec=0, tv_nsec=3000}, NULL) = 0",
                      "11  nanosleep({tv_sec=0, tv_nsec=40000}, NULL) = 0",
                      "11  nanosleep({tv_sec=0, tv_nsec=10000000}, NULL) = 0",
                      "11  +++ exited with 0 +++"])
    assert gsc.parse_strace(text) == ((20, 3), (40, 1), (10000, 1))
    assert gsc.parse_strace("") == ()


def test_chapter_modules_export_distinct_names():
    """No two chapter modules export different objects under one name (gostep.course star-imports
    them all, so the later one would silently replace the earlier for every notebook)."""
    import importlib
    import gostep.course as gsc
    seen = {}
    for mod in sorted(n for n in dir(gsc) if n.startswith(("ch", "checks_ch")) and n[-1].isdigit()):
        m = importlib.import_module(f"gostep.course.{mod}")
        for name in getattr(m, "__all__", ()):
            obj = getattr(m, name)
            if name in seen:
                assert seen[name][1] is obj, f"{name} is exported by {seen[name][0]} and by {mod}"
            seen[name] = (mod, obj)
