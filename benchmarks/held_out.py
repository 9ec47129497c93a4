"""Accuracy on Wikipedia the model never counted: a model built without every
tenth block of 20 lines of ../shared/corpus/viwiki, measured on those blocks.

    python benchmarks/held_out.py              # the statistical families, ~2 min
    python benchmarks/held_out.py --all        # every family of accuracy.py
    python benchmarks/held_out.py --quick      # the first 2,000 lines held out, for CI

The UD VTB test split is news, and is kept for reporting; this is a second
text to tune on that the shipped model has seen no more than the test split
has. It is Wikipedia, the model's own genre, but it holds what news seldom
does: names, foreign words, romanised Sanskrit and Japanese, lone letters
("nước Ý"). The model used here is built in memory with the shipped model's
own script and word lists; only these lines are missing from its counts.
Columns as in accuracy.py, whose damage and counting this reuses.
"""

from __future__ import annotations

import argparse
import functools
import lzma
import sys
from collections.abc import Sequence
from pathlib import Path
from unittest import mock

import accuracy

import vnnorm
import vnnorm.model

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import build_model  # noqa: E402

BLOCK = accuracy.DOC_LINES
EVERY = 10  # one block in ten is held out
HELD = 3  # which one of the ten
# The families whose repair is decided by the model's statistics; the others
# read bytes back, where a held-out model changes little.
STATISTICAL = ("latin1-as-cp1258 NFC", "utf8-as-cp1252, C1 lost")


def held_out(line: int) -> bool:
    return (line // BLOCK) % EVERY == HELD


def held_out_lines(corpus: Path) -> list[str]:
    source = corpus / "viwiki" / "text.txt.xz"
    with lzma.open(source, "rt", encoding="utf-8") as text:
        return [line.rstrip("\n") for i, line in enumerate(text) if held_out(i)]


def run(corpus: Path, families: Sequence[str], limit: int | None = None) -> list[accuracy.Row]:
    model = vnnorm.model.SyllableModel.from_bytes(build_model.build(corpus, held_out))
    lines = held_out_lines(corpus)[:limit]
    rows = []
    # The model is swapped in before anything reads it: the fixers remember
    # answers computed from whichever model they first see.
    with mock.patch.object(vnnorm.model, "_loaded", model):
        for unit in ("doc", "line"):
            docs = accuracy.documents(lines, unit)
            for family in families:
                damage = accuracy.DAMAGES.get(family, lambda text: text)
                fix = functools.partial(vnnorm.fix, config=accuracy.OPT_IN.get(family))
                rows.append(accuracy.measure(family, unit, docs, damage, fix))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=accuracy.DEFAULT_CORPUS)
    parser.add_argument("--all", action="store_true", help="every family of accuracy.py")
    parser.add_argument("--quick", action="store_true", help="the first 2,000 lines only")
    args = parser.parse_args(argv)
    families = [*(accuracy.DAMAGES if args.all else STATISTICAL), "clean text"]
    rows = run(args.corpus, families, 2000 if args.quick else None)
    title = f"Wikipedia held out of the model (one block of {BLOCK} lines in {EVERY})"
    accuracy.report([(row, None) for row in rows], title)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
