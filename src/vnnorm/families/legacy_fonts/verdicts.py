"""Judging one word: could it be TCVN3, VNI or VISCII text shown as cp1252?

A word is read back through an encoding and the two readings are compared:
for the legacy reading ("Hµ" is no Vietnamese, "Hà" is), ambiguous (Vietnamese
either way), or against (correct Unicode the encoding cannot produce, or a
reading no better). See the package docstring for how lines use the verdicts.
"""

# Comments show legacy text as cp1252 shows it, look-alikes included on purpose.
# ruff: noqa: RUF003

from __future__ import annotations

import bisect
import enum
import functools
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import unicodedata2

from vnnorm.legacy import decode_as, letter_chars, shown_by_cp1252
from vnnorm.model import load_model
from vnnorm.orthography import is_abbreviation, is_syllable
from vnnorm.tokens import (
    BOUNDARY,
    VIETNAMESE_ONLY,
    WORD,
    case_pieces,
    context_before,
    nfc,
    one_case,
)
from vnnorm.tokenscan import line_starts

RULE = "legacy_fonts"
ETH_TO_D = str.maketrans("\u00d0\u00f0", "\u0110\u0111")  # VISCII's đ is the eth
EIGHT_BIT = ("tcvn3", "vni", "viscii")  # in order of preference when evidence ties
RULES = {name: f"{name}_as_cp1252" for name in EIGHT_BIT} | {"viqr": "viqr"}  # for explain

# Latin-1 letters that Vietnamese Unicode uses itself: no sign of legacy text.
_VIETNAMESE_LATIN1 = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
# A common syllable: seen this often in the model's 11.5 M syllables of text;
# a known one, this often.
FREQUENT = 100
KNOWN = 10
# The least evidence for converting a run of words: one strong word on a line
# of its own, two for an island in a line that also holds correct Vietnamese.
THRESHOLD = 2
ISLAND_THRESHOLD = 4

# A word as the 8-bit encodings see it: their letters are ASCII letters and
# non-ASCII characters, so ASCII punctuation (quotes, tags, "&") bounds it.
PIECE = re.compile(r"[0-9A-Za-z\u0080-\U0010ffff]+")
# For VIQR the marks are ASCII punctuation and belong to the word.
VIQR_PIECE = re.compile(r"[0-9A-Za-z(^+'`?~.\\\u0080-\U0010ffff]+")
# A line worth reading as VIQR: a vowel with a breve, circumflex or horn, a
# tone mark inside a word, or the "dd" of đ before a vowel.
VIQR_HINT = re.compile(r"[AEIOUYaeiouy](?:[(^+]|[`'?~.](?=[A-Za-z]))|[Dd][Dd][AEIOUYaeiouy]")
# Marks that also end sentences: "Vie^.t." ends in a full stop, not a second tone.
_VIQR_TRAILING = ".?"
# How much likelier a tone must be to be read in a "." or "?" ending a line
# after a word, where the mark is most often punctuation (see _read_back).
_LINE_END_MARGIN = 2.0
# A backslash that keeps a mark literal after a vowel ("Hie^'u\\."): whoever
# writes it writes VIQR by the convention, where an unescaped mark is a mark.
VIQR_ESCAPE = re.compile(r"[AEIOUYaeiouy][(^+'`?~.]*\\[(^+'`?~.]")
# After a VIQR word: the line ends or a closing quote follows (a sentence ends
# there), or a capital follows (one may: or a name goes on). A straight quote
# right before a letter opens a quotation ("la.c bo^. \"tro^'n ho.c\"").
LINE_END = re.compile(r"\s*(?:$|[)\]\u201d\u2019]|[\"'](?![^\W\d_]))")
CAPITAL_NEXT = re.compile(r"\s+[A-Z]")
# After such a closing quote the sentence may go on: a small letter, or the
# punctuation that ends it ("ca'p ddo^." dda~", "bo^. ", o^ng", "ho. ".").
GOES_ON = re.compile(r"\s*[,;:.!?a-z]")
CHUNK = re.compile(r"\S+")
# ESCAPED: the line escapes literal marks, so where it ends does not matter.
NO_END, MAY_END, ENDS, ESCAPED = 0, 1, 2, 3
# Categories of non-ASCII characters that do not belong in a word of text.
_STRAY = frozenset({"Sk", "So", "Sm", "No", "Cc", "Cf", "Co", "Cn", "Lm", "Lo", "Mn"})
# The Latin-1 capitals that legacy text shows after a small letter ("COÂNG" in
# VNI, "PhÝa" and "liÒn" in TCVN3), where Vietnamese as written has none.
_LATIN1_CAPITALS = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ"


@functools.cache
def _gates() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """What legacy Vietnamese shows and clean Vietnamese does not use: characters,
    and Latin-1 capitals (which count only after an ASCII letter, see `suspect_lines`)."""
    shown = set(letter_chars("tcvn3")) | set(letter_chars("vni"))
    # VISCII: what shows as letters, and as Latin-1 symbols for its small
    # letters; its other capitals sit on quotes and dashes, common in clean text.
    for char in letter_chars("viscii"):
        letter = decode_as(char, "viscii")
        symbol = "\u00a1" <= char <= "\u00ff" and letter is not None and letter.islower()
        if symbol or char.isalpha():
            shown.add(char)
    chars = re.escape("".join(sorted(shown - _VIETNAMESE_LATIN1)))
    # VNI capitals may use only marks that look like Latin-1 capitals ("COÂNG"),
    # and TCVN3 shows some small letters so inside words ("PhÝa"); in clean text
    # such a capital never follows a letter.
    # VNI writes a mark as a Latin-1 letter after its vowel; these pairs never
    # occur in Unicode Vietnamese ("aù" for "á", "oâ" for "ô", "ôù" for "ớ"),
    # unlike "oá" or "uâ" (modern "hoá", "quân"), which are left out.
    marks = "ùøûõïâêáàãéäåëÙØÛÕÏÂÊÁÀÃÉÄÅË"
    # found from the mark, rarer than the vowel before it (several times faster)
    vni = re.compile(f"[{marks}](?<=[aeAE].)|[âäÂÄ](?<=[oO].)|[ùøûõïÙØÛÕÏ](?<=[iuyIUYôöÔÖ].)")
    return re.compile(f"[{chars}]"), re.compile(f"[{_LATIN1_CAPITALS}]"), vni


def suspect_lines(text: str) -> dict[int, int]:
    """start → end of each line a legacy encoding may be in.

    Plain searches for one character class each, and a look at the character
    before each capital, are several times faster than one search for both. A
    hit inside a word that is Vietnamese as written ("LÝ", "QUÁ" in capitals)
    is no evidence for a legacy reading, so it does not make a suspect.
    """
    chars, capitals, vni = _gates()
    lines: dict[int, int] = {}
    starts: list[int] = []  # of the text's lines, once a hit asks
    for found in chars.finditer(text):
        _suspect(text, found.start(), lines, starts)
    for found in vni.finditer(text):
        _suspect(text, found.start(), lines, starts)
    for found in capitals.finditer(text):
        at = found.start()
        if at and text[at - 1].isascii() and text[at - 1].isalpha():
            _suspect(text, at, lines, starts)
    return lines


def _suspect(text: str, at: int, lines: dict[int, int], starts: list[int]) -> None:
    # the line found among its starts: looking back for a newline from each
    # hit would cost a long line's length per hit
    if not starts:
        starts += line_starts(text)
    line = bisect.bisect_right(starts, at) - 1
    start = starts[line]
    if start in lines:
        return
    first, last = at, at + 1
    while first > start and text[first - 1].isalpha():
        first -= 1
    while last < len(text) and text[last].isalpha():
        last += 1
    word = text[first:last]
    # "LÝ", "QUÁ" are Vietnamese as written, "vÒ" is not (TCVN3 "về"); but "Ã" and
    # "Â" after a small letter are UTF-8 mojibake's ("hoÃ n" for "hoàn"), whose
    # fixer has had its say
    if is_syllable(nfc(word).lower()) and (one_case(word) or text[at] in "\u00c2\u00c3"):
        return
    lines[start] = starts[line + 1] if line + 1 < len(starts) else len(text)


@functools.cache
def _alphabet() -> frozenset[str]:
    """The letters Vietnamese is written with, beyond ASCII (the tables load lazily)."""
    from vnnorm.legacy.tables import VIQR_LETTERS

    return frozenset(VIQR_LETTERS)


class Kind(enum.Enum):
    NEUTRAL = "neutral"  # reads the same, or nothing to say
    LEGACY = "legacy"  # no Vietnamese as it is; Vietnamese once read back
    BOTH = "both"  # Vietnamese either way
    PARTIAL = "partial"  # reading back helps but leaves something foreign
    FOREIGN = "foreign"  # reading back makes it no better
    UNICODE = "unicode"  # correct Vietnamese the encoding cannot have produced
    LIKELY_UNICODE = "likely unicode"  # Vietnamese either way, but reads as a rare word


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: Kind
    weight: int  # evidence for the encoding (negative: against)
    after: str  # the word read back (== the word when there is none)


@dataclass(frozen=True, slots=True)
class _Quality:
    good: tuple[str, ...]  # lower-case non-ASCII words Vietnamese can spell
    bad: int  # non-ASCII words it cannot, and stray symbols (¸ © µ)
    marks: int  # non-ASCII characters outside words, punctuation (« ») included
    foreign: int  # letters outside the Vietnamese alphabet (ñ ö ø)

    @property
    def vietnamese(self) -> bool:
        return bool(self.good) and not self.bad


def _spelled(word: str, any_case: bool) -> bool:
    """A non-ASCII word Vietnamese can spell, in one case or glued at case changes.

    "trÊn" is no word ("lệnhHình" is two), though "trên" is: TCVN3 shows "trấn"
    so; nor is "liÒn", glued at a capital legacy fonts show ("liền"). A reading
    is taken in any case: TCVN3 reads "VIÖT" as "VIệT".
    """
    text = nfc(word)
    if any_case or one_case(text):
        return is_syllable(text.lower())
    pieces = [piece for _, piece in case_pieces(text)]
    return (
        len(pieces) > 1
        and all(one_case(p) and is_syllable(p.lower()) for p in pieces)
        and not any(p[0] in _LATIN1_CAPITALS for p in pieces[1:])
    )


def spells_vietnamese(piece: str) -> bool:
    """Is `piece` a word beyond ASCII, of more than one letter, that Vietnamese
    spells as it is written ("không", not "Ama" or "à")?"""
    return len(piece) > 1 and not piece.isascii() and _spelled(piece, any_case=False)


def reads_as_vietnamese(line: str, any_case: bool) -> bool:
    """Do more than half the words of `line` beyond ASCII spell Vietnamese (a
    syllable, an abbreviation, "đ" for đồng)? A line of legacy text read back
    does, loanwords and all; a foreign line with a word that reads as one does
    not: in "Vi åt rå fisk", TCVN3 reads "rå" as "rồ", but "åt" as "ồt". ASCII
    words say nothing: names, codes, markup ("<font face=...>") stand among
    Vietnamese too, and a word said twice says no more than once ("må. måndag
    må." is no more "mồ" than "ồndag"). `any_case`: as `_spelled`."""
    words = {word for word in WORD.findall(line) if not word.isascii()}
    spelled = sum(
        _spelled(word, any_case) or is_abbreviation(word) or word in ("đ", "Đ") for word in words
    )
    return 2 * spelled > len(words)


def _quality(text: str, any_case: bool = False) -> _Quality:
    good: list[str] = []
    bad = marks = foreign = 0
    covered = 0
    for match in WORD.finditer(text):
        word = match.group()
        covered += len(word)
        if word.isascii():
            continue
        foreign += sum(1 for c in nfc(word) if not c.isascii() and c not in _alphabet())
        if _spelled(word, any_case):
            good.append(nfc(word).lower())
        else:
            bad += 1
    if covered < len(text) and not text.isascii():
        for char in WORD.sub("", text):
            if not char.isascii():
                category = unicodedata2.category(char)
                marks += category[0] != "Z"
                bad += category in _STRAY
    return _Quality(tuple(good), bad, marks, foreign)


_ASCII_DIGIT = re.compile("[0-9]")  # not "¹", TCVN3's "ạ"
# A Latin-1 sign between two letters, where words hold none: the legacy
# encodings' letters ("gi§t", "vi®c"). With ª and º, which follow a letter
# only as ordinals ("Mª", "nº"); not µ, a letter ("µm"); not the quotes
# and dashes of cp1252's 80-9F, which stand inside words ("l’homme", "Hà–Huế").
_SIGN_INSIDE = re.compile(r"(?<=[^\W\d_])[\u00a1-\u00b4\u00b6-\u00bf\u00d7\u00f7](?=[^\W\d_])")


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def _count(word: str) -> int:
    return load_model().count(word)


def _strength(words: Sequence[str]) -> int:
    """2 for a common syllable, or a known one with a letter only Vietnamese uses;
    1 for a rare one ("µm" reads as "àm" in TCVN3, "ộm" in VISCII)."""
    for word in (w for w in words if len(w) >= 2):
        count = _count(word)
        if count >= FREQUENT or (count >= KNOWN and VIETNAMESE_ONLY.search(word)):
            return 2
    return 1


def _lean(before: Sequence[str], after: Sequence[str]) -> int:
    """Which reading the syllable statistics prefer, for words Vietnamese either way."""
    old = sum(math.log(_count(w) + 1) for w in before) / max(len(before), 1)
    new = sum(math.log(_count(w) + 1) for w in after) / max(len(after), 1)
    if new > old + math.log(20):
        return 1
    return -1 if new <= old else 0


def _read_back(piece: str, encoding: str, ending: int, previous: str) -> str | None:
    if encoding != "viqr":
        return decode_as(piece, encoding)
    if ending == ESCAPED:
        return decode_as(piece, "viqr")  # the convention says what each mark is
    dots = len(piece) - len(piece.rstrip("."))
    if dots >= 2 and dots < len(piece):
        # "..." is an ellipsis; "bo^.." and "tu+...." have a dot below before it
        head = piece[: len(piece) - dots + (dots != 3)]
        read = decode_as(head, "viqr")
        return None if read is None else read + piece[len(head) :]
    full = decode_as(piece, "viqr")
    if full is None or ending == NO_END or piece[-1] not in _VIQR_TRAILING:
        return full
    if piece[-2:-1] in ("", "\\"):
        return full
    # Where a sentence may end, "gia." is "gia" and a full stop unless only "giạ"
    # is a word or the model, after the word before, makes "giạ" likelier than
    # "gia" with a break after it: before a capital ("tha'm tu+? Khoa" is "thám
    # tử Khoa", though "tư" is commoner), and ending a line by e^2, as a line may
    # end mid-sentence (hard-wrapped text, a cell: "quo^'c lo^." is "quốc lộ";
    # "co' ma(.t o+?" is "có mặt ở"; "ddi dda^u?" stays "đi đâu?").
    cut = decode_as(piece[:-1], "viqr")
    if cut is None or (_quality(cut).bad and not _quality(full).bad):
        return full
    if ending in (MAY_END, ENDS):
        last_full, last_cut = WORD.findall(full), WORD.findall(cut)
        margin = _LINE_END_MARGIN if ending == ENDS else 0.0
        if last_full and last_cut and _likelier(last_full[-1], last_cut[-1], previous, margin):
            return full
    return cut + piece[-1]


def _likelier(word: str, other: str, previous: str, margin: float = 0.0) -> bool:
    """Is `word` likelier after `previous` (the VIQR text before it on its line)
    than `other` with a break after it?"""
    context = context_before(nfc(decode_as(previous, "viqr") or previous))
    model = load_model()
    cut = model.logp(other.lower(), context) + model.logp(BOUNDARY, other.lower())
    return model.logp(word.lower(), context) > cut + margin


def may_read_as_legacy(piece: str) -> bool:
    """Could `judge` find `piece` LEGACY in one of the 8-bit encodings? Not if no
    cp1252 reader shows it so (a letter like ạ or ư: decode_as reads nothing
    else), nor if it is Vietnamese as it stands. Far cheaper than judging three."""
    return shown_by_cp1252(piece) and not _quality(piece).vietnamese


@functools.lru_cache(maxsize=1 << 16)
def judge(piece: str, encoding: str, ending: int = NO_END, previous: str = "") -> Verdict:
    """What reading `piece` back through `encoding` says about it, on its own.

    `ending` (VIQR only): whether a sentence ends after the word, so that a
    final "." or "?" may be punctuation rather than a tone mark; where that is
    open, `previous` is the piece before, whose reading helps decide.
    """
    after = _read_back(piece, encoding, ending, previous)
    if after is not None and after != piece and piece.translate(ETH_TO_D) == after:
        # VISCII's đ is the eth: no evidence, as the look-alike fixer does the same
        return Verdict(Kind.PARTIAL, 0, after)
    if after is None or after == piece:
        before = _quality(piece) if after is None and not piece.isascii() else None
        if before is not None and (before.vietnamese or VIETNAMESE_ONLY.search(piece)):
            return Verdict(Kind.UNICODE, 0, piece)
        return Verdict(Kind.NEUTRAL, 0, piece)
    # only TCVN3 has letters of no case (its capitals are the small letters):
    # elsewhere a reading is a word only in one case, so "12°N" is no VISCII
    # "12ồN" ("ồn"), but a degree sign
    before, read = _quality(piece), _quality(after, any_case=encoding == "tcvn3")
    if encoding == "viqr" and not read.good:
        if after == piece.replace("\\", "") or _shaped_inside(piece, after, read):
            return Verdict(Kind.PARTIAL, 0, after)  # "ra\\." and "kilo^met", in a VIQR run
        return Verdict(Kind.NEUTRAL, 0, piece)  # only punctuation moved
    if before.vietnamese:
        if not read.vietnamese:
            return Verdict(Kind.UNICODE, 0, piece)
        if min(map(_count, read.good)) < KNOWN <= min(map(_count, before.good)):
            return Verdict(Kind.LIKELY_UNICODE, 0, after)  # "Tên" would read as "Tờn"
        return Verdict(Kind.BOTH, _lean(before.good, read.good), after)
    if read.vietnamese:
        # a reading in two capitals is as often a code or an abbreviation ("ÖA"
        # as VNI "ƯA", "SÖ" as "SƯ") as a word: evidence, but it cannot carry a
        # line on its own
        weight = 1 if _letters(after) <= 2 and after.isupper() else _strength(read.good)
        if not _letters(piece) and (encoding == "viscii" or _ASCII_DIGIT.search(piece)):
            # signs read as letters among digits ("10²" VISCII "10ỗ", "3×4" TCVN3
            # "3ì4"), or VISCII's, whose letters are cp1252's signs of measure
            # ("±" "ổ", "½" "ơ", "°" "ồ"): measurements say nothing of the encoding
            weight = 0
        return Verdict(Kind.LEGACY, weight, after)
    if _cleaner(before, read):
        return Verdict(Kind.PARTIAL, 0, after)  # "Q§" → "QĐ", "haênggoâ" → "hănggô"
    return Verdict(Kind.FOREIGN, -1, after)


# A circumflex or horn typed after a vowel with a letter after it: VIQR inside a
# word ("kilo^met", "Ko+tu"), where no punctuation stands. Not the breve's "(",
# which code writes after a vowel ("data(x)").
_SHAPE_INSIDE = re.compile(r"[aeiouAEIOU][\^+](?=[A-Za-z])")


def _shaped_inside(piece: str, after: str, read: _Quality) -> bool:
    """Is the VIQR `piece` a word whose vowels take their shape inside it, read
    back as one word of Vietnamese letters that is no syllable: a loanword or
    a name ("kilômet", "Kơtu", "gươl")? Read back in a VIQR run, as
    TCVN3's "Matxcôva" is."""
    one_word = WORD.fullmatch(after) is not None and one_case(after)
    return one_word and not read.foreign and _SHAPE_INSIDE.search(piece) is not None


def written_by_no_language(piece: str) -> bool:
    """Is `piece` written as no language writes a word: with a sign between its
    letters ("gi§t", "ngß¶i"), or in no one case ("tÕi", "HÕt")?"""
    return bool(_SIGN_INSIDE.search(piece)) or not all(map(one_case, WORD.findall(piece)))


def read_by_no_other(piece: str, encoding: str) -> bool:
    """Does no 8-bit encoding but `encoding` read `piece` as Vietnamese? Then
    the word says which encoding wrote it, not only that one did ("l¾p" is
    TCVN3 "lắp" and VISCII "lớp")."""
    for other in EIGHT_BIT:
        read = decode_as(piece, other) if other != encoding else None
        if read is not None and read != piece and _quality(read, other == "tcvn3").vietnamese:
            return False
    return True


def _cleaner(before: _Quality, read: _Quality) -> bool:
    """Does a reading that is still no Vietnamese look more like letters than the word?"""
    if read.bad < before.bad or read.marks < before.marks:
        return True
    # All Vietnamese letters now: "aêcqui" (VNI's pairs) is "ăcqui", "Matxcôva" "Matxcơva"
    return not read.foreign and not read.marks and read.bad <= before.bad


# ---- a line -------------------------------------------------------------------------


def lines_matching(text: str, pattern: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of each line holding a match, in order, each once."""
    found = pattern.search(text)
    while found is not None:
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.end())
        end = len(text) if end < 0 else end + 1
        yield start, end
        found = pattern.search(text, end)
