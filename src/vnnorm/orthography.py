"""Vietnamese orthography: which syllables can be written, and where the tone mark goes.

A written syllable is an onset, a rhyme and one of six tones. The repair rules
ask two questions of a candidate: is it a syllable Vietnamese can spell at all
("đã" yes, "đă" no), and where does its tone mark sit (on a vowel, never on a
consonant). Both tone-placement styles in use ("hòa" and "hoà") are accepted;
`place_tone` writes either one on request.

Everything here works on one syllable at a time and is cached: the vocabulary of
real text is small, so each distinct spelling is parsed once.
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass
from typing import Literal

import unicodedata2


class Tone(enum.IntEnum):
    LEVEL = 0  # ngang: no mark
    GRAVE = 1  # huyền
    ACUTE = 2  # sắc
    HOOK = 3  # hỏi
    TILDE = 4  # ngã
    DOT = 5  # nặng


TONE_OF_MARK: dict[str, Tone] = {
    "\N{COMBINING GRAVE ACCENT}": Tone.GRAVE,
    "\N{COMBINING ACUTE ACCENT}": Tone.ACUTE,
    "\N{COMBINING HOOK ABOVE}": Tone.HOOK,
    "\N{COMBINING TILDE}": Tone.TILDE,
    "\N{COMBINING DOT BELOW}": Tone.DOT,
}
MARK_OF_TONE: dict[Tone, str] = {tone: mark for mark, tone in TONE_OF_MARK.items()}

# Letters that can be (part of) a vowel nucleus once tone marks are removed.
VOWELS = frozenset("aăâeêioôơuưy")
# The vowels whose own diacritic (breve, circumflex, horn) makes them the tone's seat.
MARKED_VOWELS = frozenset("ăâêôơư")

# Longest first, so that "ngh" wins over "ng" and "ng" over "n".
ONSETS = (
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
)  # fmt: skip

# Every rhyme (vần) of the standard orthography, without tone.
RHYMES = frozenset(
    """
    a ai ao au ay am an ang anh ac ach ap at
    ăm ăn ăng ăc ăp ăt
    âu ây âm ân âng âc âp ât
    e eo em en eng ec ep et
    ê êu êm ên ênh êch êp êt
    i ia iu im in inh ich ip it
    iêu iêm iên iêng iêc iêp iêt
    o oi om on ong oc op ot oong ooc
    ô ôi ôm ôn ông ôc ôp ôt
    ơ ơi ơm ơn ơp ơt
    u ua ui um un ung uc up ut
    uân uâng uât uây
    uôi uôm uôn uông uôc uôt
    uơ uê uênh uêch
    uy uya uyu uyn uynh uych uyt uyên uyêt
    ư ưa ưi ưu ưm ưng ưc ưt
    ươi ươu ươm ươn ương ươc ươp ươt
    oa oai oay oao oam oan oang oanh oac oach oap oat
    oăm oăn oăng oăc oăt
    oe oeo oem oen oet
    y yêu yêm yên yêt
    """.split()
)

STOP_CODAS = ("ch", "c", "p", "t")
CONSONANT_CODAS = ("ng", "nh", "ch", "m", "n", "c", "p", "t")

# Onsets that only stand before a front vowel, and their twins that never do.
_FRONT = frozenset("ieêy")
_FRONT_ONLY = {"k": "c", "gh": "g", "ngh": "ng"}
_NEVER_FRONT = frozenset(_FRONT_ONLY.values())


@dataclass(frozen=True, slots=True)
class Syllable:
    """A parsed syllable, lower case. `rhyme` has no tone mark; `tone_at` indexes it."""

    onset: str
    rhyme: str
    tone: Tone
    tone_at: int | None  # None for the level tone

    @property
    def toneless(self) -> str:
        return self.onset + self.rhyme


def split_tone(word: str) -> tuple[str, Tone, int | None] | None:
    """Separate the tone mark from a lower-case word.

    Returns (toneless NFC text, tone, index of the letter carrying the mark), or
    None when the word carries more than one tone mark or a mark with no letter
    under it.
    """
    base: list[str] = []
    tone = Tone.LEVEL
    tone_at: int | None = None
    for char in unicodedata2.normalize("NFD", word):
        mark_tone = TONE_OF_MARK.get(char)
        if mark_tone is None:
            if unicodedata2.combining(char) and base:
                base[-1] += char
            else:
                base.append(char)
        elif tone_at is not None or not base:
            return None
        else:
            tone, tone_at = mark_tone, len(base) - 1
    return unicodedata2.normalize("NFC", "".join(base)), tone, tone_at


def _split_onset(toneless: str) -> tuple[str, str] | None:
    for onset in ONSETS:
        if toneless.startswith(onset):
            rest = toneless[len(onset) :]
            if onset == "gi" and (not rest or rest[0] not in VOWELS):
                return "g", "i" + rest  # "gì", "gìn": gi's own i is the vowel
            if onset == "qu" and (not rest or rest[0] in "uưo"):
                return None
            return onset, rest
    return "", toneless


def _rhyme_allowed(onset: str, rhyme: str) -> bool:
    if onset == "qu":
        # qu carries the u glide, so "qua" rhymes with "hoa", "quy" with "huy".
        return rhyme in RHYMES or "u" + rhyme in RHYMES or "o" + rhyme in RHYMES
    if onset == "gi" and rhyme not in RHYMES:
        return "i" + rhyme in RHYMES  # "giếng" is gi + iêng
    if rhyme not in RHYMES:
        return False
    front = rhyme[0] in _FRONT
    if onset in _FRONT_ONLY:
        return front
    if onset in _NEVER_FRONT:
        return not front or (onset == "g" and rhyme[0] == "i")
    return True


def tone_positions(rhyme: str) -> frozenset[int]:
    """Indexes in `rhyme` where a tone mark may sit, in either placement style."""
    return frozenset({_tone_index(rhyme, "classic"), _tone_index(rhyme, "modern")})


def _tone_index(rhyme: str, style: Literal["classic", "modern"]) -> int:
    nucleus_end = len(rhyme)
    while nucleus_end > 1 and rhyme[nucleus_end - 1] not in VOWELS:
        nucleus_end -= 1
    nucleus = rhyme[:nucleus_end]
    marked = [i for i, c in enumerate(nucleus) if c in MARKED_VOWELS]
    if marked:
        return marked[-1]  # "ươ" takes it on the ơ
    if nucleus_end < len(rhyme) or len(nucleus) == 1:
        return nucleus_end - 1  # closed syllable: the last vowel ("toán")
    if len(nucleus) == 3:
        return 1  # "oai", "uyu": the middle one
    if style == "modern" and nucleus in ("oa", "oe", "uy"):
        return 1  # "hoà", "khoẻ", "thuý"
    return 0  # "hòa", "mùa", "hài"


@functools.lru_cache(maxsize=65536)
def parse(word: str) -> Syllable | None:
    """Parse one lower-case syllable, or return None if Vietnamese cannot spell it."""
    split = split_tone(word)
    if split is None:
        return None
    toneless, tone, tone_at = split
    parts = _split_onset(toneless)
    if parts is None:
        return None
    onset, rhyme = parts
    if not rhyme or not _rhyme_allowed(onset, rhyme):
        return None
    if rhyme.endswith(STOP_CODAS) and tone not in (Tone.ACUTE, Tone.DOT):
        return None
    rhyme_offset = len(toneless) - len(rhyme)
    if tone_at is not None:
        tone_at -= rhyme_offset
        if tone_at not in tone_positions(rhyme):
            return None
    return Syllable(onset, rhyme, tone, tone_at)


def is_syllable(word: str) -> bool:
    """True when `word` (any case) is a well-formed Vietnamese syllable."""
    return parse(word.lower()) is not None


def is_abbreviation(word: str) -> bool:
    """Capitals, Đ among them, as Vietnamese abbreviates ("HĐND", "QĐ", "ĐBSCL")."""
    return len(word) > 1 and word.isupper() and all(c.isascii() or c == "Đ" for c in word)


def place_tone(syllable: Syllable, style: Literal["classic", "modern"]) -> str:
    """Spell `syllable` in lower case with its tone mark in the given style."""
    text = syllable.toneless
    if syllable.tone is Tone.LEVEL:
        return text
    at = len(syllable.onset) + _tone_index(syllable.rhyme, style)
    marked: str = unicodedata2.normalize("NFC", text[at] + MARK_OF_TONE[syllable.tone])
    return text[:at] + marked + text[at + 1 :]
