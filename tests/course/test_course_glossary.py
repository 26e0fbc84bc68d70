"""course/GLOSSARY.md: its terms parse, each in English and Chinese, its Go references exist,
chapter 0 links it, the runtime words every numbered chapter sets in bold or backticks are all in
it, and its Chinese names agree with the player's Chinese narration.

The glossary's format (see its head): a `### ` heading per term, "English names · 中文名" (the
English aliases split by " / " or put in parentheses), one or two English sentences, the Chinese
definition as a `> ` quote, then a `Go:` line naming files under GOROOT/src, each followed by the
functions, types or fields that are in it; an `Older: Go 1.x[-1.y]` line names what an older
version used (checked against .gotoolchains/ when that version is installed). Section headings
are "English · 中文" too.
"""
from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
COURSE = REPO / "course"
GLOSSARY = COURSE / "GLOSSARY.md"
NARRATION = REPO / "lib" / "gostep" / "trace" / "narration.py"
# Every numbered chapter that exists (00_..., 01_..., and later ones as they are written).
CHAPTERS = sorted(p.name for p in COURSE.glob("[0-9][0-9]_*.ipynb"))
SEP = " · "                      # between a heading's English and Chinese parts
CJK = re.compile(r"[\u4e00-\u9fff]")
NO_GO_LINE = {"gostep's words"}  # sections whose terms are gostep's own (no Go source)

# The words the chapter-0 brief requires (issue 12), each a glossary name (heading or alias).
REQUIRED = [
    "G", "M", "P", "g0", "GOMAXPROCS", "runnable", "running", "waiting", "run queue", "runnext",
    "schedule", "findRunnable", "execute", "schedtick", "time slice", "inheritTime", "park",
    "gopark", "ready", "goready", "wait reason", "sudog", "hchan", "sendq", "recvq",
    "timer heap", "sysmon", "retake", "preemption", "cooperative preemption",
    "asynchronous preemption", "asyncpreemptoff", "stealWork", "netpoll", "wakep",
    "spinning M", "context", "Done channel", "cancel", "deadline", "virtual time", "trace",
    "step", "frame",
    # chapters 3 to 5
    "unbuffered channel", "buffered channel", "goroutine leak", "goroutine profile",
    "goroutine leak profile", "goroutineleak", "findGoroutineLeaks", "check-then-block",
    "pollorder", "closechan", "sync.Cond", "context.AfterFunc", "defer statement", "deferred call",
    "defer stack", "deferreturn", "gopanic", "gorecover", "CancelFunc", "cancel function",
    "context tree", "propagateCancel", "cancelCtx", "timerCtx", "closedchan", "WithoutCancel",
    "lostcancel", "sync.WaitGroup", "time.NewTimer", "time.After", "stale value", "timerproc",
    "needsAdd", "maybeRunChan", "blockTimerChan", "asynctimerchan", "synctest", "deadlock",
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
    # chapters 3 to 5 (context., time. and sync. prefixes are dropped by _norm)
    "buf", "qcount", "dataqsiz", "closed", "buffer", "unbuffered channel", "buffered channel",
    "pollorder", "goroutine leak", "goroutine profile", "goroutine leak profile", "goroutineleak",
    "cond", "mutex", "waitgroup", "add", "wait", "defer", "defer statement", "deferred call",
    "defer stack", "cancel function", "cancelfunc", "context tree", "parent", "child", "children",
    "cancelctx", "timerctx", "closedchan", "propagatecancel", "removechild", "background",
    "withcancel", "withtimeout", "withdeadline", "withoutcancel", "afterfunc", "err", "cause",
    "withcancelcause", "withtimeoutcause", "withdeadlinecause", "lostcancel", "synctest",
    "newtimer", "after", "reset", "stop", "timer channel", "stale value", "asynctimerchan",
    "godebug", "timerproc", "sendtime", "timerslock", "numgoroutine", "deadlock", "checkdead",
    "cheaprandn", "cheaprand", "choices", "stop_at_choice",
}
# Names of runtime functions that the course also uses for something else: Go built-ins and
# ordinary words, and a course program's own functions. Each with the reason it is not a term.
NOT_TERMS = {
    **dict.fromkeys(["main", "print", "println", "panic", "recover", "close", "len", "cap", "new",
                     "make", "sleep", "abort", "exit", "write", "read", "open", "usleep",
                     "nanosleep"], "a Go built-in or an ordinary word (the runtime's own "
                                   "panic and recover are glossary terms gopanic, gorecover)"),
    "f": "a program's own function value",
    "handle": "a course program's own function (chapter 1)",
    "lookup": "a course program's own function (chapter 4, forgot_cancel.go)",
    "push": "a course program's own function (chapter 4)",
    "run": "a course program's own function (chapter 4, defer_workers_exercise.go)",
    "resettimer": "chapter 5's exercise function in reset_idiom.go (the runtime's resetTimer is "
                  "under Timer.Stop / Timer.Reset)",
    "empty": "chan.go's helper, named in chapter 5 only as a caller of maybeRunChan",
}


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
    """{heading: {"names": set, "zh_name": str, "body": str, "zh": str, "go": [line],
    "older": [line], "section": str}}, keyed by the heading's English part."""
    terms, cur, section = {}, None, ""
    for line in GLOSSARY.read_text().splitlines():
        if line.startswith("## "):
            section, cur = line[3:].split(SEP)[0].strip(), None
        elif line.startswith("### "):
            head, _sep, zh_name = line[4:].partition(SEP)
            head = head.strip()
            names = set()
            for part in re.split(r"\s*/\s*|\s*\(|\)", head):
                part = part.strip().strip("`")
                if part:
                    names.add(part)
            cur = terms[head] = {"names": names, "zh_name": zh_name.strip(), "body": "", "zh": "",
                                 "go": [], "older": [], "section": section}
        elif cur is not None and line.startswith(">"):
            cur["zh"] += line[1:].strip() + "\n"
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
        if t["section"] not in NO_GO_LINE:
            assert t["go"], f"{head}: no Go: line"
            refs = [r for line in t["go"] for r in _refs(line)]
            assert refs and all(names for _f, names in refs), f"{head}: Go: line without file + name"


def test_every_term_is_given_in_chinese():
    """Every term has a Chinese name and a Chinese definition of at most about three sentences,
    and the glossary's sections are named in both languages."""
    bad = []
    for head, t in glossary().items():
        if not CJK.search(t["zh_name"]):
            bad.append(f"{head}: no Chinese name after '{SEP.strip()}' in the heading")
        zh = "".join(t["zh"].split())
        if not CJK.search(zh):
            bad.append(f"{head}: no Chinese definition (a '> ' quote)")
        elif len(zh) > 320:
            bad.append(f"{head}: Chinese definition longer than two or three sentences")
    assert not bad, "\n".join(bad)
    sections = [l for l in GLOSSARY.read_text().splitlines() if l.startswith("## ")]
    assert sections, "no ## sections"
    unnamed = [l for l in sections if SEP not in l or not CJK.search(l.split(SEP, 1)[1])]
    assert not unnamed, f"sections without a Chinese name: {unnamed}"


def _narration_zh() -> str:
    """All of the player's Chinese sentences (lib/gostep/trace/narration.py SENTENCES["zh"])."""
    spec = importlib.util.spec_from_file_location("_narration", NARRATION)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return "\n".join(mod.SENTENCES["zh"].values())


# The Chinese word the player's narration uses for a term, which the glossary's Chinese name (or
# definition) must use too: {glossary name: word}.
NARRATION_WORDS = {
    "park": "挂起", "ready": "唤醒", "preemption": "抢占", "timer heap": "定时器堆",
    "timer": "定时器", "global run queue": "全局运行队列", "time slice": "时间片",
    "inheritTime": "继承时间片", "spinning M": "自旋", "steal": "偷取", "sysmon tick": "巡检",
    "cancel": "取消", "deadline": "截止时间", "deferred call": "延迟调用",
    "findRunnable": "寻找可运行的 G", "buffered channel": "缓冲区", "recover": "终止",
    "select": "default 分支", "deadlock": "死锁",
}


def test_chinese_names_agree_with_the_narration():
    """Where the player's Chinese narration has a word for a term (挂起 for park, 唤醒 for ready,
    抢占, 定时器堆 ...), the glossary's Chinese name or definition of that term uses it."""
    narration = _narration_zh()
    by_name = {n: t for t in glossary().values() for n in t["names"]}
    bad = []
    for name, word in NARRATION_WORDS.items():
        assert word in narration, f"the narration no longer says {word!r}: update NARRATION_WORDS"
        t = by_name.get(name)
        if t is None:
            bad.append(f"{name}: not a glossary name")
        elif word not in t["zh_name"] + t["zh"]:
            bad.append(f"{name}: the narration says {word!r}, the glossary does not")
    assert not bad, "\n".join(bad)


def test_required_terms_are_in_the_glossary():
    """Every word the briefs list (G, M, P, g0 ... frame; the later chapters' channel, context,
    defer and timer words) is a glossary name."""
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


def test_all_chapters_are_checked():
    """The chapter list is read from course/ and holds at least chapters 0 to 5."""
    assert CHAPTERS[:3] == ["00_start_here.ipynb", "01_three_traps.ipynb",
                            "02_scheduler_g0_sysmon.ipynb"]
    assert len(CHAPTERS) >= 6, CHAPTERS


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
    """Each runtime word a numbered chapter sets in bold or backticks is a glossary name."""
    names = _names()
    used = set().union(*(used_terms(s) for s in _markdown_cells(name)))
    missing = sorted(u for u in used if not _known(u, names))
    assert not missing, f"{name} uses terms the glossary lacks: {missing}"
