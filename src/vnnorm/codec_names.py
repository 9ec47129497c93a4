"""The names of the legacy Vietnamese codecs, and their registration with `codecs`.

Kept apart from the codecs themselves (vnnorm.legacy) so that `import vnnorm`
can register them for the price of a dict: the search function imports the
codec machinery only when one of these names is first looked up.
"""

from __future__ import annotations

import codecs

ENCODINGS = ("tcvn3", "vni", "viscii", "viqr")
_ALIASES = {
    "tcvn3": "tcvn3",
    "tcvn": "tcvn3",
    "abc": "tcvn3",
    "vn3": "tcvn3",
    "vni": "vni",
    "vni_windows": "vni",
    "viscii": "viscii",
    "viqr": "viqr",
}


def canonical_name(name: str) -> str | None:
    """ "VNI-Windows" → "vni"; None for a name that is not one of these codecs."""
    return _ALIASES.get(name.strip().lower().replace("-", "_").replace(" ", "_"))


def _search(name: str) -> codecs.CodecInfo | None:
    if canonical_name(name) is None:
        return None
    from vnnorm.legacy.registry import codec_info

    return codec_info(name)


_registered = False


def register() -> None:
    """Make the codecs known to `codecs.lookup`; done on import, safe to repeat."""
    global _registered
    if not _registered:
        codecs.register(_search)
        _registered = True


register()
