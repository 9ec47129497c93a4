"""Deciding the Latin-1/cp1258 repairs: how likely each line is damaged, and each reading.

A piece Vietnamese cannot spell is damage wherever it stands, unless a typo
explains it better; a piece that is real either way is repaired only in a line
judged damaged (evidence.RunModel over the window of lines), and then to the
reading the bigram model prefers by a clear margin.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from vnnorm.evidence import Echoes, RunModel
from vnnorm.families.latin1_cp1258.lines import (
    KNOWN_COUNT,
    MIN_ATTESTED,
    LineFacts,
    Slot,
    is_split_word,
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
    """Decides the repairs of one document (or one window of a stream)."""

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
        evidence = -tuning.survivor * (facts.survivors + facts.transliteration)
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

    def echo(self, lines: Mapping[int, LineFacts], found: Mapping[int, list[Candidate]]) -> None:
        """Mark each candidate the model prefers repaired, by less than the margin,
        whose same repair wins by the margin at another place within the window.

        A document says the same word again: "vào ngơ" is clearly "vào ngõ",
        so "mở ngơ mới" a few lines on, where the bigrams lean the same way
        by less, is "ngõ" too (evidence.Echoes).
        Capitalised words are left out: a name ("Lư Sơn") and a surname
        damaged from another ("Lý" as "Lư") share a spelling, not a reading.
        """
        margin = self.tuning.margin
        settled = Echoes(self.window)
        unsure = []
        for i, candidates in found.items():
            for c in candidates:
                slot = lines[i].slots[c.at]
                if not _echoes(slot, c) or c.margin <= 0.0:
                    continue
                if c.margin >= margin:
                    settled.settle((slot.text, slot.choice), i)
                else:
                    unsure.append((i, c, (slot.text, slot.choice)))
        for i, c, reading in unsure:
            c.echoed = settled.heard(reading, i)

    def decide(
        self,
        lines: Mapping[int, LineFacts],
        candidates: Mapping[int, list[Candidate]],
        verdicts: Iterable[int],
        count: int,
        doubts: bool = False,
    ) -> dict[int, list[Decision]]:
        """Decisions for the lines in `verdicts`. `lines` holds every line within
        the window around them and `candidates` what was found in each line with
        suspects (`count` lines in the text). With `doubts`, instead, the repairs
        the model prefers that the evidence did not allow, each with the reason
        it was left (`detail["left"]`)."""
        found: dict[int, list[Decision]] = {}
        for i, candidate, posterior, decision in self._outcomes(lines, candidates, verdicts, count):
            kept = found.setdefault(i, [])
            slot = lines[i].slots[candidate.at]
            if not doubts and decision is not None:
                kept.append(decision)
            elif doubts and decision is None and slot.choice != slot.text:
                detail = _detail(candidate, posterior)
                detail["left"] = self._why_left(lines[i], candidate, posterior)
                kept.append(Decision(slot, slot.choice, detail))
        return found

    def _outcomes(
        self,
        lines: Mapping[int, LineFacts],
        candidates: Mapping[int, list[Candidate]],
        verdicts: Iterable[int],
        count: int,
    ) -> Iterator[tuple[int, Candidate, float, Decision | None]]:
        """Each candidate of the lines in `verdicts`, its line's log-odds of damage,
        and the decision on it (None: left as written)."""
        evidence = [0.0] * count
        vietnamese = [0] * count
        for i, facts in lines.items():
            evidence[i] = self.line_evidence(facts, candidates.get(i, []))
            vietnamese[i] = facts.vietnamese
        wanted = list(verdicts)
        posteriors = self.tuning.runs.posteriors(evidence, wanted, self.window)
        for i in wanted:
            low, high = max(0, i - self.window), i + self.window + 1
            if not any(vietnamese[low:high]):
                continue  # no sign of Vietnamese: Romanian "să", Polish "ś"
            for candidate in candidates[i]:
                decided = self._decide_one(lines[i], candidate, posteriors[i])
                yield i, candidate, posteriors[i], decided

    def _decide_one(
        self, facts: LineFacts, candidate: Candidate, posterior: float
    ) -> Decision | None:
        slot = facts.slots[candidate.at]
        if slot.choice == slot.text or not self._allowed(facts, candidate, posterior > 0.0):
            return None
        return Decision(slot, slot.choice, _detail(candidate, posterior))

    def _why_left(self, facts: LineFacts, candidate: Candidate, posterior: float) -> str:
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
    """May this candidate lend or borrow a reading (Repairer.echo)?"""
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
