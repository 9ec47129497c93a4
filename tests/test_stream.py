"""Streaming decides exactly as a whole-text run."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vnnorm
from vnnorm.chardata import DAMAGE_LATIN1_AS_CP1258
from vnnorm.cli_io import LineReader, split_lines
from vnnorm.stream import blocks, fix_lines, fix_text


@pytest.fixture(scope="module")
def damaged_dev(shared: Path) -> str:
    text = (shared / "corpus" / "ud-vietnamese-vtb" / "dev.txt").read_text(encoding="utf-8")
    # clean and damaged stretches side by side, as in a concatenated corpus
    lines = text.splitlines(keepends=True)
    return "".join(
        line.translate(DAMAGE_LATIN1_AS_CP1258) if (i // 37) % 2 else line
        for i, line in enumerate(lines)
    )


@pytest.mark.parametrize("block", [1, 5, 64, 10_000])
def test_streamed_blocks_equal_the_whole_text(damaged_dev: str, block: int) -> None:
    whole = vnnorm.fix(damaged_dev)
    assert whole != damaged_dev
    streamed = fix_lines(damaged_dev.splitlines(keepends=True), block=block)
    assert "".join(line.after for line in streamed) == whole


def test_line_changes_index_their_line() -> None:
    lines = ["clean line\n", "Nga đă gửi\r\n", "no newline đă"]
    fixed = list(fix_lines(lines))
    assert [f.number for f in fixed] == [1, 2, 3]
    assert [f.after for f in fixed] == ["clean line\n", "Nga đã gửi\r\n", "no newline đã"]
    (change,) = fixed[1].changes
    assert lines[1][change.start : change.end] == change.before == "đă"


def test_parallel_workers_give_the_same_lines_in_order(damaged_dev: str) -> None:
    lines = damaged_dev.splitlines(keepends=True)[:600]
    serial = [f.after for f in fix_lines(lines, block=50)]
    parallel = list(fix_lines(lines, block=50, workers=2))
    assert [f.number for f in parallel] == list(range(1, len(lines) + 1))
    assert [f.after for f in parallel] == serial


@pytest.mark.parametrize("block", [1, 7, 10_000])
def test_names_weighed_over_a_document_stream_as_the_whole_text(block: int) -> None:
    # "Thá»" (Thọ without its 8D) in places near and far apart: each place is
    # weighed with the places within the evidence window, in a stream as whole
    from vnnorm.families.utf8_mojibake import damage

    lines = ["Trời hôm nay đẹp và mát."] * 130
    for at in (0, 60):
        lines[at] = damage("Ông Thọ cho biết năm nay trời mưa nhiều.", "cp1252", lost="")
    for at in (10, 120):
        lines[at] = damage("Chị Thọ bảo việc này khó.", "cp1252", lost="")
    text = "\n".join(lines) + "\n"
    whole = vnnorm.fix(text).splitlines()
    # the near pair settles each other; the far places, alone, stay as they are
    assert ["Thọ" in whole[at] for at in (0, 10, 60, 120)] == [True, True, False, False]
    streamed = fix_lines(text.splitlines(keepends=True), block=block)
    assert [line.after.rstrip("\n") for line in streamed] == whole


def _batches_of(lines: list[str], sizes: list[int]) -> list[list[str]]:
    """`lines` cut into batches of the given sizes, cycled (0: an empty batch)."""
    batches: list[list[str]] = []
    at = 0
    for size in itertools.cycle(sizes):
        if at >= len(lines):
            return batches
        batches.append(lines[at : at + size])
        at += size
    raise AssertionError("unreachable")


@pytest.mark.parametrize(("block", "sizes"), [(1, [1]), (50, [0, 7, 130]), (10_000, [3000])])
def test_text_by_block_equals_the_whole_text(
    damaged_dev: str, block: int, sizes: list[int]
) -> None:
    lines = damaged_dev.splitlines(keepends=True)[:900]
    whole = vnnorm.fix("".join(lines))
    out = list(fix_text(_batches_of(lines, sizes), block=block))
    assert "".join(text for text, _ in out) == whole
    assert any(changed for _, changed in out)
    assert [changed for text, changed in out] == [
        text != "".join(lines[i * block : (i + 1) * block]) for i, (text, _) in enumerate(out)
    ]


def _mixed_damage(dev: str) -> str:
    """Mojibake, a byte-order mark, Windows line ends and a soft hyphen (one
    change to nearly every word, changes at a line's edges), and no final newline."""
    from vnnorm.families.utf8_mojibake import damage

    lines = dev.splitlines(keepends=True)[:300]
    lines = [damage(line, "cp1252") if i % 3 else line for i, line in enumerate(lines)]
    lines = [line.replace("\n", "\r\n") if i % 5 == 1 else line for i, line in enumerate(lines)]
    lines = ["\N{SOFT HYPHEN}" + line if i % 7 == 2 else line for i, line in enumerate(lines)]
    return "\ufeff" + "".join(lines).rstrip("\n")


@pytest.mark.parametrize("block", [1, 13, 10_000])
def test_text_by_block_equals_the_lines_and_the_whole_text(damaged_dev: str, block: int) -> None:
    text = _mixed_damage(damaged_dev)
    lines = split_lines(text)
    out = list(fix_text([lines], block=block))
    assert "".join(fixed for fixed, _ in out) == vnnorm.fix(text)
    by_line = [line.after for line in fix_lines(lines, block=block)]
    assert [fixed for fixed, _ in out] == [
        "".join(by_line[i : i + block]) for i in range(0, len(lines), block)
    ]
    assert [changed for _, changed in out] == [
        "".join(by_line[i : i + block]) != "".join(lines[i : i + block])
        for i in range(0, len(lines), block)
    ]


def test_text_by_block_in_parallel_equals_serial(damaged_dev: str) -> None:
    lines = damaged_dev.splitlines(keepends=True)[:600]
    serial = list(fix_text([lines], block=50))
    assert list(fix_text(_batches_of(lines, [90]), block=50, workers=2)) == serial


@given(st.text(st.sampled_from("ab\n\r\x0c\u2028\x85")))
def test_split_lines_ends_lines_at_newline_only(text: str) -> None:
    lines = split_lines(text)
    assert "".join(lines) == text
    assert lines == [raw.decode() for raw in io.BytesIO(text.encode()).readlines()]


@given(st.binary(max_size=200), st.sampled_from(["replace", "surrogateescape", "ignore"]))
def test_a_batch_decodes_as_its_lines_would(data: bytes, errors: str) -> None:
    """Decoding a read's worth at once gives the text decoding line by line gave:
    an invalid sequence never runs across a b"\n"."""
    data = data.replace(b"\0", b"")
    lines = [raw.decode("utf-8", errors) for raw in io.BytesIO(data).readlines()]
    reader = LineReader(io.BytesIO(data), "x", errors)
    assert list(reader) == [line for line in lines if line]


@given(st.lists(st.text(max_size=5).map(lambda t: t + "\n"), max_size=40), st.integers(1, 6))
def test_a_block_knows_where_it_starts(lines: list[str], size: int) -> None:
    cut = list(blocks([lines], window=2, size=size))
    assert [b.first for b in cut] == [1 + i * size for i in range(len(cut))]
    assert [b.offset for b in cut] == [len("".join(lines[: i * size])) for i in range(len(cut))]
    assert [line for b in cut for line in b.lines] == lines
