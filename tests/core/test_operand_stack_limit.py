"""The operand stack: each frame reserves the verifier's depth, and overflowing the per-G stack is
a named limit, the same with the JIT and with NUMBA_DISABLE_JIT=1."""
import dataclasses
import os
import subprocess
import sys

import numpy as np
import pytest

import gostep.api as api
from gostep.front import parse
from gostep.model.verify import verify

ARGS = ", ".join(str(i) for i in range(1, 41))

# rec(28): 29 frames of rec (one parameter, one local, the result), then a fmt.Println of 40
# arguments on top. With a fixed reservation of 32 operand slots per frame the arguments ran past
# the G's stack (IndexError without the JIT, a silent write into the next G's stack with it); with
# the verifier's 40 the last frame needs 84 + 3 + 40 = 127 slots, so 128 fit and 120 do not.
def deep(n=28):
    return f"""package main

import "fmt"

func rec(n int) int {{
	x := n + 1
	_ = x
	if n == 0 {{
		fmt.Println({ARGS})
		return 0
	}}
	return rec(n-1) + 1
}}

func main() {{
	fmt.Println(rec({n}))
}}
"""


# one function whose own frame needs more than a small fixed stack
WIDE = f"""package main

import "fmt"

func main() {{
	fmt.Println({ARGS})
}}
"""

SCRIPT = """
import sys
sys.path.insert(0, {here!r})
from test_operand_stack_limit import outcomes
sys.stdout.write(repr(outcomes()))
"""


def outcomes():
    """The outcomes the JIT/no-JIT comparison looks at (also run in a NUMBA_DISABLE_JIT=1 child)."""
    prog = parse(deep(), "deep.go")
    runs = [api.simulate(prog), api.simulate(prog, capacities={"stack": 120}),
            api.simulate(parse(deep(40), "deep.go"))]
    return [(t.outcome.exit, t.outcome.stdout, t.outcome.message, t.to_text()) for t in runs]


def test_compiled_functions_carry_the_verifiers_depths():
    """The compiler stores each function's maximum operand-stack depth, as the verifier computes it."""
    prog = parse(deep(), "deep.go")
    problems, depths = verify(prog)
    assert problems == []
    assert prog.fn_maxstack.tolist() == depths
    assert depths[prog.fn_names.index("main.rec")] == 40


@pytest.mark.parametrize("n", [28, 40])
def test_deep_recursion_then_a_wide_print_runs_to_the_end(n):
    """The recursion followed by a 40-argument Println prints what Go prints (the stack grows when
    it must)."""
    tr = api.simulate(parse(deep(n), "deep.go"))
    assert tr.outcome.exit == "ok"
    assert tr.outcome.stdout == (ARGS.replace(",", ""), str(n))


def test_overflowing_a_fixed_stack_is_the_named_stack_limit():
    """With the stack fixed at 120 slots the run ends on the stack capacity, named in the message."""
    tr = api.simulate(parse(deep(), "deep.go"), capacities={"stack": 120})
    assert tr.end_kind == "capacity"
    assert tr.outcome.exit == "fatal"
    assert "stack=120" in tr.outcome.message
    assert tr.outcome.stdout == ()      # nothing was printed from a stack that did not fit


def test_a_frame_larger_than_a_fixed_stack_is_refused_before_the_run():
    """A function whose own frame exceeds the fixed stack is refused up front, naming it and the limit."""
    with pytest.raises(api.CapacityError) as e:
        api.simulate(parse(WIDE, "wide.go"), capacities={"stack": 32})
    msg = str(e.value)
    assert "main.main" in msg and "stack=32" in msg and "40 operands" in msg
    with pytest.raises(api.CapacityError):
        api.sweep(parse(WIDE, "wide.go"), seeds=range(2), capacities={"stack": 32})


def test_a_frame_the_grown_stack_still_cannot_hold_is_refused():
    """Without a fixed stack, a frame beyond what the automatic growth reaches is refused too."""
    prog = parse(WIDE, "wide.go")
    huge = np.array([10 ** 7] + [int(x) for x in prog.fn_maxstack[1:]], dtype=np.int64)
    prog = dataclasses.replace(prog, fn_maxstack=huge)
    with pytest.raises(api.CapacityError, match="grows to at most"):
        api.simulate(prog)


def test_hand_assembled_programs_get_their_depths_from_the_verifier():
    """A program built without the compiler runs: the API fills in the verifier's depths."""
    from asm import prog_pingpong
    prog = prog_pingpong()
    assert prog.fn_maxstack is None
    assert api.simulate(prog).outcome.exit == "ok"


@pytest.mark.slow
def test_jit_and_nojit_agree_on_the_stack_limit():
    """The grown run and the fixed-stack limit give identical traces with and without the JIT."""
    here = os.path.dirname(os.path.abspath(__file__))
    env = dict(os.environ, NUMBA_DISABLE_JIT="1")
    res = subprocess.run([sys.executable, "-c", SCRIPT.format(here=here)], env=env,
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr[-2000:]
    assert eval(res.stdout) == outcomes()
