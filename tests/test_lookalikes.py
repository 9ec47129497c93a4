"""Look-alike letters (families/lookalikes.py): ƣ for ư, the eth for Đ."""

from __future__ import annotations

import pytest

import vnnorm
from vnnorm.families import lookalikes


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("Ðặng Hải Lý nói với ngƣời dân", "Đặng Hải Lý nói với người dân"),
        ("nước Ðức", "nước Đức"),
        # editorial brackets hold Vietnamese like any other text
        ("Ông [Ðặng Văn Ngữ] là bác sĩ.", "Ông [Đặng Văn Ngữ] là bác sĩ."),
        ("các đơn vị km/ngày/ðêm", "các đơn vị km/ngày/đêm"),
    ],
)
def test_a_look_alike_in_a_vietnamese_word_is_replaced(text: str, repaired: str) -> None:
    assert vnnorm.fix(text) == repaired


@pytest.mark.parametrize(
    "text",
    [
        "Hann fór með honum.",  # Icelandic
        # phonetic transcriptions, as Vietnamese Wikipedia writes them
        "Cộng hòa Costa Rica (IPA: [re'puβlika ðe 'kosta 'rrika]) là một quốc gia.",
        "Diego Costa (tiếng Tây Ban Nha [\u02c8dje\u0263o ða \u02c8silβa \u02c8kosta]) là cầu thủ.",
        "Từ này đọc là /ðe \u02c8kuβa/ trong tiếng Tây Ban Nha.",
    ],
)
def test_a_look_alike_that_is_a_letter_of_its_own_stays(text: str) -> None:
    assert vnnorm.fix(text) == text


@pytest.mark.parametrize(
    ("legacy", "read"),
    [("ði«u tra", "điều tra"), ("bám ðu±i", "bám đuổi"), ("ÐÆy", "ÐÆy")],
)
def test_an_eth_glued_to_a_latin1_symbol_is_legacy_text(legacy: str, read: str) -> None:
    # VISCII writes đ as F0, which cp1252 shows as ð: the word it starts, glued to
    # the symbols of the rest of the letters, is the legacy repair's to read
    # whole ("ði«u": VISCII alone reads a syllable) or leave, never half read
    assert lookalikes.repair(legacy, vnnorm.Config()) == []
    assert vnnorm.fix(legacy) == read
