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

    def predict(self, logodds: float) -> float:
        """Log-odds for the next line, given the log-odds for this one."""
        damaged = _sigmoid(logodds)
        ahead = damaged * (1.0 - self.leave) + (1.0 - damaged) * self.enter
        return math.log(ahead) - math.log1p(-ahead)

    def pull_back(self, logratio: float) -> float:
        """Evidence about a line, seen from the line before it."""
        ratio = math.exp(min(logratio, 60.0))
        if_damaged = (1.0 - self.leave) * ratio + self.leave
        if_clean = self.enter * ratio + (1.0 - self.enter)
        return math.log(if_damaged) - math.log(if_clean)

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
