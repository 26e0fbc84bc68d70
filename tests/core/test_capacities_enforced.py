"""Each capacity of Cfg is enforced by its own allocator (issue 17): a program that needs one more
object (or heap slot) of a kind than its capacity ends with a message naming exactly that
capacity, and the automatic growth doubles that capacity and no other."""
import pytest

import gostep.api as api
from gostep import front
from gostep.core import defs as D

# capacity -> (the small value the test sets, a program that needs more than that of it and
# stays within every other default)
PROGRAMS = {
    "max_sync": (3, """package main

import "sync"

func main() {
	for i := 0; i < 5; i++ {
		var wg sync.WaitGroup
		wg.Add(1)
		wg.Done()
	}
}
"""),
    "max_clo": (3, """package main

func main() {
	for i := 0; i < 5; i++ {
		f := func() {}
		f()
	}
}
"""),
    "clo_heap": (3, """package main

func main() {
	for i := 0; i < 5; i++ {
		x := i
		f := func() int { return x }
		f()
	}
}
"""),
    "max_box": (3, """package main

func main() {
	for i := 0; i < 5; i++ {
		x := i
		func() { x++ }()
	}
}
"""),
    "max_slice": (3, """package main

func main() {
	for i := 0; i < 5; i++ {
		s := make([]int, 1)
		s[0] = i
	}
}
"""),
    "heap": (50, """package main

func main() {
	s := make([]int, 40)
	t := make([]int, 40)
	s[0] = t[0]
}
"""),
    "max_iface": (3, """package main

func try() {
	defer func() { recover() }()
	panic("x")
}

func main() {
	for i := 0; i < 5; i++ {
		try()
	}
}
"""),
    "max_defer": (3, """package main

func noop() {}

func one() {
	defer noop()
}

func main() {
	for i := 0; i < 5; i++ {
		one()
	}
}
"""),
    "defer_heap": (3, """package main

func use(a int) {}

func one(i int) {
	defer use(i)
}

func main() {
	for i := 0; i < 5; i++ {
		one(i)
	}
}
"""),
    "max_err": (3, """package main

import "errors"

func main() {
	for i := 0; i < 5; i++ {
		err := errors.New("x")
		_ = err
	}
}
"""),
    "chan_heap": (5, """package main

func main() {
	c := make(chan int, 10)
	c <- 1
}
"""),
    "out_heap": (5, """package main

import "fmt"

func main() {
	for i := 0; i < 3; i++ {
		fmt.Println(i, i, i)
	}
}
"""),
}


@pytest.fixture(scope="module")
def progs():
    return {name: front.parse(src, f"{name}.go") for name, (_, src) in PROGRAMS.items()}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_program_runs_within_the_defaults(progs, name):
    """Each program runs to completion with the default capacities."""
    tr = api.simulate(progs[name], timeout="1s")
    assert tr.outcome.exit == "ok", tr.outcome.message


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_exceeding_a_capacity_names_exactly_it(progs, name):
    """A program needing more than a capacity the caller fixed ends on a message naming it."""
    small = PROGRAMS[name][0]
    tr = api.simulate(progs[name], timeout="1s", capacities={name: small})
    assert tr.end_kind == "capacity"
    assert tr.outcome.message == (f"gostep capacity: more than {name}={small}; raise it with "
                                  f"capacities={{'{name}': ...}}")


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_automatic_growth_grows_that_capacity_only(progs, name):
    """Started below what the program needs, the run grows that one capacity and ends ok."""
    small = PROGRAMS[name][0]
    cfg = D.Cfg(timeout_ns=1_000_000_000)._replace(**{name: small})
    st, grown = api._run(progs[name], cfg)
    assert int(st.sc[D.S_END]) == D.END_OK
    changed = {f for f in D.Cfg._fields if getattr(grown, f) != getattr(cfg, f)}
    assert changed == {name}
    assert getattr(grown, name) > small
