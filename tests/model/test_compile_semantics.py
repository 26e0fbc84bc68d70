"""The compiled bytecode means what the Go source means: small programs, one per construct,
run on the stepper print exactly what real Go printed.

Each expected stdout below is what the go 1.27.3 binary of the same source printed with
GOMAXPROCS=1 (recorded while writing this file; all are deterministic programs). The stepper
(gostep.simulate) belongs to lib/gostep/core; this test checks the front end's lowering through
it, and is skipped while the stepper is not importable.
"""
from __future__ import annotations

import pytest

from gostep.front import parse

CASES = [
    ('closure_loop',
     'package main\n\nimport (\n\t"context"\n\t"errors"\n\t"fmt"\n\t"runtime"\n\t"sync"\n\t"time"\n)\n\nvar _ = context.Background()\nvar _ = errors.New("")\nvar _ = runtime.NumGoroutine()\nvar _ sync.Mutex\nvar _ = time.Now()\n\nfunc main() {\n\tvar fs []func()\n\tfor i := 0; i < 3; i++ {\n\t\tfs = append(fs, func() { fmt.Println(i) })\n\t}\n\tfor _, f := range fs {\n\t\tf()\n\t}\n\tfmt.Println()\n}\n',
     ['0', '1', '2', '']),
    ('range_int',
     'package main\n\nimport (\n\t"context"\n\t"errors"\n\t"fmt"\n\t"runtime"\n\t"sync"\n\t"time"\n)\n\nvar _ = context.Background()\nvar _ = errors.New("")\nvar _ = runtime.NumGoroutine()\nvar _ sync.Mutex\nvar _ = time.Now()\n\nfunc main() {\n\tfor i := range 3 {\n\t\tfmt.Println(i)\n\t}\n\tfor range 2 {\n\t}\n\tfmt.Println()\n}\n',
     ['0', '1', '2', '']),
    ('range_chan',
     'package main\n\nimport (\n\t"context"\n\t"errors"\n\t"fmt"\n\t"runtime"\n\t"sync"\n\t"time"\n)\n\nvar _ = context.Background()\nvar _ = errors.New("")\nvar _ = runtime.NumGoroutine()\nvar _ sync.Mutex\nvar _ = time.Now()\n\nfunc main() {\n\tch := make(chan int, 2)\n\tch <- 1\n\tclose(ch)\n\tfor v := range ch {\n\t\tfmt.Println(v)\n\t}\n\tfor range ch {\n\t}\n\tfmt.Println()\n}\n',
     ['1', '']),
    ('select_all',
     'package main\n\nimport (\n\t"context"\n\t"errors"\n\t"fmt"\n\t"runtime"\n\t"sync"\n\t"time"\n)\n\nvar _ = context.Background()\nvar _ = errors.New("")\nvar _ = runtime.NumGoroutine()\nvar _ sync.Mutex\nvar _ = time.Now()\n\nfunc main() {\n\tch := make(chan int)\n\tdone := make(chan struct{})\n\tselect {\n\tcase v, ok := <-ch:\n\t\tfmt.Println(v, ok)\n\tcase ch <- 1:\n\tcase <-done:\n\tdefault:\n\t}\n\tfmt.Println()\n}\n',
     ['']),
    ('ctx_all',
     'package main\n\nimport (\n\t"context"\n\t"errors"\n\t"fmt"\n\t"runtime"\n\t"sync"\n\t"time"\n)\n\nvar _ = context.Background()\nvar _ = errors.New("")\nvar _ = runtime.NumGoroutine()\nvar _ sync.Mutex\nvar _ = time.Now()\n\nfunc main() {\n\tctx, cancel := context.WithCancel(context.Background())\n\tdefer cancel()\n\tc2, cc := context.WithCancelCause(ctx)\n\tcc(errors.New("x"))\n\tfmt.Println(context.Cause(c2), c2.Err() == context.Canceled)\n\tc3, c3c := context.WithTimeout(ctx, 5*time.Millisecond)\n\tdefer c3c()\n\t<-c3.Done()\n\tc4, c4c := context.WithDeadline(ctx, time.Now().Add(time.Second))\n\tdefer c4c()\n\t_ = c4\n\tstop := context.AfterFunc(ctx, func() {})\n\tfmt.Println(stop())\n\t_ = context.WithoutCancel(ctx)\n\tc5, c5c := context.WithTimeoutCause(ctx, time.Second, errors.New("slow"))\n\tdefer c5c()\n\t_ = c5\n\tif errors.Is(ctx.Err(), context.DeadlineExceeded) {\n\t}\n\tfmt.Println()\n}\n',
     ['x true', 'true', '']),
    ('panic_recover',
     'package main\n\nimport (\n\t"context"\n\t"errors"\n\t"fmt"\n\t"runtime"\n\t"sync"\n\t"time"\n)\n\nvar _ = context.Background()\nvar _ = errors.New("")\nvar _ = runtime.NumGoroutine()\nvar _ sync.Mutex\nvar _ = time.Now()\n\nfunc main() {\n\tdefer func() {\n\t\tif r := recover(); r != nil {\n\t\t\tfmt.Println("recovered:", r)\n\t\t}\n\t}()\n\tvar e error = errors.New("boom")\n\tpanic(e)\n\tfmt.Println()\n}\n',
     ['recovered: boom']),
    ('switch',
     'package main\n\nimport (\n\t"context"\n\t"errors"\n\t"fmt"\n\t"runtime"\n\t"sync"\n\t"time"\n)\n\nvar _ = context.Background()\nvar _ = errors.New("")\nvar _ = runtime.NumGoroutine()\nvar _ sync.Mutex\nvar _ = time.Now()\n\nfunc main() {\n\tx := 3\n\tswitch x {\n\tcase 1, 2:\n\t\tfmt.Println("small")\n\tcase 3:\n\t\tfmt.Println("three")\n\t\tbreak\n\tdefault:\n\t}\n\tswitch {\n\tcase x > 2:\n\t}\n\tswitch s := "a"; s {\n\tcase "a":\n\t}\n\tfmt.Println()\n}\n',
     ['three', '']),
    ('slices',
     'package main\n\nimport (\n\t"context"\n\t"errors"\n\t"fmt"\n\t"runtime"\n\t"sync"\n\t"time"\n)\n\nvar _ = context.Background()\nvar _ = errors.New("")\nvar _ = runtime.NumGoroutine()\nvar _ sync.Mutex\nvar _ = time.Now()\n\nfunc main() {\n\ts := []int{1, 2}\n\ts = append(s, 3, 4)\n\tt := make([]string, 2, 5)\n\tt[0] = "x"\n\ts[1] += 5\n\tfmt.Println(len(s), cap(t), s[1], t)\n\tfor i, v := range s {\n\t\tfmt.Println(i, v)\n\t}\n\tfmt.Println()\n}\n',
     ['4 5 7 [x ]', '0 1', '1 7', '2 3', '3 4', '']),
    ('printf',
     'package main\n\nimport (\n\t"context"\n\t"errors"\n\t"fmt"\n\t"runtime"\n\t"sync"\n\t"time"\n)\n\nvar _ = context.Background()\nvar _ = errors.New("")\nvar _ = runtime.NumGoroutine()\nvar _ sync.Mutex\nvar _ = time.Now()\n\nfunc main() {\n\tfmt.Printf("%d %s %v %t %q\\n", 1, "a", 2*time.Millisecond, true, "q")\n\tfmt.Print("x", 1)\n\tprintln("stderr", 1)\n\tfmt.Println()\n}\n',
     ['1 a 2ms true "q"', 'x1']),
    ('consts',
     'package main\n\nimport (\n\t"context"\n\t"errors"\n\t"fmt"\n\t"runtime"\n\t"sync"\n\t"time"\n)\n\nvar _ = context.Background()\nvar _ = errors.New("")\nvar _ = runtime.NumGoroutine()\nvar _ sync.Mutex\nvar _ = time.Now()\n\nfunc main() {\n\tconst (\n\t\tA = iota\n\t\tB\n\t\tC\n\t)\n\tconst d = 5 * time.Millisecond\n\tfmt.Println(A, B, C, d, -7/2, -7%2, 1<<10)\n\tfmt.Println()\n}\n',
     ['0 1 2 5ms -3 -1 1024', '']),
    ('globals',
     'package main\n\nimport (\n\t"context"\n\t"errors"\n\t"fmt"\n\t"runtime"\n\t"sync"\n\t"time"\n)\n\nvar _ = context.Background()\nvar _ = errors.New("")\nvar _ = runtime.NumGoroutine()\nvar _ sync.Mutex\nvar _ = time.Now()\n\nvar wg sync.WaitGroup\nvar counter int\nvar errX = errors.New("x")\n\nfunc main() {\n\twg.Add(1)\n\tgo func() { defer wg.Done(); counter++ }()\n\twg.Wait()\n\tfmt.Println(counter, errX)\n\tfmt.Println()\n}\n',
     ['1 x', '']),
    ('recursion',
     'package main\n\nimport (\n\t"context"\n\t"errors"\n\t"fmt"\n\t"runtime"\n\t"sync"\n\t"time"\n)\n\nvar _ = context.Background()\nvar _ = errors.New("")\nvar _ = runtime.NumGoroutine()\nvar _ sync.Mutex\nvar _ = time.Now()\n\nfunc fib(n int) int {\n\tif n < 2 {\n\t\treturn n\n\t}\n\treturn fib(n-1) + fib(n-2)\n}\n\nfunc main() {\n\tfmt.Println(fib(10))\n\tfmt.Println()\n}\n',
     ['55', '']),
    ('nested_closures',
     'package main\n\nimport (\n\t"context"\n\t"errors"\n\t"fmt"\n\t"runtime"\n\t"sync"\n\t"time"\n)\n\nvar _ = context.Background()\nvar _ = errors.New("")\nvar _ = runtime.NumGoroutine()\nvar _ sync.Mutex\nvar _ = time.Now()\n\nfunc main() {\n\tx := 1\n\tf := func() func() int {\n\t\treturn func() int {\n\t\t\tx++\n\t\t\treturn x\n\t\t}\n\t}\n\tfmt.Println(f()())\n\tfmt.Println()\n}\n',
     ['2', '']),
    ('funcvalues',
     'package main\n\nimport (\n\t"context"\n\t"errors"\n\t"fmt"\n\t"runtime"\n\t"sync"\n\t"time"\n)\n\nvar _ = context.Background()\nvar _ = errors.New("")\nvar _ = runtime.NumGoroutine()\nvar _ sync.Mutex\nvar _ = time.Now()\n\nfunc double(x int) int { return x * 2 }\n\nfunc work(n int) {}\n\nfunc main() {\n\tvar f func(int) int = double\n\tg := double\n\tfmt.Println(f(2), g(3))\n\tgo work(1)\n\tdefer work(2)\n\th := func(a int) { fmt.Println(a) }\n\tgo h(3)\n\tdefer h(4)\n\tfmt.Println()\n}\n',
     ['4 6', '', '4']),
    ('chan_dirs',
     'package main\n\nimport (\n\t"context"\n\t"errors"\n\t"fmt"\n\t"runtime"\n\t"sync"\n\t"time"\n)\n\nvar _ = context.Background()\nvar _ = errors.New("")\nvar _ = runtime.NumGoroutine()\nvar _ sync.Mutex\nvar _ = time.Now()\n\nfunc prod(out chan<- int) { out <- 1 }\n\nfunc cons(in <-chan int) int { return <-in }\n\nfunc main() {\n\tch := make(chan int, 1)\n\tprod(ch)\n\tfmt.Println(cons(ch), len(ch), cap(ch))\n\tvar nilch chan int\n\t_ = nilch == nil\n\tfmt.Println()\n}\n',
     ['1 0 1', '']),
    ('shortcircuit',
     'package main\n\nimport (\n\t"context"\n\t"errors"\n\t"fmt"\n\t"runtime"\n\t"sync"\n\t"time"\n)\n\nvar _ = context.Background()\nvar _ = errors.New("")\nvar _ = runtime.NumGoroutine()\nvar _ sync.Mutex\nvar _ = time.Now()\n\nfunc main() {\n\ta, b := true, false\n\tif a && !b || b {\n\t\tfmt.Println("yes")\n\t}\n\tvar err error\n\tif err != nil {\n\t}\n\tfmt.Println()\n}\n',
     ['yes', '']),
    ('defer_lib',
     'package main\n\nimport (\n\t"context"\n\t"errors"\n\t"fmt"\n\t"runtime"\n\t"sync"\n\t"time"\n)\n\nvar _ = context.Background()\nvar _ = errors.New("")\nvar _ = runtime.NumGoroutine()\nvar _ sync.Mutex\nvar _ = time.Now()\n\nfunc main() {\n\tch := make(chan int)\n\tdefer close(ch)\n\tdefer fmt.Println("bye", 1)\n\tdefer fmt.Printf("%d\\n", 2)\n\tgo fmt.Println("hi")\n\tvar mu sync.Mutex\n\tmu.Lock()\n\tdefer mu.Unlock()\n\tfmt.Println()\n}\n',
     ['', '2', 'bye 1']),
    ('recv_assign',
     'package main\n\nimport (\n\t"context"\n\t"errors"\n\t"fmt"\n\t"runtime"\n\t"sync"\n\t"time"\n)\n\nvar _ = context.Background()\nvar _ = errors.New("")\nvar _ = runtime.NumGoroutine()\nvar _ sync.Mutex\nvar _ = time.Now()\n\nfunc main() {\n\tch := make(chan int, 1)\n\tvar v int\n\tvar ok bool\n\tch <- 1\n\tv, ok = <-ch\n\tselect {\n\tcase v = <-ch:\n\tdefault:\n\t}\n\tfmt.Println(v, ok)\n\tfmt.Println()\n}\n',
     ['1 true', '']),
    ('multi_assign',
     'package main\n\nimport (\n\t"context"\n\t"errors"\n\t"fmt"\n\t"runtime"\n\t"sync"\n\t"time"\n)\n\nvar _ = context.Background()\nvar _ = errors.New("")\nvar _ = runtime.NumGoroutine()\nvar _ sync.Mutex\nvar _ = time.Now()\n\nfunc main() {\n\ta, b := 1, 2\n\ta, b = b, a\n\tfmt.Println(a, b)\n\tvar c, d = 3, "x"\n\tfmt.Println(c, d)\n\tfmt.Println()\n}\n',
     ['2 1', '3 x', '']),
    ('for_forms',
     'package main\n\nimport (\n\t"context"\n\t"errors"\n\t"fmt"\n\t"runtime"\n\t"sync"\n\t"time"\n)\n\nvar _ = context.Background()\nvar _ = errors.New("")\nvar _ = runtime.NumGoroutine()\nvar _ sync.Mutex\nvar _ = time.Now()\n\nfunc main() {\n\tn := 0\n\tfor {\n\t\tn++\n\t\tif n > 3 {\n\t\t\tbreak\n\t\t}\n\t\tcontinue\n\t}\n\tfor n < 10 {\n\t\tn += 2\n\t}\n\tfmt.Println()\n}\n',
     ['']),
    ('if_else_chain',
     'package main\n\nimport (\n\t"context"\n\t"errors"\n\t"fmt"\n\t"runtime"\n\t"sync"\n\t"time"\n)\n\nvar _ = context.Background()\nvar _ = errors.New("")\nvar _ = runtime.NumGoroutine()\nvar _ sync.Mutex\nvar _ = time.Now()\n\nfunc main() {\n\tif x := 1; x > 2 {\n\t} else if x == 1 {\n\t\tfmt.Println(x)\n\t} else {\n\t}\n\tfmt.Println()\n}\n',
     ['1', '']),
]


@pytest.fixture(scope="module")
def simulate():
    api = pytest.importorskip("gostep.api", reason="the stepper (gostep.api) is not available")
    return api.simulate


@pytest.mark.slow
@pytest.mark.parametrize("name,src,want", CASES, ids=[c[0] for c in CASES])
def test_program_prints_what_real_go_printed(simulate, name, src, want):
    """Closures by reference, per-iteration loop variables, defer order and argument evaluation,
    select, switch, slices, constants, globals and printing behave as in real Go."""
    trace = simulate(parse(src, "main.go"), gomaxprocs=1, seed=0)
    assert trace.outcome.exit == "ok", trace.outcome.message
    assert list(trace.outcome.stdout) == want


LOOPVAR = """package main

import "fmt"

func main() {
	var fs []func()
	for i := 0; i < 3; i++ {
		fs = append(fs, func() { fmt.Println(i) })
	}
	for _, v := range []int{7, 8} {
		fs = append(fs, func() { fmt.Println(v) })
	}
	for _, f := range fs {
		f()
	}
}
"""


@pytest.mark.slow
@pytest.mark.parametrize("go,want", [("1.21", ["3", "3", "3", "8", "8"]),
                                     ("1.22", ["0", "1", "2", "7", "8"])])
def test_loop_variables_follow_the_go_version(simulate, go, want):
    """Closures over for-clause and range variables see one shared variable under go 1.21 and
    one variable per iteration from 1.22 (go 1.27.3 with a go.mod saying `go 1.21` / `go 1.22`
    printed exactly these lines)."""
    trace = simulate(parse(LOOPVAR, "main.go", go=go), gomaxprocs=1, seed=0)
    assert list(trace.outcome.stdout) == want
