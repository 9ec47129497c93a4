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
"""

from __future__ import annotations

import functools
import re

from vnnorm.config import Config
from vnnorm.orthography import is_syllable
from vnnorm.plan import Change
from vnnorm.tokens import VIETNAMESE_ONLY, WORD, iter_lines, nfc, one_case

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


def damage(text: str, code_page: str) -> str:
    """Write `text` as UTF-8 and read it back in `code_page` (for tests and benchmarks)."""
    table = reading(code_page)
    return "".join(table[byte] for byte in text.encode("utf-8"))


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
# Ã Ă Æ before anything ("lÃ  má»™t" for "là một"). Not after "áº" "á»" at a
# word's end: there a dropped control byte leaves the same ("bá» " for "bỏ ").
_A_GRAVE_SPLIT = re.compile("(?:[\u00c3\u0102\u00c6]|\u00e1[\u00ba\u00bb]) $")

_CHUNK = re.compile(r"[^ \t\r\n]+(?: (?=\w)|(?<=[\u00c3\u0102\u00c6]) )?")


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
    letter of a word it cannot (loanwords like "nilông" cost little, "vÃ" with
    its capital after a small letter costs); -4 for each non-ASCII symbol,
    control or space, which is what mojibake is made of.
    """
    score = 0
    for word in WORD.findall(text):
        if _spelled(word):
            score += 1
        else:
            score -= sum(1 for c in word if not c.isascii())
    return score - 4 * sum(1 for c in text if not c.isascii() and not c.isalpha())


@functools.lru_cache(maxsize=1 << 16)  # the same damaged words come back again and again
def _best_reading(chunk: str, pattern: re.Pattern[str]) -> str:
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
    """Is every word with a letter beyond ASCII a Vietnamese syllable, in one case?"""
    return all(word.isascii() or _spelled(word) for word in WORD.findall(text)) and all(
        c.isascii() or c.isalpha() for c in text
    )


def _spelled(word: str) -> bool:
    return one_case(word) and is_syllable(nfc(word).lower())


def _is_vietnamese(text: str) -> bool:
    if VIETNAMESE_ONLY.search(text):
        return True
    return any(not w.isascii() and is_syllable(nfc(w).lower()) for w in WORD.findall(text))


def _line_changes(line: str) -> list[Change]:
    """Changes against `line` that undo mojibake, if they make it more Vietnamese."""
    changes: dict[int, Change] = {}
    chunks = list(_CHUNK.finditer(line))
    for pattern in (_sequence(), _A_GRAVE_SPLIT):
        if pattern is _A_GRAVE_SPLIT and not changes:
            break  # a split "à" is only believed where real sequences were found
        for match in chunks:
            start = match.start()
            # the split "à" may sit in a chunk whose other letters were read back
            chunk = changes[start].after if start in changes else match.group()
            if pattern.search(chunk) is None:
                continue
            fixed = _best_reading(chunk, pattern)
            # a split is a guess about a space, so it must leave only words: "bá» "
            # read as "bỠ" is a dropped control byte, not an A0
            if fixed != chunk and (pattern is not _A_GRAVE_SPLIT or _all_spelled(fixed)):
                changes[start] = Change(start, match.end(), match.group(), fixed, RULE)
    if not any(_is_vietnamese(c.after) for c in changes.values()):
        return []
    return sorted(changes.values(), key=lambda c: c.start)


def repair(text: str, config: Config) -> list[Change]:
    """The fixer: undo UTF-8 mojibake, up to three layers deep."""
    sequence = _sequence()
    if sequence.search(text) is None:
        return []
    changes: list[Change] = []
    for start, line in iter_lines(text):
        if sequence.search(line) is not None:
            changes.extend(change.moved(-start) for change in _line_changes(line))
    return changes
