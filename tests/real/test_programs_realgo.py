"""The course's Go programs (course/programs/*.go): well-formed headers, the subset's imports, and
(marked `realgo`) `go vet` and `go build` with the pinned real toolchain.

# What this checks, and what it leaves to others

Every program is shown to learners, simulated by the stepper and run by real Go. Its header
(format: course/programs/README.md) records what real Go 1.27.3 printed. This module checks the
*shape* of that record: a first line saying what the program shows, at least one `gostep:case`
with known keys and valid values, and expectation lines the comparison can use. The comparison of
real runs and of the model against the header is tests/real/test_fidelity.py (uses gostep.corpus).

The header parser here is deliberately minimal and independent of gostep.corpus, so these checks
run before and apart from it. Alternatives rejected: importing gostep.corpus (this test would fail
for the wrong reason whenever the parser changes), and running every case here (slow, and it is
the fidelity test's job).

Real Go: each program is copied into a temporary module whose go.mod names each Go version its
cases use, then `go vet` and `go build` run there with the hermetic environment of
gostep.real.toolchain (GOTOOLCHAIN=local, GOPROXY=off, project-local GOCACHE). A header line
`gostep:vet-fails REASON` marks a program that fails vet on purpose (for example a lostcancel
demo); for it the test checks that vet does fail, so the note cannot go stale.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
PROGRAMS_DIR = REPO_ROOT / "course" / "programs"
PROGRAMS = sorted(PROGRAMS_DIR.glob("*.go"))

CASE_KEYS = {"name", "gomaxprocs", "godebug", "go", "timeout", "runs"}
EXPECT_KEYS = {"exit", "message", "goroutines", "stdout", "model-note", "end"}
FILE_KEYS = {"vet-fails"}
EXIT_KINDS = {"ok", "panic", "deadlock", "fatal", "hang", "compile_error"}
GODEBUG_KEYS = {"asyncpreemptoff", "asynctimerchan"}
ALLOWED_IMPORTS = {"context", "errors", "fmt", "runtime", "sync", "time"}
DURATION_RE = re.compile(r"(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+")
PLACEHOLDER_RE = re.compile(r"\{(dur|int|any)(?::([^}]*))?\}")

# The programs the chapters name; renaming one breaks a chapter.
REQUIRED = [
    "ping_pong", "blocked_sender_leak", "select_fix", "buffered_fix", "close_wakes_receivers",
    "send_on_closed_panics", "child_cancel_vs_parent", "defer_order", "recover", "waitgroup",
    "mutex_ignores_cancel", "deadlock", "select_no_priority", "check_then_block",
    "defer_wait_order",
    "spin_timeout", "spin_call", "spin_leaf", "spin_gosched", "spin_sleep0", "timer_stop_reset",
    "afterfunc", "many_deadlines", "mutex_past_deadline", "deadline_chain", "sleep",
]

_UNITS = {"ns": 1, "us": 1_000, "µs": 1_000, "ms": 1_000_000, "s": 10**9, "m": 60 * 10**9,
          "h": 3600 * 10**9}


def duration_ns(text: str) -> float:
    """A Go duration literal ('5ms', '1.5s', '1m30s') in nanoseconds; ValueError if malformed."""
    if not DURATION_RE.fullmatch(text):
        raise ValueError(f"not a Go duration: {text!r}")
    return sum(float(n) * _UNITS[u] for n, u in re.findall(r"(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)", text))


def read_header(path: Path) -> tuple[list[str], list[dict], dict]:
    """The leading `//` comment lines, the cases, and file-level `gostep:` keys of one program.

    A case is a dict: 'settings' (the key=value pairs of its `gostep:case` line), 'lines' (its
    expectation keys in order, with their text), 'stdout' (the expected lines, or None) and
    'closed' (whether `gostep:end` was seen).
    """
    header: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("//"):
            break
        header.append(line)
    cases: list[dict] = []
    file_keys: dict = {}
    cur = None
    in_stdout = False
    for line in header:
        body = line[2:]
        text = body.strip()
        if text.startswith("gostep:"):
            key, _, rest = text[len("gostep:"):].partition(" ")
            in_stdout = False
            if key == "case":
                if cur is not None:  # a case left open
                    cases.append(cur)
                pairs = rest.split()
                cur = {"settings": {}, "bad_pairs": [p for p in pairs if "=" not in p],
                       "dup_keys": [], "lines": [], "stdout": None, "closed": False}
                for p in pairs:
                    if "=" in p:
                        k, v = p.split("=", 1)
                        if k in cur["settings"]:
                            cur["dup_keys"].append(k)
                        cur["settings"][k] = v
            elif cur is None:
                file_keys[key] = rest
            else:
                cur["lines"].append((key, rest))
                if key == "stdout":
                    cur["stdout"] = []
                    in_stdout = True
                elif key == "end":
                    cur["closed"] = True
                    cases.append(cur)
                    cur = None
        elif cur is not None and in_stdout:
            cur["stdout"].append(body[3:] if body.startswith("   ") else None)
    if cur is not None:
        cases.append(cur)
    return header, cases, file_keys


def program_id(p: Path) -> str:
    return p.stem


def test_required_programs_exist():
    """Every program a chapter names is present in course/programs."""
    present = {p.stem for p in PROGRAMS}
    missing = [name for name in REQUIRED if name not in present]
    assert not missing, f"missing course programs: {missing}"


def _real_only(path) -> bool:
    """Every case of the program is real Go only (its model-note says so: corpus.Case.real_only)."""
    from gostep.corpus import read_cases
    cases = read_cases(path)
    return bool(cases) and all(c.real_only for c in cases)


@pytest.mark.parametrize("path", PROGRAMS, ids=program_id)
def test_program_is_package_main_with_allowed_imports(path):
    """The program is one file in package main with func main, importing only the subset's packages."""
    src = path.read_text(encoding="utf-8")
    assert re.search(r"^package main$", src, re.M), "not package main"
    assert re.search(r"^func main\(\) \{$", src, re.M), "no func main()"
    imports = re.findall(r'^import "([^"]+)"$', src, re.M)
    block = re.search(r"^import \(\n(.*?)^\)", src, re.M | re.S)
    if block:
        imports += re.findall(r'^\s*"([^"]+)"\s*$', block.group(1), re.M)
    assert imports, "no imports found"
    if _real_only(path):        # a real-Go-only program says so; the front end refuses it by name
        return
    assert set(imports) <= ALLOWED_IMPORTS, f"imports outside the subset: {set(imports) - ALLOWED_IMPORTS}"


@pytest.mark.parametrize("path", PROGRAMS, ids=program_id)
def test_program_has_no_machine_paths(path):
    """No absolute path of a machine (/work, /tmp, /root, /home) appears in a program."""
    src = path.read_text(encoding="utf-8")
    assert not re.search(r"(?<![\w.])/(work|tmp|root|home)/", src)


@pytest.mark.parametrize("path", PROGRAMS, ids=program_id)
def test_header_first_line_says_what_it_shows(path):
    """The header's first line is a sentence about the program, not a gostep: key."""
    header, _, _ = read_header(path)
    assert header, "no header comment"
    first = header[0][2:].strip()
    assert first and not first.startswith("gostep:"), first
    assert first.endswith((".", "?")), f"first line should be a sentence or a question: {first!r}"


@pytest.mark.parametrize("path", PROGRAMS, ids=program_id)
def test_header_cases_are_valid(path):
    """Each case has a unique name, known keys with valid values, valid expectations and an end."""
    _, cases, file_keys = read_header(path)
    assert cases, "no gostep:case in the header"
    assert set(file_keys) <= FILE_KEYS, f"unknown file-level keys {set(file_keys) - FILE_KEYS}"
    if "vet-fails" in file_keys:
        assert file_keys["vet-fails"].strip(), "gostep:vet-fails needs a reason"
    names = [c["settings"].get("name") for c in cases]
    assert all(names), "every case needs name="
    assert len(set(names)) == len(names), f"duplicate case names {names}"
    for c in cases:
        st, where = c["settings"], f"case {c['settings'].get('name')}"
        assert not c["bad_pairs"], f"{where}: not key=value: {c['bad_pairs']}"
        assert not c["dup_keys"], f"{where}: repeated keys {c['dup_keys']}"
        assert set(st) <= CASE_KEYS, f"{where}: unknown keys {set(st) - CASE_KEYS}"
        if "gomaxprocs" in st:
            assert st["gomaxprocs"].isdigit() and 1 <= int(st["gomaxprocs"]) <= 8, where
        if "godebug" in st:
            for kv in st["godebug"].split(","):
                k, eq, v = kv.partition("=")
                # a real-Go-only case may set a key Go does not know, to show it does nothing
                assert eq and v and (k in GODEBUG_KEYS or _real_only(path)), f"{where}: bad godebug {kv!r}"
        if "go" in st:
            assert re.fullmatch(r"1\.\d+", st["go"]), f"{where}: go={st['go']!r} (want e.g. 1.27)"
        if "timeout" in st:
            assert duration_ns(st["timeout"]) > 0, where
        if "runs" in st:
            assert st["runs"].isdigit() and int(st["runs"]) >= 1, where
        assert c["closed"], f"{where}: no gostep:end"
        keys = [k for k, _ in c["lines"]]
        assert set(keys) <= EXPECT_KEYS, f"{where}: unknown keys {set(keys) - EXPECT_KEYS}"
        assert len([k for k in keys if k != "model-note"]) == len(set(k for k in keys if k != "model-note")), \
            f"{where}: repeated expectation key"
        vals = dict(c["lines"])
        if "exit" not in vals:
            # An outcome that differs between runs (e.g. a deadlock on some schedules): the case
            # records only the stdout every run shares ("..." for the rest), and fidelity compares that.
            assert c["stdout"], f"{where}: a case without gostep:exit records the stdout every run shares"
            assert "message" not in vals and "goroutines" not in vals, where
            continue
        assert vals.get("exit") in EXIT_KINDS, f"{where}: exit {vals.get('exit')!r}"
        if "message" in vals:
            assert vals["exit"] in {"panic", "fatal", "deadlock", "compile_error"}, where
            assert vals["message"].strip(), f"{where}: empty message"
        if vals["exit"] in {"panic", "fatal", "deadlock"}:
            assert "message" in vals, f"{where}: a {vals['exit']} case records its message"
        if "goroutines" in vals:
            assert vals["exit"] == "ok", f"{where}: goroutines only for exit ok"
            assert vals["goroutines"].isdigit() and int(vals["goroutines"]) >= 1, where
        if c["stdout"] is not None:
            assert None not in c["stdout"], f"{where}: stdout lines are indented `//   text`"
            for line in c["stdout"]:
                for kind, arg in PLACEHOLDER_RE.findall(line):
                    if kind == "any":
                        assert not arg, f"{where}: {{any}} takes no range"
                        continue
                    lo, sep, hi = arg.partition("..")
                    assert sep, f"{where}: placeholder needs LO..HI: {line!r}"
                    conv = duration_ns if kind == "dur" else int
                    assert conv(lo) <= conv(hi), f"{where}: empty range in {line!r}"
                rest = PLACEHOLDER_RE.sub("", line)
                assert "{dur" not in rest and "{int" not in rest, f"{where}: malformed placeholder {line!r}"
            if "goroutines" in vals:
                printed = [ln for ln in c["stdout"] if re.match(r"goroutines\b[^:]*: \d+$", ln)]
                assert printed and printed[-1].endswith(f": {vals['goroutines']}"), \
                    f"{where}: gostep:goroutines must match the program's printed count"
        else:
            assert vals["exit"] in {"hang", "compile_error"}, f"{where}: record stdout"


def _versions(path: Path) -> list[str]:
    """The Go versions of the cases that expect the program to compile. A compile_error case is
    left to tests/real/test_fidelity.py, which runs that version's own toolchain: the pinned one, with an
    older `go` line in go.mod, still compiles newer APIs (only vet's stdversion check objects)."""
    _, cases, _ = read_header(path)
    return sorted({c["settings"].get("go", "1.27") for c in cases
                   if dict(c["lines"]).get("exit") != "compile_error"})


def _go(go_bin: Path, args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    from gostep.real.toolchain import go_env
    return subprocess.run([str(go_bin), *args], cwd=cwd, env=go_env(), capture_output=True,
                          text=True, timeout=300)


@pytest.mark.realgo
@pytest.mark.parametrize("path", PROGRAMS, ids=program_id)
def test_program_vets_and_builds(path, go_bin, tmp_path):
    """`go vet` passes (or fails, if the header says gostep:vet-fails) and `go build` succeeds, per Go version of its cases."""
    _, _, file_keys = read_header(path)
    for ver in _versions(path):
        mod = tmp_path / f"go{ver}"
        mod.mkdir()
        (mod / "go.mod").write_text(f"module x\n\ngo {ver}\n")
        (mod / "main.go").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        built = _go(go_bin, ["build", "-o", str(mod / "prog"), "."], mod)
        assert built.returncode == 0, f"go {ver}: build failed:\n{built.stderr}"
        vet = _go(go_bin, ["vet", "."], mod)
        if "vet-fails" in file_keys:
            assert vet.returncode != 0, f"go {ver}: header says vet fails, but vet passed"
        else:
            assert vet.returncode == 0, f"go {ver}: go vet failed:\n{vet.stderr}"
