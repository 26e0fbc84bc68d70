"""The player in a real browser: JupyterLab with a live kernel, and the exported HTML page.

Follows recipes.md "A real browser": Debian's chromium driven by playwright, JupyterLab started in
its own session with a token and temporary settings, stopped by process group. Screenshots go to a
temporary folder and are copied to test-artifacts/ (git-ignored) for a human to look at:
lab_player_step0/step9.png (a small notebook), lab_ch02_player.png and lab_ch02_chain.png (the
first two players of chapter 2, run in full), lab_compare.png (the side-by-side view),
export_step9.png (the kernel-free page).

Click-to-new-frame times are measured in the page (a MutationObserver, then the next animation
frame) over 24 clicks and printed, never asserted: speed belongs to benchmarks, and this machine's
load moves them by tens of milliseconds.
"""
import json
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from labserver import ARGS, CHROMIUM, jupyter_lab  # noqa: E402

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium); CI installs it",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

# The notebook under test: a real trace when gostep.simulate works, else the hand-made fixture.
NB_CODE = [
    "import sys\nsys.path.insert(0, {tests!r})\nimport gostep as gs",
    "try:\n    trace = gs.simulate(gs.load({prog!r}), gomaxprocs=2)\n"
    "except Exception as e:\n    from frames_fixture import ping_pong_trace\n"
    "    trace = ping_pong_trace()\nlen(trace) > 1",
    "p = gs.show(trace)\np",
    "try:\n    trace1 = gs.simulate(gs.load({prog!r}), gomaxprocs=1)\n"
    "except Exception:\n    trace1 = trace\nc = gs.widgets.compare(trace1, trace)\nc",
]


CH02 = "02_scheduler_g0_sysmon.ipynb"

# The notebook is done when every code cell has run, or a cell failed (run-all stops there), and
# the kernel is idle. Returns "" while running, else "ok" or the first error.
_NB_JS = """(path) => Array.from(window.jupyterapp.shell.widgets('main'))
    .find(w => w.context && w.context.path === path)"""
_NB_DONE_JS = """(path) => {
    const nb = (""" + _NB_JS + """)(path);
    if (!nb || !nb.content || !nb.sessionContext.session) return '';
    const kernel = nb.sessionContext.session.kernel;
    if (!kernel || kernel.status !== 'idle') return '';
    const cells = nb.content.widgets.filter(c => c.model.type === 'code');
    for (const c of cells) {
        const err = c.model.outputs.toJSON().find(o => o.output_type === 'error');
        if (err) return 'error: ' + err.ename + ': ' + err.evalue;
    }
    return cells.every(c => c.model.executionCount !== null) ? 'ok' : '';
}"""


def _notebook(path: Path):
    cells = [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
              "source": src.format(tests=str(ROOT / "tests"),
                                   prog=str(ROOT / "course/programs/ping_pong.go"))}
             for src in NB_CODE]
    nb = {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                      "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(nb))


def _open_idle(browser, url):
    """A new page on a JupyterLab notebook URL, returned once the notebook shows and its kernel
    is idle."""
    page = browser.new_page(viewport={"width": 1500, "height": 1500})
    page.goto(url)
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    page.wait_for_function("() => window.jupyterapp && document.querySelector("
                           "'#jp-main-statusbar') && document.querySelector('#jp-main-statusbar')"
                           ".innerText.includes('Idle')", timeout=90_000)
    return page


def _run_all_until_player(page):
    """Run all cells and wait until a player has painted its first frame."""
    page.evaluate("window.jupyterapp.commands.execute('runmenu:run-all')")
    page.wait_for_selector(".gostep-player svg.gostep-frame", timeout=400_000)


def _state(page, prefix=""):
    """(SVG step, highlighted line, narration) as the page shows them now, read in one go."""
    return tuple(page.evaluate("""(p) => {
        const q = s => document.querySelector(s);
        const svg = q(p + 'svg.gostep-frame');
        const cur = q(p + 'tr[aria-current=step]');
        const nar = q(p + '.gostep-narration') || q(p + '.nar');
        return [svg && svg.getAttribute('data-step'), cur && cur.getAttribute('data-line'),
                nar && nar.textContent];
    }""", prefix))


# One click, then wait (MutationObserver) until the SVG's data-step changes; n times in a row,
# 250 ms apart (a quick reader's pace; the player moves its slider 40 ms after the frame).
# Returns the click -> changed-SVG times in ms (-1 for a click that changed nothing in 10 s).
_LATENCY_JS = """async ([root, button, n]) => {
    const el = document.querySelector(root);
    const one = () => new Promise(res => {
        const before = el.querySelector('svg.gostep-frame').getAttribute('data-step');
        const t0 = performance.now();
        const obs = new MutationObserver(() => {
            const svg = el.querySelector('svg.gostep-frame');
            if (svg && svg.getAttribute('data-step') !== before) {
                obs.disconnect(); requestAnimationFrame(() => res(performance.now() - t0)); }
        });
        obs.observe(el, {subtree: true, childList: true, attributes: true});
        el.querySelector(button).click();
        setTimeout(() => { obs.disconnect(); res(-1); }, 10000);
    });
    const out = [];
    for (let i = 0; i < n; i++) { out.push(await one());
                                  await new Promise(r => setTimeout(r, 250)); }
    return out;
}"""


def _click_latency(page, root: str, button: str, n: int) -> list:
    """Click `button` inside `root` n times; the ms from each click to a changed SVG (painted)."""
    return page.evaluate(_LATENCY_JS, [root, button, n])


# Drag the slider to step k in one move (an input event, as a drag's last position) and time it
# until the SVG of step k is painted: the frame is usually not in the page yet (a round trip).
_SLIDER_JS = """async ([root, k]) => {
    const el = document.querySelector(root);
    const r = el.querySelector('input[type=range]');
    return await new Promise(res => {
        const t0 = performance.now();
        const done = () => { const svg = el.querySelector('svg.gostep-frame');
                             return svg && svg.getAttribute('data-step') === String(k); };
        const landed = () => {      // when the message carrying step k arrived, ms after t0
            const a = el.querySelector('.gostep-stepper').gsxProbe.arrivals
                .find(([t, ks]) => t >= t0 && ks.includes(k));
            return a ? a[0] - t0 : -1; };
        const obs = new MutationObserver(() => { if (done()) { obs.disconnect();
            requestAnimationFrame(() => res([performance.now() - t0, landed()])); } });
        obs.observe(el, {subtree: true, childList: true, attributes: true});
        r.value = String(k); r.dispatchEvent(new Event('input', {bubbles: true}));
        if (done()) { obs.disconnect();
                      requestAnimationFrame(() => res([performance.now() - t0, -1])); }
        setTimeout(() => { obs.disconnect(); res([-1, -1]); }, 10000);
    });
}"""


def _slider_latency(page, root: str, k: int) -> list:
    """Move the slider of the player at `root` to step k: [ms until that step's SVG is painted,
    ms until the message carrying it arrived (-1: it was already in the page)]."""
    return page.evaluate(_SLIDER_JS, [root, k])


_PING_JS = """async ([root, n]) => {
    const probe = document.querySelector(root + ' .gostep-stepper').gsxProbe;
    const out = [];
    for (let i = 0; i < n; i++) { out.push(await probe.ping());
                                  await new Promise(r => setTimeout(r, 100)); }
    return out;
}"""


def _ping(page, root: str, n: int) -> list:
    """n kernel round trips of a tiny custom message (the player's probe), in ms."""
    return page.evaluate(_PING_JS, [root, n])


# Run `code` in the notebook's kernel (the player's cursor lives there) and return its stdout.
_KERNEL_JS = """async ([path, code]) => {
    const nb = (""" + "__NB__" + """)(path);
    const f = nb.sessionContext.session.kernel.requestExecute({code, store_history: false});
    let out = '';
    f.onIOPub = m => { if (m.header.msg_type === 'stream') out += m.content.text; };
    await f.done;
    return out.trim();
}"""


def _kernel_print(page, path: str, code: str) -> str:
    return page.evaluate(_KERNEL_JS.replace("__NB__", _NB_JS), [path, code])


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    d = tmp_path_factory.mktemp("screens")
    yield d
    art = ROOT / "test-artifacts"
    art.mkdir(exist_ok=True)
    for p in sorted(d.glob("*.png")):
        shutil.copy(p, art / p.name)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    base = tmp_path_factory.mktemp("lab")
    nbdir = base / "nb"
    nbdir.mkdir()
    _notebook(nbdir / "player.ipynb")
    # Chapter 2 as the reader gets it: the notebook with the programs folder beside it (copies;
    # the course folder is not touched).
    shutil.copy(ROOT / "course" / CH02, nbdir / CH02)
    shutil.copytree(ROOT / "course" / "programs", nbdir / "programs")
    with jupyter_lab(base, nbdir) as (url, token):
        yield url, token


def test_player_in_jupyterlab_steps_forward_and_back(lab, browser, shots):
    """In JupyterLab, forward changes the SVG, the highlighted line and the narration; back restores them."""
    url, token = lab
    page = _open_idle(browser, f"{url}/lab/tree/player.ipynb?token={token}")
    _run_all_until_player(page)
    player = page.locator(".gostep-player").first
    player.scroll_into_view_if_needed()
    s0 = _state(page, ".gostep-player ")
    page.screenshot(path=str(shots / "lab_player_step0.png"))
    fwd = page.locator(".gostep-player button[title='forward one step']").first
    back = page.locator(".gostep-player button[title='back one step']").first
    # Click -> new SVG, timed inside the page (a MutationObserver), printed, not asserted.
    ms = _click_latency(page, ".gostep-player", "button[title='forward one step']", 1)[0]
    print(f"click -> new SVG in JupyterLab: {ms:.0f} ms")
    deadline = time.time() + 10              # the narration widget may update a moment later
    while _state(page, ".gostep-player ")[2] == s0[2] and time.time() < deadline:
        time.sleep(0.05)
    s1 = _state(page, ".gostep-player ")
    assert ms > 0 and s1[0] != s0[0] and s1[2] != s0[2], (s0, s1)
    for _ in range(8):
        fwd.click()
    target = str(int(s1[0]) + 8)             # wait until all eight clicks have been drawn
    deadline = time.time() + 20
    while _state(page, ".gostep-player ")[0] != target and time.time() < deadline:
        time.sleep(0.05)
    s9 = _state(page, ".gostep-player ")
    assert s9[0] == target and s9[1] != s0[1], (s0, s9)   # the highlighted line moved
    page.wait_for_function("([t]) => document.querySelector('.gostep-player .pos')"
                           ".textContent.startsWith('step ' + t + ' /') && document.querySelector("
                           "'.gostep-player input[type=range]').value === t", arg=[target],
                           timeout=10_000)                      # the slider and readout follow
    # The kernel's cursor (player.step) follows the page.
    deadline = time.time() + 10
    while _kernel_print(page, "player.ipynb", "print(p.step)") != target and time.time() < deadline:
        time.sleep(0.1)
    assert _kernel_print(page, "player.ipynb", "print(p.step)") == target
    page.wait_for_timeout(300)
    player.screenshot(path=str(shots / "lab_player_step9.png"))
    for _ in range(9):
        back.click()
    deadline = time.time() + 10
    while _state(page, ".gostep-player ") != s0 and time.time() < deadline:
        time.sleep(0.05)
    assert _state(page, ".gostep-player ") == s0
    # Setting the cursor from Python moves the page. First let the kernel's cursor catch up with
    # the nine clicks (each click's update, and the kernel's echo of it, are still on their way:
    # a late echo of "step 0" would undo the "step 3" set below and fail this test once in a while).
    deadline = time.time() + 10
    while _kernel_print(page, "player.ipynb", "print(p.step)") != s0[0] and time.time() < deadline:
        time.sleep(0.1)
    page.wait_for_timeout(500)
    _kernel_print(page, "player.ipynb", "p.step = 3")
    assert _wait_state(page, ".gostep-player ", lambda st: st[0] == "3")[0] == "3"
    # A what-if re-run (GOMAXPROCS 2 -> 1) keeps the position and the page drops its old frames.
    got = _kernel_print(page, "player.ipynb", "p.step = 6\np.w_procs.value = 1\n"
                        "print(p.step, 'GOMAXPROCS=1' in p.html, p.view.gen)")
    k1, rerun, _gen = got.split()
    if rerun == "True":                      # the stepper ran (not the hand-made fixture)
        st = _wait_state(page, ".gostep-player ", lambda st: st[0] == k1)
        assert st[0] == k1
        assert "GOMAXPROCS=1" in page.inner_text(".gostep-player .gostep-view")
        page.wait_for_timeout(300)
        page.locator(".gostep-player").first.screenshot(path=str(shots / "lab_player_whatif.png"))
        _kernel_print(page, "player.ipynb", "p.w_procs.value = 2\np.step = 3")
        assert _wait_state(page, ".gostep-player ", lambda st: st[0] == "3")[0] == "3"
        assert "GOMAXPROCS=2" in page.inner_text(".gostep-player .gostep-view")
    # The keyboard: the player's box has the focus, Right/Left step, Home goes back to the start.
    page.locator(".gostep-player .gostep-stepper").first.focus()
    page.keyboard.press("ArrowRight")
    assert _wait_state(page, ".gostep-player ", lambda st: st[0] == "4")[0] == "4"
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Home")
    assert _wait_state(page, ".gostep-player ", lambda st: st == s0) == s0
    # The latency series: 24 forward clicks (fewer on a short trace), median printed, not asserted.
    n = min(24, int(re.search(r"/ (\d+)", s0[2]).group(1)) - int(s0[0]))
    ms = [m for m in _click_latency(page, ".gostep-player", "button[title='forward one step']", n)
          if m > 0]
    print(f"click -> new SVG in JupyterLab, ping_pong: median {statistics.median(ms):.0f} ms, "
          f"min {min(ms):.0f}, max {max(ms):.0f} over {len(ms)} clicks")
    page.close()


def test_light_page_click_latency(lab, browser, shots):
    """On a page with only the player's notebook open, clicks change the SVG (latency printed)."""
    url, token = lab
    page = _open_idle(browser, f"{url}/lab/tree/player.ipynb?reset&token={token}")
    _run_all_until_player(page)
    page.wait_for_timeout(1500)              # the first window of frames arrives
    s0 = _state(page, ".gostep-player ")
    last = int(re.search(r"/ (\d+)", s0[2]).group(1))
    ms = [m for m in _click_latency(page, ".gostep-player", "button[title='forward one step']",
                                    min(24, last)) if m > 0]
    ms += [m for m in _click_latency(page, ".gostep-player", "button[title='back one step']",
                                     min(24, last)) if m > 0]
    assert len(ms) >= 2 * min(24, last) - 2
    print(f"click -> new SVG in JupyterLab, light page (forward then back): median "
          f"{statistics.median(ms):.0f} ms, min {min(ms):.0f}, max {max(ms):.0f} over {len(ms)} clicks")
    # The side-by-side view steps the same way: forward changes a picture, first comes back.
    cmp_ = page.locator(".gostep-compare").first
    cmp_.scroll_into_view_if_needed()
    steps = lambda: page.evaluate("() => Array.from(document.querySelectorAll("      # noqa: E731
                                  "'.gostep-compare svg.gostep-frame'), s => s.getAttribute("
                                  "'data-step')).join(',')")
    c0 = steps()
    assert c0.count(",") == 1, c0            # two pictures
    for _ in range(6):
        cmp_.locator("button[title='forward one step']").click()
    deadline = time.time() + 10
    while steps() == c0 and time.time() < deadline:
        time.sleep(0.05)
    assert steps() != c0
    page.wait_for_timeout(300)
    cmp_.screenshot(path=str(shots / "lab_compare.png"))
    cmp_.locator("button[title='first step']").click()
    deadline = time.time() + 10
    while steps() != c0 and time.time() < deadline:
        time.sleep(0.05)
    assert steps() == c0
    page.close()


def _wait_state(page, prefix, pred, seconds=45):
    deadline = time.time() + seconds
    st = _state(page, prefix)
    while not pred(st) and time.time() < deadline:
        time.sleep(0.05)
        st = _state(page, prefix)
    return st


def test_chapter2_player_in_jupyterlab(lab, browser, shots):
    """Chapter 2 runs in JupyterLab; its first player steps forward and back and comes back."""
    url, token = lab
    # reset: only this notebook open
    page = _open_idle(browser, f"{url}/lab/tree/{CH02}?reset&token={token}")
    t0 = time.time()
    # Clear the stored outputs first: their execution counts would make the notebook look done.
    page.evaluate("window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.wait_for_function("(path) => (" + _NB_JS + ")(path).content.widgets"
                           ".filter(c => c.model.type === 'code')"
                           ".every(c => c.model.executionCount === null)", arg=CH02,
                           timeout=30_000)
    page.evaluate("window.jupyterapp.commands.execute('runmenu:run-all')")
    page.wait_for_timeout(3000)
    done = page.wait_for_function(_NB_DONE_JS, arg=CH02, timeout=900_000,
                                  polling=2000).json_value()
    print(f"chapter 2 ran in JupyterLab in {time.time() - t0:.0f} s: {done}")
    players = page.locator(".gostep-player")
    assert players.count() >= 2, "chapter 2 shows at least two players"
    # The first player: the spinner on one P (the chapter's main trace).
    first = players.first
    first.scroll_into_view_if_needed()
    p0 = ".gostep-player "                     # querySelector: the first player in the notebook
    s0 = _state(page, p0)
    assert s0[0] is not None and s0[2], s0
    first.locator("button[title='forward one step']").click()
    s1 = _wait_state(page, p0, lambda st: st[0] != s0[0] and st[2] != s0[2])
    assert s1[0] != s0[0] and s1[2] != s0[2], (s0, s1)
    first.locator("button[title='back one step']").click()
    assert _wait_state(page, p0, lambda st: st == s0) == s0
    n = min(24, int(re.search(r"/ (\d+)", s0[2]).group(1)) - int(s0[0]))
    ms = [m for m in _click_latency(page, ".gostep-player", "button[title='forward one step']", n)
          if m > 0]
    print(f"click -> new SVG in JupyterLab, chapter 2 spinner: median {statistics.median(ms):.0f} ms,"
          f" min {min(ms):.0f}, max {max(ms):.0f} over {len(ms)} clicks")
    # Slider jumps far away. By now the page has fetched this short trace whole (player.py:
    # FILL_STEPS), so they paint from the page; then, with the background fill off and the page's
    # frames dropped (a new generation, as after a what-if re-run), jumps to frames it lacks.
    last = int(re.search(r"/ (\d+)", s0[2]).group(1))
    targets = (last // 2, last - last // 5, last // 3, last // 4 * 3)
    page.wait_for_timeout(8000)
    near = []
    for k in targets:
        near.append(_slider_latency(page, p0.strip(), k))
        assert _state(page, p0)[0] == str(k)
        page.wait_for_timeout(300)
    print(f"slider jump after the background fill, chapter 2 spinner ({last} steps), painted "
          "(message landed; -1: already in the page) ms: "
          + ", ".join(f"{a:.0f} ({b:.0f})" for a, b in near))
    assert _kernel_print(page, CH02, "import gc\nfrom gostep.widgets.player import Stepper\n"
                         "for o in gc.get_objects():\n    if isinstance(o, Stepper):\n"
                         "        o.fill = 0; o.gen += 1\nprint('ok')") == "ok"
    page.wait_for_function("() => document.querySelector('.gostep-player .gostep-view') && "
                           "!document.querySelector('.gostep-player .gostep-view')"
                           ".classList.contains('gsx-loading')", timeout=10_000)
    page.wait_for_timeout(1500)
    far = []
    for k in (last // 2 + 7, last - last // 5 + 7, last // 6 + 7, last // 3 + 7):
        far.append(_slider_latency(page, p0.strip(), k))
        assert _state(page, p0)[0] == str(k)
        page.wait_for_timeout(700)
    print(f"slider jump to an uncached frame, chapter 2 spinner ({last} steps), painted (message "
          "landed) ms: " + ", ".join(f"{a:.0f} ({b:.0f})" for a, b in far))
    pings = _ping(page, p0.strip(), 12)
    print(f"kernel round trip of a tiny custom message: median {statistics.median(pings):.0f} ms, "
          f"min {min(pings):.0f}, max {max(pings):.0f}")
    # The player opens on its key moment (the first timer fire), not on step 0.
    first.locator("button[title='first step']").click()
    assert _wait_state(page, p0, lambda st: st[0] == "0")[0] == "0"
    # A frame worth looking at: the first preemption request (sysmon on the spinner).
    first.locator("button[title='next preemption']").click()
    st = _wait_state(page, p0, lambda st: "preempt" in (st[2] or ""))
    assert "preempt" in st[2], st
    page.wait_for_timeout(300)
    first.screenshot(path=str(shots / "lab_ch02_player.png"))
    first.locator("button[title='first step']").click()
    assert _wait_state(page, p0, lambda st: st[0] == "0")[0] == "0"
    # The second player: the deadline chain. It opens on its (only) timer fire: go back to the
    # start, then forward to the timer fire again.
    second = players.nth(1)
    second.scroll_into_view_if_needed()
    second.locator("button[title='first step']").click()
    page.wait_for_function("() => document.querySelectorAll('.gostep-player')[1]"
                           ".querySelector('svg.gostep-frame').getAttribute('data-step') === '0'",
                           timeout=20_000)
    before = second.locator("svg.gostep-frame").get_attribute("data-step")
    second.locator("button[title='next timer fire']").click()
    page.wait_for_function("([b]) => document.querySelectorAll('.gostep-player')[1]"
                           ".querySelector('svg.gostep-frame').getAttribute('data-step') !== b",
                           arg=[before], timeout=20_000)
    page.wait_for_timeout(300)
    second.screenshot(path=str(shots / "lab_ch02_chain.png"))
    page.close()


def test_exported_page_steps_forward_and_back(browser, shots, tmp_path):
    """The exported HTML file plays without a kernel: buttons and arrow keys change and restore the views."""
    sys.path.insert(0, str(ROOT / "tests"))
    import gostep as gs
    try:
        trace = gs.simulate(gs.load(str(ROOT / "course/programs/ping_pong.go")), gomaxprocs=2)
    except Exception:
        from frames_fixture import ping_pong_trace
        trace = ping_pong_trace()
    path = gs.export_html(trace, tmp_path / "ping_pong.html")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: errors.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
    page.goto(path.resolve().as_uri())
    page.wait_for_selector(".pic svg.gostep-frame")
    s0 = _state(page)
    page.click("button.fwd")
    s1 = _state(page)
    assert s1[0] != s0[0] and s1[2] != s0[2]
    for _ in range(8):
        page.click("button.fwd")
    s9 = _state(page)
    assert s9[1] != s0[1]
    page.screenshot(path=str(shots / "export_step9.png"))
    page.focus("#gsx-root")
    for _ in range(9):
        page.keyboard.press("ArrowLeft")
    assert _state(page) == s0
    page.keyboard.press("End")
    assert "outcome" in page.inner_text(".io")
    page.click("button[title='first step']")
    page.click("button[title='next park']")            # the jump bar shared with the widget
    assert "park" in _state(page)[2] and _state(page)[0] != s0[0]
    assert errors == []
    page.close()
