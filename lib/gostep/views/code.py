"""The code panel: the Go source with line numbers, a G badge on each goroutine's current line,
and the line the step just executed highlighted.

# What the panel marks, and why

Python Tutor marks "the line just executed" and "the next line to execute" with two arrows; with
many goroutines there are many "next lines". So each live G gets a badge on its current line (a
rounded chip "G3" in its status colour, with the status glyph as the colour-free cue), and the line
of the G the step is about (`frame.event.gid`) gets a yellow background, `aria-current="step"` and a
left bar. Lines that no G is on are plain. Outer call-stack lines (`GView.lines[:-1]`) get a faint
badge so a reader sees that `main.main.func1` is inside `player(...)`.

The panel is an HTML string with its styles inlined on the elements (no <style> block), so it looks
the same in a Jupyter HTML widget, the exported page and a notebook's stored output.

# Following the current line without a script

An ipywidgets HTML widget runs no script, so it cannot scroll a panel to the lit line, and a panel
whose value is replaced starts scrolled to the top. So the player's panel shows a *window* of the
file (`window=` lines, "lines a-b of N" in its header) that always holds the current line, with
the Gs whose lines fall outside it listed in the header; a toggle shows the whole file unscrolled.
The window moves in half-window pages (`code_window`), not with every line, so the code stays put
while the lit line walks down it, and the window is a pure function of the frame: stepping back
shows the same window as stepping forward did. The exported page (views/export.py) has a script,
shows the whole file and scrolls the lit line into view.

Alternatives rejected: CSS scroll-snap on the lit line (Chrome re-snaps new content, Firefox does
not, and a mandatory snap point fights the reader's own scrolling); centring the window on the lit
line at every step (the whole panel shifts on each click, which reads as motion in the code).

Alternatives rejected: pygments highlighting (a dependency, and colours would compete with the
status colours; Go syntax is readable plain); one CSS class per status in a stylesheet (an
ipywidgets HTML widget sanitises <style> in some front ends).
"""
from __future__ import annotations

from html import escape

from gostep.views.style import DEFAULT, Style


def current_line(frame) -> int:
    """The line the step is about: the event's G's current line, or 0 if the step has no G."""
    g = frame.g(frame.event.gid) if frame.event.gid >= 0 else None
    return g.line if g is not None and g.line else 0


def badges(frame) -> dict:
    """line -> [(gid, status, outer)] for every G that is not dead (outer: an enclosing frame)."""
    out: dict = {}
    for g in frame.gs:
        if g.status == "dead":
            continue
        if g.line:
            out.setdefault(g.line, []).append((g.gid, g.status, False))
        for ln in g.lines[:-1]:
            if ln and ln != g.line:
                out.setdefault(ln, []).append((g.gid, g.status, True))
    return out


def recorded_header_lines(lines) -> int:
    """How many leading lines are the header comment that records real Go's results (a leading
    block of comments and blank lines with a `// gostep:` line in it); 0 for any other file."""
    i = 0
    while i < len(lines) and (lines[i].startswith("//") or not lines[i].strip()):
        i += 1
    return i if any(ln.startswith("// gostep:") for ln in lines[:i]) else 0


def code_window(n_lines: int, line: int, window: int) -> tuple:
    """The first and last line (1-based, inclusive) of the window that shows `line`.

    Windows start at multiples of window // 2 (plus one), and the one chosen keeps at least a
    quarter window of lines above and below `line` where the file allows; near the end the window
    is the last `window` lines. A file that (nearly) fits is shown whole.
    """
    if n_lines <= window + 4 or window <= 0:
        return 1, n_lines
    half, quarter = max(window // 2, 1), window // 4
    line = min(max(line, 1), n_lines)
    start = max(((line - 1 - quarter) // half) * half + 1, 1)
    start = min(start, n_lines - window + 1)
    return start, start + window - 1


def focus_line(frame) -> int:
    """The line the panel must show: the step's line, else the first running G's, else the
    line of the live G with the smallest gid (a step on g0 or sysmon has no line of its own:
    main's line beats the file's header comment), else 0."""
    cur = current_line(frame)
    if cur:
        return cur
    for status in ("running", None):
        lines = [g.line for g in sorted(frame.gs, key=lambda g: g.gid)
                 if g.line and g.status != "dead" and status in (None, g.status)]
        if lines:
            return lines[0]
    return 0


def _badge(gid, status, outer, st: Style) -> str:
    look = st.g_look(status)
    op = "0.45" if outer else "1"
    border = "dashed" if look.dash else "solid"
    return (f'<span class="gs-badge" data-g="G{gid}" title="G{gid} {look.label}'
            f'{" (caller frame)" if outer else ""}" style="display:inline-block;margin-left:4px;'
            f'padding:0 6px;border-radius:9px;font-size:11px;line-height:16px;opacity:{op};'
            f'background:{look.fill};border:1.5px {border} {look.stroke};color:#222;'
            f'font-family:{st.font}">{look.marker}&#8239;G{gid}</span>')


def code_panel(source: str, frame=None, style: Style = DEFAULT, name: str = "",
               max_height: int | None = 420, window: int | None = None) -> str:
    """The source as an HTML table: line numbers, code, G badges; the step's line highlighted.

    With `window=k`, only k lines around the step's line are rendered (see code_window), the
    header says which, and names the Gs whose current line is outside them.
    """
    st = style
    cur = current_line(frame) if frame is not None else 0
    marks = badges(frame) if frame is not None else {}
    lines = source.splitlines()
    # A course program's leading comment holds its recorded real-Go results (`gostep:case`
    # blocks: the outcome a reader is asked to predict). The panel starts after it, keeping the
    # file's line numbers, as show_source does.
    skip = recorded_header_lines(lines)
    a, b = skip + 1, len(lines)
    if window:
        a, b = code_window(len(lines) - skip, max((focus_line(frame) if frame is not None else 1) - skip, 1),
                           window)
        a, b = a + skip, b + skip
    rows = []
    for i, text in enumerate(lines[a - 1:b], start=a):
        hl = i == cur
        bg = f"background:{st.line_hl};" if hl else ""
        bar = "border-left:4px solid #e0a800;" if hl else "border-left:4px solid transparent;"
        aria = ' aria-current="step"' if hl else ""
        bs = "".join(_badge(gid, s, o, st) for gid, s, o in marks.get(i, ()))
        code = escape(text.replace("\t", "    ")) or "&#8203;"
        rows.append(f'<tr class="gs-line{" gs-current" if hl else ""}" data-line="{i}"{aria} '
                    f'style="{bg}"><td style="{bar}text-align:right;padding:0 8px 0 4px;color:#999;'
                    f'user-select:none;vertical-align:top">{i}</td><td style="white-space:pre;'
                    f'padding:0 6px 0 0;vertical-align:top">{code}{bs}</td></tr>')
    where = ""
    if (a, b) != (skip + 1, len(lines)):
        out = sorted({(gid, s, ln) for ln, lst in marks.items() if not a <= ln <= b
                      for gid, s, o in lst if not o})
        also = "".join(_badge(gid, s, False, st) + f"&nbsp;line&nbsp;{ln} " for gid, s, ln in out)
        where = (f' <span class="gs-window" data-first="{a}" data-last="{b}" style="font-weight:'
                 f'normal;color:#666">&middot; lines {a}&ndash;{b} of {len(lines)}</span>'
                 + (f' <span style="font-weight:normal;color:#666">&middot; elsewhere:</span>{also}'
                    if also else ""))
    if skip and not where:
        where = (f' <span class="gs-window" data-first="{a}" data-last="{b}" style="font-weight:'
                 f'normal;color:#666">&middot; from line {a} (the header of recorded results is '
                 f'not shown)</span>')
    title = (f'<div style="font:600 12px {st.font};color:#555;padding:4px 6px;'
             f'border-bottom:1px solid #e3e3e3">{escape(name)}{where}</div>') if name or where else ""
    mh = f"max-height:{max_height}px;overflow:auto;" if max_height else ""
    return (f'<div class="gostep-code" style="border:1px solid #d9d9d9;border-radius:8px;'
            f'background:#fcfcfc;{mh}">{title}<table style="border-collapse:collapse;'
            f'font:12.5px/18px {st.mono};color:#222;width:100%">{"".join(rows)}</table></div>')
