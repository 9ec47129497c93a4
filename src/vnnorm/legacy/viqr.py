"""VIQR (RFC 1456): Vietnamese in ASCII, "Vie^.t Nam" for "Việt Nam".

A vowel is followed by an optional vowel mark — ( breve, ^ circumflex,
+ horn — and an optional tone — ' acute, ` grave, ? hook, ~ tilde, . dot
below; "dd" is đ and "DD" (or "Dd") is Đ. Decoding takes the longest mnemonic
at each place, so "a^'" is ấ. The convention's backslash keeps a mark
character literal: "Hie^'u\\." is "Hiếu." with its full stop.

Where the backslash counts: it is dropped, and the next character starts
afresh, only where it prevents a combination — after a vowel (with or without
marks) before one of ( ^ + ' ` ? ~ ., and between the d's of "dd"/"DD"/"Dd".
Elsewhere it is an ordinary character, so "C:\\path" and "\\d+" survive
decoding. The encoder escapes exactly there, which makes encode → decode the
identity; a literal backslash in such a place cannot be written in VIQR and
is an encoding error.

Not supported: the mode switches of the full Viet-Std proposal (\\V \\M \\L),
and tone-before-mark spellings ("a'^"), which decode literally.

The decoder and encoder carry one int of state between chunks: what the last
character was (vowel, d, D, other), which decides the next backslash.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vnnorm.legacy.common import handle_decode_error, handle_encode_error, is_nfc, next_cluster

if TYPE_CHECKING:
    import re

NAME = "viqr"
MARKS = frozenset("(^+'`?~.")
ESCAPE = "\\"

# What the last character written or read was; decides whether a backslash escapes.
OTHER, VOWEL, SMALL_D, CAPITAL_D = 0, 1, 2, 3


@dataclass(frozen=True)
class _Maps:
    letters: dict[str, str]  # mnemonic → letter
    mnemonics: dict[str, str]  # letter → canonical mnemonic
    prefixes: frozenset[str]  # what a longer mnemonic may still extend
    vowels: frozenset[str]  # every vowel letter, with or without marks
    plain: re.Pattern[str]  # a run that needs no attention


@functools.cache
def _maps() -> _Maps:
    import re

    from vnnorm.legacy import tables

    mnemonics = dict(tables.VIQR_LETTERS)
    letters = {mnemonic: letter for letter, mnemonic in mnemonics.items()}
    letters["Dd"] = "\N{LATIN CAPITAL LETTER D WITH STROKE}"  # title case, as typed
    prefixes = frozenset(key[:cut] for key in letters for cut in range(1, len(key)))
    vowels = frozenset("aeiouyAEIOUY") | frozenset(
        letter for letter in mnemonics if unicodedata.normalize("NFD", letter)[0] in "aeiouyAEIOUY"
    )
    # Vowels, d, D and the backslash need a look; so does anything beyond ASCII.
    plain = re.compile(r"[^aeiouyAEIOUYdD\\\x80-\U0010ffff]+")
    return _Maps(letters, mnemonics, prefixes, vowels, plain)


def _kind(char: str, maps: _Maps) -> int:
    if char in maps.vowels:
        return VOWEL
    return SMALL_D if char == "d" else CAPITAL_D if char == "D" else OTHER


def _escapes(kind: int, following: str) -> bool:
    """Whether a backslash between `kind` and `following` is an escape (and dropped)."""
    if kind == VOWEL:
        return following in MARKS
    if kind == SMALL_D:
        return following == "d"
    return kind == CAPITAL_D and following in ("d", "D")


class ViqrEngine:
    @property
    def name(self) -> str:
        return NAME

    def letter_bytes(self) -> frozenset[int]:
        return frozenset()  # all ASCII: no byte value marks VIQR by itself

    def decode(self, data: bytes, errors: str, final: bool, state: int) -> tuple[str, int, int]:
        maps = _maps()
        view = data.decode("latin-1")
        size = len(view)
        out: list[str] = []
        kind = state
        i = 0
        while i < size:
            run = maps.plain.match(view, i)
            if run is not None:  # none of these is a vowel or a d
                out.append(run.group())
                kind = OTHER
                i = run.end()
                continue
            char = view[i]
            if char == ESCAPE:
                if i + 1 == size:
                    if not final:
                        break  # the next byte decides what this backslash is
                elif _escapes(kind, view[i + 1]):
                    i += 1  # dropped; the next character stands on its own
                    continue
                out.append(char)
                kind = OTHER
                i += 1
                continue
            if not char.isascii():
                replacement, i = handle_decode_error(
                    errors, NAME, data, i, i + 1, "ordinal not in range(128)"
                )
                out.append(replacement)
                kind = _kind(replacement[-1], maps) if replacement else kind
                continue
            chunk = next((view[i : i + n] for n in (3, 2) if view[i : i + n] in maps.letters), char)
            if not final and i + len(chunk) == size and chunk in maps.prefixes:
                break  # more input may lengthen the mnemonic
            letter = maps.letters.get(chunk, chunk)
            out.append(letter)
            kind = _kind(letter, maps)
            i += len(chunk)
        return "".join(out), i, kind

    def encode(self, text: str, errors: str, state: int) -> tuple[bytes, int]:
        out: list[str] = []
        kind = self._encode(text, errors, state, out)
        return "".join(out).encode("latin-1"), kind

    def _encode(self, text: str, errors: str, kind: int, out: list[str]) -> int:
        maps = _maps()
        nfc = is_nfc(text)
        position = 0
        while position < len(text):
            char, end = next_cluster(text, position, nfc)
            piece = maps.mnemonics.get(char, char)
            reason = ""
            if len(char) != 1 or not piece.isascii():
                reason = "not a character VIQR can write"
            elif char == ESCAPE and end < len(text):
                following, _ = next_cluster(text, end, nfc)
                if _escapes(kind, maps.mnemonics.get(following, following)[0]):
                    reason = "a backslash here would read as a VIQR escape"
            if not reason:
                if char != ESCAPE and _escapes(kind, piece[0]):
                    out.append(ESCAPE)
                out.append(piece)
                kind = _kind(char, maps)
                position = end
                continue
            start = position
            replacement, position = handle_encode_error(errors, NAME, text, start, end, reason)
            if isinstance(replacement, bytes):
                # Bytes from the handler (surrogateescape) go out as they are.
                raw = replacement.decode("latin-1")
                out.append(raw)
                kind = _kind(raw[-1], maps) if raw else kind
                continue
            try:
                # Written like text, escapes and all ("?" after a vowel becomes "\?").
                kind = self._encode(replacement, "strict", kind, out)
            except UnicodeEncodeError:
                raise UnicodeEncodeError(NAME, text, start, end, reason) from None
        return kind


VIQR = ViqrEngine()
