"""The legacy encodings as Python codecs: `b"Vie\\xe4t".decode("vni")` and back.

vnnorm.codec_names registers the names when vnnorm is imported; this module
builds a codec when one is first looked up. Names, normalised as `codecs.lookup` does:

    tcvn3  (aliases tcvn, abc, vn3)   TCVN 5712:1993 VN3, the .VnTime fonts
    vni    (alias vni-windows)        VNI-Windows, the VNI-Times fonts
    viscii                            VISCII, RFC 1456
    viqr                              VIQR, RFC 1456 (ASCII bytes ↔ str)

Each codec has the full `codecs.CodecInfo`: stateless functions, incremental
encoder and decoder, stream reader and writer. The decoders may hold back a
tail that the next chunk could change (a VNI base letter, a VIQR vowel); they
release it when told the input is final, and `io.TextIOWrapper` does tell them.

The encoders compose each chunk to NFC but do not hold anything back: a text
stream never tells its encoder that the output is final, so a held character
would be lost. NFD text split between a letter and its marks across two
writes therefore cannot be encoded (the lone marks are errors).
"""

from __future__ import annotations

import codecs
import functools
from typing import TYPE_CHECKING

from vnnorm.codec_names import ENCODINGS, canonical_name, register
from vnnorm.legacy.common import Engine

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer


def engine(name: str) -> Engine:
    """The engine behind a codec name or alias; LookupError for other names."""
    canonical = canonical_name(name)
    if canonical is None:
        raise LookupError(f"unknown legacy Vietnamese encoding {name!r}: use one of {ENCODINGS}")
    if canonical == "vni":
        from vnnorm.legacy.vni import VNI

        return VNI
    if canonical == "viqr":
        from vnnorm.legacy.viqr import VIQR

        return VIQR
    from vnnorm.legacy.single import TCVN3, VISCII

    return TCVN3 if canonical == "tcvn3" else VISCII


@functools.cache
def codec_info(name: str) -> codecs.CodecInfo:
    """The CodecInfo for a codec name or alias; LookupError for other names."""
    return _build(engine(name))


def _build(eng: Engine) -> codecs.CodecInfo:
    def encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
        return eng.encode(text, errors, 0)[0], len(text)

    def decode(data: ReadableBuffer, errors: str = "strict") -> tuple[str, int]:
        text, consumed, _ = eng.decode(bytes(data), errors, True, 0)
        return text, consumed

    class IncrementalEncoder(codecs.IncrementalEncoder):
        state = 0

        def encode(self, input: str, final: bool = False) -> bytes:
            data, self.state = eng.encode(input, self.errors, self.state)
            return data

        def reset(self) -> None:
            self.state = 0

        def getstate(self) -> int:
            return self.state

        def setstate(self, state: int | str) -> None:
            self.state = int(state)

    class IncrementalDecoder(codecs.IncrementalDecoder):
        def __init__(self, errors: str = "strict") -> None:
            super().__init__(errors)
            self.buffer = b""
            self.state = 0

        def decode(self, input: ReadableBuffer, final: bool = False) -> str:
            data = self.buffer + bytes(input)
            text, consumed, self.state = eng.decode(data, self.errors, final, self.state)
            self.buffer = data[consumed:]
            return text

        def reset(self) -> None:
            self.buffer = b""
            self.state = 0

        def getstate(self) -> tuple[bytes, int]:
            return self.buffer, self.state

        def setstate(self, state: tuple[bytes, int]) -> None:
            self.buffer, self.state = state

    class StreamWriter(codecs.StreamWriter):
        state = 0

        def encode(self, input: str, errors: str = "strict") -> tuple[bytes, int]:
            data, self.state = eng.encode(input, errors, self.state)
            return data, len(input)

        def reset(self) -> None:
            self.state = 0

    class StreamReader(codecs.StreamReader):
        state = 0

        def decode(self, input: ReadableBuffer, errors: str = "strict") -> tuple[str, int]:
            data = bytes(input)
            # StreamReader.read() passes its leftover bytes followed by what it
            # just read, and keeps what we leave unconsumed. Only when the read
            # returned nothing (end of stream) is `data` exactly the leftover:
            # then a held-back tail must be decoded for good, or it would be lost.
            final = bool(data) and data == self.bytebuffer
            text, consumed, self.state = eng.decode(data, errors, final, self.state)
            return text, consumed

        def reset(self) -> None:
            super().reset()
            self.state = 0

    for cls in (IncrementalEncoder, IncrementalDecoder, StreamWriter, StreamReader):
        cls.__name__ = cls.__qualname__ = f"{eng.name.upper()}{cls.__name__}"
    return codecs.CodecInfo(
        name=eng.name,
        encode=encode,
        decode=decode,
        incrementalencoder=IncrementalEncoder,
        incrementaldecoder=IncrementalDecoder,
        streamwriter=StreamWriter,
        streamreader=StreamReader,
    )


__all__ = ["ENCODINGS", "canonical_name", "codec_info", "engine", "register"]
