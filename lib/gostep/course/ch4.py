"""Chapter 4's library code: the defer stack, the context tree, cancel step by step, go vet.

Design
======

Chapter 4 asks three things of a model trace, each a pure function of the trace (virtual time,
seeded), so the chapter can store the answers and quote the numbers in them:

- `defer_table(trace)`: each goroutine's stack of pending deferred calls, step by step. The
  stepper keeps defer records in its state but a Frame does not list them (lib/gostep/trace/frame.py),
  so the table is rebuilt from the `defer` events (a push) and from the goroutine's call stack
  (a deferred call starts running when a new frame opens inside the statement it was registered
  by; a deferred `cancel()` or `wg.Wait()` shows as its own event). The rules are in
  `_DeferTracker`; tests/course/test_course_ch4.py checks them on the chapter's programs.
- `ctx_tree(trace, step)` and `cancel_walk(trace, step)`: the context tree of one frame (parent,
  kind, err, Done channel, and whether the context is still registered with its parent), and
  what one call of cancel did to it, event by event. Whether a context is still registered (Go's
  `parent.children` map) is recorded by the stepper but not exposed in `CtxView`; it is read from
  the trace's snapshot records (`_attached`).
- `vet(program)`: `go vet` run for real on a course program, in a temporary module, with a
  timeout and its process group killed on expiry; recorded output when no toolchain is present.

Alternatives rejected: adding the defer stack to the notebooks' cells (long cells, untested);
parsing printed output to find when a deferred call ran (a program could print anything).
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .source import program_path
from .tracetools import fmt_ns

__all__ = ["defer_table", "DeferTable", "ctx_tree", "cancel_walk", "CancelWalk", "vet", "VetResult",
           "context_source", "first_step", "return_step", "parks_of", "exercise_template",
           "timers_pending", "goroutines_started_by_timers", "ctx_registered", "CONTEXT_EXCERPTS",
           "line_starting", "printed_after_ms"]


# -- the defer stack ---------------------------------------------------------------------------

_DEFER = re.compile(r"^\s*defer\s+(.*)$")


def _statement_spans(lines: list[str]) -> list[tuple[int, int, str]]:
    """(first line, last line, text) of every defer statement of a Go file (1-based lines); a
    deferred closure's span runs to its `}()` line; a deferred call of one of the file's own
    functions also covers that function's body (the frame the call opens is there)."""
    funcs = {}
    for i, ln in enumerate(lines, 1):
        m = re.match(r"func\s+(\w+)\s*\(", ln)
        if m:
            j = i
            while j < len(lines) and lines[j - 1].rstrip() != "}":
                j += 1
            funcs[m.group(1)] = (i, j)
    spans = []
    for i, ln in enumerate(lines, 1):
        m = _DEFER.match(ln)
        if not m:
            continue
        text, end = m.group(1).split("//")[0].strip(), i
        if text.startswith("func("):
            depth = ln.count("{") - ln.count("}")
            while depth > 0 and end < len(lines):
                end += 1
                depth += lines[end - 1].count("{") - lines[end - 1].count("}")
            text = "func() { ... }()"
        extra = ()
        call = re.match(r"(\w+)\(", text)
        if call and call.group(1) in funcs:
            extra = funcs[call.group(1)]
        spans.append((i, end, text, extra))
    return spans


def _func_ranges(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) line of every top-level func of a Go file."""
    out = []
    for i, ln in enumerate(lines, 1):
        if ln.startswith("func "):
            j = i
            while j < len(lines) and lines[j - 1].rstrip() != "}":
                j += 1
            out.append((i, j))
    return out


@dataclass(frozen=True)
class DeferTable:
    """Pushes and runs of deferred calls: (step, time_ns, gid, "push"/"run", line, text, stack)."""

    rows: tuple

    def __len__(self):
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def order(self, gid: int = 1, what: str = "run") -> list[int]:
        """The lines of G's deferred calls in the order they were pushed (or ran)."""
        return [r[4] for r in self.rows if r[2] == gid and r[3] == what]

    def __repr__(self) -> str:
        if not self.rows:
            return "(no defer statement ran)"
        out = []
        for s, t, gid, what, line, text, stack in self.rows:
            top = " ".join(f"[{x}]" for x in reversed(stack)) or "(empty)"
            out.append(f"step {s:>3}  G{gid}  {what:<4} line {line:<3} {text:<42} stack, top first: {top}")
        return "\n".join(out)


class _DeferTracker:
    """Rebuilds each goroutine's defer stack from the trace (see the module docstring).

    Rules: a `defer` event of G pushes the defer statement it executed: the last defer line in
    [previous line, current line) of G, or the first at or after the previous line when G jumped
    back (a loop). A deferred call starts running when G's innermost frame is inside the span of a
    pending statement and G's stack is deeper than when it was pushed; every entry above it ran
    before it (LIFO). A `cancel` event of G runs a pending `cancel()` on top; parking in
    sync.WaitGroup.Wait runs a pending `.Wait()` on top; a G that exits has run all of its."""

    def __init__(self, source: str):
        self.lines = source.split("\n")
        self.spans = _statement_spans(self.lines)
        self.funcs = _func_ranges(self.lines)
        self.stack: dict[int, list] = {}
        self.prev: dict[int, tuple] = {}
        self.rows: list = []

    def _pushed_line(self, prev_line: int, cur_line: int) -> tuple | None:
        cands = [s for s in self.spans if prev_line <= s[0] < cur_line]
        if cands:
            return cands[-1]
        after = [s for s in self.spans if s[0] >= prev_line]
        return after[0] if after else None

    def _run(self, step, t, gid, k):
        st = self.stack[gid]
        while len(st) > k:
            span, depth = st.pop()
            self.rows.append((step, t, gid, "run", span[0], span[2], tuple(x[0][0] for x in st)))

    def feed(self, step, frame):
        e = frame.event
        for g in frame.gs:
            gid = g.gid
            st = self.stack.setdefault(gid, [])
            lines = g.lines
            if e.kind == "defer" and e.gid == gid:
                p = self.prev.get(gid, ())
                cur = lines[-1] if lines else 0
                if len(p) == len(lines) and tuple(p[:-1]) == tuple(lines[:-1]):
                    prev_line = p[-1]
                else:   # G entered this function since the last step: start from its first line
                    prev_line = next((a for a, b in self.funcs if a <= cur <= b), 0)
                    d = len(lines)
                    was_deferred = len(p) > d and any(a <= p[-1] <= b for a, b, _t, _x in self.spans)
                    if len(p) < d or was_deferred:   # a new call: the last one at this depth returned
                        k = len(st)
                        while k > 0 and st[k - 1][1] >= d:
                            k -= 1
                        self._run(step, frame.time_ns, gid, k)
                span = self._pushed_line(prev_line, cur)
                if span is not None:
                    st.append((span, len(lines)))
                    self.rows.append((step, frame.time_ns, gid, "push", span[0], span[2],
                                      tuple(x[0][0] for x in st)))
            elif st:
                if g.status == "dead" or not lines:
                    self._run(step, frame.time_ns, gid, 0)
                elif len(lines) < st[-1][1]:     # the deferring function has returned
                    k = len(st)
                    while k > 0 and st[k - 1][1] > len(lines):
                        k -= 1
                    self._run(step, frame.time_ns, gid, k)
                if st and lines and g.status != "dead":
                    inner = lines[-1]
                    for k in range(len(st) - 1, -1, -1):
                        (a, b, _text, extra), depth = st[k]
                        inside = a <= inner <= b or (extra and extra[0] <= inner <= extra[1])
                        if inside and len(lines) > depth:
                            self._run(step, frame.time_ns, gid, k)
                            break
                    if st and e.gid == gid:
                        top = st[-1][0][2]
                        if (e.kind == "cancel" and re.match(r"\w*[cC]ancel\w*\(\)", top)) or \
                           (e.kind == "park" and "WaitGroup.Wait" in e.text + g.wait_reason
                            and top.endswith(".Wait()")):
                            self._run(step, frame.time_ns, gid, len(st) - 1)
            self.prev[gid] = lines


def defer_table(trace, source: str | None = None) -> DeferTable:
    """Every push and every run of a deferred call in a model trace, with the stack after it."""
    if source is None:
        prog = getattr(trace, "program", None)
        source = getattr(prog, "source", None) or getattr(prog, "text", None)
        if source is None:
            name = getattr(prog, "name", "") or trace.frame(0).source_name
            source = program_path(name).read_text()
    tr = _DeferTracker(source)
    for i in range(len(trace)):
        tr.feed(i, trace.frame(i))
    return DeferTable(tuple(tr.rows))


# -- the context tree --------------------------------------------------------------------------


def _attached(trace, step: int) -> dict:
    """{ctx id: registered in its parent's children} at a step, from the snapshot records (the
    stepper's X_ATTACHED, which CtxView does not carry)."""
    objs, _h = trace._objects(step)
    return {int(x): bool(int(r[6])) for x, r in objs[3].items()}


def ctx_registered(trace, step: int, cid: int) -> bool:
    """Whether context `cid` is in its parent's children at `step` (so the parent keeps it alive
    and would cancel it)."""
    return _attached(trace, step).get(cid, False)


@dataclass(frozen=True)
class CtxTree:
    """The context tree of one frame, as text lines (root first, children indented)."""

    step: int
    lines: tuple

    def __repr__(self) -> str:
        return f"context tree at step {self.step}:\n" + "\n".join(self.lines)


def _name(cid, names):
    return f"{names[cid]} (ctx#{cid})" if names and cid in names else f"ctx#{cid}"


def ctx_tree(trace, step: int, names: dict | None = None) -> CtxTree:
    """The contexts of a frame as a tree: kind, Err(), Done channel, and for a child whether it is
    still registered with its parent (`propagateCancel` adds it, `removeChild` takes it out)."""
    f = trace.frame(step)
    att = _attached(trace, step)
    kids: dict[int, list] = {}
    for x in f.ctxs:
        kids.setdefault(x.parent, []).append(x)
    out = []

    def walk(x, depth):
        err = x.err or "<nil>"
        done = f"Done=chan#{x.done_cid}" if x.done_cid else "Done not made yet"
        reg = "" if x.parent == 0 else ("  registered with its parent" if att.get(x.cid)
                                        else "  not registered with its parent")
        out.append(f"{'    ' * depth}{'└─ ' if depth else ''}{_name(x.cid, names)} {x.kind}: "
                   f"Err()={err}, {done}{reg}")
        for y in kids.get(x.cid, ()):
            walk(y, depth + 1)

    out.append("Background()")
    for x in kids.get(0, ()):
        walk(x, 1)
    return CtxTree(step, tuple(out))


@dataclass(frozen=True)
class CancelWalk:
    """What one call of cancel did, event by event, and how long it took in virtual time."""

    rows: tuple          # (step, text)
    start_ns: int
    end_ns: int
    returned_step: int

    def __repr__(self) -> str:
        body = "\n".join(f"step {s:>3}  {t}" for s, t in self.rows)
        return (f"{body}\ncancel started and ended at t={fmt_ns(self.start_ns)} and "
                f"t={fmt_ns(self.end_ns)}: it parked nobody and waited for nothing")


def cancel_walk(trace, step: int, names: dict | None = None) -> CancelWalk:
    """The events of the cancel call whose first event is at `step` (same G, same virtual time):
    store err, close done, stop the timer, cancel the children, leave the parent."""
    f0 = trace.frame(step)
    gid, t0 = f0.event.gid, f0.time_ns
    before = _attached(trace, step - 1)
    rows, i = [], step
    while i < len(trace):
        f = trace.frame(i)
        e = f.event
        if f.time_ns != t0 or e.gid != gid or e.kind not in ("cancel", "close", "timer_stop", "ready"):
            break
        if e.kind == "cancel":
            x = int(e.obj.split("#")[1])
            rows.append((i, f"{_name(x, names)}: Err() set to {f.ctxs and next(c.err for c in f.ctxs if c.cid == x)}"))
        elif e.kind == "close":
            c = next(c for c in f.chans if f"chan#{c.cid}" == e.obj)
            waiting = len(trace.frame(i - 1).chans[[x.cid for x in trace.frame(i - 1).chans].index(c.cid)].recvq)
            rows.append((i, f"{e.obj} (its Done channel) closed; goroutines waiting on it: {waiting}"))
        elif e.kind == "timer_stop":
            rows.append((i, f"{e.obj} (the deadline timer) stopped and removed from its P's heap"))
        else:
            rows.append((i, e.text))
        i += 1
    after = _attached(trace, min(i, len(trace) - 1))
    left = sorted(x for x, a in before.items() if a and not after.get(x, False))
    last = trace.frame(i - 1)
    for x in left:
        parent = next((c.parent for c in last.ctxs if c.cid == x), 0)
        perr = next((c.err for c in last.ctxs if c.cid == parent), "")
        why = ("the parent's Err() is still <nil>" if not perr else
               "the cancelled parent dropped all its children (c.children = nil)")
        rows.append((i - 1, f"{_name(x, names)} no longer registered with its parent "
                            f"{_name(parent, names)}: {why}"))
    return CancelWalk(tuple(rows), t0, trace.frame(i - 1).time_ns, i)


# -- reading a trace for the chapter and its checks ---------------------------------------------


def first_step(trace, kind: str, after: int = 0, gid: int | None = None, contains: str = "") -> int:
    """The first step at or after `after` of an event kind (optionally of one G, or whose
    narration contains a text); -1 if none."""
    for i in range(after, len(trace)):
        e = trace.frame(i).event
        if e.kind == kind and (gid is None or e.gid == gid) and contains in e.text:
            return i
    return -1


def parks_of(trace, gid: int, after: int = 0, before: int | None = None) -> int:
    """How many times G parked between two steps (model state, not output)."""
    end = len(trace) if before is None else before
    return sum(1 for i in range(after, end)
               if trace.frame(i).event.kind == "park" and trace.frame(i).event.gid == gid)


def return_step(trace, call_line: int, gid: int = 1) -> int:
    """The step at which G returned from the call on `call_line` (its call stack is back to one
    frame, past that line); -1 if it never did."""
    inside = False
    for i in range(len(trace)):
        g = trace.frame(i).g(gid)
        if g is None or not g.lines:
            continue
        if len(g.lines) >= 2 and g.lines[0] == call_line:
            inside = True
        elif inside and len(g.lines) == 1 and g.lines[0] != call_line:
            return i
    return -1


def timers_pending(trace, step: int, kind: str = "deadline") -> int:
    """How many timers of a kind are in the Ps' heaps at a step."""
    return sum(1 for p in trace.frame(step).ps for tm in p.timers if tm.kind == kind)


def goroutines_started_by_timers(trace, after: int = 0, before: int | None = None) -> int:
    """How many goroutines a timer started (goFunc's `go f()` on g0) between two steps."""
    end = len(trace) if before is None else before
    return sum(1 for i in range(after, end)
               if trace.frame(i).event.kind == "go" and "(a timer)" in trace.frame(i).event.text)


def exercise_template(name: str = "defer_workers_exercise") -> str:
    """The text of an exercise program (the reader edits a copy)."""
    return program_path(name).read_text()


# -- Go source, quoted with line numbers -------------------------------------------------------

# Excerpts of context/context.go, Go 1.27.3, with their first line number. tests/course/test_course_ch4.py
# checks them against the pinned toolchain's file, so a line number cannot go stale.
CONTEXT_EXCERPTS = {
    "cancelCtx.cancel": (550, """\
func (c *cancelCtx) cancel(removeFromParent bool, err, cause error) {
	if err == nil {
		panic("context: internal error: missing cancel error")
	}
	if cause == nil {
		cause = err
	}
	c.mu.Lock()
	if c.err.Load() != nil {
		c.mu.Unlock()
		return // already canceled
	}
	c.err.Store(err)
	c.cause = cause
	d, _ := c.done.Load().(chan struct{})
	if d == nil {
		c.done.Store(closedchan)
	} else {
		close(d)
	}
	for child := range c.children {
		// NOTE: acquiring the child's lock while holding parent's lock.
		child.cancel(false, err, cause)
	}
	c.children = nil
	c.mu.Unlock()

	if removeFromParent {
		removeChild(c.Context, c)
	}
}"""),
    "timerCtx.cancel": (680, """\
func (c *timerCtx) cancel(removeFromParent bool, err, cause error) {
	c.cancelCtx.cancel(false, err, cause)
	if removeFromParent {
		// Remove this timerCtx from its parent cancelCtx's children.
		removeChild(c.cancelCtx.Context, c)
	}
	c.mu.Lock()
	if c.timer != nil {
		c.timer.Stop()
		c.timer = nil
	}
	c.mu.Unlock()
}"""),
    "WithDeadlineCause": (650, """\
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err.Load() == nil {
		c.timer = time.AfterFunc(dur, func() {
			c.cancel(true, DeadlineExceeded, cause)
		})
	}
	return c, func() { c.cancel(true, Canceled, nil) }
}"""),
}


@dataclass(frozen=True)
class GoExcerpt:
    """Lines of a Go source file of the pinned toolchain, numbered as in the file."""

    path: str
    first: int
    text: str

    def __repr__(self) -> str:
        body = "\n".join(f"{self.first + i:>4}  {ln}" for i, ln in enumerate(self.text.split("\n")))
        return f"// {self.path}, Go 1.27.3, lines {self.first}-{self.first + self.text.count(chr(10))}\n{body}"


def context_source(name: str) -> GoExcerpt:
    """A function of context/context.go (Go 1.27.3) with its line numbers: "cancelCtx.cancel",
    "timerCtx.cancel" or the end of "WithDeadlineCause"."""
    first, text = CONTEXT_EXCERPTS[name]
    return GoExcerpt("context/context.go", first, text)


# -- go vet, run for real ----------------------------------------------------------------------

# What `go vet` (Go 1.27.3) printed for course/programs/forgot_cancel.go, shown when no
# toolchain is installed (tests/course/test_course_ch4.py re-runs vet and compares).
VET_RECORDED = (
    "forgot_cancel.go:21:7: the cancel function returned by context.WithTimeout should be called, "
    "not discarded, to avoid a context leak",
)


@dataclass(frozen=True)
class VetResult:
    """What `go vet` printed (with the temporary directory's path removed) and its exit status."""

    ran: bool                # False: the toolchain is missing and `lines` are the recorded ones
    exit_code: int | None
    lines: tuple
    note: str = ""

    @property
    def lostcancel(self) -> list[str]:
        """The lostcancel reports: the lines that say a cancel function must be called."""
        return [ln for ln in self.lines if "should be called" in ln or "not used on all paths" in ln]

    def __repr__(self) -> str:
        head = (f"go vet exited with status {self.exit_code}" if self.ran else
                "go vet was not run here (no Go toolchain); recorded output of Go 1.27.3:")
        return "\n".join([head, *self.lines] + ([self.note] if self.note else []))


def vet(name: str = "forgot_cancel", timeout_s: float = 120.0) -> VetResult:
    """Run `go vet` on a course program in a temporary module (go 1.27), in its own process
    group, killed as a group after `timeout_s`. Without a toolchain: the recorded output."""
    from gostep.real.toolchain import find_go, go_env
    src = program_path(name)
    go = find_go()
    if go is None:
        return VetResult(False, None, VET_RECORDED if src.name == "forgot_cancel.go" else ())
    with tempfile.TemporaryDirectory(prefix="gostep-vet-") as d:
        shutil.copy(src, Path(d) / src.name)
        (Path(d) / "go.mod").write_text("module x\n\ngo 1.27\n")
        p = subprocess.Popen([str(go), "vet", "."], cwd=d, env=go_env(), stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, start_new_session=True)
        try:
            out, _ = p.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.communicate()
            return VetResult(True, None, (), f"go vet did not finish within {timeout_s:g} s (killed)")
        lines = tuple(ln.replace(d, ".") for ln in out.strip().split("\n") if ln.strip())
        return VetResult(True, p.returncode, lines)


def line_starting(name: str, text: str) -> int:
    """The 1-based line of a course program whose stripped text is `text` (or starts with it)."""
    for i, ln in enumerate(program_path(name).read_text().split("\n"), 1):
        if ln.strip() == text or ln.strip().startswith(text):
            return i
    raise ValueError(f"{text!r} is not a line of {name}")


def printed_after_ms(lines, prefix: str) -> float | None:
    """The duration printed after "after " on the first line that starts with `prefix`, in ms."""
    from .checks import parse_duration_ms
    for ln in lines:
        if ln.startswith(prefix):
            return parse_duration_ms(ln.split(" after ")[1].split(":")[0].strip())
    return None
