"""The static site in a real browser: two chapters built offline, their players stepped forward
and back, and no request leaving the machine.

Builds chapters 0 and 1 with `gostep.book.build_site` (each notebook executed with static
players), serves the folder on 127.0.0.1, and drives Debian's chromium with playwright. Every
request the pages make is recorded; anything but 127.0.0.1, data: and about: fails the test.
A screenshot of each page goes to test-artifacts/ (git-ignored).
"""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
import sys  # noqa: E402
sys.path.insert(0, str(ROOT / "tests"))
from labserver import ARGS, CHROMIUM  # noqa: E402

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium); CI installs it",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

PAGES = ["00_start_here.html", "01_three_traps.html"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from gostep.book import build_site
    out = tmp_path_factory.mktemp("site")
    build_site(ROOT / "course", out, chapters=["00", "01"])
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    handler.log_message = lambda *a, **k: None
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield out, f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def test_site_pages_are_offline_files(site):
    """Every page of the built site passes offline_problems (nothing to fetch from the network)."""
    from gostep.book.site import offline_problems
    out, _ = site
    assert set(PAGES + ["index.html"]) <= {p.name for p in out.glob("*.html")}
    for p in out.glob("*.html"):
        assert offline_problems(p.read_text(encoding="utf-8")) == [], p.name


@pytest.mark.parametrize("name", PAGES)
def test_site_player_steps_and_nothing_leaves_localhost(site, browser, name):
    """A chapter page's first player steps forward and back in the browser, and every request the
    page makes goes to 127.0.0.1 (or is inline)."""
    out, base = site
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/{name}")
    page.wait_for_load_state("networkidle")
    frame = next(f for f in page.frames if f != page.main_frame)
    frame.wait_for_selector(".pic svg")
    state = lambda: (frame.inner_text(".nar"), frame.inner_html(".pic")[:4000])  # noqa: E731
    s0 = state()
    frame.click("button.fwd")
    s1 = state()
    assert s1 != s0
    frame.click("button.back")
    assert state() == s0
    page.screenshot(path=str(out / f"site_{name}.png"), full_page=False)
    art = ROOT / "test-artifacts"
    art.mkdir(exist_ok=True)
    shutil.copy(out / f"site_{name}.png", art / f"site_{name}.png")
    leaving = [u for u in requests if not u.startswith((base, "data:", "about:", "blob:"))]
    assert leaving == [], leaving
    assert errors == []
    page.close()
