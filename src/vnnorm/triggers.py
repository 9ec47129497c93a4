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
from collections.abc import Callable, Collection, Sequence

# Verdicts remembered before the memory is cleared and starts again; a token
# longer than this many characters is judged each time rather than kept.
MAX_REMEMBERED = 1 << 16
MAX_TOKEN = 64
# A longer text sets off every test unread: a text of many lines nearly always
# holds a token for the costly fixers, so the tokens would be judged for nothing
# (a new token costs some 20 us), and its list of tokens would cost memory.
MAX_TEXT = 2048


class Triggers:
    """Bit i of `set_off(text)` is set when some token of `text` passes tests[i].

    `read_ascii`: the only tests an all-ASCII token can pass (most damage is in
    letters beyond ASCII); an ASCII token is put to these alone.
    """

    def __init__(
        self, tests: Sequence[Callable[[str], bool]], read_ascii: Collection[Callable[[str], bool]]
    ) -> None:
        self._tests = tuple((1 << i, test) for i, test in enumerate(tests))
        self._ascii_tests = tuple((bit, test) for bit, test in self._tests if test in read_ascii)
        self.every = (1 << len(self._tests)) - 1
        self._quiet: set[str] = set()  # tokens that set off nothing
        self._loud: dict[str, int] = {}  # the others, and what they set off
        self._lock = threading.Lock()
        # `fix` asks, then the pipeline: the last answer is kept
        self._last: tuple[str, int] = ("", 0)

    def set_off(self, text: str) -> int:
        """The tests some token of `text` passes, as bits (every one for a text
        longer than MAX_TEXT)."""
        if len(text) > MAX_TEXT:
            return self.every
        last = self._last
        if last[0] is text:
            return last[1]
        found = self._set_off(text)
        self._last = (text, found)
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
        for bit, test in self._ascii_tests if token.isascii() else self._tests:
            if test(token):
                bits |= bit
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
