"""The bytecode shape of each construct of the subset: what the stepper will execute.

Where the shape encodes a Go rule (per-iteration loop variables, arguments evaluated at the
defer statement, the preemption-point flag) the test says which rule and how it was checked.
"""
from __future__ import annotations

import pytest

from gostep.front import parse
from gostep.model import isa
from gostep.model.disasm import disasm, ops_of
from gostep.model.verify import verify

HEAD = 'package main\n\nimport (\n\t"context"\n\t"fmt"\n\t"sync"\n\t"time"\n)\n\n'
USE = ('var _ = context.Background()\nvar _ sync.Mutex\nvar _ = time.Now()\n'
       'var _ = fmt.Sprint\n')


def P(body, pre="", go="1.27"):
    """Compile a main with `body`, after the given top-level declarations."""
    src = (HEAD.replace('\t"fmt"\n', '\t"fmt"\n') + pre + "func main() {\n" + body
           + "\n\tfmt.Println()\n}\n")
    src = src.replace("import (\n\t\"context\"\n\t\"fmt\"\n\t\"sync\"\n\t\"time\"\n)",
                      "import (\n" + "".join(f'\t"{p}"\n' for p in _imports(body + pre)) + ")")
    prog = parse(src, "t.go", go=go)
    problems, _ = verify(prog)
    assert problems == [], problems
    return prog


def _imports(text):
    out = ["fmt"]
    for p in ("context", "sync", "time", "runtime", "errors"):
        if p + "." in text:
            out.append(p)
    return sorted(out)


def fn(prog, name):
    return prog.fn_names.index(name)


def test_channel_ops_and_hint():
    """make/send/receive/close/len/cap lower to MAKECHAN SEND RECV CLOSE CHANLEN CHANCAP, and
    the channel is named after its variable for the views."""
    p = P("\tch := make(chan int, 3)\n\tch <- 1\n\tv, ok := <-ch\n\t<-ch\n\tclose(ch)\n"
          "\tfmt.Println(v, ok, len(ch), cap(ch))")
    ops = ops_of(p, 0)
    for op in ("MAKECHAN", "SEND", "RECV", "CLOSE", "CHANLEN", "CHANCAP", "PRINT"):
        assert op in ops
    pc = [i for i in range(len(p.code)) if p.code[i, 0] == isa.MAKECHAN][0]
    assert p.hints[pc] == "ch"
    recvs = [int(p.code[i, 1]) for i in range(len(p.code)) if p.code[i, 0] == isa.RECV]
    assert recvs == [1, 0]          # v, ok := <-ch is the comma-ok form; <-ch is not


def test_unbuffered_make_pushes_zero_cap():
    """make(chan T) is make(chan T, 0)."""
    p = P("\tch := make(chan struct{})\n\tgo func() { ch <- struct{}{} }()\n\t<-ch")
    code = p.code.tolist()
    i = [k for k, c in enumerate(code) if c[0] == isa.MAKECHAN][0]
    assert code[i - 1][:2] == [isa.PUSH, 0]


def test_closure_captures_by_reference():
    """A variable captured by a closure is boxed (NEWBOX), the closure gets the box
    (LOCALBOX + MKCLOSURE) and reads/writes it through LOADCAP/STORECAP."""
    p = P("\tx := 1\n\tf := func() { x++ }\n\tf()\n\tfmt.Println(x)")
    main = ops_of(p, 0)
    assert "NEWBOX" in main and "LOCALBOX" in main and "MKCLOSURE" in main
    assert "LOADBOX" in main and "CALLV" in main
    lit = ops_of(p, fn(p, "main.main.func1"))
    assert lit[:4] == ["LOADCAP", "PUSH", "ADD", "STORECAP"]
    assert p.fn_flags[fn(p, "main.main.func1")] & isa.FN_CLOSURE


def test_nested_closure_recaptures_with_capbox():
    """A literal inside a literal re-captures its parent's capture with CAPBOX; Go names it
    main.main.func1.1 (checked against a real Go panic trace)."""
    p = P("\tx := 0\n\tf := func() func() int {\n\t\treturn func() int { x++; return x }\n\t}\n"
          "\tfmt.Println(f()())")
    assert "main.main.func1.1" in p.fn_names
    assert "CAPBOX" in ops_of(p, fn(p, "main.main.func1"))


@pytest.mark.parametrize("go,fresh", [("1.22", True), ("1.21", False)])
def test_loop_variable_per_iteration(go, fresh):
    """Go >= 1.22 gives a captured 3-clause loop variable a new box before each post statement
    (LOADBOX i; NEWBOX i); Go 1.21 shares one variable across iterations."""
    p = P("\tvar wg sync.WaitGroup\n\tfor i := 0; i < 3; i++ {\n\t\twg.Add(1)\n"
          "\t\tgo func() { defer wg.Done(); fmt.Println(i) }()\n\t}\n\twg.Wait()", go=go)
    code = [tuple(c[:2]) for c in p.code.tolist()]
    pairs = [k for k in range(len(code) - 1)
             if code[k][0] == isa.LOADBOX and code[k + 1][0] == isa.NEWBOX
             and code[k][1] == code[k + 1][1]]
    assert bool(pairs) == fresh


@pytest.mark.parametrize("go,stores", [("1.22", 0), ("1.21", 1)])
def test_range_variable_per_iteration(go, stores):
    """A captured range variable: a fresh box per iteration (NEWBOX in the loop) for >= 1.22,
    one box assigned with STOREBOX before 1.22."""
    p = P("\ts := []int{1, 2}\n\tfor _, v := range s {\n\t\tgo func() { fmt.Println(v) }()\n\t}",
          go=go)
    assert ops_of(p, 0).count("STOREBOX") == stores


def test_defer_evaluates_arguments_now():
    """`defer f(x)` pushes x at the defer statement and records DEFER f 1; `defer cancel()`
    defers the func value (DEFERV 0); a library call goes through Go's deferwrap function."""
    p = P("\tctx, cancel := context.WithCancel(context.Background())\n\tdefer cancel()\n"
          "\tx := 1\n\tdefer show(x)\n\tx = 2\n\tvar wg sync.WaitGroup\n\tdefer wg.Wait()\n\t_ = ctx",
          pre="func show(n int) { fmt.Println(n) }\n\n")
    code = p.code.tolist()
    d = [c for c in code if c[0] == isa.DEFER]
    assert [c[1:3] for c in d if p.fn_names[c[1]] == "main.show"] == [[fn(p, "main.show"), 1]]
    assert any(c[0] == isa.DEFERV and c[1] == 0 for c in code)
    assert "main.main.deferwrap2" in p.fn_names       # gc counts the wrapped show(x) as 1
    w = fn(p, "main.main.deferwrap2")
    assert ops_of(p, w) == ["LOAD", "WG_WAIT", "RETURN"]
    assert p.fn_flags[w] & isa.FN_SYNTHETIC and p.fn_nparams[w] == 1


def test_go_statement_forms():
    """go f(x) -> GO f 1; go func(){}() -> MKCLOSURE + GOV 0; go of a library call -> gowrap."""
    p = P("\tch := make(chan int)\n\tgo work(ch)\n\tgo func() { ch <- 1 }()\n"
          "\tgo fmt.Println(1)\n\t<-ch", pre="func work(ch chan int) { ch <- 2 }\n\n")
    code = p.code.tolist()
    assert [isa.GO, fn(p, "main.work"), 1] in [c[:3] for c in code]
    assert any(c[0] == isa.GOV and c[1] == 0 for c in code)
    assert "main.main.gowrap2" in p.fn_names   # gc numbers wrapped go/defer calls: go work(ch) is 1


def test_select_shape():
    """select pushes (dir ch value) per case in source order, then SELECT n dflt; select {}
    is SELECT 0 0."""
    p = P("\tch := make(chan int)\n\tdone := make(chan struct{})\n\tselect {\n"
          "\tcase ch <- 1:\n\tcase v := <-ch:\n\t\tfmt.Println(v)\n\tcase <-done:\n\tdefault:\n\t}\n"
          "\tgo func() { select {} }()")
    sel = [c for c in p.code.tolist() if c[0] == isa.SELECT]
    assert sel[0][1:3] == [3, 1]
    assert sel[1][1:3] == [0, 0]


def test_context_and_time_lowering():
    """WithTimeout is WithDeadline(now + d) (isa.py); ctx.Done() is named for the views."""
    p = P("\tctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)\n"
          "\tdefer cancel()\n\t<-ctx.Done()\n\tt := time.NewTimer(time.Second)\n\t<-t.C\n"
          "\tfmt.Println(time.Since(time.Now()) > 15*time.Millisecond)")
    ops = ops_of(p, 0)
    i = ops.index("CTX_WITHDEADLINE")
    assert ops[i - 4:i] == ["CTX_BACKGROUND", "PUSH", "NOW", "ADD"]
    names = set(p.hints.values())
    assert {"ctx", "ctx.Done()", "t", "t.C"} <= names
    code = p.code.tolist()
    assert [isa.PUSH, 5_000_000] in [c[:2] for c in code]     # 5*time.Millisecond folded


def test_sync_values_allocate_where_declared():
    """`var wg sync.WaitGroup` / `var mu sync.Mutex` allocate with NEWSYNC at the declaration;
    &wg passes the id."""
    p = P("\tvar wg sync.WaitGroup\n\tvar mu sync.Mutex\n\twg.Add(1)\n\tgo worker(&wg, &mu)\n"
          "\twg.Wait()", pre="func worker(wg *sync.WaitGroup, mu *sync.Mutex) {\n"
          "\tdefer wg.Done()\n\tmu.Lock()\n\tmu.Unlock()\n}\n\n")
    code = p.code.tolist()
    assert [c[1] for c in code if c[0] == isa.NEWSYNC][:2] == [1, 2]
    assert "MU_LOCK" in ops_of(p, fn(p, "main.worker"))


def test_globals_initialised_before_main_body():
    """Package-level variables are initialised at the start of main.main (STOREG) before the
    first statement of main."""
    p = P("\tfmt.Println(n, m)", pre="var n = 7\nvar m = n + 1\n")
    ops = ops_of(p, 0)
    assert ops[:6] == ["PUSH", "STOREG", "LOADG", "PUSH", "ADD", "STOREG"]
    assert p.n_globals >= 2


def test_return_stores_result_slot():
    """`return e` is <e>; STORE result_slot; RETURN, and the result slot is the last local."""
    p = P("\tfmt.Println(add(1, 2))", pre="func add(a, b int) int { return a + b }\n\n")
    f = fn(p, "main.add")
    ops = ops_of(p, f)
    assert ops == ["LOAD", "LOAD", "ADD", "STORE", "RETURN", "RETURN"]
    st = p.code[p.fn_entry[f] + 3]
    assert st[1] == p.fn_nlocals[f] - 1 and p.fn_nresults[f] == 1


def test_short_circuit():
    """&& and || evaluate the right operand only when needed (DUP; JZ/JNZ; POP)."""
    p = P("\ta, b := true, false\n\tfmt.Println(a && b, a || b)")
    ops = ops_of(p, 0)
    assert "JZ" in ops and "JNZ" in ops and ops.count("DUP") == 2


def test_main_ends_with_return_then_exit():
    """main.main's epilogue is RETURN (which runs its defers) followed by EXIT."""
    p = P("\tx := 1\n\t_ = x")
    rp = int(p.fn_ret_pc[0])
    assert p.code[rp, 0] == isa.RETURN and p.code[rp + 1, 0] == isa.EXIT


def test_deadline_fn():
    """The synthetic deadline function is LOAD 0; PUSH 2; PUSH -1; CTX_CANCEL; RETURN, named as
    Go names it."""
    p = P("\tx := 1\n\t_ = x")
    d = p.deadline_fn
    assert p.fn_names[d] == "context.WithDeadlineCause.func2"
    assert ops_of(p, d) == ["LOAD", "PUSH", "PUSH", "CTX_CANCEL", "RETURN"]
    assert p.fn_flags[d] & isa.FN_SYNTHETIC and p.fn_nparams[d] == 1


# ---- the cooperative preemption rule ----------------------------------------------------------
def flags(p, name):
    return int(p.fn_flags[fn(p, name)])


def test_leaf_functions_have_no_stack_check():
    """Small leaf functions are NOSPLIT in gc, //go:noinline or not; a function calling a
    non-inlined function, a library function or a func value has a stack check. Observed with
    `go build -gcflags=-S` on go 1.27.3: main.leaf and main.leafNo `STEXT nosplit`,
    main.nonleaf `STEXT` (with the morestack prologue)."""
    p = P("\tfmt.Println(leaf(1), leafNo(2), nonleaf(3), mid(4), big(5), rec(3), lib())",
          pre="func leaf(x int) int { return x + 1 }\n\n"
              "//go:noinline\nfunc leafNo(x int) int { return x + 1 }\n\n"
              "//go:noinline\nfunc nonleaf(x int) int { return leaf(x) + leafNo(x) }\n\n"
              "func mid(x int) int { return leaf(x) * 2 }\n\n"
              "func big(n int) int {\n\ts := 0\n" + "".join(
                  f"\tfor i := 0; i < n; i++ {{ s += i*{k} + 1; if s > {k}00 {{ s -= 7 }} else {{ s += 2 }} }}\n"
                  for k in range(3, 11, 2)) + "\treturn s\n}\n\n"
              "func rec(n int) int {\n\tif n == 0 {\n\t\treturn 0\n\t}\n\treturn rec(n - 1)\n}\n\n"
              "func lib() int { time.Sleep(0); return 1 }\n\n")
    assert not flags(p, "main.leaf") & isa.FN_STACKCHECK
    assert not flags(p, "main.leafNo") & isa.FN_STACKCHECK
    assert flags(p, "main.nonleaf") & isa.FN_STACKCHECK
    assert not flags(p, "main.mid") & isa.FN_STACKCHECK      # leaf inlined: nothing called
    assert not flags(p, "main.big") & isa.FN_STACKCHECK      # too big to inline, still a leaf
    assert flags(p, "main.rec") & isa.FN_STACKCHECK
    assert flags(p, "main.lib") & isa.FN_STACKCHECK
    assert flags(p, "main.main") & isa.FN_STACKCHECK


def test_calling_an_inlined_nonleaf_is_a_check():
    """A small function that itself calls the library is inlined into its caller, whose code
    then contains that library call: the caller has a stack check too."""
    p = P("\tfmt.Println(outer())", pre="func now() time.Time { return time.Now() }\n\n"
          "func outer() int { now(); return 1 }\n\n")
    assert flags(p, "main.now") & isa.FN_STACKCHECK
    assert flags(p, "main.outer") & isa.FN_STACKCHECK


def test_disasm_lists_every_function():
    """disasm() prints a header per function and one line per instruction."""
    p = P("\tx := 1\n\t_ = x")
    text = disasm(p)
    for name in p.fn_names:
        assert name in text
    assert len(text.splitlines()) == len(p.code) + len(p.fn_names)
