"""Durations: one parser and one formatter for the model, real Go and the command line; a bare
number is refused everywhere with a message naming the units (lib/gostep/durations.py)."""
from __future__ import annotations

import pytest

import gostep.api as api
from gostep import corpus, durations
from gostep.cli import main
from gostep.real import runner
from gostep.views import fmt

HELLO = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hello")\n}\n'


@pytest.mark.parametrize("text, ns", [
    ("0", 0), ("0s", 0), ("2s", 2_000_000_000), ("2ms", 2_000_000), ("1.5s", 1_500_000_000),
    ("20.312ms", 20_312_000), ("850µs", 850_000), ("850us", 850_000), ("850μs", 850_000),
    ("7ns", 7), ("1m2s", 62_000_000_000), ("1h0m0.5s", 3_600_500_000_000), ("-2ms", -2_000_000),
    ("+2ms", 2_000_000), (".5s", 500_000_000), ("1.s", 1_000_000_000), (" 10s ", 10_000_000_000),
])
def test_go_duration_strings_parse_to_nanoseconds(text, ns):
    """Every spelling time.ParseDuration accepts gives its exact number of nanoseconds."""
    assert durations.parse_duration(text) == ns


@pytest.mark.parametrize("bare", [2, 2.5, "2", "2.5", 0.0, -3])
def test_a_bare_number_is_refused_with_the_units_named(bare):
    """A number without a unit is refused, and the message says how to write it."""
    with pytest.raises(ValueError) as e:
        durations.parse_duration(bare, "timeout")
    msg = str(e.value)
    assert msg.startswith(f"timeout={bare}: say '{bare}s' or '{bare}ms'")
    assert "a bare number has no unit" in msg


@pytest.mark.parametrize("bad", ["", "ms", "soon", "1x", "1s2", "--1s", "1 s", ".s", True])
def test_text_that_is_no_go_duration_is_refused(bad):
    """Strings time.ParseDuration refuses (and booleans) raise ValueError naming the Go syntax."""
    with pytest.raises(ValueError, match="duration"):
        durations.parse_duration(bad)


def test_the_model_and_real_go_read_timeout_the_same_way():
    """simulate's and real.run's timeout go through the one parser: "2s" is 2 s for both."""
    assert api.Settings(timeout="2s").cfg().timeout_ns == 2_000_000_000
    assert runner.check_settings(1, "", "1.27", "2s")[0] == 2_000_000_000
    assert api.parse_duration is durations.parse_duration
    assert corpus.parse_duration is durations.parse_duration
    assert runner.parse_duration is durations.parse_duration


def test_simulate_refuses_a_bare_timeout():
    """gs.simulate(p, timeout=2) is refused (it used to mean 2 ns) with the message naming units."""
    with pytest.raises(ValueError, match=r"timeout=2: say '2s' or '2ms'"):
        api.simulate(_hello(), timeout=2)
    with pytest.raises(ValueError, match="negative"):
        api.simulate(_hello(), timeout="-1s")


def test_real_run_refuses_a_bare_timeout_before_building():
    """gs.real.run(p, timeout=2) is refused (it used to mean 2 s) before any toolchain is needed."""
    with pytest.raises(runner.RealRunError, match=r"timeout=2: say '2s' or '2ms'"):
        runner.run(HELLO, timeout=2)
    with pytest.raises(runner.RealRunError, match="negative"):
        runner.run(HELLO, timeout="-1s")


def test_the_command_line_refuses_a_bare_timeout(capsys):
    """`--timeout 2` is a usage error (exit status 2) whose message names the units."""
    for cmd in ("simulate", "real", "compare"):
        with pytest.raises(SystemExit) as e:
            main([cmd, "x.go", "--timeout", "2"])
        assert e.value.code == 2
        assert "--timeout=2: say '2s' or '2ms'" in capsys.readouterr().err


def test_a_header_with_a_bare_timeout_names_file_line_and_units(tmp_path):
    """A gostep:case timeout=2 in a program's header is refused with the file, line and units."""
    p = tmp_path / "h.go"
    p.write_text("// gostep:case name=a timeout=2\n// gostep:end\npackage main\n")
    with pytest.raises(corpus.CorpusError, match=r"h.go:1: timeout=2: say '2s'"):
        corpus.read_cases(p)


@pytest.mark.parametrize("ns, text", [
    (0, "0s"), (850, "850ns"), (1_250, "1.25µs"), (20_000, "20µs"), (2_000_000, "2ms"),
    (1_234_567, "1.235ms"), (1_500_000_000, "1.5s"), (-2_000_000, "-2ms"),
])
def test_the_one_formatter_shows_go_style_durations(ns, text):
    """fmt_ns (the views' formatter, defined once in durations.py) prints Go-style, 3 decimals."""
    assert durations.fmt_ns(ns) == text
    assert fmt.fmt_ns is durations.fmt_ns


@pytest.mark.parametrize("ns, text", [
    (850, "850ns"), (1_515, "1.51µs"), (20_512, "20.5µs"), (5_231_200, "5.231ms"),
    (12_345_600, "12.35ms"), (1_500_000_000, "1.5s"), (-1_500, "-1.5µs"),
    # rounding that reaches 1000 moves to the unit above instead of printing an exponent
    (999_500, "1ms"), (999_999, "1ms"), (999_950_000, "1s"), (12_345_678_901_234, "12346s"),
])
def test_the_short_form_rounds_to_significant_figures(ns, text):
    """fmt_ns(short=True), the step lists' column of times: 3 significant figures below a
    millisecond, 4 above, never an exponent (1e+03µs was what the course's own copy printed)."""
    assert durations.fmt_ns(ns, short=True) == text


def test_the_course_has_no_formatter_of_its_own():
    """The course's step lists use durations.fmt_ns, not a second set of rules."""
    import inspect
    from gostep.course import tracetools
    for ns in (0, 999, 1_515, 999_999, 5_231_200, 999_994_639, 12_345_678_901_234):
        assert tracetools.fmt_ns(ns) == durations.fmt_ns(ns, short=True)
    assert "_fmt_ns(ns, short=True)" in inspect.getsource(tracetools.fmt_ns)


def _hello():
    from gostep.front import parse
    return parse(HELLO, "hello.go")
