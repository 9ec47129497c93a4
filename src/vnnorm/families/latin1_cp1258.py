"""Latin-1 text read back as Windows-1258: "đă" for "đã", "c̣n" for "còn".

Reading the bytes of ã õ ý (and capitals) as cp1258 gives ă ơ ư; the bytes of
ì ò Ì Ò give bare tone marks, so the vowel is gone and its mark lands on the
letter before it. See chardata.LATIN1_AS_CP1258.

The repair works on word pieces (a word, or a syllable of a glued word):
- a piece Vietnamese cannot spell ("đă", "lănh", "th́") whose repair is a real
  syllable is damage wherever it stands;
- a piece that is a real syllable either way ("văn"/"vãn", "rơ"/"rõ") is
  repaired only where its line is judged damaged (evidence.RunModel), and then
  to whichever reading the bigram model prefers in context.
A letter the damage cannot leave behind (ã õ ý ì ò) is evidence of clean text.
"""

from __future__ import annotations

import bisect
import enum
import functools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import regex
import unicodedata2

from vnnorm.chardata import (
    DAMAGE_LATIN1_AS_CP1258,
    LETTER_ORIGINS,
    MARK_ORIGINS,
    SURVIVOR_MARKERS,
)
from vnnorm.config import Config
from vnnorm.evidence import RunModel
from vnnorm.model import SyllableModel, load_model
from vnnorm.orthography import Tone, is_syllable, split_tone
from vnnorm.plan import Change
from vnnorm.tokens import (
    NEIGHBOUR_GAP,
    VIETNAMESE_ONLY,
    WORD,
    Word,
    case_pieces,
    nfc,
)

RULE = "latin1_as_cp1258"

_CONSONANTS = frozenset("bcdđghklmnpqrstvx")
_DOT_BELOW = "\N{COMBINING DOT BELOW}"
_ACUTE = "\N{COMBINING ACUTE ACCENT}"
# Onsets written with a vowel letter: a lost vowel may follow it ("gi\u0323n" = giòn).
_VOWEL_ONSETS = {"gi": _DOT_BELOW, "qu": _ACUTE}
# Lone letters with these marks also occur in transliteration (Sanskrit ṛ ḍ ṣ ṭ,
# Polish ś ń ć ź), so alone they are only a hint of damage.
_TRANSLITERATED = {_DOT_BELOW: frozenset("dhlmnrst"), _ACUTE: frozenset("cnsz")}

# Below this count in the model a syllable is not trusted as a repair unless
# its line is judged damaged anyway.
MIN_ATTESTED = 3
# A spelling written this often (or listed) is a word in its own right, so that
# "văn" may stand for itself; rarer ones ("măn") are read as damage.
KNOWN_COUNT = 10
# How much likelier a word cut short must be than the repair to be believed.
TRUNCATION_MARGIN = 3.0
MAX_SYLLABLE = 8  # code points; "nghiêng" has 7


def _marked_consonants() -> str:
    """Precomposed letters that are a consonant carrying a lost vowel's mark (ḿ ǵ ḥ …)."""
    found = []
    for consonant in sorted(_CONSONANTS) + sorted(c.upper() for c in _CONSONANTS):
        for mark in MARK_ORIGINS:
            composed = unicodedata2.normalize("NFC", consonant + mark)
            if len(composed) == 1:
                found.append(composed)
    return "".join(found)


# A word worth a closer look holds something the damage produces.
SUSPECT = regex.compile(
    "[" + "".join(LETTER_ORIGINS) + "".join(MARK_ORIGINS) + _marked_consonants() + "]"
    "|[gG][\N{LATIN SMALL LETTER I WITH DOT BELOW}\N{LATIN CAPITAL LETTER I WITH DOT BELOW}]"
    "|[qQ][\N{LATIN SMALL LETTER U WITH ACUTE}\N{LATIN CAPITAL LETTER U WITH ACUTE}]"
    "|[gG][iI]\N{COMBINING DOT BELOW}|[qQ][uU]\N{COMBINING ACUTE ACCENT}"
)
SURVIVOR = regex.compile("[" + "".join(sorted(SURVIVOR_MARKERS)) + "]")
# Long vowels and ṅ of romanised Sanskrit, Pali, Arabic …: the damage never makes
# them, and where they are, ṛ ḍ ṣ ṭ ṇ are transliteration too.
# Devanagari and other Indic script beside them says the same.
TRANSLITERATION = regex.compile(
    "[\u0100\u0101\u0112\u0113\u012a\u012b\u014c\u014d\u016a\u016b"
    "\u1e44\u1e45\u1e5c\u1e5d\u1e38\u1e39\u0900-\u0dff]"
)
# Spellings with ă only Vietnamese writes (Romanian has "să", "căi", "trăi", "său",
# but no ăy, ăo, ănh, and no ng, nh, kh, ph, th before ă).
_VIETNAMESE_BREVE = regex.compile("(?i)\u0103(?:y|o|nh|ch)|(?:ng|nh|kh|ph|th)\u0103")

# Words, and a lost vowel's mark standing where a word starts ("ì ạch", "chình ình").
_WORDS = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])[{''.join(MARK_ORIGINS)}](?:{WORD.pattern})?|{WORD.pattern}"
)
_NEWLINE = regex.compile("\n")

# Where the damage may have struck, found in one pass so that clean lines cost
# nothing more: (1) a whole word without a tone mark that holds ă ơ ư, which
# `_worth_a_look` checks against the spellings damage produces; (2) ă ơ ư right
# before a consonant no syllable ends with, a glued word ("kưhiệu", "MĂSỐ");
# (3) a tone mark after a consonant or where a word starts, precomposed or not;
# (4) ă ơ ư written decomposed. The stdlib `re` is several times faster than
# `regex` here; its \w is Unicode-aware.
_TONELESS = "a-zA-Z\u0110\u0111\u0102\u0103\u00c2\u00e2\u00ca\u00ea\u00d4\u00f4\u01a0\u01a1\u01af\u01b0"
_HORNS = "".join(LETTER_ORIGINS)
_MARKS = "".join(MARK_ORIGINS)
_CONSONANT_LETTERS = "".join(sorted(_CONSONANTS)) + "".join(sorted(_CONSONANTS)).upper()
CANDIDATE = re.compile(
    rf"(?P<word>(?<!\w)[{_TONELESS}]*[{_HORNS}][{_TONELESS}]*(?!\w))"
    rf"|[{_HORNS}](?=[bdđghklqrsvxBDĐGHKLQRSVX])"
    rf"|(?:(?<=[{_CONSONANT_LETTERS}])|(?<!\w))[{_MARKS}]"
    rf"|[{_marked_consonants()}]"
    "|[gG][\N{LATIN SMALL LETTER I WITH DOT BELOW}\N{LATIN CAPITAL LETTER I WITH DOT BELOW}]"
    "|[qQ][\N{LATIN SMALL LETTER U WITH ACUTE}\N{LATIN CAPITAL LETTER U WITH ACUTE}]"
    "|[gG][iI]\N{COMBINING DOT BELOW}|[qQ][uU]\N{COMBINING ACUTE ACCENT}"
    "|[aAoOuU][\N{COMBINING BREVE}\N{COMBINING HORN}]"
)


def _worth_a_look(match: re.Match[str]) -> bool:
    word = match.group("word")
    if word is None:
        return True
    lower = word.lower()
    return lower in damaged_spellings() or not is_syllable(lower)


@functools.lru_cache(maxsize=1)
def damaged_spellings() -> frozenset[str]:
    """How the damage spells every syllable the model knows that holds ã õ ý."""
    model = load_model()
    return frozenset(
        word.translate(DAMAGE_LATIN1_AS_CP1258)
        for word in model.vocabulary
        if any(c in word for c in "ãõý") and model.attested(word, MIN_ATTESTED)
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


_NOTHING = Reading((), Strength.AMBIGUOUS, False)


def _restore_vowels(piece: str) -> str | None:
    """Put back each vowel whose tone mark was left on the letter before it."""
    decomposed = unicodedata2.normalize("NFD", piece)
    out: list[str] = []
    changed = False
    for char in decomposed:
        vowel = MARK_ORIGINS.get(char)
        before = out[-1].lower() if out else ""
        onset = "".join(out[-2:]).lower()
        stranded = not out or before in _CONSONANTS or _VOWEL_ONSETS.get(onset) == char
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
    if len(decomposed) == 2 and decomposed[0].lower() in _TRANSLITERATED.get(decomposed[1], ()):
        return Strength.WEAK
    return Strength.IMPOSSIBLE


@functools.lru_cache(maxsize=1 << 16)
def read_piece(piece: str) -> Reading:
    """The readings of one NFC piece, from orthography alone."""
    if len(piece) > 2 * MAX_SYLLABLE:
        return _NOTHING  # no syllable is this long; glued words are cut up first
    valid = is_syllable(piece)
    restored = _restore_vowels(piece)
    if restored is not None:
        if not is_syllable(restored):
            return _NOTHING
        if valid:
            return Reading((restored,), Strength.AMBIGUOUS, True)
        return Reading((restored,), _lost_vowel_strength(piece), True)
    split = split_tone(piece.lower())
    if split is None or split[1] is not Tone.LEVEL:
        return _NOTHING  # a syllable has one tone: a toned one lost no ã õ ý
    options = []
    for i, char in enumerate(piece):
        origin = LETTER_ORIGINS.get(char)
        if origin is not None:
            option = piece[:i] + origin + piece[i + 1 :]
            if is_syllable(option):
                options.append(option)
    if not options:
        return _NOTHING
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
    impossible = any(read_piece(p).strength is not Strength.AMBIGUOUS for _, p in parts)
    if end or len(parts) < 2 or not impossible:
        return [(0, piece)]
    return parts


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
    vietnamese: int = 0  # letters only Vietnamese uses, and vowels put back
    suspects: list[int] = field(default_factory=list)  # indexes into slots


def count_markers(line: str, facts: LineFacts) -> None:
    """Count the letters that tell clean from damaged, and Vietnamese from not."""
    facts.survivors = len(SURVIVOR.findall(line))
    facts.transliteration = len(TRANSLITERATION.findall(line))
    facts.vietnamese = len(VIETNAMESE_ONLY.findall(line))


def observe(line: str, words: Sequence[Word]) -> LineFacts:
    """Slots, suspects and marker counts of one line."""
    facts = LineFacts()
    count_markers(line, facts)
    previous_end: int | None = None
    for index, word in enumerate(words):
        text = word.text
        joined = previous_end is not None and bool(
            NEIGHBOUR_GAP.fullmatch(line, previous_end, word.start)
        )
        previous_end = word.end
        if not SUSPECT.search(text):
            facts.slots.append(Slot(index, 0, text, _NOTHING, joined))
            continue
        pieces = split_glued(text)
        for offset, piece in pieces:
            reading = read_piece(piece)
            if len(pieces) > 1 and reading.strength is Strength.AMBIGUOUS:
                reading = _NOTHING  # inside a glued word only the impossible is damage
            if reading.options:
                facts.suspects.append(len(facts.slots))
                if reading.strength is Strength.IMPOSSIBLE and (
                    reading.lost_vowel or _VIETNAMESE_BREVE.search(piece)
                ):
                    facts.vietnamese += 1  # "ḿnh", "c̣n", "lănh": no other language writes these
            facts.slots.append(Slot(index, offset, piece, reading, joined or offset > 0))
    return facts


def _is_split_word(facts: LineFacts, at: int) -> bool:
    """'đă ng' is 'đăng' with a stray space, not damage."""
    if at + 1 >= len(facts.slots):
        return False
    after = facts.slots[at + 1]
    if not after.joined_left or after.text[:1].lower() not in _CONSONANTS:
        return False
    return not is_syllable(after.text) and is_syllable(facts.slots[at].text + after.text)


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
    margin 2: in a damaged line a reading must win by e^2. The targets weigh a
    changed correct word about 6.5 times a missed repair (2 vs 13 per 100k
    words), which puts the break-even at log(6.5) = 1.9.
    """

    impossible: float = 6.0  # a repairable impossible spelling
    weak: float = 3.0  # a lone letter with a tone mark
    survivor: float = 6.0  # against: each ã õ ý ì ò
    margin: float = 2.0
    runs: RunModel = RunModel(prior=-10.0, leave=0.02)


@dataclass(slots=True)
class _Candidate:
    at: int
    strength: Strength  # what the piece says, once the model has been asked
    margin: float  # log-odds of the best repair over the text as written (inf: impossible)
    attested: bool  # the repair is a syllable the model or a word list knows
    in_context: bool  # the repair was seen beside one of its neighbours
    typo: bool  # a letter missing at the end explains the spelling better ("nhà vă")


class Repairer:
    """Decides the repairs of one document (or one window of a stream)."""

    def __init__(self, model: SyllableModel, tuning: Tuning, window: int) -> None:
        self.model = model
        self.tuning = tuning
        self.window = window

    def _attested(self, spelling: str) -> bool:
        return self.model.attested(spelling.lower(), MIN_ATTESTED)

    def _score(self, slots: list[Slot], at: int, spelling: str) -> float:
        """log P(spelling | left neighbour) + log P(right neighbour | spelling)."""
        model = self.model
        word = spelling.lower()
        left = slots[at - 1].choice.lower() if at > 0 and slots[at].joined_left else None
        score = model.logp(word, left)
        if at + 1 < len(slots) and slots[at + 1].joined_left:
            score += model.logp(slots[at + 1].choice.lower(), word)
        return score

    def _candidate(
        self, slots: list[Slot], at: int, margin: float, attested: bool, score: float
    ) -> _Candidate:
        reading = slots[at].reading
        strength = reading.strength
        in_context = self._seen_together(slots, at)
        if strength is Strength.AMBIGUOUS and not self._known(slots[at].text):
            strength, margin = Strength.IMPOSSIBLE, math.inf  # "măn", "gơ": real only on paper
        elif strength is Strength.WEAK and in_context:
            strength = Strength.IMPOSSIBLE  # "ṛ rỉ" is "rò rỉ", not Sanskrit
        typo = strength is Strength.IMPOSSIBLE and self._truncated(slots, at, score)
        return _Candidate(at, strength, margin, attested, in_context, typo)

    def _known(self, spelling: str) -> bool:
        """Written often enough, or listed, to be taken as the word it spells."""
        return self.model.attested(spelling.lower(), KNOWN_COUNT)

    def _seen_together(self, slots: list[Slot], at: int) -> bool:
        """Has the model seen the current choice right beside a neighbour?"""
        word = slots[at].choice.lower()
        if at > 0 and slots[at].joined_left:
            if self.model.pair_count(slots[at - 1].choice.lower(), word):
                return True
        if at + 1 < len(slots) and slots[at + 1].joined_left:
            if self.model.pair_count(word, slots[at + 1].choice.lower()):
                return True
        return False

    def _truncated(self, slots: list[Slot], at: int, repaired: float) -> bool:
        """Does the written piece read better as a syllable with its last letters lost?

        "nhà vă người" is "nhà văn" cut short, not "nhà vã"; typing drops letters
        far more often than it adds a breve.
        """
        text = slots[at].text
        if text[-1:].lower() not in "ăơư" or slots[at].reading.lost_vowel:
            return False
        for coda in ("n", "m", "ng", "c", "t", "p", "i", "u"):
            longer = text + (coda.upper() if text.isupper() else coda)
            if (
                is_syllable(longer)
                and self._attested(longer)
                and self._score(slots, at, longer) > repaired + TRUNCATION_MARGIN
            ):
                return True
        return False

    def choose(self, facts: LineFacts) -> list[_Candidate]:
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
        found: list[_Candidate] = []
        for final in (False, True):
            for at in facts.suspects:
                slot = slots[at]
                options = slot.reading.options
                attested = [o for o in options if self._attested(o)]
                scored = sorted(((self._score(slots, at, o), o) for o in attested or options))
                best_score, best = scored[-1]
                if slot.reading.strength is Strength.AMBIGUOUS:
                    margin = best_score - self._score(slots, at, slot.text) if attested else -math.inf
                    slot.choice = best if margin > 0 else slot.text
                else:
                    margin = math.inf
                    slot.choice = best
                if final:
                    found.append(self._candidate(slots, at, margin, bool(attested), best_score))
        return found

    def line_evidence(self, facts: LineFacts, candidates: list[_Candidate]) -> float:
        tuning = self.tuning
        evidence = -tuning.survivor * (facts.survivors + facts.transliteration)
        for candidate in candidates:
            if candidate.strength is Strength.AMBIGUOUS:
                # log(P(written) + P(repair)) - log P(written): what damage adds
                llr = candidate.margin
                evidence += max(llr, 0.0) + math.log1p(math.exp(-abs(llr))) if llr > -50 else 0.0
            elif candidate.strength is Strength.WEAK:
                evidence += tuning.weak
            elif not _is_split_word(facts, candidate.at):
                slot = facts.slots[candidate.at]
                if slot.reading.lost_vowel or self._known(slot.choice):
                    evidence += tuning.impossible
                elif candidate.attested:
                    evidence += tuning.weak  # "ã" alone: a letter's name more than a word
        return evidence

    def decide(self, lines: Mapping[int, LineFacts], count: int) -> dict[int, list[Decision]]:
        """Decisions for every line with suspects; `lines` must also hold the
        lines within the window around them (`count` lines in all)."""
        evidence = [0.0] * count
        vietnamese = [0] * count
        candidates: dict[int, list[_Candidate]] = {}
        for i, facts in lines.items():
            found = self.choose(facts) if facts.suspects else []
            evidence[i] = self.line_evidence(facts, found)
            vietnamese[i] = facts.vietnamese
            if found:
                candidates[i] = found
        posteriors = self.tuning.runs.posteriors(evidence, candidates, self.window)
        decisions: dict[int, list[Decision]] = {}
        for i, found in candidates.items():
            low, high = max(0, i - self.window), i + self.window + 1
            if not any(vietnamese[low:high]):
                continue  # no sign of Vietnamese: Romanian "să", Polish "ś"
            decided = [self._decide_one(lines[i], c, posteriors[i]) for c in found]
            decisions[i] = [d for d in decided if d is not None]
        return decisions

    def _decide_one(
        self, facts: LineFacts, candidate: _Candidate, posterior: float
    ) -> Decision | None:
        slot = facts.slots[candidate.at]
        if slot.choice == slot.text or not self._allowed(facts, candidate, posterior > 0.0):
            return None
        detail: dict[str, float | str] = {
            "evidence": candidate.strength.value,
            "p_damaged": round(_sigmoid(posterior), 4),
        }
        if candidate.margin != math.inf:
            detail["log_odds"] = round(candidate.margin, 3)
        return Decision(slot, slot.choice, detail)

    def _allowed(self, facts: LineFacts, candidate: _Candidate, damaged: bool) -> bool:
        """May this candidate be repaired, given whether its line is judged damaged?"""
        reading = facts.slots[candidate.at].reading
        if facts.transliteration and reading.lost_vowel:
            return False  # "pitṛ", "guṇa" beside "mātṛ": romanised Sanskrit
        if candidate.strength is Strength.AMBIGUOUS:
            return damaged and candidate.margin >= self.tuning.margin
        if candidate.strength is Strength.WEAK or damaged:
            return damaged
        # impossible as written, in a line not judged damaged
        if _is_split_word(facts, candidate.at) or candidate.typo:
            return False  # "đă ng" is "đăng"; "nhà vă" is "nhà văn"
        if not (candidate.attested or reading.lost_vowel):
            return False  # a lost ã õ ý must give a known word
        if facts.survivors and not (candidate.in_context or _lost_vowel_in_word(reading)):
            return False  # clean letters around it, and the repair fits nothing: a name, a typo
        if reading.lost_vowel and not _lost_vowel_in_word(reading):
            return not _beside_lone_letters(facts.slots, candidate.at)  # "⟨Ó V́ Ý⟩": letters
        return True


def _beside_lone_letters(slots: list[Slot], at: int) -> bool:
    """Is a neighbour a lone letter too, as in a list of letters?"""
    left = at > 0 and slots[at].joined_left and len(slots[at - 1].text) == 1
    right = at + 1 < len(slots) and slots[at + 1].joined_left and len(slots[at + 1].text) == 1
    return left or right


def _lost_vowel_in_word(reading: Reading) -> bool:
    """A lost vowel's mark on a consonant inside a word ("ḿnh"): nothing else does that."""
    return reading.lost_vowel and len(reading.options[0]) > 2


TUNING = Tuning()


def repair(text: str, config: Config) -> list[Change]:
    """The fixer: changes that undo this damage in `text`."""
    spots = [m.start() for m in CANDIDATE.finditer(text) if _worth_a_look(m)]
    if not spots:
        return []
    starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
    if starts[-1] == len(text) and len(starts) > 1:
        starts.pop()  # a final newline does not start a line
    window = config.evidence_window
    suspect_lines = sorted({bisect.bisect_right(starts, spot) - 1 for spot in spots})
    needed = sorted(
        {j for i in suspect_lines for j in range(max(0, i - window), min(len(starts), i + window + 1))}
    )
    suspects = set(suspect_lines)
    facts: dict[int, LineFacts] = {}
    words: dict[int, list[Word]] = {}
    for i in needed:
        line = _line(text, starts, i)
        if i in suspects:
            words[i] = [Word(m.start(), m.end(), nfc(m.group())) for m in _WORDS.finditer(line)]
            facts[i] = observe(line, words[i])
        else:
            facts[i] = LineFacts()
            count_markers(line, facts[i])
    repairer = Repairer(load_model(), TUNING, window)
    changes: list[Change] = []
    for i, decided in sorted(repairer.decide(facts, len(starts)).items()):
        changes.extend(_word_changes(starts[i], _line(text, starts, i), words[i], decided))
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
        text = word.text
        detail: dict[str, float | str] = {}
        for decision in sorted(group, key=lambda d: -d.slot.offset):
            slot = decision.slot
            text = text[: slot.offset] + decision.after + text[slot.offset + len(slot.text) :]
            detail.update(decision.detail)
        before = line[word.start : word.end]
        changes.append(Change(start + word.start, start + word.end, before, text, RULE, detail))
    return changes


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


__all__ = [
    "RULE",
    "SUSPECT",
    "Decision",
    "LineFacts",
    "Repairer",
    "Strength",
    "Tuning",
    "count_markers",
    "observe",
    "read_piece",
    "repair",
]
