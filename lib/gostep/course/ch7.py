"""Chapter 7's library code: the exercise service, its real `go test` run, and the tool runs.

The exercise service (course/service/)
======================================

`course/service/` is a small Go module: `service.go` (package service: `Fetch`, `Sum`, `Handle`,
the starting point the reader hardens) and `service_test.go` (the fixed test suite, most of it in
`testing/synctest` bubbles). Two runs judge a reader's `service.go`:

- real Go (`go_test`): the module is copied to a temporary directory, the reader's text replaces
  `service.go`, `go test -c` builds the test binary once (its own process group, killed on
  timeout), and the binary runs each test on its own (`-test.run '^Name$'`, killed after
  `TEST_TIMEOUT_S`). One binary per test, because a leak inside a bubble makes `synctest.Test`
  panic ("deadlock: main bubble goroutine has exited but blocked goroutines remain"), and a panic
  ends the whole test binary: the tests after it would not run.
- the stepper (`service_program`): the stepper runs `package main` programs with one result per
  function, so the service is written in that subset; the check renames the package to `main`
  and appends a `main` of its own that calls `Handle` and `Fetch` in several situations, then
  sleeps one second (virtual) so that every `lookup` has finished: a goroutine still alive at the
  end is blocked for good, a leak the model shows with where it is parked.

Alternatives rejected: parsing `go test -json` of one run of the whole suite (the first leak's
panic ends the run, so the later tests report nothing); building a harness into the reader's file
(the reader could edit it).
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .checks import leftover_goroutines
from .source import REPO_ROOT

__all__ = ["SERVICE_DIR", "service_template", "service_program", "SERVICE_SITUATIONS",
           "go_test", "GoTestReport", "TestRun", "vet_dir", "VetReport", "model_err_cost",
           "ErrCost", "err_cost", "synctest_api", "context_err_source", "cancel_ctx_struct", "go_symbols",
           "Symbols", "who_readied", "have_go", "half_fixed_service",
           "leftover_goroutines"]

SERVICE_DIR = REPO_ROOT / "course" / "service"
SERVICE_TESTS = ("TestFetchAnswers", "TestFetchGivesUpAtTheDeadline", "TestSumAdds",
                 "TestSumStopsWhenCancelled", "TestHandleAnswers", "TestHandleKeepsItsBudget",
                 "TestHandleStopsWhenTheCallerGoesAway", "TestNoGoroutineLeaks")
BUILD_TIMEOUT_S = 180.0
TEST_TIMEOUT_S = 15.0


def service_template() -> str:
    """The exercise's starting point: course/service/service.go, as a string to edit."""
    return (SERVICE_DIR / "service.go").read_text()


# -- the stepper's view of the service -----------------------------------------------------------

# Each situation: the arguments of the calls the check's main makes. Keys and sizes differ between
# situations, so that a service that returns the test suite's numbers without the work is seen.
SERVICE_SITUATIONS = (
    {"label": "GOMAXPROCS=1, seed 0", "gomaxprocs": 1, "seed": 0, "key": 7, "n": 3001},
    {"label": "GOMAXPROCS=2, seed 0", "gomaxprocs": 2, "seed": 0, "key": 9, "n": 4099},
    {"label": "GOMAXPROCS=1, seed 1", "gomaxprocs": 1, "seed": 1, "key": 11, "n": 2053},
    {"label": "GOMAXPROCS=2, seed 1", "gomaxprocs": 2, "seed": 1, "key": 6, "n": 5003},
)
SLOW_KEY = 90          # lookup takes 90 ms: past Handle's 50 ms budget
CALLER_GONE_MS = 8     # the caller cancels its ctx this long into the call
FETCH_DEADLINE_MS = 15
CPU_N = 5_000_000      # Sum(n) alone takes about 115 ms of virtual time in the model

_MAIN = """
func gostepCall(label string, ctx context.Context, key, n int) {
	start := time.Now()
	v := Handle(ctx, key, n)
	fmt.Println(label, v, time.Since(start))
}

func main() {
	bg := context.Background()
	gostepCall("answer", bg, {key}, {n})
	gostepCall("budget", bg, {slow}, {n})
	caller, leave := context.WithCancel(bg)
	time.AfterFunc({gone} * time.Millisecond, leave)
	gostepCall("caller", caller, {slow}, {n})
	gostepCall("cpu", bg, {key}, {cpu})
	fctx, fcancel := context.WithTimeout(bg, {fdl} * time.Millisecond)
	start := time.Now()
	v := Fetch(fctx, {slow})
	fmt.Println("fetch", v, time.Since(start))
	fcancel()
	time.Sleep(time.Second)
}
"""


def service_program(source: str, situation: dict) -> str:
    """The reader's service as a `package main` program for the stepper: the package renamed, an
    `import "fmt"` added (the service itself must not print) and the check's own `main`, which
    calls Handle in four ways and Fetch once, then sleeps 1 s so every lookup has finished.
    Line numbers of the reader's code are kept (the added import goes on the package line)."""
    src = re.sub(r"(?m)^package\s+service\b.*$", 'package main; import "fmt"', source, count=1)
    main = _MAIN
    for k, v in (("key", situation["key"]), ("n", situation["n"]), ("slow", SLOW_KEY),
                 ("gone", CALLER_GONE_MS), ("cpu", CPU_N), ("fdl", FETCH_DEADLINE_MS)):
        main = main.replace("{" + k + "}", str(v))
    return src + main


# -- real go test ----------------------------------------------------------------------------------

@dataclass
class TestRun:
    """One test of service_test.go, run on its own."""

    name: str
    passed: bool
    errors: list = field(default_factory=list)   # the test's own t.Errorf lines
    panic: str = ""                              # first line of a panic (synctest's deadlock)
    leaked: list = field(default_factory=list)   # "chan send (durable) in service.Fetch.func1 (service.go:22)"
    seconds: float = 0.0

    def __repr__(self):
        head = f"{'PASS' if self.passed else 'FAIL'} {self.name}"
        lines = [head] + [f"    {e}" for e in self.errors]
        if self.panic:
            lines.append(f"    {self.panic}")
        lines += [f"    still blocked: {g}" for g in self.leaked]
        return "\n".join(lines)


@dataclass
class GoTestReport:
    """The suite's verdict: one TestRun per test, or the build's errors."""

    ran: bool                         # False: no toolchain here
    build_errors: list = field(default_factory=list)
    tests: list = field(default_factory=list)
    go_version: str = ""

    @property
    def passed(self) -> bool:
        return self.ran and not self.build_errors and all(t.passed for t in self.tests)

    def failed(self) -> list:
        return [t for t in self.tests if not t.passed]

    def __repr__(self):
        if not self.ran:
            return "go test: not run (no Go toolchain here)"
        if self.build_errors:
            return "go test: the package does not build\n" + "\n".join(self.build_errors)
        n = sum(t.passed for t in self.tests)
        return "\n".join([f"go test (go{self.go_version}): {n} of {len(self.tests)} tests pass"]
                         + [repr(t) for t in self.tests])


def _run_group(cmd, cwd, timeout_s, env) -> tuple[int | None, str, float]:
    """(exit status or None on timeout, stdout+stderr, seconds): its own process group, killed as
    a group on timeout or on any exception."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        out, _ = p.communicate(timeout=timeout_s)
        return p.returncode, out, time.monotonic() - t0
    except subprocess.TimeoutExpired:
        return None, "", time.monotonic() - t0
    finally:
        if p.returncode is None:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.communicate()


_ERR_LINE = re.compile(r"^\s+service_test\.go:\d+: (.*)$")
_BLOCKED = re.compile(r"^goroutine \d+ \[([^\]]*synctest bubble[^\]]*)\]:$")
_LEAK_FRAME = re.compile(r"^\s+#\s+0x[0-9a-f]+\s+gostep\.course/service\.(\S+)\+0x[0-9a-f]+\s+\S*?(service\.go:\d+)")


def _parse_test(name: str, code, out: str, seconds: float) -> TestRun:
    lines = out.split("\n")
    run = TestRun(name, code == 0 and f"--- PASS: {name}" in out, seconds=seconds)
    for i, ln in enumerate(lines):
        m = _ERR_LINE.match(ln)
        if m:
            run.errors.append(m.group(1))
        if ln.startswith("panic: ") and not run.panic:
            run.panic = ln.replace(" [recovered, repanicked]", "")
        m = _BLOCKED.match(ln)
        if m and i + 1 < len(lines):
            fn = lines[i + 1].split("(")[0].replace("gostep.course/service.", "service.")
            loc = re.search(r"(service\.go:\d+)", lines[i + 2] if i + 2 < len(lines) else "")
            reason = m.group(1).split(",")[0]
            run.leaked.append(f"{reason} in {fn}" + (f" ({loc.group(1)})" if loc else ""))
        m = _LEAK_FRAME.match(ln)
        if m:
            run.leaked.append(f"leaked (goroutineleak profile) in service.{m.group(1)} ({m.group(2)})")
    if code is None:
        run.passed = False
        run.errors.append(f"killed after {TEST_TIMEOUT_S:g} s")
    return run


def go_test(source: str | None = None, tests=SERVICE_TESTS) -> GoTestReport:
    """Run course/service's test suite for real on `source` (the reader's service.go; None: the
    file as it is): build the test binary once, run each test on its own with a timeout."""
    from gostep.real.toolchain import find_go, go_env, version_of
    go = find_go()
    if go is None:
        return GoTestReport(False)
    env = go_env()
    with tempfile.TemporaryDirectory(prefix="gostep-service-") as d:
        for f in ("go.mod", "service_test.go"):
            shutil.copy(SERVICE_DIR / f, Path(d) / f)
        (Path(d) / "service.go").write_text(service_template() if source is None else source)
        code, out, _ = _run_group([str(go), "test", "-c", "-o", "service.test", "."], d,
                                  BUILD_TIMEOUT_S, env)
        if code != 0:
            errs = [ln.replace(d + os.sep, "").replace("./", "") for ln in out.strip().split("\n")
                    if ln.strip() and not ln.startswith("#")] or ["go test -c was killed (timeout)"]
            return GoTestReport(True, build_errors=errs, go_version=version_of(go))
        report = GoTestReport(True, go_version=version_of(go))
        for name in tests:
            code, out, secs = _run_group([str(Path(d) / "service.test"), "-test.run", f"^{name}$",
                                          "-test.v", "-test.count=1"], d, TEST_TIMEOUT_S, env)
            report.tests.append(_parse_test(name, code, out.replace(d + os.sep, ""), secs))
        return report


# -- go vet on a directory ------------------------------------------------------------------------

@dataclass
class VetReport:
    """What go vet printed for a directory of course/service (lines with paths made relative)."""

    ran: bool
    status: int | None
    lines: tuple = ()

    def reported(self, func_line: int) -> bool:
        return any(f".go:{func_line}:" in ln for ln in self.lines)

    def __repr__(self):
        if not self.ran:
            return "go vet: not run (no Go toolchain here)"
        return "\n".join([f"go vet exited with status {self.status}"] + list(self.lines))


def vet_dir(sub: str = "vetcases") -> VetReport:
    """Run `go vet .` on course/service/<sub> (a module of its own) in a temporary copy, in its
    own process group with a timeout."""
    from gostep.real.toolchain import find_go, go_env
    go = find_go()
    if go is None:
        return VetReport(False, None)
    with tempfile.TemporaryDirectory(prefix="gostep-vet-") as d:
        for f in (SERVICE_DIR / sub).iterdir():
            shutil.copy(f, Path(d) / f.name)
        code, out, _ = _run_group([str(go), "vet", "."], d, BUILD_TIMEOUT_S, go_env())
        lines = tuple(ln.replace(d + os.sep, "").replace("./", "") for ln in out.strip().split("\n")
                      if ln.strip() and not ln.startswith("#"))
        return VetReport(True, code, lines)


# -- the cost of ctx.Err() --------------------------------------------------------------------------

@dataclass
class ErrCost:
    """ns per loop iteration with and without a ctx.Err() check, and the difference."""

    label: str
    plain_ns: float
    checked_ns: float

    @property
    def per_check_ns(self) -> float:
        return self.checked_ns - self.plain_ns

    def __repr__(self):
        return (f"{self.label}: {self.plain_ns:.1f} ns per iteration without the check, "
                f"{self.checked_ns:.1f} with ctx.Err() in every iteration: "
                f"{self.per_check_ns:.1f} ns per check")


def _ns_per_iter(lines, prefix: str) -> float:
    """ns per iteration from a line "plain: 724 ps per iteration"."""
    for ln in lines:
        if ln.startswith(prefix):
            return int(ln.split()[1]) / 1000
    raise ValueError(f"no line starting {prefix!r}")


def err_cost(stdout, label: str = "model") -> ErrCost:
    """The cost per check from what ctx_err_cost.go printed (a model trace's virtual time or a
    real run's wall time)."""
    return ErrCost(label, _ns_per_iter(stdout, "plain"), _ns_per_iter(stdout, "checked"))


def model_err_cost(trace, label: str = "model") -> ErrCost:
    """The cost per check in the model (ctx_err_cost.go's stdout, virtual time)."""
    return err_cost(trace.outcome.stdout, label)


# -- Go source excerpts --------------------------------------------------------------------------

def _goroot_src(rel: str) -> Path | None:
    from gostep.real.toolchain import find_go
    go = find_go()
    if go is None:
        return None
    p = subprocess.run([str(go), "env", "GOROOT"], capture_output=True, text=True, timeout=60)
    path = Path(p.stdout.strip()) / "src" / rel
    return path if path.is_file() else None


def _excerpt(rel: str, start_pat: str, end_pat: str = r"^}") -> str:
    p = _goroot_src(rel)
    if p is None:
        return f"// {rel}: not available (no Go toolchain here)"
    lines = p.read_text().split("\n")
    i = next(k for k, ln in enumerate(lines) if re.search(start_pat, ln))
    j = next(k for k in range(i, len(lines)) if re.search(end_pat, lines[k]))
    body = "\n".join(f"{k + 1:4d}  {lines[k]}" for k in range(i, j + 1))
    return f"// {rel}, Go 1.27.3, lines {i + 1}-{j + 1}\n{body}"


class _Text(str):
    def __repr__(self):
        return str(self)


def context_err_source() -> str:
    """`(*cancelCtx).Err` in the pinned Go's context/context.go."""
    return _Text(_excerpt("context/context.go", r"^func \(c \*cancelCtx\) Err\(\)"))


def synctest_api() -> str:
    """The exported functions of the pinned Go's testing/synctest, with their first doc line."""
    p = _goroot_src("testing/synctest/synctest.go")
    if p is None:
        return _Text("testing/synctest: not available (no Go toolchain here)")
    lines = p.read_text().split("\n")
    out = []
    for k, ln in enumerate(lines):
        if re.match(r"^func [A-Z]", ln):
            doc = k - 1
            while doc > 0 and lines[doc - 1].startswith("//"):
                doc -= 1
            out.append(f"{k + 1:4d}  {ln.rstrip(' {')}\n      {lines[doc]}")
    return _Text("// testing/synctest/synctest.go, Go 1.27.3\n" + "\n".join(out))


def cancel_ctx_struct() -> str:
    """`type cancelCtx struct` in the pinned Go's context/context.go."""
    return _Text(_excerpt("context/context.go", r"^type cancelCtx struct"))


# -- what eBPF would have to attach to: the symbols of a real binary -----------------------------

@dataclass
class Symbols:
    """Function symbols of a course program's real binary (`go tool nm`) that match some names."""

    program: str
    found: dict            # needle -> list of matching symbol names

    def __repr__(self):
        lines = [f"go tool nm {self.program} (Go 1.27.3 binary):"]
        for needle, names in self.found.items():
            lines.append(f"  {needle!r}: {len(names)} symbol(s)" + (": " + ", ".join(names[:4]) if names else ""))
        return "\n".join(lines)


def go_symbols(program: str, needles) -> Symbols | None:
    """Build the course program with the pinned Go (gostep.real's cached build) and list its text
    symbols that contain each needle. None without a toolchain."""
    from gostep.real.runner import build, run_go_command
    from gostep.real.toolchain import find_go
    from .source import program_path
    go = find_go()
    if go is None:
        return None
    b = build(str(program_path(program)))
    out = run_go_command([str(go), "tool", "nm", str(b.binary)], timeout_s=120).stdout
    names = [ln.split()[-1] for ln in out.split("\n") if len(ln.split()) >= 3 and ln.split()[-2] in "Tt"]
    return Symbols(Path(program_path(program)).name, {n: sorted({s for s in names if n in s})
                                                       for n in needles})


def who_readied(real_trace, gid: int = 1) -> list[str]:
    """The execution trace's answer to "who unblocked G<gid>, from where": one line per wake-up
    (the waker G and the innermost frames of its stack)."""
    out = []
    for e in real_trace.events:
        if e.kind == "ready" and e.gid == gid and e.by >= 0:
            frames = " <- ".join(s.split()[0] for s in e.stack[:3])
            out.append(f"G{e.by} readied G{gid} in {frames}")
    return out


def have_go(version: str = "1.27") -> bool:
    """Whether the Go toolchain of that version is installed (`make go-versions` adds 1.21-1.23)."""
    from gostep.real.toolchain import find_go
    return find_go(version) is not None


def half_fixed_service() -> str:
    """The starting service with only Fetch's receive moved into a select with ctx.Done(): the
    lookup's goroutine still sends on an unbuffered channel (chapter 7, section 7's leak)."""
    src = service_template()
    out = src.replace("\treturn <-answer\n", "\tselect {\n\tcase v := <-answer:\n\t\treturn v\n"
                      "\tcase <-ctx.Done():\n\t\treturn -1\n\t}\n")
    if out == src:
        raise ValueError("service.go changed: half_fixed_service no longer applies")
    return out
