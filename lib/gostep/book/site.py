"""The static site: every chapter as one offline HTML page (see the package docstring)."""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from .student import is_instructor_note

# What nbconvert's lab template would load from a CDN; none of it is needed once players are
# static, so the builder leaves it out (and `offline_problems` checks nothing of it is left).
_REMOTE_SCRIPT = re.compile(r"<script\b[^>]*\bsrc=[\"']https?://[^>]*>\s*</script>", re.I)
_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref=[\"']https?://[^>]*>", re.I)
# An inline script that imports from a CDN (nbconvert's mermaid loader does, even when a page has
# no diagram): dropped whole.
_MODULE_IMPORT = re.compile(r"<script\b[^>]*>(?:(?!</script>).)*?import\s*\(?\s*[\"']https?://"
                            r"(?:(?!</script>).)*</script>", re.I | re.S)
_NB_LINK = re.compile(r'href="([0-9]{2}_[A-Za-z0-9_]+)\.ipynb(#[^"]*)?"')


def offline_problems(page: str) -> list[str]:
    """Everything in an HTML page that would make the browser fetch from the network: scripts,
    styles, images, frames or module imports with an http(s) address (plain links do not load)."""
    probs = []
    for m in re.finditer(r"<(script|link|img|iframe|source|video|audio)\b[^>]*"
                         r"\b(src|href)=[\"'](https?:)?//[^\"']*", page, re.I):
        probs.append(m.group(0)[:120])
    for m in re.finditer(r"(import\s[^;\n]*from\s*|import\()[\"'](https?:)?//[^\"']*", page):
        probs.append(m.group(0)[:120])
    for m in re.finditer(r"url\(\s*[\"']?https?://[^)]*\)", page):
        probs.append(m.group(0)[:120])
    return probs


def _execute(nb: dict, workdir: Path, timeout: int) -> dict:
    import nbformat
    from nbclient import NotebookClient
    node = nbformat.reads(json.dumps(nb), as_version=4)
    old = os.environ.get("GOSTEP_STATIC")
    os.environ["GOSTEP_STATIC"] = "1"          # the kernel inherits it: gs.show -> static player
    try:
        NotebookClient(node, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(workdir)}}).execute()
    finally:
        if old is None:
            os.environ.pop("GOSTEP_STATIC", None)
        else:
            os.environ["GOSTEP_STATIC"] = old
    return node


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_STATIC_FORMS = ("image/svg+xml", "text/html", "image/png")


def static_outputs(node) -> int:
    """Drop the live-widget form of every output that also carries a static one (the scheduler
    game stores the SVG of its state beside its widget view): a page without a kernel and without
    the widget's saved state would show an empty box for the widget, and nbconvert picks the widget
    first. Returns how many outputs changed."""
    n = 0
    for c in node["cells"]:
        for o in c.get("outputs", []) if c.get("cell_type") == "code" else []:
            data = o.get("data") or {}
            if WIDGET_VIEW in data and any(k in data for k in _STATIC_FORMS):
                del data[WIDGET_VIEW]
                svg = data.get("image/svg+xml")
                if svg and "text/html" not in data:
                    # inline, so the picture keeps its own title and aria-label (nbconvert would make
                    # it an <img> "without description"), with the text form under it
                    svg = "".join(svg) if isinstance(svg, list) else svg
                    text = data.get("text/plain", "")
                    text = "".join(text) if isinstance(text, list) else text
                    data["text/html"] = (f'<div class="gostep-static">{svg}<details><summary>the same '
                                         f'state as text</summary><pre>{html.escape(text)}</pre>'
                                         '</details></div>')
                n += 1
    return n


def _to_html(node, title: str) -> str:
    from nbconvert import HTMLExporter
    ex = HTMLExporter(template_name="lab")
    ex.mathjax_url = ""
    ex.require_js_url = ""
    ex.jquery_url = ""
    page, _ = ex.from_notebook_node(node, resources={"metadata": {"name": title}})
    page = _MODULE_IMPORT.sub("", page)
    page = _REMOTE_SCRIPT.sub("", page)
    page = _REMOTE_LINK.sub("", page)
    page = _NB_LINK.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', page)
    return page.replace('href="GLOSSARY.md"', 'href="GLOSSARY.html"')


def _title(nb: dict, fallback: str) -> str:
    for c in nb["cells"]:
        if c["cell_type"] == "markdown":
            src = "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            m = re.search(r"^#\s+(.+)$", src, re.M)
            if m:
                return m.group(1).strip()
    return fallback


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}'
            '</title><style>body{font:15px/1.5 Helvetica,Arial,sans-serif;max-width:900px;margin:2em '
            'auto;padding:0 1em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px '
            f'8px}}code{{background:#f3f3f3}}</style></head><body>{body}</body></html>\n')


def build_site(course: Path, out: Path, chapters=None, timeout: int = 900) -> list[Path]:
    """Execute each chapter notebook (all numbered ones, or the names in `chapters`) in a copy of
    `course` with static players, and write offline HTML pages plus an index into `out`."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune
    course, out = Path(course).resolve(), Path(out)
    names = sorted(p.name for p in course.glob("[0-9][0-9]_*.ipynb"))
    if chapters:
        names = [n for n in names if n in set(chapters) or n.split("_")[0] in set(chapters)]
    out.mkdir(parents=True, exist_ok=True)
    pages, rows = [], []
    with tempfile.TemporaryDirectory(prefix="gostep-site-") as tmp:
        work = Path(tmp) / "course"
        shutil.copytree(course, work, ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"))
        for name in names:
            nb = json.loads((course / name).read_text(encoding="utf-8"))
            nb["cells"] = [c for c in nb["cells"] if not is_instructor_note(c)]
            for c in nb["cells"]:
                if c["cell_type"] == "code":
                    c["outputs"], c["execution_count"] = [], None
            node = _execute(nb, work, timeout)
            static_outputs(node)
            title = _title(nb, name)
            page = out / (Path(name).stem + ".html")
            page.write_text(_to_html(node, title), encoding="utf-8")
            pages.append(page)
            rows.append(f'<li><a href="{page.name}">{html.escape(title)}</a></li>')
    gloss = course / "GLOSSARY.md"
    if gloss.exists():
        (out / "GLOSSARY.html").write_text(
            _page("Glossary", markdown2html_mistune(gloss.read_text(encoding="utf-8"))), encoding="utf-8")
        rows.append('<li><a href="GLOSSARY.html">Glossary</a></li>')
    (out / "index.html").write_text(_page(
        "Why didn't my timeout fire?",
        "<h1>Why didn't my timeout fire? Stepping through the Go runtime</h1>"
        "<p>The course as static pages: every player steps without a kernel.</p>"
        f"<ul>{''.join(rows)}</ul>"), encoding="utf-8")
    return pages
