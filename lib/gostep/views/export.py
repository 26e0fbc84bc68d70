"""A player without a kernel: one self-contained HTML file with every frame precomputed.

# Why precompute, and what the page holds

No static export runs widget callbacks (recipes: "Static export"), so a page that must animate on
the course site, in an exported notebook or attached to an issue carries its frames with it. The
page holds, for each step: the SVG picture (views.svg, the same layout as the widget), the
narration, the code panel's current line and G badges, stdout so far and the outcome. An inline
script plays them. Its controls are views/stepper.js, the same file the notebook widget runs
(widgets/player.py), so the two players behave the same: first / back / forward / last, a slider,
play / pause with a speed, "jump to" the previous / next timer fire, park, preemption or sysmon
tick (a `marks` string, one letter per step), and the keyboard (Left/Right, PageUp/PageDown,
Home/End, Space) while the player has focus; this page adds only the painting of a frame. The
layout is the widget's: the picture at its natural size (scrolling sideways in a narrow page), the
code beside it or below it; the page shows the whole file and its script scrolls the code box to
keep the lit line in view. No network: no CDN, no fonts, no external script; the page works from
file://.

Size: a frame's SVG is 10 to 25 kB. Above `compress_over` bytes the frames are stored as gzip +
base64 and unpacked with the browser's DecompressionStream (Chrome 80+, Firefox 113+, Safari 16.4+)
so a 1,000-step trace stays a few MB. `steps=` exports only chosen steps (a storyboard).

`embed(trace)` returns an object that notebooks display: an <iframe srcdoc> of the same page (so
ids and scripts cannot clash with the notebook), with a deterministic text/plain. GitHub's notebook
viewer strips iframes and scripts; `storyboard_mermaid` (views/mermaid.py) is the fallback there.

Alternatives rejected: nbconvert's widget-state embedding (loads the widget manager from a CDN and
replays no Python callbacks); rendering SVG in the browser from JSON frames (a second renderer to
keep in step with svg.py).
"""
from __future__ import annotations

import base64
import gzip
import html
import json
from pathlib import Path

from gostep.views.code import badges, code_panel, current_line
from gostep.views.fmt import fmt_ns
from gostep.views.layout import Layout
from gostep.views.style import DEFAULT
from gostep.views.svg import to_svg

_CSS = """
.gsx{font:14px/1.4 ui-sans-serif,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#222;
 max-width:1500px;outline:none}
.gsx:focus-visible{box-shadow:0 0 0 3px #9cc3f5;border-radius:6px}
.gsx .bar{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin:4px 0 8px}
.gsx .bar .grp{display:inline-flex;gap:2px}
.gsx button.play{min-width:80px}
.gsx button{font:14px Helvetica,Arial,sans-serif;min-width:38px;height:30px;border:1px solid #b9c2cf;
 background:#f6f8fb;border-radius:6px;cursor:pointer}
.gsx button:hover{background:#e9eef6}.gsx button:disabled{opacity:.45;cursor:default}
.gsx input[type=range]{flex:1 1 260px}
.gsx .pos{font:13px ui-monospace,Menlo,Consolas,monospace;min-width:150px}
.gsx .nar{padding:6px 10px;border-left:4px solid #e0a800;background:#fffbe6;border-radius:4px;
 margin-bottom:8px;min-height:42px}
.gsx .kind{background:#eef1f5;border-radius:8px;padding:0 6px}
.gsx .row{display:flex;flex-wrap:wrap;gap:10px;align-items:flex-start}
.gsx .pic{flex:0 1 auto;max-width:100%;overflow-x:auto}
.gsx .src{flex:1 1 380px;min-width:300px;max-width:900px;overflow-x:auto}
.gsx pre.out{margin:2px 0;padding:4px 8px;background:#f6f8fa;border-radius:6px;max-height:120px;
 overflow:auto}
.gsx .outcome{margin-top:4px;padding:4px 8px;border:2px solid #009E73;border-radius:6px}
.gsx .outcome.bad{border-color:#D55E00}
.gsx .help{color:#666;font-size:12px}
"""

_HERE = Path(__file__).resolve().parent
# The controls, keys and play loop, shared with the notebook widget (widgets/player.py).
STEPPER_JS = (_HERE / "stepper.js").read_text(encoding="utf-8")

# The "jump to" groups: label, the event kinds it stops at, its letter in the `marks` string the
# script searches (one letter per step, "." for none). The widget uses the same groups.
JUMPS = (
    ("timer fire", ("timer_fire",), "t"),
    ("park", ("park", "block"), "p"),
    ("preemption", ("preempt_request", "preempted"), "x"),
    ("sysmon tick", ("sysmon",), "s"),
)


def marks_of(kinds) -> str:
    """One letter per step: the jump group of its event kind (JUMPS), '.' for none."""
    code = {k: c for _label, ks, c in JUMPS for k in ks}
    return "".join(code.get(k, ".") for k in kinds)


_JS = r"""
(function(){
const root=document.getElementById('gsx-root');
const meta=JSON.parse(document.getElementById('gsx-meta').textContent);
const $=s=>root.querySelector(s);
let F=null, interval=400;
function esc(s){return s.replace(/[&<>"]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));}
function paint(i){
  const f=F[i];
  $('.pic').innerHTML=f.svg;
  $('.nar').innerHTML='<b>step '+f.step+'</b> / '+meta.last+' &middot; <code>t = '+esc(f.t)+
    '</code> &middot; <span class="kind">'+esc(f.kind)+'</span><br>'+esc(f.text);
  root.querySelectorAll('tr.gs-line').forEach(tr=>{
    const ln=+tr.dataset.line, on=(ln===f.line);
    tr.classList.toggle('gs-current',on); tr.style.background=on?meta.hl:'';
    tr.firstChild.style.borderLeft=on?'4px solid #e0a800':'4px solid transparent';
    if(on)tr.setAttribute('aria-current','step'); else tr.removeAttribute('aria-current');
    const cell=tr.lastChild; const b=cell.querySelector('.gs-badges');
    b.innerHTML=f.badges[ln]||'';
  });
  const cur=root.querySelector('tr.gs-current'); if(cur&&meta.scroll){
    // Scroll only the code box (not the page) when the lit line is out of its view.
    const box=$('.gostep-code'), r=cur.getBoundingClientRect(), b=box.getBoundingClientRect();
    if(r.top<b.top||r.bottom>b.bottom)box.scrollTop+=(r.top-b.top)-box.clientHeight/2+r.height/2;}
  $('.io').innerHTML=f.io;
}
function start(){
  const st=gsxStepper(root, $('.gsx-controls'), {
    n:()=>F.length, marks:()=>meta.marks, interval:()=>interval,
    setInterval:(ms)=>{interval=ms;}, paint, moved:()=>{},
    posText:(i)=>'step '+F[i].step+' ('+(i+1)+'/'+F.length+')'});
  st.go(Math.min(Math.max(meta.start||0,0),F.length-1),true);
}
const raw=document.getElementById('gsx-frames').textContent;
if(meta.gz){
  const bytes=Uint8Array.from(atob(raw.trim()),c=>c.charCodeAt(0));
  new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text()
    .then(t=>{F=JSON.parse(t);start();});
} else { F=JSON.parse(raw); start(); }
})();
"""


def _io_html(f) -> str:
    out = ""
    if f.stdout:
        out += ('<div style="font:600 12px Helvetica,Arial,sans-serif;color:#555">stdout so far</div>'
                f'<pre class="out">{html.escape(chr(10).join(f.stdout))}</pre>')
    if f.outcome is not None:
        o = f.outcome
        bad = "" if o.exit == "ok" else " bad"
        msg = f": {html.escape(o.message)}" if o.message else ""
        gx = (f" &middot; goroutines at exit: {o.goroutines_at_exit}"
              if o.goroutines_at_exit is not None else "")
        out += (f'<div class="outcome{bad}"><b>outcome: {html.escape(o.exit)}</b>{msg} &middot; after '
                f'{fmt_ns(o.elapsed_ns)}{gx}</div>')
    return out


def _frames_payload(trace, steps, layout, style) -> list:
    from gostep.views.code import _badge
    out = []
    for k in steps:
        f = trace.frame(k)
        bmap = {str(ln): "".join(_badge(g, s, o, style) for g, s, o in lst)
                for ln, lst in badges(f).items()}
        out.append({"step": f.step, "t": fmt_ns(f.time_ns), "kind": f.event.kind,
                    "text": f.event.text, "svg": to_svg(f, layout, style),
                    "line": current_line(f), "badges": bmap, "io": _io_html(f)})
    return out


def _safe_json(obj) -> str:
    # Inside <script type="application/json">, only "</" can end the element early.
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def player_html(trace, steps=None, title: str | None = None, style=DEFAULT,
                compress_over: int = 2_000_000, max_frames: int = 5000, start: int = 0) -> str:
    """The whole kernel-free player page as one HTML string (see module docstring). `start` is
    the step it opens on (the first exported step at or after it)."""
    n = len(trace)
    if steps is None:
        steps = list(range(n))
        if n > max_frames:
            raise ValueError(f"trace has {n} steps; export at most {max_frames} "
                             f"(pass steps=[...] to choose, or raise max_frames)")
    steps = [int(s) for s in steps]
    frames = [trace.frame(k) for k in steps]
    layout = Layout.fit(frames + [trace.frame(n - 1)])
    payload = _frames_payload(trace, steps, layout, style)
    prog = getattr(trace, "program", None)
    src = getattr(prog, "source", "") or ""
    name = getattr(prog, "name", "") or (frames[0].source_name if frames else "")
    title = title or f"gostep: {name}"
    data = _safe_json(payload)
    gz = len(data) > compress_over
    if gz:
        data = base64.b64encode(gzip.compress(data.encode("utf-8"), mtime=0)).decode("ascii")
    last = trace.frame(n - 1).step if n else 0
    first = next((i for i, k in enumerate(steps) if k >= int(start)), 0)
    meta = _safe_json({"last": last, "hl": style.line_hl, "gz": gz, "scroll": True,
                       "marks": marks_of(f.event.kind for f in frames), "start": first})
    code = code_panel(src, None, style=style, name=name) if src else ""
    # Each code row gets an empty badge holder that the script fills.
    code = code.replace("</td></tr>", '<span class="gs-badges"></span></td></tr>')
    settings = getattr(trace, "settings", None) or {}
    sett = " ".join(f"{k}={v}" for k, v in sorted(settings.items())
                    if k in ("gomaxprocs", "go", "godebug", "seed") and v not in ("", None))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>{_CSS}</style></head>
<body style="margin:12px">
<div class="gsx" id="gsx-root" tabindex="0" aria-label="step-through player for {html.escape(name)}">
<div style="font-weight:600;font-size:15px">{html.escape(title)}
 <span class="help">{html.escape(sett)}</span></div>
<div class="gsx-controls"></div>
<div class="nar" aria-live="polite"></div>
<div class="row"><div class="pic"></div><div class="src">{code}</div></div>
<div class="io"></div>
<div class="help">Keys: Left/Right step, PageUp/PageDown ten steps, Home/End, Space plays
 (click the player first). {len(steps)} of {n} steps exported.</div>
</div>
<script type="application/json" id="gsx-meta">{meta}</script>
<script type="application/json" id="gsx-frames">{data}</script>
<script>{STEPPER_JS}{_JS}</script>
</body></html>
"""


def export_html(trace, path, **kw) -> Path:
    """Write the kernel-free player of `trace` to `path` (one self-contained HTML file)."""
    p = Path(path)
    p.write_text(player_html(trace, **kw), encoding="utf-8")
    return p


class Embedded:
    """A notebook display of the exported player: an iframe srcdoc, deterministic text/plain."""

    def __init__(self, page: str, n_steps: int, name: str, height: int, text: str = ""):
        self.page, self.n_steps, self.name, self.height = page, n_steps, name, height
        self.text = text

    def _repr_html_(self):
        alt = (f'<details><summary>Text view of the opening step</summary><pre>'
               f'{html.escape(self.text)}</pre></details>' if self.text else "")
        return (f'<iframe srcdoc="{html.escape(self.page, quote=True)}" style="width:100%;'
                f'height:{self.height}px;border:1px solid #ddd;border-radius:6px" '
                f'title="gostep player: {html.escape(self.name)}"></iframe>{alt}')

    def __repr__(self):
        return f"gostep player (kernel-free): {self.name}, {self.n_steps} steps"


def embed(trace, height: int = 860, **kw) -> Embedded:
    """The kernel-free player for a notebook output (animates in static HTML exports too)."""
    page = player_html(trace, **kw)
    prog = getattr(trace, "program", None)
    steps = kw.get("steps")
    from gostep.views.text import to_text
    text = to_text(trace.frame(min(int(kw.get("start", 0)), len(trace) - 1)))
    return Embedded(page, len(steps) if steps is not None else len(trace),
                    getattr(prog, "name", "") or "trace", height, text)
