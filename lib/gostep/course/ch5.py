"""Chapter 5's library code: timers and context across Go versions, measured.

Design
======

The chapter replaces the source post's "Go 1.20 vs Go 1.21+" table (claims C43, C44) by a table
measured on every installed toolchain. One Go program (`MEASURE_GO`, outside the subset the stepper
runs: it uses sort, testing.AllocsPerRun and runtime.MemStats, so it is real-Go only) prints one
"key value" line per quantity; `measure_versions()` runs it once per toolchain at GOMAXPROCS=1
(goroutine IDs are then consecutive, so the ID delta counts the goroutines created) and returns a
`VersionTable`. Raw numbers vary from run to run: a chapter shows them in an nbval-ignore-output
cell and compares only `table.conclusions()`, which states the structural facts (1000 goroutines
for 1000 fired deadlines on every version; dropped timers kept alive before 1.23 and collected
from 1.23; ...).

A toolchain that is not installed is filled from `assets/ch5_versions.json`, the last full run,
which says when and on which toolchains it was recorded; `record_versions()` rewrites it
(tests/course/test_course_ch5.py refreshes it when every toolchain is present and checks it always).

Alternatives rejected: one program per quantity (four builds and runs per toolchain: too slow
for a chapter that must run in about 90 s); timing with `go test -bench` (a test binary per
toolchain, and benchmark output is harder to parse than four lines).
"""
from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["MEASURE_GO", "VERSIONS", "POST_TABLE", "VersionTable", "measure_versions",
           "recorded_versions", "record_versions", "versions_asset", "pair_picture",
           "side_by_side", "key_position", "recv_returned_ms", "stale_runs", "STALE_RECORDED"]

VERSIONS = ("1.21", "1.22", "1.23", "1.27")     # the toolchains of `make go-versions` + the pinned one
QUANTITIES = (
    ("goroutines_created_fired", "goroutines created by 1,000 fired deadlines"),
    ("goroutines_created_cancelled", "goroutines created by 1,000 deadlines cancelled first"),
    ("delay_p50_us", "median delay, shared deadline -> waiter running (µs)"),
    ("delay_p99_us", "99th percentile of that delay (µs)"),
    ("allocs_per_withtimeout_cancel", "allocations per WithTimeout + cancel"),
    ("live_objects_per_dropped_timer", "objects alive per dropped, never-stopped NewTimer(1h)"),
    ("live_objects_per_uncancelled_withtimeout", "objects alive per never-cancelled WithTimeout(1h)"),
)
# The source post's table (section 2.4), as it prints it: "Go 1.20" and "Go 1.21+" columns.
POST_TABLE = {
    "delay": ("1.8 ms", "0.3 ms"),
    "goroutines": ("986", "12"),
    "allocations": ("2.1M allocs/s", "0.17M allocs/s"),
    "P99 Done latency": ("tail 1.2 ms", "5 ms ±0.05 ms"),
    "runtime.timersLock contention": ("-", "-97 %"),
}

MEASURE_GO = '// The chapter\'s measured table: one run per toolchain prints one "key value" line per quantity.\npackage main\n\nimport (\n\t"bytes"\n\t"context"\n\t"fmt"\n\t"runtime"\n\t"sort"\n\t"strconv"\n\t"testing"\n\t"time"\n)\n\nconst n = 1000\n\n// nextGoid starts a throwaway goroutine and returns its ID (with GOMAXPROCS=1 IDs are consecutive).\nfunc nextGoid() int64 {\n\tch := make(chan int64)\n\tgo func() {\n\t\tbuf := make([]byte, 64)\n\t\tbuf = buf[:runtime.Stack(buf, false)]\n\t\tbuf = bytes.TrimPrefix(buf, []byte("goroutine "))\n\t\tid, _ := strconv.ParseInt(string(buf[:bytes.IndexByte(buf, \' \')]), 10, 64)\n\t\tch <- id\n\t}()\n\treturn <-ch\n}\n\nfunc heapObjects() int64 {\n\truntime.GC()\n\truntime.GC()\n\tvar m runtime.MemStats\n\truntime.ReadMemStats(&m)\n\treturn int64(m.HeapObjects)\n}\n\nfunc main() {\n\tfmt.Println("version", runtime.Version())\n\tfmt.Println("gomaxprocs", runtime.GOMAXPROCS(0))\n\n\t// 1. n deadlines fire with nobody waiting; then n contexts cancelled before their deadline.\n\tg0 := nextGoid()\n\tcancels := make([]context.CancelFunc, n)\n\tfor i := range cancels {\n\t\t_, cancels[i] = context.WithTimeout(context.Background(), 10*time.Millisecond)\n\t}\n\ttime.Sleep(40 * time.Millisecond)\n\tfor _, c := range cancels {\n\t\tc()\n\t}\n\tg1 := nextGoid()\n\tfmt.Println("goroutines_created_fired", g1-g0-1)\n\tfor i := range cancels {\n\t\t_, cancels[i] = context.WithTimeout(context.Background(), 10*time.Millisecond)\n\t}\n\tfor _, c := range cancels {\n\t\tc()\n\t}\n\ttime.Sleep(40 * time.Millisecond)\n\tg2 := nextGoid()\n\tfmt.Println("goroutines_created_cancelled", g2-g1-1)\n\n\t// 2. n waiters, one shared deadline: the delay from the deadline to each waiter running.\n\tlate := make([]time.Duration, n)\n\tdone := make(chan bool)\n\tdeadline := time.Now().Add(20 * time.Millisecond)\n\tfor i := 0; i < n; i++ {\n\t\tctx, cancel := context.WithDeadline(context.Background(), deadline)\n\t\tgo func(i int) {\n\t\t\tdefer cancel()\n\t\t\t<-ctx.Done()\n\t\t\tlate[i] = time.Since(deadline)\n\t\t\tdone <- true\n\t\t}(i)\n\t}\n\tfor i := 0; i < n; i++ {\n\t\t<-done\n\t}\n\tsort.Slice(late, func(i, j int) bool { return late[i] < late[j] })\n\tfmt.Println("delay_p50_us", late[n/2].Microseconds())\n\tfmt.Println("delay_p99_us", late[n*99/100].Microseconds())\n\n\t// 3. allocations per WithTimeout plus cancel.\n\tallocs := testing.AllocsPerRun(1000, func() {\n\t\t_, cancel := context.WithTimeout(context.Background(), time.Hour)\n\t\tcancel()\n\t})\n\tfmt.Println("allocs_per_withtimeout_cancel", allocs)\n\n\t// 4. objects still alive after GC: 100000 NewTimer(1h) dropped without Stop, and\n\t// 10000 WithTimeout(1h) whose cancel is never called.\n\tconst m = 100000\n\tbefore := heapObjects()\n\tfor i := 0; i < m; i++ {\n\t\t_ = time.NewTimer(time.Hour)\n\t}\n\tfmt.Println("live_objects_per_dropped_timer", float64(heapObjects()-before)/m)\n\tbefore = heapObjects()\n\tfor i := 0; i < m/10; i++ {\n\t\tctx, _ := context.WithTimeout(context.Background(), time.Hour)\n\t\t_ = ctx\n\t}\n\tfmt.Println("live_objects_per_uncancelled_withtimeout", float64(heapObjects()-before)/(m/10))\n}\n'

_ASSET = Path(__file__).resolve().parents[3] / "assets" / "ch5_versions.json"


def versions_asset() -> Path:
    """Where the recorded table lives (assets/ch5_versions.json in the repository)."""
    return _ASSET


def parse_measure(stdout) -> dict:
    """The "key value" lines of MEASURE_GO's output as a dict of numbers (and the version)."""
    out = {}
    for line in stdout:
        k, _, v = line.partition(" ")
        if k == "version":
            out[k] = v.strip()
        elif k:
            out[k] = float(v)
    return out


@dataclass
class VersionTable:
    """Per toolchain (1.21 ...) the measured numbers, and where each column came from."""

    rows: dict                                   # "1.21" -> parse_measure dict
    source: dict = field(default_factory=dict)   # "1.21" -> "measured now" | "recorded <date> on go1.21.13"

    def __repr__(self) -> str:
        vs = list(self.rows)
        w = max(len(q) for _, q in QUANTITIES)
        lines = [" " * w + "".join(f"{self.rows[v].get('version', v):>14}" for v in vs)]
        for key, label in QUANTITIES:
            cells = []
            for v in vs:
                x = self.rows[v].get(key)
                cells.append(f"{'-' if x is None else (f'{x:g}' if x == int(x) or x < 1 else f'{x:.2f}'):>14}")
            lines.append(f"{label:<{w}}" + "".join(cells))
        lines += [f"{v}: {self.source.get(v, '')}" for v in vs]
        return "\n".join(lines)

    def conclusions(self) -> "Conclusions":
        """The deterministic facts of the table: the same on every run on every machine."""
        r = self.rows
        vs = list(r)
        old = [v for v in vs if _minor(v) < 23]
        new = [v for v in vs if _minor(v) >= 23]
        out = [
            ("every version: 1,000 fired deadlines create 1,000 goroutines (C40)",
             all(r[v]["goroutines_created_fired"] == 1000 for v in vs)),
            ("every version: deadlines cancelled first create none",
             all(r[v]["goroutines_created_cancelled"] == 0 for v in vs)),
            ("every version: median delay between 0.5 ms and 50 ms (the post: 1.8 ms then 0.3 ms)",
             all(500 <= r[v]["delay_p50_us"] <= 50_000 for v in vs)),
            ("every version: the same allocations per WithTimeout + cancel",
             len({r[v]["allocs_per_withtimeout_cancel"] for v in vs}) == 1),
            ("before 1.23: a dropped NewTimer(1h) keeps 1 or more objects alive",
             all(r[v]["live_objects_per_dropped_timer"] >= 1 for v in old)),
            ("1.23 and later: dropped NewTimer(1h) timers are collected (< 0.01 objects each)",
             all(r[v]["live_objects_per_dropped_timer"] < 0.01 for v in new)),
            ("every version: a never-cancelled WithTimeout(1h) stays alive until its deadline",
             all(r[v]["live_objects_per_uncancelled_withtimeout"] >= 1 for v in vs)),
        ]
        return Conclusions(out)


class Conclusions(list):
    def __repr__(self) -> str:
        return "\n".join(f"{'yes' if ok else 'NO '}  {text}" for text, ok in self)


def _minor(v: str) -> int:
    return int(re.match(r"(?:go)?1\.(\d+)", v).group(1))


def recorded_versions() -> dict:
    """The recorded table: {"recorded": date, "machine": ..., "rows": {"1.21": {...}, ...}}."""
    return json.loads(_ASSET.read_text())


def measure_versions(versions=VERSIONS, recorded: dict | None = None) -> VersionTable:
    """Run MEASURE_GO once on each installed toolchain (GOMAXPROCS=1); a missing toolchain's
    column comes from the recorded asset, and says so."""
    import gostep as gs
    from gostep.real.toolchain import find_go
    rec = recorded if recorded is not None else (recorded_versions() if _ASSET.exists() else {"rows": {}})
    rows, source = {}, {}
    for v in versions:
        if find_go(v) is not None:
            res = gs.real.run(MEASURE_GO, go=v, gomaxprocs=1, timeout="30s")
            if res.exit != "ok":
                raise RuntimeError(f"the measurement failed on Go {v}: {res.exit} {res.message}")
            rows[v] = parse_measure(res.stdout)
            source[v] = f"measured now on go{res.go_version}"
        elif v in rec.get("rows", {}):
            rows[v] = dict(rec["rows"][v])
            source[v] = (f"NOT INSTALLED: recorded {rec['recorded']} on {rows[v]['version']} "
                         f"(assets/ch5_versions.json; `make go-versions` installs it)")
        else:
            raise RuntimeError(f"Go {v} is not installed and has no recorded row: run `make go-versions`")
    return VersionTable(rows, source)


def record_versions(table: VersionTable, path: Path | None = None) -> dict:
    """Write a fully measured table to assets/ch5_versions.json (with the date and toolchains)."""
    if not all(s.startswith("measured") for s in table.source.values()):
        raise ValueError("only a table measured on every toolchain is recorded")
    data = {"recorded": _dt.date.today().isoformat(),
            "how": "MEASURE_GO in lib/gostep/course/ch5.py, one run per toolchain, GOMAXPROCS=1, "
                   "linux/amd64, shared 2-core VM",
            "toolchains": [table.rows[v]["version"] for v in table.rows],
            "rows": table.rows}
    (path or _ASSET).write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    return data


# -- the model's traces, side by side -------------------------------------------------------------

def recv_returned_ms(trace, line: int) -> float | None:
    """Virtual time (ms) at which main (G1) first reached `line`: read from the frames."""
    for i in range(len(trace)):
        f = trace.frame(i)
        g = f.g(1)
        if g is not None and g.line == line and f.event.kind == "line" and f.event.gid == 1:
            return f.time_ns / 1e6
    return None


def key_position(cmp, kind: str = "chanrecv", column: int = 0) -> int:
    """The first lock-step position of a Compare at which trace `column` takes a step of `kind`,
    or a park of main on a channel receive."""
    ix = cmp.ix[column]
    for k, pair in enumerate(cmp.pairs):
        i = pair[column]
        if ix.kinds[i] == kind:
            return k
    return 0


def _size(svg: str) -> tuple[float, float]:
    w = re.search(r'width="([0-9.]+)', svg)
    h = re.search(r'height="([0-9.]+)', svg)
    return float(w.group(1)) if w else 600.0, float(h.group(1)) if h else 400.0


def pair_picture(frame_a, frame_b, labels, layouts=(None, None)) -> str:
    """One SVG with two frames side by side, each under its label (a static picture of a
    lock-step position, for readers without a kernel)."""
    import html
    from gostep.views.svg import to_svg
    svgs = [to_svg(f, lay) for f, lay in zip((frame_a, frame_b), layouts)]
    sizes = [_size(s) for s in svgs]
    gap, top = 24, 26
    width = sum(w for w, _ in sizes) + gap
    height = max(h for _, h in sizes) + top
    parts, x = [], 0.0
    for (w, h), s, label in zip(sizes, svgs, labels):
        inner = re.sub(r"^<\?xml[^>]*>\s*", "", s)
        inner = re.sub(r"<svg", f'<svg x="{x:g}" y="{top}"', inner, count=1)
        parts.append(f'<text x="{x + 4:g}" y="18" font-family="sans-serif" font-size="15" '
                     f'font-weight="bold">{html.escape(label)}</text>' + inner)
        x += w + gap
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" '
            f'viewBox="0 0 {width:g} {height:g}">' + "".join(parts) + "</svg>")


class SideBySide:
    """A Compare widget opened on a key position, with the static picture of that position."""

    def __init__(self, cmp, pos: int):
        self.cmp, self.pos = cmp, pos
        cmp.pos = pos

    def picture(self) -> str:
        fa, fb = self.cmp.frames()
        return pair_picture(fa, fb, self.cmp.labels, self.cmp.lays)

    def __repr__(self) -> str:
        return self.cmp.text()

    def _repr_mimebundle_(self, **kwargs):
        data = self.cmp._repr_mimebundle_(**kwargs)
        data = data[0] if isinstance(data, tuple) else data
        data["image/svg+xml"] = self.picture()
        return data


def side_by_side(trace_a, trace_b, labels, kind: str = "chanrecv", column: int = 0,
                 offset: int = 0) -> SideBySide:
    """Two traces in lock-step (gostep.widgets.compare), opened `offset` positions from where trace
    `column` first takes a step of `kind`, with that position's picture stored for static readers."""
    from gostep.widgets.sidebyside import compare
    cmp = compare(trace_a, trace_b, labels)
    return SideBySide(cmp, max(0, key_position(cmp, kind, column) + offset))


# What real Go printed for reset_stale.go (ms from start to the end of the read), 3 runs per
# setting, recorded on the shared 2-core VM with go1.22.10, go1.27.3 and go1.23.9 (go.mod go 1.22 /
# go 1.23). Shown, and said to be recorded, where a toolchain is not installed.
STALE_RECORDED = {
    "go1.22.10": (50.485, 50.327, 50.427),
    "go1.27.3": (153.823, 151.673, 150.441),
    "go1.23.9, go.mod: go 1.22": (50.443, 50.836, 50.859),
    "go1.23.9, go.mod: go 1.23": (153.820, 150.550, 150.526),
}
_STALE_RUNS = {"go1.22.10": ("1.22", None), "go1.27.3": ("1.27", None),
               "go1.23.9, go.mod: go 1.22": ("1.23", "1.22"), "go1.23.9, go.mod: go 1.23": ("1.23", None)}


def stale_runs(path=None, runs: int = 3) -> dict:
    """reset_stale.go on each toolchain setting: label -> (list of ms, "measured"|"recorded")."""
    import gostep as gs
    from gostep.real.toolchain import find_go
    from .checks import parse_duration_ms
    from .source import program_path
    path = str(path or program_path("reset_stale"))
    out = {}
    for label, (go, lang) in _STALE_RUNS.items():
        if find_go(go) is None:
            out[label] = (list(STALE_RECORDED[label]), "recorded: toolchain not installed")
            continue
        rs = gs.real.run(path, go=go, lang=lang, runs=runs)
        rs = rs if isinstance(rs, (list, tuple)) else [rs]
        out[label] = ([parse_duration_ms(r.stdout[0].split()[-1]) for r in rs], "measured now")
    return out
