"""The syllable statistics: unigram and bigram counts from clean Vietnamese text.

The model is a data file, never code: a header line of JSON (what it was built
from, its identity, the SHA-256 of the payload) followed by a zlib-compressed
payload of plain arrays. It is read on first use, checked against its checksum,
and shared by every thread. `scripts/build_model.py` writes it; nothing else does.

Probabilities are interpolated Kneser-Ney over lower-case syllables and
tokens.BOUNDARY, which stands for a break between words (a full stop, a comma,
the start of a line) wherever the counts meet one. Kneser-Ney is the usual
choice for a bigram model: rare contexts back off to how many different words a
syllable follows rather than to its raw frequency. The file also lists the
two-syllable words of a curated word list, which the counts of an encyclopaedia
under-rate (see WORD_PAIR_BONUS), and how often each syllable is capitalised
inside a sentence, which tells names from common words (`name_logp`), and
counts of skip pairs, words with one neighbour between them (`far_score`): the
word two places away tells "gọi" from "gỏi" where the next word alone does not.
"""

from __future__ import annotations

import array
import bisect
import hashlib
import importlib.resources
import json
import math
import os
import sys
import threading
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from vnnorm.tokens import BOUNDARY

MAGIC = b"vnnorm-model\n"
FORMAT_VERSION = 5  # 4: breaks between words are counted as tokens.BOUNDARY; 5: skip pairs
MODEL_RESOURCE = "syllables.vnm"
_DISCOUNT = 0.75
# Nats added to a syllable's score in context for each neighbour it makes a
# listed two-syllable word with. Everyday words are rare in an encyclopaedia
# ("góp ý" 41 times in 12 M syllables, "chú ý" once per 9,000), so the bigram
# alone leaves "góp ư" vs "góp ý" closer than a reader would. Tuned on Wikipedia
# lines held out of the counts and on UD VTB train+dev: 4 repairs the most with
# no more harm; 5 harms more.
WORD_PAIR_BONUS = 4.0
# logp answers remembered before the memory is cleared and starts again.
MAX_REMEMBERED = 1 << 16


class ModelError(RuntimeError):
    """The shipped model file is missing, truncated or corrupted."""


def _uint32(values: list[int] | array.array[int]) -> bytes:
    packed = array.array("I", values)
    assert packed.itemsize == 4
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def _read_uint32(data: memoryview, count: int, offset: int) -> tuple[array.array[int], int]:
    end = offset + 4 * count
    if end > len(data):
        raise ModelError("model payload is shorter than its header says")
    packed = array.array("I")
    packed.frombytes(data[offset:end])
    if sys.byteorder == "big":
        packed.byteswap()
    return packed, end


def encode_model(
    unigrams: Mapping[str, int],
    bigrams: Mapping[tuple[str, str], int],
    listed: Iterable[str],
    info: dict[str, Any],
    word_pairs: Iterable[tuple[str, str]] = (),
    capitalised: Mapping[str, int] | None = None,
    skips: Mapping[tuple[str, str], int] | None = None,
) -> bytes:
    """Serialise counts into the model file format (deterministic for equal input).

    `listed` are syllables a curated word list attests, counted or not;
    `word_pairs` the two-syllable words it lists (kept where both are known);
    `capitalised` how often each syllable was capitalised inside a sentence;
    `skips` the counts of skip pairs.
    """
    capitalised = capitalised or {}
    skips = skips or {}
    listed = set(listed)
    counts = {w: unigrams.get(w, 0) for w in set(unigrams) | listed}
    vocabulary = sorted(counts, key=lambda w: (-counts[w], w))
    index = {word: i for i, word in enumerate(vocabulary)}
    size = len(vocabulary)
    if size * size >= 2**32:
        raise ValueError("vocabulary too large for 32-bit bigram keys")
    keyed = sorted((index[a] * size + index[b], n) for (a, b), n in bigrams.items())
    words = sorted({index[a] * size + index[b] for a, b in word_pairs if a in index and b in index})
    histories = [0] * size  # how often each word is followed by a syllable
    followers = [0] * size  # by how many different ones
    predecessors = [0] * size  # how many different syllables precede it
    for key, n in keyed:
        first, second = divmod(key, size)
        histories[first] += n
        followers[first] += 1
        predecessors[second] += 1
    skipped = sorted((index[a] * size + index[b], n) for (a, b), n in skips.items())
    skip_histories = [0] * size  # skip pairs each word opens
    skip_types = [0] * size  # how many different words close them
    for key, n in skipped:
        skip_histories[key // size] += n
        skip_types[key // size] += 1
    payload = b"".join(
        [
            "\n".join(vocabulary).encode("utf-8"),
            b"\0",
            _uint32([counts[w] for w in vocabulary]),
            _uint32([int(w in listed) for w in vocabulary]),
            _uint32(histories),
            _uint32(followers),
            _uint32(predecessors),
            _uint32([k for k, _ in keyed]),
            _uint32([n for _, n in keyed]),
            _uint32(words),
            _uint32([capitalised.get(w, 0) for w in vocabulary]),
            _uint32(skip_histories),
            _uint32(skip_types),
            _uint32([k for k, _ in skipped]),
            _uint32([n for _, n in skipped]),
        ]
    )
    compressed = zlib.compress(payload, 9)
    header = dict(info)
    header.update(
        format=FORMAT_VERSION,
        vocabulary=size,
        bigrams=len(keyed),
        word_pairs=len(words),
        skips=len(skipped),
        sha256=hashlib.sha256(compressed).hexdigest(),
    )
    line = json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return MAGIC + line + b"\n" + compressed


@dataclass(frozen=True, eq=False)
class SyllableModel:
    """Counts of lower-case syllables and of adjacent pairs of them."""

    header: dict[str, Any]
    vocabulary: tuple[str, ...]
    index: dict[str, int]
    counts: array.array[int]
    listed: array.array[int]  # 1 where a curated word list has the syllable
    histories: array.array[int]  # times each word is followed by a syllable
    followers: array.array[int]  # distinct words seen after each word
    predecessors: array.array[int]  # distinct words seen before each word
    bigram_keys: array.array[int]
    bigram_counts: array.array[int]
    word_pairs: frozenset[int]  # keys of the listed two-syllable words
    capitalised: array.array[int]  # times each was capitalised inside a sentence
    skip_histories: array.array[int]  # skip pairs each word opens
    skip_types: array.array[int]  # distinct words closing them
    skip_keys: array.array[int]
    skip_counts: array.array[int]
    total: int = field(init=False)
    bigram_types: int = field(init=False)
    continuation_total: float = field(init=False)  # what _continuation divides by
    # logp answers: natural text asks the same pairs again and again
    _remembered: dict[tuple[str, str | None], float] = field(init=False)
    _paired: dict[tuple[str, str | None], float] = field(init=False)  # pair_score answers

    def __post_init__(self) -> None:
        object.__setattr__(self, "total", sum(self.counts))
        object.__setattr__(self, "bigram_types", len(self.bigram_keys))
        object.__setattr__(
            self, "continuation_total", self.bigram_types + 0.5 * len(self.vocabulary)
        )
        object.__setattr__(self, "_remembered", {})
        object.__setattr__(self, "_paired", {})

    @classmethod
    def from_bytes(cls, data: bytes) -> SyllableModel:
        if not data.startswith(MAGIC):
            raise ModelError("not a vnnorm model file")
        newline = data.find(b"\n", len(MAGIC))
        if newline < 0:
            raise ModelError("model header is truncated")
        try:
            header = json.loads(data[len(MAGIC) : newline])
        except ValueError as error:
            raise ModelError(f"model header is not valid JSON: {error}") from None
        compressed = data[newline + 1 :]
        if header.get("format") != FORMAT_VERSION:
            raise ModelError(f"model format {header.get('format')!r} is not {FORMAT_VERSION}")
        if hashlib.sha256(compressed).hexdigest() != header.get("sha256"):
            raise ModelError("model checksum does not match: the file is corrupted or truncated")
        try:
            payload = memoryview(zlib.decompress(compressed))
        except zlib.error as error:
            raise ModelError(f"model payload does not decompress: {error}") from None
        split = bytes(payload[: 64 * 1024 * 1024]).find(b"\0")
        vocabulary = tuple(bytes(payload[:split]).decode("utf-8").split("\n"))
        size, pairs = header["vocabulary"], header["bigrams"]
        if len(vocabulary) != size:
            raise ModelError("model vocabulary does not match its header")
        offset = split + 1
        counts, offset = _read_uint32(payload, size, offset)
        listed, offset = _read_uint32(payload, size, offset)
        histories, offset = _read_uint32(payload, size, offset)
        followers, offset = _read_uint32(payload, size, offset)
        predecessors, offset = _read_uint32(payload, size, offset)
        keys, offset = _read_uint32(payload, pairs, offset)
        pair_counts, offset = _read_uint32(payload, pairs, offset)
        word_pairs, offset = _read_uint32(payload, header["word_pairs"], offset)
        capitalised, offset = _read_uint32(payload, size, offset)
        skip_histories, offset = _read_uint32(payload, size, offset)
        skip_types, offset = _read_uint32(payload, size, offset)
        skip_keys, offset = _read_uint32(payload, header["skips"], offset)
        skip_counts, offset = _read_uint32(payload, header["skips"], offset)
        if offset != len(payload):
            raise ModelError("model payload is longer than its header says")
        index = {word: i for i, word in enumerate(vocabulary)}
        return cls(
            header,
            vocabulary,
            index,
            counts,
            listed,
            histories,
            followers,
            predecessors,
            keys,
            pair_counts,
            frozenset(word_pairs),
            capitalised,
            skip_histories,
            skip_types,
            skip_keys,
            skip_counts,
        )

    @property
    def identity(self) -> str:
        """Name and checksum prefix, as `vnnorm --version` reports it."""
        return f"{self.header.get('name', 'unnamed')}@{self.header['sha256'][:12]}"

    def syllables(self) -> Iterator[str]:
        """The vocabulary but BOUNDARY, which stands for a break, not a word."""
        return (word for word in self.vocabulary if word != BOUNDARY)

    def count(self, word: str) -> int:
        i = self.index.get(word)
        return 0 if i is None else self.counts[i]

    def attested(self, word: str, min_count: int) -> bool:
        """Seen at least `min_count` times, or in a curated word list."""
        i = self.index.get(word)
        return i is not None and (self.counts[i] >= min_count or self.listed[i] == 1)

    def _key(self, first: str, second: str) -> int | None:
        """The pair (first, second) as one number, if both are known."""
        a, b = self.index.get(first), self.index.get(second)
        return None if a is None or b is None else a * len(self.vocabulary) + b

    def pair_count(self, first: str, second: str) -> int:
        return _count_of(self.bigram_keys, self.bigram_counts, self._key(first, second))

    def is_word_pair(self, first: str, second: str) -> bool:
        """Does the word list write `first second` as one word ("góp ý")?"""
        return self._key(first, second) in self.word_pairs

    def context_score(self, word: str, left: str | None, right: str | None) -> float:
        """How well `word` fits between its neighbours (lower case, None: none):
        log P(word | left) + log P(right | word), plus WORD_PAIR_BONUS for each
        neighbour it makes a listed word with."""
        score = self.pair_score(word, left)
        return score if right is None else score + self.pair_score(right, word)

    def pair_score(self, word: str, previous: str | None) -> float:
        """log P(word | previous), plus WORD_PAIR_BONUS where the two make a listed word."""
        score = self._paired.get((word, previous))
        if score is None:
            score = self.logp(word, previous)
            if previous is not None and self.is_word_pair(previous, word):
                score += WORD_PAIR_BONUS
            _remember(self._paired, (word, previous), score)
        return score

    def skip_logp(self, word: str, two_before: str) -> float:
        """log P(word | the word two places before it): absolute discounting,
        backed off to `unigram_logp`."""
        i = self.index.get(two_before)
        history = 0 if i is None else self.skip_histories[i]
        if i is None or history == 0:
            return self.unigram_logp(word)
        seen = _count_of(self.skip_keys, self.skip_counts, self._key(two_before, word))
        backoff = _DISCOUNT * self.skip_types[i] / history
        return math.log(
            max(seen - _DISCOUNT, 0.0) / history + backoff * math.exp(self.unigram_logp(word))
        )

    def far_score(self, word: str, far_left: str | None, far_right: str | None) -> float:
        """What the words two places away (lower case, None: none) add to how well
        `word` fits, beyond its neighbours: the pointwise mutual information of
        each skip pair, 0 without either. The skip pairs overlap with what the
        neighbours say, so the caller weighs this by a factor it tunes."""
        score = 0.0
        if far_left is not None:
            score += self.skip_logp(word, far_left) - self.unigram_logp(word)
        if far_right is not None:
            score += self.skip_logp(far_right, word) - self.unigram_logp(far_right)
        return score

    def name_logp(self, word: str) -> float:
        """log P(capitalised | word) inside a sentence: how readily `word` (lower
        case) is a name, add-half smoothed ("thọ" of Phú Thọ often, "thờ" hardly)."""
        i = self.index.get(word)
        named, seen = (0, 0) if i is None else (self.capitalised[i], self.counts[i])
        return math.log((named + 0.5) / (seen + 1.0))

    def unigram_logp(self, word: str) -> float:
        """log P(word), add-half smoothed so unseen syllables stay finite."""
        return math.log((self.count(word) + 0.5) / (self.total + 0.5 * len(self.vocabulary)))

    def _continuation(self, word: str) -> float:
        i = self.index.get(word)
        seen = 0 if i is None else self.predecessors[i]
        return (seen + 0.5) / self.continuation_total

    def run_score(self, words: Iterable[str], previous: str | None = None) -> float:
        """How well a run of words (lower-case NFC) reads: the pair_score of each
        given the one before it (the first given `previous`, if any)."""
        total = 0.0
        for word in words:
            total += self.pair_score(word, previous)
            previous = word
        return total

    def logp(self, word: str, previous: str | None) -> float:
        """log P(word | previous): interpolated Kneser-Ney; unigram without context."""
        score = self._remembered.get((word, previous))
        if score is None:
            score = _remember(self._remembered, (word, previous), self._logp(word, previous))
        return score

    def _logp(self, word: str, previous: str | None) -> float:
        return self.logps((word,), previous)[0]

    def logps(self, words: Sequence[str], previous: str | None) -> list[float]:
        """`logp` of each of `words` after the one `previous`, looked up once:
        a forward-backward over many readings asks a row at a time, of pairs
        it seldom asks again, so they are not remembered."""
        if previous is None:
            return [self.unigram_logp(word) for word in words]
        i = self.index.get(previous)
        if i is None or self.histories[i] == 0:
            return [math.log(self._continuation(word)) for word in words]
        history = self.histories[i]
        backoff = _DISCOUNT * self.followers[i] / history
        row = i * len(self.vocabulary)
        index, keys, counts = self.index, self.bigram_keys, self.bigram_counts
        # the pairs `previous` opens, whose keys lie together: for a row, a
        # shorter search for each word; for one word, one search in all
        low, high = 0, len(keys)
        if len(words) > 1:
            low = bisect.bisect_left(keys, row)
            high = bisect.bisect_left(keys, row + len(self.vocabulary), low)
        found = []
        for word in words:
            j = index.get(word)
            if j is None:
                pair, continuation = 0, self._continuation(word)
            else:  # _count_of and _continuation, written out: this is the inner loop
                at = bisect.bisect_left(keys, row + j, low, high)
                pair = counts[at] if at < high and keys[at] == row + j else 0
                continuation = (self.predecessors[j] + 0.5) / self.continuation_total
            found.append(math.log(max(pair - _DISCOUNT, 0.0) / history + backoff * continuation))
        return found


def _count_of(keys: array.array[int], counts: array.array[int], key: int | None) -> int:
    """The count stored for `key` in sorted `keys`, 0 if absent."""
    if key is None:
        return 0
    at = bisect.bisect_left(keys, key)
    return counts[at] if at < len(keys) and keys[at] == key else 0


def _remember(
    memory: dict[tuple[str, str | None], float], key: tuple[str, str | None], value: float
) -> float:
    """Keep `value` in a memory of answers, cleared once it holds MAX_REMEMBERED."""
    if len(memory) >= MAX_REMEMBERED:
        memory.clear()
    memory[key] = value
    return value


_lock = threading.Lock()
_loaded: SyllableModel | None = None


def load_model() -> SyllableModel:
    """The shipped model, read and verified on first use (thread-safe)."""
    global _loaded
    if _loaded is None:
        with _lock:
            if _loaded is None:
                resource = importlib.resources.files("vnnorm") / "data" / MODEL_RESOURCE
                try:
                    data = resource.read_bytes()
                except OSError as error:
                    raise ModelError(f"cannot read the model {resource}: {error}") from None
                _loaded = SyllableModel.from_bytes(data)
    return _loaded


def _reset_lock_after_fork() -> None:
    global _lock
    _lock = threading.Lock()  # a thread that held it in the parent does not exist here


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_lock_after_fork)
