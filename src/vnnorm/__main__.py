"""`python -m vnnorm` and the `vnnorm` command."""

from __future__ import annotations

import signal
import sys


def run() -> None:
    """Start the command. Ctrl-C while the modules load ends it quietly.

    Until `main` can clean up after an interrupt there is nothing to clean up,
    so SIGINT keeps its default action (the process ends, status 130 in a
    shell) instead of a KeyboardInterrupt traceback from inside an import.
    """
    previous = signal.signal(signal.SIGINT, signal.SIG_DFL)
    from vnnorm.cli import main

    signal.signal(signal.SIGINT, previous)
    try:
        status = main()
    except KeyboardInterrupt:
        status = 130
    sys.exit(status)


if __name__ == "__main__":
    run()
