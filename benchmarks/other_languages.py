"""Harm on other languages: text in no damage at all, which must come back unchanged.

    python benchmarks/other_languages.py            # the figures in the README
    python benchmarks/other_languages.py --quick    # a few languages and locales (CI)

Two sources of clean text in other languages, both installed with the `bench`
extra:
  wordfreq  lines of 4 to 14 words drawn by frequency from the 5,000 commonest
            words of each Latin-script language wordfreq lists (a fixed seed),
            repaired one by one and as documents of 20 lines: word salad, but
            in each language's letters and at its rates; then each of the
            20,000 commonest words alone, as written, capitalised and in
            capitals (a cell, a tag), and each of them beyond ASCII in a line
            of 3 to 8 common words of its language, where it is the line's
            only word beyond ASCII (a French sentence naming "Loïc");
  babel     CLDR's names of languages, territories, scripts and currencies and
            its month and day names, for every locale but Vietnamese: short
            strings, repaired alone, as a table cell is.
Every change is harm. The table counts what changed and shows the commonest.
"""

from __future__ import annotations

import argparse
import random
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence

import vnnorm

LANGUAGES = "ca cs da de en es fi fil fr hu id is it lt lv ms nb nl pl pt ro sh sk sl sv tr".split()
TOP_WORDS = 5000
ALONE_WORDS = 20_000
DOC_LINES = 20
SEED = 7


def drawn_lines(language: str, count: int, rng: random.Random) -> list[str]:
    """`count` lines of common words of `language`, drawn by their frequency."""
    words, weights = _weighted(language, ascii_only=False)
    return [
        _sentence(rng.choices(words, weights=weights, k=rng.randint(4, 14))) for _ in range(count)
    ]


def words_alone(language: str, count: int) -> list[str]:
    """The `count` commonest words of `language`, each as written, capitalised
    and in capitals."""
    from wordfreq import top_n_list

    return [
        form
        for word in top_n_list(language, count)
        for form in dict.fromkeys((word, _capitalised(word), word.upper()))
    ]


def words_in_lines(language: str, count: int, rng: random.Random) -> list[str]:
    """Each word beyond ASCII among the `count` commonest of `language`, in a
    line of 3 to 8 common ASCII words of its language drawn by frequency."""
    from wordfreq import top_n_list

    plain, weights = _weighted(language, ascii_only=True)
    lines = []
    for word in top_n_list(language, count):
        if word.isascii():
            continue
        words = rng.choices(plain, weights=weights, k=rng.randint(3, 8))
        words.insert(rng.randrange(len(words) + 1), word)
        lines.append(_sentence(words))
    return lines


def _weighted(language: str, ascii_only: bool) -> tuple[list[str], list[float]]:
    """The TOP_WORDS commonest words of `language` (those in ASCII alone, if
    `ascii_only`), and their frequencies, to draw them by."""
    from wordfreq import top_n_list, word_frequency

    words = [w for w in top_n_list(language, TOP_WORDS) if w.isascii() or not ascii_only]
    return words, [word_frequency(word, language) for word in words]


def _sentence(words: list[str]) -> str:
    return _capitalised(" ".join(words)) + "."


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def cldr_strings(limit: int | None) -> Iterator[tuple[str, str]]:
    """(locale, string) for CLDR's display names, months and days beyond ASCII."""
    from babel import Locale, localedata

    identifiers = [code for code in localedata.locale_identifiers() if not code.startswith("vi")]
    for code in sorted(identifiers)[:limit]:
        locale = Locale.parse(code)
        names: list[str] = []
        for table in (locale.languages, locale.territories, locale.scripts, locale.currencies):
            names += [name for name in table.values() if isinstance(name, str)]
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                names += list(locale.months[context][width].values())
                names += list(locale.days[context][width].values())
        for name in names:
            if not name.isascii() and unicodedata.is_normalized("NFC", name):
                yield code, name


def changes(text: str) -> list[str]:
    """Each change `fix` makes to `text`, as "before → after (rule)"."""
    return [
        f"{c.before.strip()} → {c.after.strip()} ({c.rule})"
        for c in vnnorm.fix_and_explain(text).changes
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="4 languages, 40 locales")
    args = parser.parse_args(argv)
    languages = LANGUAGES[:4] if args.quick else LANGUAGES
    per_language = 60 if args.quick else 400

    rng = random.Random(SEED)
    seen: Counter[str] = Counter()
    lines = changed_lines = documents = changed_documents = 0
    print(f"wordfreq: {per_language} lines of common words per language, alone and in documents")
    print(f"{'language':9} {'lines':>6} {'changed':>8} {'documents':>10} {'changed':>8}")
    for language in languages:
        drawn = drawn_lines(language, per_language, rng)
        found = [changes(line) for line in drawn]
        docs = ["\n".join(drawn[i : i + DOC_LINES]) for i in range(0, len(drawn), DOC_LINES)]
        harmed_docs = sum(vnnorm.fix(doc) != doc for doc in docs)
        harmed = sum(bool(f) for f in found)
        seen.update(change for f in found for change in f)
        lines, changed_lines = lines + len(drawn), changed_lines + harmed
        documents, changed_documents = documents + len(docs), changed_documents + harmed_docs
        print(f"{language:9} {len(drawn):>6} {harmed:>8} {len(docs):>10} {harmed_docs:>8}")
    print(f"{'all':9} {lines:>6} {changed_lines:>8} {documents:>10} {changed_documents:>8}")

    top = 2000 if args.quick else ALONE_WORDS
    alone = [form for language in languages for form in words_alone(language, top)]
    harmed_alone = [form for form in alone if vnnorm.fix(form) != form]
    set_in = [line for language in languages for line in words_in_lines(language, top, rng)]
    harmed_in = [line for line in set_in if vnnorm.fix(line) != line]
    for text in harmed_alone + harmed_in:
        seen.update(changes(text))
    print(f"\nwordfreq, the {top:,} commonest words of each language:")
    print(f"  alone, in three cases: {len(alone):,} strings, {len(harmed_alone)} changed")
    print(
        f"  beyond ASCII, each in a line of common words: {len(set_in):,}, {len(harmed_in)} changed"
    )

    strings = dict.fromkeys(name for _, name in cldr_strings(40 if args.quick else None))
    harmed_strings = [name for name in strings if vnnorm.fix(name) != name]
    for name in harmed_strings:
        seen.update(changes(name))
    print(f"\nCLDR: {len(strings)} distinct names and dates, {len(harmed_strings)} changed")
    print("\ncommonest changes:")
    for change, count in seen.most_common(15):
        print(f"{count:6}  {change}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
