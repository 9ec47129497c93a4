"""`vnnorm scan PATH...`: audit a corpus for damage without changing it.

For each file (a directory is walked) it counts the words and the words a
repair would change, by damage family, and keeps the documents that would
change most: the file itself, or each record with --jsonl. The report is a
table on a terminal or JSON with --json; a progress line goes to stderr when
stderr is a terminal. The repair runs exactly as `vnnorm FILE` would, so the
audit says what a real run would do.
"""

from __future__ import annotations

import argparse
import heapq
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import TextIO

from vnnorm import stream
from vnnorm.cli_config import add_config_options, config_from
from vnnorm.cli_io import CliError, LineReader, Unit, describe, open_input
from vnnorm.config import Config
from vnnorm.jsonl import json_records


@dataclass(order=True)
class Document:
    """One document's share of words that would change (ordered by that share)."""

    share: float
    changed: int = field(compare=False)
    words: int = field(compare=False)
    name: str = field(compare=False)
    families: Counter[str] = field(compare=False, default_factory=Counter)


@dataclass
class FileAudit:
    path: str
    words: int = 0
    changed: int = 0
    lines: int = 0
    changed_lines: int = 0
    families: Counter[str] = field(default_factory=Counter)
    error: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "words": self.words,
            "changed_words": self.changed,
            "lines": self.lines,
            "changed_lines": self.changed_lines,
            "families": dict(self.families.most_common()),
            "error": self.error,
        }


def _families(unit: Unit) -> Counter[str]:
    found: Counter[str] = Counter()
    for change in unit.changes:
        for rule in change.rule.split("+"):
            found[rule] += 1
    return found


def audit(
    units: Iterable[Unit], audit_of: FileAudit, per_record: bool, worst: list[Document], keep: int
) -> None:
    """Count `units` into `audit_of`; keep the `keep` worst documents in the heap `worst`."""
    document = Document(0.0, 0, 0, audit_of.path)
    for unit in units:
        words = len(unit.before.split())
        changed = len(unit.changes)  # a change covers one word
        families = _families(unit)
        audit_of.lines += 1
        audit_of.words += words
        audit_of.changed += changed
        audit_of.changed_lines += bool(changed)
        audit_of.families.update(families)
        if per_record:
            if changed:
                name = f"{audit_of.path}:{unit.number}"
                share = changed / max(words, 1)
                _keep(worst, Document(share, changed, words, name, families), keep)
        else:
            document.words += words
            document.changed += changed
            document.families.update(families)
    if not per_record and document.changed:
        document.share = document.changed / max(document.words, 1)
        _keep(worst, document, keep)


def _keep(worst: list[Document], document: Document, keep: int) -> None:
    if len(worst) < keep:
        heapq.heappush(worst, document)
    elif keep:
        heapq.heappushpop(worst, document)


def paths_under(paths: Sequence[str]) -> Iterator[str]:
    """Files named, and every file under the directories named, in a stable order."""
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    yield os.path.join(root, name)
        else:
            yield path


class Progress:
    """ "scan: 3 files, 12.3 MB" on stderr, redrawn at most five times a second."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._shown = 0.0
        self.active = out.isatty()

    def show(self, files: int, size: int) -> None:
        now = time.monotonic()
        if self.active and now - self._shown >= 0.2:
            self._out.write(f"\rscan: {files} files, {size / 1e6:.1f} MB")
            self._out.flush()
            self._shown = now

    def done(self) -> None:
        if self.active:
            self._out.write("\r\033[K")
            self._out.flush()


def render_table(audits: Sequence[FileAudit], worst: Sequence[Document]) -> str:
    width = max([len("TOTAL"), *(len(a.path) for a in audits)])
    rows = [f"{'FILE':<{width}}  {'WORDS':>10}  {'CHANGED':>8}  {'%':>6}  FAMILIES"]
    total = FileAudit("TOTAL")
    for item in [*audits, total]:
        if item is not total:
            total.words += item.words
            total.changed += item.changed
            total.families.update(item.families)
        if item.error:
            rows.append(f"{item.path:<{width}}  {'':>10}  {'':>8}  {'':>6}  {item.error}")
            continue
        share = 100.0 * item.changed / item.words if item.words else 0.0
        families = ", ".join(f"{name} {n}" for name, n in item.families.most_common())
        rows.append(
            f"{item.path:<{width}}  {item.words:>10,}  {item.changed:>8,}  {share:>5.1f}%  "
            f"{families or '-'}"
        )
    if worst:
        rows.append("")
        rows.append("worst documents:")
        for document in sorted(worst, reverse=True):
            families = ", ".join(name for name, _ in document.families.most_common())
            rows.append(
                f"  {document.name}  {document.changed}/{document.words} words "
                f"({100.0 * document.share:.1f}%)  {families}"
            )
    return "\n".join(rows) + "\n"


def render_json(audits: Sequence[FileAudit], worst: Sequence[Document]) -> str:
    return (
        json.dumps(
            {
                "files": [a.as_dict() for a in audits],
                "total": {
                    "words": sum(a.words for a in audits),
                    "changed_words": sum(a.changed for a in audits),
                    "files": len(audits),
                    "errors": sum(1 for a in audits if a.error),
                },
                "worst": [
                    {
                        "document": d.name,
                        "words": d.words,
                        "changed_words": d.changed,
                        "families": dict(d.families.most_common()),
                    }
                    for d in sorted(worst, reverse=True)
                ],
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n"
    )


def scan(
    paths: Sequence[str],
    config: Config,
    *,
    fields: Sequence[str] = (),
    errors: str = "strict",
    keep: int = 10,
    progress: Progress | None = None,
) -> tuple[list[FileAudit], list[Document]]:
    """Audit every file under `paths`; returns the per-file audits and the worst documents."""
    audits: list[FileAudit] = []
    worst: list[Document] = []
    size = 0
    for path in paths_under(paths):
        result = FileAudit(path)
        audits.append(result)
        try:
            with ExitStack() as stack:
                source, name = open_input(path)
                if path != "-":
                    stack.enter_context(source)
                reader = LineReader(source, name, errors)
                units: Iterable[Unit] = (
                    json_records(reader, name, fields, config)
                    if fields
                    else stream.fix_lines(reader, config)
                )
                audit(units, result, bool(fields), worst, keep)
        except CliError as error:
            result.error = str(error)
        except OSError as error:
            result.error = describe(error)
        if path != "-":
            size += os.path.getsize(path) if os.path.isfile(path) else 0
        if progress:
            progress.show(len(audits), size)
    if progress:
        progress.done()
    return audits, worst


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories")
    parser.add_argument("--json", action="store_true", help="write the report as JSON")
    parser.add_argument(
        "--worst", type=int, default=10, metavar="N", help="how many documents to list (10)"
    )
    parser.add_argument("--jsonl", action="store_true", help="each line is a JSON document")
    parser.add_argument(
        "--field", action="append", default=[], metavar="NAME", help="field to audit (--jsonl)"
    )
    parser.add_argument(
        "--errors",
        choices=("strict", "replace", "surrogateescape"),
        default="strict",
        help="what to do with invalid UTF-8 (default: strict, the file is reported)",
    )


def run(args: argparse.Namespace, config: Config, out: TextIO, err: TextIO) -> int:
    """The `vnnorm scan` command; 0, or 2 if a file could not be read."""
    audits, worst = scan(
        args.paths,
        config,
        fields=tuple(args.field or ()),
        errors=args.errors,
        keep=max(args.worst, 0),
        progress=Progress(err),
    )
    out.write(render_json(audits, worst) if args.json else render_table(audits, worst))
    for failed in (a for a in audits if a.error):
        err.write(f"vnnorm: {failed.error}\n")
    return 2 if any(a.error for a in audits) else 0


def main(argv: Sequence[str]) -> int:
    """`vnnorm scan PATH...`: parse the arguments, audit, report; the exit status."""
    parser = argparse.ArgumentParser(
        prog="vnnorm scan",
        description="Audit files for damage without changing them: per file, which "
        "damage families and how many words a repair would change; the worst documents.",
    )
    add_arguments(parser)
    add_config_options(parser.add_argument_group("what to repair (vnnorm.Config)"))
    try:
        args = parser.parse_args(argv)
        if args.jsonl != bool(args.field):
            parser.error("--jsonl and --field NAME go together")
        config = config_from(args)
    except SystemExit as exit:
        return exit.code if isinstance(exit.code, int) else 0 if exit.code is None else 2
    except ValueError as error:  # a Config value out of range
        sys.stderr.write(f"vnnorm scan: {error}\n")
        return 2
    try:
        return run(args, config, sys.stdout, sys.stderr)
    except BrokenPipeError:
        return 141  # quiet, as the main command
    except KeyboardInterrupt:
        return 130


__all__ = [
    "Document",
    "FileAudit",
    "add_arguments",
    "main",
    "render_json",
    "render_table",
    "run",
    "scan",
]
