"""What a word piece may have been before Latin-1 text was read as Windows-1258.

Orthography alone, no statistics: "đă" can only have been "đã"; "văn" may have
been "văn" or "vãn"; "c̣n" lost the vowel "ò" and kept its mark. A word the
damage glued to its neighbour ("kưhiệu") is cut into syllables first.
"""

from __future__ import annotations

import enum
import functools
import re
from dataclasses import dataclass

import regex
import unicodedata2

from vnnorm.chardata import LETTER_ORIGINS, MARK_ORIGINS
from vnnorm.orthography import Tone, is_syllable, split_tone
from vnnorm.tokens import case_pieces, one_case

CONSONANTS = frozenset("bcdđghklmnpqrstvx")
_DOT_BELOW = "\N{COMBINING DOT BELOW}"
_ACUTE = "\N{COMBINING ACUTE ACCENT}"
# Onsets written with a vowel letter: a lost vowel may follow it ("gi\u0323n" = giòn).
_VOWEL_ONSETS = {"gi": _DOT_BELOW, "qu": _ACUTE}
# Lone letters with these marks also occur in transliteration (Sanskrit ṛ ḍ ṣ ṭ,
# Polish ś ń ć ź), so alone they are only a hint of damage.
_TRANSLITERATED = {_DOT_BELOW: frozenset("dhlmnrst"), _ACUTE: frozenset("cnsz")}
# A vowel, or Sanskrit's vocalic r and l (ṛ ḷ), which a syllable may hold instead.
_VOCALIC = re.compile(f"[aeiouyAEIOUY]|[rlRL]{_DOT_BELOW}")

MAX_SYLLABLE = 8  # code points; "nghiêng" has 7


def marked_consonants() -> str:
    """Precomposed letters that are a consonant carrying a lost vowel's mark (ḿ ǵ ḥ …)."""
    found = []
    for consonant in sorted(CONSONANTS) + sorted(c.upper() for c in CONSONANTS):
        for mark in MARK_ORIGINS:
            composed = unicodedata2.normalize("NFC", consonant + mark)
            if len(composed) == 1:
                found.append(composed)
    return "".join(found)


# A word worth a closer look holds something the damage produces.
SUSPECT = re.compile(  # plain classes: the stdlib scans them faster
    "[" + "".join(LETTER_ORIGINS) + "".join(MARK_ORIGINS) + marked_consonants() + "]"
    "|[gG][\N{LATIN SMALL LETTER I WITH DOT BELOW}\N{LATIN CAPITAL LETTER I WITH DOT BELOW}]"
    "|[qQ][\N{LATIN SMALL LETTER U WITH ACUTE}\N{LATIN CAPITAL LETTER U WITH ACUTE}]"
    "|[gG][iI]\N{COMBINING DOT BELOW}|[qQ][uU]\N{COMBINING ACUTE ACCENT}"
)


class Strength(enum.Enum):
    """What a piece alone says about damage."""

    AMBIGUOUS = "ambiguous"  # real either way: "văn"/"vãn"
    WEAK = "weak"  # a lone letter with a mark: "ṛ" is Sanskrit, or "rò" damaged
    IMPOSSIBLE = "impossible"  # Vietnamese cannot spell it: "đă", "c̣n"


@dataclass(frozen=True, slots=True)
class Reading:
    """What one word piece may have been before the damage."""

    options: tuple[str, ...]  # syllables it may have been, same case as the piece
    strength: Strength
    lost_vowel: bool  # the repair puts back a vowel whose mark was left behind


NOTHING = Reading((), Strength.AMBIGUOUS, False)


def _restore_vowels(piece: str) -> str | None:
    """Put back each vowel whose tone mark was left on the letter before it."""
    decomposed = unicodedata2.normalize("NFD", piece)
    out: list[str] = []
    changed = False
    for char in decomposed:
        vowel = MARK_ORIGINS.get(char)
        before = out[-1].lower() if out else ""
        onset = "".join(out[-2:]).lower()
        stranded = not out or before in CONSONANTS or _VOWEL_ONSETS.get(onset) == char
        if vowel is not None and stranded:
            out.append(vowel)
            changed = True
        else:
            out.append(char)
    return unicodedata2.normalize("NFC", "".join(out)) if changed else None


def _lost_vowel_strength(piece: str) -> Strength:
    decomposed = unicodedata2.normalize("NFD", piece)
    if len(decomposed) == 1:
        return Strength.WEAK  # a mark on its own: "ì" as a word, or a stray
    if len(decomposed) == 2 and transliterable(piece):
        return Strength.WEAK  # a letter alone: "ṭ" as Sanskrit writes it, or "tò"
    return Strength.IMPOSSIBLE


@functools.lru_cache(maxsize=1 << 12)
def transliterable(piece: str) -> bool:
    """Could `piece`, read as holding lost vowels, be romanised Sanskrit instead?
    Each lost vowel's mark must sit on a letter that transliteration writes with
    it, and a word of more than one letter needs a vowel: "ṭ", "ṛ", "ḍha" may be
    Sanskrit; "c̣n", "h́nh" and "ḍng" are nothing but damage, even among Sanskrit
    or Japanese words with long vowels ("Taishō")."""
    decomposed = unicodedata2.normalize("NFD", piece)
    letters = sum(not unicodedata2.combining(c) for c in decomposed)
    if letters > 1 and not _VOCALIC.search(decomposed):
        return False  # no vowel, so no word of any language: "ḍng" is "dòng"
    return all(
        decomposed[i - 1].lower() in _TRANSLITERATED.get(mark, ())
        for i, mark in enumerate(decomposed)
        if i and mark in MARK_ORIGINS and decomposed[i - 1].lower() in CONSONANTS
    )


@functools.lru_cache(maxsize=1 << 16)
def read_piece(piece: str) -> Reading:
    """The readings of one NFC piece, from orthography alone."""
    if len(piece) > 2 * MAX_SYLLABLE:
        return NOTHING  # no syllable is this long; glued words are cut up first
    valid = is_syllable(piece)
    restored = _restore_vowels(piece)
    if restored is not None:
        if not is_syllable(restored) or not one_case(restored):
            return NOTHING  # "ǹ" (Pinyin) would be "nÌ": a capital ì stands only among capitals
        if valid:
            return Reading((restored,), Strength.AMBIGUOUS, True)
        return Reading((restored,), _lost_vowel_strength(piece), True)
    split = split_tone(piece.lower())
    if split is None or split[1] is not Tone.LEVEL:
        return NOTHING  # a syllable has one tone: a toned one lost no ã õ ý
    options = []
    for i, char in enumerate(piece):
        origin = LETTER_ORIGINS.get(char)
        if origin is not None:
            option = piece[:i] + origin + piece[i + 1 :]
            if is_syllable(option):
                options.append(option)
    if not options:
        return NOTHING
    return Reading(tuple(options), Strength.AMBIGUOUS if valid else Strength.IMPOSSIBLE, False)


def _usable(piece: str) -> bool:
    return bool(read_piece(piece).options) or is_syllable(piece)


@functools.lru_cache(maxsize=1 << 14)
def split_glued(word: str) -> tuple[tuple[int, str], ...]:
    """Pieces of a word: case changes first, then glued syllables ("kưhiệu").

    A piece that is neither a syllable nor repairable is cut into the fewest
    pieces that all are, provided one of them is impossible as written;
    otherwise it is kept whole.
    """
    pieces: list[tuple[int, str]] = []
    for offset, piece in case_pieces(word):
        if _usable(piece):
            pieces.append((offset, piece))
        else:
            pieces.extend((offset + at, part) for at, part in _segment(piece))
    return tuple(pieces)


def _segment(piece: str) -> list[tuple[int, str]]:
    size = len(piece)
    # fewest[i]: fewest usable pieces covering piece[:i], and where the last one starts
    fewest: list[tuple[int, int] | None] = [None] * (size + 1)
    fewest[0] = (0, 0)
    for end in range(1, size + 1):
        for start in range(max(0, end - MAX_SYLLABLE), end - 1):  # pieces of two letters or more
            known, current = fewest[start], fewest[end]
            if known is None or unicodedata2.combining(piece[start]):
                continue
            if (current is None or known[0] + 1 < current[0]) and _usable(piece[start:end]):
                fewest[end] = (known[0] + 1, start)
    parts: list[tuple[int, str]] = []
    end = size
    while end and fewest[end] is not None:
        start = fewest[end][1]  # type: ignore[index]
        parts.append((start, piece[start:end]))
        end = start
    parts.reverse()
    readings = [(at, part, read_piece(part)) for at, part in parts]
    impossible = [(a, p, r) for a, p, r in readings if r.strength is not Strength.AMBIGUOUS]
    if end or len(parts) < 2 or not impossible:
        return [(0, piece)]
    real = [p for _, p, r in readings if r.strength is Strength.AMBIGUOUS]
    if (
        real
        and all(p.isascii() for p in real)
        and not any(only_vietnamese(p, r, opens_word=a == 0) for a, p, r in impossible)
    ):
        return [(0, piece)]  # "Coandă", "autonomă": a foreign word, not glued syllables
    return parts


# Spellings with ă only Vietnamese writes (Romanian has "să", "căi", "trăi", "său",
# but no ăy, ăo, ănh, and no nh, kh, ph, th before ă; its "ngă" ends a word after
# a vowel, "lungă", where Vietnamese's opens one, "ngă" for "ngã").
_VIETNAMESE_BREVE = regex.compile("(?i)\u0103(?:y|o|nh|ch)|(?:nh|kh|ph|th)\u0103")
_OPENING_BREVE = regex.compile("(?i)ng\u0103")


def only_vietnamese(piece: str, reading: Reading, opens_word: bool) -> bool:
    """Is this impossible piece one no other language writes: a lost vowel's
    mark ("ḿnh", "c̣n") or an ă where only Vietnamese puts one ("lănh", "Simăo")?
    `opens_word`: the piece starts its word ("ngă"), not a part of one ("lungă")."""
    if reading.lost_vowel or _VIETNAMESE_BREVE.search(piece):
        return True
    return opens_word and _OPENING_BREVE.match(piece) is not None
