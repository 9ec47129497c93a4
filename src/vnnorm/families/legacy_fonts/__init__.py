"""Legacy 8-bit Vietnamese read as cp1252: "ViÖt Nam" (TCVN3), "Vieät Nam" (VNI).

Text typed in the pre-Unicode font encodings (TCVN3/ABC .VnTime, VNI-Windows,
VISCII; VIQR "Vie^.t Nam" in ASCII) turns up read as cp1252, often as islands
in Unicode files: a string in UTF-8 code, a line of Markdown, a VNI-Times cell.

Each word (letters, digits, non-ASCII: quotes and tags stay out) is read back
through each encoding and judged alone (`judge`): for ("Hµ" is no Vietnamese,
"Hà" is; strong if a common syllable, weak if rare, "µm" → "àm"), ambiguous
("cã" → "có": Vietnamese either way, the statistics lean), against (correct
Unicode: "thước" cannot be TCVN3, "Tên" would read as a rare "Tờn"; or a
reading no better, "Köln" → "Kửln"). Correct Unicode splits a line into runs,
so islands are judged alone. A run is read back, ambiguous words and all, when
its evidence adds up to 2 with a strong word, or to 4 on a line that also holds
correct Unicode, or to 2 when a line nearby is in the same encoding. "5 µm",
"© 2020", "café" stay. Each line takes the encoding with most evidence, unless
the syllable bigram model finds another encoding's reading far likelier. Where
another reads it otherwise about as well ("möa": TCVN3 "mửa", VNI "mưa"), or
where no more than half its words beyond ASCII would then spell Vietnamese
(Swedish "Vi åt rå fisk" holds TCVN3's "rồ", but also "ồt"), or where its only
TCVN3 signs are å ä ö ø æ (Norwegian "Jeg må gå nå." reads "mồ gồ nồ"), only a
line nearby settles it. So it is for a line that rests on one word written as
a Western language may write one ("Je m'appelle Loïc.": VNI "Lọc"), among
words that mostly spell no Vietnamese, none of them seen beside its reading.
VISCII (rare as cp1252; its letters include ² ° ½) needs 4 and a line of its
own, and its signs alone ("±", "½") or any signs among digits ("10²") are no
evidence; but a line needs no more than another where a word only VISCII
reads as a common syllable is no measurement: written as no language writes a
word (a sign between letters, "gi§t" for "giật"; in no one case, "tÕi" for
"tại"), or all letters beside a word Vietnamese as written ("nhà cüa Ama").

TCVN3 lacks capitals with tone marks: .VnTimeH fonts drew small letters as
capitals, so "VIÖT NAM" is "VIỆT NAM". A word whose letters of known case
(ASCII, Ă Â Ê Ô Ơ Ư Đ) are all capitals is upper-cased, as is one with fewer
than two on a line of such words; one that starts a sentence gets a capital.
VIQR is read only with `Config(viqr=True)`: its marks are ASCII punctuation.
A "." or "?" after a vowel where a sentence ends is taken as punctuation,
unless the text near it uses RFC 1456's backslash escapes ("ra\\."), which
say that every unescaped mark is a mark. In a VIQR run a loanword or a name
whose vowels are shaped inside it ("kilo^met", "Ko+tu") is read back though it
is no syllable, as TCVN3's "Matxcôva" is; a breve's "(" is left, as code's.

Two precompiled searches for what these encodings show and clean Vietnamese
does not use (µ ¸ Ö ä ø; a Latin-1 capital after a letter, "COÂNG", "PhÝa")
rule out most text at once; only lines holding a match are looked at.
"""

# Comments show legacy text as cp1252 shows it, look-alikes included on purpose.
# ruff: noqa: RUF002

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from vnnorm.config import Config
from vnnorm.families import utf8_mojibake
from vnnorm.families.legacy_fonts.verdicts import (
    CAPITAL_NEXT,
    CHUNK,
    EIGHT_BIT,
    ENDS,
    ESCAPED,
    ETH_TO_D,
    GOES_ON,
    ISLAND_THRESHOLD,
    LINE_END,
    MAY_END,
    NO_END,
    PIECE,
    RULES,
    THRESHOLD,
    VIQR_ESCAPE,
    VIQR_HINT,
    VIQR_PIECE,
    Kind,
    Verdict,
    judge,
    lines_matching,
    may_read_as_legacy,
    read_by_no_other,
    reads_as_vietnamese,
    spells_vietnamese,
    suspect_lines,
    written_by_no_language,
)
from vnnorm.families.legacy_fonts.verdicts import RULE as RULE  # the fixer's name, for the pipeline
from vnnorm.legacy import encode_as
from vnnorm.model import load_model
from vnnorm.orthography import is_abbreviation, is_syllable
from vnnorm.plan import Change, Doubt, apply_plan
from vnnorm.tokens import (
    RIGHT_NEIGHBOUR,
    WORD,
    left_neighbour,
    model_spelling,
    nfc,
    one_case,
)

# TCVN3 has Ă Â Ê Ô Ơ Ư Đ in both cases (¡ ¢ £ ¤ ¥ ¦ § and ¨ © ª « ¬ \xad ®); its
# letters with tone marks only in small letters, which .VnTimeH drew as capitals.
_TCVN3_CAPITALS = frozenset("¡¢£¤¥¦§")
_TCVN3_SMALL = frozenset("¨©ª«¬\xad®")
_TCVN3_CASED = _TCVN3_CAPITALS | _TCVN3_SMALL

_Judged = tuple[re.Match[str], Verdict]
# Another encoding's reading replaces the one with most evidence only when the
# syllable model finds the line this much likelier (e^6, about 400 times).
FLUENCY_MARGIN = 6.0
# A line that another encoding reads back otherwise, and within e^2 as fluently,
# is left unless a line nearby settles the encoding: its bytes do not say which
# it was ("möa" is TCVN3 "mửa" or VNI "mưa"; "chuyªn" TCVN3 "chuyên" or VISCII
# "chuyến"). A short string alone (a cell, a title) is where this happens.
CONTEST_MARGIN = 2.0
_CONVERTED = (Kind.LEGACY, Kind.BOTH, Kind.PARTIAL)
# Why a line read as legacy text on its own is left (explain mode's doubts).
_CONTESTED = (
    "another encoding reads the line otherwise, as well or "
    f"less likely by less than e^{CONTEST_MARGIN:g}"
)
_FOREIGN = "read back, no more than half the line's words beyond ASCII spell Vietnamese"
_NORDIC = "its only signs of TCVN3 are letters of Nordic and German words (å ä ö ø æ)"
_ONE_WORD = (
    "read back, it rests on one word written as another language may write one,"
    " among words that mostly spell no Vietnamese"
)
# Letters of the Latin-script languages cp1252 was made for. A word of them in
# one case ("Loïc", "Meán", "Sü") may be French, Irish or German as written,
# though VNI or TCVN3 would read it as a syllable ("Lọc", "Mến", "Sỹ").
_WESTERN_LETTERS = frozenset("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïñòóôõöøùúûüýþÿŒœŠšŽžŸ")
# TCVN3 writes ồ ọ ử ứ ổ as å ä ö ø æ, so "må", "på", "gå", "så" read as syllables
# ("mồ", "pồ"). A real TCVN3 line holds its other letters too (µ for à, ® for đ,
# capitals among small letters); one with only these in words of one case is
# Norwegian, Swedish, Danish or German as often, and waits for a line nearby.
# Å and Ä may open a word beside them: TCVN3 has no letter at C5 and C4.
_NO_TCVN3 = "ÅÄ"
_NORDIC_LETTERS = frozenset("åäöøæ" + _NO_TCVN3)


@dataclass(frozen=True, slots=True)
class _Plan:
    encoding: str
    evidence: int
    pieces: tuple[_Judged, ...]  # the words to read back


_BORDERS = (Kind.UNICODE, Kind.LIKELY_UNICODE)


def _groups(judged: Sequence[_Judged]) -> list[list[_Judged]]:
    """Runs of words, and each word that looks like correct Unicode on its own."""
    groups: list[list[_Judged]] = []
    for item in judged:
        if item[1].kind in _BORDERS or not groups or groups[-1][0][1].kind in _BORDERS:
            groups.append([item])
        else:
            groups[-1].append(item)
    return groups


def _converted(run: list[_Judged], open_before: bool, open_after: bool) -> Iterator[_Judged]:
    """The words of a legacy run to read back.

    A word Vietnamese either way that reads better as it is ("dùng" is TCVN3
    for "dựng") goes between legacy words, and at an end of the run only where
    the line ends too (`open_...`): next to correct Unicode it may be Unicode.
    So does a word that reads the same, so that its case can be restored
    ("Lý" in "¤NG Lý TH¦êNG" is a .VnTimeH "LÝ").
    """
    sure = [i for i, (_, v) in enumerate(run) if v.kind in _CONVERTED and v.weight >= 0]
    if not sure:
        return
    first = 0 if open_before else sure[0]
    last = len(run) - 1 if open_after else sure[-1]
    for i, item in enumerate(run):
        kind, inside = item[1].kind, first <= i <= last
        if (kind in _CONVERTED and (item[1].weight >= 0 or inside)) or (
            kind is Kind.NEUTRAL and inside
        ):
            yield item


def _ending(line: str, end: int, escaped: bool) -> int:
    if escaped:
        return ESCAPED
    closed = LINE_END.match(line, end)
    if closed:
        # inside quotes that the sentence goes on after, a final mark is as often a
        # tone as a full stop: the commoner reading decides, as before a capital
        return MAY_END if GOES_ON.match(line, closed.end()) else ENDS
    return MAY_END if CAPITAL_NEXT.match(line, end) else NO_END


# How far before a VIQR piece `_judged_viqr` looks for its neighbour: a word's reach.
_BEFORE_REACH = 40


def _judged_viqr(line: str, escaped: bool) -> list[_Judged]:
    """Each VIQR piece of `line` judged; where a sentence may end after one, or
    the line does, what stands before it (from the piece before, or the start of
    the line) helps read its last mark."""
    judged: list[_Judged] = []
    since = 0  # where the piece before starts
    for match in VIQR_PIECE.finditer(line):
        ending = _ending(line, match.end(), escaped)
        before = ""
        if ending in (MAY_END, ENDS):
            before = line[max(since, match.start() - _BEFORE_REACH) : match.start()]
        judged.append((match, judge(match.group(), "viqr", ending, before)))
        since = match.start()
    return judged


def _plan(line: str, encoding: str, relaxed: bool = False, escaped: bool = False) -> _Plan:
    """The words of `line` to read back as `encoding`, and the evidence for it.

    `relaxed`: a line nearby is in this encoding, so a run of this line needs
    the evidence of a line of its own (2), not necessarily a strong word.
    `escaped`: this line or one nearby escapes literal VIQR marks ("ra\\."), so
    a "." or "?" after a vowel is a tone mark even where a sentence ends.
    """
    viqr = encoding == "viqr"
    # ASCII reads as itself in the 8-bit encodings: such words say nothing.
    if viqr:
        judged = _judged_viqr(line, escaped)
    else:
        pieces = (m for m in PIECE.finditer(line) if not m.group().isascii())
        judged = [(m, judge(m.group(), encoding)) for m in pieces]
    island = any(v.kind is Kind.UNICODE for _, v in judged)
    if island and encoding == "viscii":
        # VISCII shows Vietnamese's Latin-1 letters as they are, so correct
        # Unicode gives no sign of where an island would end; and VISCII read
        # as cp1252 inside Unicode text is not seen in practice.
        return _Plan(encoding, 0, ())
    # VISCII read as cp1252 is rare, and its letters include ² ° ½: "m²" reads "mỗ".
    strict = island or (encoding == "viscii" and not relaxed and not _beyond_measure(judged))
    threshold = ISLAND_THRESHOLD if strict else THRESHOLD
    if not island:  # no sign of Unicode on the line: "Bòn" (VNI for "Bịn") is ambiguous
        judged = [
            (m, Verdict(Kind.BOTH, -1, v.after) if v.kind in _BORDERS else v) for m, v in judged
        ]
    groups = _groups(judged)
    decided = [False] * len(groups)
    evidence = 0
    for i, group in enumerate(groups):
        # a word Vietnamese either way is no evidence against ("ngoài" is VNI for "ngồi")
        total = sum(max(v.weight, 0) if v.kind is Kind.BOTH else v.weight for _, v in group)
        strong = any(_strong(v) for _, v in group)
        if group[0][1].kind not in _BORDERS and total >= threshold and (strong or relaxed):
            decided[i] = True
            evidence += total
    chosen: list[_Judged] = []
    for i, group in enumerate(groups):
        if decided[i]:
            chosen.extend(_converted(group, i == 0, i == len(groups) - 1))
        elif group[0][1].kind is Kind.LIKELY_UNICODE and 0 < i < len(groups) - 1:
            chosen.extend(group if decided[i - 1] and decided[i + 1] else [])  # "thám": "thỏm"
    return _Plan(encoding, evidence, tuple(chosen))


def _beyond_measure(judged: Sequence[_Judged]) -> bool:
    """Does a word of the line, which only VISCII reads as a common syllable,
    show that its letters here are no signs of measure? So it is where the word
    is written as no language writes one ("gi§t", "tÕi"), or is all letters
    beside a word Vietnamese as written ("nhà cüa Ama"; alone, "cüa" may be a
    foreign word's letters)."""
    vietnamese = any(v.kind is Kind.NEUTRAL and spells_vietnamese(m.group()) for m, v in judged)
    return any(
        _strong(v)
        and (written_by_no_language(m.group()) or (vietnamese and _all_letters(m.group())))
        and read_by_no_other(m.group(), "viscii")
        for m, v in judged
    )


def _all_letters(piece: str) -> bool:
    return all(c.isascii() or c.isalpha() for c in piece)


def _known_case(piece: str) -> tuple[int, int, bool]:
    """Capitals and small letters of known case in a TCVN3 word; any letters of unknown case?"""
    upper = sum((c.isascii() and c.isupper()) or c in _TCVN3_CAPITALS for c in piece)
    lower = sum((c.isascii() and c.islower()) or c in _TCVN3_SMALL for c in piece)
    unknown = any(not c.isascii() and c not in _TCVN3_CASED for c in piece)
    return upper, lower, unknown


def _capitalise(line: str, pieces: Sequence[_Judged], sentence_start: bool) -> list[str]:
    """TCVN3 readings with the capitals the font drew restored (see the module docstring).

    A word starting with a letter of unknown case is also capitalised where a
    sentence starts: after ". " on the line, or at its start when the line
    before ended a sentence (`sentence_start`).
    """
    cases = [_known_case(m.group()) for m, _ in pieces]
    # every letter whose case was written, ASCII ones included, is a capital
    upper, lower, _ = _known_case(line)
    line_of_capitals = upper >= 2 and not lower
    out = []
    for (match, verdict), (upper, lower, unknown) in zip(pieces, cases, strict=True):
        after = verdict.after
        if unknown and not lower and (upper >= 2 or line_of_capitals):
            after = nfc(after.upper())
        elif _starts_sentence(line, match, after, sentence_start):
            after = after[: _first_letter(after)] + after[_first_letter(after) :].capitalize()
        out.append(after)
    return out


_OPENING = " \t\"'([{\u201c\u2018-\u2013\u2014"
_CLOSING = "\"')]}\u201d\u2019"


def _first_letter(text: str) -> int:
    return next((i for i, char in enumerate(text) if char.isalpha()), len(text))


def _starts_sentence(line: str, match: re.Match[str], after: str, sentence_start: bool) -> bool:
    """Does the word begin a sentence with a TCVN3 letter of unknown case ("ë" for "Ở")?

    TCVN3 reads one character per character, so `after` lines up with the word.
    """
    piece = match.group()
    first = _first_letter(after)
    if first == len(after) or len(after) != len(piece) or after[first] == piece[first]:
        return False  # no letter, or one whose case was written (ASCII, Đ …)
    if piece[first] in _TCVN3_CASED or after[:first].strip(_OPENING):
        return False
    before = line[: match.start()].rstrip(_OPENING)
    return sentence_start if not before else ends_sentence(before)


def ends_sentence(text: str) -> bool:
    """Does `text` end with a full stop, question or exclamation mark (quotes aside)?

    Not an ellipsis: "xe 43H-016... ì ạch" goes on.
    """
    text = text.rstrip().rstrip(_CLOSING)
    return text.endswith(("!", "?")) or (text.endswith(".") and not text.endswith(".."))


def _best(
    line: str, encodings: Sequence[str], relaxed: bool = False, escaped: bool = False
) -> _Plan | None:
    """The encoding with most evidence on this line, if any has enough."""
    best: _Plan | None = None
    for encoding in encodings:
        plan = _plan(line, encoding, relaxed, escaped)
        if plan.pieces and (best is None or plan.evidence > best.evidence):
            best = plan
    return best


def _most_fluent(
    line: str, plan: _Plan, encodings: Sequence[str], escaped: bool
) -> tuple[_Plan, list[str]]:
    """`plan`, or another encoding's reading of the line that the syllable model
    finds far likelier: "Kh«ng" and "Không ng¶" are both legacy, but only VISCII
    reads the second as "Không ngờ" where TCVN3 has "Khụng ngả". Only lines
    already judged legacy get here, so which encoding changes, never whether.

    Also the line as the encodings that contest it read it (`CONTEST_MARGIN`).
    """
    readings = [(plan, _as_read(line, plan))]
    for encoding in encodings:
        if encoding != plan.encoding:
            rival = _plan(line, encoding, relaxed=True, escaped=escaped)
            if rival.pieces:
                readings.append((rival, _as_read(line, rival)))
    fluencies = [_fluency(text) for _, text in readings]
    best = 0
    for i in range(1, len(readings)):
        if fluencies[i] > fluencies[best] + (FLUENCY_MARGIN if best == 0 else 0.0):
            best = i
    chosen = readings[best][1]
    rivals = [
        text
        for (rival, text), fluency in zip(readings, fluencies, strict=True)
        if text != chosen and fluency > fluencies[best] - CONTEST_MARGIN and _cased(rival)
    ]
    return readings[best][0], rivals


def _cased(plan: _Plan) -> bool:
    """Does `plan` read back words in one case each, as text is written? TCVN3
    may not (its .VnTimeH capitals are small letters, set right later), the
    others must: VNI "vÒ" is "vỊ", no reading to weigh against TCVN3 "về"."""
    return plan.encoding == "tcvn3" or all(one_case(v.after) for _, v in plan.pieces)


def _unsure_alone(line: str, plan: _Plan, rivals: list[str]) -> dict[str, object]:
    """Why `line`, which `plan` reads as legacy text on its own, is left for a
    line nearby to settle (explain mode's detail), if it is; else {}."""
    if not reads_as_vietnamese(_as_read(line, plan), plan.encoding == "tcvn3"):
        return {"left": _FOREIGN}
    if rivals:
        return {"alternatives": rivals, "left": _CONTESTED}
    if plan.encoding == "tcvn3" and _nordic(line):
        return {"left": _NORDIC}
    if _rests_on_a_western_word(line, plan):
        return {"left": _ONE_WORD}
    return {}


def _rests_on_a_western_word(line: str, plan: _Plan) -> bool:
    """Does `plan` change one word only, written as a Western language may write
    a word (`_WESTERN_LETTERS`), among words that mostly spell no Vietnamese,
    with its reading never seen beside a word next to it? Then the line is as
    likely French ("Je m'appelle Loïc.", "les langues taï") or Irish
    ("Meán-Ghaeilge"). Legacy Vietnamese has more to show: a second word read
    back ("Tieáng Vieät"), a sign no language puts in a word ("ViÖt", "®ång"),
    Vietnamese around it ("veà, em bao anh"), or a neighbour it is said with
    ("Ngaøy sinh" in code: "ngày sinh"). A word alone, or among abbreviations
    and single letters only, has nothing around it to weigh, and is read back
    as it always was."""
    changed = [(match, verdict) for match, verdict in plan.pieces if verdict.after != match.group()]
    if plan.encoding == "viqr" or len(changed) != 1 or not _western(changed[0][0].group()):
        return False
    match, verdict = changed[0]
    words = WORD.findall(line, 0, match.start()) + WORD.findall(line, match.end())
    # abbreviations and letters alone ("TP. HCM", "3,8 m") are in any language,
    # and a word said twice says no more than once (as in reads_as_vietnamese)
    others = {
        nfc(w).lower() for w in words if len(w) > 1 and not is_abbreviation(w) and one_case(w)
    }
    spelled = sum(map(is_syllable, others))
    if not others or 2 * spelled > len(others):
        return False
    model, word = load_model(), nfc(verdict.after).lower()
    left = left_neighbour(line, match.start())
    right = RIGHT_NEIGHBOUR.match(line, match.end())
    return not (
        (left is not None and model.pair_count(model_spelling(left), word) > 0)
        or (right is not None and model.pair_count(word, model_spelling(right.group(1))) > 0)
    )


def _western(word: str) -> bool:
    """Written in ASCII and `_WESTERN_LETTERS`, in one case, as "Loïc" is."""
    return one_case(word) and all(c.isascii() or c in _WESTERN_LETTERS for c in word)


def _nordic(line: str) -> bool:
    """Are the line's only characters beyond ASCII å ä ö ø æ, in words of one case
    (or Å Ä, which are no TCVN3, in any: "Å i på …" opens a Norwegian line)?"""
    words = [word for word in WORD.findall(line) if not word.isascii()]
    return (
        bool(words)
        and all(c.isascii() or c in _NORDIC_LETTERS for c in line)
        and all(one_case(word) or (word[0] in _NO_TCVN3 and one_case(word[1:])) for word in words)
    )


def _as_read(line: str, plan: _Plan) -> str:
    """The line as `plan` reads it back."""
    parts, position = [], 0
    for match, verdict in plan.pieces:
        parts += [line[position : match.start()], verdict.after]
        position = match.end()
    parts.append(line[position:])
    return "".join(parts)


def _fluency(text: str) -> float:
    """How well `text` reads (SyllableModel.run_score)."""
    return load_model().run_score(nfc(word).lower() for word in WORD.findall(text))


def _changes(line: str, plan: _Plan, sentence_start: bool) -> list[Change]:
    """`plan` as changes against `line`; `sentence_start`: the line before ended one."""
    afters = (
        _capitalise(line, plan.pieces, sentence_start)
        if plan.encoding == "tcvn3"
        else [verdict.after for _, verdict in plan.pieces]
    )
    rule = RULES[plan.encoding]
    return [
        Change(match.start(), match.end(), match.group(), after, rule)
        for (match, _), after in zip(plan.pieces, afters, strict=True)
        if after != match.group()
    ]


def holds_suspect(text: str) -> bool:
    """Does a line of `text` hold what legacy text shows and Vietnamese does not?"""
    return bool(suspect_lines(text))


def holds_strong(text: str) -> bool:
    """Does `text` hold a word that could carry a line on its own (see `_strong`)?"""
    return any(_strong_piece(m.group()) for m in PIECE.finditer(text) if not m.group().isascii())


@functools.lru_cache(maxsize=1 << 14)  # "là", "là," and "(là" hold one piece
def _strong_piece(piece: str) -> bool:
    return may_read_as_legacy(piece) and any(
        _strong(judge(piece, encoding)) for encoding in EIGHT_BIT
    )


# Only a suspect line is read back, and only with a strong word: a line on its
# own only with one, and another only when a line nearby was. So a text needs
# both, though not in the same word ("sèt ruét gÆng": "sốt ruột gặng"), and
# "François" or "Müller" alone is left as it is. VIQR is plain ASCII: this does
# not tell for it.
NEEDS = (holds_suspect, holds_strong)


def _strong(verdict: Verdict) -> bool:
    """A word that can carry a line on its own: Vietnamese only when read back."""
    return verdict.kind is Kind.LEGACY and verdict.weight >= 2


def repair(text: str, config: Config) -> list[Change]:
    """The fixer: read legacy Vietnamese back where the line says it is there.

    A line with too little evidence of its own, contested by another encoding,
    that would read back with no more than half its words beyond ASCII
    Vietnamese (a foreign line: `reads_as_vietnamese`), or whose only TCVN3
    signs are Nordic letters (`_nordic`), is read back when a
    line within `config.evidence_window` lines is in one encoding, which is as
    far as any decision looks, so streamed text is repaired as the whole would be.
    """
    return _weigh(text, config, doubts=False)


def doubts(text: str, config: Config) -> list[Doubt]:
    """Lines that read as legacy text but not surely enough on their own (two
    encodings read them otherwise and nearly as well, most of their words
    would spell no Vietnamese, or their only TCVN3 signs are Nordic letters),
    with nothing nearby to settle them: the likelier reading, left."""
    return [Doubt.declined(change) for change in _weigh(text, config, doubts=True)]


def _weigh(text: str, config: Config, doubts: bool) -> list[Change]:
    """The changes to make, or (`doubts`) those of the contested lines, left."""
    suspects = {start: (end, list(EIGHT_BIT)) for start, end in suspect_lines(text).items()}
    if config.viqr:
        for start, end in lines_matching(text, VIQR_HINT):
            suspects.setdefault(start, (end, []))[1].append("viqr")
    window = config.evidence_window
    escapes = _lines_with(text, VIQR_ESCAPE) if config.viqr else []
    numbers: dict[int, int] = {}  # line number of each suspect line
    decided: dict[int, str] = {}  # line number → encoding, for lines sure on their own
    plans: dict[int, _Plan | None] = {}
    # lines left for a line nearby to settle: the reading left, and why
    contested: dict[int, tuple[_Plan, dict[str, object]]] = {}
    escaped: dict[int, bool] = {}  # VIQR escapes within the window of each suspect line
    number = position = 0
    for start in sorted(suspects):
        number += text.count("\n", position, start)
        position, numbers[start] = start, number
        line = text[start : suspects[start][0]]
        at = bisect.bisect_left(escapes, number - window)
        escaped[start] = at < len(escapes) and escapes[at] <= number + window
        # no strong word, no reading of its own ("François" in clean text): skip the look
        sure = "viqr" in suspects[start][1] or holds_strong(line)
        plans[start] = plan = (
            _best(line, suspects[start][1], escaped=escaped[start]) if sure else None
        )
        if plan is not None:
            plan, rivals = _most_fluent(line, plan, suspects[start][1], escaped[start])
            unsure = _unsure_alone(line, plan, rivals)
            if unsure:
                plans[start] = None  # only a line nearby can settle it
                contested[start] = plan, unsure
            else:
                plans[start] = plan
                decided[number] = plan.encoding
    changes: list[Change] = []
    for start, plan in plans.items():
        end, encodings = suspects[start]
        line = text[start:end]
        near = range(numbers[start] - window, numbers[start] + window + 1)
        nearby = {decided[n] for n in near if n in decided and n != numbers[start]}
        if plan is None:
            candidates = [e for e in encodings if e in nearby]
            plan = _best(line, candidates, relaxed=True, escaped=escaped[start])
            if plan is None and doubts and start in contested:
                left, detail = contested[start]
                changes.extend(
                    Change(c.start, c.end, c.before, c.after, c.rule, detail).moved(-start)
                    for c in _changes(line, left, _opens_sentence(text, start, window))
                )
        elif len(nearby) == 1 and plan.encoding not in nearby and plan.evidence < ISLAND_THRESHOLD:
            # a short line reads best in another encoding than every line around
            # it: one document is in one encoding ("ng¶" is TCVN3 "ngả" or VISCII "ngờ")
            plan = _best(line, list(nearby), relaxed=True, escaped=escaped[start]) or plan
        if plan is None or doubts:
            continue
        planned = _changes(line, plan, _opens_sentence(text, start, window))
        kept = _no_new_mojibake(line, planned, config)
        # a reading that would leave mojibake in part of the line is not trusted
        # for the rest: the dropped part may hold the evidence, and what is left
        # would be read again next time ("·²"M· i·": "iã", then "iú")
        if len(kept) == len(planned):
            changes.extend(c.moved(-start) for c in kept)
    return changes


def _opens_sentence(text: str, start: int, window: int) -> bool:
    """Does the line at `start` open a sentence? Only the text just before it
    is read, and none where no window of lines around is (streamed alone)."""
    before = text[max(0, start - 80) : start] if window else ""  # bounded
    return not before.strip() or ends_sentence(before)


def _lines_with(text: str, pattern: re.Pattern[str]) -> list[int]:
    """Numbers of the lines holding a match, in order."""
    numbers: list[int] = []
    number = position = 0
    for found in pattern.finditer(text):
        number += text.count("\n", position, found.start())
        position = found.start()
        if not numbers or numbers[-1] != number:
            numbers.append(number)
    return numbers


def _no_new_mojibake(line: str, changes: list[Change], config: Config) -> list[Change]:
    """Drop readings that leave UTF-8 mojibake in their chunk ("AÕ¡" reads as "Ã¡").

    The mojibake repair has run already; a reading that makes work for it would
    leave text that a second `fix` changes again.
    """
    while changes and config.repair_utf8_mojibake:
        after = apply_plan(line, changes)
        found = utf8_mojibake.repair(after, config)
        if not found:
            break
        chunks = [m.span() for m in CHUNK.finditer(after)]
        bad = [(a, b) for a, b in chunks if any(c.start < b and c.end > a for c in found)]
        kept, shift = [], 0
        for change in changes:
            at = change.start + shift
            shift += len(change.after) - (change.end - change.start)
            if not any(at < b and at + len(change.after) > a for a, b in bad):
                kept.append(change)
        if len(kept) == len(changes):
            break
        changes = kept
    return changes


# ---- the damage, for tests and benchmarks --------------------------------------------


@functools.lru_cache(maxsize=4096)
def _damage_char(char: str, encoding: str) -> str:
    shown = encode_as(char, encoding)
    if shown is None and char != char.lower():
        shown = encode_as(char.lower(), encoding)  # a .VnTimeH capital
    return "?" if shown is None else shown


def damage(text: str, encoding: str) -> str:
    """Write `text` in a legacy encoding and read it back as cp1252 (tests, benchmarks).

    As typists did: a capital the encoding lacks (TCVN3 has none with tone
    marks) is written with the small letter's code, which the .VnTimeH fonts
    drew as a capital; anything else it cannot hold becomes "?", as an encoder
    with errors="replace" writes it. The eth typed for Đ is written as Đ.
    """
    return "".join(_damage_char(char, encoding) for char in nfc(text).translate(ETH_TO_D))
