"""A set of tokens that says which tokens of a text it does not hold.

On clean text, that question is all vnnorm asks of a line (see triggers.py):
which of its tokens, the pieces between spaces and newlines, are not yet
judged quiet? Python answers it with a split and a set test, which builds a
string per token. The compiled twin in _speedups.c hashes the tokens where
they lie in the text and builds a string only for a token it lacks. It is
optional: where it was not built (no C compiler at install time), or where
VNNORM_PURE_PYTHON is set, the pure-Python `PyTokenSet` serves, and the tests
run against both.
"""

from __future__ import annotations

import os
from typing import Protocol, cast


class TokenSetLike(Protocol):
    """What the compiled TokenSet (_speedups.c) and PyTokenSet both offer."""

    def add(self, token: str, /) -> None: ...
    def clear(self) -> None: ...
    def covers(self, text: str, /) -> bool: ...
    def uncovered(self, text: str, /) -> set[str]: ...
    def __contains__(self, token: object, /) -> bool: ...
    def __len__(self) -> int: ...


class PyTokenSet:
    """The pure-Python TokenSet: a set of str, and `uncovered`."""

    __slots__ = ("_tokens",)

    def __init__(self) -> None:
        self._tokens: set[str] = set()

    def add(self, token: str, /) -> None:
        self._tokens.add(token)

    def clear(self) -> None:
        self._tokens.clear()

    def covers(self, text: str, /) -> bool:
        """Does the set hold every token of `text`?"""
        return self._tokens.issuperset(text.replace("\n", " ").split(" "))

    def uncovered(self, text: str, /) -> set[str]:
        """The tokens of `text` (split at spaces and newlines, empty ones
        included) that the set does not hold."""
        tokens = text.replace("\n", " ").split(" ")
        if self._tokens.issuperset(tokens):  # the common case, without a new set
            return set()
        return set(tokens).difference(self._tokens)

    def __contains__(self, token: object, /) -> bool:
        return token in self._tokens

    def __len__(self) -> int:
        return len(self._tokens)


def compiled_token_set() -> type[TokenSetLike] | None:
    """The compiled TokenSet, where the install built it."""
    try:
        from vnnorm._speedups import TokenSet  # type: ignore[import-not-found, unused-ignore]
    except ImportError:  # not built: the install had no C compiler
        return None
    return cast("type[TokenSetLike]", TokenSet)


TokenSet: type[TokenSetLike] = (
    None if os.environ.get("VNNORM_PURE_PYTHON") else compiled_token_set()
) or PyTokenSet
