"""Fixers that need no context: a leading BOM, invisible characters, NFC."""

from __future__ import annotations

import re

import regex

from vnnorm.config import Config
from vnnorm.orthography import is_syllable
from vnnorm.plan import Change
from vnnorm.tokens import INVISIBLE, VIETNAMESE_ONLY, WORD, iter_lines, nfc

BOM = "\ufeff"
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
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
    if not holds_invisible(text):
        return []
    changes = []
    for match in WORD.finditer(text):
        word = match.group()
        if _INVISIBLE.search(word) is None:
            continue
        joined = _INVISIBLE.sub("", word)
        if _is_vietnamese(nfc(joined)):
            changes.append(Change(match.start(), match.end(), word, joined, "invisible"))
    return changes


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
