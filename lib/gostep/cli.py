"""The command line: `python -m gostep simulate|real|compare|fidelity ...`.

# The contract (shared go-subset page, "Command-line contract")

    simulate FILE [--gomaxprocs N] [--godebug K=V[,K=V]] [--go VERSION] [--seed S] [--timeout D] [--json]
    real     FILE [--gomaxprocs N] [--godebug K=V[,K=V]] [--go VERSION] [--timeout D] [--runs N] [--json]
    compare  FILE [--gomaxprocs N] [--godebug ...] [--go VERSION] [--timeout D] [--runs N] [--json]
    fidelity [FILE ...] [--no-real] [--json]

`--json` prints one JSON object per result (the outcome shape: exit, stdout, stderr, message,
goroutines_at_exit, elapsed_ns); `real --runs N` prints a JSON list. Exit status: 0 when a result
was produced (whatever the Go program did), 2 for bad usage, an unreadable file, a file outside the
stepper's subset or a missing toolchain, 1 when the stepper is not available in this checkout.
Every error is one line on stderr, "gostep <command>: <what>", never a traceback.

Alternatives rejected: click/typer (a dependency for four commands); exit status mirroring the
Go program's (the contract separates "a result was produced" from "what the program did").
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_OK, EXIT_UNAVAILABLE, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    def __init__(self, msg, status=EXIT_USAGE):
        super().__init__(msg)
        self.status = status


def _duration(text):
    from gostep.durations import parse_duration
    try:
        if parse_duration(text, "--timeout") < 0:
            raise ValueError(f"--timeout={text}: a negative time limit")
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    return text


def _gomaxprocs(text):
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if not 1 <= n <= 256:
        raise argparse.ArgumentTypeError(f"must be in 1..256, got {n}")
    return n


def _positive(text):
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {n}")
    return n


def _godebug(text):
    import re
    if text and not re.fullmatch(r"[a-z0-9_.]+=[^,\s]*(,[a-z0-9_.]+=[^,\s]*)*", text):
        raise argparse.ArgumentTypeError(f"expected K=V[,K=V], got {text!r}")
    return text


def _version(text):
    from gostep.real.toolchain import normalize_version
    try:
        return normalize_version(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m gostep",
                                 description="Step through the Go runtime: the model and real Go.")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def settings(p, seed=False, runs=None):
        p.add_argument("file", metavar="FILE", help="a Go program (package main)")
        p.add_argument("--gomaxprocs", type=_gomaxprocs, default=1, metavar="N")
        p.add_argument("--godebug", type=_godebug, default="", metavar="K=V[,K=V]")
        p.add_argument("--go", type=_version, default="1.27", metavar="VERSION")
        p.add_argument("--timeout", type=_duration, default="10s", metavar="DURATION")
        if seed:
            p.add_argument("--seed", type=int, default=0, metavar="S")
        if runs is not None:
            p.add_argument("--runs", type=_positive, default=runs, metavar="N")
        p.add_argument("--json", action="store_true", help="print JSON")

    settings(sub.add_parser("simulate", help="run FILE on the model"), seed=True)
    settings(sub.add_parser("real", help="run FILE on real Go"), runs=1)
    settings(sub.add_parser("compare", help="real Go N times vs the model with N seeds"), runs=3)
    f = sub.add_parser("fidelity", help="every header case: model vs real Go; last line fidelity: K/N")
    f.add_argument("files", nargs="*", metavar="FILE", help="default: course/programs/*.go")
    f.add_argument("--no-real", action="store_true", help="check only the model against the headers")
    f.add_argument("--json", action="store_true")
    return ap


def _readable(path: str) -> str:
    p = Path(path)
    try:
        p.read_text()
    except (OSError, UnicodeDecodeError) as e:
        raise CliError(f"cannot read {path}: {getattr(e, 'strerror', None) or e}") from None
    return path


def format_outcome(o, label="") -> str:
    lines = [f"{label}exit: {o.exit}" + (f" ({o.message})" if o.message else "")]
    lines += [f"  {ln}" for ln in o.stdout] or ["  (no output)"]
    if o.exit != "ok" and o.stderr:
        lines += ["stderr:"] + [f"  {ln}" for ln in o.stderr[:20]]
        if len(o.stderr) > 20:
            lines.append(f"  ... ({len(o.stderr) - 20} more lines)")
    if o.goroutines_at_exit is not None:
        lines.append(f"goroutines at exit: {o.goroutines_at_exit}")
    lines.append(f"elapsed: {o.elapsed_ns / 1e6:.3f} ms")
    if getattr(o, "truncated", False):
        lines.append(f"output truncated at {o.output_cap} bytes per stream")
    return "\n".join(lines)


def cmd_simulate(a) -> int:
    from gostep.real.compare import ModelUnavailable, Unsupported, simulate_outcome
    path = _readable(a.file)
    try:
        o = simulate_outcome(path, gomaxprocs=a.gomaxprocs, godebug=a.godebug,
                             go=a.go, seed=a.seed, timeout=a.timeout)
    except ModelUnavailable as e:
        raise CliError(str(e), EXIT_UNAVAILABLE) from None
    except Unsupported as e:
        raise CliError(str(e)) from None
    except Exception as e:  # a bug in the model: one line, not a traceback
        first = (str(e).strip().splitlines() or [""])[0]
        raise CliError(f"the model failed on {a.file}: {type(e).__name__}: {first}",
                       EXIT_UNAVAILABLE) from None
    print(json.dumps(o.to_json()) if a.json else format_outcome(o, "model "))
    return EXIT_OK


def cmd_real(a) -> int:
    from gostep.real import RealRunError, ToolchainMissing, run
    try:
        res = run(_readable(a.file), gomaxprocs=a.gomaxprocs, godebug=a.godebug, go=a.go,
                  timeout=a.timeout, runs=a.runs)
    except (RealRunError, ToolchainMissing) as e:
        raise CliError(str(e)) from None
    results = res if isinstance(res, list) else [res]
    if a.json:
        js = [dict(r.to_json(), truncated=r.truncated, go_version=r.go_version) for r in results]
        print(json.dumps(js if a.runs > 1 else js[0]))
    else:
        for i, r in enumerate(results):
            label = f"run {i + 1}: " if len(results) > 1 else ""
            print(format_outcome(r, label + f"real go{r.go_version} "))
    return EXIT_OK


def cmd_compare(a) -> int:
    from gostep.real import RealRunError, ToolchainMissing
    from gostep.real.compare import compare
    try:
        rep = compare(_readable(a.file), gomaxprocs=a.gomaxprocs, godebug=a.godebug, go=a.go,
                      timeout=a.timeout, runs=a.runs)
    except (RealRunError, ToolchainMissing) as e:
        raise CliError(str(e)) from None
    print(json.dumps(rep.to_json()) if a.json else rep.text())
    return EXIT_OK


def cmd_fidelity(a) -> int:
    from gostep.corpus import CorpusError
    from gostep.real.compare import fidelity, fidelity_line
    files = [_readable(f) for f in a.files] or None

    def progress(row):
        if a.json:
            return
        c = row.case
        s = c.settings()
        print(f"{c.id:45} P={s['gomaxprocs']} go{s['go']:5} {s['godebug'] or '-':18}"
              f" real:{'n/a' if row.real_problems is None else 'ok' if not row.real_problems else 'DIFFERS from header'}"
              f" model:{'ok' if row.model_problems == [] else ('n/a' if row.model_problems is None else 'DIFFERS')}"
              f"  -> {row.status}", flush=True)
        for p in (row.real_problems or [])[:3]:
            print(f"    real: {p.splitlines()[0]}")
        for p in (row.model_problems or [])[:3]:
            print(f"    model: {p.splitlines()[0]}")
        if row.real_error and row.real_problems is None:
            print(f"    real: {row.real_error}")
        if row.model_error and row.model_problems is None:
            print(f"    model: {row.model_error.splitlines()[0]}")
        if row.case.model_note and row.model_problems:
            print(f"    note: {row.case.model_note}")
    try:
        rows = fidelity(files, real=not a.no_real, progress=progress)
    except CorpusError as e:
        raise CliError(str(e)) from None
    if a.json:
        print(json.dumps({"cases": [{"case": r.case.id, "settings": r.case.settings(),
                                     "status": r.status, "real_problems": r.real_problems,
                                     "real_error": r.real_error or None,
                                     "model_problems": r.model_problems,
                                     "model_error": r.model_error or None} for r in rows],
                          "agree": sum(r.agree for r in rows), "total": len(rows)}))
    print(fidelity_line(rows))
    return EXIT_OK


def main(argv=None) -> int:
    ap = build_parser()
    a = ap.parse_args(argv)    # bad usage: argparse prints usage and exits 2
    try:
        return {"simulate": cmd_simulate, "real": cmd_real, "compare": cmd_compare,
                "fidelity": cmd_fidelity}[a.command](a)
    except CliError as e:
        print(f"gostep {a.command}: {e}", file=sys.stderr)
        return e.status
    except KeyboardInterrupt:
        print(f"gostep {a.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader left (`gostep simulate FILE | head`): the result was produced, so exit 0,
        # quietly. stdout goes to /dev/null so the interpreter's final flush cannot raise again
        # (the recipe of Python's signal module documentation, "Note on SIGPIPE").
        import os
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
