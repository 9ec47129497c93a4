"""Which fixers a text could set off, judged one token at a time and remembered.

Every fixer looks for something before it does any work: a "?", a Latin-1
symbol, a word holding ă ơ ư that the damage spells. Each fixer that can say
so names tests of a token, a piece of text between spaces or newlines, that
some token must pass before it can change anything (`Fixer.touches`; legacy
fonts need two things, which may be in different words). None of those
searches reaches across a space or a newline, so where a test is passed by no
token, the fixer has nothing to do and the pipeline skips it. Natural text
repeats its tokens, so each verdict is remembered: on clean Vietnamese a line
costs one look at its tokens in the set of quiet ones (tokenscan.py, in C where
built), not a dozen regex scans.

A test may also say that a token passes it only for want of context (a
`Context`): "văn" is how the damage spells "vãn", but not beside "hóa". Such a
token sets its test off only where the text around it does not settle it, so
a clean line of "văn hóa" costs a look at two neighbours, not a read of the
line; and where the context reads only those, its verdict is remembered too.

A text longer than MAX_TEXT is read a line at a time (`set_off_by_line`), and
the pipeline runs each fixer only around the lines that set it off.

The contract is checked in tests/test_triggers.py: a fixer changes no text in
which one of its tests is passed by no token, or only by tokens their context
settles; and it changes no line on which no token sets it off.
"""

from __future__ import annotations

import functools
import operator
import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field

from vnnorm.tokenscan import TokenSet, TokenSetLike, neighbourhoods, places

# Verdicts one generation of memory holds. A full one becomes the generation
# before and a new one starts; what the one before it held is let go, save the
# verdicts asked for again meanwhile, which are moved to the new one. So common
# tokens are judged once, however long the stream: over the 77 MB of Wikipedia
# in ../shared/corpus, tokens were judged 632,267 times when a full memory was
# cleared, and 438,598 times with two generations of the same size. A token
# longer than this many characters is judged each time rather than kept.
MAX_REMEMBERED = 1 << 16
MAX_TOKEN = 64
# A longer text is read a line at a time; a line longer than this sets off
# every test unread, as its list of tokens would cost memory.
MAX_TEXT = 2048


@dataclass(frozen=True, slots=True)
class Context:
    """How the text around a token may answer for a test it passes.

    `may_settle(token)`: the token passes only for want of context, which may
    settle it. `settled(text, start, end)`: the text around `text[start:end]`,
    such a token, shows that it gives its fixer nothing to change. It looks no
    further than the token's line: a long text is read a line at a time.
    `neighbours_only`: it looks no further than the words beside the token
    either (tokenscan.neighbourhoods), so its verdicts are remembered by the
    text there ("nhà văn hóa"), as a token's are.
    """

    may_settle: Callable[[str], bool]
    settled: Callable[[str, int, int], bool]
    neighbours_only: bool = False


@dataclass(slots=True)
class _Memory:
    """One generation of remembered verdicts."""

    quiet: TokenSetLike = field(default_factory=TokenSet)  # tokens that set off nothing
    # the others: the tests they pass, and which of those their context may settle
    loud: dict[str, tuple[int, int]] = field(default_factory=dict)
    # verdicts of neighbours_only contexts: (bit, neighbourhood, where the token starts in it)
    settled: dict[tuple[int, str, int], bool] = field(default_factory=dict)
    added: int = 0  # verdicts put in: at least its size, and cheaper to ask


class Triggers:
    """Bit i of `set_off(text)` is set when some token of `text` passes tests[i]
    (and, for a test with a Context, the text around that token does not settle it).

    `read_ascii`: the only tests an all-ASCII token can pass (most damage is in
    letters beyond ASCII); an ASCII token is put to these alone.
    """

    def __init__(
        self,
        tests: Sequence[Callable[[str], bool]],
        read_ascii: Collection[Callable[[str], bool]],
        contexts: Mapping[Callable[[str], bool], Context] | None = None,
    ) -> None:
        self._tests = tuple((1 << i, test) for i, test in enumerate(tests))
        self._ascii_tests = tuple((bit, test) for bit, test in self._tests if test in read_ascii)
        contexts = contexts or {}
        self._contexts = {bit: contexts[test] for bit, test in self._tests if test in contexts}
        self.every = (1 << len(self._tests)) - 1
        self._lock = threading.Lock()
        self._start_memory(_Memory())

    def _start_memory(self, before: _Memory) -> None:
        """A new generation of memory, after `before` (under the lock)."""
        self._before, self._now = before, _Memory()
        # Is every token of a text quiet? The one question most clean text asks, so
        # `fix` asks it first, of the TokenSet itself: a C call where that is built.
        self.all_quiet = self._now.quiet.covers
        # `fix` asks, then the pipeline: the last answer is kept
        self._last: tuple[str, int] = ("", 0)

    def forget(self) -> None:
        """Let go of every verdict remembered (for measuring a first run)."""
        with self._lock:
            self._start_memory(_Memory())

    def set_off(self, text: str) -> int:
        """The tests some token of `text` passes, as bits (every one for a text
        with a line longer than MAX_TEXT)."""
        if len(text) > MAX_TEXT:  # not kept: a long text must not outlive its call
            return functools.reduce(operator.or_, self.set_off_by_line(text))
        last = self._last
        if last[0] is text:
            return last[1]
        found = self._set_off(text)
        self._last = (text, found)
        return found

    def set_off_by_line(self, text: str) -> list[int]:
        """`set_off` of each line of `text` (split at "\\n"): no token spans a
        newline, and no Context looks across one."""
        every, quiet = self.every, self.all_quiet  # most lines: one C call, no set made
        return [
            every if len(line) > MAX_TEXT else 0 if quiet(line) else self._set_off(line)
            for line in text.split("\n")
        ]

    def _set_off(self, text: str) -> int:
        now = self._now
        tokens = now.quiet.uncovered(text)  # none, on most lines: one pass in C
        if not tokens:
            return 0
        found = 0
        unsure: dict[str, int] = {}  # tokens whose context may settle them, and what
        for token in tokens:
            verdict = now.loud.get(token) or self._recall(token) or self._judge(token)
            found |= verdict[0] & ~verdict[1]
            if found == self.every:
                return found
            if verdict[1]:
                unsure[token] = verdict[1]
        if unsure:
            found |= self._unsettled(text, unsure, found)
        return found

    def _unsettled(self, text: str, unsure: dict[str, int], found: int) -> int:
        """The bits of `unsure` tokens (not already in `found`) that the text
        around some place they stand does not settle."""
        for token, bits in unsure.items():
            for bit, context in self._contexts.items():
                if bits & bit & ~found and not self._settled_everywhere(bit, context, text, token):
                    found |= bit
        return found

    def _settled_everywhere(self, bit: int, context: Context, text: str, token: str) -> bool:
        """Does `context` settle `token` at every place it stands in `text`?"""
        if not context.neighbours_only:
            return all(context.settled(text, at, at + len(token)) for at in places(text, token))
        now = self._now
        for near, at in neighbourhoods(text, token):
            key = (bit, near, at)
            verdict = now.settled.get(key)
            if verdict is None:
                verdict = self._before.settled.get(key)
                if verdict is None:
                    # judged on the neighbourhood alone, so that it is the key's verdict
                    verdict = context.settled(near, at, at + len(token))
                if len(near) <= 3 * MAX_TOKEN:
                    with self._lock:
                        self._room().settled[key] = verdict
            if not verdict:
                return False
        return True

    def _room(self) -> _Memory:
        """The generation to add a verdict to (under the lock), counting it: a
        new one once it is full."""
        if self._now.added >= MAX_REMEMBERED:
            self._start_memory(self._now)
        now = self._now
        now.added += 1
        return now

    def _recall(self, token: str) -> tuple[int, int] | None:
        """The verdict on `token` in the generation before, kept in this one."""
        before = self._before
        verdict = (0, 0) if token in before.quiet else before.loud.get(token)
        if verdict is not None:
            self._keep(token, verdict)
        return verdict

    def _keep(self, token: str, verdict: tuple[int, int]) -> None:
        with self._lock:  # set and dict updates are atomic; starting a generation is not
            now = self._room()
            if verdict[0]:
                now.loud[token] = verdict
            else:
                now.quiet.add(token)

    def _judge(self, token: str) -> tuple[int, int]:
        bits = unsure = 0
        for bit, test in self._ascii_tests if token.isascii() else self._tests:
            if test(token):
                bits |= bit
                context = self._contexts.get(bit)
                if context is not None and context.may_settle(token):
                    unsure |= bit
        verdict = (bits, unsure)
        if len(token) <= MAX_TOKEN:
            self._keep(token, verdict)
        return verdict
