"""VNI-Windows: a base letter followed by a mark byte ("Vieät" is Việt).

VNI writes most Vietnamese letters as two bytes: an ASCII vowel (or the ơ ư
bytes) and a byte that adds the vowel mark, the tone, or both (ä is
circumflex + dot below, so "eä" is ệ). A few letters are single bytes (đ ơ ư,
i with tones, ỵ). Capitals take the capital mark bytes ("VIEÄT", "COÂNG").

Decoding is greedy over (base, mark) pairs. A mark byte whose case does not
match its base (a tool that upper-cased only the ASCII letters) is still read,
with the case of the base letter; a mark byte with no base before it, or a
letter byte VNI does not assign, is an error, which is what tells VNI text
from Latin-1 text that merely contains ò or ü. Encoding always writes the
canonical pair.

An incremental decoder holds back a trailing base letter until it knows
whether a mark byte follows.
"""

from __future__ import annotations

import codecs
import functools
import re
from dataclasses import dataclass
from typing import Any

from vnnorm.legacy.common import encode_by_clusters, handle_decode_error, is_nfc

NAME = "vni"


@dataclass(frozen=True)
class _Maps:
    singles: dict[int, str]  # str.translate table over the Latin-1 view of the bytes
    pairs: dict[str, str]  # base + mark (as Latin-1 characters) → letter
    bases: frozenset[str]
    marks: frozenset[str]
    token: re.Pattern[str]  # a pair, or a byte that cannot stand on its own
    encoding_map: dict[int, int | bytes]
    letter_bytes: frozenset[int]


@functools.cache
def _maps() -> _Maps:
    from vnnorm.legacy import tables

    letters = tables.VNI_LETTERS
    singles = {raw[0]: letter for letter, raw in letters.items() if len(raw) == 1}
    singles.update(tables.VNI_PASSTHROUGH)
    pairs = {raw.decode("latin-1"): letter for letter, raw in letters.items() if len(raw) == 2}
    for lower, raw in list(letters.items()):
        upper = lower.upper()
        if len(raw) == 2 and lower.islower() and len(letters[upper]) == 2:
            # The mark byte in the other case still means the same mark.
            big = letters[upper]
            pairs[chr(raw[0]) + chr(big[1])] = lower
            pairs[chr(big[0]) + chr(raw[1])] = upper
    bases = frozenset(pair[0] for pair in pairs)
    marks = frozenset(pair[1] for pair in pairs)
    alone = {chr(byte) for byte in range(0x80)} | {chr(byte) for byte in singles}
    invalid = "".join(sorted(chr(byte) for byte in range(0x80, 0x100) if chr(byte) not in alone))
    alternatives = [
        re.escape(base) + "[" + "".join(sorted(p[1] for p in pairs if p[0] == base)) + "]"
        for base in sorted(bases)
    ]
    token = re.compile(f"(?P<pair>{'|'.join(alternatives)})|[{re.escape(invalid)}]")
    encoding_map: dict[int, int | bytes] = {byte: byte for byte in range(0x80)}
    encoding_map.update({ord(char): byte for byte, char in tables.VNI_PASSTHROUGH.items()})
    encoding_map.update({ord(letter): raw for letter, raw in letters.items()})
    letter_bytes = frozenset(tables.VNI_MARKS) | {
        raw[0] for raw in letters.values() if len(raw) == 1
    }
    return _Maps(
        singles=singles,
        pairs=pairs,
        bases=bases,
        marks=marks,
        token=token,
        encoding_map=encoding_map,
        letter_bytes=letter_bytes,
    )


class VniEngine:
    @property
    def name(self) -> str:
        return NAME

    def letter_bytes(self) -> frozenset[int]:
        return _maps().letter_bytes

    def _encode_strict(self, text: str) -> bytes:
        return self._charmap_encode(text, "strict")

    def _charmap_encode(self, text: str, errors: str) -> bytes:
        # charmap_encode takes a dict whose values may be bytes of any length;
        # typeshed only allows int values, hence Any.
        mapping: Any = _maps().encoding_map
        try:
            return codecs.charmap_encode(text, errors, mapping)[0]
        except UnicodeEncodeError as exc:
            if exc.encoding != "charmap":
                raise
            raise UnicodeEncodeError(NAME, text, exc.start, exc.end, exc.reason) from None

    def encode(self, text: str, errors: str, state: int) -> tuple[bytes, int]:
        if is_nfc(text):
            return self._charmap_encode(text, errors), state
        return encode_by_clusters(text, errors, NAME, self._encode_strict), state

    def decode(self, data: bytes, errors: str, final: bool, state: int) -> tuple[str, int, int]:
        maps = _maps()
        view = data.decode("latin-1")  # one character per byte: positions stay byte offsets
        limit = len(view)
        if not final and limit and view[-1] in maps.bases:
            limit -= 1  # a mark byte may follow in the next chunk
        out: list[str] = []
        position = 0
        while position < limit:
            found = maps.token.search(view, position, limit)
            if found is None:
                out.append(view[position:limit].translate(maps.singles))
                position = limit
                break
            out.append(view[position : found.start()].translate(maps.singles))
            pair = found.group("pair")
            if pair is not None:
                out.append(maps.pairs[pair])
                position = found.end()
                continue
            start = found.start()
            reason = (
                "mark byte with no base letter before it"
                if view[start] in maps.marks
                else "byte not assigned in VNI-Windows"
            )
            replacement, position = handle_decode_error(
                errors, NAME, data, start, start + 1, reason
            )
            out.append(replacement)
        return "".join(out), position, state


VNI = VniEngine()
