"""vnnorm: repair broken Vietnamese text and normalise it.

The names below are imported on first use (PEP 562), so `import vnnorm` stays
cheap for programs that only register the codecs or may never call `fix`;
importing the package registers the tcvn3, vni, viscii and viqr codecs.
"""

import sys

if sys.argv[:1] == ["-m"] and sys.orig_argv[sys.orig_argv.index("-m") + 1 :][:1] == ["vnnorm"]:
    # `python -m vnnorm` is loading the package to start the command: until
    # __main__.run takes over, Ctrl-C ends the process quietly rather than with
    # a traceback from inside an import. No other program is affected.
    import _signal  # type: ignore[import-not-found]  # CPython's C module, no stubs

    if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
        _signal.signal(_signal.SIGINT, _signal.SIG_DFL)

import vnnorm.codec_names  # noqa: F401  (registers the legacy codecs; they load on first use)
from vnnorm._version import __version__

TYPE_CHECKING = False  # not typing's: importing typing alone costs more than all the rest
if TYPE_CHECKING:
    from vnnorm.api import fix, fix_and_explain
    from vnnorm.config import Config
    from vnnorm.decoding import Decoded, decode, decode_and_explain
    from vnnorm.plan import Change, Doubt, Explanation, PlanMismatchError, apply_plan

__all__ = [
    "Change",
    "Config",
    "Decoded",
    "Doubt",
    "Explanation",
    "PlanMismatchError",
    "__version__",
    "apply_plan",
    "decode",
    "decode_and_explain",
    "fix",
    "fix_and_explain",
]


def __getattr__(name: str) -> object:
    if name in ("fix", "fix_and_explain"):
        from vnnorm import api as module
    elif name == "Config":
        from vnnorm import config as module  # type: ignore[no-redef]
    elif name in ("Decoded", "decode", "decode_and_explain"):
        from vnnorm import decoding as module  # type: ignore[no-redef]
    elif name in ("Change", "Doubt", "Explanation", "PlanMismatchError", "apply_plan"):
        from vnnorm import plan as module  # type: ignore[no-redef]
    else:
        raise AttributeError(f"module 'vnnorm' has no attribute {name!r}")
    value = getattr(module, name)
    globals()[name] = value  # the next lookup is an ordinary one
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
