"""Text saved in cp1252, which lost what the code page cannot hold.

"Vui lòng nhập mã sản phẩm" saved as cp1252 (then read as cp1258) becomes
"Vui ḷng nh?p mă s?n ph?m": Windows writes a best-fit letter where it has one
(đ→d, ă→a, ơ→o, ư→u, ĩ→i, ũ→u), "?" for the rest (ạ ả ấ … ỹ), and the cp1258
reader then does what latin1_cp1258 describes to ã õ ý ì ò.

A "?" between letters, or after letters and before a lower-case word, marks a
line with this damage, unless the line holds a letter such a line cannot show
(ạ ế ờ …, ã õ ý: "trả lại cho? họ" is a stray question mark). There every word
is read as each syllable the model knows that this damage writes the same way
("nh?p" → nhập, nhấp, nhịp …; "dă" → đã, dã; "de" → de, đe; "cho?" → choẹ, or
"cho" and a question mark, which ends a clause), and the syllables of a
phrase are weighed together with the bigram model: each reading by its
probability summed over every reading of its neighbours (forward-backward), so
a neighbour that is itself a guess ("xua h?") vouches for no one reading.
cp1252 holds no ă ơ ư, so in such a line they are the bytes of ã õ ý ("dơi" is
"dõi"). A word is changed only when its best reading beats every other by
`MIN_LOG_ODDS`; explain
mode marks a change a guess where it fills in letters the bytes no longer hold.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from vnnorm.chardata import DAMAGE_LATIN1_AS_CP1258
from vnnorm.config import Config
from vnnorm.evidence import Echoes
from vnnorm.families.utf8_mojibake import reading as reading_of_bytes
from vnnorm.model import SyllableModel, load_model
from vnnorm.orthography import is_syllable
from vnnorm.plan import Change, Doubt
from vnnorm.tokens import (
    BOUNDARY,
    NUMBER,
    break_after,
    context_before,
    model_spelling,
    neighbours,
    nfc,
)

RULE = "lossy_cp1252"
MIN_LOG_ODDS = 4.0  # a guess must be e^4 (about 55) times likelier than any other reading
# A guess on a capitalised word the bytes spell as a real syllable ("Nhu" → "Như",
# "Van" → "Văn") may be wrong about a name, which the case-folded bigram model
# knows nothing about: it must be e^8.
MIN_LOG_ODDS_NAME = 8.0
MIN_COUNT = 3
# A reading that leads by e^3 is taken where the same word settles to it within
# the evidence window (tuned on UD VTB dev: +475 right for +19 wrong guesses).
ECHO_LEAN = 3.0
# Weight of what the word two places back says (SyllableModel.far_score) about
# a word with lost letters, in a phrase of three or more words. Tuned on UD VTB
# dev and train: 0.3 gains 261 right words on dev for 3 wrong ones, and 169 on
# train for 17; 0.5 would gain 157 and 105 more for 21 and 10 more wrong, one
# wrong guess for every 7 to 10 right, which a reader notices more.
FAR_WEIGHT = 0.3
# Readings per word (the likeliest by their neighbours alone) weighed with the
# word two places back as well: the rest hardly ever win, and each one more
# costs a phrase of n words about n times the square of this.
BEAM = 6

# Windows' best-fit letters for Vietnamese ones cp1252 lacks (bestfit1252.txt).
BEST_FIT = {
    "\N{LATIN SMALL LETTER A WITH BREVE}": "a",
    "\N{LATIN CAPITAL LETTER A WITH BREVE}": "A",
    "\N{LATIN SMALL LETTER D WITH STROKE}": "d",
    "\N{LATIN CAPITAL LETTER D WITH STROKE}": "D",
    "\N{LATIN SMALL LETTER O WITH HORN}": "o",
    "\N{LATIN CAPITAL LETTER O WITH HORN}": "O",
    "\N{LATIN SMALL LETTER U WITH HORN}": "u",
    "\N{LATIN CAPITAL LETTER U WITH HORN}": "U",
    "\N{LATIN SMALL LETTER I WITH TILDE}": "i",
    "\N{LATIN CAPITAL LETTER I WITH TILDE}": "I",
    "\N{LATIN SMALL LETTER U WITH TILDE}": "u",
    "\N{LATIN CAPITAL LETTER U WITH TILDE}": "U",
}


_BEST_FIT = str.maketrans(BEST_FIT)


def damage(text: str) -> str:
    """Save as cp1252 with best fit and read back as cp1258 (for tests and benchmarks)."""
    return text.translate(_BEST_FIT).encode("cp1252", "replace").decode("cp1258")


@functools.lru_cache(maxsize=1)
def _readings() -> dict[str, tuple[str, ...]]:
    """How this damage writes a syllable (NFC, lower case) → the syllables the
    model knows that it may be. In capitals too: the bytes of Ì Ò read as other
    marks than those of ì ò ("ĐÌNH" is "D̀NH", "đình" is "d́nh")."""
    model = load_model()
    index: defaultdict[str, list[str]] = defaultdict(list)
    for word in model.syllables():
        if model.attested(word, MIN_COUNT):
            for shape in {nfc(damage(word)), nfc(damage(word.upper())).lower()}:
                index[shape].append(word)
    return {shape: tuple(words) for shape, words in index.items()}


# A lost letter: "?" inside a word, or ending one before a lower-case word (a
# question mark ends a sentence; the next word starts with a capital). Not one
# that opens a query ("search?q=ha+noi", "?id=5&cat=1": a name, then "=").
# found from the "?", not from every letter before one (100x faster on clean text)
_LOST = re.compile(r"\?(?<=[^\W\d_]\?)(?![\w.~%+-]*=)(?:[^\W\d_]|[ \t]+([^\W\d_]))")


_CP1258_ONLY = re.compile("[\u0103\u01a1\u01b0]")  # ă ơ ư, which cp1252 cannot hold
_INSIDE = re.compile(r"[^\W\d_]\?[^\W\d_]")  # a "?" inside a word: "nh?p"


@functools.cache
def _unsaveable() -> re.Pattern[str]:
    """Vietnamese letters a line saved as cp1252 and read as cp1258 cannot show
    (ạ ế ờ ữ … and ã õ ý ì ò, whose bytes read as ă ơ ư and bare marks); "ọ" can:
    NFC makes it of "oò". A line holding one was never through cp1252 whole."""
    shown = set(reading_of_bytes("cp1258")) | {"\u1ecd", "\u1ecc"}
    letters = {
        unicodedata.normalize("NFC", base + mark)
        for base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
        for mark in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
    }
    return re.compile(
        "[" + "".join(sorted(c for c in letters if len(c) == 1 and c not in shown)) + "]"
    )


_WORD = re.compile(r"(?:[^\W\d_][\u0300-\u036f]*)+(?:\?(?:[^\W\d_][\u0300-\u036f]*)*)*")
# Numbers are neighbours too, as the model counts them: "l?c 10 gi?" is "lúc 10 giờ".
_WORD_OR_NUMBER = re.compile(f"{_WORD.pattern}|{NUMBER.pattern}")


@dataclass(slots=True)
class _Position:
    start: int
    end: int
    written: str
    options: tuple[str, ...]  # lower-case readings; the written word (lower) when fixed
    joined_left: bool


def _match_case(written: str, lower: str, capitals: bool) -> str:
    """`lower` in the case of `written`, on a line all in capitals if `capitals`.

    Letters only: "V?" (a lost "ề" after "V") is one capital, so "Về", not "VỀ",
    unless the line around it is in capitals.
    """
    if written.isupper() and (capitals or sum(c.isalpha() for c in written) > 1):
        return lower.upper()
    if written[:1].isupper():
        return lower[:1].upper() + lower[1:]
    return lower


def _positions(line: str, readings: dict[str, tuple[str, ...]]) -> list[_Position]:
    positions: list[_Position] = []
    previous_end: int | None = None
    matches = list(_WORD_OR_NUMBER.finditer(line))
    # cp1252 holds no ă ơ ư: where a word has lost a letter and every word is a
    # shape this damage writes, its ă ơ ư are the bytes of ã õ ý ("lư" is "lý")
    whole = bool(_INSIDE.search(line)) and all(
        m.group().isascii() or nfc(m.group().lower()) in readings for m in matches
    )
    for match in matches:
        written = match.group()
        lower = _as_model_spells(written)
        known = readings.get(lower, ())
        # a spelling with no "?" may be just what it says ("de", "an"), unless
        # Vietnamese cannot spell it ("ḥ" is "hò" whose "ò" became a dot below)
        # or the line cannot hold it ("lư" for "lý")
        # "cho?" before a word may be "cho" and a question mark, weighed as one
        as_written = (
            not known
            or _asked(lower)
            or (
                "?" not in lower
                and is_syllable(lower)
                and not (whole and _CP1258_ONLY.search(lower))
            )
        )
        options = (lower, *(k for k in known if k != lower)) if as_written else known
        joined = previous_end is not None and neighbours(line, previous_end, match.start())
        positions.append(_Position(match.start(), match.end(), written, options, joined))
        previous_end = match.end()
    return positions


@functools.lru_cache(maxsize=1 << 14)  # asked of each option beside each of its neighbours
def _asked(option: str) -> bool:
    """Is `option` a syllable and a question mark after it ("cho?")?"""
    return option.find("?") == len(option) - 1 > 0 and is_syllable(option[:-1])


def _entered(model: SyllableModel, option: str, before: str | None) -> float:
    """log P of `option` after `before`; a question ("cho?", `_asked`) is its
    word and then a break."""
    if _asked(option):
        return model.logp(option[:-1], before) + model.logp(BOUNDARY, option[:-1])
    return model.logp(option, before)


def _left_by(option: str) -> str:
    """The context `option` gives the word after it."""
    return BOUNDARY if _asked(option) else option


def _as_model_spells(written: str) -> str:
    return model_spelling(written) if written.isdecimal() else nfc(written.lower())


def _logsumexp(values: list[float]) -> float:
    top = max(values)
    if top == -math.inf:
        return top
    return top + math.log(sum([math.exp(v - top) for v in values]))  # a list: sum reads it faster


def _best_paths(
    model: SyllableModel, run: list[_Position], before: str | None, closed: bool
) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """Posterior log-probabilities (forward-backward) of every option at every
    position. `before`: BOUNDARY where a break or the line's start comes before
    the run; `closed`: a break comes after it. Both are evidence, as the model
    counts them: a clause ends after "chết" far oftener than after "chất".

    First each word is weighed beside its neighbours alone; in a run of three
    words or more, then again among its BEAM likeliest options with the word
    two places back too (`_with_skip_pairs`). Both are returned: the second
    reads the letters a word lost, the first weighs all else (`_guesses`)."""
    steps = [_steps(model, left.options, right.options) for left, right in pairwise(run)]
    neighbours = _by_neighbours(model, [p.options for p in run], steps, before, closed)
    if len(run) < 3:
        return neighbours, neighbours
    beam = [sorted(scores, key=scores.__getitem__, reverse=True)[:BEAM] for scores in neighbours]
    return _with_skip_pairs(model, beam, steps, before, closed), neighbours


def _by_neighbours(
    model: SyllableModel,
    options: list[Sequence[str]],
    steps: list[dict[str, dict[str, float]]],
    before: str | None,
    closed: bool,
) -> list[dict[str, float]]:
    """`_best_paths` with each word weighed beside its neighbours alone."""
    forward = [{option: _entered(model, option, before) for option in options[0]}]
    for row, step in zip(options[1:], steps, strict=True):
        previous = forward[-1]
        forward.append(
            {
                option: _logsumexp(
                    [score + step[earlier][option] for earlier, score in previous.items()]
                )
                for option in row
            }
        )
    backward = [_closing(model, options[-1], closed)]
    for row, step in zip(reversed(options[:-1]), reversed(steps), strict=True):
        after = backward[0]
        backward.insert(
            0,
            {
                option: _logsumexp([step[option][nxt] + score for nxt, score in after.items()])
                for option in row
            },
        )
    return [{o: f[o] + b[o] for o in f} for f, b in zip(forward, backward, strict=True)]


def _with_skip_pairs(
    model: SyllableModel,
    options: list[list[str]],
    steps: list[dict[str, dict[str, float]]],
    before: str | None,
    closed: bool,
) -> list[dict[str, float]]:
    """`_best_paths` over these options of each word, each weighed beside its
    neighbours and the word two places back (far_score, by FAR_WEIGHT): a
    forward-backward whose states are the readings of two words side by side."""
    # what the word two places back says of each option, from the third word on
    skips: list[dict[str, dict[str, float]]] = [{}, {}]
    skips += (_skips(model, options[i - 2], options[i]) for i in range(2, len(options)))
    forward: list[dict[tuple[str | None, str], float]] = [
        {(None, option): _entered(model, option, before) for option in options[0]}
    ]
    for row, step, skip in zip(options[1:], steps, skips[1:], strict=True):
        ending: defaultdict[str, list[tuple[str | None, float]]] = defaultdict(list)
        for (far, near), score in forward[-1].items():
            ending[near].append((far, score))
        forward.append(
            {
                (near, option): _logsumexp(
                    [
                        score + step[near][option] + _skip(skip, far, near, option)
                        for far, score in earlier
                    ]
                )
                for option in row
                for near, earlier in ending.items()
            }
        )
    closing = _closing(model, options[-1], closed)
    backward = [{state: closing[state[1]] for state in forward[-1]}]
    for i in range(len(options) - 2, -1, -1):
        later, step, skip = backward[0], steps[i], skips[i + 1]
        backward.insert(
            0,
            {
                (far, near): _logsumexp(
                    [
                        step[near][option] + _skip(skip, far, near, option) + later[near, option]
                        for option in options[i + 1]
                    ]
                )
                for far, near in forward[i]
            },
        )
    posteriors: list[dict[str, float]] = []
    for states, rest in zip(forward, backward, strict=True):
        by_option: defaultdict[str, list[float]] = defaultdict(list)
        for (far, option), score in states.items():
            by_option[option].append(score + rest[far, option])
        posteriors.append({option: _logsumexp(scores) for option, scores in by_option.items()})
    return posteriors


def _closing(model: SyllableModel, options: Sequence[str], closed: bool) -> dict[str, float]:
    """What a break after the run (`closed`) says of each option of its last word."""
    return {
        option: model.logp(BOUNDARY, option) if closed and not _asked(option) else 0.0
        for option in options
    }


def _skips(
    model: SyllableModel, far_options: Sequence[str], options: Sequence[str]
) -> dict[str, dict[str, float]]:
    """What each reading two places back says of each option, by FAR_WEIGHT;
    nothing from a question ("cho?"), which ends the phrase."""
    return {
        far: {
            option: FAR_WEIGHT
            * model.far_score(option[:-1] if _asked(option) else option, far, None)
            for option in options
        }
        for far in far_options
        if not _asked(far)
    }


def _skip(skips: dict[str, dict[str, float]], far: str | None, near: str, option: str) -> float:
    """`_skips` of `option` two places after `far`, with `near` between: a
    question after `near` ("cho?") breaks the phrase."""
    if far is None or far not in skips or _asked(near):
        return 0.0
    return skips[far][option]


def _steps(
    model: SyllableModel, earlier_options: Sequence[str], options: Sequence[str]
) -> dict[str, dict[str, float]]:
    """`_entered` of each option after each earlier one, worked out once for
    both passes of `_best_paths`; earlier options that leave the same context
    (every question, "cho?") share one row."""
    plain = [option for option in options if not _asked(option)]
    by_context: dict[str, dict[str, float]] = {}
    steps = {}
    for earlier in earlier_options:
        context = _left_by(earlier)
        row = by_context.get(context)
        if row is None:
            scores = dict(zip(plain, model.logps(plain, context), strict=True))
            row = by_context[context] = {
                o: scores[o] if o in scores else _entered(model, o, context) for o in options
            }
        steps[earlier] = row
    return steps


def _may_be_name(written: str) -> bool:
    return written[:1].isupper() and "?" not in written and is_syllable(nfc(written.lower()))


def repair(text: str, config: Config) -> list[Change]:
    """The fixer: fill in letters cp1252 lost, where the statistics are sure."""
    return [guess.change for guess in _weighed(text, config, ()) if guess.taken]


def doubts(text: str, config: Config, written: Sequence[tuple[int, int]]) -> list[Doubt]:
    """Words of the lines with lost letters whose likeliest reading is not sure
    enough. `text` is repaired, and `written` (start, end in order) are where
    the repairs wrote: "động" filled in beside "H?p" is no letter of a line
    that never went through cp1252."""
    guesses = _weighed(text, config, written)
    return [Doubt.declined(guess.change) for guess in guesses if not guess.taken]


def may_touch(text: str) -> bool:
    """cp1252 writes "?" for every letter it lost: no "?", nothing to guess."""
    return "?" in text


def may_settle(token: str) -> bool:
    """Every "?" may be a question mark, as its line shows (`settled`)."""
    return True


def settled(text: str, start: int, end: int) -> bool:
    """Does the line of the token `text[start:end]` show that no "?" on it is a
    lost letter? On most lines a question mark ends a sentence ("không? Anh"),
    or a letter cp1252 cannot hold shows the line never went through it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    return not any(map(_marks_lost, _LOST.finditer(line))) or _cannot_be_lossy(line)


def _marks_lost(match: re.Match[str]) -> bool:
    """Does this match of _LOST mark a lost letter: inside a word, or before a
    word that goes on the sentence in lower case?"""
    return match.group(1) is None or match.group(1).islower()


def _cannot_be_lossy(line: str) -> bool:
    """Does the line hold a letter cp1252 cannot ("cho? nhiều": a question)?"""
    return _unsaveable().search(line) is not None


def _lossy_lines(text: str, written: Sequence[tuple[int, int]] = ()) -> Iterator[tuple[int, str]]:
    """Each line with a lost letter, and where it starts; `written`: the spans
    the repairs wrote, whose letters say nothing of where a line has been."""
    if not may_touch(text):
        return
    starts: set[int] = set()  # of the lines with a lost letter, found in one pass
    line_end = -1  # end of the last line found, so each line is looked up once
    for match in _LOST.finditer(text):
        if match.start() < line_end:
            continue
        if _marks_lost(match):
            starts.add(text.rfind("\n", 0, match.start()) + 1)
            end = text.find("\n", match.start())
            line_end = len(text) if end < 0 else end
    for start in sorted(starts):
        end = text.find("\n", start)
        line = text[start : len(text) if end < 0 else end + 1]
        if not _cannot_be_lossy(_unwritten(line, start, written)):
            yield start, line


def _unwritten(line: str, start: int, written: Sequence[tuple[int, int]]) -> str:
    """`line`, which starts at `start` in the text, without the `written` spans."""
    line_end = start + len(line)
    kept, at = [], start
    for begin, end in written[max(bisect.bisect_left(written, (start,)) - 1, 0) :]:
        if begin >= line_end:
            break
        if end > at:
            kept.append(line[at - start : max(begin, at) - start])
            at = end
    kept.append(line[at - start :])
    return " ".join(kept)


@dataclass(slots=True)
class _Guess:
    """A reading the model prefers to what a word of a line says."""

    start: int  # in its line, until _weighed moves it into the text
    end: int
    written: str
    after: str
    detail: dict[str, object]
    margin: float  # log-odds over the next reading
    needed: float  # the margin that settles it on its own
    # The margin by the neighbours alone, which an echo weighs: the word two
    # places back lifts common short words ("l?i" read "lại") past ECHO_LEAN
    # where the same word is "lại" elsewhere and "lỗi" here.
    lean: float
    taken: bool = False

    @property
    def change(self) -> Change:
        return Change(self.start, self.end, self.written, self.after, RULE, self.detail)

    @property
    def echoes(self) -> bool:
        """May it take the reading settled at another place (`_weighed`)? Not a
        name the bytes spell ("Van"), which needs its own evidence."""
        return self.needed == MIN_LOG_ODDS and self.lean > ECHO_LEAN

    @property
    def word(self) -> tuple[str, str]:
        return self.written.lower(), self.after.lower()


def _weighed(text: str, config: Config, written: Sequence[tuple[int, int]]) -> list[_Guess]:
    """Every reading the model prefers on the lines with lost letters, and
    whether it is taken: where it leads by `needed`, or by ECHO_LEAN where the
    same word settles to the same reading within `config.evidence_window` lines
    (evidence.Echoes), as the other families' guesses do: a file of code or
    strings says "s? d?ng" again and again."""
    settled = Echoes(config.evidence_window)
    weighed: list[tuple[int, _Guess]] = []
    number = position = 0  # the line number of `position`
    for start, line in _lossy_lines(text, written):
        number += text.count("\n", position, start)
        position = start
        for guess in _guesses(line):
            guess.start, guess.end = guess.start + start, guess.end + start
            guess.taken = guess.margin >= guess.needed
            if guess.taken:
                settled.settle(guess.word, number)
            weighed.append((number, guess))
    for number, guess in weighed:
        if not guess.taken and guess.echoes and settled.heard(guess.word, number):
            guess.taken = True
            guess.detail["echo"] = "the same reading settled nearby"
        elif not guess.taken:
            guess.detail["left"] = f"likelier than the next reading by less than e^{guess.needed:g}"
    return [guess for _, guess in weighed]


def _guesses(line: str) -> list[_Guess]:
    """The readings the model prefers to what the words of `line` say."""
    model = load_model()
    positions = _positions(line, _readings())
    runs: list[list[_Position]] = []
    for position in positions:
        if runs and position.joined_left:
            runs[-1].append(position)
        else:
            runs.append([position])
    capitals = line.isupper()
    guesses = []
    for k, run in enumerate(runs):
        if all(p.options == (_as_model_spells(p.written),) for p in run):
            continue
        # from the word before the run: the line before it says no more, and a
        # long line of short runs would be read again for each
        reach = runs[k - 1][-1].start if k else 0
        before = BOUNDARY if context_before(line[reach : run[0].start]) == BOUNDARY else None
        closed = break_after(line, run[-1].end)
        paths, by_neighbours = _best_paths(model, run, before, closed)
        for position, marginals, alone in zip(run, paths, by_neighbours, strict=True):
            if "?" not in position.written and _as_model_spells(position.written) in alone:
                # every letter still there, a real word as written ("nhu", "an"),
                # which the word two places back, saying much what the
                # neighbours say, must not talk into another; "dă" is none
                marginals = alone
            ranked = sorted(marginals.items(), key=lambda kv: -kv[1])
            best, score = ranked[0]
            margin = score - ranked[1][1] if len(ranked) > 1 else math.inf
            lean = alone[best] - max((v for o, v in alone.items() if o != best), default=-math.inf)
            if best == model_spelling(position.written):
                continue  # as written, a number among them
            after = _match_case(position.written, best, capitals)
            # a guess fills in letters the bytes no longer hold; "ḷng" → "lòng" is read
            guess = nfc(after.translate(DAMAGE_LATIN1_AS_CP1258)) != nfc(position.written)
            needed = MIN_LOG_ODDS_NAME if guess and _may_be_name(position.written) else MIN_LOG_ODDS
            detail: dict[str, object] = {
                "guess": guess,
                "log_odds": round(margin, 3) if margin != math.inf else "inf",
                "alternatives": [o for o, _ in ranked[1:4]],
            }
            guesses.append(
                _Guess(
                    position.start,
                    position.end,
                    position.written,
                    after,
                    detail,
                    margin,
                    needed,
                    lean,
                )
            )
    return guesses
