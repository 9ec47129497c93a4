"""Tone placement: kept by default, either style on request, exact both ways."""

from __future__ import annotations

import pytest

import vnnorm
from vnnorm import Config
from vnnorm.model import load_model
from vnnorm.orthography import parse, place_tone

MIXED = "Hòa Bình, HOÀ, thúy, Thuý, khỏe, quý, già, hoàng, khuya, tuỳ, THỦY, Thụy"


def test_keep_is_the_default_and_changes_nothing() -> None:
    assert vnnorm.fix(MIXED) is MIXED


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("classic", "Hòa Bình, HÒA, thúy, Thúy, khỏe, quý, già, hoàng, khuya, tùy, THỦY, Thụy"),
        ("modern", "Hoà Bình, HOÀ, thuý, Thuý, khoẻ, quý, già, hoàng, khuya, tuỳ, THUỶ, Thuỵ"),
    ],
)
def test_styles(style: str, expected: str) -> None:
    assert vnnorm.fix(MIXED, Config(tone_placement=style)) == expected  # type: ignore[arg-type]


def test_every_known_syllable_converts_exactly_both_ways() -> None:
    for word in load_model().vocabulary:
        syllable = parse(word)
        if syllable is None:
            continue
        classic, modern = place_tone(syllable, "classic"), place_tone(syllable, "modern")
        assert word in (classic, modern)
        for spelling in (classic, modern):
            again = parse(spelling)
            assert again is not None
            assert place_tone(again, "classic") == classic
            assert place_tone(again, "modern") == modern


def test_an_unknown_style_is_refused() -> None:
    with pytest.raises(ValueError, match="tone_placement"):
        Config(tone_placement="new")  # type: ignore[arg-type]
