"""Build the shipped syllable model from the clean Vietnamese Wikipedia text.

    python scripts/build_model.py [--corpus ../shared/corpus] [--output PATH]

Counts every well-formed Vietnamese syllable (lower case), every number (as
one token, "0"), every pair of them separated only by spaces, every pair with
one such word between them (a skip pair), every break
between words (a full stop, a comma, the start of a line: the word "."),
paired with the words on either side of it, and how often a
syllable is capitalised inside a sentence (a name), in
../shared/corpus/viwiki/text.txt.xz. Marks the syllables that the pyvi and
Tesseract word lists attest, and lists the two-syllable words of pyvi. The
output is deterministic: the same corpus gives the same bytes, which
tests/test_model.py checks against the committed file.

The text is Vietnamese Wikipedia (CC BY-SA 3.0); the counts are shipped under
CC BY-SA 4.0 with attribution, see src/vnnorm/data/NOTICE.md.
"""

from __future__ import annotations

import argparse
import collections
import lzma
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

import regex
import unicodedata2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from vnnorm.model import MODEL_RESOURCE, encode_model  # noqa: E402
from vnnorm.orthography import is_syllable  # noqa: E402
from vnnorm.tokens import (  # noqa: E402
    BOUNDARY,
    BOUNDARY_GAP,
    MID_SENTENCE_GAP,
    NEIGHBOUR_GAP,
    NUMBER,
    NUMBER_TOKEN,
    WORD,
    ends_in_break,
    is_name_cased,
    model_spelling,
)

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_OUTPUT = ROOT / "src" / "vnnorm" / "data" / MODEL_RESOURCE
PYVI_WORDS = Path("pyvi-words") / "words.txt"
TESSERACT_WORDS = Path("tesseract-vie") / "vie.lstm-word-dawg.txt"
# Syllables, and numbers as one token ("ngõ 4", "năm 2010").
_TOKEN = regex.compile(f"{WORD.pattern}|{NUMBER.pattern}")


class Counts(NamedTuple):
    unigrams: collections.Counter[str]
    bigrams: collections.Counter[tuple[str, str]]  # neighbours, BOUNDARY included
    capitalised: collections.Counter[str]  # written with a capital inside a sentence
    skips: collections.Counter[tuple[str, str]]  # words with one neighbour between them


def count_syllables(lines: collections.abc.Iterable[str]) -> Counts:
    """Syllable counts, counts of neighbouring pairs and of skip pairs, and how
    often each syllable is written with a capital inside a sentence, as names
    are. A break between words (tokens.BOUNDARY_GAP) and the start of a line
    count as the word BOUNDARY, paired with the words on either side of it."""
    unigrams: collections.Counter[str] = collections.Counter()
    bigrams: collections.Counter[tuple[str, str]] = collections.Counter()
    capitalised: collections.Counter[str] = collections.Counter()
    skips: collections.Counter[tuple[str, str]] = collections.Counter()
    valid: dict[str, bool] = {}
    for line in lines:
        previous: str | None = None
        before_previous: str | None = None  # the neighbour of `previous`, if any
        previous_end = 0
        last_end = -1  # of any token, counted or not
        for match in _TOKEN.finditer(line):
            written = match.group()
            word = model_spelling(written)
            ok = valid.get(word)
            if ok is None:
                ok = valid[word] = word == NUMBER_TOKEN or is_syllable(word)
            if ok:
                unigrams[word] += 1
                gap = (previous_end, match.start())
                joined = False
                if previous is not None and NEIGHBOUR_GAP.fullmatch(line, *gap):
                    joined = True
                    bigrams[previous, word] += 1
                    if before_previous is not None:
                        skips[before_previous, word] += 1
                elif (last_end < 0 and not line[: match.start()].strip()) or (
                    last_end >= 0 and BOUNDARY_GAP.fullmatch(line, last_end, match.start())
                ):
                    # a break, or the start of the line (tokens.context_before), before it
                    unigrams[BOUNDARY] += 1
                    bigrams[BOUNDARY, word] += 1
                    if previous is not None and previous_end == last_end:
                        bigrams[previous, BOUNDARY] += 1
                if (
                    is_name_cased(written)
                    and last_end >= 0
                    and MID_SENTENCE_GAP.fullmatch(line, last_end, match.start())
                ):
                    capitalised[word] += 1
                before_previous = previous if joined else None
                previous, previous_end = word, match.end()
            else:
                previous = before_previous = None
            last_end = match.end()
        if previous is not None and previous_end == last_end and ends_in_break(line.rstrip("\n")):
            unigrams[BOUNDARY] += 1
            bigrams[previous, BOUNDARY] += 1
    return Counts(unigrams, bigrams, capitalised, skips)


def _listed_words(path: Path) -> Iterator[list[str]]:
    """Each entry of a word list, as its lower-case NFC syllables."""
    for line in path.read_text(encoding="utf-8").splitlines():
        yield WORD.findall(unicodedata2.normalize("NFC", line).lower())


def listed_syllables(corpus: Path) -> set[str]:
    """Syllables attested by the permissively licensed word lists (pyvi, Tesseract)."""
    found: set[str] = set()
    for path in (PYVI_WORDS, TESSERACT_WORDS):
        for syllables in _listed_words(corpus / path):
            # a lone letter in a word list is the letter's name, not a word
            found.update(s for s in syllables if len(s) > 1 and is_syllable(s))
    return found


def listed_word_pairs(corpus: Path) -> set[tuple[str, str]]:
    """The two-syllable words of the pyvi list ("góp ý", "chú ý")."""
    return {
        (syllables[0], syllables[1])
        for syllables in _listed_words(corpus / PYVI_WORDS)
        if len(syllables) == 2 and all(map(is_syllable, syllables))
    }


def build(corpus: Path, held_out: Callable[[int], bool] | None = None) -> bytes:
    """The model file's bytes. `held_out`: the numbers (from 0) of lines to leave
    out of the counts, so that they can test it (benchmarks/held_out.py)."""
    source = corpus / "viwiki" / "text.txt.xz"
    with lzma.open(source, "rt", encoding="utf-8") as text:
        lines = text if held_out is None else (t for i, t in enumerate(text) if not held_out(i))
        counts = count_syllables(lines)
    info = {
        "name": "vi-syllables-viwiki",
        "generated_by": "scripts/build_model.py (do not edit)",
        "source": "Vietnamese Wikipedia via undertheseanlp/corpus.viwiki "
        "0b727cc0461e1de6435d4ec70c99dc86253e56d8 (../shared/corpus/viwiki)",
        "word_lists": "pyvi 0.1.1 words.txt (MIT); Tesseract vie word list (Apache-2.0)",
        "license": "CC BY-SA 4.0; text by Vietnamese Wikipedia contributors (CC BY-SA 3.0)",
        "tokens": sum(counts.unigrams.values()),
    }
    return encode_model(
        counts.unigrams,
        counts.bigrams,
        listed_syllables(corpus),
        info,
        listed_word_pairs(corpus),
        counts.capitalised,
        counts.skips,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    data = build(args.corpus)
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
