"""Bytes of unknown encoding → repaired text: `decode(data)`.

Vietnamese files come in UTF-8 (with or without a byte-order mark), UTF-16,
Windows-1258, and the legacy TCVN3, VNI-Windows and VISCII, none of which
labels itself. General detectors know cp1258 at best; they take TCVN3 or VNI
bytes for Western European text. Here the bytes are decoded with each
candidate and the reading that is most Vietnamese wins:

1. a byte-order mark decides (UTF-32, UTF-16, UTF-8);
2. otherwise valid UTF-8 is UTF-8 (pure ASCII included, reported as "ascii");
3. otherwise a bounded sample is decoded with every candidate and scored:
   +1 for each non-ASCII word that is a Vietnamese syllable, -1 for each one
   that is not, -1 for each stray symbol, -2 for each control character, -4
   for each byte the encoding leaves undefined. Ties go to the earlier
   candidate, so text that is no Vietnamese at all comes out as cp1252.

One candidate is mixed: lines that are valid UTF-8 are read as UTF-8 and the
others as cp1252, as happens when legacy text was pasted into a UTF-8 file;
`vnnorm.fix` then reads TCVN3 or VNI islands back as it does in any text.

The decoded text then goes through `vnnorm.fix`, so mojibake and the rest are
repaired too. `decode_and_explain` says which encoding was chosen, how every
candidate scored, and what the repair changed.
"""

from __future__ import annotations

import codecs
import functools
from dataclasses import dataclass

import unicodedata2

import vnnorm.legacy  # noqa: F401  (registers the tcvn3, vni, viscii and viqr codecs)
from vnnorm import pipeline
from vnnorm.config import Config
from vnnorm.families.utf8_mojibake import reading
from vnnorm.orthography import is_syllable
from vnnorm.plan import Change, Doubt
from vnnorm.tokens import WORD, nfc

# In order of preference when scores tie.
CANDIDATES = ("cp1252", "cp1258", "tcvn3", "vni", "viscii", "latin-1")
MIXED = "utf-8+cp1252"  # UTF-8 lines as UTF-8, the others as cp1252
SAMPLE_BYTES = 1 << 18  # what the scores are computed on
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM starts it
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UNDEFINED = -4.0
_CONTROL = -2.0
_STRAY = -1.0
_SYMBOLS = frozenset({"Sk", "So", "Sm", "No", "Co", "Cn", "Cf", "Mn", "Me"})


@dataclass(frozen=True, slots=True)
class Detection:
    """The encoding chosen for some bytes, and why.

    `scores` lists every candidate that was scored with its score, best first;
    it is empty when a byte-order mark or valid UTF-8 decided.
    """

    encoding: str
    scores: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Decoded:
    """What `decode_and_explain` found: the encoding, the text, the repairs.

    `decoded` is the text as the encoding gives it; `changes` index it, so
    `apply_plan(decoded, changes) == text`. `doubts` (offsets into `text`) are
    the repairs left undone for want of evidence, as in `fix_and_explain`.
    """

    encoding: str
    text: str
    decoded: str
    changes: tuple[Change, ...]
    scores: tuple[tuple[str, float], ...] = ()
    doubts: tuple[Doubt, ...] = ()


def decode(data: bytes | bytearray | memoryview, config: Config | None = None) -> str:
    """Decode bytes of unknown encoding and repair the text (see the module docstring).

    >>> decode("Việt Nam".encode("vni"))
    'Việt Nam'
    >>> decode(b"")
    ''
    """
    return _decode(data, config, doubts=False).text


def decode_and_explain(
    data: bytes | bytearray | memoryview, config: Config | None = None
) -> Decoded:
    """Like `decode`, and also say which encoding was chosen and what was repaired."""
    return _decode(data, config, doubts=True)


def _decode(data: bytes | bytearray | memoryview, config: Config | None, doubts: bool) -> Decoded:
    raw = _as_bytes(data)
    detection = detect(raw)
    decoded = decode_with(raw, detection.encoding)
    explanation = pipeline.explain(decoded, config or Config(), doubts)
    return Decoded(
        detection.encoding,
        explanation.text,
        decoded,
        explanation.changes,
        detection.scores,
        explanation.doubts,
    )


def _as_bytes(data: object) -> bytes:
    if isinstance(data, str):
        raise TypeError(
            "vnnorm.decode takes bytes; this is already text (str). "
            "To repair it, call vnnorm.fix(text)."
        )
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"vnnorm.decode takes bytes, not {type(data).__name__}")
    return bytes(data)


def detect(data: bytes) -> Detection:
    """Which encoding `data` is in (decided from at most `SAMPLE_BYTES` when scoring)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom) and _decodes(data, encoding):
            return Detection(encoding)
    if data.isascii():
        return Detection("ascii")
    if _decodes(data, "utf-8"):
        return Detection("utf-8")
    sample = _sample(data)
    candidates = list(CANDIDATES)
    if sample.count(0) * 4 >= len(sample):
        candidates[:0] = ["utf-16-le", "utf-16-be"]  # UTF-16 without a byte-order mark
    candidates.append(MIXED)
    scores = [(name, vietnamese_score(decode_with(sample, name))) for name in candidates]
    ranked = sorted(scores, key=lambda item: -item[1])  # stable: ties keep the order above
    return Detection(ranked[0][0], tuple(ranked))


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _sample(data: bytes) -> bytes:
    """The first `SAMPLE_BYTES`, cut after a line break so no character is split."""
    if len(data) <= SAMPLE_BYTES:
        return data
    cut = data.rfind(b"\n", 0, SAMPLE_BYTES)
    return data[: cut + 1] if cut > 0 else data[:SAMPLE_BYTES]


def decode_with(data: bytes, encoding: str) -> str:
    """`data` decoded with a codec, `MIXED`, or "cp1252"; undefined bytes become U+FFFD.

    cp1252 reads its five undefined bytes as the C1 controls of the same
    value, as readers do, so that `vnnorm.fix` can still map them back.
    """
    if encoding == MIXED:
        return "".join(_mixed_line(line) for line in data.splitlines(keepends=True))
    if encoding == "cp1252":
        return codecs.charmap_decode(data, "strict", _cp1252_table())[0]
    return data.decode(encoding, "replace")


def _mixed_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return codecs.charmap_decode(line, "strict", _cp1252_table())[0]


@functools.cache
def _cp1252_table() -> str:
    return "".join(reading("cp1252"))


def vietnamese_score(text: str) -> float:
    """How Vietnamese a decoded text looks; compare readings of the same bytes."""
    score = 0.0
    letters = 0
    for match in WORD.finditer(text):
        word = match.group()
        letters += len(word)
        if not word.isascii():
            score += 1.0 if is_syllable(nfc(word).lower()) else -1.0
    if letters == len(text) or text.isascii():
        return score
    for char in WORD.sub("", text):
        if char.isascii():
            if char < " " and char not in "\t\n\r\f":
                score += _CONTROL
        elif char == "\ufffd":
            score += _UNDEFINED
        else:
            category = unicodedata2.category(char)
            if category == "Cc":
                score += _CONTROL
            elif category in _SYMBOLS:
                score += _STRAY
    return score


_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def encode_cp1258(text: str, errors: str = "strict") -> bytes:
    """`text` as Windows-1258 writes Vietnamese: a base letter, then a tone mark.

    Python's cp1258 codec only takes text already split that way; this takes
    any normalisation form (for tests and benchmarks).
    """
    out = bytearray()
    for char in nfc(text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata2.normalize("NFD", char)
        base = nfc("".join(c for c in parts if c not in _TONE_MARKS))
        tones = "".join(c for c in parts if c in _TONE_MARKS)
        out += (base + tones).encode("cp1258", errors)
    return bytes(out)
