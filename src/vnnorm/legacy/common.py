"""What the legacy codecs share: NFC with positions, and calling error handlers.

Python's codecs report an error at its position in the caller's object and let
the handler named by `errors` decide what happens next; codecs written in
Python must do both by hand. Encoding takes NFD as well as NFC text, so it
composes first, and a composed string has other positions: `compose` keeps,
for every composed character, the span of the input it came from, so that an
error still points into the caller's string.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from typing import Protocol

import unicodedata2  # type: ignore[import-not-found, unused-ignore]  # ships no stubs


class Engine(Protocol):
    """One legacy encoding, as the codec machinery in `registry` drives it.

    `state` is an int the engine carries between calls (VIQR remembers what
    kind of letter it wrote last; the others ignore it). `decode` with
    `final=False` may leave a tail unconsumed that more input could change.
    """

    @property
    def name(self) -> str: ...

    def encode(self, text: str, errors: str, state: int) -> tuple[bytes, int]: ...

    def decode(self, data: bytes, errors: str, final: bool, state: int) -> tuple[str, int, int]: ...

    def letter_bytes(self) -> frozenset[int]: ...


def is_nfc(text: str) -> bool:
    # unicodedata2 has no is_normalized; its normalize() returns quickly on NFC text.
    return text.isascii() or bool(unicodedata2.normalize("NFC", text) == text)


def next_cluster(text: str, start: int, nfc: bool = False) -> tuple[str, int]:
    """The base character at `start` with the marks after it, in NFC, and where it ends.

    With `nfc` (the caller checked the whole text) a lone character is returned
    as it is, skipping the normalisation call.
    """
    end = start + 1
    combining = unicodedata2.combining
    while end < len(text) and combining(text[end]):
        end += 1
    if nfc and end == start + 1:
        return text[start], end
    composed: str = unicodedata2.normalize("NFC", text[start:end])
    return composed, end


def compose(text: str, start: int, stop: int) -> tuple[str, list[int], list[int]]:
    """NFC of `text[start:stop]`, one base character and its marks at a time.

    Returns the composed text and, for each of its characters, where in `text`
    the cluster it came from starts and ends.
    """
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = start
    while position < stop:
        piece, end = next_cluster(text, position)
        pieces.append(piece)
        starts.extend([position] * len(piece))
        ends.extend([end] * len(piece))
        position = end
    return "".join(pieces), starts, ends


CHUNK = 4096


def _chunk_end(text: str, start: int) -> int:
    # Never between a letter and its marks, so each chunk composes on its own.
    end = min(start + CHUNK, len(text))
    while end < len(text) and unicodedata2.combining(text[end]):
        end += 1
    return end


def _resume(position: int, size: int) -> int:
    # Handlers may count from the end, as for the built-in codecs.
    if position < 0:
        position += size
    if not 0 <= position <= size:
        raise IndexError(f"position {position} from error handler out of bounds")
    return position


def handle_decode_error(
    errors: str, encoding: str, data: bytes, start: int, end: int, reason: str
) -> tuple[str, int]:
    """Ask the `errors` handler what to put for `data[start:end]`; raises for strict."""
    exc = UnicodeDecodeError(encoding, data, start, end, reason)
    replacement, position = codecs.lookup_error(errors)(exc)
    if not isinstance(replacement, str):
        raise TypeError(f"decoding error handler must return (str, int), not {replacement!r}")
    return replacement, _resume(position, len(data))


def handle_encode_error(
    errors: str, encoding: str, text: str, start: int, end: int, reason: str
) -> tuple[str | bytes, int]:
    """Ask the `errors` handler what to put for `text[start:end]`; raises for strict."""
    exc = UnicodeEncodeError(encoding, text, start, end, reason)
    replacement, position = codecs.lookup_error(errors)(exc)
    return replacement, _resume(position, len(text))


def encode_by_clusters(
    text: str, errors: str, encoding: str, encode_strict: Callable[[str], bytes]
) -> bytes:
    """Encode text that is not NFC, reporting errors at the caller's positions.

    `encode_strict` encodes NFC text or raises UnicodeEncodeError at positions
    in what it was given. Chunks that encode cleanly are composed whole (fast);
    a chunk with an error is composed cluster by cluster, so that each error can
    be reported over the caller's characters.
    """
    out = bytearray()
    position = 0
    while position < len(text):
        stop = _chunk_end(text, position)
        try:
            out += encode_strict(unicodedata2.normalize("NFC", text[position:stop]))
        except UnicodeEncodeError:
            position = _encode_chunk(text, position, stop, errors, encoding, encode_strict, out)
        else:
            position = stop
    return bytes(out)


def _encode_chunk(
    text: str,
    position: int,
    stop: int,
    errors: str,
    encoding: str,
    encode_strict: Callable[[str], bytes],
    out: bytearray,
) -> int:
    """Encode `text[position:stop]` with its errors into `out`; return where to go on."""
    composed, starts, ends = compose(text, position, stop)
    # where each cluster's characters begin in `composed`, to resume after a handler
    first_char = {start: k for k, start in reversed(list(enumerate(starts)))}
    k = 0
    while k < len(composed):
        try:
            out += encode_strict(composed[k:])
            return stop
        except UnicodeEncodeError as exc:
            bad, last, reason = k + exc.start, k + exc.end - 1, exc.reason
        start, end = starts[bad], ends[last]
        out += encode_strict(composed[k : first_char[start]])
        replacement, position = handle_encode_error(errors, encoding, text, start, end, reason)
        if isinstance(replacement, bytes):
            out += replacement
        else:
            try:
                # A replacement string is encoded like text; if it cannot be, the
                # original error stands.
                out += encode_strict(replacement)
            except UnicodeEncodeError:
                raise UnicodeEncodeError(encoding, text, start, end, reason) from None
        if position not in first_char:
            return position  # outside this chunk, or inside a cluster: start afresh there
        k = first_char[position]
    return stop
