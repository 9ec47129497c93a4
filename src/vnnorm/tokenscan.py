"""The scans of a text that clean text pays for line after line.

On clean text, one question is all vnnorm asks of most lines (see
triggers.py): which of its tokens, the pieces between spaces and newlines,
are not yet judged quiet? `TokenSet` answers it. Python answers it with a
split and a set test, which builds a string per token; the compiled twin in
_speedups.c hashes the tokens where they lie in the text and builds a string
only for a token it lacks. The next question, asked of a line with a word
real either way ("văn"), is what stands beside it: `neighbourhoods`. And a
long text, read a line at a time, needs to know where its lines start:
`line_starts`.

The compiled pieces are optional: where they were not built (no C compiler at
install time), or where VNNORM_PURE_PYTHON is set, the pure-Python twins
here serve, and the tests run against both.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from typing import Protocol, cast

from vnnorm.tokens import HORIZONTAL_SPACE

_PARTS = " \n"  # what parts tokens
_NEXT_TOKEN = re.compile(f"[{HORIZONTAL_SPACE}]*[^{_PARTS}]*")
_NEWLINE = re.compile("\n")

Neighbourhoods = Callable[[str, str], list[tuple[str, int]]]


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


def places(text: str, token: str) -> Iterator[int]:
    """Where `token` stands in `text` as a token, not as a piece of a longer one."""
    start = text.find(token)
    while start >= 0:
        end = start + len(token)
        if (start == 0 or text[start - 1] in _PARTS) and (end == len(text) or text[end] in _PARTS):
            yield start
        start = text.find(token, start + 1)


def py_neighbourhoods(text: str, token: str) -> list[tuple[str, int]]:
    """For each place `token` stands in `text`: the text from the token before
    it to the token after it, across horizontal space and within its line, and
    where `token` starts in that text. The words beside the token's words
    stand there."""
    found = []
    for start in places(text, token):
        before = text[:start].rstrip(HORIZONTAL_SPACE)
        left = max(before.rfind(" "), before.rfind("\n")) + 1
        # the pattern matches everywhere, if only the empty string
        right = _NEXT_TOKEN.match(text, start + len(token)).end()  # type: ignore[union-attr]
        found.append((text[left:right], start - left))
    return found


def py_line_starts(text: str) -> list[int]:
    """Where each line of `text` starts (after each newline; 0 first)."""
    return [0, *(m.end() for m in _NEWLINE.finditer(text))]


def _compiled(name: str) -> object | None:
    """`name` from the compiled piece, where the install built it."""
    try:
        import vnnorm._speedups as speedups  # type: ignore[import-not-found, unused-ignore]
    except ImportError:  # not built: the install had no C compiler
        return None
    return cast(object, getattr(speedups, name))


def compiled_token_set() -> type[TokenSetLike] | None:
    """The compiled TokenSet, where the install built it."""
    return cast("type[TokenSetLike] | None", _compiled("TokenSet"))


def compiled_neighbourhoods() -> Neighbourhoods | None:
    """The compiled `neighbourhoods`, where the install built it."""
    return cast("Neighbourhoods | None", _compiled("neighbourhoods"))


def compiled_line_starts() -> Callable[[str], list[int]] | None:
    """The compiled `line_starts`, where the install built it."""
    return cast("Callable[[str], list[int]] | None", _compiled("line_starts"))


_PURE_PYTHON = bool(os.environ.get("VNNORM_PURE_PYTHON"))
TokenSet: type[TokenSetLike] = (None if _PURE_PYTHON else compiled_token_set()) or PyTokenSet
neighbourhoods: Neighbourhoods = (
    None if _PURE_PYTHON else compiled_neighbourhoods()
) or py_neighbourhoods
line_starts: Callable[[str], list[int]] = (
    None if _PURE_PYTHON else compiled_line_starts()
) or py_line_starts
