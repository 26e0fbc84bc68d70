"""The player's narration in Chinese: every event kind has a sentence, and English is unchanged."""
from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from gostep.trace.frame import EVENT_KINDS
from gostep.trace.narration import LANGS, SENTENCES, say

CJK = re.compile(r"[\u4e00-\u9fff]")
ROOT = Path(__file__).resolve().parents[2]


def _fields(template: str) -> set:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def test_every_sentence_exists_in_every_language_with_the_same_fields():
    """Each template key is in both languages and fills the same fields."""
    assert set(SENTENCES["en"]) == set(SENTENCES["zh"])
    for key, en in SENTENCES["en"].items():
        assert _fields(en) == _fields(SENTENCES["zh"][key]), key


def test_chinese_sentences_are_chinese():
    """Every Chinese template has Chinese words in it (not an English copy)."""
    for key, zh in SENTENCES["zh"].items():
        assert CJK.search(zh), key


def test_unknown_language_is_refused_with_the_choices():
    """say() names the languages it speaks when asked for another one."""
    with pytest.raises(ValueError, match="en, zh"):
        say("fr", "start")


@pytest.fixture(scope="module")
def trace():
    import gostep as gs
    return gs.simulate(gs.load(str(ROOT / "course/programs/blocked_sender_leak.go")), gomaxprocs=2, seed=0)


@pytest.mark.parametrize("kind", EVENT_KINDS)
def test_every_event_kind_is_narrated_in_chinese(trace, kind):
    """Each event kind, in each of its variants, gives a Chinese sentence with its fields filled."""
    zh = trace.with_lang("zh")
    variants = 0
    for a in (-1, 0, 1, 2, 3, 4):
        for b in (0, 1, 2):
            for ot in (0, 1, 2, 3, 4, 5):
                if kind in ("panic",) and a != 0 or kind == "cancel" and b not in (0, a):
                    continue
                text = zh._narrate(kind, 2, 1, ot, 1, a, b, 0, "chan#1")
                assert CJK.search(text), (kind, a, b, ot, text)
                assert "{" not in text and "}" not in text, text
                variants += 1
    assert variants


def test_english_narration_is_unchanged_by_a_chinese_copy(trace):
    """with_lang("zh") leaves the original trace's English sentences as they were."""
    before = [trace.frame(i).event.text for i in range(len(trace))]
    zh = trace.with_lang("zh")
    assert [zh.frame(i).event.text for i in range(len(zh))] != before
    assert [trace.frame(i).event.text for i in range(len(trace))] == before
    assert trace.frame(3).event.text.startswith(("P", "G", "sysmon", "wakep", "the", "main"))


def test_player_narrates_in_chinese(trace):
    """gs.show(trace, lang="zh") narrates the current step in Chinese; a bad lang is refused."""
    import gostep as gs
    p = gs.show(trace, lang="zh", start="timer_fire")
    assert CJK.search(p.frame().event.text)
    assert "触发" in p.narration.value
    with pytest.raises(ValueError, match="lang="):
        gs.show(trace, lang="de")
    assert LANGS == ("en", "zh")
