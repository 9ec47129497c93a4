"""Words, syllables and their neighbours, as the repair rules and the model see them.

The model builder and the repair share these definitions so that a syllable
counted in training is the same thing as a syllable looked up at run time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

import regex
import unicodedata2

# Characters that show nothing; inside a Vietnamese word they are debris.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"

# A word starts with a letter and runs over letters and combining marks. Marks
# stay with their letter: "c\u0323n" is one word. Invisible characters between
# letters stay inside the word too, so that "Vi\u00adệt" is seen as one word.
# Written unrolled (a run of letters, then more runs after invisible characters),
# which the regex module scans twice as fast as one alternation per character.
WORD = regex.compile(rf"\p{{L}}[\p{{L}}\p{{M}}]*(?:[{INVISIBLE}]+\p{{L}}[\p{{L}}\p{{M}}]*)*")

# Two words are neighbours (a bigram) when only horizontal space separates them,
# or one hyphen, as in transliterated names ("Giơ-ne-vơ", "Xla-vơ").
HORIZONTAL_SPACE = " \t\u00a0"
NEIGHBOUR_GAP = re.compile(f"[{HORIZONTAL_SPACE}]+|-")


def neighbours(line: str, end: int, start: int) -> bool:
    """Is `line[end:start]`, between two words, a NEIGHBOUR_GAP? One space, the
    common gap, is told without a call into the regex engine."""
    return (start - end == 1 and line[end] == " ") or bool(
        NEIGHBOUR_GAP.fullmatch(line, end, start)
    )


# A word stands inside a sentence when a word or a number comes just before it,
# across space or a comma: there a capital marks a name ("ông Thọ", "Phú Thọ"),
# not the start of a sentence.
MID_SENTENCE_GAP = re.compile(r",?[ \t\u00a0]+")
_GOES_ON = re.compile(rf"[^\W_](?:{MID_SENTENCE_GAP.pattern})\Z")


def inside_sentence(before: str) -> bool:
    """Does a word written right after `before` stand inside a sentence (see
    MID_SENTENCE_GAP)?"""
    return _GOES_ON.search(before) is not None


# A line of this many words, each starting with a capital, is a title (or in
# capitals), not a run of names.
TITLE_WORDS = 3


def is_title(words: Iterable[str]) -> bool:
    """Do these words (a line's) make a title, "Hướng Dẫn Sử Dụng" or "HƯỚNG DẪN"?
    There a capital says nothing of a name. Words with no letter at their start
    (numbers) are passed over."""
    cased = [word[0].isupper() for word in words if word[:1].isalpha()]
    return len(cased) >= TITLE_WORDS and all(cased)


def is_name_cased(word: str) -> bool:
    """A capital and then small letters, as names are written ("Thọ"; not "THỌ", "T")."""
    return word.istitle() and not word.isupper()


# A number is a neighbour too: the syllable model counts every run of digits as
# NUMBER_TOKEN, so that "ngõ 4" (an address) is context for "ngõ".
NUMBER = re.compile("[0-9]+")
NUMBER_TOKEN = "0"


def model_spelling(word: str) -> str:
    """A word as the syllable model counts it: lower case, a number as NUMBER_TOKEN."""
    return NUMBER_TOKEN if word.isdecimal() else word.lower()


# The word or number (in NFC text) beside a place across a NEIGHBOUR_GAP: the
# pair the model counted. Punctuation between them breaks the pair.
_NEIGHBOUR = rf"({NUMBER.pattern}|[^\W\d_]+)"
LEFT_NEIGHBOUR = re.compile(rf"{_NEIGHBOUR}(?:{NEIGHBOUR_GAP.pattern})\Z")
RIGHT_NEIGHBOUR = re.compile(rf"(?:{NEIGHBOUR_GAP.pattern}){_NEIGHBOUR}")


# The same word or number matched from its end, on the text reversed: LEFT_NEIGHBOUR
# searched for retries at every letter of a long word before a comma, and each
# try runs to the comma (quadratic).
_NEIGHBOUR_REVERSED = re.compile(rf"{NUMBER.pattern}|[^\W\d_]+")


def _last_neighbour(text: str) -> tuple[str, int] | None:
    """LEFT_NEIGHBOUR.search(text): the word or number before the gap that ends
    `text`, and where it starts; in time linear in the length of `text`."""
    gap = len(text.rstrip(HORIZONTAL_SPACE))
    if gap == len(text):
        if not text.endswith("-"):
            return None
        gap -= 1
    reversed_word = _NEIGHBOUR_REVERSED.match(text[gap - 1 :: -1] if gap else "")
    if reversed_word is None:
        return None
    start = gap - reversed_word.end()
    return text[start:gap], start


# The word or number two places away, across two NEIGHBOUR_GAPs: the skip pair
# the model counted (SyllableModel.far_score).
_FAR_RIGHT = re.compile(rf"{RIGHT_NEIGHBOUR.pattern}(?:{NEIGHBOUR_GAP.pattern}){_NEIGHBOUR}")


def far_before(text: str) -> str | None:
    """The word or number two places before a word written right after `text`
    (two words' reach of NFC text), as the model spells it; None where the
    three do not stand side by side."""
    near = _last_neighbour(text)
    far = _last_neighbour(text[: near[1]]) if near else None
    return model_spelling(far[0]) if far else None


def far_after(text: str) -> str | None:
    """The word or number two places after a word that `text` follows (two
    words' reach of NFC text), as the model spells it; None where the three do
    not stand side by side."""
    found = _FAR_RIGHT.match(text)
    return model_spelling(found.group(2)) if found else None


def left_neighbour(text: str, start: int) -> str | None:
    """The word or number LEFT_NEIGHBOUR finds before `start`, within 24
    characters."""
    found = _last_neighbour(text[max(0, start - 24) : start])
    return found[0] if found else None


# A break between words: punctuation that ends a sentence or a clause, with any
# quotes, brackets and space around it. The model counts it as a word of its
# own, BOUNDARY, which no syllable spells, so that where it stands is evidence
# too: a clause ends after "nhỏ" ("lớn nhỏ.") far oftener than after "nhờ",
# and "Họ" opens sentences. A line starts with one.
BOUNDARY = "."
BOUNDARY_GAP = re.compile(r"[^\w\n]*[.,;:!?\u2026][^\w\n]*")
_GAP = re.compile(r"[^\w\n]*")


def ends_in_break(text: str) -> bool:
    """Does `text` end with a word and then a break (BOUNDARY_GAP)?"""
    # matched on the text reversed: searching for a gap anchored at the end
    # would retry at every character of a long run of punctuation
    size = _GAP.match(text[::-1]).end()  # type: ignore[union-attr]
    return 0 < size < len(text) and BOUNDARY_GAP.fullmatch(text, len(text) - size) is not None


def break_after(text: str, end: int) -> bool:
    """Does a break (BOUNDARY_GAP) follow the word that ends at `end` in `text`,
    before the next word or the end of its line, as the model counts one?"""
    gap = _GAP.match(text, end).end()  # type: ignore[union-attr]
    return BOUNDARY_GAP.fullmatch(text, end, gap) is not None


def context_before(text: str) -> str | None:
    """The context the model gives a word written right after `text` (one
    word's reach of NFC text as the repairs so far leave it; "" or space at the
    start of a line): the word or number across a NEIGHBOUR_GAP, BOUNDARY after
    a break or at the start of a line, None where there is neither (after a
    dash, a quote, a symbol, or damage)."""
    neighbour = _last_neighbour(text)
    if neighbour is not None:
        return model_spelling(neighbour[0])
    return BOUNDARY if text.isspace() or not text or ends_in_break(text) else None


# Letters no other language written in Latin script uses together with
# Vietnamese syllables: a word holding one is Vietnamese (or damaged Vietnamese).
# Plain character classes use the stdlib `re`, which scans them faster.
VIETNAMESE_ONLY = re.compile("[\u1ea0-\u1ef9\u0110\u0111\u01a0\u01a1\u01af\u01b0]")

# Where a glued word changes case ("lệnhHình") there is a word boundary.
_CASE_BOUNDARY = regex.compile(r"(?<=\p{Ll}\p{M}*)(?=\p{Lu})")


def case_pieces(word: str) -> list[tuple[int, str]]:
    """Split a word at lower→upper case changes, with each piece's offset."""
    pieces: list[tuple[int, str]] = []
    start = 0
    for boundary in _CASE_BOUNDARY.finditer(word):
        pieces.append((start, word[start : boundary.start()]))
        start = boundary.start()
    pieces.append((start, word[start:]))
    return pieces


class Word(NamedTuple):
    """A word of a line: where it stands in the line as written, and its clean text.

    A named tuple, not a frozen dataclass: a line makes dozens, and a tuple is
    built three times faster."""

    start: int
    end: int
    text: str  # NFC, invisible characters removed


_LINE = re.compile(r"[^\n]*\n?")


def iter_lines(text: str) -> Iterator[tuple[int, str]]:
    """Each line of `text` with its offset; the newline stays with its line."""
    for match in _LINE.finditer(text):
        if match.start() == match.end():
            break
        yield match.start(), match.group()


def words_of(line: str) -> list[Word]:
    """The words of one line, each with its NFC text."""
    return [Word(m.start(), m.end(), nfc(m.group())) for m in WORD.finditer(line)]


def one_case(word: str) -> bool:
    """All small, all capitals or capitalised, as a written word is ("vÃ" is not)."""
    return word.islower() or word.isupper() or word.istitle()


def nfc(text: str) -> str:
    """NFC per the latest Unicode; returns `text` itself when it already is."""
    normal: str = unicodedata2.normalize("NFC", text)  # unicodedata2 has no type hints
    return normal
