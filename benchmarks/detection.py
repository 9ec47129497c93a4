"""Detection: Vietnamese files in seven encodings, decoded by vnnorm and by charset-normalizer.

    python benchmarks/detection.py            # 200 documents per encoding
    python benchmarks/detection.py --quick    # 20, for CI
    python benchmarks/detection.py --lines 1  # single lines: less to go on
    python benchmarks/detection.py --json     # rows as JSON

Documents are 20 consecutive lines of the UD Vietnamese VTB test split
(../shared/corpus/ud-vietnamese-vtb/test.txt), news, starting every 4 lines
and wrapping round. Only lines that every encoding here can hold and that
`vnnorm.fix` leaves as they are take part (TCVN3 has no capitals with tone
marks), so each document is the same text in every encoding. Each is encoded
in utf-8, utf-8-sig, utf-16, cp1258 (base letter + tone mark, as Windows
writes it), tcvn3, vni and viscii, then decoded by

  vnnorm             vnnorm.decode(data)
  charset-normalizer charset_normalizer.from_bytes(data).best(), as text

and compared with the original after NFC (a cp1258 decoder rightly returns
the tone marks as combining characters):
  docs right    share of documents decoded to exactly the original
  words right   share of the original's words found in the output, in order
  chosen        the encoding each tool named most often
The charset-normalizer row is skipped when the package is missing
(pip install "vnnorm[bench]").
"""

from __future__ import annotations

import argparse
import collections
import difflib
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import unicodedata2

import vnnorm
from vnnorm.decoding import encode_cp1258

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DOC_LINES = 20
STEP = 4

ENCODERS: dict[str, Callable[[str], bytes]] = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-sig": lambda t: t.encode("utf-8-sig"),
    "utf-16": lambda t: t.encode("utf-16"),
    "cp1258": encode_cp1258,
    "tcvn3": lambda t: t.encode("tcvn3"),
    "vni": lambda t: t.encode("vni"),
    "viscii": lambda t: t.encode("viscii"),
}


def _nfc(text: str) -> str:
    return str(unicodedata2.normalize("NFC", text))


@dataclass
class Row:
    encoding: str
    tool: str
    docs: int = 0
    docs_right: int = 0
    words: int = 0
    words_right: int = 0
    seconds: float = 0.0
    chosen: collections.Counter[str] = field(default_factory=collections.Counter)

    def add(self, original: str, decoded: str | None, name: str | None) -> None:
        self.docs += 1
        self.chosen[name or "none"] += 1
        want = original.split()
        self.words += len(want)
        if decoded is None:
            return
        got = _nfc(decoded).split()
        self.docs_right += got == want
        matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
        self.words_right += sum(block.size for block in matcher.get_matching_blocks())

    @property
    def docs_pct(self) -> float:
        return 100.0 * self.docs_right / self.docs if self.docs else 0.0

    @property
    def words_pct(self) -> float:
        return 100.0 * self.words_right / self.words if self.words else 0.0


def _holds_everywhere(line: str) -> bool:
    if not line.strip() or vnnorm.fix(line) != line:
        return False
    try:
        for encode in ENCODERS.values():
            encode(line)
    except UnicodeEncodeError:
        return False
    return True


def documents(corpus: Path, count: int, size: int = DOC_LINES) -> list[str]:
    path = corpus / "ud-vietnamese-vtb" / "test.txt"
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if _holds_everywhere(x)]
    docs = []
    for i in range(count):
        start = (i * STEP) % len(lines)
        chosen = (lines + lines)[start : start + size]
        docs.append("\n".join(chosen) + "\n")
    return docs


def _vnnorm(data: bytes) -> tuple[str | None, str | None]:
    result = vnnorm.decode_and_explain(data)
    return result.text, result.encoding


def _charset_normalizer() -> Callable[[bytes], tuple[str | None, str | None]] | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None

    def run(data: bytes) -> tuple[str | None, str | None]:
        best = from_bytes(data).best()
        return (None, None) if best is None else (str(best), best.encoding)

    return run


def run(corpus: Path, count: int, size: int = DOC_LINES) -> list[Row]:
    docs = documents(corpus, count, size)
    tools: dict[str, Callable[[bytes], tuple[str | None, str | None]]] = {"vnnorm": _vnnorm}
    other = _charset_normalizer()
    if other is not None:
        tools["charset-normalizer"] = other
    rows = []
    for encoding, encode in ENCODERS.items():
        for tool, decode in tools.items():
            row = Row(encoding, tool)
            started = time.perf_counter()
            for doc in docs:
                text, name = decode(encode(doc))
                row.add(doc, text, name)
            row.seconds = time.perf_counter() - started
            rows.append(row)
    return rows


def report(rows: Sequence[Row], count: int, size: int, out: Any = sys.stdout) -> None:
    print(f"UD VTB test split; {count} documents of {size} lines per encoding", file=out)
    header = (
        f"{'encoding':<10} {'tool':<19} {'docs right':>10} {'words right':>11} "
        f"{'ms/doc':>7}  chosen"
    )
    print(header, file=out)
    print("-" * (len(header) + 20), file=out)
    for r in rows:
        chosen = ", ".join(f"{name} {n}" for name, n in r.chosen.most_common(3))
        print(
            f"{r.encoding:<10} {r.tool:<19} {r.docs_pct:>9.1f}% {r.words_pct:>10.2f}% "
            f"{1000 * r.seconds / max(r.docs, 1):>7.1f}  {chosen}",
            file=out,
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--quick", action="store_true", help="20 documents per encoding")
    parser.add_argument("--docs", type=int, default=200, help="documents per encoding")
    parser.add_argument("--lines", type=int, default=DOC_LINES, help="lines per document")
    parser.add_argument("--json", action="store_true", help="print rows as JSON")
    args = parser.parse_args(argv)
    count = 20 if args.quick else args.docs
    rows = run(args.corpus, count, args.lines)
    if args.json:
        data = [
            asdict(r) | {"docs_pct": r.docs_pct, "words_pct": r.words_pct, "chosen": dict(r.chosen)}
            for r in rows
        ]
        print(json.dumps(data, indent=1))
    else:
        report(rows, count, args.lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
