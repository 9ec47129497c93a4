"""Vietnamese syllable structure."""

from __future__ import annotations

import pytest

from vnnorm.orthography import Tone, is_syllable, parse, place_tone

REAL = """
    a ăn ân anh ba bà bá bả bã bạ gì gìn giếng già giữa quốc quý quỳnh quyển qua quê
    người được thuở khuya khuỷu boong xoong hòa hoà thúy thuý khỏe khoẻ ngoằn nghiêng
    nghĩ kỹ kĩ ký lý tư rõ rơ văn vãn đã lãnh tiếng việt nam ươm ước yêu yên
    chuyện huỳnh oái ngoẹo xuề loét
""".split()

IMPOSSIBLE = """
    đă lănh thăi măo hăy kư quư ka ko gha gho ngê cê qa quu quo
    bác̀ tàc àp ạa nghă th m ng x hòang lăn̉
""".split()


@pytest.mark.parametrize("word", REAL)
def test_real_syllables_parse(word: str) -> None:
    assert is_syllable(word)
    assert is_syllable(word.upper())


@pytest.mark.parametrize("word", IMPOSSIBLE)
def test_impossible_spellings_do_not(word: str) -> None:
    assert not is_syllable(word)


def test_stop_finals_take_only_sac_or_nang() -> None:
    assert is_syllable("các") and is_syllable("cạc")
    for word in ("cac", "càc", "cảc", "cãc", "cách" + "\u0300"):
        assert not is_syllable(word)


def test_tone_on_a_consonant_is_not_a_syllable() -> None:
    assert not is_syllable("m\u0301nh")  # "mình" after Latin-1 → cp1258
    assert not is_syllable("c\u0323n")  # "còn"


def test_parse_reports_onset_rhyme_tone() -> None:
    syllable = parse("người")
    assert syllable is not None
    assert (syllable.onset, syllable.rhyme, syllable.tone) == ("ng", "ươi", Tone.GRAVE)


@pytest.mark.parametrize(
    ("word", "classic", "modern"),
    [
        ("hoà", "hòa", "hoà"),
        ("thúy", "thúy", "thuý"),
        ("khoẻ", "khỏe", "khoẻ"),
        ("quý", "quý", "quý"),
        ("hoàng", "hoàng", "hoàng"),
        ("người", "người", "người"),
        ("gì", "gì", "gì"),
        ("giữa", "giữa", "giữa"),
        ("khuỷu", "khuỷu", "khuỷu"),
        ("mùa", "mùa", "mùa"),
    ],
)
def test_place_tone_in_both_styles(word: str, classic: str, modern: str) -> None:
    syllable = parse(word)
    assert syllable is not None
    assert place_tone(syllable, "classic") == classic
    assert place_tone(syllable, "modern") == modern
