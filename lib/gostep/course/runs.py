"""Many runs of one program: the model over seeds, real Go over processes, as delays in ms.

A chapter's histogram needs one number per run: the delay a program prints on its `observed:` line
(for example `fmt.Println("observed:", time.Since(start))`). `model_delays` runs the stepper over
many seeds (through `gostep.sweep` when it returns stdout lines, else one `simulate` per seed);
`real_delays` builds the file once and runs it N times on real Go. A run that hangs, or prints no
`observed:` line, gives None (the histogram counts it apart).
"""
from __future__ import annotations

from .checks import observed_ms, outcome_of


def model_delays(prog, seeds=range(100), label: str = "observed:", **settings) -> list:
    """The `observed:` delay (ms) of each seed's model run, None where it hung or printed none."""
    import gostep as gs
    outs = None
    sweep = getattr(gs, "sweep", None)
    if sweep is not None:
        try:
            res = sweep(prog, seeds=list(seeds), **settings)
            outs = [outcome_of(o) for o in _outcomes(res)]
        except Exception:
            outs = None
    if outs is None:
        outs = [outcome_of(gs.simulate(prog, seed=s, **settings)) for s in seeds]
    return [observed_ms(o, label) if o["exit"] == "ok" else None for o in outs]


def _outcomes(res):
    for name in ("outcomes", "results"):
        if hasattr(res, name):
            return list(getattr(res, name))
    return list(res)


def real_delays(program, runs: int = 30, label: str = "observed:", timeout: str = "2s",
                **settings) -> list:
    """The `observed:` delay (ms) of each of `runs` real Go runs, None for a hang."""
    import gostep as gs
    res = gs.real.run(program, runs=runs, timeout=timeout, **settings)
    res = res if isinstance(res, list) else [res]
    outs = [outcome_of(r) for r in res]
    return [observed_ms(o, label) if o["exit"] == "ok" else None for o in outs]
