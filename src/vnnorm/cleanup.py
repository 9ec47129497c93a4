"""Fixers that need no context: a leading BOM, invisible characters, NFC."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from vnnorm.config import Config
from vnnorm.orthography import is_syllable
from vnnorm.plan import Change
from vnnorm.tokens import INVISIBLE, VIETNAMESE_ONLY, WORD, iter_lines, nfc

BOM = "\ufeff"
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_IN_WORD = regex.compile(rf"[\p{{L}}\p{{M}}{INVISIBLE}]")
# A word, or a run of anything else up to the next word or line end.
_SEGMENT = regex.compile(rf"{WORD.pattern}|[^\p{{L}}\n]+\n?|\n")


def remove_bom(text: str, config: Config) -> list[Change]:
    """A byte-order mark at the start of the text is encoding debris."""
    return [Change(0, 1, BOM, "", "bom")] if text.startswith(BOM) else []


def holds_bom(text: str) -> bool:
    """Anywhere: a piece of a text may be the piece it starts with."""
    return BOM in text


def holds_invisible(text: str) -> bool:
    return _INVISIBLE.search(text) is not None


def needs_nfc(text: str) -> bool:
    return nfc(text) != text


def _is_vietnamese(word: str) -> bool:
    return bool(VIETNAMESE_ONLY.search(word)) or (not word.isascii() and is_syllable(word))


def remove_invisible(text: str, config: Config) -> list[Change]:
    """Soft hyphens and zero-width characters between the letters of a Vietnamese word.

    Elsewhere they may mean something (a hyphenation hint in English, a joiner
    in Indic scripts), so they stay.
    """
    changes = []
    for match in _words_holding_invisible(text):
        word = match.group()
        joined = _INVISIBLE.sub("", word)
        if _is_vietnamese(nfc(joined)):
            changes.append(Change(match.start(), match.end(), word, joined, "invisible"))
    return changes


def _words_holding_invisible(text: str) -> Iterator[regex.Match[str]]:
    """The words of `WORD.finditer(text)` with an invisible character inside,
    found from those characters: far fewer than the words of a text.

    The words are found in order, each search starting where `WORD.finditer`
    would also start one: after the word before, or after a character no word
    holds. So each character is looked at a bounded number of times.
    """
    word: regex.Match[str] | None = None  # the last word found, maybe ahead
    given = False  # is it given yet
    for invisible in _INVISIBLE.finditer(text):
        at = invisible.start()
        if word is not None and word.end() > at:
            if word.start() < at and not given:
                given = True
                yield word
            continue  # inside that word, or before it
        floor = 0 if word is None else word.end()
        start = at
        while start > floor and _IN_WORD.match(text[start - 1]):
            start -= 1
        word = WORD.search(text, start)
        while word is not None and word.end() <= at:
            word = WORD.search(text, word.end())
        if word is None:
            return  # no word ahead
        given = word.start() < at
        if given:
            yield word


def normalize_nfc(text: str, config: Config) -> list[Change]:
    """NFC, one change per word or gap between words that needs it.

    A word starts with a letter and a gap with a character that is neither a
    letter nor a mark, so nothing composes across their boundary and NFC of
    the pieces is NFC of the whole.
    """
    if not needs_nfc(text):
        return []
    changes = []
    for start, line in iter_lines(text):
        if nfc(line) == line:
            continue
        for match in _SEGMENT.finditer(line):
            piece = match.group()
            fixed = nfc(piece)
            if fixed != piece:
                where = start + match.start()
                changes.append(Change(where, where + len(piece), piece, fixed, "nfc"))
    return changes
