"""Put the package back as a fresh process has it, for tests of the lazy loads."""

from __future__ import annotations

import sys

from vnnorm import model


def cold_start() -> None:
    """Forget the model and empty every cache of the package, as in a fresh process."""
    model._loaded = None
    for name, module in list(sys.modules.items()):
        if name == "vnnorm" or name.startswith("vnnorm."):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
