"""Words and their context as every family and the model share them (tokens)."""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from vnnorm.tokens import (
    BOUNDARY,
    INVISIBLE,
    LEFT_NEIGHBOUR,
    NEIGHBOUR_GAP,
    WORD,
    _last_neighbour,
    break_after,
    context_before,
    ends_in_break,
    far_after,
    far_before,
    left_neighbour,
    model_spelling,
    neighbours,
)

# The definition as first written, one alternation per character: WORD is the
# same language unrolled for speed, and must find the same words.
_REFERENCE = regex.compile(rf"\p{{L}}(?:[\p{{L}}\p{{M}}]|[{INVISIBLE}]+(?=\p{{L}}))*")

_PIECES = st.text(
    alphabet=st.sampled_from(["a", "ệ", "Đ", "\u0323", "\u0301", " ", "-", "1", ".", *INVISIBLE]),
    max_size=40,
)


@given(st.one_of(_PIECES, st.text(max_size=40)))
def test_word_finds_what_the_plain_definition_finds(text: str) -> None:
    spans = [m.span() for m in WORD.finditer(text)]
    assert spans == [m.span() for m in _REFERENCE.finditer(text)]


# The neighbours as first written, searched for: the linear search must find the same.
_FAR_LEFT = re.compile(rf"([0-9]+|[^\W\d_]+)(?:{NEIGHBOUR_GAP.pattern}){LEFT_NEIGHBOUR.pattern}")
_NEAR_PIECES = st.text(
    alphabet=st.sampled_from(["a", "ệ", "B", "1", "٣", "²", "_", " ", "\t", "\u00a0", "-", ","]),
    max_size=30,
)


@given(st.one_of(_NEAR_PIECES, st.text(max_size=30)))
def test_the_neighbours_before_are_found_as_their_patterns_say(text: str) -> None:
    near = LEFT_NEIGHBOUR.search(text)
    assert _last_neighbour(text) == ((near.group(1), near.start()) if near else None)
    far = _FAR_LEFT.search(text)
    assert far_before(text) == (model_spelling(far.group(1)) if far else None)
    near = LEFT_NEIGHBOUR.search(text[-24:])
    assert left_neighbour(text + "x", len(text)) == (near.group(1) if near else None)


@pytest.mark.parametrize(
    ("before", "context"),
    [
        ("", BOUNDARY),  # the start of a line
        ("  ", BOUNDARY),
        ("Anh ", "anh"),
        ("năm 2010 ", "0"),
        ("lớn nhỏ. ", BOUNDARY),
        ('hỏi: "', BOUNDARY),
        ("chị! ", BOUNDARY),
        ("nhỏ… ", BOUNDARY),
        ("nhỏ) ", None),  # a bracket closes no clause
        ("— ", None),
        ('"', None),
    ],
)
def test_the_context_before_a_word_is_a_word_a_break_or_nothing(
    before: str, context: str | None
) -> None:
    assert context_before(before) == context


@pytest.mark.parametrize(
    ("text", "end", "closed"),
    [
        ("ra đi...", 5, True),  # at the end of a line too, as the model counts it
        ('"chết", "chất"', 5, True),
        ("lớn nhỏ. Anh", 7, True),
        ("ra đi\n", 5, False),  # a line's end alone is no break
        ("ra đi", 5, False),
        ("ra đi anh", 5, False),
        ("ra đi) anh", 5, False),  # a bracket closes no clause
    ],
)
def test_a_break_after_a_word(text: str, end: int, closed: bool) -> None:
    assert break_after(text, end) is closed


@pytest.mark.parametrize(
    ("before", "far"),
    [
        ("được mời ", "được"),
        ("Ông được ", "ông"),
        ("năm 2010 ", "năm"),
        ("Giơ-ne ", "giơ"),
        ("mời ", None),  # one word back only
        ("được, mời ", None),  # a comma between them
        ("được mời, ", None),  # a break before the place
        ("(được) mời ", None),
    ],
)
def test_the_word_two_places_before(before: str, far: str | None) -> None:
    assert far_before(before) == far


@pytest.mark.parametrize(
    ("after", "far"),
    [
        (" từ Hà Nội", "hà"),
        (" 2 lần", "lần"),
        ("-ne-vơ", "vơ"),
        (" từ", None),
        (" từ, Hà", None),
        (". Từ Hà", None),
    ],
)
def test_the_word_two_places_after(after: str, far: str | None) -> None:
    assert far_after(after) == far


def test_a_break_needs_a_word_before_it() -> None:
    assert ends_in_break("nhỏ.")
    assert ends_in_break('nhỏ,"')
    assert not ends_in_break("...")
    assert not ends_in_break("nhỏ")


@given(st.text(alphabet=" \t\u00a0-a,.", max_size=8), st.data())
def test_neighbours_is_the_gap_pattern_with_a_shortcut_for_one_space(
    text: str, data: st.DataObject
) -> None:
    end = data.draw(st.integers(0, len(text)))
    start = data.draw(st.integers(end, len(text)))
    assert neighbours(text, end, start) == bool(NEIGHBOUR_GAP.fullmatch(text, end, start))
