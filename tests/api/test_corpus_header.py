"""The gostep header parser, duration parsing and stdout matching (lib/gostep/corpus.py)."""
from __future__ import annotations

import pytest

from gostep.corpus import (Case, CorpusError, match_line, match_stdout, normalize_message,
                           parse_duration, read_cases)
from gostep.trace.frame import Outcome

HEADER = """// Blocked sender leaks after its caller gives up.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:goroutines 2
// gostep:stdout
//   result: timeout
//   took {dur:15ms..30ms}
//     indented
// gostep:end
//
// gostep:case name=two gomaxprocs=2 godebug=asyncpreemptoff=1 runs=5
// gostep:exit panic
// gostep:message send on closed channel
// gostep:model-note the model does X
// gostep:end
package main

func main() {}
"""


def _write(tmp_path, text, name="p.go"):
    p = tmp_path / name
    p.write_text(text)
    return p


def test_read_cases_parses_settings_and_expectations(tmp_path):
    """Every key of gostep:case and every expectation line lands in the Case, with defaults."""
    a, b = read_cases(_write(tmp_path, HEADER))
    assert (a.name, a.gomaxprocs, a.go, a.timeout, a.runs) == ("default", 1, "1.27", "2s", 3)
    assert a.exit == "ok" and a.goroutines == 2 and a.message is None
    assert a.stdout == ("result: timeout", "took {dur:15ms..30ms}", "  indented")
    assert a.title == "Blocked sender leaks after its caller gives up."
    assert a.line == 3 and a.id == "p.go:default"
    assert (b.gomaxprocs, b.godebug, b.runs, b.timeout) == (2, "asyncpreemptoff=1", 5, "2s")
    assert b.exit == "panic" and b.message == "send on closed channel"
    assert b.model_note == "the model does X" and b.stdout is None
    assert a.settings() == {"gomaxprocs": 1, "godebug": "", "go": "1.27", "timeout": "2s"}


def test_a_file_without_header_has_no_cases(tmp_path):
    """A Go file with no gostep header yields an empty list."""
    assert read_cases(_write(tmp_path, "package main\n\nfunc main() {}\n")) == []


@pytest.mark.parametrize("bad, what", [
    ("// gostep:case gomaxprocs=1\n// gostep:end\n", "name"),
    ("// gostep:case name=a color=red\n// gostep:end\n", "unknown gostep:case key"),
    ("// gostep:case name=a\n// gostep:exit boom\n// gostep:end\n", "unknown exit kind"),
    ("// gostep:case name=a\n// gostep:exit ok\n", "no gostep:end"),
    ("// gostep:exit ok\n", "outside"),
    ("// gostep:case name=a\n// gostep:end\n// gostep:case name=a\n// gostep:end\n", "duplicate"),
    ("// gostep:case name=a timeout=soon\n// gostep:end\n", "invalid duration"),
    ("// gostep:case name=a\n// gostep:stdout\n// x\n// gostep:end\n", "indented"),
])
def test_malformed_headers_raise_with_file_and_line(tmp_path, bad, what):
    """A malformed header raises CorpusError naming the file, the line and the problem."""
    p = _write(tmp_path, bad + "package main\n")
    with pytest.raises(CorpusError, match=what) as e:
        read_cases(p)
    assert str(e.value).startswith(str(p) + ":")


@pytest.mark.parametrize("text, ns", [
    ("0s", 0), ("0", 0), ("1.5s", 1_500_000_000), ("20.312ms", 20_312_000), ("850µs", 850_000),
    ("850us", 850_000), ("1m2s", 62_000_000_000), ("1h0m0.5s", 3_600_500_000_000),
    ("-2ms", -2_000_000), ("7ns", 7), ("2.000001s", 2_000_001_000),
])
def test_parse_duration_reads_go_duration_strings(text, ns):
    """parse_duration reads what Go's time.Duration.String() prints, exactly, in nanoseconds."""
    assert parse_duration(text) == ns


@pytest.mark.parametrize("text", ["", "5", "1.5", "ms", "1x", "1s2", "--1s", "1 s"])
def test_parse_duration_refuses_bad_strings(text):
    """Strings that are not Go durations raise ValueError."""
    with pytest.raises(ValueError):
        parse_duration(text)


def test_placeholders_match_ranges():
    """{dur:..}, {int:..} and {any} match within their ranges and nowhere else."""
    assert match_line("took {dur:15ms..30ms}", "took 20.31ms")
    assert match_line("took {dur:15ms..30ms}", "took 30ms")
    assert not match_line("took {dur:15ms..30ms}", "took 5.2ms")
    assert not match_line("took {dur:15ms..30ms}", "took 1.002s")
    assert match_line("took {dur:1s..2s}", "took 1.002s")
    assert match_line("n={int:1..3} g", "n=2 g")
    assert not match_line("n={int:1..3} g", "n=4 g")
    assert match_line("err: {any}", "err: context deadline exceeded")
    assert not match_line("a.b", "axb")   # literal text is literal
    assert match_line("x [1]", "x [1]")


def test_ellipsis_matches_any_number_of_lines():
    """A stdout line `...` matches zero or more lines, anywhere."""
    assert match_stdout(["a", "...", "z"], ["a", "z"])[0]
    assert match_stdout(["a", "...", "z"], ["a", "b", "c", "z"])[0]
    assert match_stdout(["...", "z"], ["q", "z"])[0]
    assert not match_stdout(["a", "...", "z"], ["a", "b"])[0]
    assert not match_stdout(["a"], ["a", "b"])[0]


def test_mismatch_diff_is_readable():
    """A mismatch names the first differing line and shows a unified diff."""
    ok, diff = match_stdout(["ping 1", "done"], ["ping 1", "pong 2"])
    assert not ok
    assert "line 2" in diff and "'done'" in diff and "+pong 2" in diff


def test_case_check_lists_each_difference():
    """Case.check reports exit, message, goroutines and stdout differences, and none on a match."""
    case = Case(file="x.go", name="a", line=1, exit="ok", goroutines=2, stdout=("hi",))
    good = Outcome("ok", ("hi",), (), "", 2, 1)
    assert case.check(good) == []
    bad = Outcome("ok", ("ho",), (), "", 1, 1)
    problems = case.check(bad)
    assert len(problems) == 2 and problems[0].startswith("goroutines")
    pcase = Case(file="x.go", name="p", line=1, exit="panic", message="boom")
    assert pcase.check(Outcome("panic", (), (), "panic: boom", None, 1)) == []
    assert pcase.check(Outcome("deadlock", (), (), "all goroutines are asleep - deadlock!", None, 1))


def test_normalize_message_strips_go_prefixes():
    """Go's "panic: " and "fatal error: " prefixes are not part of a compared message."""
    assert normalize_message("panic: boom") == "boom"
    assert normalize_message("fatal error: all goroutines are asleep - deadlock!") == \
        "all goroutines are asleep - deadlock!"
    assert normalize_message(None) == ""


def test_course_program_headers_parse(course_programs):
    """Every course program has a header that parses, with at least one case."""
    for p in course_programs:
        assert read_cases(p), f"{p.name} has no gostep:case"


def test_file_level_vet_fails_directive(tmp_path):
    """A gostep:vet-fails line before the first case is a file-level note carried by every case."""
    text = ("// Title.\n// gostep:vet-fails lostcancel on purpose\n"
            "// gostep:case name=a\n// gostep:exit ok\n// gostep:end\npackage main\n")
    (case,) = read_cases(_write(tmp_path, text))
    assert case.vet_fails == "lostcancel on purpose"
    late = text.replace("// gostep:vet-fails lostcancel on purpose\n", "") + ""
    late = late.replace("// gostep:end\n", "// gostep:end\n// gostep:vet-fails x\n")
    with pytest.raises(CorpusError, match="before the first"):
        read_cases(_write(tmp_path, late, "late.go"))
