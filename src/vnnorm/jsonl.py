"""JSON Lines: repair named fields of each record, every record its own document.

Records are read and written one per line. A record in which nothing changes
comes back as the very line read, so the other fields pass through byte for
byte; a changed one is re-serialised in the line's own style (see `_dump`).
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from vnnorm import pipeline, stream
from vnnorm.cli_io import BOM, CliError, Unit
from vnnorm.config import Config
from vnnorm.plan import Change, Doubt

RECORD_BATCH = 256  # records sent to a worker process at a time


@dataclass(frozen=True, slots=True)
class JsonRecord:
    """A JSON Lines record in and out; `fields[i]` is the field `changes[i]` is in,
    and `doubts` (the repairs left undone, when asked for) pairs each with its field."""

    number: int
    before: str
    after: str
    changes: tuple[Change, ...]
    fields: tuple[str, ...]
    doubts: tuple[tuple[str, Doubt], ...] = ()


# The character after the first colon, which follows the first key of an object.
_FIRST_COLON = re.compile(r'\s*\{\s*"(?:[^"\\]|\\.)*"\s*:(.?)', re.DOTALL)
_JSON_TYPES = ((bool, "a boolean"), (int, "a number"), (float, "a number"), (list, "an array"))


def json_records(
    lines: Iterable[str],
    name: str,
    fields: Sequence[str],
    config: Config,
    workers: int = 1,
    doubts: bool = False,
) -> Iterator[JsonRecord]:
    """Repair the string value of each of `fields` in each record, as its own document.

    A record in which nothing changes comes back as the very line read; a
    changed one is re-serialised (see `_dump`). Blank lines pass through.
    With `workers` > 1 batches of records are repaired in that many processes.
    """
    batches = _batched(enumerate(lines, 1), RECORD_BATCH)
    fix = functools.partial(
        _fix_records, name=name, fields=tuple(fields), config=config, doubts=doubts
    )
    for fixed in stream.ordered_map(fix, batches, workers):
        yield from fixed


RECORD_BATCH = 256  # records sent to a worker at a time


def _batched(items: Iterable[tuple[int, str]], size: int) -> Iterator[list[tuple[int, str]]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _fix_records(
    batch: list[tuple[int, str]],
    name: str,
    fields: tuple[str, ...],
    config: Config,
    doubts: bool = False,
) -> list[JsonRecord]:
    return [
        _fix_record(line, number, name, fields, config, doubts)
        if line.strip()
        else JsonRecord(number, line, line, (), ())
        for number, line in batch
    ]


def _fix_record(
    line: str, number: int, name: str, fields: Sequence[str], config: Config, doubts: bool
) -> JsonRecord:
    # A UTF-8 BOM starting the file is tolerated, and kept.
    bom = BOM if number == 1 and line.startswith(BOM) else ""
    body = line[len(bom) :]
    try:
        record = json.loads(body)
    except json.JSONDecodeError as error:
        # Counted in the line as read: json's own column restarts after the
        # line's newline, where a record cut short is found wanting.
        column = len(bom) + min(error.pos, len(body.rstrip("\r\n"))) + 1
        raise CliError(f"{name}:{number}: invalid JSON: {error.msg} (column {column})") from None
    except (ValueError, RecursionError) as error:
        raise CliError(f"{name}:{number}: invalid JSON: {error}") from None
    if not isinstance(record, dict):
        raise CliError(f"{name}:{number}: not a JSON object")
    changes: list[Change] = []
    where: list[str] = []
    left: list[tuple[str, Doubt]] = []
    for field in fields:
        value = record.get(field)
        if value is None:
            continue
        if not isinstance(value, str):
            kind = next((k for t, k in _JSON_TYPES if isinstance(value, t)), "an object")
            raise CliError(f"{name}:{number}: field {field!r} is {kind}, not a string")
        explanation = pipeline.explain(value, config, doubts)
        left.extend((field, doubt) for doubt in explanation.doubts)
        if explanation.changes:
            record[field] = explanation.text
            changes.extend(explanation.changes)
            where.extend([field] * len(explanation.changes))
    if not changes:
        return JsonRecord(number, line, line, (), (), tuple(left))
    after = bom + _dump(record, body)
    return JsonRecord(number, line, after, tuple(changes), tuple(where), tuple(left))


def _dump(record: dict[str, object], line: str) -> str:
    """`record` as a line shaped like `line`: the same escaping, spacing and line end.

    Key order is kept; numbers are written as Python writes them (1e5 becomes
    100000.0) and duplicate keys collapse to the last one, as json.loads left them.
    """
    colon = _FIRST_COLON.match(line)
    compact = colon is None or colon.group(1) != " "
    text = json.dumps(
        record,
        ensure_ascii=line.isascii(),
        separators=(",", ":") if compact else (", ", ": "),
    )
    ending = "\r\n" if line.endswith("\r\n") else "\n" if line.endswith("\n") else ""
    return text + ending


def doubts_of(unit: Unit) -> Sequence[tuple[str | None, Doubt]]:
    """The repairs left undone in `unit`, each with its JSON field (None for plain text)."""
    if isinstance(unit, JsonRecord):
        return unit.doubts
    return [(None, doubt) for doubt in getattr(unit, "doubts", ())]


def fields_of(unit: Unit) -> Sequence[str | None]:
    """The JSON field each of `unit.changes` was found in (None for plain text)."""
    if isinstance(unit, JsonRecord):
        return unit.fields
    return [None] * len(unit.changes)
