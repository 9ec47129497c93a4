"""Repair a stream of lines in bounded memory, deciding exactly as a whole-text run.

Lines are repaired in blocks. Each block is run together with the
`evidence_window` lines before and after it, which is all the context any
decision looks at (see evidence.py), and only the block's own results are kept.
So a file streamed through here comes out identical to `fix(whole_file)`.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from vnnorm import pipeline
from vnnorm.config import Config
from vnnorm.plan import Change, apply_plan

DEFAULT_BLOCK = 2000  # lines repaired per run; the context is paid for once per block


@dataclass(frozen=True, slots=True)
class FixedLine:
    """One line in and out. `changes` index `before`; `number` counts from 1."""

    number: int
    before: str
    after: str
    changes: tuple[Change, ...]


def fix_lines(
    lines: Iterable[str], config: Config | None = None, *, block: int = DEFAULT_BLOCK
) -> Iterator[FixedLine]:
    """Repair lines (each with its newline, as a file yields them) one block at a time."""
    config = config or Config()
    window = config.evidence_window
    if block < 1:
        raise ValueError("block must be at least 1 line")
    done: deque[str] = deque(maxlen=window)  # context before the next block
    pending: list[str] = []
    number = 1
    for line in lines:
        pending.append(line)
        if len(pending) == block + window:
            yield from _run(list(done), pending[:block], pending[block:], number, config)
            done.extend(pending[:block])
            number += block
            pending = pending[block:]
    while pending:
        target, after = pending[:block], pending[block:]
        yield from _run(list(done), target, after, number, config)
        done.extend(target)
        number += len(target)
        pending = after


def _run(
    before: list[str], target: list[str], after: list[str], number: int, config: Config
) -> Iterator[FixedLine]:
    if number > 1 and config.remove_bom:
        # only the document's first line may lose a byte-order mark
        config = dataclasses.replace(config, remove_bom=False)
    head = sum(map(len, before))
    text = "".join([*before, *target, *after])
    changes = iter(pipeline.explain(text, config).changes)
    change = next(changes, None)
    while change is not None and change.start < head:
        change = next(changes, None)
    start = head
    for offset, line in enumerate(target):
        end = start + len(line)
        mine = []
        while change is not None and change.start < end:
            if change.end > end:
                raise AssertionError(f"a change crosses the end of line {number + offset}")
            mine.append(change.moved(start))
            change = next(changes, None)
        fixed = apply_plan(line, mine) if mine else line
        yield FixedLine(number + offset, line, fixed, tuple(mine))
        start = end
