"""Every course program compiles, for every Go version its header cases name, to bytecode that
passes the static verifier (stack heights, operands, jump targets)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from gostep.front import GoSourceError, load
from gostep.model import isa
from gostep.model.verify import verify

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = sorted((ROOT / "course" / "programs").glob("*.go"))


def _versions(path):
    try:
        from gostep.corpus import read_cases
        cases = read_cases(path)
    except Exception:            # the header reader belongs to another module; be independent
        cases = []
    out = {}
    for c in cases:
        out.setdefault(c.go, c.exit)
    return out or {"1.27": None}


@pytest.mark.skipif(not PROGRAMS, reason="no course programs yet")
@pytest.mark.parametrize("path", PROGRAMS, ids=[p.name for p in PROGRAMS])
def test_course_program_compiles(path):
    """The program compiles under each Go version its cases use (or fails to compile exactly
    when the header expects compile_error), and the bytecode verifies. A program whose cases are
    all real Go only must be refused by the front end as unsupported, naming what it uses."""
    from gostep.corpus import read_cases
    cases = read_cases(path)
    if cases and all(c.real_only for c in cases):
        with pytest.raises(GoSourceError, match="unsupported"):
            load(path)
        return
    for go, exit_kind in _versions(path).items():
        if exit_kind == "compile_error":
            with pytest.raises(GoSourceError):
                load(path, go=go)
            continue
        prog = load(path, go=go)
        problems, depths = verify(prog)
        assert problems == [], problems[:5]
        assert prog.fn_names[0] == "main.main"
        assert prog.strings[0] == ""
        n = len(prog.code)
        assert prog.code.shape == (n, 4) and prog.code.dtype == np.int64
        assert prog.pos.shape == (n, 2) and prog.pos.dtype == np.int32
        nlines = len(prog.lines)
        fn_of = np.searchsorted(np.sort(prog.fn_entry), np.arange(n), side="right") - 1
        for pc in range(n):
            line, col = (int(v) for v in prog.pos[pc])
            synthetic = prog.fn_flags[np.argsort(prog.fn_entry)[fn_of[pc]]] & isa.FN_SYNTHETIC
            assert 1 <= line <= nlines or (synthetic and line == 0), (pc, line)
            assert 0 <= int(prog.code[pc, 0]) < isa.NUM_OPS
        for pc in prog.hints:
            assert 0 <= pc < n
        assert len(prog.fn_lines) == len(prog.fn_names)
        assert prog.fn_names[prog.deadline_fn] == "context.WithDeadlineCause.func2"
