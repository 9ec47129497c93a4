"""Legacy bytes that were read as Windows-1252: undo it, or do it.

Legacy Vietnamese text usually reaches us already decoded, wrongly, as
cp1252: TCVN3 "Việt Nam" shows as "ViÖt Nam", VNI as "Vieät Nam". Undoing that
is `text.encode("cp1252")` followed by the legacy codec, except that cp1252
leaves 0x81 0x8D 0x8F 0x90 0x9D undefined and readers pass those bytes on as
C1 controls (U+0081 …); text read as Latin-1 instead shows every byte from
0x80 to 0x9F that way. So here every C1 control stands for its own byte.

`decode_as` answers None when the text cannot have come from the encoding (a
character cp1252 cannot produce, or bytes the legacy codec rejects); it does
not judge whether the result is better Vietnamese than the input, which is
the repair's business. `encode_as` applies the damage to clean text (tests,
benchmarks). `letter_bytes`/`letter_chars` give the byte values that spell
Vietnamese letters in each encoding, for detectors.
"""

from __future__ import annotations

import codecs
import functools
import re

from vnnorm.legacy.registry import engine


@functools.cache
def _cp1252_view() -> str:
    """Byte → the character a cp1252 reader shows, holes as C1 controls."""
    chars = []
    for byte in range(256):
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars)


@functools.cache
def _cp1252_bytes_map() -> dict[int, int]:
    mapping = {byte: byte for byte in range(0x80, 0xA0)}  # C1 controls stand for their byte
    mapping.update({ord(char): byte for byte, char in enumerate(_cp1252_view())})
    return mapping


@functools.cache
def _not_shown_by_cp1252() -> re.Pattern[str]:
    """A character no cp1252 (or Latin-1) reader shows."""
    return re.compile(f"[^{re.escape(''.join(map(chr, _cp1252_bytes_map())))}]")


def shown_by_cp1252(text: str) -> bool:
    """Could a cp1252 (or Latin-1) reader have shown `text`? `cp1252_bytes` is
    not None, without the exception that costs more than most of the test."""
    return _not_shown_by_cp1252().search(text) is None


def cp1252_bytes(text: str) -> bytes | None:
    """The bytes a cp1252 (or Latin-1) reader turned into `text`; None if none could."""
    try:
        return codecs.charmap_encode(text, "strict", _cp1252_bytes_map())[0]
    except UnicodeEncodeError:
        return None


def decode_as(text_seen_as_cp1252: str, encoding: str) -> str | None:
    """The text the legacy bytes behind `text_seen_as_cp1252` meant in `encoding`.

    >>> decode_as("ViÖt Nam", "tcvn3")
    'Việt Nam'
    >>> decode_as("Vieät Nam", "vni")
    'Việt Nam'
    >>> decode_as("Việt Nam", "vni") is None
    True

    `encoding` is a codec name or alias (tcvn3, vni, viscii, viqr); unknown
    names raise LookupError. The result is NFC.
    """
    if not isinstance(text_seen_as_cp1252, str):
        raise TypeError(
            "decode_as takes text as a cp1252 reader showed it (str); "
            f"for raw bytes call data.decode({encoding!r}) after importing vnnorm.legacy"
        )
    eng = engine(encoding)
    raw = cp1252_bytes(text_seen_as_cp1252)
    if raw is None:
        return None
    try:
        return eng.decode(raw, "strict", True, 0)[0]
    except UnicodeDecodeError:
        return None


def encode_as(text: str, encoding: str) -> str | None:
    """What a cp1252 reader shows for `text` written in `encoding`; None if it cannot be.

    >>> encode_as("Hà Nội", "tcvn3")
    'Hµ Néi'
    """
    eng = engine(encoding)
    try:
        raw = eng.encode(text, "strict", 0)[0]
    except UnicodeEncodeError:
        return None
    return raw.decode("latin-1").translate(_latin1_to_cp1252())


@functools.cache
def _latin1_to_cp1252() -> dict[int, str]:
    return {byte: char for byte, char in enumerate(_cp1252_view()) if ord(char) != byte}


def letter_bytes(encoding: str) -> frozenset[int]:
    """Byte values that, in `encoding`, only occur in Vietnamese letters (beyond ASCII).

    TCVN3 and VISCII: the letter bytes. VNI: the single-byte letters and the
    mark bytes. VIQR: none, as it is ASCII.
    """
    return engine(encoding).letter_bytes()


def letter_chars(encoding: str) -> frozenset[str]:
    """`letter_bytes(encoding)` as a cp1252 reader shows them ("Ö", "µ", "ä" …)."""
    view = _cp1252_view()
    return frozenset(view[byte] for byte in letter_bytes(encoding))
