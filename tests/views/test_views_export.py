"""Tests of the kernel-free player page: self-contained, every frame present, deterministic."""
import base64
import gzip
import json
import re

from frames_fixture import deadline_trace, ping_pong_trace
from gostep.views.export import embed, export_html, player_html


def _frames(page: str):
    meta = json.loads(re.search(r'id="gsx-meta">(.*?)</script>', page, re.S).group(1))
    raw = re.search(r'id="gsx-frames">(.*?)</script>', page, re.S).group(1)
    if meta["gz"]:
        raw = gzip.decompress(base64.b64decode(raw)).decode()
    return meta, json.loads(raw.replace("<\\/", "</"))


def test_page_holds_every_frame_and_no_network(tmp_path):
    """The exported file carries one entry per step (SVG, narration, line) and loads nothing remote."""
    tr = ping_pong_trace()
    p = export_html(tr, tmp_path / "pp.html")
    page = p.read_text()
    meta, frames = _frames(page)
    assert len(frames) == len(tr) and meta["last"] == tr.frame(len(tr) - 1).step
    assert all(f["svg"].startswith("<svg") for f in frames)
    assert [f["text"] for f in frames] == [tr.frame(i).event.text for i in range(len(tr))]
    assert frames[9]["line"] == 10 and "G2" in frames[9]["badges"]["10"]
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "DecompressionStream" in page and "ArrowRight" in page


def test_compressed_page_round_trips():
    """Above the size threshold the frames are gzip+base64 and decode to the same frames."""
    tr = deadline_trace()
    plain = _frames(player_html(tr))[1]
    meta, packed = _frames(player_html(tr, compress_over=100))
    assert meta["gz"] and packed == plain


def test_page_is_deterministic_and_steps_select_frames():
    """The same trace gives the same page; steps= exports only the chosen steps."""
    tr = deadline_trace()
    assert player_html(tr) == player_html(tr)
    _, frames = _frames(player_html(tr, steps=[0, 4, 12]))
    assert [f["step"] for f in frames] == [40, 44, 52]
    assert frames[-1]["io"].count("outcome: ok") == 1


def test_embed_is_an_iframe_with_plain_text():
    """embed() displays as an iframe srcdoc and has a deterministic one-line text/plain."""
    e = embed(ping_pong_trace())
    assert e._repr_html_().startswith("<iframe srcdoc=")
    assert repr(e) == "gostep player (kernel-free): ping_pong.go, 13 steps"


def test_page_shares_the_widgets_controls_and_marks_the_jump_targets():
    """The page inlines the stepper script the widget runs and one jump letter per exported step."""
    from gostep.views.export import STEPPER_JS, marks_of
    from gostep.widgets.player import Stepper
    tr = deadline_trace()
    page = player_html(tr)
    meta, _ = _frames(page)
    kinds = [tr.frame(i).event.kind for i in range(len(tr))]
    assert meta["marks"] == marks_of(kinds) and len(meta["marks"]) == len(tr)
    assert meta["marks"][4] == "t" and meta["marks"][3] == "p"     # timer_fire, park
    assert STEPPER_JS in page and Stepper._esm.startswith(STEPPER_JS)
    assert _frames(player_html(tr, steps=[0, 4, 12]))[0]["marks"] == marks_of(
        [kinds[0], kinds[4], kinds[12]])
