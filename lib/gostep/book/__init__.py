"""gostep.book: editions of the course built from the chapter notebooks.

    python -m gostep.book student OUT     the student edition: solution cells and instructor
                                          notes removed, checks kept (make student)
    python -m gostep.book site OUT        a static HTML site that works offline, every player
                                          a kernel-free player with its text alternative (make site)

Design
======

The notebooks under course/ are the one source. An edition is a function of them, written into a
folder git ignores (build/), never committed, so it cannot drift.

- The student edition drops the cells tagged `solution` and the instructor notes (markdown cells
  whose slide type is `notes`) and keeps everything else, stored outputs included: a learner
  opens it in JupyterLab and runs it like the original. Its test checks that no solution text is
  left and that no kept cell uses a name only a solution cell defines (so it still runs).
- The site executes each notebook with GOSTEP_STATIC=1, where `gs.show` returns the kernel-free
  player (views/export.py: every frame precomputed, the same stepping script as the widget) in
  place of the widget, opened on the same step, with the text view of that step beside it. Then
  nbconvert's lab template writes HTML with every script and style inline; the CDN scripts it
  would load (MathJax, RequireJS, mermaid, the widget manager) are left out, since no chapter
  needs them once the players are static. A page loads nothing from the network.

Alternatives rejected: nbconvert of the stored outputs (a widget output shows only its text and
picture; no stepping); Jupyter Book 2 (downloads its theme at build time, cannot build offline);
widget-state embedding (loads the widget manager from a CDN and replays no Python callbacks).
"""
from __future__ import annotations

from .student import build_student, strip_solutions
from .site import build_site

__all__ = ["build_student", "strip_solutions", "build_site"]
