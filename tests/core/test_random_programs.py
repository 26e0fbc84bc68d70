"""Hypothesis: random goroutine programs (assembled) keep every invariant and never crash."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gostep.api as api
from asm import Fmt, I, assemble, check_invariants, fn

OPS = ["send", "recv", "close", "select", "sleep", "gosched", "work", "print", "go"]


def _body(ops, nchan, line0):
    code = []
    for k, (op, c, v) in enumerate(ops):
        ln = line0 + k
        ch = [(I.LOADG, c % nchan, 0, 0, ln)]
        if op == "send":
            code += ch + [(I.PUSH, v, 0, 0, ln), (I.SEND, 0, 0, 0, ln)]
        elif op == "recv":
            code += ch + [(I.RECV, 0, 0, 0, ln), (I.POP, 0, 0, 0, ln)]
        elif op == "close":
            code += ch + [(I.CLOSE, 0, 0, 0, ln)]
        elif op == "select":
            code += [(I.PUSH, 2, 0, 0, ln)] + ch + [(I.PUSH, 0, 0, 0, ln), (I.PUSH, 1, 0, 0, ln),
                                                    (I.LOADG, (c + 1) % nchan, 0, 0, ln),
                                                    (I.PUSH, v, 0, 0, ln),
                                                    (I.SELECT, 2, v % 2, 0, ln), (I.POP, 0, 0, 0, ln),
                                                    (I.POP, 0, 0, 0, ln), (I.POP, 0, 0, 0, ln)]
        elif op == "sleep":
            code += [(I.PUSH, v * 1000, 0, 0, ln), (I.SLEEP, 0, 0, 0, ln)]
        elif op == "gosched":
            code += [(I.GOSCHED, 0, 0, 0, ln)]
        elif op == "work":
            code += [(I.WORK, v * 100, 0, 0, ln)]
        elif op == "print":
            code += [(I.PUSH, v, 0, 0, ln), (I.PRINT, 0, 1, 0, ln)]
        elif op == "go":
            code += [(I.GO, f"main.g{v % 3}", 0, 0, ln)]
    return code


op_st = st.tuples(st.sampled_from(OPS), st.integers(0, 3), st.integers(0, 9))


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(caps=st.lists(st.integers(0, 2), min_size=1, max_size=3),
       bodies=st.lists(st.lists(op_st, max_size=8), min_size=4, max_size=4),
       procs=st.integers(1, 3), seed=st.integers(0, 1000))
def test_random_programs_keep_invariants(caps, bodies, procs, seed):
    """Any mix of sends, receives, closes, selects, sleeps and go statements over shared
    channels ends in a defined outcome with every invariant holding at every step."""
    init = []
    for k, cap in enumerate(caps):
        init += [(I.PUSH, cap, 0, 0, 2), (I.MAKECHAN, 0, 0, 0, 2), (I.STOREG, k, 0, 0, 2)]
    main = init + [(I.GO, "main.g0", 0, 0, 3), (I.GO, "main.g1", 0, 0, 3)] + _body(bodies[0], len(caps), 10)
    main += [(I.EXIT, 0, 0, 0, 99)]
    funcs = [fn("main.main", code=main)] + [
        fn(f"main.g{k}", flags=I.FN_STACKCHECK, code=_body(bodies[k + 1], len(caps), 20 + 10 * k) or [(I.NOP,)])
        for k in range(3)]
    prog = assemble(funcs, n_globals=len(caps), fmts=[Fmt(1, "", (I.T_INT,))])
    tr = api.simulate(prog, gomaxprocs=procs, seed=seed, timeout="100ms", max_steps=20000,
                      capacities={"max_g": 64})
    assert tr.outcome.exit in ("ok", "panic", "deadlock", "hang", "fatal")
    if tr.outcome.exit == "fatal":
        assert "capacity" in tr.outcome.message and "max_g" in tr.outcome.message
    check_invariants(tr)
