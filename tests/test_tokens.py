"""The word pattern every family shares (tokens.WORD)."""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from vnnorm.tokens import INVISIBLE, WORD

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
