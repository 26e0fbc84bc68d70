"""Python-side render time of the player: what a click costs before the browser paints.

Prints, per trace: to_svg, code_panel (the 16-line window the player shows), to_text and a whole
Player step (the observe handler that builds the frame's one HTML value and sets it) in ms per
frame (median and max over all frames, first visits: the player's cache of rendered steps is
cleared), the size of one SVG and of the whole value a click sends.

The budget from the issue is 50 ms from click to new frame in JupyterLab; the kernel side is a
small part of it. The browser side (round trips, the front end's work) is measured by
tests/test_browser.py, which prints the median over 24 clicks. Measured on this 2-core machine
under load (A/B in one JupyterLab page, 30 clicks each, median click -> painted frame, spinner
trace of chapter 2): the player before this change 95-97 ms, after 47-53 ms, a button that sets
one tiny HTML value 42-45 ms (the round-trip floor).

    .venv/bin/python benchmarks/render.py            # the fixture traces, and corpus programs
                                                     # when gostep.simulate is available
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from frames_fixture import deadline_trace, ping_pong_trace  # noqa: E402

from gostep.views import Layout, code_panel, to_svg, to_text  # noqa: E402
from gostep.widgets.player import CODE_WINDOW, Player  # noqa: E402


def _ms(fn, n):
    out = []
    for i in range(n):
        t0 = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - t0) * 1000)
    return statistics.median(out), max(out)


def bench(name, trace, limit=2000):
    n = min(len(trace), limit)
    frames = [trace.frame(i) for i in range(n)]
    lay = Layout.fit(frames)
    src = getattr(trace.program, "source", "")
    svg = _ms(lambda i: to_svg(frames[i], lay), n)
    code = _ms(lambda i: code_panel(src, frames[i], window=CODE_WINDOW), n)
    text = _ms(lambda i: to_text(frames[i]), n)
    p = Player(trace, simulate=None)
    p.step = 0

    def step(i):
        p._views.clear()                 # a first visit: nothing cached
        p.step = i

    player = _ms(step, n)
    size = len(to_svg(frames[n // 2], lay))
    p.step = n // 2
    sent = len(p.view.value.encode("utf-8"))
    print(f"{name:28s} frames={n:5d}  to_svg {svg[0]:6.2f} ms (max {svg[1]:6.2f})  "
          f"code_panel {code[0]:5.2f}  to_text {text[0]:5.2f}  "
          f"player step {player[0]:6.2f} ms (max {player[1]:6.2f})  svg {size / 1024:.1f} kB  "
          f"sent per click {sent / 1024:.1f} kB")


def main():
    bench("fixture ping_pong", ping_pong_trace())
    bench("fixture deadline", deadline_trace())
    try:
        import gostep as gs
        gs.simulate                      # noqa: B018 (fails early while the stepper is missing)
        for path in sorted((ROOT / "course" / "programs").glob("*.go")):
            try:
                t = gs.simulate(gs.load(str(path)), gomaxprocs=2)
            except Exception as e:       # a program the stepper does not run yet
                print(f"{path.name:28s} skipped: {type(e).__name__}: {str(e)[:60]}")
                continue
            bench(path.name, t)
    except Exception as e:
        print(f"real traces skipped: {type(e).__name__}: {e}")


if __name__ == "__main__":
    main()
