"""Legacy Vietnamese encodings (TCVN3, VNI-Windows, VISCII, VIQR) as Python codecs.

Importing the package registers the codecs, so `b"Vi\\xd6t".decode("tcvn3")`
and `"Việt".encode("vni")` work; the tables load on first use. `decode_as`
and friends handle the usual case of legacy bytes already read as cp1252.
"""

from vnnorm.legacy.misread import (
    cp1252_bytes,
    decode_as,
    encode_as,
    letter_bytes,
    letter_chars,
    shown_by_cp1252,
)
from vnnorm.legacy.registry import ENCODINGS, canonical_name, codec_info, register

__all__ = [
    "ENCODINGS",
    "canonical_name",
    "codec_info",
    "cp1252_bytes",
    "decode_as",
    "encode_as",
    "letter_bytes",
    "letter_chars",
    "register",
    "shown_by_cp1252",
]
