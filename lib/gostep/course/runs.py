"""Many runs of one program: the model over seeds, real Go over processes, as delays in ms.

A chapter's histogram needs one number per run: the delay a program prints on its `observed:` line
(for example `fmt.Println("observed:", time.Since(start))`). `model_delays` runs the stepper over
many seeds (one `simulate` per seed, without recording frames);
`real_delays` builds the file once and runs it N times on real Go. A run that hangs, or prints no
`observed:` line, gives None (the histogram counts it apart).
"""
from __future__ import annotations

from .checks import observed_ms, outcome_of


def model_delays(prog, seeds=range(100), label: str = "observed:", **settings) -> list:
    """The `observed:` delay (ms) of each seed's model run, None where it hung or printed none.

    One `simulate(..., record=False)` per seed: `gostep.sweep` is faster but returns times of a
    source line, not the program's output, and the chapters measure what the program prints, as
    real Go does."""
    import gostep as gs
    outs = []
    for s in seeds:
        try:
            tr = gs.simulate(prog, seed=s, record=False, **settings)
        except TypeError:  # a stepper without the record switch
            tr = gs.simulate(prog, seed=s, **settings)
        outs.append(outcome_of(tr))
    return [observed_ms(o, label) if o["exit"] == "ok" else None for o in outs]


def real_delays(program, runs: int = 30, label: str = "observed:", timeout: str = "2s",
                **settings) -> list:
    """The `observed:` delay (ms) of each of `runs` real Go runs, None for a hang."""
    import gostep as gs
    res = gs.real.run(program, runs=runs, timeout=timeout, **settings)
    res = res if isinstance(res, list) else [res]
    outs = [outcome_of(r) for r in res]
    return [observed_ms(o, label) if o["exit"] == "ok" else None for o in outs]
