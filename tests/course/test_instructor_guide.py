"""course/INSTRUCTOR.md: its minutes agree with the chapters and add up to its two schedules."""
from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "course" / "INSTRUCTOR.md"
CHAPTERS = sorted((ROOT / "course").glob("[0-9][0-9]_*.ipynb"))


def _section(title: str) -> str:
    text = GUIDE.read_text(encoding="utf-8")
    m = re.search(rf"^#+ {re.escape(title)}\n(.*?)(?=^#+ |\Z)", text, re.M | re.S)
    assert m, f"no section {title!r}"
    return m.group(1)


def _table(section: str) -> list[list[str]]:
    rows = [[c.strip() for c in ln.strip().strip("|").split("|")]
            for ln in section.splitlines() if ln.startswith("|")]
    return [r for r in rows[2:]]            # skip the header and the --- line


def _chapter_minutes(nb_path: Path) -> tuple[int, int]:
    first = json.loads(nb_path.read_text())["cells"][0]
    src = "".join(first["source"])
    self_study = re.search(r"self-study[^0-9]{0,20}(\d+) min|(\d+) minutes of self-study", src)
    workshop = re.search(r"workshop[^0-9]{0,20}(\d+) min|(\d+) minutes in a workshop", src)
    assert self_study and workshop, f"{nb_path.name}: no self-study/workshop minutes in its first cell"
    pick = lambda m: int(next(g for g in m.groups() if g))  # noqa: E731
    return pick(self_study), pick(workshop)


def test_every_chapter_is_in_the_guide_with_its_own_minutes():
    """The guide's table lists every chapter with the self-study and workshop minutes its notebook states."""
    rows = _table(_section("The chapters"))
    by_number = {r[0].split("·")[0].strip(): (int(r[1]), int(r[2])) for r in rows}
    for nb in CHAPTERS:
        n = str(int(nb.name[:2]))
        assert n in by_number, f"chapter {n} is missing from INSTRUCTOR.md"
        assert by_number[n] == _chapter_minutes(nb), f"chapter {n}: guide {by_number[n]}"
        assert re.search(rf"^### {n} · ", GUIDE.read_text(), re.M), f"no section for chapter {n}"


def test_each_chapter_section_has_the_parts_an_instructor_needs():
    """Each chapter's section has objectives, what to demo live, where learners get stuck, key points."""
    text = GUIDE.read_text(encoding="utf-8")
    for part in re.split(r"^### ", text, flags=re.M)[1:]:
        if not re.match(r"\d+ · ", part):
            continue
        for label in ("Objectives:", "Demo live:", "Where learners get stuck:", "Key points:"):
            assert f"**{label}**" in part, f"{part.splitlines()[0]}: no {label}"


def test_the_two_schedules_add_up():
    """The 2-hour schedule's minutes sum to 120 and the 4-hour one's to 240, and no chapter gets
    more minutes than its workshop time."""
    workshop = {str(int(nb.name[:2])): _chapter_minutes(nb)[1] for nb in CHAPTERS}
    for title, total in (("A 2-hour workshop (120 minutes)", 120), ("A 4-hour workshop (240 minutes)", 240)):
        rows = _table(_section(title))
        assert sum(int(r[1]) for r in rows) == total, title
        for part, minutes in rows:
            m = re.match(r"(\d+) · ", part)
            if m:
                assert int(minutes) <= workshop[m.group(1)], f"{title}: {part}"
