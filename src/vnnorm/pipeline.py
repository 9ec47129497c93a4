"""The fixers, in the order they run, and how their changes add up.

Each fixer takes the text as the fixers before it left it and returns changes
against that text (plan.Change). The pipeline applies them and folds them into
one plan against the input (plan.compose), so every change can be explained
and replayed. The order matters: mojibake shows soft hyphens and no-break
spaces that are part of a damaged letter, so it is undone before invisible
characters are removed; a soft hyphen splits a word, so invisible characters
go before the word-level repairs; NFC goes last.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from vnnorm import cleanup, tone_style
from vnnorm.config import Config
from vnnorm.families import latin1_cp1258, legacy_fonts, lookalikes, lossy_cp1252, utf8_mojibake
from vnnorm.plan import Change, Doubt, Explanation, apply_plan, compose
from vnnorm.tokenscan import line_starts
from vnnorm.triggers import MAX_TEXT, Context, Triggers


@dataclass(frozen=True, slots=True)
class Fixer:
    name: str
    enabled: Callable[[Config], bool]
    run: Callable[[str, Config], list[Change]]
    # What all-ASCII text needs for the fixer to look at it: None, nothing (most
    # damage needs a non-ASCII letter); "", anything (VIQR is ASCII); else one of
    # these characters (a "?" for a lost letter).
    ascii: Callable[[Config], str | None] = lambda config: None
    # For a fixer that decides on statistics: the repairs it weighed in the
    # repaired text and did not make, for explain mode; given too where in that
    # text the repairs wrote (start, end in order).
    doubts: Callable[[str, Config, Sequence[tuple[int, int]]], list[Doubt]] | None = None
    # What the fixer must find among a text's tokens (the pieces between spaces
    # and newlines) before it can change anything: each test passed by some
    # token. Where one is not, the fixer is skipped (triggers.py). (): it always runs.
    touches: tuple[Callable[[str], bool], ...] = ()
    # Configs under which `touches` does not tell (VIQR is written in ASCII).
    touches_blind: Callable[[Config], bool] = lambda config: False
    # How the words around a token may settle what it sets off (triggers.Context),
    # for each of `touches`.
    context: Context | None = None


def _on_repaired(
    doubts: Callable[[str, Config], list[Doubt]],
) -> Callable[[str, Config, Sequence[tuple[int, int]]], list[Doubt]]:
    """`Fixer.doubts` of a fixer that reads the repaired text alone."""
    return lambda text, config, written: doubts(text, config)


FIXERS: tuple[Fixer, ...] = (
    Fixer("bom", lambda c: c.remove_bom, cleanup.remove_bom, touches=(cleanup.holds_bom,)),
    Fixer(
        utf8_mojibake.RULE,
        lambda c: c.repair_utf8_mojibake,
        utf8_mojibake.repair,
        doubts=_on_repaired(utf8_mojibake.doubts),
        touches=(utf8_mojibake.may_touch,),
    ),
    Fixer(
        legacy_fonts.RULE,
        lambda c: c.repair_legacy_fonts,
        legacy_fonts.repair,
        lambda c: "" if c.viqr else None,
        _on_repaired(legacy_fonts.doubts),
        touches=legacy_fonts.NEEDS,
        touches_blind=lambda c: c.viqr,
    ),
    Fixer(
        "invisible",
        lambda c: c.remove_invisible,
        cleanup.remove_invisible,
        touches=(cleanup.holds_invisible,),
    ),
    Fixer(
        lookalikes.RULE,
        lambda c: c.repair_lookalikes,
        lookalikes.repair,
        touches=(lookalikes.may_touch,),
    ),
    Fixer(
        lossy_cp1252.RULE,
        lambda c: c.guess_lost_letters,
        lossy_cp1252.repair,
        lambda c: "?",
        lossy_cp1252.doubts,
        touches=(lossy_cp1252.may_touch,),
        context=Context(lossy_cp1252.may_settle, lossy_cp1252.settled),
    ),
    Fixer(
        latin1_cp1258.RULE,
        lambda c: c.repair_latin1_cp1258,
        latin1_cp1258.repair,
        doubts=_on_repaired(latin1_cp1258.doubts),
        touches=(latin1_cp1258.may_touch,),
        context=Context(latin1_cp1258.may_settle, latin1_cp1258.settled, neighbours_only=True),
    ),
    Fixer("nfc", lambda c: c.normalize, cleanup.normalize_nfc, touches=(cleanup.needs_nfc,)),
    Fixer(tone_style.RULE, lambda c: c.tone_placement != "keep", tone_style.restyle),
)

# An all-ASCII token can pass only the tests of a fixer that reads ASCII text
# (Fixer.ascii): a "?" may stand for a lost letter. VIQR, the other, is not
# tested (touches_blind), so the default Config says which.
CONTEXTS = {test: fixer.context for fixer in FIXERS if fixer.context for test in fixer.touches}
TRIGGERS = Triggers(
    [test for fixer in FIXERS for test in fixer.touches],
    read_ascii={test for fixer in FIXERS if fixer.ascii(Config()) for test in fixer.touches},
    contexts=CONTEXTS,
)


@functools.lru_cache(maxsize=64)
def _enabled(config: Config) -> tuple[Fixer, ...]:
    return tuple(fixer for fixer in FIXERS if fixer.enabled(config))


@functools.lru_cache(maxsize=64)
def _gated(config: Config) -> tuple[tuple[Fixer, int], ...]:
    """The enabled fixers, each with the TRIGGERS.set_off bits that must all be
    set for it to run (0: it always runs)."""
    masks, first = {}, 0
    for fixer in FIXERS:
        masks[fixer.name] = ((1 << len(fixer.touches)) - 1) << first
        first += len(fixer.touches)
    return tuple(
        (fixer, 0 if fixer.touches_blind(config) else masks[fixer.name])
        for fixer in _enabled(config)
    )


@functools.lru_cache(maxsize=64)
def listening(config: Config) -> tuple[int, ...] | None:
    """The TRIGGERS masks of the enabled fixers, each one's bits all needed for
    it to run; None if one of them always runs.

    A text whose tokens set off none of these masks (`sets_off`) comes back unchanged.
    """
    masks = tuple(mask for _, mask in _gated(config))
    return None if not all(masks) else masks


def _quiet(bits: int, config: Config) -> bool:
    """Do `bits` set off none of the fixers `config` enables, none of which always runs?"""
    masks = listening(config)
    return masks is not None and not sets_off(bits, masks)


def sets_off(bits: int, masks: tuple[int, ...]) -> bool:
    """Do `bits` (TRIGGERS.set_off) hold every bit of one of `masks`? Legacy fonts
    need two signs, and a text with only one ("François": ç is a VNI letter too)
    sets off nothing."""
    return any(bits & mask == mask for mask in masks)


# A repair can uncover more work for a fixer that already ran: NFC turns
# decomposed mojibake into mojibake, a repaired word is new context for a guess.
# So the fixers run again on what they produced, until nothing changes; damage
# seen in the wild settles in two passes. Each pass looks `evidence_window`
# lines around a line, so streaming keeps MAX_PASSES windows of context.
MAX_PASSES = 3


def _sees_ascii(fixer: Fixer, text: str, config: Config) -> bool:
    trigger = fixer.ascii(config)
    return trigger is not None and (not trigger or trigger in text)  # "" is any text


_ascii_cache: tuple[Config, tuple[str, ...]] | None = None


def ascii_triggers(config: Config) -> tuple[str, ...]:
    """What makes all-ASCII text work for the enabled fixers (see Fixer.ascii):
    text holding none of them is returned as it is. The last config's answer is
    kept, as hashing a Config costs more than the test it serves."""
    global _ascii_cache
    cached = _ascii_cache
    if cached is not None and cached[0] is config:
        return cached[1]
    found = (fixer.ascii(config) for fixer in _enabled(config))
    triggers = tuple(trigger for trigger in found if trigger is not None)
    _ascii_cache = (config, triggers)
    return triggers


def explain(text: str, config: Config, doubts: bool = False) -> Explanation:
    """The repair of `text` and its changes; with `doubts`, also the repairs
    weighed and not made (they cost another look at the repaired text)."""
    if not isinstance(text, str):
        raise TypeError(_type_error(text))
    changes: list[Change] = []
    current = text
    # `after`: `current` with `found` made; `bits`: what its tokens set off
    found, after, bits = _pass(current, config)
    for _ in range(MAX_PASSES - 1):
        if not found:
            break
        changes = compose(text, changes, found)
        current, touched = after, _landed(found)
        if bits is not None and _quiet(bits, config):
            found = []  # the repaired text sets off no fixer, here or in any stretch of it
            break
        found, bits = _again(current, touched, config), None
        after = apply_plan(current, found) if found else current
    if found:
        changes = compose(text, changes, found)
        current = after
    if not doubts:
        return Explanation(current, tuple(changes))
    written = _landed(changes)
    left = (
        d
        for f in _enabled(config)
        if f.doubts is not None
        for d in f.doubts(current, config, written)
    )
    return Explanation(current, tuple(changes), tuple(sorted(left, key=lambda d: d.start)))


def _landed(changes: list[Change]) -> list[tuple[int, int]]:
    """Where `changes` put their text in the text they produced."""
    spans, delta = [], 0
    for change in changes:
        start = change.start + delta
        spans.append((start, start + len(change.after)))
        delta += len(change.after) - (change.end - change.start)
    return spans


def _again(text: str, touched: list[tuple[int, int]], config: Config) -> list[Change]:
    """Another pass, over the lines a change could matter to.

    A line's decisions look `evidence_window` lines around it, so a line whose
    window holds no changed line would decide now as it did before: only the
    window around each changed line is run again, with a window of context.
    """
    starts = line_starts(text)
    window = config.evidence_window
    changes: list[Change] = []
    for first, last in _regions(_lines_of(starts, touched), window, window):
        changes += _decided_in(text, starts, first, last, config, _one_pass)
    return changes


def _regions(lines: list[int], reach: int, window: int) -> list[tuple[int, int]]:
    """The lines within `reach` of each of `lines` (in order), as ranges
    [first, last], one range where the windows of context around two would meet."""
    regions: list[list[int]] = []
    for i in lines:
        if regions and i - reach - window <= regions[-1][1] + window + 1:
            regions[-1][1] = max(regions[-1][1], i + reach)
        else:
            regions.append([i - reach, i + reach])
    return [(first, last) for first, last in regions]


def _decided_in(
    text: str,
    starts: list[int],
    first: int,
    last: int,
    config: Config,
    run: Callable[[str, Config], list[Change]],
) -> list[Change]:
    """The changes `run` makes to lines `first`..`last` of `text`, read with the
    `evidence_window` lines on either side: all that a decision looks at."""
    window = config.evidence_window
    keep = _offset(starts, len(text), max(first, 0)), _offset(starts, len(text), last + 1)
    span = (
        _offset(starts, len(text), max(first - window, 0)),
        _offset(starts, len(text), last + 1 + window),
    )
    local = config if span[0] == 0 else dataclasses.replace(config, remove_bom=False)
    changes = run(text[span[0] : span[1]], local)
    if keep == (0, len(text)):
        return changes  # the whole text, as long damaged text often is: nothing to drop or move
    kept = [change for change in changes if keep[0] <= change.start + span[0] < keep[1]]
    return kept if span[0] == 0 else [change.moved(-span[0]) for change in kept]


def _line_of(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1


def _lines_of(starts: list[int], spans: Iterable[tuple[int, int]]) -> list[int]:
    """The lines (of a text whose lines start at `starts`) that the `spans`, in
    order, touch; in order. Many spans to a line are common, and each after the
    first on a line costs one comparison."""
    lines: list[int] = []
    line_end = 0  # where the last line listed ends
    for start, end in spans:
        last = max(start, end - 1)
        if last < line_end and lines:
            continue
        first = max(_line_of(starts, start), lines[-1] + 1 if lines else 0)
        final = _line_of(starts, last)
        lines.extend(range(first, final + 1))
        if final + 1 == len(starts):
            break  # the last line, which every span after is on
        line_end = starts[final + 1]
    return lines


def _offset(starts: list[int], length: int, line: int) -> int:
    return starts[line] if line < len(starts) else length


def _one_pass(text: str, config: Config) -> list[Change]:
    """Every enabled fixer once, in order; changes against `text`.

    A fixer that no token of the text sets off is skipped: it would find
    nothing (triggers.py). After a fixer changes the text, its tokens are put
    to the tests again, as `_one_pass_by_lines` does for the lines it changed:
    "Viá»‡t" repaired is "Việt", which sets off none of the fixers after it.
    """
    return _pass(text, config)[0]


def _pass(text: str, config: Config) -> tuple[list[Change], str, int | None]:
    """`_one_pass`, and the text its changes make, which it builds as it goes:
    a caller need not make them again (on mojibake, a change to every word).
    Also, where some fixer changed the text, the TRIGGERS bits of the text made:
    a token and its context never cross a line, so a text whose tokens set off
    no fixer holds no stretch of lines that does. A stretch all in ASCII goes
    to the fixers that read ASCII whatever its bits (Fixer.ascii), and those
    change only what their token tests flag (tests/test_triggers.py)."""
    fixers: tuple[tuple[Fixer, int], ...]  # each with the bits it needs (_gated)
    if text.isascii():  # one C pass; most text in the world is, and needs nothing
        fixers = tuple((f, mask) for f, mask in _gated(config) if _sees_ascii(f, text, config))
        if not fixers:
            return [], text, None
        set_off = -1  # every bit: ASCII text is given to the fixers that read it
    elif len(text) > MAX_TEXT:
        return _one_pass_by_lines(text, config)
    else:
        fixers, set_off = _gated(config), TRIGGERS.set_off(text)
    changes: list[Change] = []
    current = text
    for fixer, mask in fixers:
        if set_off & mask != mask:
            continue  # it would find nothing in the text as it stands
        found = fixer.run(current, config)
        if found:
            changes = compose(text, changes, found)
            current = apply_plan(current, found)
            set_off = TRIGGERS.set_off(current)
    return changes, current, set_off if changes else None


def _one_pass_by_lines(text: str, config: Config) -> tuple[list[Change], str, int | None]:
    """`_pass` of a long text, each fixer reading only around the lines
    that set it off.

    A fixer changes only lines on which some token sets it off (checked in
    tests/test_triggers.py), and decides a line from the `evidence_window`
    lines around it. So it is run on each stretch of such lines with that
    window on either side, and skipped where the tokens of a stretch and its
    window do not set it off: on a long clean text it reads almost nothing.
    """
    window = config.evidence_window
    changes: list[Change] = []
    current = text
    starts, bits = line_starts(current), TRIGGERS.set_off_by_line(current)
    loud = [i for i, line_bits in enumerate(bits) if line_bits]  # few, on most text
    for fixer, mask in _gated(config):
        if not mask:
            found = fixer.run(current, config)  # it reads text no token gives away
        else:
            found, run = [], _runner(fixer)
            lines = [i for i in loud if bits[i] & mask]
            for first, last in _regions(lines, 0, window):
                around = bits[max(0, first - window) : last + window + 1]
                if functools.reduce(operator.or_, around) & mask == mask:
                    found += _decided_in(current, starts, first, last, config, run)
        if found:
            changes = compose(text, changes, found)
            current = apply_plan(current, found)
            starts, bits = _retested(current, starts, bits, found)
            loud = [i for i, line_bits in enumerate(bits) if line_bits]
    return changes, current, functools.reduce(operator.or_, bits) if changes else None


def _retested(
    text: str, starts: list[int], bits: list[int], changes: list[Change]
) -> tuple[list[int], list[int]]:
    """Line starts and TRIGGERS bits of `text`, which `changes` made from the
    text that `starts` and `bits` describe: only the lines changed are read
    again (into `bits`)."""
    if any(change.before.count("\n") != change.after.count("\n") for change in changes):
        return line_starts(text), TRIGGERS.set_off_by_line(text)
    changed = _lines_of(starts, ((change.start, change.end) for change in changes))
    starts = line_starts(text)
    for line in changed:
        end = starts[line + 1] - 1 if line + 1 < len(starts) else len(text)
        bits[line] = TRIGGERS.set_off(text[starts[line] : end])
    return starts, bits


def _runner(fixer: Fixer) -> Callable[[str, Config], list[Change]]:
    """`fixer.run` where the config enables it: a stretch of a text that does
    not start it has no leading byte-order mark to remove."""
    return lambda text, config: fixer.run(text, config) if fixer.enabled(config) else []


def _type_error(value: object) -> str:
    if isinstance(value, (bytes, bytearray)):
        return (
            "vnnorm.fix needs str, not bytes. Decode the bytes first, e.g. "
            "data.decode('utf-8'), and pass the text."
        )
    return f"vnnorm.fix needs str, not {type(value).__name__}"
