"""`python -m vnnorm` and the `vnnorm` command."""

from __future__ import annotations

# _signal, not signal: the signal module builds enums on import, long enough
# for a Ctrl-C to land there and print a traceback before SIG_DFL is set.
import _signal  # type: ignore[import-not-found]  # CPython's C module, no stubs
import sys


def run() -> None:
    """Start the command. Ctrl-C while the modules load ends it quietly.

    Until `main` can clean up after an interrupt there is nothing to clean up,
    so SIGINT keeps its default action (the process ends, status 130 in a
    shell) instead of a KeyboardInterrupt traceback from inside an import.
    """
    previous = _signal.signal(_signal.SIGINT, _signal.SIG_DFL)
    if previous == _signal.SIG_DFL:
        # Python starts with its own handler (or SIG_IGN, kept); SIG_DFL means
        # vnnorm/__init__ deferred Ctrl-C while `python -m` loaded the package
        previous = _signal.default_int_handler
    from vnnorm.cli import main

    _signal.signal(_signal.SIGINT, previous)
    try:
        status = main()
    except KeyboardInterrupt:
        status = 130
    sys.exit(status)


if __name__ == "__main__":
    run()
