"""`vnnorm --from-encoding`: read input in another encoding, or detect it.

The command reads UTF-8 unless told otherwise, strictly, as `cli_io.LineReader`
does. With `--from-encoding NAME` (any Python codec, the legacy tcvn3, vni,
viscii and viqr included) the bytes are decoded incrementally with that codec
and cut into lines on "\\n" after decoding, so UTF-16 works as well as the
single-byte encodings. With `--from-encoding auto` the encoding is decided
from the first `AUTO_PREFIX` bytes (`vnnorm.decoding.detect`) and the rest is
streamed with the same codec. Output is always UTF-8, so a file read in
another encoding counts as changed (`--check` exits 1, `--in-place` rewrites
it) wherever it holds anything beyond ASCII.
"""

from __future__ import annotations

import argparse
import codecs
import io
import itertools
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

import vnnorm.legacy  # noqa: F401  (registers the tcvn3, vni, viscii and viqr codecs)
from vnnorm.cli_io import READ_HINT, CliError, LineReader, describe, split_lines
from vnnorm.decoding import MIXED, decode_with, detect

AUTO = "auto"
AUTO_PREFIX = 1 << 20  # bytes read before deciding on an encoding
DEFAULT = "utf-8"


def encoding_name(value: str) -> str:
    """argparse type for --from-encoding: "auto" or a codec name, normalised."""
    if value.strip().lower() == AUTO:
        return AUTO
    try:
        info = codecs.lookup(value)
    except LookupError:
        raise argparse.ArgumentTypeError(
            f"unknown encoding {value!r} (use 'auto' or a codec name such as "
            "utf-8, utf-16, cp1258, tcvn3, vni, viscii, viqr)"
        ) from None
    if not hasattr(info, "_is_text_encoding") or info._is_text_encoding:
        return info.name
    raise argparse.ArgumentTypeError(f"{value!r} is not a text encoding")


def add_encoding_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from-encoding",
        type=encoding_name,
        default=DEFAULT,
        metavar="ENC",
        help=(
            "encoding of the input: any Python codec (cp1258, utf-16, tcvn3, vni, "
            "viscii, viqr, ...) or 'auto' to detect it from the first MB; output is "
            "UTF-8 (default: utf-8); --errors then applies to bytes ENC cannot decode"
        ),
    )


def open_reader(
    stream: BinaryIO, name: str, errors: str, encoding: str
) -> LineReader | DecodingReader:
    """The lines of `stream` as text: UTF-8 exactly as before, or decoded as asked."""
    if encoding in (DEFAULT, "utf_8"):
        return LineReader(stream, name, errors)
    return DecodingReader(stream, name, errors, encoding)


class _Replay(io.RawIOBase):
    """A byte stream that gives `head` first, then the rest of `stream`."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._read: Callable[[int], bytes] = getattr(stream, "read1", stream.read)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:  # typeshed: a writable buffer
        size = len(buffer)
        if self._head:
            data, self._head = self._head[:size], self._head[size:]
        else:
            data = memoryview(self._read(size))
        buffer[: len(data)] = data
        return len(data)


def _replay(head: bytes, stream: BinaryIO) -> BinaryIO:
    return io.BufferedReader(_Replay(head, stream), buffer_size=READ_HINT)


class DecodingReader:
    """Lines of a byte stream in `encoding` (or detected, for "auto").

    `lossy` is True once the text differs from the input bytes, i.e. anything
    beyond ASCII was read (or any byte at all, for UTF-16 and the like), which
    is what `--check` and `--in-place` need to know.
    """

    def __init__(self, stream: BinaryIO, name: str, errors: str, encoding: str) -> None:
        self._stream = stream
        self._name = name
        self._errors = errors
        self.encoding = encoding
        self.lossy = False

    def __iter__(self) -> Iterator[str]:
        return itertools.chain.from_iterable(self.batches())

    def batches(self) -> Iterator[list[str]]:
        """The lines a read's worth at a time (as LineReader.batches)."""
        source = self._stream
        if self.encoding == AUTO:
            head = self._read_prefix()
            self.encoding = detect(head).encoding
            source = _replay(head, self._stream)
            if self.encoding in ("ascii", "utf-8", "utf-8-sig"):
                # the default reader: strict UTF-8 with its messages; the BOM is
                # removed by the repair, as for any UTF-8 input
                utf8 = LineReader(source, self._name, self._errors)
                yield from utf8.batches()
                self.lossy = utf8.lossy
                return
        if self.encoding == MIXED:
            yield from self._mixed(source)
        else:
            yield from self._decoded(source)

    def _read_prefix(self) -> bytes:
        parts: list[bytes] = []
        size = 0
        while size < AUTO_PREFIX:
            chunk = self._read(self._stream)
            if not chunk:
                break
            parts.append(chunk)
            size += len(chunk)
        return b"".join(parts)

    def _read(self, source: BinaryIO) -> bytes:
        read: Callable[[int], bytes] = getattr(source, "read1", source.read)
        try:
            return read(READ_HINT)
        except OSError as error:
            raise CliError(f"{self._name}: {describe(error)}") from None

    def _decoded(self, source: BinaryIO) -> Iterator[list[str]]:
        decoder = codecs.getincrementaldecoder(self.encoding)(self._errors)
        ascii_compatible = "\n".encode(self.encoding, "ignore") == b"\n"
        pending = ""
        offset = lines = 0  # bytes and lines before the current chunk
        while True:
            chunk = self._read(source)
            try:
                text = pending + decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as error:
                before = chunk[: error.start].decode(self.encoding, "replace").count("\n")
                line = lines + pending.count("\n") + before + 1
                raise self._decode_error(error, offset, line) from None
            if chunk and (not ascii_compatible or not chunk.isascii()):
                self.lossy = True
            if "\0" in text:
                raise CliError(f"{self._name}: looks like a binary file (NUL character)")
            cut = text.rfind("\n") + 1
            complete, pending = split_lines(text[:cut]), text[cut:]
            lines += len(complete)
            offset += len(chunk)
            yield complete
            if not chunk:
                break
        if pending:
            yield [pending]

    def _mixed(self, source: BinaryIO) -> Iterator[list[str]]:
        """UTF-8 lines as UTF-8, the others as cp1252 (see vnnorm.decoding)."""
        partial = b""
        while True:
            chunk = self._read(source)
            data = partial + chunk
            cut = data.rfind(b"\n") + 1 if chunk else len(data)
            block, partial = data[:cut], data[cut:]
            if block:
                if b"\0" in block:
                    raise CliError(f"{self._name}: looks like a binary file (NUL byte)")
                self.lossy = self.lossy or not block.isascii()
                yield split_lines(decode_with(block, MIXED))
            if not chunk:
                break

    def _decode_error(self, error: UnicodeDecodeError, offset: int, line: int) -> CliError:
        # The decoder may have held bytes back from the chunk before: the offset
        # is then a byte or two late, which still finds the place.
        byte = error.object[error.start] if error.start < len(error.object) else None
        shown = "" if byte is None else f" (0x{byte:02x})"
        return CliError(
            f"{self._name}:{line}: cannot decode as {self.encoding} "
            f"at byte {offset + error.start}{shown}"
        )
