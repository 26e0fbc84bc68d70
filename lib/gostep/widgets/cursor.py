"""The cursor over a trace: frame access with a small cache, event-kind search, time lookup.

# Why the widget's only state is one integer

Python Tutor's lesson: when every frame is a self-contained snapshot, a viewer is an integer cursor,
and "back" is `step - 1`, exactly as cheap as "forward". Everything here is a pure function of the
trace and that integer, so the widgets hold no logic of their own and the tests need no browser.

`TraceIndex` decodes frames on demand (`trace.frame(i)`) and keeps the last few hundred, records
each step's event kind and virtual time once (for "next timer fire" and for keeping the position
when a what-if re-runs), and fits the fixed layout to a sample of the trace's frames.

Alternatives rejected: decoding every frame up front (seconds for long traces, and most are never
looked at); a cursor that replays the stepper from the start (back would cost O(step)).
"""
from __future__ import annotations

import bisect
from collections import OrderedDict

from gostep.views.layout import Layout


class TraceIndex:
    """Indexed access to a trace's frames, event kinds and times."""

    def __init__(self, trace, cache: int = 256):
        self.trace = trace
        self.n = len(trace)
        self._cache: OrderedDict = OrderedDict()
        self._size = cache
        self._kinds = None
        self._times = None

    def frame(self, i: int):
        f = self._cache.get(i)
        if f is None:
            f = self.trace.frame(i)
            self._cache[i] = f
            if len(self._cache) > self._size:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(i)
        return f

    @property
    def kinds(self) -> list:
        """Each step's event kind (from trace.events when it has one per step, else the frames)."""
        if self._kinds is None:
            ev = getattr(self.trace, "events", None)
            if ev is not None and len(ev) == self.n and all(hasattr(e, "kind") for e in ev):
                self._kinds = [e.kind for e in ev]
            else:
                self._kinds = [self.trace.frame(i).event.kind for i in range(self.n)]
        return self._kinds

    @property
    def times(self) -> list:
        """Each step's virtual time in ns (trace.times when the trace has it, else the frames)."""
        if self._times is None:
            tt = getattr(self.trace, "times", None)
            if callable(tt):              # gostep.trace.Trace.times() -> int64 array
                tt = tt()
            if tt is not None and len(tt) == self.n:
                self._times = [int(t) for t in tt]
            else:
                self._times = [self.trace.frame(i).time_ns for i in range(self.n)]
        return self._times

    def next_of(self, i: int, kinds, direction: int = 1) -> int | None:
        """The next (or previous, direction=-1) step after i whose event kind is in `kinds`."""
        ks = self.kinds
        kinds = {kinds} if isinstance(kinds, str) else set(kinds)
        j = i + direction
        while 0 <= j < self.n:
            if ks[j] in kinds:
                return j
            j += direction
        return None

    def at_time(self, time_ns: int) -> int:
        """The last step whose virtual time is <= time_ns (0 if none)."""
        return max(bisect.bisect_right(self.times, time_ns) - 1, 0)

    def layout(self, sample: int = 400) -> Layout:
        """A layout that holds the trace: fitted to up to `sample` evenly spaced frames and the last."""
        if self.n == 0:
            return Layout()
        stride = max(1, self.n // sample)
        idx = list(range(0, self.n, stride)) + [self.n - 1]
        return Layout.fit(self.frame(i) for i in idx)


def merge_by_time(times_a: list, times_b: list) -> list:
    """Lock-step positions for two traces: (ia, ib) pairs, advancing whichever is earlier.

    Each pair is one position of the side-by-side player; every frame of both traces appears, and
    the two cursors never differ by more than one step of the other trace in virtual time. Ties go
    to trace a first.
    """
    out = [(0, 0)]
    ia = ib = 0
    na, nb = len(times_a), len(times_b)
    while ia < na - 1 or ib < nb - 1:
        ta = times_a[ia + 1] if ia < na - 1 else None
        tb = times_b[ib + 1] if ib < nb - 1 else None
        if tb is None or (ta is not None and ta <= tb):
            ia += 1
        else:
            ib += 1
        out.append((ia, ib))
    return out
