"""Throughput: MB/s of `vnnorm.fix` on each kind of input, against baselines in the same run.

    python benchmarks/throughput.py            # about 4 MB per input, 5 timed runs each
    python benchmarks/throughput.py --quick    # small inputs, 3 runs (CI)
    python benchmarks/throughput.py --mb 20    # bigger inputs

MB/s is UTF-8 bytes in / wall time, the median of the timed runs after one
warm-up run, in one process. Each input is measured whole (one `fix` call) and
line by line (one call per line). In the same run the same inputs go through
`unicodedata.normalize("NFC", ...)` and, if installed, `ftfy.fix_text` (with
uncurl_quotes off), and the table shows vnnorm's speed as a ratio of theirs:
these machines are shared and noisy, so only ratios from one run mean much.
vnnorm remembers what each short text's tokens set off (src/vnnorm/triggers.py),
so the timed runs meet tokens it has seen, as a long stream mostly does; the
"1st" column is vnnorm's warm-up run, with that memory cleared before it, where
every token of the input is new.

Inputs, built from ../shared/corpus:
  clean-vi    Vietnamese Wikipedia and news sentences
  latin1      the same, damaged as Latin-1 read as cp1258
  mojibake    the same, UTF-8 read as cp1252
  ascii       English prose (the UD licence text)
  mix         clean and latin1-damaged lines alternating
"""

from __future__ import annotations

import argparse
import lzma
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable
from itertools import islice
from pathlib import Path

import vnnorm
from vnnorm.chardata import DAMAGE_LATIN1_AS_CP1258
from vnnorm.families.utf8_mojibake import damage as utf8_read_as
from vnnorm.pipeline import TRIGGERS
from vnnorm.tokenscan import PyTokenSet, TokenSet

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def _repeat_to(lines: list[str], megabytes: float) -> str:
    out, size, target = [], 0, int(megabytes * 1e6)
    while size < target:
        for line in lines:
            out.append(line)
            size += len(line.encode("utf-8"))
            if size >= target:
                break
    return "".join(out)


def build_inputs(corpus: Path, megabytes: float) -> dict[str, str]:
    with lzma.open(corpus / "viwiki" / "text.txt.xz", "rt", encoding="utf-8") as wiki:
        lines = list(islice(wiki, 20_000))
    for split in ("train", "dev", "test"):
        path = corpus / "ud-vietnamese-vtb" / f"{split}.txt"
        lines.extend(path.read_text(encoding="utf-8").splitlines(keepends=True))
    clean = _repeat_to(lines, megabytes)
    damaged = clean.translate(DAMAGE_LATIN1_AS_CP1258)
    english = (corpus / "ud-vietnamese-vtb" / "LICENSE.txt").read_text(encoding="utf-8")
    mixed = "".join(
        line if i % 2 else line.translate(DAMAGE_LATIN1_AS_CP1258)
        for i, line in enumerate(clean.splitlines(keepends=True))
    )
    return {
        "clean-vi": clean,
        "latin1": damaged,
        "mojibake": utf8_read_as(clean, "cp1252"),
        "ascii": _repeat_to(english.splitlines(keepends=True), megabytes),
        "mix": mixed,
    }


def _ftfy() -> Callable[[str], str] | None:
    try:
        import ftfy
    except ImportError:
        return None
    config = ftfy.TextFixerConfig(uncurl_quotes=False)
    return lambda text: ftfy.fix_text(text, config)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def rates(
    function: Callable[[str], object],
    text: str,
    by_line: bool,
    runs: int,
    forget: Callable[[], None] = lambda: None,
) -> tuple[float, float]:
    """MB/s: the median of `runs` timed runs after a warm-up, and of the
    warm-up, which comes after `forget`."""
    size = len(text.encode("utf-8")) / 1e6
    pieces = text.splitlines(keepends=True) if by_line else [text]
    forget()
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        for piece in pieces:
            function(piece)
        times.append(time.perf_counter() - started)
    return size / statistics.median(times[1:]), size / times[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--mb", type=float, default=4.0, help="size of each input (MB)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="0.3 MB inputs, 3 runs, no ftfy")
    args = parser.parse_args(argv)
    if args.quick:
        args.mb, args.runs = 0.3, 3
    inputs = build_inputs(args.corpus, args.mb)
    ftfy_fix = None if args.quick else _ftfy()
    vnnorm.fix("đă")  # load the model outside the timings
    piece = "the C piece" if TokenSet is not PyTokenSet else "no C piece (pure Python)"
    print(f"{args.mb:g} MB per input, median of {args.runs} runs; MB/s and ratios; {piece}")
    header = (
        f"{'input':<10} {'mode':<6} {'vnnorm':>8} {'1st':>6} {'NFC':>8} {'ftfy':>8} "
        f"{'/NFC':>7} {'x ftfy':>7}"
    )
    print(header)
    print("-" * len(header))
    for name, text in inputs.items():
        for by_line in (False, True):
            ours, first = rates(vnnorm.fix, text, by_line, args.runs, TRIGGERS.forget)
            nfc = rates(_nfc, text, by_line, args.runs)[0]
            theirs = rates(ftfy_fix, text, by_line, 1)[0] if ftfy_fix else float("nan")
            mode = "lines" if by_line else "whole"
            print(
                f"{name:<10} {mode:<6} {ours:>8.2f} {first:>6.2f} {nfc:>8.1f} {theirs:>8.2f} "
                f"{ours / nfc:>7.3f} {ours / theirs:>7.1f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
