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

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def _logaddexp(a: float, b: float) -> float:
    high = max(a, b)
    return high + math.log1p(math.exp(-abs(a - b)))


@dataclass(frozen=True, slots=True)
class RunModel:
    """Damage arrives in runs of lines.

    prior: log-odds that a line with no evidence at all is damaged.
    leave: probability that a damaged line is followed by a clean one.
    """

    prior: float
    leave: float

    @property
    def enter(self) -> float:
        # chosen so that the prior is the chain's stationary share of damage
        odds = math.exp(self.prior)
        return min(0.5, self.leave * odds)

    def predict(self, logodds: float) -> float:
        """Log-odds for the next line, given the log-odds for this one."""
        damaged = -_logaddexp(0.0, -logodds)  # log σ(x)
        clean = -_logaddexp(0.0, logodds)  # log σ(-x)
        stay, enter = math.log1p(-self.leave), math.log(self.enter)
        leave, remain = math.log(self.leave), math.log1p(-self.enter)
        return _logaddexp(damaged + stay, clean + enter) - _logaddexp(
            damaged + leave, clean + remain
        )

    def pull_back(self, logratio: float) -> float:
        """Evidence about a line, seen from the line before it."""
        stay, enter = math.log1p(-self.leave), math.log(self.enter)
        leave, remain = math.log(self.leave), math.log1p(-self.enter)
        return _logaddexp(stay + logratio, leave) - _logaddexp(enter + logratio, remain)

    def posteriors(
        self, evidence: Sequence[float], lines: Iterable[int], window: int
    ) -> dict[int, float]:
        """Posterior log-odds of damage for each of `lines`, from `window` lines around it."""
        result: dict[int, float] = {}
        for i in lines:
            ahead = self.prior
            for j in range(max(0, i - window), i):
                ahead = self.predict(ahead + evidence[j])
            behind = 0.0
            for j in range(min(len(evidence), i + window + 1) - 1, i, -1):
                behind = self.pull_back(evidence[j] + behind)
            result[i] = ahead + evidence[i] + behind
        return result
