"""The front end: Go source -> checked program model -> CompiledProgram.

    prog = gostep.front.parse(source, name="main.go", go="1.27")
    prog = gostep.front.load("course/programs/ping_pong.go")

Pipeline (each step its own module): build.py (tree-sitter-go -> model/ast.py, syntax and
unsupported-construct errors), check.py (names, types, gc's compile errors, version gating),
model/compile.py (lowering to the flat arrays of model/isa.py). Any failure is a GoSourceError
whose str is gc-style `FILE:LINE:COL: message` lines.
"""
from __future__ import annotations

from pathlib import Path

from .errors import Bail, ErrorList, GoSourceError

__all__ = ["parse", "load", "GoSourceError", "parse_version"]


def parse_version(go) -> tuple:
    """"1.27" / "go1.22" / "1.22.10" / (1, 22) -> (1, 22)."""
    if isinstance(go, tuple):
        return tuple(go[:2])
    s = str(go).strip()
    if s.startswith("go"):
        s = s[2:]
    parts = s.split(".")
    try:
        return (int(parts[0]), int(parts[1]) if len(parts) > 1 else 0)
    except ValueError:
        raise ValueError(f"bad Go version {go!r} (want e.g. '1.27')") from None


def parse(source: str, name: str = "main.go", go: str = "1.27"):
    """Compile Go source of the subset (docs/go-subset.md) to a CompiledProgram.
    Raises GoSourceError (kind "compile" or "unsupported")."""
    from ..model.compile import compile_program
    from .build import build_file
    from .check import check_file

    version = parse_version(go)
    errs = ErrorList(name)
    try:
        f = build_file(source, name, errs)
        if len(errs):
            errs.raise_if_any()
        checked = check_file(f, errs, version)
    except Bail:
        pass
    except RecursionError:
        errs.unsupported_at((1, 1), "nesting this deep")
    errs.raise_if_any()
    return compile_program(checked, source, name)


def load(path, go: str = "1.27"):
    """Read and compile a Go file (see parse)."""
    p = Path(path)
    if p.is_dir():
        files = sorted(p.glob("*.go"))
        if len(files) != 1:
            from .errors import unsupported_msg
            raise GoSourceError(str(path), [(1, 1, unsupported_msg(
                f"a package of {len(files)} files (one file per program)"))], "unsupported")
        p = files[0]
        path = p
    data = p.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise GoSourceError(str(path), [(line, col, "invalid UTF-8 encoding")]) from None
    return parse(text, name=str(path), go=go)
