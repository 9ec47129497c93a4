"""Latin-1 text read back as Windows-1258: "đă" for "đã", "c̣n" for "còn".

Reading the bytes of ã õ ý (and capitals) as cp1258 gives ă ơ ư; the bytes of
ì ò Ì Ò give bare tone marks, so the vowel is gone and its mark lands on the
letter before it. See chardata.LATIN1_AS_CP1258.

readings.py says what a word piece may have been, from orthography alone;
lines.py finds the candidates in a text and what each line testifies;
decide.py weighs that evidence with the syllable model. This module is the fixer.
"""

from __future__ import annotations

import bisect

from vnnorm.config import Config
from vnnorm.families.latin1_cp1258.decide import Decision, Document, Repairer, Tuning
from vnnorm.families.latin1_cp1258.lines import (
    candidate_spots,
    may_settle,
    may_touch,
    observe,
    words_of,
)
from vnnorm.families.latin1_cp1258.lines import settled as _settled
from vnnorm.model import load_model
from vnnorm.plan import Change, Doubt
from vnnorm.tokens import Word
from vnnorm.tokenscan import line_starts

RULE = "latin1_as_cp1258"
__all__ = ["RULE", "doubts", "may_settle", "may_touch", "repair", "settled"]

TUNING = Tuning()


def settled(text: str, start: int, end: int) -> bool:
    """Does the text around the token `text[start:end]` (one `may_settle`
    passes) show that it gives this repair nothing to do?

    A word real either way is repaired only where its repair is likelier
    between its neighbours: by e^margin, or at all where the same repair wins
    by e^margin nearby (decide.Document). Where no word of a text is, none is
    repaired: what such words add to their lines' evidence can tip a line, but
    leaves nothing on it to change. Other signs of damage are tokens no context
    settles, and with one of those in the text every word is weighed in full.
    """
    return _settled(text, start, end, 0.0)


def repair(text: str, config: Config) -> list[Change]:
    """The fixer: changes that undo this damage in `text`."""
    return _weigh(text, config, doubts=False)


def doubts(text: str, config: Config) -> list[Doubt]:
    """Repairs the model prefers in `text` that the evidence does not allow
    ("rơ" where nothing nearby says the text is damaged)."""
    return [Doubt.declined(change) for change in _weigh(text, config, doubts=True)]


def _weigh(text: str, config: Config, doubts: bool) -> list[Change]:
    """The changes to make, or (`doubts`) the ones considered and not made."""
    spots = candidate_spots(text)
    if not spots:
        return []
    starts = line_starts(text)
    if starts[-1] == len(text) and len(starts) > 1:
        starts.pop()  # a final newline does not start a line
    repairer = Repairer(load_model(), TUNING, config.evidence_window)
    document = Document(repairer, len(starts), lambda j: _line(text, starts, j), doubts)
    words: dict[int, list[Word]] = {}  # of the lines read and not yet decided
    changes: list[Change] = []

    def take(decided: list[tuple[int, list[Decision]]]) -> None:
        for i, decisions in decided:
            line_words = words.pop(i)
            if decisions:
                line = _line(text, starts, i)
                changes.extend(_word_changes(starts[i], line, line_words, decisions))

    for i in sorted({bisect.bisect_right(starts, spot) - 1 for spot in spots}):
        line = _line(text, starts, i)
        words[i] = words_of(line)
        facts = observe(line, words[i])
        take(document.add(i, facts, repairer.choose(facts)))
    take(document.finish())
    return changes


def _line(text: str, starts: list[int], i: int) -> str:
    return text[starts[i] : starts[i + 1] if i + 1 < len(starts) else len(text)]


def _word_changes(
    start: int, line: str, words: list[Word], decided: list[Decision]
) -> list[Change]:
    by_word: dict[int, list[Decision]] = {}
    for decision in decided:
        by_word.setdefault(decision.slot.word, []).append(decision)
    changes = []
    for index, group in sorted(by_word.items()):
        word = words[index]
        parts: list[str] = []  # assembled once: a glued word may hold thousands of pieces
        position = 0
        detail: dict[str, float | str] = {}
        for decision in sorted(group, key=lambda d: d.slot.offset):
            slot = decision.slot
            parts += [word.text[position : slot.offset], decision.after]
            position = slot.offset + len(slot.text)
            detail.update(decision.detail)
        parts.append(word.text[position:])
        text = "".join(parts)
        before = line[word.start : word.end]
        changes.append(Change(start + word.start, start + word.end, before, text, RULE, detail))
    return changes
