"""Slides: a chapter presented with jupyterlab-rise in JupyterLab, offline, notes hidden.

The chapter (with its stored outputs, as an instructor opens it) is shown as slides with RISE's
preview command. The test asserts: the deck has slides, the instructor notes are not on the
screen, a player's picture (its stored SVG of the key moment) is on a slide, and no request goes
to another host (the chapters' `rise.theme` is one that loads no web fonts). A screenshot goes
to test-artifacts/slides_ch00.png.
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from labserver import ARGS, CHROMIUM, jupyter_lab  # noqa: E402

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium); CI installs it",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytest.importorskip("jupyterlab_rise", reason="jupyterlab-rise is not installed (pip install -e .)")

CH = "00_start_here.ipynb"


def test_chapter_0_as_slides_offline_with_notes_hidden(tmp_path):
    """Chapter 0 as RISE slides: several slides, a player's picture, no instructor note on screen,
    and nothing loaded from another host."""
    nbdir = tmp_path / "nb"
    nbdir.mkdir()
    shutil.copy(ROOT / "course" / CH, nbdir / CH)
    shutil.copytree(ROOT / "course" / "programs", nbdir / "programs")
    nb = json.loads((nbdir / CH).read_text())
    notes = ["".join(c["source"]).strip().splitlines()[0][:40] for c in nb["cells"]
             if c["metadata"].get("slideshow", {}).get("slide_type") == "notes"]
    assert notes, "chapter 0 has instructor notes"
    # A clone's notebooks are untrusted, and JupyterLab does not render stored SVG from an
    # untrusted notebook (it shows the text twin); an instructor trusts the course once
    # (`jupyter trust course/*.ipynb`, INSTRUCTOR.md), as this does.
    import subprocess
    subprocess.run([sys.executable, "-m", "jupyter", "trust", str(nbdir / CH)], check=True,
                   capture_output=True, timeout=60)
    with jupyter_lab(tmp_path, nbdir) as (url, token), sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.context.on("request", lambda r: requests.append(r.url))
        page.goto(f"{url}/lab/tree/{CH}?reset&token={token}")
        page.wait_for_function("() => window.jupyterapp && document.querySelector('.jp-Notebook')",
                               timeout=90_000)
        page.evaluate("window.jupyterapp.commands.execute('RISE:preview')")
        page.wait_for_function("() => document.querySelector('iframe[src*=\"/rise/\"]')", timeout=60_000)
        frame = None
        for _ in range(100):
            frame = next((f for f in page.frames if "/rise/" in f.url), None)
            if frame is not None:
                break
            page.wait_for_timeout(200)
        assert frame is not None, "RISE's preview did not open"
        frame.wait_for_selector(".reveal .slides section", timeout=60_000)
        n = frame.evaluate("document.querySelectorAll('.reveal .slides > section').length")
        assert n >= 5, f"only {n} slides"
        pictures = 0
        frame.locator(".reveal").first.click()   # keyboard focus on the deck
        for _ in range(80):                      # through every slide and fragment, in order
            # JupyterLab renders an image/svg+xml output as an <img> with a data: URL (or inline)
            visible = frame.evaluate("""() => Array.from(document.querySelectorAll(
                '.reveal .slides section.present svg, .reveal .slides section.present img'))
                .filter(e => (e.tagName.toLowerCase() === 'svg' ||
                              (e.getAttribute('src') || '').startsWith('data:image/svg'))
                         && e.getBoundingClientRect().width > 200).length""")
            pictures = max(pictures, visible)
            if pictures:
                break
            page.keyboard.press("Space")         # reveal.js: next slide or fragment
            page.wait_for_timeout(250)
        page.screenshot(path=str(tmp_path / "slides_ch00.png"))
        art = ROOT / "test-artifacts"
        art.mkdir(exist_ok=True)
        shutil.copy(tmp_path / "slides_ch00.png", art / "slides_ch00.png")
        assert pictures, "no slide showed a player's picture"
        body = frame.evaluate("document.body.innerText")
        for text in notes:
            shown = frame.evaluate("""(t) => Array.from(document.querySelectorAll('.reveal .slides *'))
                .some(e => e.childElementCount === 0 && e.innerText && e.innerText.includes(t)
                       && e.getBoundingClientRect().height > 0 && !e.closest('aside.notes'))""", text)
            assert not shown, f"instructor note on a slide: {text!r}"
        leaving = [u for u in requests if not u.startswith((url, "data:", "blob:", "about:"))]
        assert leaving == [], leaving
        assert body
        browser.close()
