"""A line as the Latin-1/cp1258 repair sees it: where damage may be, and the letters that testify.

Finding candidates must cost little on clean text, so each kind is found with
its own plain character-class search (the stdlib `re` is several times faster
than `regex` at this, and alternations are slow): a toneless word holding ă ơ ư,
kept only if it is a spelling the damage produces; ă ơ ư right before a
consonant no syllable ends with (a glued word: "kưhiệu", "MĂSỐ"); a tone mark
stranded on a consonant or at a word's start; "gị"/"qú" (a lost vowel after the
i of gi or the u of qu); ă ơ ư written decomposed.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import string
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import regex

from vnnorm.chardata import DAMAGE_LATIN1_AS_CP1258, LETTER_ORIGINS, MARK_ORIGINS, SURVIVOR_MARKERS
from vnnorm.families.latin1_cp1258.readings import (
    CONSONANTS,
    NOTHING,
    SUSPECT,
    Reading,
    Strength,
    marked_consonants,
    only_vietnamese,
    read_piece,
    split_glued,
)
from vnnorm.model import load_model
from vnnorm.orthography import is_syllable
from vnnorm.tokens import (
    NUMBER,
    RIGHT_NEIGHBOUR,
    VIETNAMESE_ONLY,
    WORD,
    Word,
    left_neighbour,
    model_spelling,
    neighbours,
    nfc,
)

# Below this count in the model a syllable is not trusted as a repair unless
# its line is judged damaged anyway.
MIN_ATTESTED = 3
# A spelling written this often (or listed) is a word in its own right, so that
# "văn" may stand for itself; rarer ones ("măn") are read as damage.
KNOWN_COUNT = 10
# A line with this many known syllables beyond ASCII ("Tân", "Phú") is
# Vietnamese, though no letter on it is Vietnamese's alone: "xă Tân Phú" is
# "xã Tân Phú". Romanian, which writes "să", seldom has two (its â ends no
# word a syllable can: "când", "până").
VIETNAMESE_WORDS = 2

SURVIVOR = re.compile("[" + "".join(sorted(SURVIVOR_MARKERS)) + "]")
# Long vowels and ṅ of romanised Sanskrit, Pali, Arabic …: the damage never makes
# them, and where they are, ṛ ḍ ṣ ṭ ṇ are transliteration too.
# Devanagari and other Indic script beside them says the same.
TRANSLITERATION = re.compile(
    "[\u0100\u0101\u0112\u0113\u012a\u012b\u014c\u014d\u016a\u016b"
    "\u1e44\u1e45\u1e5c\u1e5d\u1e38\u1e39\u0900-\u0dff]"
)

# Words, and a lost vowel's mark standing where a word starts ("ì ạch", "chình ình").
# Numbers too, as neighbours the model knows ("ngơ 4" is "ngõ 4").
_WORDS = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])[{''.join(MARK_ORIGINS)}](?:{WORD.pattern})?|{WORD.pattern}"
    rf"|{NUMBER.pattern}"
)


_HORNS = "".join(LETTER_ORIGINS)
_TONELESS = "a-zA-Z\u0110\u0111\u00c2\u00e2\u00ca\u00ea\u00d4\u00f4"  # no ă ơ ư: no backtracking
_HORN_WORD = re.compile(rf"(?<!\w)[{_TONELESS}]*[{_HORNS}][{_TONELESS}{_HORNS}]*(?!\w)")
_HORN = re.compile(f"[{_HORNS}]")
_HORN_WORD_LETTERS = frozenset(
    string.ascii_letters + "\u0110\u0111\u00c2\u00e2\u00ca\u00ea\u00d4\u00f4" + _HORNS
)
_GLUED = re.compile(rf"[{_HORNS}][bdđghklqrsvxBDĐGHKLQRSVX]")
_STRANDED_LETTERS = "".join(MARK_ORIGINS) + marked_consonants() + "\u0306\u031b"
_STRANDED = re.compile(f"[{_STRANDED_LETTERS}]")
# "gị", "qú": found from the vowel, rarer than g and q (3-4x faster on clean text)
_AFTER_GI, _AFTER_QU = "\u1ecb\u1eca", "\u00fa\u00da"
_AFTER_ONSET_VOWEL = re.compile(f"[{_AFTER_GI}](?<=[gG].)|[{_AFTER_QU}](?<=[qQ].)")
# A letter that every spot needs, of the patterns above: without one a token
# is no spot, which one search says of most new words (7x faster).
_SPOT_LETTER = re.compile(f"[{_HORNS}{_STRANDED_LETTERS}{_AFTER_GI}{_AFTER_QU}]")
_ONSET_VOWELS = ("gi", "qu")


def candidate_spots(text: str) -> list[int]:
    """Offsets in `text` where this damage may be; empty for nearly all clean text."""
    spots = [
        m.start()
        for m in _horn_words(text)
        if _damage_spelling(m.group()) and not _clearly_as_written(text, m.start(), m.group())
    ]
    spots.extend(_letter_spots(text))
    return spots


def may_touch(token: str) -> bool:
    """Could this repair change a text holding `token` between spaces, whatever
    stands around it? The spots above, short of asking the neighbours."""
    return _SPOT_LETTER.search(token) is not None and spotted(token)


def spotted(token: str) -> bool:
    """`may_touch` without the one search that rules out most tokens."""
    return bool(_damage_words(token)) or (
        next(_letter_spots(token), None) is not None
        and any(_repairable(word.text) for word in words_of(token))
    )


def may_settle(token: str) -> bool:
    """Does `token` set this repair off only through known words, which their
    neighbours may confirm as written (`settled`)? Then the words around it decide."""
    return next(_letter_spots(token), None) is None and all(
        map(_known_syllable, (word for _, word in _damage_words(token)))
    )


def settled(text: str, start: int, end: int, margin: float) -> bool:
    """Is each suspect word of the token `text[start:end]` a known word whose
    every repair, between its neighbours, is less likely by `margin` or more?"""
    return all(
        _neighbours_confirm(text, start + at, word, margin)  # known: may_settle says so
        for at, word in _damage_words(text[start:end])
    )


@functools.lru_cache(maxsize=1 << 12)
def _damage_words(token: str) -> tuple[tuple[int, str], ...]:
    """Where in `token` the words holding ă ơ ư that the damage spells stand,
    those this repair may change: not a word no reading makes Vietnamese of
    ("Matxcơva", "NVƠNN"), which it leaves as it is in any line."""
    return tuple(
        (m.start(), m.group())
        for m in _horn_words(token)
        if _damage_spelling(m.group()) and _repairable(m.group())
    )


def _repairable(word: str) -> bool:
    """Does some piece of `word` (split as `observe` splits it) read as a repair?
    Else the repair leaves the word as it is in any line ("Subotić", "NVƠNN")."""
    return any(read_piece(piece).options for _, piece in split_glued(word))


def _letter_spots(text: str) -> Iterator[int]:
    """Spots that a letter or two show, whatever the words around them."""
    yield from (m.start() for m in _GLUED.finditer(text))
    yield from (m.start() for m in _STRANDED.finditer(text) if _stranded(text, m.start()))
    yield from (m.start() - 1 for m in _AFTER_ONSET_VOWEL.finditer(text))


def _horn_words(text: str) -> Iterator[re.Match[str]]:
    """`_HORN_WORD.finditer(text)`, looked for from each ă ơ ư: the search alone
    tries every letter of the text, several times slower on clean text."""
    end = 0
    for horn in _HORN.finditer(text):
        at = horn.start()
        if at < end:
            continue  # in the word just looked at
        start, end = at, at + 1
        while start and text[start - 1] in _HORN_WORD_LETTERS:
            start -= 1
        while end < len(text) and text[end] in _HORN_WORD_LETTERS:
            end += 1
        match = _HORN_WORD.match(text, start)  # it sees what stands before `start`
        if match:
            yield match


def _stranded(text: str, at: int) -> bool:
    """Is the mark at `at` on a consonant, at a word's start, or after gi/qu?"""
    if text[at] not in MARK_ORIGINS:
        return True  # a precomposed consonant with a mark, or a decomposed ă ơ ư
    before = text[at - 1] if at else " "
    return (
        before.lower() in CONSONANTS
        or not before.isalnum()
        or text[max(0, at - 2) : at].lower() in _ONSET_VOWELS
    )


# A word read as written by this many nats more than any repair both stays and
# adds nothing to its line's evidence (softplus(-12) < 1e-5), so no need to look.
_CLEARLY = -12.0


def _clearly_as_written(text: str, start: int, word: str) -> bool:
    """Is `word`, at `start` in `text`, a known word that its neighbours confirm
    ("văn hóa", "cơ sở") by more than any evidence of damage could overturn?

    Then it cannot be repaired whatever the rest of the text says, and the line
    need not be read at all: the common case in clean text, and a cheap one.
    """
    return _known_syllable(word) and _neighbours_confirm(text, start, word, _CLEARLY)


def _neighbours_confirm(text: str, start: int, word: str, margin: float) -> bool:
    """Is each repair of `word`, at `start` in `text`, less likely than the word
    between its neighbours by `margin` or more?"""
    right = RIGHT_NEIGHBOUR.match(text, start + len(word))
    return _confirmed(word, left_neighbour(text, start), right.group(1) if right else None, margin)


@functools.lru_cache(maxsize=1 << 16)  # a clean text says "văn hóa" again and again
def _confirmed(word: str, left: str | None, right: str | None, margin: float) -> bool:
    """`_neighbours_confirm`, given the neighbours as written (None: none)."""
    if any(map(_may_change, (n for n in (left, right) if n is not None))):
        return False  # a neighbour that may be repaired whatever its own odds
    left = model_spelling(left) if left is not None else None
    right = model_spelling(right) if right is not None else None
    model = load_model()
    written = model.context_score(word.lower(), left, right)
    return all(
        model.context_score(option.lower(), left, right) - written < margin
        for option in read_piece(word).options
    )


@functools.lru_cache(maxsize=1 << 14)  # the same neighbours come back again and again
def _may_change(word: str) -> bool:
    """Could this word be a spot, other than as a known word real either way?
    Else its reading is what it says ("sở" holds an ơ, but with a tone no lost
    ã õ ý leaves). A neighbour real either way ("đăng cơ": each is the other's)
    is weighed as written, as Repairer.choose first weighs every such word: where
    each is settled so, none of them changes, and neither do the odds."""
    return may_touch(word) and not may_settle(word)


def _damage_spelling(word: str) -> bool:
    lower = word.lower()
    return lower in damaged_spellings() or not is_syllable(lower)


@functools.lru_cache(maxsize=1)
def damaged_spellings() -> frozenset[str]:
    """How the damage spells every syllable the model knows that holds ã õ ý."""
    model = load_model()
    return frozenset(
        word.translate(DAMAGE_LATIN1_AS_CP1258)
        for word in model.syllables()
        if any(c in word for c in "ãõý") and model.attested(word, MIN_ATTESTED)
    )


def words_of(line: str) -> list[Word]:
    """The words of a line, with a stranded mark at a word's start kept as a word."""
    return [Word(m.start(), m.end(), nfc(m.group())) for m in _WORDS.finditer(line)]


@dataclass(slots=True)
class Slot:
    """One word piece of a line, as the model sees it."""

    word: int  # index of the word in its line
    offset: int  # where the piece starts in the word's text
    text: str  # NFC, as written
    reading: Reading
    joined_left: bool  # only spaces (or nothing, inside a glued word) before it
    choice: str = ""  # best spelling if the line is damaged; set by Repairer.choose


@dataclass(slots=True)
class LineFacts:
    """What one line says about the damage."""

    slots: list[Slot] = field(default_factory=list)
    survivors: int = 0  # letters the damage cannot leave behind
    transliteration: int = 0  # letters of romanised Sanskrit and the like (ā ī ū ṅ)
    vietnamese: bool = False  # a letter only Vietnamese uses, a vowel put back, known words
    suspects: list[int] = field(default_factory=list)  # indexes into slots
    beyond_ascii: int = 0  # words with a letter beyond ASCII
    strangers: int = 0  # of those, words no repair makes Vietnamese ("când", "acasă")


class Markers(NamedTuple):
    """The letters of a line that tell clean from damaged, and Vietnamese from not."""

    survivors: int  # letters the damage cannot leave behind
    transliteration: int  # letters of romanised Sanskrit and the like (ā ī ū ṅ)
    vietnamese: bool  # a letter only Vietnamese uses


def markers(line: str) -> Markers:
    return Markers(
        len(SURVIVOR.findall(line)),
        len(TRANSLITERATION.findall(line)),
        VIETNAMESE_ONLY.search(line) is not None,
    )


def observe(line: str, words: Sequence[Word]) -> LineFacts:
    """Slots, suspects and marker counts of one line."""
    facts = LineFacts()
    facts.survivors, facts.transliteration, facts.vietnamese = markers(line)
    slots, suspects = facts.slots, facts.suspects
    previous_end: int | None = None
    syllables: set[str] = set()  # known, beyond ASCII; a word said twice says no more
    for index, (start, end, text) in enumerate(words):
        joined = previous_end is not None and neighbours(line, previous_end, start)
        previous_end = end
        view = _word_view(text)
        facts.beyond_ascii += view.beyond_ascii
        facts.strangers += view.stranger
        if view.known is not None:
            syllables.add(view.known)
        if view.pieces is None:
            slots.append(Slot(index, 0, text, NOTHING, joined))
            continue
        for offset, piece, reading, vietnamese in view.pieces:
            if reading.options:
                suspects.append(len(slots))
                facts.vietnamese |= vietnamese
            slots.append(Slot(index, offset, piece, reading, joined or offset > 0))
    facts.vietnamese |= len(syllables) >= VIETNAMESE_WORDS
    return facts


class _WordView(NamedTuple):
    """What one word adds to its line's facts, whatever line it stands in."""

    beyond_ascii: bool
    stranger: bool  # beyond ASCII, and nothing Vietnamese, repaired or not
    known: str | None  # a known syllable beyond ASCII, in lower case
    # None: nothing suspect. Else its pieces: offset, text, reading, and whether
    # it holds a spelling only Vietnamese writes.
    pieces: tuple[tuple[int, str, Reading, bool], ...] | None


@functools.lru_cache(maxsize=1 << 16)  # a text says its words again and again
def _word_view(text: str) -> _WordView:
    beyond_ascii = not text.isascii()
    if not SUSPECT.search(text):
        known = beyond_ascii and _known_syllable(text)
        stranger = beyond_ascii and not known and not is_syllable(text.lower())
        return _WordView(beyond_ascii, stranger, text.lower() if known else None, None)
    pieces = split_glued(text)
    spelled = False  # some piece is a syllable, or reads as one
    viewed = []
    for offset, piece in pieces:
        reading = read_piece(piece)
        spelled = spelled or bool(reading.options) or is_syllable(piece.lower())
        if len(pieces) > 1 and reading.strength is Strength.AMBIGUOUS:
            reading = NOTHING  # inside a glued word only the impossible is damage
        elif len(pieces) > 1 and reading.lost_vowel:
            # "guṇa", "dātṛ": romanised words hold such pieces; damage only
            # where the line is damaged anyway
            reading = dataclasses.replace(reading, strength=Strength.WEAK)
        vietnamese = (
            bool(reading.options)
            and reading.strength is Strength.IMPOSSIBLE
            and only_vietnamese(piece, reading, opens_word=offset == 0)
        )
        viewed.append((offset, piece, reading, vietnamese))
    return _WordView(beyond_ascii, not spelled, None, tuple(viewed))


@functools.lru_cache(maxsize=1 << 14)  # every word of a line beyond ASCII asks, again and again
def _known_syllable(text: str) -> bool:
    """A syllable, and one written often enough (or listed) to be a word."""
    lower = text.lower()
    return load_model().attested(lower, KNOWN_COUNT) and is_syllable(lower)  # the cheap test first


def is_split_word(facts: LineFacts, at: int) -> bool:
    """'đă ng' is 'đăng' with a stray space, not damage."""
    if at + 1 >= len(facts.slots):
        return False
    after = facts.slots[at + 1]
    if not after.joined_left or after.text[:1].lower() not in CONSONANTS:
        return False
    return not is_syllable(after.text) and is_syllable(facts.slots[at].text + after.text)
