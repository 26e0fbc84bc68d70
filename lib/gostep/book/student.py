"""The student edition: the course without solution cells or instructor notes."""
from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

SKIP_DIRS = {"instructor", ".ipynb_checkpoints", "__pycache__"}


def _tags(cell) -> set:
    return set(cell.get("metadata", {}).get("tags", []))


def is_solution(cell) -> bool:
    return "solution" in _tags(cell)


def is_instructor_note(cell) -> bool:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type") == "notes"


def strip_solutions(nb: dict) -> dict:
    """A copy of the notebook without its solution cells and instructor notes."""
    out = copy.deepcopy(nb)
    out["cells"] = [c for c in out["cells"] if not (is_solution(c) or is_instructor_note(c))]
    return out


def build_student(course: Path, out: Path) -> list[Path]:
    """Write the student edition of `course` (notebooks, programs, glossary) into `out`, which is
    emptied first. Returns the notebooks written."""
    course, out = Path(course), Path(out)
    if out.exists():
        shutil.rmtree(out)
    written = []
    for src in sorted(course.rglob("*")):
        rel = src.relative_to(course)
        if any(part in SKIP_DIRS for part in rel.parts) or src.is_dir():
            continue
        dst = out / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.suffix == ".ipynb":
            nb = strip_solutions(json.loads(src.read_text(encoding="utf-8")))
            dst.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            written.append(dst)
        else:
            shutil.copy2(src, dst)
    return written
