"""Repair a stream of lines in bounded memory, deciding exactly as a whole-text run.

Lines are repaired in blocks. Each block is run together with the
`evidence_window` lines before and after it for each pass of the fixers
(pipeline.MAX_PASSES), which is all the context any decision looks at (see
evidence.py), and only the block's own results are kept.
So a file streamed through here comes out identical to `fix(whole_file)`, and
blocks can be repaired in parallel processes without changing a byte.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import functools
import itertools
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from vnnorm import pipeline
from vnnorm.config import Config
from vnnorm.plan import Change, Doubt, apply_plan

T = TypeVar("T")
R = TypeVar("R")
L = TypeVar("L", str, bytes)  # a line, decoded or not

DEFAULT_BLOCK = 2000  # lines repaired per run; the context is paid for once per block


@dataclass(frozen=True, slots=True)
class FixedLine:
    """One line in and out. `changes` index `before`, `doubts` (the repairs left
    undone, when asked for) index `after`; `number` counts from 1."""

    number: int
    before: str
    after: str
    changes: tuple[Change, ...]
    doubts: tuple[Doubt, ...] = ()


@dataclass(frozen=True, slots=True)
class Block(Generic[L]):
    """Lines to repair, with the context their decisions may look at. The lines
    are text, or bytes still to be decoded where a worker is to decode them."""

    before: tuple[L, ...]
    lines: tuple[L, ...]
    after: tuple[L, ...]
    first: int  # number of the first line, from 1
    offset: int = 0  # characters (or bytes) before the first line


def blocks_for(config: Config, batches: Iterable[Sequence[L]], size: int) -> Iterator[Block[L]]:
    """`blocks` with the context `config`'s decisions reach: its evidence window
    for each pass of the fixers."""
    return blocks(batches, config.evidence_window * pipeline.MAX_PASSES, size)


def blocks(batches: Iterable[Sequence[L]], window: int, size: int) -> Iterator[Block[L]]:
    """Cut a stream of lines, given in batches of any length, into blocks of
    `size` lines with `window` lines of context."""
    if size < 1:
        raise ValueError("block must be at least 1 line")
    done: deque[L] = deque(maxlen=window)  # context before the next block
    pending: list[L] = []
    number, offset = 1, 0
    for batch in batches:
        pending += batch
        while len(pending) >= size + window:
            target = pending[:size]
            after = tuple(pending[size : size + window])
            yield Block(tuple(done), tuple(target), after, number, offset)
            done.extend(target)
            number += size
            offset += sum(map(len, target))
            del pending[:size]
    while pending:
        target, pending = pending[:size], pending[size:]
        yield Block(tuple(done), tuple(target), tuple(pending), number, offset)
        done.extend(target)
        number += len(target)
        offset += sum(map(len, target))


def _batched(lines: Iterable[str], size: int) -> Iterator[list[str]]:
    """`lines` in lists of `size` (the last may be shorter)."""
    it = iter(lines)
    return iter(lambda: list(itertools.islice(it, size)), [])


def fix_lines(
    lines: Iterable[str],
    config: Config | None = None,
    *,
    block: int = DEFAULT_BLOCK,
    workers: int = 1,
    doubts: bool = False,
) -> Iterator[FixedLine]:
    """Repair lines (each with its newline, as a file yields them) one block at a time.

    With `workers` > 1 (0: one per CPU) blocks are repaired in that many
    processes; the lines still come out in order, and at most two blocks per
    worker are held at a time. With `doubts`, each line also says which repairs
    were weighed and left undone (as `fix_and_explain` does).
    """
    config = config or Config()
    jobs = blocks_for(config, _batched(lines, block), block)
    if workers == 1:
        for job in jobs:
            yield from fix_block(job, config, doubts)
        return
    # Only what the parent lacks crosses between processes: the block's lines
    # stay here and each line's result comes back as (after, changes).
    held: deque[Block[str]] = deque()

    def sent(job: Block[str]) -> Block[str]:
        held.append(job)
        return job

    repair = functools.partial(_fix_block_results, config=config, doubts=doubts)
    for results in ordered_map(repair, map(sent, jobs), workers):
        job = held.popleft()
        for (number, line), (after, changes, left) in zip(
            enumerate(job.lines, job.first), results, strict=True
        ):
            yield FixedLine(number, line, after, changes, left)


def fix_text(
    batches: Iterable[Sequence[str]],
    config: Config | None = None,
    *,
    block: int = DEFAULT_BLOCK,
    workers: int = 1,
) -> Iterator[tuple[str, bool]]:
    """`fix_lines` for a caller that wants only the repaired text and has the
    lines in batches, as a reader hands them over (cli_io.LineReader.batches):
    each block's lines repaired and joined, and whether any changed. Nothing is
    done per line outside the block's repair, and a block's result crosses
    between processes as one string (the command does the same with bytes,
    cli_io.fix_utf8_block)."""
    config = config or Config()
    repair = functools.partial(fix_block_text, config=config)
    yield from map_blocks(repair, batches, config, workers, block=block)


def map_blocks(
    function: Callable[[Block[L]], R],
    batches: Iterable[Sequence[L]],
    config: Config,
    workers: int = 1,
    *,
    block: int = DEFAULT_BLOCK,
) -> Iterator[R]:
    """`function` over the blocks of the lines in `batches`, each with the
    context `config` reaches, in `workers` processes (`ordered_map`), in order."""
    yield from ordered_map(function, blocks_for(config, batches, block), workers)


def ordered_map(function: Callable[[T], R], items: Iterable[T], workers: int) -> Iterator[R]:
    """`map(function, items)` in `workers` processes (0: one per CPU), in order.

    At most two items per worker are in flight, so a stream of any length runs
    in bounded memory. `function` and the items must pickle.
    """
    if workers == 0:
        workers = os.cpu_count() or 1
    if workers == 1:
        yield from map(function, items)
        return
    pool = concurrent.futures.ProcessPoolExecutor(
        max_workers=workers, initializer=_worker_setup, initargs=(os.getpid(),)
    )
    try:
        running: deque[concurrent.futures.Future[R]] = deque()
        for item in items:
            running.append(pool.submit(function, item))
            if len(running) >= 2 * workers:
                yield running.popleft().result()
        while running:
            yield running.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_setup(parent: int) -> None:
    """Leave Ctrl-C to the parent, and do not outlive it.

    The parent stops the pool when interrupted; a worker that took SIGINT
    itself would die mid-write, print a traceback, and could leave the parent
    waiting for it. If the parent is killed outright the worker is orphaned
    (its parent changes), and it exits rather than hold a model in memory.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="vnnorm-parent-watch", daemon=True).start()


def _fix_block_results(
    block: Block[str], config: Config, doubts: bool
) -> list[tuple[str, tuple[Change, ...], tuple[Doubt, ...]]]:
    return [(f.after, f.changes, f.doubts) for f in fix_block(block, config, doubts)]


def fix_block_text(block: Block[str], config: Config) -> tuple[str, bool]:
    """One block's lines repaired and joined, and whether any changed: cut out
    of the repaired text of the block and its context, with no change taken
    line by line (on mojibake there is one to every word)."""
    head, text = _joined(block)
    explanation = pipeline.explain(text, _block_config(config, block.first))
    start, end, changed = _repaired_span(explanation.changes, head, block)
    return explanation.text[start:end], changed


def _repaired_span(
    changes: Sequence[Change], head: int, block: Block[str]
) -> tuple[int, int, bool]:
    """Where the block's lines, from `head` of the text `changes` were made to,
    stand in the repaired text, and whether a change falls among them. A change
    across either edge is an error: fixers change nothing across a line's end."""
    tail = head + sum(map(len, block.lines))
    start, end, changed = head, tail, False
    for change in changes:
        if change.start < tail < change.end or change.start < head < change.end:
            raise AssertionError(f"a change crosses the edge of the block at {block.first}")
        if change.start >= tail:
            break
        grown = len(change.after) - (change.end - change.start)
        end += grown
        if change.start < head:
            start += grown
        else:
            changed = True
    return start, end, changed


def fix_block(block: Block[str], config: Config, doubts: bool = False) -> list[FixedLine]:
    """Repair one block; the context lines inform the decisions and are dropped."""
    return list(_run(block, config, doubts))


def _joined(block: Block[str]) -> tuple[int, str]:
    """The text of a block and its context, and where the block's lines start in it."""
    return sum(map(len, block.before)), "".join([*block.before, *block.lines, *block.after])


def _block_config(config: Config, first: int) -> Config:
    """`config` for a block whose first line is line `first`: only the
    document's first line may lose a byte-order mark."""
    if first > 1 and config.remove_bom:
        return dataclasses.replace(config, remove_bom=False)
    return config


def _run(block: Block[str], config: Config, doubts: bool = False) -> Iterator[FixedLine]:
    head, text = _joined(block)
    number, target = block.first, block.lines
    explanation = pipeline.explain(text, _block_config(config, number), doubts)
    # where the target starts in the repaired text, which the doubts index
    repaired = _repaired_span(explanation.changes, head, block)[0]
    left = [d.moved(repaired) for d in explanation.doubts if d.start >= repaired]
    changes = iter(explanation.changes)
    change = next(changes, None)
    while change is not None and change.start < head:
        change = next(changes, None)
    start, fixed_start = head, 0
    for offset, line in enumerate(target):
        end = start + len(line)
        mine = []
        while change is not None and change.start < end:
            if change.end > end:
                raise AssertionError(f"a change crosses the end of line {number + offset}")
            mine.append(change.moved(start))
            change = next(changes, None)
        fixed = apply_plan(line, mine) if mine else line
        fixed_end = fixed_start + len(fixed)
        doubted = tuple(d.moved(fixed_start) for d in left if fixed_start <= d.start < fixed_end)
        yield FixedLine(number + offset, line, fixed, tuple(mine), doubted)
        start, fixed_start = end, fixed_end
