"""vnnorm: repair broken Vietnamese text and normalise it."""

from vnnorm._version import __version__
from vnnorm.api import fix, fix_and_explain
from vnnorm.config import Config
from vnnorm.plan import Change, Explanation, PlanMismatchError, apply_plan

__all__ = [
    "Change",
    "Config",
    "Explanation",
    "PlanMismatchError",
    "__version__",
    "apply_plan",
    "fix",
    "fix_and_explain",
]
