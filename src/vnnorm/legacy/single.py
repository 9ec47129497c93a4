"""TCVN3 and VISCII: one byte per character, run by Python's charmap machinery.

Both encodings map each byte to at most one character, so decoding and
encoding go through `codecs.charmap_decode` / `charmap_encode`, as the
standard library's cp125x codecs do: C speed, and the built-in error handlers
with exact positions. The tables come from `tables.py` and are built into a
256-character decoding string and an encoding map on first use.

TCVN3 here is VN3, the font subset: capitals with tones have no byte (they
were typed in .VnTimeH fonts, which draw the lower-case bytes as capitals), so
such bytes decode to lower case and such capitals cannot be encoded. Putting
the case back for a .VnTimeH run is the repair's job, not the codec's.
"""

from __future__ import annotations

import codecs
import functools
from collections.abc import Callable
from typing import Any

from vnnorm.legacy.common import encode_by_clusters, is_nfc

UNASSIGNED = "\ufffe"  # charmap_decode's mark for a byte with no character


class SingleByteEngine:
    """A single-byte encoding: ASCII below 0x80 except where `load` says otherwise."""

    def __init__(self, name: str, load: Callable[[], tuple[dict[int, str], dict[int, str]]]):
        self._name = name
        # load() → (assigned bytes, passthrough bytes); read lazily so import stays cheap
        self._load = load

    @property
    def name(self) -> str:
        return self._name

    @functools.cached_property
    def _tables(self) -> tuple[dict[int, str], dict[int, str]]:
        return self._load()

    @functools.cached_property
    def decoding_table(self) -> str:
        assigned, passthrough = self._tables
        chars = [chr(byte) if byte < 0x80 else UNASSIGNED for byte in range(256)]
        for byte, char in {**passthrough, **assigned}.items():
            chars[byte] = char
        return "".join(chars)

    @functools.cached_property
    def _encoding_map(self) -> Any:  # an opaque EncodingMap; typeshed's union is too wide
        return codecs.charmap_build(self.decoding_table)

    def letter_bytes(self) -> frozenset[int]:
        assigned, _ = self._tables
        return frozenset(byte for byte, char in assigned.items() if char.isalpha())

    def _encode_strict(self, text: str) -> bytes:
        return codecs.charmap_encode(text, "strict", self._encoding_map)[0]

    def encode(self, text: str, errors: str, state: int) -> tuple[bytes, int]:
        if not is_nfc(text):
            return encode_by_clusters(text, errors, self._name, self._encode_strict), state
        try:
            return codecs.charmap_encode(text, errors, self._encoding_map)[0], state
        except UnicodeEncodeError as exc:
            if exc.encoding != "charmap":
                raise
            # Same error, under this codec's name rather than the machinery's.
            raise UnicodeEncodeError(self._name, text, exc.start, exc.end, exc.reason) from None

    def decode(self, data: bytes, errors: str, final: bool, state: int) -> tuple[str, int, int]:
        try:
            text, consumed = codecs.charmap_decode(data, errors, self.decoding_table)
        except UnicodeDecodeError as exc:
            if exc.encoding != "charmap":
                raise
            raise UnicodeDecodeError(self._name, data, exc.start, exc.end, exc.reason) from None
        return text, consumed, state


def _tcvn3() -> tuple[dict[int, str], dict[int, str]]:
    from vnnorm.legacy import tables

    return tables.TCVN3_ASSIGNED, tables.TCVN3_PASSTHROUGH


def _viscii() -> tuple[dict[int, str], dict[int, str]]:
    from vnnorm.legacy import tables

    return tables.VISCII_ASSIGNED, {}


TCVN3 = SingleByteEngine("tcvn3", _tcvn3)
VISCII = SingleByteEngine("viscii", _viscii)
