"""The model beside real Go: compare outcome sets, and measure fidelity over the course corpus.

# What "agree" means

Real Go is not deterministic and the model draws its choices from a seed, so one run of each
proves little. `compare` runs real Go N times and the model with seeds 0..N-1 and compares the
*sets* of observed outcomes. An outcome is reduced to a signature: exit kind, message (without
Go's "panic: " / "fatal error: " prefix), goroutines at exit (exit ok only), and stdout. Stdout is
compared through the file's header when it has a case for these settings: an output that matches
the case's expected lines (with their {dur:..} bands) is replaced by those lines, so "20.31ms" and
"21.02ms" are one outcome and "5.2ms" is another. Without a header case, durations printed by the
program are replaced by `{dur}` (they would never repeat) and the report says so.

`fidelity` goes case by case over every course/programs/*.go header: real Go against the header
(a stale header is reported), the model against the header, and K counts the cases where both
agree with it, i.e. where the model agrees with real Go. A case with `gostep:model-note` is shown
as "noted" when the model differs; it still does not count in K.

Alternatives rejected: comparing single runs (flaky on programs that race by design); requiring
the model to reproduce real Go's outcome frequencies (N is small; frequencies belong in the
chapters' sweeps).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from gostep.corpus import (DURATION_RE, Case, course_programs, match_stdout, normalize_message,
                           read_cases)
from gostep.trace.frame import Outcome


class ModelUnavailable(RuntimeError):
    """The stepper (gostep.api.simulate) is not in this checkout yet."""


class Unsupported(RuntimeError):
    """The front end refuses the file: valid Go outside the stepper's subset."""


def model_available() -> bool:
    try:
        import gostep.api  # noqa: F401
        return hasattr(gostep.api, "simulate")
    except ImportError:
        return False


def simulate_outcome(path, gomaxprocs=1, godebug="", go="1.27", seed=0, timeout="10s") -> Outcome:
    """The model's outcome for a file (a compile error in the front end is exit compile_error)."""
    try:
        from gostep.api import simulate
        from gostep.front import load
    except ImportError as e:
        raise ModelUnavailable(f"the stepper is not available yet ({e}): gostep.api.simulate "
                               "is being written") from None
    from gostep.front.errors import GoSourceError
    try:
        prog = load(str(path), go=go)   # the API and language rules follow the version
    except GoSourceError as e:
        if e.kind == "unsupported":
            raise Unsupported(str(e).splitlines()[0]) from None
        # FILE:LINE:COL with the file's base name, as `go run FILE` in its folder prints it
        name = Path(path).name
        lines = tuple(re.sub(rf"^\S*/{re.escape(name)}:", f"{name}:", ln) for ln in str(e).splitlines())
        return Outcome("compile_error", (), lines, lines[0] if lines else "", None, 0)
    try:   # record=False: only the outcome is needed, not the frames
        trace = simulate(prog, gomaxprocs=gomaxprocs, godebug=godebug, go=go, seed=seed,
                         timeout=timeout, record=False)
    except ValueError as e:   # settings the model refuses (e.g. gomaxprocs > 8)
        raise Unsupported(f"the model refuses these settings: {e}") from None
    return trace.outcome


def real_outcomes(path, runs=3, **settings) -> list:
    from gostep.real.runner import run
    res = run(path, runs=runs, **settings)
    return res if isinstance(res, list) else [res]


def real_problems(case, runs: int) -> list:
    """What `runs` real runs of a header case got wrong against the header, each line prefixed
    with its run ("run 2: stdout line 3 ..."); empty when every run agrees."""
    problems = []
    for i, r in enumerate(real_outcomes(case.file, runs=runs, **case.settings())):
        problems += [f"run {i + 1}: {p}" for p in case.check(r)]
    return problems


def find_case(path, gomaxprocs=1, godebug="", go="1.27") -> Case | None:
    """The header case of a file whose settings are these, if any."""
    try:
        cases = read_cases(path)
    except Exception:
        return None
    for c in cases:
        if (c.gomaxprocs, c.godebug, c.go) == (gomaxprocs, godebug, go):
            return c
    return None


def signature(o, case: Case | None = None) -> tuple:
    """An outcome reduced to what compare compares (see the design block)."""
    stdout = tuple(o.stdout)
    if case is not None and case.stdout is not None and match_stdout(case.stdout, stdout)[0]:
        stdout = tuple(case.stdout)
    elif case is None:
        stdout = tuple(re.sub(rf"(?<![\w.]){DURATION_RE}(?![\w])", "{dur}", ln) for ln in stdout)
    ngo = o.goroutines_at_exit if o.exit == "ok" else None
    msg = normalize_message(o.message)
    if o.exit == "compile_error":
        msg = msg.split(": ", 1)[-1] if re.match(r"[^:]+:\d+:\d+: ", msg) else msg
    return (o.exit, msg, ngo, stdout)


def describe(sig: tuple) -> str:
    exit_, msg, ngo, stdout = sig
    head = f"exit={exit_}" + (f" message={msg!r}" if msg else "") + \
        (f" goroutines={ngo}" if ngo is not None else "")
    return head + "".join(f"\n      | {ln}" for ln in stdout)


@dataclass
class CompareReport:
    file: str
    settings: dict
    runs: int
    case: str | None
    real: Counter = field(default_factory=Counter)
    model: Counter = field(default_factory=Counter)
    model_error: str = ""

    @property
    def agree(self) -> bool:
        return not self.model_error and set(self.real) == set(self.model)

    def text(self) -> str:
        out = [f"{Path(self.file).name} {' '.join(f'{k}={v}' for k, v in self.settings.items())}"
               f" runs={self.runs} header-case={self.case or '(none: durations compared as {dur})'}"]
        for sig in sorted(set(self.real) | set(self.model), key=repr):
            where = ("both      " if sig in self.real and sig in self.model else
                     "real only " if sig in self.real else "model only")
            out.append(f"  {where} real x{self.real.get(sig, 0)} model x{self.model.get(sig, 0)}: "
                       + describe(sig))
        if self.model_error:
            out.append(f"  model: {self.model_error}")
        out.append("agree: yes" if self.agree else "agree: NO")
        return "\n".join(out)

    def to_json(self) -> dict:
        def rows(c):
            return [{"exit": s[0], "message": s[1], "goroutines_at_exit": s[2],
                     "stdout": list(s[3]), "count": n} for s, n in c.items()]
        return {"file": self.file, "settings": self.settings, "runs": self.runs,
                "header_case": self.case, "agree": self.agree, "real": rows(self.real),
                "model": rows(self.model), "model_error": self.model_error or None,
                "only_real": rows(Counter({s: n for s, n in self.real.items() if s not in self.model})),
                "only_model": rows(Counter({s: n for s, n in self.model.items() if s not in self.real}))}


def compare(path, gomaxprocs=1, godebug="", go="1.27", timeout="10s", runs=3) -> CompareReport:
    """Run real Go `runs` times and the model with seeds 0..runs-1; compare the outcome sets."""
    settings = {"gomaxprocs": gomaxprocs, "godebug": godebug, "go": go, "timeout": timeout}
    case = find_case(path, gomaxprocs, godebug, go)
    rep = CompareReport(str(path), settings, runs, case.name if case else None)
    for r in real_outcomes(path, runs=runs, **settings):
        rep.real[signature(r, case)] += 1
    try:
        for seed in range(runs):
            rep.model[signature(simulate_outcome(path, seed=seed, **settings), case)] += 1
    except (ModelUnavailable, Unsupported) as e:
        rep.model_error = str(e)
    except Exception as e:  # a crash of the model is reported, not raised
        rep.model_error = f"model crashed: {type(e).__name__}: {(str(e).splitlines() or [''])[0]}"
    return rep


@dataclass
class FidelityRow:
    """One header case: real Go and the model, each against the header.

    K counts a case when the model matches the header and real Go, run now, matches it too (or,
    with real=False / a toolchain missing, when the model matches the recorded real outcome)."""
    case: Case
    real_problems: list | None      # None: real Go was not run (see real_error)
    model_problems: list | None     # None: the model could not run (see model_error)
    model_error: str = ""
    real_error: str = ""

    @property
    def agree(self) -> bool:
        return not self.real_problems and self.model_problems == []

    @property
    def status(self) -> str:
        if self.agree:
            return "agree"
        if self.real_problems:
            return "header stale"
        if self.model_problems is None:
            return "model n/a"
        return "noted" if self.case.model_note else "DIFFER"


def check_case(case: Case, real: bool = True, model: bool = True) -> FidelityRow:
    """Real Go and the model against one header case (case.runs runs / seeds each)."""
    from gostep.real.toolchain import ToolchainMissing
    real_problems, real_error = None, "real Go not run"
    if real:
        try:
            real_problems = []
            for r in real_outcomes(case.file, runs=case.runs, **case.settings()):
                real_problems += [p for p in case.check(r) if p not in real_problems]
            real_error = ""
        except ToolchainMissing as e:
            real_problems, real_error = None, str(e)
    model_problems, err = None, ""
    if model:
        try:
            model_problems = []
            for seed in range(case.runs):
                o = simulate_outcome(case.file, seed=seed, **case.settings())
                model_problems += [f"seed {seed}: {p}" for p in case.check(o)]
        except (ModelUnavailable, Unsupported) as e:
            model_problems, err = None, str(e)
        except Exception as e:  # a crash of the model is a finding, not a reason to stop
            model_problems = None
            err = f"model crashed: {type(e).__name__}: {(str(e).splitlines() or [''])[0]}"
    else:
        err = "model not run"
    return FidelityRow(case, real_problems, model_problems, err, real_error)


def fidelity(paths=None, real: bool = True, model: bool = True, progress=None) -> list:
    rows = []
    for p in paths or course_programs():
        for case in read_cases(p):
            row = check_case(case, real=real, model=model)
            rows.append(row)
            if progress:
                progress(row)
    return rows


def fidelity_line(rows) -> str:
    return f"fidelity: {sum(r.agree for r in rows)}/{len(rows)}"
