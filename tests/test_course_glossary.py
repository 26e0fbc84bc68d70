"""course/GLOSSARY.md: its terms parse, its Go references exist, chapter 0 links it, and the
runtime words chapters 0 to 2 set in bold or backticks are all in it.

The glossary's format (see its head): a `### ` heading per term (aliases split by " / " or put in
parentheses), one or two sentences, then a `Go:` line naming files under GOROOT/src, each
followed by the functions, types or fields that are in it; an `Older: Go 1.x[-1.y]` line names
what an older version used (checked against .gotoolchains/ when that version is installed).
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
COURSE = REPO / "course"
GLOSSARY = COURSE / "GLOSSARY.md"
CHAPTERS = ["00_start_here.ipynb", "01_three_traps.ipynb", "02_scheduler_g0_sysmon.ipynb"]

# The words the chapter-0 brief requires (issue 12), each a glossary name (heading or alias).
REQUIRED = [
    "G", "M", "P", "g0", "GOMAXPROCS", "runnable", "running", "waiting", "run queue", "runnext",
    "schedule", "findRunnable", "execute", "schedtick", "time slice", "inheritTime", "park",
    "gopark", "ready", "goready", "wait reason", "sudog", "hchan", "sendq", "recvq",
    "timer heap", "sysmon", "retake", "preemption", "cooperative preemption",
    "asynchronous preemption", "asyncpreemptoff", "stealWork", "netpoll", "wakep",
    "spinning M", "context", "Done channel", "cancel", "deadline", "virtual time", "trace",
    "step", "frame",
]

# Runtime words the course uses as plain words; a bold or backticked use of one of these must be
# in the glossary (lower case; compared after normalising, see _norm).
VOCAB = {
    "g", "m", "p", "g0", "gomaxprocs", "runnable", "running", "waiting", "run queue",
    "local run queue", "global run queue", "runnext", "schedule", "findrunnable", "execute",
    "schedtick", "time slice", "inherittime", "park", "parks", "gopark", "ready", "readies",
    "goready", "wait reason", "sudog", "hchan", "sendq", "recvq", "timer heap", "sysmon",
    "sysmon tick", "retake", "preemption", "asyncpreemptoff", "stealwork", "steals", "netpoll",
    "wakep", "spinning", "spinning m", "context", "done", "cancel", "deadline", "virtual time",
    "timer", "closechan", "chansend", "chanrecv", "gosched", "newproc", "runqput", "runqget",
    "runqsteal", "goexit", "schedtrace", "timers.check", "checktimers", "gofunc", "forcepreemptns",
    "preemptone", "stackguard0", "sigurg",
}
# Go runtime functions that the course also uses as ordinary Go words (not runtime terms).
NOT_TERMS = {"main", "print", "println", "panic", "recover", "close", "len", "cap", "new", "make",
             "sleep", "abort", "exit", "write", "read", "open", "usleep", "nanosleep", "f",
             "handle"}   # handle: a course program's own function (chapter 1)


def _norm(token: str) -> str:
    """A backticked or bold token as a lookup key: lower case, no call parentheses or arguments,
    no package, receiver or `pp.`/`sched.` prefix (`runtime.Gosched()` -> gosched,
    `(*timers).check` -> check, `pp.timers.check` -> timers.check)."""
    t = token.strip().strip("*:").strip()
    t = re.sub(r"\(([^()]*)\)$", "", t)          # a trailing call: f() / f(x)
    t = t.split(")")[-1].lstrip(".")              # (*cancelCtx).cancel -> cancel
    t = re.sub(r"^(runtime|context|time|sync)\.", "", t)
    t = re.sub(r"^(pp|p|sched|gp|mp|ctx)\.", "", t)
    return t.lower().strip()


@lru_cache(maxsize=1)
def glossary() -> dict:
    """{heading: {"names": set, "body": str, "go": [line], "older": [line], "section": str}}."""
    terms, cur, section = {}, None, ""
    for line in GLOSSARY.read_text().splitlines():
        if line.startswith("## "):
            section, cur = line[3:].strip(), None
        elif line.startswith("### "):
            head = line[4:].strip()
            names = set()
            for part in re.split(r"\s*/\s*|\s*\(|\)", head):
                part = part.strip().strip("`")
                if part:
                    names.add(part)
            cur = terms[head] = {"names": names, "body": "", "go": [], "older": [],
                                 "section": section}
        elif cur is not None and line.startswith("Go:"):
            cur["go"].append(line[3:])
        elif cur is not None and line.startswith("Older:"):
            cur["older"].append(line[6:])
        elif cur is not None:
            cur["body"] += line + "\n"
    return terms


def _known(term: str, names: set) -> bool:
    """A used term is in the glossary as written, as its last dotted part, or as the plain form
    of an inflected word (parks -> park, readies -> ready)."""
    last = term.split(".")[-1]
    forms = {term, last, re.sub(r"ies$", "y", last), re.sub(r"s$", "", last)}
    return bool(forms & names)


def _names() -> set:
    out = set()
    for t in glossary().values():
        for n in t["names"]:
            out.add(n.lower())
            out.add(_norm(n))
            out.add(_norm(n).split(".")[-1])
    return out


@lru_cache(maxsize=1)
def _goroot() -> Path | None:
    go = REPO / ".venv" / "bin" / "go"
    go = str(go) if go.exists() else shutil.which("go")
    if not go:
        return None
    r = subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True,
                       env={"GOTOOLCHAIN": "local", "PATH": "/usr/bin:/bin"})
    root = Path(r.stdout.strip()) / "src"
    return root if root.is_dir() else None


def _refs(line: str) -> list[tuple[str, list[str]]]:
    """[(file, [names after it])] from a `Go:` line's backticked tokens."""
    out = []
    for tok in re.findall(r"`([^`]+)`", line):
        if tok.endswith(".go"):
            out.append((tok, []))
        elif out:
            out[-1][1].append(tok)
    return out


def _name_in(name: str, text: str) -> bool:
    ident = re.split(r"[.)\s]", name.replace("type ", "").strip())
    ident = [i for i in ident if re.match(r"^[A-Za-z_]\w*$", i)][-1]
    return re.search(rf"\b{re.escape(ident)}\b", text) is not None


def test_glossary_parses_into_defined_terms():
    """The glossary has at least 40 terms, each with a short definition and (outside gostep's own
    words) a Go: line naming at least one file and one name in it."""
    terms = glossary()
    assert len(terms) >= 40, len(terms)
    for head, t in terms.items():
        body = " ".join(t["body"].split())
        assert body, f"{head}: no definition"
        assert len(body) <= 600, f"{head}: definition longer than two or three sentences"
        if t["section"] != "gostep's words":
            assert t["go"], f"{head}: no Go: line"
            refs = [r for line in t["go"] for r in _refs(line)]
            assert refs and all(names for _f, names in refs), f"{head}: Go: line without file + name"


def test_required_terms_are_in_the_glossary():
    """Every word the chapter-0 brief lists (G, M, P, g0 ... trace, step, frame) is a glossary name."""
    names = _names()
    missing = [w for w in REQUIRED if w.lower() not in names]
    assert not missing, missing


def test_go_references_exist_in_the_pinned_source():
    """Every file a Go: line names exists in the pinned GOROOT/src, and every name after it occurs
    in that file as a word."""
    root = _goroot()
    if root is None:
        pytest.skip("go is not installed")
    bad = []
    for head, t in glossary().items():
        for line in t["go"]:
            for f, names in _refs(line):
                p = root / f
                if not p.is_file():
                    bad.append(f"{head}: {f} does not exist")
                    continue
                text = p.read_text(errors="replace")
                bad += [f"{head}: {n} not in {f}" for n in names if not _name_in(n, text)]
    assert not bad, "\n".join(bad)


def test_older_references_exist_in_the_older_source():
    """An Older: Go 1.x[-1.y] line's files and names exist in that version's source (the newest
    version of the range), when `make go-versions` installed it."""
    checked = 0
    bad = []
    for head, t in glossary().items():
        for line in t["older"]:
            m = re.search(r"Go (1\.\d+)(?:-(1\.\d+))?", line)
            assert m, f"{head}: Older: line without a Go version"
            ver = m.group(2) or m.group(1)
            root = REPO / ".gotoolchains" / ver / "go" / "src"
            if not root.is_dir():
                continue
            for f, names in _refs(line):
                p = root / f
                if not p.is_file():
                    bad.append(f"{head}: {f} not in Go {ver}")
                    continue
                text = p.read_text(errors="replace")
                bad += [f"{head}: {n} not in Go {ver} {f}" for n in names if not _name_in(n, text)]
                checked += 1
    if not checked:
        pytest.skip("no older toolchain installed (make go-versions)")
    assert not bad, "\n".join(bad)


def _markdown_cells(name):
    path = COURSE / name
    if not path.exists():
        pytest.skip(f"{name} missing")
    nb = json.loads(path.read_text())
    for c in nb["cells"]:
        if c["cell_type"] == "markdown":
            s = c["source"]
            yield s if isinstance(s, str) else "".join(s)


def test_chapter_0_links_the_glossary():
    """Chapter 0 links GLOSSARY.md from a markdown cell."""
    assert any(re.search(r"\]\(GLOSSARY\.md\)", s) for s in _markdown_cells(CHAPTERS[0]))


@lru_cache(maxsize=1)
def _runtime_decls() -> frozenset:
    """Names of the functions and types declared in the pinned runtime (non-test files)."""
    root = _goroot()
    if root is None:
        return frozenset()
    out = set()
    for p in (root / "runtime").glob("*.go"):
        if p.name.endswith("_test.go"):
            continue
        for m in re.finditer(r"^(?:func(?: \([^)]*\))? |type )([A-Za-z_]\w*)", p.read_text(errors="replace"), re.M):
            out.add(m.group(1).lower())
    return frozenset(out)


def used_terms(text: str) -> set:
    """The runtime terms a markdown text sets in bold or backticks: tokens that are course
    vocabulary (VOCAB) or name a function or type of the pinned runtime (not NOT_TERMS)."""
    decls = _runtime_decls()
    out = set()
    for tok in re.findall(r"`([^`\n]+)`|\*\*([^*\n]+)\*\*", text):
        tok = tok[0] or tok[1]
        key = _norm(tok)
        if not key or key in NOT_TERMS or not re.match(r"^[a-z_][\w. ]*$", key):
            continue
        if len(key) == 1 and key not in VOCAB:   # a program's own `a`, `b`, `t`
            continue
        last = key.split(".")[-1]
        if key in VOCAB or (" " not in key and last in decls and last not in NOT_TERMS):
            out.add(key)
    return out


def test_used_terms_helper_finds_runtime_words():
    """The term finder picks runtime words out of bold and backticks and leaves ordinary Go alone."""
    found = used_terms("The **runnext** slot; `runtime.Gosched()`; `(*timers).check`; `fetch`; "
                       "`main`; **For whom:**; `findRunnable`; `ctx.Done()`")
    assert {"runnext", "gosched", "check", "findrunnable"} <= found
    assert not found & {"fetch", "main", "for whom"}


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_runtime_term_a_chapter_uses_is_in_the_glossary(name):
    """Each runtime word a chapter (0 to 2) sets in bold or backticks is a glossary name."""
    names = _names()
    used = set().union(*(used_terms(s) for s in _markdown_cells(name)))
    missing = sorted(u for u in used if not _known(u, names))
    assert not missing, f"{name} uses terms the glossary lacks: {missing}"
