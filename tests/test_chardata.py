"""The damage table against Python's own codecs, and the tables derived from it."""

from __future__ import annotations

import html

import unicodedata2

from vnnorm.chardata import (
    DAMAGE_LATIN1_AS_CP1258,
    LATIN1_AS_CP1258,
    LETTER_ORIGINS,
    MARK_ORIGINS,
    SURVIVOR_MARKERS,
)


def _cp1258_reading(char: str) -> str:
    return char.encode("latin-1").decode("cp1258")


def test_table_is_exactly_the_latin1_letters_cp1258_reads_differently() -> None:
    expected = {}
    for byte in range(0xA0, 0x100):
        char = bytes([byte]).decode("latin-1")
        if _cp1258_reading(char) != char:
            expected[char] = _cp1258_reading(char)
    assert expected == LATIN1_AS_CP1258
    assert len(LATIN1_AS_CP1258) == 14


def test_whole_text_damage_matches_the_codec_round_trip() -> None:
    # What a page goes through (DAMAGE.md): characters outside cp1252 leave as
    # numeric entities and come back intact, the rest is re-read as cp1258.
    text = "Thì mình còn đã rõ lý do của Việt Nam. Ý kiến: HÒA, Õ, Ã, Ì, Ð, þ."
    written = text.encode("cp1252", "xmlcharrefreplace").decode("cp1258")
    via_codecs = html.unescape(written)
    assert text.translate(DAMAGE_LATIN1_AS_CP1258) == via_codecs


def test_inverse_tables_invert_the_damage() -> None:
    for damaged, origin in {**LETTER_ORIGINS, **MARK_ORIGINS}.items():
        assert LATIN1_AS_CP1258[origin] == damaged
    assert set(LETTER_ORIGINS.values()) == set("ãÃõÕýÝ")
    assert set(MARK_ORIGINS.values()) == set("ìÌòÒ")


def test_survivors_are_the_vietnamese_letters_the_damage_removes() -> None:
    assert set("ãõýìòÃÕÝÌÒ") == SURVIVOR_MARKERS
    for char in SURVIVOR_MARKERS:
        assert char not in char.translate(DAMAGE_LATIN1_AS_CP1258)


def test_mark_origins_are_tone_marks() -> None:
    for mark in MARK_ORIGINS:
        assert unicodedata2.combining(mark)
