"""Accuracy: damage clean news text by each family's exact mechanism, repair it, compare.

    python benchmarks/accuracy.py                 # test split, the figures in the README
    python benchmarks/accuracy.py --split dev     # the split to tune on
    python benchmarks/accuracy.py --quick         # first 200 lines, no ftfy, for CI

The text is the UD Vietnamese VTB treebank (../shared/corpus/ud-vietnamese-vtb),
news, a different source and genre from the Wikipedia text the model is built
from. Each row damages it one way and repairs it as 20-line documents and as
single lines. Words are the tokens between ASCII spaces, tabs and newlines,
which every damage here preserves. Unit 'piece': each line cut into pieces of
four words, each repaired alone, as short strings (cells, titles) are:
  repaired     damaged words that came back exactly as written
  missed       damaged words left as they were
  wrong        damaged words changed into something else
  undecidable  changed into a word the damage writes the same way as the right one
               (a capital TCVN3 cannot hold comes back small): not counted as wrong
  harmed       undamaged words that were changed (per 100k words of text)
  docs right   documents (or lines) that came back exactly
The clean rows run the undamaged text through and count changed words. VIQR
is read only when asked (Config(viqr=True)), so its rows switch it on.

The reference is the text as a correct repair leaves it: the treebank has a few
eths typed for Đ ("Ðặng"), which vnnorm replaces with the real letter (and the
Latin-1 damage itself turns into it), so the reference has Đ there too.
"""

from __future__ import annotations

import argparse
import difflib
import functools
import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import unicodedata2

import vnnorm
from vnnorm.chardata import DAMAGE_LATIN1_AS_CP1258
from vnnorm.families.legacy_fonts import damage as legacy_read_as
from vnnorm.families.lookalikes import damage as pdf_extracted
from vnnorm.families.lossy_cp1252 import damage as lossy_cp1252
from vnnorm.families.utf8_mojibake import damage as utf8_read_as

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DOC_LINES = 20
PIECE_WORDS = 4


def _nfc(text: str) -> str:
    normal: str = unicodedata2.normalize("NFC", text)
    return normal


_ASCII_SPACE = re.compile(r"[ \t\r\n]+")
_ETH_TO_D = str.maketrans("\u00d0\u00f0", "\u0110\u0111")


def viqr_typed(text: str) -> str:
    """`text` as a VIQR typist writes it, by RFC 1456 with its backslash escapes.

    What VIQR cannot hold (a dash, a curly quote) stays as it is rather than
    becoming "?", so that only what VIQR writes counts as damage.
    """
    out, start = [], 0
    text = text.translate(_ETH_TO_D)
    while True:
        try:
            out.append(text[start:].encode("viqr").decode("ascii"))
            return "".join(out)
        except UnicodeEncodeError as error:
            out.append(text[start : start + error.start].encode("viqr").decode("ascii"))
            out.append(text[start + error.start : start + error.end])
            start += error.end


# name → function that damages clean text exactly as the family's mechanism does
DAMAGES: dict[str, Callable[[str], str]] = {
    "latin1-as-cp1258 raw": lambda t: t.translate(DAMAGE_LATIN1_AS_CP1258),
    "latin1-as-cp1258 NFC": lambda t: _nfc(t.translate(DAMAGE_LATIN1_AS_CP1258)),
    "utf8-as-cp1252": lambda t: utf8_read_as(t, "cp1252"),
    "utf8-as-latin1 (C1)": lambda t: utf8_read_as(t, "latin-1"),
    "utf8-as-cp1258": lambda t: utf8_read_as(t, "cp1258"),
    "utf8-as-cp1252 twice": lambda t: utf8_read_as(utf8_read_as(t, "cp1252"), "cp1252"),
    # a web page or editor that turned the no-break space of "à" (C3 A0) into a space
    "utf8-as-cp1252, A0 as sp": lambda t: utf8_read_as(t, "cp1252").replace("\u00a0", " "),
    # a decoder that dropped the bytes cp1252 leaves undefined (or a C1 cleaner)
    "utf8-as-cp1252, C1 lost": lambda t: utf8_read_as(t, "cp1252", lost=""),
    # one that replaced them with U+FFFD, as Python's errors="replace" does
    "utf8-as-cp1252, C1 FFFD": lambda t: utf8_read_as(t, "cp1252", lost="\ufffd"),
    "tcvn3-as-cp1252": lambda t: legacy_read_as(t, "tcvn3"),
    "vni-as-cp1252": lambda t: legacy_read_as(t, "vni"),
    "viscii-as-cp1252": lambda t: legacy_read_as(t, "viscii"),
    "pdf oi for u-horn": pdf_extracted,
    "decomposed (NFD)": lambda t: unicodedata2.normalize("NFD", t),
    "viqr (opt-in)": viqr_typed,
    "clean, viqr on": lambda t: t,
}
# Families that are off by default, and the rows that measure them switched on.
OPT_IN = {
    "viqr (opt-in)": vnnorm.Config(viqr=True),
    "clean, viqr on": vnnorm.Config(viqr=True),
}


@dataclass
class Row:
    family: str
    unit: str
    words: int = 0
    damaged: int = 0
    repaired: int = 0
    missed: int = 0
    wrong: int = 0
    undecidable: int = 0  # the damage wrote the right word and the one given alike
    harmed: int = 0
    docs: int = 0
    docs_right: int = 0
    seconds: float = 0.0

    @property
    def repaired_pct(self) -> float:
        return 100.0 * self.repaired / self.damaged if self.damaged else 100.0

    @property
    def harmed_per_100k(self) -> float:
        return 1e5 * (self.harmed + self.wrong) / self.words if self.words else 0.0

    def add(self, original: str, fixed: str, damage: Callable[[str], str]) -> None:
        self.docs += 1
        reference = original.translate(_ETH_TO_D)
        self.docs_right += fixed == reference
        # Every damage here acts within a word, so each word's damage is its own;
        # one ("A0 as sp") may split a word in the damaged text, never in the original.
        want, have = _words(reference), _words(fixed)
        got = [damage(word) for word in _words(original)]
        if len(have) == len(want):
            for w, d, f in zip(want, got, have, strict=True):
                self._add_word(w, d, f, damage)
            return
        # Word boundaries moved: align, and count the words of each stretch that
        # does not match as missed (the repair left the damage's split as it was)
        # or else as wrong and harmed.
        matcher = difflib.SequenceMatcher(a=want, b=have, autojunk=False)
        for tag, a0, a1, b0, b1 in matcher.get_opcodes():
            if tag == "equal":
                for w, d, f in zip(want[a0:a1], got[a0:a1], have[b0:b1], strict=True):
                    self._add_word(w, d, f, damage)
                continue
            left = have[b0:b1] == _words(" ".join(_nfc(d) for d in got[a0:a1]))
            for w, d in zip(want[a0:a1], got[a0:a1], strict=True):
                self.words += 1
                if w != d:
                    self.damaged += 1
                    self.missed += left
                    self.wrong += not left
                else:
                    self.harmed += not left

    def _add_word(self, w: str, d: str, f: str, damage: Callable[[str], str]) -> None:
        self.words += 1
        if w != d:
            self.damaged += 1
            if f == w:
                self.repaired += 1
            elif [f] == _words(_nfc(d)):  # as it came ("bÃ " of "bà" at the end: "bÃ")
                self.missed += 1
            elif damage(f) == damage(w):
                self.undecidable += 1  # e.g. "Á" that TCVN3 can only write as "á"
            else:
                self.wrong += 1
        elif f != w:
            self.harmed += 1


def _words(text: str) -> list[str]:
    # ASCII whitespace only: damage turns letters into no-break spaces ("à" is C3 A0)
    return [word for word in _ASCII_SPACE.split(text) if word]


def load_lines(corpus: Path, split: str, limit: int | None) -> list[str]:
    path = corpus / "ud-vietnamese-vtb" / f"{split}.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines[:limit] if limit else lines


def documents(lines: Sequence[str], unit: str) -> list[str]:
    if unit == "line":
        return list(lines)
    if unit == "piece":  # a short string alone: a table cell, a title, a name
        pieces = []
        for line in lines:
            words = line.split(" ")
            pieces += [
                " ".join(words[i : i + PIECE_WORDS]) for i in range(0, len(words), PIECE_WORDS)
            ]
        return pieces
    return ["\n".join(lines[i : i + DOC_LINES]) for i in range(0, len(lines), DOC_LINES)]


def measure(
    family: str,
    unit: str,
    originals: Iterable[str],
    damage: Callable[[str], str],
    repair: Callable[[str], str],
) -> Row:
    row = Row(family, unit)
    started = time.perf_counter()
    for original in originals:
        damaged = damage(original)
        row.add(original, repair(damaged), damage)
    row.seconds = time.perf_counter() - started
    return row


@dataclass
class LossyRow:
    """Text saved in cp1252: what the bytes determine, and what can only be guessed."""

    unit: str
    words: int = 0
    determined: int = 0  # words whose damage the bytes still fully show
    determined_right: int = 0
    lost: int = 0  # words that lost a letter to "?" or a best-fit letter
    guessed_right: int = 0
    guessed_wrong: int = 0
    harmed: int = 0

    def add(self, original: str, fixed: str) -> None:
        want, have = _words(original), _words(fixed)
        if len(want) != len(have):
            self.words += len(want)
            self.harmed += len(want)
            return
        latin1 = DAMAGES["latin1-as-cp1258 raw"]
        for w, f in zip(want, have, strict=True):
            self.words += 1
            lossy = lossy_cp1252(w)
            if lossy == w:
                self.harmed += f != w
            elif lossy == latin1(w):
                self.determined += 1
                self.determined_right += _nfc(f) == _nfc(w)
            else:
                self.lost += 1
                if _nfc(f) == _nfc(w):
                    self.guessed_right += 1
                elif _nfc(f) != _nfc(lossy):
                    self.guessed_wrong += 1


def measure_lossy(unit: str, originals: Iterable[str]) -> LossyRow:
    row = LossyRow(unit)
    for original in originals:
        row.add(original.translate(_ETH_TO_D), vnnorm.fix(lossy_cp1252(original)))
    return row


def report_lossy(rows: Sequence[LossyRow], out=sys.stdout) -> None:  # type: ignore[no-untyped-def]
    print(
        "\ncp1252-lossy (then read as cp1258): determined = the bytes still show the word;",
        file=out,
    )
    print(
        "lost = a letter became '?' or a best-fit letter, so only a guess can restore it", file=out
    )
    header = (
        f"{'unit':<5} {'determined':>10} {'repaired':>9} {'lost':>6} {'guessed right':>14} "
        f"{'guessed wrong':>14} {'harm/100k':>10}"
    )
    print(header, file=out)
    print("-" * len(header), file=out)
    for r in rows:
        repaired = 100.0 * r.determined_right / r.determined if r.determined else 100.0
        right = 100.0 * r.guessed_right / r.lost if r.lost else 0.0
        wrong = 100.0 * r.guessed_wrong / r.lost if r.lost else 0.0
        harm = 1e5 * r.harmed / r.words if r.words else 0.0
        print(
            f"{r.unit:<5} {r.determined:>10} {repaired:>8.2f}% {r.lost:>6} {right:>13.2f}% "
            f"{wrong:>13.2f}% {harm:>10.1f}",
            file=out,
        )


def _ftfy() -> Callable[[str], str] | None:
    """ftfy.fix_text with uncurl_quotes off (it would change clean quotes), if installed."""
    try:
        import ftfy
    except ImportError:
        return None
    config = ftfy.TextFixerConfig(uncurl_quotes=False)
    return lambda text: ftfy.fix_text(text, config)


def run(corpus: Path, split: str, limit: int | None, peer: bool) -> list[tuple[Row, Row | None]]:
    lines = load_lines(corpus, split, limit)
    ftfy_fix = _ftfy() if peer else None
    rows = []
    families = [*DAMAGES.items(), ("clean text", lambda t: t)]
    for unit in ("doc", "line", "piece"):
        docs = documents(lines, unit)
        for family, damage in families:
            ours = measure(
                family, unit, docs, damage, functools.partial(vnnorm.fix, config=OPT_IN.get(family))
            )
            theirs = measure(family, unit, docs, damage, ftfy_fix) if ftfy_fix else None
            rows.append((ours, theirs))
    return rows


def report(rows: Sequence[tuple[Row, Row | None]], text: str, out=sys.stdout) -> None:  # type: ignore[no-untyped-def]
    """The table of `rows`, under a line that says which `text` was damaged."""
    print(f"{text}; unit 'doc' = {DOC_LINES} lines", file=out)
    header = (
        f"{'family':<24} {'unit':<5} {'damaged':>8} {'repaired':>9} {'missed':>7} "
        f"{'wrong':>6} {'undec.':>6} {'harmed':>7} {'harm/100k':>10} {'docs right':>11}"
        f" | {'ftfy rep.':>9} {'harm/100k':>10}"
    )
    print(header, file=out)
    print("-" * len(header), file=out)
    for r, peer in rows:
        right = f"{r.docs_right}/{r.docs}"
        theirs = (
            f"{peer.repaired_pct:>8.2f}% {peer.harmed_per_100k:>10.1f}"
            if peer
            else f"{'-':>9} {'-':>10}"
        )
        print(
            f"{r.family:<24} {r.unit:<5} {r.damaged:>8} {r.repaired_pct:>8.2f}% {r.missed:>7} "
            f"{r.wrong:>6} {r.undecidable:>6} {r.harmed:>7} {r.harmed_per_100k:>10.1f} {right:>11}"
            f" | {theirs}",
            file=out,
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("train", "dev", "test"), default="test")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--quick", action="store_true", help="first 200 lines only")
    parser.add_argument("--json", action="store_true", help="print rows as JSON")
    parser.add_argument("--no-ftfy", action="store_true", help="skip the ftfy comparison")
    args = parser.parse_args(argv)
    limit = 200 if args.quick else None
    rows = run(args.corpus, args.split, limit, peer=not (args.no_ftfy or args.quick))
    lines = load_lines(args.corpus, args.split, limit)
    lossy = [measure_lossy(unit, documents(lines, unit)) for unit in ("doc", "line")]
    if args.json:
        table = [
            asdict(r) | {"repaired_pct": r.repaired_pct, "ftfy": asdict(p) if p else None}
            for r, p in rows
        ]
        print(json.dumps(table + [asdict(r) for r in lossy], indent=1))
    else:
        report(rows, f"UD VTB {args.split} split; ftfy with uncurl_quotes off")
        report_lossy(lossy)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
