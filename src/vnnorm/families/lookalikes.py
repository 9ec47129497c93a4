"""Look-alike letters typed or extracted in place of Vietnamese ones.

PDF text extraction often gives ƣ Ƣ (LATIN LETTER OI, U+01A3/U+01A2) for ư Ư,
because old Vietnamese fonts drew ư at that code point: "ngƣời". And the eth
Ð ð (U+00D0/U+00F0), which looks like Đ đ (U+0110/U+0111), is typed for it on
keyboards and in fonts that lack the real letter: "Ðặng". Both are valid
Unicode, so NFC keeps them and search misses them.

A look-alike is replaced only inside a word that is Vietnamese with the real
letter: a syllable Vietnamese can spell, or a word holding other letters only
Vietnamese uses, and not glued to a Latin-1 symbol as legacy text shows it
("ði«u"). Icelandic "með" or an African orthography's ƣ stay, and so does
a phonetic transcription's eth, Vietnamese-looking or not: Vietnamese Wikipedia
writes "IPA: [re'puβlika ðe 'kosta 'rrika]", where "ðe" is a sound, not "đe".
"""

from __future__ import annotations

import re

import unicodedata2

from vnnorm.config import Config
from vnnorm.orthography import is_syllable
from vnnorm.plan import Change
from vnnorm.tokens import VIETNAMESE_ONLY, WORD, nfc

RULE = "lookalike"

LOOKALIKES = str.maketrans(
    {
        "\N{LATIN SMALL LETTER OI}": "\N{LATIN SMALL LETTER U WITH HORN}",
        "\N{LATIN CAPITAL LETTER OI}": "\N{LATIN CAPITAL LETTER U WITH HORN}",
        "\N{LATIN SMALL LETTER ETH}": "\N{LATIN SMALL LETTER D WITH STROKE}",
        "\N{LATIN CAPITAL LETTER ETH}": "\N{LATIN CAPITAL LETTER D WITH STROKE}",
    }
)
_ANY = re.compile("[\u01a2\u01a3\u00d0\u00f0]")
_PDF_GLYPHS = str.maketrans("\u01b0\u01af", "\u01a3\u01a2")  # ư Ư extracted as ƣ Ƣ


def damage(text: str) -> str:
    """`text` as PDF extraction gives it, ƣ Ƣ for ư Ư (for tests and benchmarks)."""
    return text.translate(_PDF_GLYPHS)


# A transcription stands in brackets or slashes and holds a letter or mark only
# phonetics writes: the IPA block, modifier letters (the stress and length
# marks), Greek (β θ χ).
_BRACKETS = (("[", "]"), ("/", "/"))
_TRANSCRIPTION_REACH = 200  # characters either side; no transcription is longer
_PHONETIC = re.compile("[\u0250-\u02ff\u0370-\u03ff]")
# Latin-1 symbols, which legacy 8-bit text read as cp1252 shows for letters
# ("ði«u" is VISCII "điều"): a word glued to one is a piece of such text.
_LEGACY_SYMBOL = re.compile("[\u00a1-\u00bf\u00d7\u00f7]")


def may_touch(text: str) -> bool:
    return _ANY.search(text) is not None


def repair(text: str, config: Config) -> list[Change]:
    """The fixer: real Vietnamese letters for their look-alikes."""
    if not may_touch(text):
        return []
    changes: list[Change] = []
    for found in _ANY.finditer(text):
        start = found.start()
        while start and (text[start - 1].isalpha() or unicodedata2.combining(text[start - 1])):
            start -= 1  # back to the start of the word; look-alikes are rare, words short
        if changes and changes[-1].end > start:
            continue  # a second look-alike in the same word
        match = WORD.match(text, start)
        if match is None:
            continue
        word = match.group()
        fixed = word.translate(LOOKALIKES)
        # the look-alikes are not in VIETNAMESE_ONLY, so the word's other letters speak
        if _in_transcription(text, match.start(), match.end()):
            continue
        if _LEGACY_SYMBOL.match(text, match.end()) or (
            match.start() and _LEGACY_SYMBOL.match(text, match.start() - 1)
        ):
            continue  # "ði«u": legacy text (VISCII đi + ề), which that repair reads whole
        if is_syllable(nfc(fixed).lower()) or VIETNAMESE_ONLY.search(word):
            changes.append(Change(match.start(), match.end(), word, fixed, RULE))
    return changes


def _in_transcription(text: str, start: int, end: int) -> bool:
    """Does text[start:end] stand in brackets or slashes, on one line, with a
    letter only phonetics writes beside it?"""
    for opening, closing in _BRACKETS:
        left = text.rfind(opening, max(0, start - _TRANSCRIPTION_REACH), start)
        right = text.find(closing, end, end + _TRANSCRIPTION_REACH)
        if left < 0 or right < 0:
            continue
        span = text[left + 1 : right]
        if "\n" in span or closing in text[left + 1 : start] or opening in text[end:right]:
            continue  # not one pair around the word
        if _PHONETIC.search(span):
            return True
    return False
