"""UTF-8 bytes read as a single-byte code page: "Viá»‡t" for "Việt", "KhĂ´ng" for "Không".

A character outside ASCII takes two to four bytes in UTF-8; a reader that takes
each byte for a character of cp1252, Latin-1 or cp1258 shows a lead letter
(Ã Ä Æ á â … or, in cp1258, Ă ă) followed by one to three symbols. Bytes the code
page leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) usually arrive as C1 controls,
and a page may have gone through this twice.

The repair maps such a sequence back to its bytes and decodes them as UTF-8. It
keeps a repair only where the word it stands in becomes more Vietnamese: the
repaired word is spelled with syllables Vietnamese can write, the damaged one
is not. A line is repaired only if at least one of its repairs gives a word
with letters only Vietnamese uses, so French or Czech mojibake in an otherwise
foreign line is left to tools for those languages.

On a line that holds such sequences, two further losses are undone where the
result is nothing but words: the no-break space of "à" turned into a space
("lÃ  má»™t"), and an undefined byte dropped altogether ("ÄÃ³" for "Đó");
where several bytes would make words ("nhá»"), the bigram model chooses, and
explain mode marks the choice a guess. A document says the same words again:
a name's places are weighed together, and a word too close to call takes the
reading its neighbours lean to where that reading is settled nearby.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

import unicodedata2

from vnnorm.config import Config
from vnnorm.evidence import Echoes
from vnnorm.families.lookalikes import LOOKALIKES
from vnnorm.orthography import is_abbreviation, is_syllable
from vnnorm.plan import Change, Doubt
from vnnorm.tokens import (
    BOUNDARY,
    RIGHT_NEIGHBOUR,
    VIETNAMESE_ONLY,
    WORD,
    context_before,
    ends_in_break,
    far_after,
    far_before,
    inside_sentence,
    is_title,
    iter_lines,
    model_spelling,
    nfc,
    one_case,
)

RULE = "utf8_mojibake"
CODE_PAGES = ("cp1252", "cp1258", "latin-1")
_MAX_LAYERS = 3  # text encoded twice shows two layers; three is already rare


@functools.cache
def reading(code_page: str) -> tuple[str, ...]:
    """What a reader in `code_page` shows for each byte; undefined bytes as C1 controls."""
    shown = []
    for byte in range(256):
        try:
            shown.append(bytes([byte]).decode(code_page))
        except UnicodeDecodeError:
            shown.append(chr(byte))
    return tuple(shown)


_CONTROLS = re.compile("[\u0080-\u009f]")


def damage(text: str, code_page: str, lost: str | None = None) -> str:
    """Write `text` as UTF-8 and read it back in `code_page` (for tests and benchmarks).

    `lost`: what the C1 controls the undefined bytes came out as become instead:
    "" as a decoder that drops them or a cleaner that strips controls leaves
    ("há»c"), "\ufffd" as one that replaces them does ("há»�c").
    """
    table = reading(code_page)
    shown = "".join(table[byte] for byte in text.encode("utf-8"))
    return shown if lost is None else _CONTROLS.sub(lost, shown)


@functools.lru_cache(maxsize=1)
def _byte_of() -> dict[str, int]:
    """Every character some reader shows for a byte ≥ 0x80, and that byte.

    The code pages agree except where one has a character the other lacks, so
    one table serves all three.
    """
    table: dict[str, int] = {}
    for code_page in CODE_PAGES:
        for byte, char in enumerate(reading(code_page)):
            if byte >= 0x80:
                table.setdefault(char, byte)
    return table


def _char_class(low: int, high: int) -> str:
    chars = sorted(c for c, b in _byte_of().items() if low <= b <= high)
    return "[" + "".join(re.escape(c) for c in chars) + "]"


@functools.lru_cache(maxsize=1)
def _sequence() -> re.Pattern[str]:
    """One UTF-8 character as a single-byte reader shows it."""
    cont = _char_class(0x80, 0xBF)
    return re.compile(
        f"{_char_class(0xC2, 0xDF)}{cont}"
        f"|{_char_class(0xE0, 0xEF)}{cont}{{2}}"
        f"|{_char_class(0xF0, 0xF4)}{cont}{{3}}"
    )


# "à" is C3 A0 (and "Ơ" C6 A0, "Ạ" E1 BA A0, "Ỡ" E1 BB A0), and the A0, a
# no-break space, often became a plain space. It is looked for at the end of a
# chunk, which _CHUNK ends there before a letter ("lÃ m" for "làm"), and after
# Ã Ă Æ áº before anything ("lÃ  má»™t" for "là một", "Háº  Táº¦NG" for "HẠ
# TẦNG"). Not after "á»" at a word's end: there a dropped control byte leaves
# the same ("bá» " for "bỏ "), as it never does after "áº" (E1 BA and an
# undefined byte spell no Vietnamese letter).
_A_GRAVE_SPLIT = re.compile("(?:[\u00c3\u0102\u00c6]|\u00e1[\u00ba\u00bb]) $")
_A_GRAVE_SPLIT_ANYWHERE = re.compile("(?:[\u00c3\u0102\u00c6]|\u00e1[\u00ba\u00bb]) (?=\n|\\Z)")

_LEADING_WORD = re.compile(r"(?:[A-Za-z]|[^\x00-\x7f])*")  # mojibake symbols included
_CHUNK = re.compile(r"[^ \t\r\n]+(?: (?=\w)|(?:(?<=[\u00c3\u0102\u00c6])|(?<=\u00e1\u00ba)) )?")


# Bytes the code page leaves undefined. A decoder that drops what it cannot map,
# or a cleaner that strips C1 controls, loses them: "Đ" (C4 90) shows as "Ä",
# "học" (E1 BB 8D) as "há»c". One that replaces them leaves U+FFFD: "há»�c".
_UNDEFINED = {"cp1252": b"\x81\x8d\x8f\x90\x9d", "cp1258": b"\x81\x8a\x8d\x8e\x8f\x90\x9a\x9d\x9e"}
# Punctuation in E2 80 that lost its undefined last byte shows as "â€" (or "â€�"):
# "”" (9D) after a word and before a space or a stop, as a closing quote stands;
# the zero-width joiner (8D) between two emoji ("👨‍👩‍👧"). What else those bytes may
# have been (an em quad, a direction mark, a hyphen) stands in neither place.
_LOST_PUNCTUATION = re.compile("\u00e2\u20ac\ufffd?")
_CLOSING_QUOTE_FOLLOWS = re.compile("[\\s,.;:!?)\\]]|$")
# A guess among several restored letters must be this much likelier (e^4).
_DROPPED_MARGIN = 4.0
# A word too close to call takes a reading settled nearby only where its own
# neighbours prefer it by this much (e^1): "Đội Ã lần nữa" leans to "Á" by
# e^0.4, and Italy is as likely there as Asia (_Echoes).
_ECHO_LEAN = 1.0
# Weight of what the words two places away say (SyllableModel.far_score): 1
# adds it as if it were independent of the neighbours'. Tuned on UD VTB train
# and dev: from 0.35 up to 1 each step repairs more words on dev, 1.25 and 1.5
# fewer, and 1.5 more wrongly on train.
_FAR_WEIGHT = 1.0
_MAX_DROPPED = 3  # in one chunk; more is no longer a lost byte or two


@functools.lru_cache(maxsize=1)
def _dropped() -> re.Pattern[str]:
    """A lead whose only Vietnamese completions need an undefined byte, standing
    without the continuation that should follow it, or with the U+FFFD that
    replaced it. Not cp1258's "Ă" (C3): the repairs so far have written real ones."""
    return re.compile(
        f"(?:[\u00c3\u00c4]|\u00e1[\u00ba\u00bb])(?:\ufffd|(?!{_char_class(0x80, 0xBF)}))"
    )


def _undo(match: re.Match[str]) -> str:
    sequence = match.group()
    byte_of = _byte_of()
    data = bytes(byte_of.get(c, 0xA0) for c in sequence)  # only the split à has a space
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return sequence


def _vietnamese_score(text: str) -> int:
    """How Vietnamese a stretch of text looks, to compare readings of it.

    +1 for a word Vietnamese can spell, in one case; -1 for each non-ASCII
    letter or mark of a word it cannot (loanwords like "nilông" cost little, "vÃ"
    with its capital after a small letter costs); -4 for each non-ASCII symbol,
    control or space, which is what mojibake is made of. A mark on a letter is
    no symbol: "c̣n" (Latin-1 damage of "còn", for that repair to read) is
    text, "cÌ£n" its mojibake.
    """
    score = 0
    marks = 0
    for word in WORD.findall(text):
        if _spelled(word):
            score += 1
        else:
            score -= sum(1 for c in word if not c.isascii())
        marks += sum(1 for c in word if not c.isalpha() and unicodedata2.category(c)[0] == "M")
    return score - 4 * (sum(1 for c in text if not c.isascii() and not c.isalpha()) - marks)


@functools.lru_cache(maxsize=1 << 16)  # the same damaged words come back again and again
def _best_reading(chunk: str, pattern: re.Pattern[str]) -> str:
    """The most Vietnamese reading of `chunk`, if it is a settled one.

    A reading that would peel again is a stack deeper than the layers looked at
    ("ÂÂÂÂÂ\x80" loses one "Â" a layer): stopping part-way would change it again
    next time, so such a chunk is left as it is.
    """
    best = _peel(chunk, pattern)
    if best != chunk and _peel(best, _sequence()) != best:
        return chunk
    return best


def _peel(chunk: str, pattern: re.Pattern[str]) -> str:
    """Peel up to three layers; keep the most Vietnamese reading."""
    strict = _sequence()
    best, best_score = chunk, _vietnamese_score(chunk)
    # Only lines with real sequences get a split "à" read back, and there a tie
    # goes to it: "CÃ " and "Cà" both spell words.
    best_score -= pattern is _A_GRAVE_SPLIT
    current = pattern.sub(_undo, chunk)
    for _ in range(_MAX_LAYERS):
        if current == chunk:
            break
        score = _vietnamese_score(current)
        if score > best_score:
            best, best_score = current, score
        peeled = strict.sub(_undo, current)
        if peeled == current:
            break
        current = peeled
    return best


def _all_spelled(text: str) -> bool:
    """Is every word with a letter beyond ASCII a Vietnamese syllable, in one case,
    or an abbreviation ("HĐND"), with nothing beside the words but ASCII and
    general punctuation ("“Người")? Not Latin-1's: "»" of "á»" is mojibake left.
    Look-alikes count as their letters: text written with the eth for Đ lost its
    0x90 too ("Ãặng" is "Ðặng")."""
    text = text.translate(LOOKALIKES)
    return all(
        word.isascii() or _spelled(word) or is_abbreviation(word) for word in WORD.findall(text)
    ) and all(c.isascii() or c.isalpha() or _general_punctuation(c) for c in text)


@functools.lru_cache(maxsize=256)
def _general_punctuation(char: str) -> bool:
    return char >= "\u2000" and unicodedata2.category(char).startswith("P")


def _spelled(word: str) -> bool:
    return one_case(word) and is_syllable(nfc(word).lower())


def _is_vietnamese(text: str) -> bool:
    if VIETNAMESE_ONLY.search(text):
        return True
    return any(not w.isascii() and is_syllable(nfc(w).lower()) for w in WORD.findall(text))


class _Read(NamedTuple):
    """A chunk read back, placed in its line (a Change once placed in the text)."""

    start: int
    end: int
    before: str
    after: str
    detail: dict[str, float | str] | None = None


def _line_changes(line: str, names: _Names, echoes: _Echoes, at: int) -> list[Change]:
    """Changes that undo mojibake in `line`, which starts at `at` of the text,
    if they make it more Vietnamese."""
    changes: dict[int, _Read] = {}
    chunks = list(_CHUNK.finditer(line))
    current = [m.group() for m in chunks]  # each chunk as the repairs so far leave it
    found_clean: set[int] | None = None

    def clean() -> set[int]:
        """The chunks that came as correct Unicode, worked out only if a lead
        asks (functools.cache would cost more per line than most lines ask)."""
        nonlocal found_clean
        if found_clean is None:
            found_clean = _clean_words([m.group() for m in chunks])
        return found_clean

    def _glued(fixed: str, i: int) -> str:
        """The word of the next chunk that joins `fixed` (chunk `i` read back)."""
        if fixed.endswith(" ") or i + 1 >= len(chunks) or chunks[i + 1].start() != chunks[i].end():
            return ""
        return _LEADING_WORD.match(current[i + 1]).group()  # type: ignore[union-attr]

    for pattern in (_sequence(), _A_GRAVE_SPLIT):
        if pattern is _A_GRAVE_SPLIT:
            if not any(_is_vietnamese(c.after) for c in changes.values()):
                # French or Czech mojibake is left to tools for those languages; and a
                # split "à" or a dropped byte is only believed beside real sequences
                return []
            if any("\u00a0" in c.before for c in changes.values()):
                break  # the line kept the no-break space of a real "Ã\u00a0": none became a space
            if _A_GRAVE_SPLIT_ANYWHERE.search("\n".join(current)) is None:
                break  # one search for the common case
        # the split "à" may sit in a chunk whose other letters were read back
        for i, chunk in enumerate(current):
            split = pattern.search(chunk)
            if split is None:
                continue
            if pattern is _A_GRAVE_SPLIT and (
                i in clean() or split.start() in _written(chunks[i].group(), chunk)
            ):
                continue  # "XÃƒ HỘI" read "XÃ HỘI", or "XÃ HỘI" as it came: that Ã is real
            fixed = _best_reading(chunk, pattern)
            if fixed == chunk:
                continue
            # a split is a guess about a space, so it must leave only words, the
            # one it glues to the next chunk included: "Há» cho" read as "HỠcho"
            # is a dropped control byte ("Họ cho"), not an A0
            if pattern is _A_GRAVE_SPLIT and not _all_spelled(fixed + _glued(fixed, i)):
                continue
            match = chunks[i]
            changes[match.start()] = _Read(match.start(), match.end(), match.group(), fixed)
            current[i] = fixed
    _restore_dropped(line, chunks, current, changes, names, echoes, clean)
    _restore_punctuation(chunks, current, changes)
    for start, change in list(changes.items()):
        if _dropped().search(change.after) and not _all_spelled(change.after):
            # read back only in part ("đá»i": its lost byte too close to call): a
            # half-repaired word hides the damage, so it stays whole as it came
            del changes[start]
    return [
        Change(c.start + at, c.end + at, c.before, c.after, RULE, c.detail or {})
        for _, c in sorted(changes.items())
    ]


def _restore_dropped(
    line: str,
    chunks: list[re.Match[str]],
    current: list[str],
    changes: dict[int, _Read],
    names: _Names,
    echoes: _Echoes,
    clean: Callable[[], set[int]],
) -> None:
    """Put back the undefined bytes a line with real sequences lost (see _UNDEFINED).

    `current`: each chunk as the repairs so far leave it. A restoration must leave
    only words; where several do ("nhá»": nhề, nhọ, nhỏ, nhờ), the bigram model
    picks one beside its neighbours by `_DROPPED_MARGIN`, and explain mode marks
    it a guess. A name's places in the document are weighed together (`_Names`);
    another word may take the reading its places settle nearby (`_Echoes`).
    """
    if _dropped().search("\n".join(current)) is None:
        return  # one search for the common case (no match runs into a newline)
    undefined = _undefined_in(line)
    gaps = _gaps(line, chunks)
    exempt = clean()  # `clean`: the chunks that came as correct Unicode (_clean_words)
    ambiguous: dict[int, list[str]] = {}
    for i, match in enumerate(chunks):
        if i in exempt:
            continue
        readings = _in_case(_readings(match.group(), current[i], undefined), current, i)
        if len(readings) == 1:
            current[i] = readings[0]
            changes[match.start()] = _Read(match.start(), match.end(), match.group(), readings[0])
        elif readings:
            ambiguous[i] = readings
    # Then the guesses, each beside neighbours read back as far as they can be:
    # "má»i ngÆ°á»i" is weighed beside "người", not beside its damage.
    # names judged once, before the guesses below read chunks back
    titled = is_title(map(_first_word, current))
    names_at = _names_at(current, ambiguous, titled)
    ranked_at = _ranked(ambiguous, names_at, current, gaps)
    openers = {} if titled else _openers_at(current, ambiguous, names_at)
    for i in ambiguous:
        match = chunks[i]
        ranked = ranked_at[i]
        detail: dict[str, float | str] = {}
        name = names_at[i]
        if name:
            ranked, places = names.weigh(name, match.start(), ranked)
        elif i in openers:
            ranked, places = names.follow(openers[i], match.start(), ranked)
        else:
            places = 1
        if places > 1:
            detail["places"] = places
        margin = ranked[0][1] - ranked[1][1]
        word, best = _first_word(match.group()), _first_word(ranked[0][0])
        # names and openers have their places weighed together instead (_Names)
        echoing = not name and i not in openers
        if echoing and echoes.take(word, names.line, best, margin):
            detail["echo"] = "the same reading settled nearby"
        elif margin < _DROPPED_MARGIN:
            continue
        detail.update(guess=True, log_odds=round(margin, 3))
        current[i] = ranked[0][0]
        changes[match.start()] = _Read(
            match.start(), match.end(), match.group(), ranked[0][0], detail
        )


def _restore_punctuation(
    chunks: list[re.Match[str]], current: list[str], changes: dict[int, _Read]
) -> None:
    """Put back the punctuation a line with real sequences lost (_LOST_PUNCTUATION),
    where no lost letter came with it (those are read with theirs, `_readings`).
    No chunk is exempt as correct Unicode (_clean_words): "â€" is mojibake
    wherever it stands, and the emoji beside a lost joiner are letters to it."""
    if _LOST_PUNCTUATION.search("\n".join(current)) is None:
        return
    for i, match in enumerate(chunks):
        restored = _with_punctuation(current[i], current[i + 1] if i + 1 < len(current) else "")
        if restored == current[i]:
            continue
        current[i] = restored
        earlier = changes.get(match.start())
        detail = earlier.detail if earlier else None
        changes[match.start()] = _Read(match.start(), match.end(), match.group(), restored, detail)


def _with_punctuation(text: str, after: str = "") -> str:
    """`text` with each punctuation mark that lost its last byte put back where
    its place says which (_LOST_PUNCTUATION); `after`: the chunk that follows."""
    return _LOST_PUNCTUATION.sub(functools.partial(_lost_punctuation, after=after), text)


def _lost_punctuation(lost: re.Match[str], after: str) -> str:
    """What `lost` ("â€" of a chunk, `after`: the next chunk) stood for, if its place says."""
    text, at, end = lost.string, lost.start(), lost.end()
    if any(lead.end() == at for lead in _dropped().finditer(text, max(0, at - 3), at)):
        return lost.group()  # "á»â€": a quote would make "á»”" read as "Ổ" next time
    before = text[at - 1] if at else ""
    following = text[end] if end < len(text) else after[:1]
    emoji = [unicodedata2.category(c) == "So" for c in (before, following) if c]
    if emoji == [True, True]:
        return "\u200d"
    if before and not before.isspace() and _CLOSING_QUOTE_FOLLOWS.match(text, end):
        return "\u201d"
    return lost.group()


def _names_at(chunks: list[str], ambiguous: Iterable[int], titled: bool) -> dict[int, str]:
    """The name each chunk in `ambiguous` stands as, if any (`_name_at`). None
    on a line of title case (`titled`, "Hướng Dẫn Sử Dụng"): there a capital
    says nothing."""
    return {i: "" if titled else _name_at(chunks, i) for i in ambiguous}


def _openers_at(
    chunks: list[str], ambiguous: Iterable[int], names_at: dict[int, str]
) -> dict[int, str]:
    """The capitalised words in `ambiguous` that open a sentence, where a name
    places inside sentences settle may stand too ("Thá» về." after "ông Thá»")."""
    words = {i: _first_word(chunks[i]) for i in ambiguous if not names_at[i]}
    return {
        i: word
        for i, word in words.items()
        if word[:1].isupper() and sum(c.isalpha() for c in word) > 1
    }


def _name_at(chunks: list[str], i: int) -> str:
    """The damaged word opening chunk `i` where it stands as a name does, with a
    capital inside a sentence ("ông Thá»"); else "". Not a lone letter: "Ã" is
    Á of "châu Á" in one place and Ý (Italy) in the next."""
    if i == 0 or not chunks[i][:1].isupper() or not inside_sentence(chunks[i - 1] + " "):
        return ""
    name = _first_word(chunks[i])
    return name if sum(c.isalpha() for c in name) > 1 else ""


def _first_word(chunk: str) -> str:
    return _LEADING_WORD.match(chunk).group()  # type: ignore[union-attr]


# A place of a name is weighed with at most this many of its places on either
# side: plenty to settle it, and a bound on the work ("ông Thá»" a million times).
_PLACES_EACH_SIDE = 8


class _Names:
    """The names with a lost byte in one document. A name recurs, and where it
    recurs it is the same name: "ông Thá» cho biết" and "anh Thá»," are both Thọ
    or both Thỏ. So the evidence of its places (log P of each reading beside its
    neighbours) adds up, as a reader's would, and may settle places that alone
    are too close to call. The document is read once to gather the places and,
    where that settles one, the lines with those names are read again.

    A sentence may open with the name, where its capital says nothing: the word
    may be a common one there. Such a place (an opener) is never settled by its
    own kind alone, but where places of the name inside sentences are near, its
    evidence adds to theirs ("Thá» hỏi" beside "vợ chồng Thá»"), and it reads
    as they all settle it (`follow`).

    A place is weighed with the places `window` lines around it, the reach of
    every other decision, so a stream cut into blocks decides as the whole text.
    """

    def __init__(self, window: int) -> None:
        self._inside = _Places(window)  # places inside sentences
        self._openers = _Places(window)  # places opening one
        self._pooled: frozenset[str] = frozenset()  # names weighed together on the second reading
        self.line = 0  # the number of the line being read

    def weigh(
        self, name: str, offset: int, ranked: list[tuple[str, float]]
    ) -> tuple[list[tuple[str, float]], int]:
        """The readings of the place of `name` at `offset` in the current line,
        ranked by the evidence in hand, and the number of places behind that."""
        if not self._pooled:
            self._inside.gather(name, self.line, offset, ranked)
            return ranked, 1
        index = self._inside.index_of(name, self.line, offset)
        if name not in self._pooled or index is None:
            return ranked, 1
        near = self._inside.near(name, self.line, index) + self._openers.near(name, self.line)
        return _reranked(ranked, near) if len(near) > 1 else (ranked, 1)

    def follow(
        self, word: str, offset: int, ranked: list[tuple[str, float]]
    ) -> tuple[list[tuple[str, float]], int]:
        """`weigh` for a word opening a sentence at `offset`, which a name may do
        as well as a common word: where the document's places of that name settle
        it, it reads as they do, its own evidence added; else as ranked."""
        if not self._pooled:
            self._openers.gather(word, self.line, offset, ranked)
            return ranked, 1
        near = self._inside.near(word, self.line) if word in self._pooled else []
        if not near:
            return ranked, 1
        own = self._openers.index_of(word, self.line, offset)
        others = self._openers.near(word, self.line, skip=own)
        return _reranked(ranked, [*near, *others, _evidence(ranked)])

    def pool(self) -> set[int]:
        """Weigh together, from now on, the places of each name where that settles
        one that alone is not; the lines that hold those names."""
        found = set()
        for name, places in self._inside.items():
            for index, (line, scores) in enumerate(places):
                if _margin(scores.values()) >= _DROPPED_MARGIN:
                    continue
                near = self._inside.near(name, line, index) + self._openers.near(name, line)
                if len(near) > 1 and _margin(_pooled(near).values()) >= _DROPPED_MARGIN:
                    found.add(name)
                    break
        self._pooled = frozenset(found)
        return {
            line
            for name in found
            for line in (*self._inside.lines(name), *self._openers.lines(name))
        }


class _Places:
    """The places of each word of one kind (inside sentences, or opening one) in
    a document, in reading order: the line and the evidence of each (_evidence)."""

    def __init__(self, window: int) -> None:
        self._places: dict[str, list[tuple[int, dict[str, float]]]] = {}
        self._index: dict[tuple[str, int, int], int] = {}  # (word, line, offset): in its list
        self._window = window

    def gather(self, word: str, line: int, offset: int, ranked: list[tuple[str, float]]) -> None:
        """Keep the evidence of the place of `word` at `offset` on `line`."""
        places = self._places.setdefault(word, [])
        self._index[word, line, offset] = len(places)
        places.append((line, _evidence(ranked)))

    def index_of(self, word: str, line: int, offset: int) -> int | None:
        return self._index.get((word, line, offset))

    def items(self) -> Iterable[tuple[str, list[tuple[int, dict[str, float]]]]]:
        return self._places.items()

    def lines(self, word: str) -> list[int]:
        return [line for line, _ in self._places.get(word, ())]

    def near(
        self, word: str, line: int, index: int | None = None, skip: int | None = None
    ) -> list[dict[str, float]]:
        """The evidence of the places of `word` within the window around `line`,
        at most _PLACES_EACH_SIDE either side of the place at `index` (by default
        where a place on `line` would stand); not the one at `skip`."""
        places = self._places.get(word, [])
        if index is None:
            index = bisect.bisect_left(places, line, key=lambda place: place[0])
        first = max(0, index - _PLACES_EACH_SIDE)
        around = places[first : index + _PLACES_EACH_SIDE + 1]
        return [
            scores
            for k, (at, scores) in enumerate(around, first)
            if abs(at - line) <= self._window and k != skip
        ]


class _Echoes:
    """The words with a lost byte in one document that stand as no name: "nhá»",
    "vá»", a lone capital "Ã" (Á, Í or Ý). Unlike a name's, a word's places are
    not weighed together, as one document says "nhỏ" and "nhờ", "châu Á" and
    "nước Ý". But a place too close to call takes the reading its own neighbours
    prefer where that reading is settled at another place of the word within
    `window` lines: a document says the same word again ("trở về nhà" settles
    "bay vá» ngọn núi"; a text about Italy says "Ý" again; evidence.Echoes, as
    the Latin-1 repair does). The document is read once to gather the places,
    and the lines of the places that echo are read again.
    """

    def __init__(self, window: int) -> None:
        self._settled = Echoes(window)  # each word's readings, as (word, reading)
        self._unsure: list[tuple[str, str, int]] = []  # word, best reading, line
        self._echoed: frozenset[tuple[str, str, int]] | None = None  # known on the second reading

    def take(self, word: str, line: int, best: str, margin: float) -> bool:
        """May the place of `word` on `line` take its `best` reading, which leads
        by `margin`, though that is too close to call? (False on the first reading.)"""
        if self._echoed is not None:
            return (word, best, line) in self._echoed
        if margin >= _DROPPED_MARGIN:
            self._settled.settle((word, best), line)
        elif margin > _ECHO_LEAN:
            self._unsure.append((word, best, line))
        return False

    def pool(self) -> set[int]:
        """From now on, let each unsure place echo a settled one nearby; the lines
        that hold such places."""
        self._echoed = frozenset(
            (word, best, line)
            for word, best, line in self._unsure
            if self._settled.heard((word, best), line)
        )
        return {line for _, _, line in self._echoed}


def _evidence(ranked: list[tuple[str, float]]) -> dict[str, float]:
    """A place's evidence: the score of each reading, by the word it opens with."""
    return {_first_word(reading): score for reading, score in ranked}


def _reranked(
    ranked: list[tuple[str, float]], places: list[dict[str, float]]
) -> tuple[list[tuple[str, float]], int]:
    """The readings of `ranked` that every place allows, ranked by the evidence
    of all `places` together, and how many places that is; else `ranked` alone."""
    totals = _pooled(places)
    pooled = [(r, totals[w]) for r, _ in ranked if (w := _first_word(r)) in totals]
    if len(pooled) < 2:
        return ranked, 1
    return sorted(pooled, key=lambda pair: -pair[1]), len(places)


def _pooled(places: list[dict[str, float]]) -> dict[str, float]:
    """Each reading that every place allows, with its evidence summed over them."""
    words = set.intersection(*(set(place) for place in places))
    return {word: sum(place[word] for place in places) for word in words}


def _margin(scores: Iterable[float]) -> float:
    """How far the best score leads the next."""
    top = sorted(scores, reverse=True)
    return top[0] - top[1] if len(top) > 1 else math.inf


def _clean_words(chunks: list[str]) -> set[int]:
    """The chunks of a line (as they came) that are correct Unicode, whose "Ã"
    is a real letter and not a lead that lost its byte: those holding a letter that
    no mojibake of Vietnamese shows ("ĐÃ"), and those with no mojibake beside
    such a chunk ("XÃ HỘI"). Real files put clean and damaged text on one line."""
    shown = _shown_in_mojibake()
    beyond = [
        any(c not in shown and c.isalpha() and not c.isascii() for c in chunk) for chunk in chunks
    ]
    strict = _sequence()
    return {
        i
        for i, chunk in enumerate(chunks)
        if beyond[i]
        or (
            strict.search(chunk) is None
            and ((i > 0 and beyond[i - 1]) or (i + 1 < len(chunks) and beyond[i + 1]))
        )
    }


# The bytes Vietnamese UTF-8 starts its characters with: Latin-1 letters (C3),
# ă đ ĩ (C4), ũ (C5), ơ ư (C6), modifiers and combining marks (CB CC CD), the
# letters of Latin Extended Additional (E1) and punctuation (E2); C2 for A0.
_VIETNAMESE_LEADS = b"\xc2\xc3\xc4\xc5\xc6\xcb\xcc\xcd\xe1\xe2"


@functools.lru_cache(maxsize=1)
def _shown_in_mojibake() -> frozenset[str]:
    """What a reader in any of CODE_PAGES shows for the bytes of Vietnamese in
    UTF-8. Not Đ (cp1258's D0), ư ơ (FD F5): no UTF-8 of Vietnamese holds those bytes."""
    found: set[str] = set()
    for code_page in CODE_PAGES:
        table = reading(code_page)
        found.update(table[0x80:0xC0])
        found.update(table[byte] for byte in _VIETNAMESE_LEADS)
    return frozenset(found)


def _code_page_of(line: str) -> str:
    """The code page `line` was read in, as far as it shows: cp1258 shows "Ă"."""
    return "cp1258" if "\u0102" in line else "cp1252"


def _undefined_in(line: str) -> bytes:
    """The bytes undefined in the code page `line` was read in (cp1258 shows "Ă")."""
    return _UNDEFINED[_code_page_of(line)]


def _readings(chunk: str, read: str, undefined: bytes) -> list[str]:
    """`read` (`chunk` as the repairs so far left it) with its dropped bytes put
    back in each way that leaves only words."""
    leads = _lost_leads(chunk, read)
    if not leads or len(leads) > _MAX_DROPPED:
        return []
    readings = map(_with_punctuation, _with_bytes(read, leads, undefined))
    return [r for r in readings if _all_spelled(r)]


def _in_case(readings: list[str], chunks: list[str], i: int) -> list[str]:
    """The `readings` of chunk `i` whose case agrees with the words beside it,
    if any do. The lost byte of "Há»" may be the capital Ố ("HỐ") or a small
    letter ("Họ", "Hỏ", "Hờ", "Hề"): beside "và tên" the word is no capitals,
    beside "KHÔNG CÓ" it is nothing but."""
    if len(readings) < 2:
        return readings
    beside = {_case(chunks[k]) for k in (i - 1, i + 1) if 0 <= k < len(chunks)}
    if "mixed" in beside:
        agreeing = [r for r in readings if _case(r) != "upper"]
    elif "upper" in beside:
        agreeing = [r for r in readings if _case(r) == "upper"]
    else:
        return readings
    return agreeing or readings


def _case(chunk: str) -> str | None:
    """The case of `chunk`: "upper" where every syllable of two letters or more
    in it is in capitals, "mixed" where one has a small letter; None where it
    holds no such syllable (markup, code: "<td>") or mojibake left."""
    if not _read_back(chunk):
        return None
    words = [w for w in WORD.findall(chunk) if len(w) > 1 and is_syllable(nfc(w).lower())]
    if not words:
        return None
    return "upper" if all(word.isupper() for word in words) else "mixed"


def _lost_leads(chunk: str, read: str) -> list[re.Match[str]]:
    """The leads in `read` (`chunk` as the repairs so far left it) that lost
    their byte: not the ones the repair wrote (`_written`)."""
    leads = list(_dropped().finditer(read))
    written = _written(chunk, read) if leads else set()
    return [lead for lead in leads if lead.start() not in written]


def _written(chunk: str, read: str) -> set[int]:
    """Where in `read` (`chunk` as the repairs so far left it) the last layer read
    back wrote each character it decoded. Such a character is real: "XÃƒ" reads
    "XÃ", as in "XÃ HỘI", and that Ã is neither a lead that lost its byte nor one
    whose A0 became a space. A lead an inner layer shows may be either."""
    strict = _sequence()
    layer = chunk
    for _ in range(_MAX_LAYERS):
        if layer == read:
            break
        peeled = strict.sub(_undo, layer)
        if peeled == read:
            written: set[int] = set()
            shift = 0
            for match in strict.finditer(layer):
                start, decoded = match.start() + shift, _undo(match)
                written.update(range(start, start + len(decoded)))
                shift += len(decoded) - len(match.group())
            return written
        layer = peeled
    return set()


def _gaps(line: str, chunks: list[re.Match[str]]) -> list[str]:
    """What stands between each chunk and the next (spaces)."""
    return [line[a.end() : b.start()] for a, b in itertools.pairwise(chunks)]


def _ranked(
    ambiguous: dict[int, list[str]], names: dict[int, str], chunks: list[str], gaps: list[str]
) -> dict[int, list[tuple[str, float]]]:
    """The readings of each chunk in `ambiguous` (its index: its readings),
    likeliest first beside its neighbours, as log P; `names`: the name each
    stands as, if any (_name_at).

    A neighbour is the word or number across the gap, as the model pairs them,
    once its chunk is read back: damage beside a word says nothing. The word
    beyond each neighbour adds what the model's skip pairs say ("được má»i
    từ": "được … từ" settles "mời"). Guesses side
    by side are weighed together, each reading scored by the best run of readings
    through it (Viterbi max-marginals): "Há» má»i người" reads best as a whole,
    "Họ mời người".
    """
    ranked: dict[int, list[tuple[str, float]]] = {}
    run: list[int] = []
    for i in sorted(ambiguous):
        if run and i != run[-1] + 1:
            ranked.update(_ranked_run(run, ambiguous, names, chunks, gaps))
            run = []
        run.append(i)
    if run:
        ranked.update(_ranked_run(run, ambiguous, names, chunks, gaps))
    return ranked


class _Option(NamedTuple):
    """One reading of a chunk, as the model weighs it."""

    reading: str
    words: list[str]  # as the model spells them
    pairs_left: bool  # opens with a word, which may pair with the word before
    last: str | None  # what may pair with the next: its last word, or BOUNDARY after a break
    name: float  # how readily it is a name, where it stands as one (_as_name)


def _ranked_run(
    run: list[int],
    ambiguous: dict[int, list[str]],
    names: dict[int, str],
    chunks: list[str],
    gaps: list[str],
) -> dict[int, list[tuple[str, float]]]:
    """`_ranked` for chunks side by side (`run`: their indexes)."""
    from vnnorm.model import load_model  # only a guess among readings needs it

    model = load_model()
    first, last = run[0], run[-1]
    far_left = None  # the word two places before the run
    if first == 0:
        outside: str | None = BOUNDARY  # the start of the line
    elif _read_back(chunks[first - 1]):
        before = chunks[first - 1] + gaps[first - 1]
        outside = context_before(nfc(before))
        if first > 1 and _read_back(chunks[first - 2]):
            far_left = far_before(nfc(chunks[first - 2] + gaps[first - 2] + before))
    else:
        outside = None  # damage beside a word says nothing
    after = gaps[last] + chunks[last + 1] if last + 1 < len(chunks) else ""
    after = after if _read_back(after) else ""
    further = after  # as far as the word two places after the run
    if after and last + 2 < len(chunks) and _read_back(chunks[last + 2]):
        further += gaps[last + 1] + chunks[last + 2]
    options = [_options(ambiguous[i], bool(names[i])) for i in run]

    def score(option: _Option, previous: str | None) -> float:
        """log P of the option's words after `previous`, its name evidence added."""
        context = previous if option.pairs_left else None
        return model.run_score(option.words, context) + option.name

    def opening(option: _Option) -> float:
        """`score` after the word before the run, and the word before that."""
        far = far_left if option.pairs_left else None
        return score(option, outside) + _FAR_WEIGHT * model.far_score(option.words[0], far, None)

    def closing(option: _Option) -> float:
        """log P of the word after the run given the option before it, and
        what the word after that adds."""
        core = option.reading.rstrip(" ")
        trailing = option.reading[len(core) :]
        right = RIGHT_NEIGHBOUR.match(nfc(trailing + after))
        if right is None or option.last is None or option.last == BOUNDARY:
            return 0.0  # what follows a break is the same for every option
        far = far_after(nfc(trailing + further))
        further_score = _FAR_WEIGHT * model.far_score(option.last, None, far)
        return model.pair_score(model_spelling(right.group(1)), option.last) + further_score

    forward = [[opening(option) for option in options[0]]]
    for earlier, row in itertools.pairwise(options):
        forward.append(
            [
                max(best + score(o, p.last) for best, p in zip(forward[-1], earlier, strict=True))
                for o in row
            ]
        )
    backward = [[closing(option) for option in options[-1]]]
    for row, later in itertools.pairwise(reversed(options)):
        backward.insert(
            0,
            [
                max(score(o, p.last) + rest for o, rest in zip(row, backward[0], strict=True))
                for p in later
            ],
        )
    return {
        i: sorted(
            (
                (o.reading, f + b)
                for o, f, b in zip(options[k], forward[k], backward[k], strict=True)
            ),
            key=lambda pair: -pair[1],
        )
        for k, i in enumerate(run)
    }


def _options(readings: list[str], named: bool) -> list[_Option]:
    found = []
    for reading in readings:
        words = _model_words(reading)
        core = reading.rstrip(" ")
        if words and ends_in_break(nfc(core)):
            words.append(BOUNDARY)  # "nhỏ." weighs the break after "nhỏ" too
        pairs_right = bool(words) and (core[-1:].isalpha() or words[-1] == BOUNDARY)
        found.append(
            _Option(
                reading,
                words,
                reading[:1].isalpha(),
                words[-1] if pairs_right else None,
                _as_name(reading) if named else 0.0,
            )
        )
    return found


def _model_words(reading: str) -> list[str]:
    """The words of a reading as the model spells them."""
    return [nfc(word).lower() for word in WORD.findall(reading)]


def _read_back(chunk: str) -> bool:
    """Holds no mojibake: no sequence and no lead that lost its byte."""
    return _sequence().search(chunk) is None and _dropped().search(chunk) is None


def _as_name(reading: str) -> float:
    """For a reading that opens with a capitalised word inside a sentence, how
    readily that word is a name: "ông Thá»" is "ông Thọ", not "ông Thờ". Every
    reading of the word starts with the same capital, so all are weighed so
    ("Sá»" may read "SỐ" too)."""
    from vnnorm.model import load_model

    first = WORD.match(reading)
    if first is None or not first.group()[0].isupper():
        return 0.0
    return load_model().name_logp(nfc(first.group()).lower())


def doubts(text: str, config: Config) -> list[Doubt]:
    """Lost bytes that several letters could fill, too close to call ("nhá»"),
    on the Vietnamese lines of `text`."""
    found: list[Doubt] = []
    if _dropped().search(text) is None:
        return found
    for start, line in iter_lines(text):
        if _dropped().search(line) is None or not _is_vietnamese(line):
            continue
        chunks = list(_CHUNK.finditer(line))
        current = [m.group() for m in chunks]
        undefined = _undefined_in(line)
        gaps = _gaps(line, chunks)
        readings = {
            i: _in_case(_readings(chunk, chunk, undefined), current, i)
            for i, chunk in enumerate(current)
        }
        ambiguous = {i: r for i, r in readings.items() if len(r) > 1}
        names = _names_at(current, ambiguous, is_title(map(_first_word, current)))
        ranked_at = _ranked(ambiguous, names, current, gaps)
        for i, ranked in sorted(ranked_at.items()):
            if ranked[0][1] - ranked[1][1] >= _DROPPED_MARGIN:
                continue
            match = chunks[i]
            detail = {
                "guess": True,
                "log_odds": round(ranked[0][1] - ranked[1][1], 3),
                "alternatives": [r for r, _ in ranked[1:4]],
                "left": f"likelier than the next reading by less than e^{_DROPPED_MARGIN:g}",
            }
            change = Change(match.start(), match.end(), match.group(), ranked[0][0], RULE, detail)
            found.append(Doubt.declined(change.moved(-start)))
    return found


def _with_bytes(chunk: str, leads: list[re.Match[str]], undefined: bytes) -> list[str]:
    """`chunk` with each lead completed by each undefined byte that decodes."""
    byte_of = _byte_of()
    readings = [""]
    position = 0
    for lead in leads:
        completions = []
        for byte in undefined:
            try:
                shown = lead.group().rstrip("\ufffd")
                completions.append(bytes([*(byte_of[c] for c in shown), byte]).decode())
            except UnicodeDecodeError:
                continue
        between = chunk[position : lead.start()]
        readings = [r + between + c for r in readings for c in completions]
        position = lead.end()
    return [r + chunk[position:] for r in readings]


def may_touch(text: str) -> bool:
    """Does `text` hold a UTF-8 character as a single-byte reader shows it?
    Without one this repair changes nothing."""
    return _sequence().search(text) is not None


def repair(text: str, config: Config) -> list[Change]:
    """The fixer: undo UTF-8 mojibake, up to three layers deep."""
    if not may_touch(text):
        return []
    names, echoes = _Names(config.evidence_window), _Echoes(config.evidence_window)
    lines = [
        (n, start, line) for n, (start, line) in enumerate(iter_lines(text)) if may_touch(line)
    ]
    found = []
    for number, start, line in lines:
        names.line = number
        found.append(_line_changes(line, names, echoes, start))
    # a second reading of the lines where names settle each other, or words echo
    again = names.pool() | echoes.pool()
    for i, (number, start, line) in enumerate(lines):
        if number in again:
            names.line = number
            found[i] = _line_changes(line, names, echoes, start)
    return [change for changes in found for change in changes]
