"""Which fixers a text could set off, judged one token at a time and remembered.

Every fixer looks for something before it does any work: a "?", a Latin-1
symbol, a word holding ă ơ ư that the damage spells. Each fixer that can say
so names tests of a token, a piece of text between spaces or newlines, that
some token must pass before it can change anything (`Fixer.touches`; legacy
fonts need two things, which may be in different words). None of those
searches reaches across a space or a newline, so where a test is passed by no
token, the fixer has nothing to do and the pipeline skips it. Natural text
repeats its tokens, so each verdict is remembered: on clean Vietnamese a line
costs a split and a set lookup, not a dozen regex scans.

The contract is checked in tests/test_triggers.py: a fixer changes no text in
which one of its tests is passed by no token.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

# Verdicts remembered before the memory is cleared and starts again; a token
# longer than this many characters is judged each time rather than kept.
MAX_REMEMBERED = 1 << 18
MAX_TOKEN = 64
# A longer text is split a piece at a time, so that its list of tokens stays small.
MAX_TEXT = 1 << 20


class Triggers:
    """Bit i of `set_off(text)` is set when some token of `text` passes tests[i]."""

    def __init__(self, tests: Sequence[Callable[[str], bool]]) -> None:
        self._tests = tuple(tests)
        self.every = (1 << len(self._tests)) - 1
        self._quiet: set[str] = set()  # tokens that set off nothing
        self._loud: dict[str, int] = {}  # the others, and what they set off
        self._lock = threading.Lock()

    def set_off(self, text: str) -> int:
        """The tests some token of `text` passes, as bits."""
        if len(text) <= MAX_TEXT:
            return self._set_off(text)
        found = start = 0
        while start < len(text) and found != self.every:
            end = _piece_end(text, start)
            found |= self._set_off(text[start:end])
            start = end
        return found

    def _set_off(self, text: str) -> int:
        tokens = text.replace("\n", " ").split(" ")
        quiet = self._quiet
        if quiet.issuperset(tokens):  # one pass in C: the common case
            return 0
        found = 0
        loud = self._loud
        for token in set(tokens).difference(quiet):
            bits = loud.get(token)
            if bits is None:
                bits = self._judge(token)
            found |= bits
            if found == self.every:
                break
        return found

    def _judge(self, token: str) -> int:
        bits = 0
        for i, test in enumerate(self._tests):
            if test(token):
                bits |= 1 << i
        if len(token) <= MAX_TOKEN:
            with self._lock:  # set and dict updates are atomic; the clearing is not
                if len(self._quiet) + len(self._loud) >= MAX_REMEMBERED:
                    self._quiet.clear()
                    self._loud.clear()
                if bits:
                    self._loud[token] = bits
                else:
                    self._quiet.add(token)
        return bits


def _piece_end(text: str, start: int) -> int:
    """Where a piece of `text` from `start` ends: after the last space or newline
    within MAX_TEXT characters, or else after the token that crosses that mark."""
    end = start + MAX_TEXT
    if end >= len(text):
        return len(text)
    cut = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
    if cut >= start:
        return cut + 1
    after = [i for i in (text.find(" ", end), text.find("\n", end)) if i >= 0]
    return min(after) + 1 if after else len(text)
