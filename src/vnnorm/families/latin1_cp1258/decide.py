"""Deciding the Latin-1/cp1258 repairs: how likely each line is damaged, and each reading.

A piece Vietnamese cannot spell is damage wherever it stands, unless a typo
explains it better; a piece that is real either way is repaired only in a line
judged damaged (evidence.RunModel over the window of lines), and then to the
reading the bigram model prefers by a clear margin.
"""

from __future__ import annotations

import functools
import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from vnnorm.evidence import Echoes, RunModel
from vnnorm.families.latin1_cp1258.lines import (
    KNOWN_COUNT,
    MIN_ATTESTED,
    LineFacts,
    Slot,
    is_split_word,
    markers,
)
from vnnorm.families.latin1_cp1258.readings import Reading, Strength, transliterable
from vnnorm.model import SyllableModel
from vnnorm.orthography import is_syllable
from vnnorm.tokens import model_spelling, nfc

# How much likelier a typo (a word cut short, or a tone typed wrong) must be
# than the repair to be believed.
TYPO_MARGIN = 3.0
# The tone marks, to retype a horned vowel with ("măn" for "mặn").
_TONES = "\u0301\u0300\u0309\u0303\u0323"
_HORNED = "ăơưĂƠƯ"
# The endings a word cut short after its ă ơ ư may have lost ("vă" for "văn").
_CODAS = ("n", "m", "ng", "c", "t", "p", "i", "u")


@dataclass(frozen=True, slots=True)
class Decision:
    slot: Slot
    after: str
    detail: dict[str, float | str]


@dataclass(frozen=True, slots=True)
class Tuning:
    """Weights of the evidence, as log-likelihood ratios; tuned on UD VTB train+dev.

    prior -10: with no other evidence, one ambiguous word must be e^10 (about
    20,000) times likelier repaired than as written before its line counts as
    damaged. Genuine rare words ("ít rơ hơn", mechanical play) sit near e^9.
    lost_vowel 10: only this damage strands a vowel's mark inside a word, so
    one such word makes its line as likely damaged as not, and any other sign
    of damage beside it ("nh́n" and a lone "ḥ") tips the line.
    margin 2: in a damaged line a reading must win by e^2. The targets weigh a
    changed correct word about 6.5 times a missed repair (2 vs 13 per 100k
    words), which puts the break-even at log(6.5) = 1.9.
    """

    impossible: float = 6.0  # a repairable impossible spelling
    lost_vowel: float = 10.0  # a lost vowel's mark inside a word ("nh́n", "c̣n")
    weak: float = 3.0  # a lone letter with a tone mark
    survivor: float = 6.0  # against: each ã õ ý ì ò
    margin: float = 2.0
    runs: RunModel = field(default_factory=lambda: RunModel(prior=-10.0, leave=0.02))


@dataclass(slots=True)
class Candidate:
    at: int
    strength: Strength  # what the piece says, once the model has been asked
    margin: float  # log-odds of the best repair over the text as written (inf: impossible)
    attested: bool  # the repair is a syllable the model or a word list knows
    in_context: bool  # the repair was seen beside one of its neighbours
    typo: bool  # a typo explains the spelling better ("nhà vă", "độ măn")
    echoed: bool = False  # the same repair won clearly at another place nearby


class Repairer:
    """Weighs one line's candidates with the model, what they say of the line's
    damage, and whether each may be repaired given the line's verdict."""

    def __init__(self, model: SyllableModel, tuning: Tuning, window: int) -> None:
        self.model = model
        self.tuning = tuning
        self.window = window

    def _attested(self, spelling: str) -> bool:
        return self.model.attested(spelling.lower(), MIN_ATTESTED)

    def _score(self, slots: list[Slot], at: int, spelling: str) -> float:
        """How well `spelling` fits between the current choices of its neighbours."""
        left = model_spelling(slots[at - 1].choice) if at > 0 and slots[at].joined_left else None
        joined_right = at + 1 < len(slots) and slots[at + 1].joined_left
        right = model_spelling(slots[at + 1].choice) if joined_right else None
        return self.model.context_score(spelling.lower(), left, right)

    def _candidate(
        self, slots: list[Slot], at: int, margin: float, attested: bool, score: float
    ) -> Candidate:
        reading = slots[at].reading
        strength = reading.strength
        in_context = self._seen_together(slots, at)
        if strength is Strength.AMBIGUOUS and not self._known(slots[at].text):
            strength, margin = Strength.IMPOSSIBLE, math.inf  # "măn", "gơ": real only on paper
        elif strength is Strength.WEAK and in_context:
            strength = Strength.IMPOSSIBLE  # "ṛ rỉ" is "rò rỉ", not Sanskrit
        typo = strength is Strength.IMPOSSIBLE and self._typo(slots, at, score)
        return Candidate(at, strength, margin, attested, in_context, typo)

    def _known(self, spelling: str) -> bool:
        """Written often enough, or listed, to be taken as the word it spells."""
        return self.model.attested(spelling.lower(), KNOWN_COUNT)

    def _seen_together(self, slots: list[Slot], at: int) -> bool:
        """Has the model seen the current choice right beside a neighbour?"""
        word = slots[at].choice.lower()
        before = at > 0 and slots[at].joined_left
        if before and self.model.pair_count(model_spelling(slots[at - 1].choice), word):
            return True
        after = at + 1 < len(slots) and slots[at + 1].joined_left
        return after and self.model.pair_count(word, model_spelling(slots[at + 1].choice)) > 0

    def _typo(self, slots: list[Slot], at: int, repaired: float) -> bool:
        """Does a typo explain the written piece better than the repair does,
        by TYPO_MARGIN? Typing drops letters and tones far more often than this
        damage leaves its mark: "nhà vă người" is "nhà văn" cut short, not "nhà
        vã"; "may măn" is "may mắn" without its tone, not "may mãn"."""
        if slots[at].reading.lost_vowel:
            return False  # a mark typed on a consonant is no typo of a letter or tone
        return any(
            self._attested(typed) and self._score(slots, at, typed) > repaired + TYPO_MARGIN
            for typed in _meant(slots[at].text)
        )

    def choose(self, facts: LineFacts) -> list[Candidate]:
        """Best spelling of every suspect if the line is damaged, with its margin.

        Two passes, so that neighbouring suspects see each other's repair.
        """
        slots = facts.slots
        for slot in slots:
            slot.choice = slot.text
        for at in facts.suspects:
            reading = slots[at].reading
            if reading.strength is not Strength.AMBIGUOUS:
                slots[at].choice = reading.options[0]
        found: list[Candidate] = []
        for final in (False, True):
            for at in facts.suspects:
                slot = slots[at]
                options = slot.reading.options
                attested = [o for o in options if self._attested(o)]
                scored = sorted((self._score(slots, at, o), o) for o in attested or options)
                best_score, best = scored[-1]
                if slot.reading.strength is Strength.AMBIGUOUS:
                    written = self._score(slots, at, slot.text)
                    margin = best_score - written if attested else -math.inf
                    slot.choice = best if margin > 0 else slot.text
                else:
                    margin = math.inf
                    slot.choice = best
                if final:
                    found.append(self._candidate(slots, at, margin, bool(attested), best_score))
        return found

    def line_evidence(self, facts: LineFacts, candidates: list[Candidate]) -> float:
        tuning = self.tuning
        evidence = self.clean_letters(facts.survivors + facts.transliteration)
        for candidate in candidates:
            if candidate.strength is Strength.AMBIGUOUS:
                # log(P(written) + P(repair)) - log P(written): what damage adds
                llr = candidate.margin
                evidence += max(llr, 0.0) + math.log1p(math.exp(-abs(llr))) if llr > -50 else 0.0
            elif candidate.strength is Strength.WEAK:
                evidence += tuning.weak
            elif not is_split_word(facts, candidate.at):
                slot = facts.slots[candidate.at]
                if slot.reading.lost_vowel and not candidate.attested:
                    # "qúa" read as "quìa", "gịa" as "giòa": a tone typed one
                    # letter early, far likelier than damage giving an unknown word
                    evidence += tuning.weak
                elif self._lost_vowel_alone(facts, candidate.at):
                    evidence += tuning.lost_vowel
                elif slot.reading.lost_vowel or self._known(slot.choice):
                    evidence += tuning.impossible
                elif candidate.attested:
                    evidence += tuning.weak  # "ã" alone: a letter's name more than a word
        return evidence

    def clean_letters(self, count: int) -> float:
        """What `count` letters the damage cannot leave behind, or that romanise
        Sanskrit, say against a line's damage."""
        return -self.tuning.survivor * count

    @staticmethod
    def _lost_vowel_alone(facts: LineFacts, at: int) -> bool:
        """A lost vowel inside a word ("nh́n") that romanised Sanskrit beside it
        could not have written."""
        return not _transliterated(facts, at) and _lost_vowel_in_word(facts.slots[at].reading)

    def could_change(self, candidates: list[Candidate]) -> bool:
        """Could any of a line's candidates be repaired, however damaged the line?"""
        return any(
            c.strength is not Strength.AMBIGUOUS or c.margin >= self.tuning.margin or c.echoed
            for c in candidates
        )

    def decide_one(
        self, facts: LineFacts, candidate: Candidate, posterior: float
    ) -> Decision | None:
        slot = facts.slots[candidate.at]
        if slot.choice == slot.text or not self._allowed(facts, candidate, posterior > 0.0):
            return None
        return Decision(slot, slot.choice, _detail(candidate, posterior))

    def why_left(self, facts: LineFacts, candidate: Candidate, posterior: float) -> str:
        if _transliterated(facts, candidate.at):
            return "romanised Sanskrit on the line"
        if _foreign(facts):
            return "most of the line's words beyond ASCII spell nothing Vietnamese"
        if candidate.strength is not Strength.AMBIGUOUS:
            return "a typo, a name or a split word explains the spelling as well"
        if candidate.margin < self.tuning.margin and not candidate.echoed:
            return (
                f"real either way, and the repair is not e^{self.tuning.margin:g} likelier"
                " here or in the same word nearby"
            )
        return "real either way, and nothing near it says the text is damaged"

    def _allowed(self, facts: LineFacts, candidate: Candidate, damaged: bool) -> bool:
        """May this candidate be repaired, given whether its line is judged damaged?"""
        reading = facts.slots[candidate.at].reading
        if _transliterated(facts, candidate.at):
            return False  # "pitṛ", "guṇa" beside "mātṛ": romanised Sanskrit
        if _foreign(facts):
            return False  # another language, however damaged the lines around it
        if candidate.strength is Strength.AMBIGUOUS:
            return damaged and (candidate.margin >= self.tuning.margin or candidate.echoed)
        if candidate.strength is Strength.WEAK or damaged:
            return damaged
        # impossible as written, in a line not judged damaged
        if is_split_word(facts, candidate.at) or candidate.typo:
            return False  # "đă ng" is "đăng"; "nhà vă" is "nhà văn"
        if not candidate.attested:
            return False  # a repair must give a known word
        if facts.survivors and not (candidate.in_context or _lost_vowel_in_word(reading)):
            return False  # clean letters around it, and the repair fits nothing: a name, a typo
        if reading.lost_vowel and not _lost_vowel_in_word(reading):
            return not _beside_lone_letters(facts.slots, candidate.at)  # "⟨Ó V́ Ý⟩": letters
        return True


class Document:
    """The lines of one text (or one window of a stream) with candidates, read in
    order, each decided as soon as every line within the window after it is read.

    A line's decision looks at nothing beyond its window: its neighbours'
    evidence, and the repairs settled on them (the echo: a document says the
    same word again, so "vào ngơ" clearly "vào ngõ" makes "mở ngơ mới" a few
    lines on "ngõ" too, evidence.Echoes). So a long damaged text is decided
    exactly as if it were read whole first, while the facts of only a window's
    lines are held at once (of the others, a number or two each); a pile of
    them would outlive the garbage collector's young generations, which would
    then walk it again and again.
    """

    def __init__(
        self, repairer: Repairer, count: int, line: Callable[[int], str], doubts: bool = False
    ) -> None:
        """`count` lines in all; `line(j)` is the text of line j, for the
        markers of a line not read (no spot of this damage) that stands in a
        window. With
        `doubts`, each line's decisions are instead the repairs the model
        prefers that the evidence did not allow, each with the reason it was
        left (`detail["left"]`)."""
        self._repairer = repairer
        self._window = repairer.window
        self._line = line
        self._doubts = doubts
        self._ratios = [1.0] * count  # of damage, each line's (RunModel.ratio)
        self._vietnamese = [False] * count
        self._read = bytearray(count)  # 1: the line's evidence is in
        self._echoes = Echoes(repairer.window)
        self._waiting: deque[_Waiting] = deque()

    def add(self, i: int, facts: LineFacts, candidates: list[Candidate]) -> _Decided:
        """Read line `i` (after every line before it) and its candidates
        (Repairer.choose); the lines this leaves decided, in order, as (line,
        decisions), each line read once."""
        self._note(i, self._repairer.line_evidence(facts, candidates), facts.vietnamese)
        decided = self._decide(lambda w: w.line + self._window < i)
        self._waiting.append(_Waiting(i, facts, candidates, self._settle(i, facts, candidates)))
        return decided

    def finish(self) -> _Decided:
        """The lines still waiting for the lines after them, decided."""
        return self._decide(lambda w: True)

    def _settle(
        self, i: int, facts: LineFacts, candidates: list[Candidate]
    ) -> list[tuple[Candidate, tuple[str, str]]]:
        """Settle each candidate of line `i` the model prefers repaired by the
        margin, and return those it prefers by less: once the window around
        the line is read, each is echoed where its repair is settled in it.
        Capitalised words are left out: a name ("Lư Sơn") and a surname
        damaged from another ("Lý" as "Lư") share a spelling, not a reading."""
        margin = self._repairer.tuning.margin
        unsure = []
        for c in candidates:
            slot = facts.slots[c.at]
            if not _echoes(slot, c) or c.margin <= 0.0:
                continue
            if c.margin >= margin:
                self._echoes.settle((slot.text, slot.choice), i)
            else:
                unsure.append((c, (slot.text, slot.choice)))
        return unsure

    def _decide(self, ready: Callable[[_Waiting], bool]) -> _Decided:
        """Decide the waiting lines, in order, that are `ready`."""
        decided = []
        while self._waiting and ready(self._waiting[0]):
            waiting = self._waiting.popleft()
            for candidate, reading in waiting.unsure:
                candidate.echoed = self._echoes.heard(reading, waiting.line)
            decided.append((waiting.line, self._verdicts(waiting) if self._wanted(waiting) else []))
        return decided

    def _wanted(self, waiting: _Waiting) -> bool:
        """Could a candidate of the line change, however damaged the line? Or,
        for doubts, does the model prefer a repair of one? Only such lines need
        a verdict, and only their windows need evidence: on clean text that is
        almost nothing."""
        if self._doubts:
            return any(_preferred(waiting.facts, c) for c in waiting.candidates)
        return self._repairer.could_change(waiting.candidates)

    def _verdicts(self, waiting: _Waiting) -> list[Decision]:
        i, facts = waiting.line, waiting.facts
        low, high = max(0, i - self._window), min(len(self._read), i + self._window + 1)
        for j in range(low, high):
            if not self._read[j]:
                self._markers_of(j)
        if not any(self._vietnamese[low:high]):
            return []  # no sign of Vietnamese: Romanian "să", Polish "ś"
        repairer = self._repairer
        posterior = repairer.tuning.runs.posterior(self._ratios, i, self._window)
        kept = []
        for candidate in waiting.candidates:
            decision = repairer.decide_one(facts, candidate, posterior)
            slot = facts.slots[candidate.at]
            if not self._doubts and decision is not None:
                kept.append(decision)
            elif self._doubts and decision is None and slot.choice != slot.text:
                detail = _detail(candidate, posterior)
                detail["left"] = repairer.why_left(facts, candidate, posterior)
                kept.append(Decision(slot, slot.choice, detail))
        return kept

    def _markers_of(self, j: int) -> None:
        """The evidence of line `j`, which was not read: its markers alone."""
        survivors, transliteration, vietnamese = markers(self._line(j))
        self._note(j, self._repairer.clean_letters(survivors + transliteration), vietnamese)

    def _note(self, i: int, evidence: float, vietnamese: bool) -> None:
        """Line `i`'s evidence of damage, and whether it shows Vietnamese."""
        self._ratios[i] = RunModel.ratio(evidence)
        self._vietnamese[i] = vietnamese
        self._read[i] = 1


class _Waiting(NamedTuple):
    """A line read, waiting for the window after it."""

    line: int
    facts: LineFacts
    candidates: list[Candidate]
    unsure: list[tuple[Candidate, tuple[str, str]]]  # see Document._settle


_Decided = list[tuple[int, list[Decision]]]


def _preferred(facts: LineFacts, candidate: Candidate) -> bool:
    """Does the model prefer a repair of this candidate to what is written?"""
    slot = facts.slots[candidate.at]
    return slot.choice != slot.text


@functools.lru_cache(maxsize=1 << 12)  # a damaged text spells the same pieces again and again
def _meant(text: str) -> tuple[str, ...]:
    """The syllables a typist may have meant by the piece `text`: the piece with
    its last letters (after a final ă ơ ư), or a tone on its ă ơ ư, left out."""
    typed: list[str] = []
    if text[-1:] in _HORNED:
        typed += (text + (coda.upper() if text.isupper() else coda) for coda in _CODAS)
    for i, letter in enumerate(text):
        if letter in _HORNED:
            typed += (nfc(text[:i] + letter + tone + text[i + 1 :]) for tone in _TONES)
    return tuple(word for word in typed if is_syllable(word.lower()))


def _transliterated(facts: LineFacts, at: int) -> bool:
    """Could the lost vowel read in slot `at` be romanised Sanskrit, as other
    words on its line are ("mātṛ" beside "pitṛ")?"""
    slot = facts.slots[at]
    return bool(facts.transliteration) and slot.reading.lost_vowel and transliterable(slot.text)


def _echoes(slot: Slot, candidate: Candidate) -> bool:
    """May this candidate lend or borrow a reading (Document._settle)?"""
    return candidate.strength is Strength.AMBIGUOUS and slot.text.islower()


def _beside_lone_letters(slots: list[Slot], at: int) -> bool:
    """Is a neighbour a lone letter too, as in a list of letters?"""
    left = at > 0 and slots[at].joined_left and _lone_letter(slots[at - 1].text)
    right = at + 1 < len(slots) and slots[at + 1].joined_left and _lone_letter(slots[at + 1].text)
    return left or right


def _lone_letter(text: str) -> bool:
    return len(text) == 1 and text.isalpha()


def _foreign(facts: LineFacts) -> bool:
    """Do most of the line's words beyond ASCII spell nothing Vietnamese, repaired
    or not? Then it is another language: Romanian "Pe când mă întorceam acasă"
    holds "mă", which only "mã" would make a syllable, beside "când" and "acasă"."""
    return 2 * facts.strangers > facts.beyond_ascii


def _lost_vowel_in_word(reading: Reading) -> bool:
    """A lost vowel's mark on a consonant inside a word ("ḿnh"): nothing else does that."""
    return reading.lost_vowel and len(reading.options[0]) > 2


def _detail(candidate: Candidate, posterior: float) -> dict[str, float | str]:
    detail: dict[str, float | str] = {
        "evidence": candidate.strength.value,
        "p_damaged": round(_sigmoid(posterior), 4),
    }
    if candidate.margin != math.inf:
        detail["log_odds"] = round(candidate.margin, 3)
    if candidate.echoed:
        detail["echo"] = "the same repair wins clearly nearby"
    return detail


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)
