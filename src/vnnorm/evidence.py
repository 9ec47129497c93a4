"""Is this line damaged? Evidence from the line itself and its neighbours.

Each line carries a log-likelihood ratio for "damaged" against "clean" (the sum
of what its words say). Damage comes in runs: a file, a record, a pasted block.
So lines are the steps of a two-state hidden Markov model whose state rarely
changes, and a line's posterior combines its own evidence with that of up to
`window` lines on either side. The window is the whole reach of the model, so a
stream cut into blocks with `window` lines of overlap decides exactly as the
whole text would.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field


def _sigmoid(x: float) -> float:
    x = min(max(x, -60.0), 60.0)  # beyond this nothing changes in double precision
    return 1.0 / (1.0 + math.exp(-x))


@dataclass(frozen=True, slots=True)
class RunModel:
    """Damage arrives in runs of lines.

    prior: log-odds that a line with no evidence at all is damaged.
    leave: probability that a damaged line is followed by a clean one.
    The chance that a clean line is followed by a damaged one is set so that
    the prior is the chain's stationary share of damaged lines.
    """

    prior: float
    leave: float
    enter: float = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "enter", min(0.5, self.leave * math.exp(self.prior)))

    @staticmethod
    def ratio(evidence: float) -> float:
        """A line's log-likelihood ratio of damage as a ratio, as `posterior` takes
        it: worked in odds rather than logs, one exp per line, then products only."""
        return math.exp(min(max(evidence, -60.0), 60.0))

    def posterior(self, ratios: Sequence[float], i: int, window: int) -> float:
        """Posterior log-odds of damage of line `i`, from the `window` lines
        around it, given each line's `ratio`."""
        stay, leave, enter = 1.0 - self.leave, self.leave, self.enter
        damaged = _sigmoid(self.prior)  # P(line damaged), before its own evidence
        for j in range(max(0, i - window), i):
            seen = damaged * ratios[j]
            damaged = seen / (seen + 1.0 - damaged)
            damaged = damaged * stay + (1.0 - damaged) * enter
        behind = 1.0  # likelihood ratio of the lines after, given this line's state
        for j in range(min(len(ratios), i + window + 1) - 1, i, -1):
            carried = ratios[j] * behind
            behind = (stay * carried + leave) / (enter * carried + 1.0 - enter)
        odds = damaged / (1.0 - damaged) * ratios[i] * behind
        return math.log(odds) if odds > 0.0 else -math.inf


class Echoes:
    """Where a document settles each reading clearly, so that a place too close
    to call may take the reading it leans to where that reading is settled at
    another place within `window` lines (a cache model, in speech-recognition
    terms): a document says the same word again. The window is the reach of
    every other decision, so streamed text decides as the whole would."""

    def __init__(self, window: int) -> None:
        self._lines: dict[Hashable, list[int]] = {}
        self._window = window

    def settle(self, reading: Hashable, line: int) -> None:
        """`reading` (a word as written and its reading) is settled on `line`."""
        # kept in order (lines mostly come in order: an append), so that `heard`
        # looks once, however often a long text settles the word
        bisect.insort(self._lines.setdefault(reading, []), line)

    def heard(self, reading: Hashable, line: int) -> bool:
        """Is `reading` settled within the window around `line`?"""
        lines = self._lines.get(reading, ())
        first = bisect.bisect_left(lines, line - self._window)
        return first < len(lines) and lines[first] <= line + self._window
