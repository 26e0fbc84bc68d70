"""What a dying panic prints, and fmt's text for odd verbs, as real Go 1.27 prints them.

The held-out programs (tests/heldout/) found these differences: runtime.boundsError names the
index and the length (runtime/error.go); a panic raised while another one runs its deferred calls
prints the chain, oldest first (printpanics, runtime/panic.go: " [recovered]",
" [recovered, repanicked]", a tab before each later one); panic(nil) is a *runtime.PanicNilError
("runtime error: panic called with nil argument", go >= 1.21); and fmt prints a wrong verb as
"%!d(bool=true)" and %q of an error as its quoted text (fmt/print.go). Each case holds the
program's main body and what real Go printed (observed with go 1.27.3 on 2026-11-28; the
`realgo` test checks them again)."""
from __future__ import annotations

import pytest

import gostep.api as api

def source(body: str) -> str:
    """A program whose main is `body`, importing the packages it uses."""
    imports = "".join(f'\t"{pkg}"\n' for pkg in ("errors", "fmt", "time") if pkg + "." in body)
    head = f"import (\n{imports})\n\n" if imports else ""
    return f"package main\n\n{head}func main() {{\n{body}\n}}\n"


# (name, main body, exit, stdout lines, first stderr lines)
CASES = [
    ("index", "\ts := []int{1, 2, 3}\n\ti := 5\n\tfmt.Println(s[i])", "panic", [],
     ["panic: runtime error: index out of range [5] with length 3"]),
    ("index_negative", "\ts := []int{1, 2, 3}\n\ti := -1\n\tfmt.Println(s[i])", "panic", [],
     ["panic: runtime error: index out of range [-1]"]),
    ("index_recovered", "\tdefer func() { fmt.Println(recover()) }()\n\ts := []int{}\n\ti := 1\n\ts[i] = 2",
     "ok", ["runtime error: index out of range [1] with length 0"], []),
    ("nested", '\tdefer func() { panic("second") }()\n\tpanic("first")', "panic", [],
     ["panic: first", "\tpanic: second"]),
    ("recovered_then_other", '\tdefer func() {\n\t\trecover()\n\t\tpanic("other")\n\t}()\n\tpanic("x")', "panic",
     [], ["panic: x [recovered]", "\tpanic: other"]),
    ("repanicked", '\tdefer func() {\n\t\tr := recover()\n\t\tfmt.Println("r:", r)\n\t\tpanic(r)\n\t}()\n\tpanic("deep")',
     "panic", ["r: deep"], ["panic: deep [recovered, repanicked]"]),
    ("errors_nested", '\tdefer func() { panic(errors.New("e2")) }()\n\tpanic(errors.New("e1"))', "panic", [],
     ["panic: e1", "\tpanic: e2"]),
    ("panic_nil", "\tpanic(nil)", "panic", [], ["panic: runtime error: panic called with nil argument"]),
    ("panic_nil_recovered", "\tdefer func() { fmt.Println(recover()) }()\n\tpanic(nil)", "ok",
     ["runtime error: panic called with nil argument"], []),
    ("bad_verbs", '\tfmt.Printf("%d %t %d %s %t %s %q %q %q %q %s %v\\n", true, 5, "hi", 5, 5*time.Millisecond, '
     'false, 65, 5*time.Millisecond, errors.New("hi"), error(nil), 5*time.Millisecond, 5)', "ok",
     ['%!d(bool=true) %!t(int=5) %!d(string=hi) %!s(int=5) %!t(time.Duration=5000000) %!s(bool=false) '
      '\'A\' "5ms" "hi" %!q(<nil>) 5ms 5'], []),
]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("panics")
    out = {}
    for name, body, *_ in CASES:
        p = d / f"{name}.go"
        p.write_text(source(body))
        out[name] = p
    return out


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_model_prints_what_go_prints(files, case):
    """The model's exit, stdout and the first lines of its stderr are real Go's."""
    name, _, exit_, stdout, stderr = case
    tr = api.simulate(files[name], timeout="1s", record=False)
    o = tr.outcome
    assert o.exit == exit_, o.message
    assert list(o.stdout) == stdout
    assert list(o.stderr[:len(stderr)]) == stderr
    if stderr:
        assert o.message == stderr[0]


@pytest.mark.realgo
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_real_go_prints_the_recorded_text(files, go_bin, case):
    """Real Go still prints what the cases record (so the model is checked against Go, not
    against a copy)."""
    from gostep.real import run
    name, _, exit_, stdout, stderr = case
    res = run(files[name], timeout="5s")
    assert res.exit == exit_
    assert list(res.stdout) == stdout
    assert list(res.stderr[:len(stderr)]) == stderr
