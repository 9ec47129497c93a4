"""The compiled TokenSet and its pure-Python twin answer alike, and as a set would.

The compiled one is optional (built where the install had a C compiler). CI
builds it and sets VNNORM_REQUIRE_SPEEDUPS=1, so there its absence fails
rather than skips; CI also runs the whole suite once with VNNORM_PURE_PYTHON=1.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vnnorm import tokenset
from vnnorm.tokenset import PyTokenSet, TokenSetLike


def _compiled() -> type[TokenSetLike]:
    compiled = tokenset.compiled_token_set()
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
    compiled = tokenset.compiled_token_set()
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


def test_vnnorm_uses_the_compiled_one_unless_told_not_to() -> None:
    chosen = tokenset.TokenSet
    if os.environ.get("VNNORM_PURE_PYTHON"):
        assert chosen is PyTokenSet
    else:
        assert chosen is _compiled()
