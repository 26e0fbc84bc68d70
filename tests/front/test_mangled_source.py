"""Mangled source never crashes or hangs the front end: it compiles, or it raises a
GoSourceError whose every error has a position inside the file."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gostep.front import GoSourceError, parse
from gostep.model.program import CompiledProgram
from gostep.model.verify import verify

ROOT = Path(__file__).resolve().parents[2]
CORPUS = [p.read_text() for p in sorted((ROOT / "course" / "programs").glob("*.go"))] or [
    'package main\n\nimport "fmt"\n\nfunc main() {\n\tch := make(chan int)\n'
    '\tgo func() { ch <- 1 }()\n\tfmt.Println(<-ch)\n}\n']
TOKEN = re.compile(r"\s+|\w+|\"[^\"\n]*\"|.", re.S)
EXTRA = ["{", "}", "(", ")", ":=", "=", "<-", "go", "defer", "func", "select", "case", "\n",
         "chan", "int", ",", ";", "0", "x", "ch", "return", "for", "range", "break", "nil",
         "struct{}", "&", "*", "...", "[", "]", "//", "/*", "`", "\"", "'", "é", "\t"]


@st.composite
def mangled(draw):
    src = draw(st.sampled_from(CORPUS))
    toks = TOKEN.findall(src)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["del", "ins", "dup", "chardel", "swap", "rename", "rename"]))
        if not toks:
            break
        i = draw(st.integers(0, len(toks) - 1))
        if kind == "del":
            del toks[i]
        elif kind == "ins":
            toks.insert(i, draw(st.sampled_from(EXTRA + toks[:50])))
        elif kind == "dup":
            j = min(len(toks), i + draw(st.integers(1, 8)))
            toks[i:i] = toks[i:j]
        elif kind == "rename" and re.fullmatch(r"\w+", toks[i]):
            # keeps the syntax valid more often: stresses the checker rather than the parser
            words = [t for t in toks if re.fullmatch(r"[A-Za-z_]\w*", t)]
            toks[i] = draw(st.sampled_from(words + ["nil", "1", "true", "string", "len"]))
        elif kind == "swap" and i + 1 < len(toks):
            toks[i], toks[i + 1] = toks[i + 1], toks[i]
        elif toks[i]:
            k = draw(st.integers(0, len(toks[i]) - 1))
            toks[i] = toks[i][:k] + toks[i][k + 1:]
    return "".join(toks)


def check_outcome(src):
    try:
        prog = parse(src, "m.go")
    except GoSourceError as e:
        assert e.kind in ("compile", "unsupported")
        assert e.errors, "an error without a message"
        nlines = src.count("\n") + 1
        for line, col, msg in e.errors:
            assert 1 <= line <= nlines + 1 and col >= 1, (line, col, msg)
            assert msg
        assert str(e).startswith("m.go:")
        return
    assert isinstance(prog, CompiledProgram)
    problems, _ = verify(prog)
    assert problems == [], problems[:3]


@settings(max_examples=150, deadline=2000, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mangled())
def test_mangled_source_gives_program_or_positioned_error(src):
    """Random token/character deletions, insertions, duplications and swaps in corpus programs
    give a verified program or a GoSourceError with positions, never another exception."""
    check_outcome(src)


@pytest.mark.parametrize("src", ["", "package", "package main", "package main\nfunc main(",
                                 "\x00\x01", "package main\nfunc main() { " + "{" * 3000,
                                 "package main\nfunc main() { x := " + "(" * 3000 + "1" + ")" * 3000 + " }"])
def test_degenerate_inputs(src):
    """Empty, truncated, binary and deeply nested inputs are positioned errors too."""
    check_outcome(src)
