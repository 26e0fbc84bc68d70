"""Chapter 1's helpers: read real runs and model traces the way the chapter asks about them.

- `after_ms(results)`: the durations real Go printed ("... after 30.2ms ..."), in ms, for `band`.
- `alive_at_end(trace)`: the goroutines besides main still alive at the model's last frame, and
  where they are parked, as a small table with a deterministic text form.
- `post_fix(name)`: the source post's two fixes for the blocked send, applied to the worker of
  course/programs/fetch_timeout.go, so the chapter can run them through `check_no_leak`.

Notebooks import it as `from gostep.course import ch1`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .checks import leftover_goroutines, parse_duration_ms
from .checks_ch1 import _template, split_fetch

__all__ = ["after_ms", "Alive", "alive_at_end", "PostFix", "post_fix"]

_AFTER = re.compile(r"after ([0-9.]+(?:ns|µs|us|ms|s))")


def after_ms(results) -> list[float]:
    """For each real run, the first duration printed after the word "after", in ms (runs that
    printed none are left out)."""
    out = []
    for r in results:
        m = next((_AFTER.search(ln) for ln in r.stdout if _AFTER.search(ln)), None)
        if m:
            out.append(parse_duration_ms(m.group(1)))
    return out


@dataclass(frozen=True)
class Alive:
    """Goroutines other than main alive at the end of a run: (gid, status, wait reason, func, line)."""

    rows: tuple

    def __len__(self):
        return len(self.rows)

    def __repr__(self) -> str:
        if not self.rows:
            return "only main is alive at the end"
        return "\n".join(f"G{gid}: {st}" + (f" ({wr})" if wr else "") + f" in {fn}, line {line}"
                         for gid, st, wr, fn, line in self.rows)


def alive_at_end(trace) -> Alive:
    """The goroutines besides main still alive in the model's last frame, and where they wait."""
    return Alive(tuple((g.gid, g.status, g.wait_reason, g.func, g.line)
                       for g in leftover_goroutines(trace)))


# The source post's fixes for "a blocking send on an unbuffered channel" (its chapter 1 table and
# its section 4), each as the worker of fetch_timeout.go would be written with it.
_POST_FIXES = {
    "select-default": (
        "the post's table: \"use a buffered channel or select + default non-blocking write\" "
        "(the second half)",
        """
	result := make(chan string)
	go func() {
		time.Sleep(100 * time.Millisecond) // slow work
		select {
		case result <- "data":
		default: // nobody is receiving right now: drop the value
		}
	}()
	"""),
    "pre-check": (
        "the post's section 4.2: \"put select { case <-ctx.Done(): ... default: } before every "
        "channel operation\"",
        """
	result := make(chan string)
	go func() {
		time.Sleep(100 * time.Millisecond) // slow work
		select {
		case <-ctx.Done():
			return // the caller gave up
		default: // not done yet...
		}
		result <- "data"
	}()
	"""),
}


@dataclass(frozen=True)
class PostFix:
    """One of the post's fixes: where the post says it, the worker it gives, the whole program."""

    name: str
    where: str
    worker: str
    program: str

    def __repr__(self) -> str:
        return f"// {self.where}\n// fetch's worker becomes:{self.worker.rstrip()}"

    def _repr_markdown_(self) -> str:
        return f"{self.where}; fetch's worker becomes:\n\n```go{self.worker.rstrip()}\n```"


def post_fix(name: str) -> PostFix:
    """The post's fix `name` ("select-default" or "pre-check") applied to fetch_timeout.go's worker."""
    where, worker = _POST_FIXES[name]
    template = _template()
    old = split_fetch(template)[1]
    return PostFix(name, where, worker, template.replace(old, worker, 1))
