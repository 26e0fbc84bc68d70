"""python -m gostep.book student|site OUT [CHAPTER ...] (see gostep.book)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m gostep.book", description=__doc__)
    ap.add_argument("edition", choices=["student", "site"])
    ap.add_argument("out", type=Path)
    ap.add_argument("chapters", nargs="*", help="site only: chapter numbers or notebook names")
    ap.add_argument("--course", type=Path, default=Path("course"))
    a = ap.parse_args(argv)
    if not a.course.is_dir():
        print(f"gostep.book: no course folder at {a.course} (run from the repository root, or "
              "pass --course)", file=sys.stderr)
        return 2
    if a.edition == "student":
        from .student import build_student
        for p in build_student(a.course, a.out):
            print(f"student edition: {p}")
    else:
        from .site import build_site
        for p in build_site(a.course, a.out, a.chapters or None):
            print(f"site: {p}")
        print(f"site: {a.out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
