"""Changes as plain data: what `fix_and_explain` reports and `apply_plan` replays.

Each fixer reports changes against the text it was given. `compose` folds them
into changes against the original input, merging a later change into an earlier
one it overlaps, so the final plan always replays on the input in one pass.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Change:
    """Replace `text[start:end]` (== `before`) by `after`, for the reason `rule`.

    Offsets index the input text. `detail` holds the evidence for a statistical
    decision (probabilities, log-odds) and is empty for a mechanical one. When
    several fixers touched the same span, `rule` joins their names with "+".
    """

    start: int
    end: int
    before: str
    after: str
    rule: str
    detail: Mapping[str, Any] = field(default_factory=dict)

    def moved(self, by: int) -> Change:
        """The same change with its offsets moved back by `by` characters."""
        return Change(
            self.start - by, self.end - by, self.before, self.after, self.rule, self.detail
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
            "rule": self.rule,
            "detail": dict(self.detail),
        }


@dataclass(frozen=True, slots=True)
class Doubt:
    """A repair considered and not made: `written` (at `start:end` of the repaired
    text, not the input) may have been `considered`, but the evidence did not
    allow the change. `detail` holds the evidence and, under "left", the reason.
    """

    start: int
    end: int
    written: str
    considered: str
    rule: str
    detail: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def declined(cls, change: Change) -> Doubt:
        """A change a fixer weighed against the repaired text and did not make."""
        return cls(
            change.start, change.end, change.before, change.after, change.rule, change.detail
        )

    def moved(self, by: int) -> Doubt:
        """The same doubt with its offsets moved back by `by` characters."""
        return Doubt(
            self.start - by, self.end - by, self.written, self.considered, self.rule, self.detail
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "written": self.written,
            "considered": self.considered,
            "rule": self.rule,
            "detail": dict(self.detail),
        }


@dataclass(frozen=True, slots=True)
class Explanation:
    """The repaired text, the changes that made it (in input order), and the
    repairs left undone for want of evidence (offsets into `text`)."""

    text: str
    changes: tuple[Change, ...]
    doubts: tuple[Doubt, ...] = ()


class PlanMismatchError(ValueError):
    """A change does not fit the text it is applied to."""


_SPAN = operator.attrgetter("start", "end")


def apply_plan(text: str, changes: Iterable[Change]) -> str:
    """Apply changes (from `fix_and_explain` on this same text) and return the result.

    Each change must still find its `before` text at its offsets, and changes
    must not overlap; otherwise PlanMismatchError is raised.
    """
    out: list[str] = []
    position = 0
    for change in sorted(changes, key=_SPAN):
        if change.start < position:
            raise PlanMismatchError(f"change at {change.start} overlaps the one before it")
        if text[change.start : change.end] != change.before:
            raise PlanMismatchError(
                f"text at {change.start}:{change.end} is {text[change.start : change.end]!r}, "
                f"the plan expects {change.before!r}"
            )
        out.append(text[position : change.start])
        out.append(change.after)
        position = change.end
    out.append(text[position:])
    return "".join(out)


def compose(original: str, earlier: Sequence[Change], later: Sequence[Change]) -> list[Change]:
    """Changes against `original` equivalent to applying `earlier`, then `later`.

    `earlier` indexes `original`; `later` indexes the text `earlier` produced.
    Both are sorted and free of overlaps, as every fixer's output is. A later
    change that overlaps earlier ones becomes one change with all their rules.

    A later change that touches no earlier one is only moved back by what the
    earlier ones before it added; only where changes touch are they weighed
    together (`_composed_touching`). A second pass over a long text changes a
    word or two of what the first changed all over.
    """
    if not earlier or not later:
        return list(earlier or later)
    starts: list[int] = []  # of the earlier changes, in the intermediate text
    ends: list[int] = []
    shifts = [0]  # what earlier[:i] added to the text's length
    for change in earlier:
        starts.append(change.start + shifts[-1])
        ends.append(starts[-1] + len(change.after))
        shifts.append(shifts[-1] + len(change.after) - (change.end - change.start))
    result: list[Change] = []
    done = k = 0  # earlier changes placed; later changes placed
    while k < len(later):
        first = later[k]
        i = bisect.bisect_left(starts, first.start)
        low = i - 1 if i > done and ends[i - 1] >= first.start else i
        high, reach, touching = i, max(first.end, ends[low] if low < i else 0), [first]
        k += 1
        # the earlier changes it touches, the later ones they touch, and so on
        while True:
            while high < len(starts) and starts[high] <= reach:
                reach = max(reach, ends[high])
                high += 1
            if high == low or k == len(later) or later[k].start > reach:
                break
            reach = max(reach, later[k].end)
            touching.append(later[k])
            k += 1
        result.extend(earlier[done:low])
        if high == low:
            result.append(first.moved(shifts[low]))
        else:
            result += _composed_touching(original, earlier[low:high], touching, shifts[low])
        done = high
    result.extend(earlier[done:])
    return result


def _composed_touching(
    original: str, earlier: Sequence[Change], later: Sequence[Change], shift: int
) -> list[Change]:
    """`compose` of changes that touch one another, where the earlier changes
    before them added `shift` characters: changes that overlap become one."""
    spans: list[tuple[int, int, bool, Change]] = []  # in the intermediate text
    delta = shift
    for change in earlier:
        start = change.start + delta
        delta += len(change.after) - (change.end - change.start)
        spans.append((start, start + len(change.after), True, change))
    spans.extend((change.start, change.end, False, change) for change in later)
    spans.sort(key=lambda s: (s[0], s[1], not s[2]))
    groups: list[list[tuple[int, int, bool, Change]]] = []
    group_start = group_end = -1
    for span in spans:
        start, end = span[0], span[1]
        # Does [start, end) overlap the group's [group_start, group_end), an empty
        # span strictly inside counting? Spans come sorted: start >= group_start.
        if groups and (start < min(group_end, end) or group_start < start == end < group_end):
            groups[-1].append(span)
            if end > group_end:
                group_end = end
        else:
            groups.append([span])
            group_start, group_end = span[0], span[1]
    result: list[Change] = []
    for group in groups:  # `shift`: intermediate minus original offset, before the group
        if len(group) == 1:
            change = group[0][3]
            if group[0][2]:
                result.append(change)
                shift += len(change.after) - (change.end - change.start)
            else:
                result.append(change.moved(shift))
            continue
        earlier_part = [s[3] for s in group if s[2]]
        later_part = [s[3] for s in group if not s[2]]
        if not earlier_part:
            result.extend(c.moved(shift) for c in later_part)
            continue
        group_shift = sum(len(c.after) - (c.end - c.start) for c in earlier_part)
        if not later_part:
            result.extend(earlier_part)
        else:
            result.append(_merge(original, earlier_part, later_part, shift, group_shift))
        shift += group_shift
    return result


def _merge(
    original: str, earlier: list[Change], later: list[Change], shift: int, group_shift: int
) -> Change:
    """One change for an original span that earlier and later changes both touched."""
    start = min(earlier[0].start, later[0].start - shift)
    end = max(earlier[-1].end, later[-1].end - shift - group_shift)
    middle = apply_plan(original[start:end], [c.moved(start) for c in earlier])
    after = apply_plan(middle, [c.moved(start + shift) for c in later])
    rules: list[str] = []
    detail: dict[str, Any] = {}
    for change in [*earlier, *later]:
        for rule in change.rule.split("+"):
            if rule not in rules:
                rules.append(rule)
        detail.update(change.detail)
    return Change(start, end, original[start:end], after, "+".join(rules), detail)
