"""The fixed structural layout shared by the SVG and matplotlib renderers.

# Why positions come from structure, never from a graph-layout algorithm

A player shows hundreds of frames in a row. If a force or dot layout placed the nodes afresh for
each frame, everything would jump when one G moved from a run queue to a P. Here every object has a
slot derived from its *id* and the trace's capacities:

    sysmon                                                    (top right)
    M0        M1                                              contexts, a tree by creation order,
    P0        P1        global run queue                      indented by depth (right column)
    runnext / runq chips under each P
    timers of each P's heap under it
    G cards: a grid, in gid order (Go's gids are 1, 2, 3 ... in creation order)
    channels: a grid, in id order

Ids only grow during a run, so an object never moves once it exists. A `Layout` is fitted to a whole
trace (`Layout.fit(frames)`: the most Ps, Gs, channels, contexts, queue and timer lengths seen), so
rows below the G grid do not move when the seventh G is born. Fitted to one frame, the layout is
still deterministic; it is just not guaranteed to match the next frame's.

Alternatives rejected: graphviz dot (a binary dependency, and it re-ranks on every change); networkx
spring layouts (unseeded ones jump, seeded ones still move when a node appears); mermaid (re-lays out
each render: used only for exported diagrams, see recipes).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

PAD = 16
HEADER = 34
PW = 196           # P column width
PGAP = 22
MH = 40            # M box height
MP_GAP = 26
PH = 50            # P box height
QROW = 28          # runnext / runq row height
TROW = 30          # one timer row
GRQ_W = 132
CHIP_W = 34
CHIP_H = 20
GW = 150           # G card
GH = 58
GGAP = 12
CW = 180           # channel box
CH = 92
CGAP = 14
CTX_W = 196
CTX_H = 46
CTX_GAP = 10
SYS_H = 50
SECTION_GAP = 34
LABEL_H = 18       # section label above the G grid and the channel grid


@dataclass(frozen=True)
class Layout:
    """Capacities of a trace and the coordinates derived from them (all in SVG pixels)."""
    n_ps: int = 1
    n_gs: int = 1          # G slots (highest gid seen)
    n_chans: int = 0       # channel slots (highest cid seen)
    n_ctxs: int = 0        # context slots (highest cid seen)
    runq_slots: int = 3    # chips shown per local run queue before "+k"
    timer_slots: int = 1   # timer rows per P
    grq_slots: int = 4     # chips shown in the global run queue before "+k"
    g_ids: tuple = ()      # every gid / channel id / context id seen, sorted: an object's slot is
    c_ids: tuple = ()      # its rank here, so ids that never appear in frames (runtime-internal
    x_ids: tuple = ()      # objects, a Background context) leave no hole; empty: slot = id - 1

    @classmethod
    def fit(cls, frames) -> "Layout":
        """The smallest layout that holds every frame of `frames` (an iterable of Frames)."""
        n_ps = n_gs = n_ch = n_cx = 1
        n_ch = n_cx = 0
        rq = 3
        tm = 1
        gq = 4
        gids, cids, xids = set(), set(), set()
        for f in frames:
            gids.update(g.gid for g in f.gs)
            cids.update(c.cid for c in f.chans)
            xids.update(x.cid for x in f.ctxs)
            n_ps = max(n_ps, len(f.ps))
            if f.gs:
                n_gs = max(n_gs, max(g.gid for g in f.gs))
            if f.chans:
                n_ch = max(n_ch, max(c.cid for c in f.chans))
            if f.ctxs:
                n_cx = max(n_cx, max(x.cid for x in f.ctxs))
            for p in f.ps:
                rq = max(rq, min(len(p.runq), 4))
                tm = max(tm, min(len(p.timers), 3))
            gq = max(gq, min(len(f.global_runq), 8))
        gids, cids, xids = tuple(sorted(gids)), tuple(sorted(cids)), tuple(sorted(xids))
        return cls(n_ps, max(len(gids), 1), len(cids), len(xids), rq, tm, gq, gids, cids, xids)

    @staticmethod
    def _slot(ids: tuple, i: int) -> int:
        """The rank of id i among ids; an id the layout has not seen goes after them all."""
        if not ids:
            return max(i - 1, 0)
        k = bisect.bisect_left(ids, i)
        if k < len(ids) and ids[k] == i:
            return k
        return len(ids) + max(i - ids[-1] - 1, 0)

    @classmethod
    def for_frame(cls, frame) -> "Layout":
        return cls.fit([frame])

    # --- columns -----------------------------------------------------------------------------
    def p_x(self, pid: int) -> float:
        return PAD + pid * (PW + PGAP)

    @property
    def grq_x(self) -> float:
        return PAD + self.n_ps * (PW + PGAP)

    @property
    def main_w(self) -> float:
        """Width of the left area (Ps, the global run queue, the G and channel grids)."""
        return self.n_ps * (PW + PGAP) + GRQ_W

    @property
    def side_x(self) -> float:
        return PAD + self.main_w + PGAP + 8

    @property
    def width(self) -> float:
        return self.side_x + CTX_W + 3 * 16 + PAD

    # --- rows --------------------------------------------------------------------------------
    @property
    def m_y(self) -> float:
        return PAD + HEADER

    @property
    def p_y(self) -> float:
        return self.m_y + MH + MP_GAP

    @property
    def q_y(self) -> float:
        return self.p_y + PH + 8

    @property
    def t_y(self) -> float:
        return self.q_y + 2 * QROW + 4

    @property
    def g_y(self) -> float:
        return self.t_y + self.timer_slots * TROW + SECTION_GAP + LABEL_H

    @property
    def g_cols(self) -> int:
        return max(1, int((self.main_w + GGAP) // (GW + GGAP)))

    def g_xy(self, gid: int) -> tuple:
        i = self._slot(self.g_ids, gid)
        r, c = divmod(i, self.g_cols)
        return PAD + c * (GW + GGAP), self.g_y + r * (GH + GGAP)

    @property
    def g_rows(self) -> int:
        return -(-self.n_gs // self.g_cols)

    @property
    def c_y(self) -> float:
        return self.g_y + self.g_rows * (GH + GGAP) - GGAP + SECTION_GAP + LABEL_H

    @property
    def c_cols(self) -> int:
        return max(1, int((self.main_w + CGAP) // (CW + CGAP)))

    def c_xy(self, cid: int) -> tuple:
        r, c = divmod(self._slot(self.c_ids, cid), self.c_cols)
        return PAD + c * (CW + CGAP), self.c_y + r * (CH + CGAP)

    @property
    def c_rows(self) -> int:
        return -(-self.n_chans // self.c_cols) if self.n_chans else 0

    # --- the side column: sysmon, then the context tree -------------------------------------
    @property
    def sys_y(self) -> float:
        return PAD + HEADER

    @property
    def ctx_y0(self) -> float:
        return self.sys_y + SYS_H + SECTION_GAP + LABEL_H

    def ctx_xy(self, cid: int, depth: int) -> tuple:
        return (self.side_x + 16 * min(depth, 3),
                self.ctx_y0 + self._slot(self.x_ids, cid) * (CTX_H + CTX_GAP))

    @property
    def height(self) -> float:
        bottom = self.c_y + self.c_rows * (CH + CGAP) if self.n_chans else self.c_y - LABEL_H
        side = self.ctx_y0 + self.n_ctxs * (CTX_H + CTX_GAP)
        return max(bottom, side) + PAD
