"""Valid Go outside the subset is refused with `FILE:LINE:COL: unsupported: <construct> (the
stepper supports the subset in docs/go-subset.md)`, never a crash or a wrong program."""
from __future__ import annotations

import pytest

from gostep.front import GoSourceError, load, parse

SUFFIX = " (the stepper supports the subset in docs/go-subset.md)"


def prog(body: str, pre: str = "", imports: str = '"fmt"') -> str:
    return (f"package main\n\nimport {imports}\n\n{pre}func main() {{\n{body}\n"
            f"\tfmt.Println()\n}}\n")


CASES = [
    ("method", prog("", "type T int\n\nfunc (t T) M() {}\n\n"), (5, 1), "type declarations"),
    ("generic function", prog("\t_ = id(1)", "func id[T any](x T) T { return x }\n\n"),
     (5, 8), "generics"),
    ("map", prog("\tm := map[string]int{}\n\t_ = m"), (6, 7), "maps"),
    ("goto and labels", prog("L:\n\tgoto L"), (6, 1), "labels (other than on a for, switch or select)"),
    ("struct type", prog("\tvar s struct{ a int }\n\t_ = s"), (6, 8), "struct types"),
    ("import of another package", prog("\tos.Exit(0)", imports='(\n\t"fmt"\n\t"os"\n)'),
     (5, 2), 'import "os" (only context, errors, fmt, runtime, sync, time)'),
    ("two results", prog("", "func f() (int, int) { return 1, 2 }\n\n"), (5, 10),
     "functions with more than one result"),
    ("named result", prog("", "func f() (n int) { return }\n\n"), (5, 11), "named results"),
    ("variadic function", prog("", "func f(xs ...int) {}\n\n"), (5, 8), "variadic functions"),
    ("float", prog("\tx := 1.5\n\t_ = x"), (6, 7), "floating-point numbers"),
    ("rune", prog("\tx := 'a'\n\t_ = x"), (6, 7), "runes"),
    ("string concatenation at run time", prog('\ts := "a"\n\tt := s + "b"\n\t_ = t'), (7, 7),
     "string concatenation at run time"),
    ("fmt.Sprintf", prog('\ts := fmt.Sprintf("%d", 1)\n\t_ = s'), (6, 7), "fmt.Sprintf"),
    ("pointer to int", prog("\tx := 1\n\tp := &x\n\t_ = p"), (7, 7), "taking the address of x (int)"),
    ("array", prog("\tvar a [3]int\n\t_ = a"), (6, 8), "arrays"),
    ("slice expression", prog("\ts := []int{1, 2}\n\t_ = s[1:]"), (7, 6), "slice expressions"),
    ("other package", "package foo\n\nfunc main() {}\n", (1, 9), "package foo (only package main)"),
    ("func init", prog("", "func init() {}\n\n"), (5, 1), "func init"),
    ("int64", prog("\tvar x int64\n\t_ = x"), (6, 8), "type int64"),
    ("sync.Once", prog("\tvar o sync.Once\n\t_ = o", imports='(\n\t"fmt"\n\t"sync"\n)'), (9, 8),
     "type sync.Once"),
    ("time.Time.Before", prog("\tt := time.Now()\n\t_ = t.Before(t)", imports='(\n\t"fmt"\n\t"time"\n)'),
     (10, 6), "the method t.Before"),
    ("time.Tick", prog("\t_ = time.Tick(1)", imports='(\n\t"fmt"\n\t"time"\n)'), (9, 6),
     "time.Tick"),
]


@pytest.mark.parametrize("name,src,pos,what", CASES, ids=[c[0] for c in CASES])
def test_unsupported_construct(name, src, pos, what):
    """Each construct outside the subset is named at its position, with kind "unsupported"."""
    with pytest.raises(GoSourceError) as ei:
        parse(src, "x.go")
    e = ei.value
    assert e.kind == "unsupported"
    line = f"x.go:{pos[0]}:{pos[1]}: unsupported: {what}{SUFFIX}"
    assert line in str(e).splitlines(), str(e)


def test_multiple_files_refused(tmp_path):
    """A directory holding several .go files (a multi-file package) is refused."""
    (tmp_path / "a.go").write_text("package main\n\nfunc main() {}\n")
    (tmp_path / "b.go").write_text("package main\n\nfunc f() {}\n")
    with pytest.raises(GoSourceError) as ei:
        load(tmp_path)
    assert ei.value.kind == "unsupported"
    assert "a package of 2 files (one file per program)" in str(ei.value)


def test_single_file_directory_loads(tmp_path):
    """A directory with exactly one .go file loads that file."""
    (tmp_path / "a.go").write_text("package main\n\nfunc main() {}\n")
    p = load(tmp_path)
    assert p.fn_names[0] == "main.main"


def test_invalid_utf8_is_a_positioned_error(tmp_path):
    """A file that is not UTF-8 is gc's `invalid UTF-8 encoding` at the offending byte."""
    f = tmp_path / "bad.go"
    f.write_bytes(b"package main\n\nfunc main() {\n\t\xff\n}\n")
    with pytest.raises(GoSourceError) as ei:
        load(f)
    assert ei.value.errors == [(4, 2, "invalid UTF-8 encoding")]
