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
from vnnorm.families.latin1_cp1258.decide import Candidate, Decision, Repairer, Tuning
from vnnorm.families.latin1_cp1258.lines import (
    LineFacts,
    candidate_spots,
    count_markers,
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
    by e^margin nearby (Repairer.echo). Where no word of a text is, none is
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
    window = config.evidence_window
    repairer = Repairer(load_model(), TUNING, window)
    facts: dict[int, LineFacts] = {}
    words: dict[int, list[Word]] = {}
    found: dict[int, list[Candidate]] = {}
    for i in sorted({bisect.bisect_right(starts, spot) - 1 for spot in spots}):
        line = _line(text, starts, i)
        words[i] = words_of(line)
        facts[i] = observe(line, words[i])
        found[i] = repairer.choose(facts[i])
    repairer.echo(facts, found)
    # Only lines where something could change need a verdict, and only their
    # windows need evidence: on clean text that is almost nothing.
    if doubts:
        wanted = [i for i, c in found.items() if any(_preferred(facts[i], x) for x in c)]
    else:
        wanted = [i for i, c in found.items() if repairer.could_change(c)]
    for i in wanted:
        for j in range(max(0, i - window), min(len(starts), i + window + 1)):
            if j not in facts:
                facts[j] = LineFacts()
                count_markers(_line(text, starts, j), facts[j])
    changes: list[Change] = []
    for i, decisions in sorted(repairer.decide(facts, found, wanted, len(starts), doubts).items()):
        changes.extend(_word_changes(starts[i], _line(text, starts, i), words[i], decisions))
    return changes


def _preferred(facts: LineFacts, candidate: Candidate) -> bool:
    """Does the model prefer a repair of this candidate to what is written?"""
    slot = facts.slots[candidate.at]
    return slot.choice != slot.text


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
