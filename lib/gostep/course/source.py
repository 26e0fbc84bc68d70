"""Show a course program from its file (never a second copy pasted into a notebook).

`show_source("spin_timeout")` or `show_source("course/programs/spin_timeout.go")` displays the
file as a Go code block (Markdown, so JupyterLab highlights it) under its repo-relative path. The
header comment (the `gostep:case` blocks that record what real Go printed) is hidden unless
`header=True`; `lines=(a, b)` shows a 1-based inclusive range. The plain-text form is the same
text, so stored outputs are deterministic and free of machine paths.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
PROGRAMS = REPO_ROOT / "course" / "programs"


def program_path(name) -> Path:
    """The path of a course program given its name (`ping_pong`), file name or repo path."""
    p = Path(name)
    candidates = [p] if p.is_absolute() else [REPO_ROOT / p, PROGRAMS / p, PROGRAMS / f"{p}.go"]
    for c in candidates:
        if c.is_file():
            return c
    raise FileNotFoundError(f"no course program {name!r} (looked in course/programs/)")


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return path.name


def strip_header(lines: list[str]) -> tuple[list[str], int]:
    """The lines after the leading comment block, and how many lines were dropped."""
    i = 0
    while i < len(lines) and (lines[i].startswith("//") or not lines[i].strip()):
        i += 1
    return lines[i:], i


@dataclass(frozen=True)
class Source:
    """A Go file (or part of it) ready to display."""

    label: str
    code: str
    first_line: int

    def __repr__(self) -> str:
        return f"// {self.label} (from line {self.first_line})\n{self.code}"

    def _repr_markdown_(self) -> str:
        return f"`{self.label}` (from line {self.first_line})\n\n```go\n{self.code}\n```"


def show_source(name, header: bool = False, lines: tuple[int, int] | None = None) -> Source:
    """A course program shown from its file, without its header comment unless `header=True`."""
    path = program_path(name)
    all_lines = path.read_text().rstrip("\n").split("\n")
    if lines is not None:
        a, b = lines
        return Source(_relative(path), "\n".join(all_lines[a - 1:b]), a)
    if header:
        return Source(_relative(path), "\n".join(all_lines), 1)
    body, dropped = strip_header(all_lines)
    return Source(_relative(path), "\n".join(body), dropped + 1)
