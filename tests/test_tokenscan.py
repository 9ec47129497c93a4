"""The compiled token scans and their pure-Python twins answer alike: TokenSet
as a set would, neighbourhoods as a search of the text would.

The compiled one is optional (built where the install had a C compiler). CI
builds it and sets VNNORM_REQUIRE_SPEEDUPS=1, so there its absence fails
rather than skips; CI also runs the whole suite once with VNNORM_PURE_PYTHON=1.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from vnnorm import tokenscan
from vnnorm.tokenscan import PyTokenSet, TokenSetLike, py_line_starts, py_neighbourhoods


def _compiled() -> type[TokenSetLike]:
    compiled = tokenscan.compiled_token_set()
    if compiled is None:
        if os.environ.get("VNNORM_REQUIRE_SPEEDUPS") == "1":
            pytest.fail("VNNORM_REQUIRE_SPEEDUPS=1, but vnnorm._speedups was not built")
        pytest.skip("vnnorm._speedups was not built (no C compiler at install time)")
    return compiled


@pytest.fixture(params=["pure", "compiled"])
def kind(request: pytest.FixtureRequest) -> type[TokenSetLike]:
    return PyTokenSet if request.param == "pure" else _compiled()


# Letters of each width CPython stores a str in (1, 2 and 4 bytes a code point),
# the separators, and letters that differ only in their mark.
_LETTERS = st.sampled_from([*"ab é\u00e0\n\u0103\u01a1\u1ea1\u1ec7\u0301", "\U0001f600"])
_TEXT = st.text(_LETTERS, max_size=30)


def _tokens(text: str) -> set[str]:
    return set(text.replace("\n", " ").split(" "))


@given(held=st.lists(_TEXT, max_size=20), text=_TEXT)
def test_it_answers_as_a_python_set_would(held: list[str], text: str) -> None:
    compiled = tokenscan.compiled_token_set()
    kinds: list[type[TokenSetLike]] = [PyTokenSet, *([compiled] if compiled else [])]
    for kind in kinds:
        tokens = kind()
        for token in held:
            tokens.add(token)
        assert tokens.uncovered(text) == _tokens(text) - set(held)
        assert tokens.covers(text) is (not _tokens(text) - set(held))
        assert len(tokens) == len(set(held))
        assert all(token in tokens for token in held)
        assert (text in tokens) is (text in held)


def test_a_token_is_held_whatever_width_the_text_stores_it_in(
    kind: type[TokenSetLike],
) -> None:
    # "a" inside an ASCII text, a Vietnamese one and one with an emoji: three
    # storage widths, one token
    tokens = kind()
    tokens.add("a")
    assert tokens.covers("a a\na")
    assert tokens.uncovered("a \u1ea1 a") == {"\u1ea1"}
    assert tokens.uncovered("a \U0001f600") == {"\U0001f600"}


def test_empty_tokens_count_as_tokens(kind: type[TokenSetLike]) -> None:
    tokens = kind()
    tokens.add("xin")
    assert tokens.uncovered("xin  xin") == {""}  # two spaces hold an empty token
    assert not tokens.covers("")
    tokens.add("")
    assert tokens.covers("xin  xin\n")


def test_it_grows_clears_and_holds_only_str(kind: type[TokenSetLike]) -> None:
    tokens = kind()
    words = [f"t\u1eeb{i}" for i in range(5000)]
    for word in words:
        tokens.add(word)
    tokens.add(words[0])
    assert len(tokens) == 5000
    assert tokens.covers(" ".join(words))
    assert 42 not in tokens
    tokens.clear()
    assert len(tokens) == 0
    assert tokens.uncovered(words[1]) == {words[1]}
    if kind is not PyTokenSet:  # the Python set takes any hashable
        with pytest.raises(TypeError):
            tokens.add(42)  # type: ignore[arg-type]
    with pytest.raises((TypeError, AttributeError)):
        tokens.covers(b"xin")  # type: ignore[arg-type]


def test_vnnorm_uses_the_compiled_ones_unless_told_not_to() -> None:
    if os.environ.get("VNNORM_PURE_PYTHON"):
        assert tokenscan.TokenSet is PyTokenSet
        assert tokenscan.neighbourhoods is py_neighbourhoods
        assert tokenscan.line_starts is py_line_starts
    else:
        assert tokenscan.TokenSet is _compiled()
        assert tokenscan.neighbourhoods is tokenscan.compiled_neighbourhoods()
        assert tokenscan.line_starts is tokenscan.compiled_line_starts()


# a word and its neighbours, with every kind of space and part between them,
# in each storage width
_NEAR = st.sampled_from(["văn", "hóa", "v", "a-b", " ", "\t", "\u00a0", "\n", ",", "\U0001f600"])
_NEAR_TEXT = st.lists(_NEAR, max_size=14).map("".join)


def _by_search(text: str, token: str) -> list[tuple[str, int]]:
    """`neighbourhoods` from its definition, one character at a time."""
    found = []
    for start in range(len(text) - len(token) + 1):
        end = start + len(token)
        whole = text[start:end] == token and text[start - 1 : start] in ("", " ", "\n")
        if not whole or text[end : end + 1] not in ("", " ", "\n"):
            continue
        left, right = start, end
        while left and text[left - 1] in " \t\u00a0":
            left -= 1
        while left and text[left - 1] not in " \n":
            left -= 1
        while right < len(text) and text[right] in " \t\u00a0":
            right += 1
        while right < len(text) and text[right] not in " \n":
            right += 1
        found.append((text[left:right], start - left))
    return found


@given(text=_NEAR_TEXT, token=st.one_of(_NEAR, _NEAR_TEXT))
@example(text="a  văn\tb c", token="văn")
@example(text="vănvăn văn", token="văn")
@example(text="ab", token="")
def test_neighbourhoods_answer_as_a_search_would(text: str, token: str) -> None:
    expected = _by_search(text, token)
    assert py_neighbourhoods(text, token) == expected
    compiled = tokenscan.compiled_neighbourhoods()
    if compiled is not None:
        assert compiled(text, token) == expected


def test_a_neighbourhood_reaches_across_horizontal_space_within_its_line() -> None:
    compiled = tokenscan.compiled_neighbourhoods()
    for neighbourhoods in [py_neighbourhoods, *([compiled] if compiled else [])]:
        assert neighbourhoods("x nhà văn hóa y", "văn") == [("nhà văn hóa", 4)]
        assert neighbourhoods("a b\t\u00a0 văn  c d", "văn") == [("b\t\u00a0 văn  c", 4)]
        assert neighbourhoods("a\nvăn\nb", "văn") == [("văn", 0)]
        assert neighbourhoods("kvăn vănk", "văn") == []  # pieces of tokens


@given(_TEXT)
@example("")
@example("\n\n")
def test_line_starts_answer_as_counting_would(text: str) -> None:
    expected = [0] + [at + 1 for at, char in enumerate(text) if char == "\n"]
    assert py_line_starts(text) == expected
    compiled = tokenscan.compiled_line_starts()
    if compiled is not None:
        assert compiled(text) == expected
        with pytest.raises(TypeError):
            compiled(b"a\n")  # type: ignore[arg-type]
