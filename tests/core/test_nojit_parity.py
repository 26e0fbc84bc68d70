"""The compiled stepper and NUMBA_DISABLE_JIT=1 give the same traces (a small, fast subset)."""
import os
import pathlib
import subprocess
import sys

import gostep.api as api
from asm import prog_pingpong, prog_recover, prog_select2, prog_spin_timeout

HERE = pathlib.Path(__file__).parents[1]     # tests/: asm.py
SCRIPT = """
import sys
sys.path.insert(0, {here!r})
import gostep.api as api
from asm import prog_pingpong, prog_recover, prog_select2, prog_spin_timeout
out = [api.simulate(prog_pingpong()).to_text(), api.simulate(prog_recover()).to_text(),
       api.simulate(prog_select2(), seed=3).to_text(),
       api.simulate(prog_spin_timeout("gosched"), timeout="20ms", gomaxprocs=2).to_text(),
       api.simulate(prog_spin_timeout("work"), os_choices=True, choices=[1, 0]).to_text()]
sys.stdout.write("\\x00".join(out))
"""


def test_jit_and_nojit_traces_are_identical():
    """Five runs (one with the OS's sysmon decision taken late) traced with and without JIT produce byte-identical text traces."""
    env = dict(os.environ, NUMBA_DISABLE_JIT="1")
    res = subprocess.run([sys.executable, "-c", SCRIPT.format(here=str(HERE))], env=env,
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]
    nojit = res.stdout.split("\x00")
    jit = [api.simulate(prog_pingpong()).to_text(), api.simulate(prog_recover()).to_text(),
           api.simulate(prog_select2(), seed=3).to_text(),
           api.simulate(prog_spin_timeout("gosched"), timeout="20ms", gomaxprocs=2).to_text(),
           api.simulate(prog_spin_timeout("work"), os_choices=True, choices=[1, 0]).to_text()]
    assert len(nojit) == 5
    for a, b in zip(jit, nojit):
        assert a == b
