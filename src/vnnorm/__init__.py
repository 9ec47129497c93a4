"""vnnorm: repair broken Vietnamese text and normalise it."""

import vnnorm.legacy  # noqa: F401  (registers the tcvn3, vni, viscii and viqr codecs)
from vnnorm._version import __version__
from vnnorm.api import fix, fix_and_explain
from vnnorm.config import Config
from vnnorm.decode import Decoded, decode, decode_and_explain
from vnnorm.plan import Change, Explanation, PlanMismatchError, apply_plan

__all__ = [
    "Change",
    "Config",
    "Decoded",
    "Explanation",
    "PlanMismatchError",
    "__version__",
    "apply_plan",
    "decode",
    "decode_and_explain",
    "fix",
    "fix_and_explain",
]
