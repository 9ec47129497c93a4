"""The `vnnorm` command as a Unix filter: bytes in, bytes out, exit statuses, signals.

Most tests run `main(argv)` in-process with stdin/stdout/stderr swapped for
in-memory streams; the few about signals, pipes and streaming run
`python -m vnnorm` in a subprocess.
"""

from __future__ import annotations

import dataclasses
import difflib
import errno
import importlib
import io
import json
import os
import re
import select
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pytest

import vnnorm
from vnnorm import cli, cli_config, cli_io, stream
from vnnorm.cli import main
from vnnorm.cli_io import CliError, Output
from vnnorm.families.latin1_cp1258 import RULE
from vnnorm.model import load_model

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

DAMAGED = "Nga đă gửi thêm thiết bị. Chưa rơ số lượng.\n"
FIXED = "Nga đã gửi thêm thiết bị. Chưa rõ số lượng.\n"
DAMAGED_MARKS = "Th\u0301 m\u0301nh c\u0323n\n"
FIXED_MARKS = "Thì mình còn\n"


@dataclass(frozen=True)
class Run:
    status: int
    out: bytes
    err: str


Cli = Callable[..., Run]


@pytest.fixture
def cli_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    """Run `main` in tmp_path with `stdin` as standard input; collect what it writes."""
    monkeypatch.chdir(tmp_path)

    def run(*argv: str | Path, stdin: bytes = b"") -> Run:
        out = io.BytesIO()
        err = io.StringIO()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out, "utf-8", write_through=True))
        monkeypatch.setattr(sys, "stderr", err)
        status = main([os.fspath(arg) for arg in argv])
        return Run(status, out.getvalue(), err.getvalue())

    return run


def write(path: Path, text: str | bytes) -> Path:
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def column(line: str, word: str) -> int:
    return line.index(word) + 1


# --- plain text ---------------------------------------------------------------------------


def test_seed_document_comes_out_as_expected_byte_for_byte(cli_run: Cli) -> None:
    damaged = SEEDS / "000_75dbe35eade5f37d.txt"
    expected = (SEEDS / "000_75dbe35eade5f37d.expected.txt").read_bytes()
    assert damaged.read_bytes() != expected
    run = cli_run(damaged)
    assert (run.status, run.err) == (0, "")
    assert run.out == expected
    assert cli_run(stdin=damaged.read_bytes()).out == expected


def test_stdin_to_stdout(cli_run: Cli) -> None:
    run = cli_run(stdin=(DAMAGED + DAMAGED_MARKS).encode())
    assert (run.status, run.out, run.err) == (0, (FIXED + FIXED_MARKS).encode(), "")
    assert cli_run("-", stdin=DAMAGED.encode()).out == FIXED.encode()


def test_crlf_and_missing_final_newline_are_kept(cli_run: Cli) -> None:
    text = "intro line\r\n" + DAMAGED.replace("\n", "\r\n") + DAMAGED_MARKS.rstrip("\n")
    expected = "intro line\r\n" + FIXED.replace("\n", "\r\n") + FIXED_MARKS.rstrip("\n")
    assert cli_run(stdin=text.encode()).out == expected.encode()


CLEAN = (
    "Plain ASCII, trailing spaces   \n"
    "\ttab, lone \r carriage return, NBSP\u00a0and U+2028\u2028inside\n"
    "Tiếng Việt: đã rõ, lý do, thì mình còn hòa hoà, quý Ý kiến 😀\r\n"
    "\n"
    "no final newline: ngã"
)


def test_clean_input_comes_back_byte_identical(cli_run: Cli) -> None:
    run = cli_run(stdin=CLEAN.encode())
    assert (run.status, run.out) == (0, CLEAN.encode())


def test_files_are_separate_documents_written_in_order(cli_run: Cli, tmp_path: Path) -> None:
    write(tmp_path / "a.txt", DAMAGED)
    # A BOM is dropped only at the very start of a document: here, the start of b.txt.
    write(tmp_path / "b.txt", "\ufeffclean\n" + DAMAGED_MARKS)
    run = cli_run("a.txt", "b.txt", "a.txt")
    assert run.out == (FIXED + "clean\n" + FIXED_MARKS + FIXED).encode()


def test_config_fields_become_flags(cli_run: Cli) -> None:
    help_text = cli_run("--help").out.decode()
    for field in dataclasses.fields(vnnorm.Config):
        flag = field.name.replace("_", "-")
        assert (f"--no-{flag}" if field.default is True else f"--{flag}") in help_text
    assert cli_run("--no-repair-latin1-cp1258", stdin=DAMAGED.encode()).out == DAMAGED.encode()
    assert cli_run("--evidence-window", "0", stdin=DAMAGED.encode()).out == FIXED.encode()
    run = cli_run("--evidence-window", "-1", stdin=DAMAGED.encode())
    assert run.status == 2 and "evidence_window must be >= 0" in run.err


@dataclass(frozen=True)
class FutureConfig:
    """Fields of kinds Config may grow.

    shout = False
        Write in capitals.
    style = "a"
        Which style, 100% of the time.
    """

    shout: bool = False
    style: Literal["a", "b"] = "a"
    name: str = "x"
    depth: int = 3


def test_flags_follow_new_config_fields(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_config, "Config", FutureConfig)
    parser = cli.build_parser()
    args = parser.parse_args(["--shout", "--style", "b", "--name", "y", "--depth", "4"])
    made: object = cli_config.config_from(args)  # the Config the CLI was given: FutureConfig
    assert made == FutureConfig(True, "b", "y", 4)
    defaults: object = cli_config.config_from(parser.parse_args([]))
    assert defaults == FutureConfig()
    assert "Write in capitals." in parser.format_help()
    assert "100% of the time" in parser.format_help()
    with pytest.raises(SystemExit):
        parser.parse_args(["--style", "c"])


# --- output destinations ------------------------------------------------------------------


def test_output_file(cli_run: Cli, tmp_path: Path) -> None:
    write(tmp_path / "in.txt", DAMAGED)
    old = os.umask(0o027)
    try:
        run = cli_run("-o", "out.txt", "in.txt")
    finally:
        os.umask(old)
    assert (run.status, run.out, run.err) == (0, b"", "")
    assert (tmp_path / "out.txt").read_bytes() == FIXED.encode()
    assert stat.S_IMODE((tmp_path / "out.txt").stat().st_mode) == 0o640
    assert cli_run("--output", "out2.txt", stdin=DAMAGED_MARKS.encode()).status == 0
    assert (tmp_path / "out2.txt").read_bytes() == FIXED_MARKS.encode()
    assert sorted(os.listdir(tmp_path)) == ["in.txt", "out.txt", "out2.txt"]


def test_output_to_a_device_writes_into_it(cli_run: Cli, tmp_path: Path) -> None:
    write(tmp_path / "in.txt", DAMAGED)
    assert cli_run("-o", os.devnull, "in.txt").status == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_output_refuses_to_overwrite_an_input(cli_run: Cli, tmp_path: Path) -> None:
    write(tmp_path / "in.txt", DAMAGED)
    os.symlink("in.txt", tmp_path / "link.txt")
    for out in ("in.txt", "link.txt"):
        run = cli_run("-o", out, "other.txt", "in.txt")
        assert run.status == 2
        assert run.err == f"vnnorm: -o {out} would overwrite the input in.txt (see --in-place)\n"
    assert (tmp_path / "in.txt").read_bytes() == DAMAGED.encode()


def test_output_is_not_written_after_an_input_error(cli_run: Cli, tmp_path: Path) -> None:
    write(tmp_path / "good.txt", DAMAGED)
    write(tmp_path / "bad.txt", b"ok\n\xff\n")
    write(tmp_path / "out.txt", "previous content\n")
    run = cli_run("-o", "out.txt", "good.txt", "bad.txt", "good.txt")
    assert run.status == 2
    assert run.err == "vnnorm: bad.txt:2: invalid UTF-8 at byte 3 (0xff)\n"
    assert (tmp_path / "out.txt").read_bytes() == b"previous content\n"
    assert sorted(os.listdir(tmp_path)) == ["bad.txt", "good.txt", "out.txt"]


def test_in_place_rewrites_changed_files_only(cli_run: Cli, tmp_path: Path) -> None:
    damaged = write(tmp_path / "damaged.txt", DAMAGED + DAMAGED_MARKS)
    clean = write(tmp_path / "clean.txt", CLEAN)
    damaged.chmod(0o640)
    os.utime(clean, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = clean.stat()
    run = cli_run("--in-place", "damaged.txt", "clean.txt")
    assert (run.status, run.out, run.err) == (0, b"", "")
    assert damaged.read_bytes() == (FIXED + FIXED_MARKS).encode()
    assert stat.S_IMODE(damaged.stat().st_mode) == 0o640
    after = clean.stat()
    assert clean.read_bytes() == CLEAN.encode()
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)
    assert sorted(os.listdir(tmp_path)) == ["clean.txt", "damaged.txt"]


def test_in_place_through_a_symlink_keeps_the_link(cli_run: Cli, tmp_path: Path) -> None:
    write(tmp_path / "real.txt", DAMAGED)
    os.symlink("real.txt", tmp_path / "link.txt")
    assert cli_run("--in-place", "link.txt").status == 0
    assert (tmp_path / "link.txt").is_symlink()
    assert (tmp_path / "real.txt").read_bytes() == FIXED.encode()


def test_in_place_goes_on_after_a_bad_file(cli_run: Cli, tmp_path: Path) -> None:
    write(tmp_path / "b.txt", DAMAGED)
    run = cli_run("--in-place", "missing.txt", "b.txt")
    assert run.status == 2
    assert run.err == f"vnnorm: missing.txt: {os.strerror(errno.ENOENT)}\n"
    assert (tmp_path / "b.txt").read_bytes() == FIXED.encode()


def test_in_place_counts_replaced_bytes_as_a_change(cli_run: Cli, tmp_path: Path) -> None:
    write(tmp_path / "a.txt", b"abc \xff\n")
    assert cli_run("--in-place", "--errors", "replace", "a.txt").status == 0
    assert (tmp_path / "a.txt").read_bytes() == "abc \ufffd\n".encode()


def test_bytes_replaced_by_a_worker_count_as_a_change(cli_run: Cli, tmp_path: Path) -> None:
    """UTF-8 is decoded by the worker that repairs the block; what it replaced
    still makes --in-place rewrite the file, far into it as near the start."""
    lines = [b"Mot dong sach.\n"] * 5000
    lines[4500] = b"abc \xff\n"
    write(tmp_path / "a.txt", b"".join(lines))
    assert cli_run("--in-place", "--errors", "replace", "-j", "2", "a.txt").status == 0
    lines[4500] = "abc \ufffd\n".encode()
    assert (tmp_path / "a.txt").read_bytes() == b"".join(lines)


def _interrupting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C once the first block of the text is written."""
    real = stream.map_blocks

    def map_blocks(*args: Any, **kwargs: Any) -> Iterator[Any]:
        for number, block in enumerate(real(*args, **kwargs)):
            if number == 1:
                raise KeyboardInterrupt
            yield block

    monkeypatch.setattr(stream, "map_blocks", map_blocks)


def test_ctrl_c_during_in_place_leaves_the_original(
    cli_run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.txt", DAMAGED * 3000)
    _interrupting(monkeypatch)
    run = cli_run("--in-place", "a.txt")
    assert (run.status, run.err) == (130, "")
    assert (tmp_path / "a.txt").read_bytes() == (DAMAGED * 3000).encode()
    assert os.listdir(tmp_path) == ["a.txt"]


def test_ctrl_c_during_output_leaves_no_file(
    cli_run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.txt", DAMAGED * 3000)
    _interrupting(monkeypatch)
    assert cli_run("-o", "out.txt", "a.txt").status == 130
    assert os.listdir(tmp_path) == ["a.txt"]


def _no_space(*args: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class _FullDisk:
    """A file whose writes fail as on a full disk."""

    def __init__(self, file: Any) -> None:
        self._file = file

    def write(self, data: bytes) -> int:
        _no_space()
        return 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)


@pytest.mark.parametrize("fails", ["write", "fsync"])
@pytest.mark.parametrize("mode", ["--in-place", "-o"])
def test_full_disk_leaves_the_original_intact(
    cli_run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fails: str, mode: str
) -> None:
    write(tmp_path / "a.txt", DAMAGED)
    if fails == "fsync":
        monkeypatch.setattr(os, "fsync", _no_space)
    else:
        real = os.fdopen
        monkeypatch.setattr(os, "fdopen", lambda *a, **k: _FullDisk(real(*a, **k)))
    argv = ["--in-place", "a.txt"] if mode == "--in-place" else ["-o", "a.txt", "-"]
    run = cli_run(*argv, stdin=DAMAGED.encode())
    assert run.status == 2
    assert run.err == f"vnnorm: a.txt: cannot write: {os.strerror(errno.ENOSPC)}\n"
    assert (tmp_path / "a.txt").read_bytes() == DAMAGED.encode()
    assert os.listdir(tmp_path) == ["a.txt"]


class _TakesPartThenFails:
    """A stream that takes `room` bytes of a write, says so, and fails with
    `error` on the next call: how a buffered pipe or file answered a large write
    whose reader went away (seen with `vnnorm | head -c 100`)."""

    def __init__(self, room: int, error: int) -> None:
        self.taken = bytearray()
        self._room = room
        self._error = error

    def write(self, data: Any) -> int:
        if len(self.taken) >= self._room:
            raise OSError(self._error, os.strerror(self._error))
        part = bytes(data[: self._room - len(self.taken)])
        self.taken += part
        return len(part)


@pytest.mark.parametrize("error", [errno.EPIPE, errno.ENOSPC])
def test_a_large_write_cut_short_is_an_error(error: int) -> None:
    stream = _TakesPartThenFails(room=65_536, error=error)
    out = Output(stream, "<stdout>")  # type: ignore[arg-type]
    with pytest.raises(BrokenPipeError if error == errno.EPIPE else CliError):
        out.write(b"x" * 1_000_000)
    assert len(stream.taken) == 65_536


# --- reports ------------------------------------------------------------------------------


def test_check_reports_changes_and_exits_1(cli_run: Cli, tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "clean\n" + DAMAGED)
    run = cli_run("--check", "a.txt")
    assert run.status == 1
    assert run.out.decode() == (
        f"a.txt:2:{column(DAMAGED, 'đă')}: 'đă' -> 'đã' [{RULE}]\n"
        f"a.txt:2:{column(DAMAGED, 'rơ')}: 'rơ' -> 'rõ' [{RULE}]\n"
    )
    assert (tmp_path / "a.txt").read_bytes() == ("clean\n" + DAMAGED).encode()
    assert cli_run("--check", stdin=CLEAN.encode()) == Run(0, b"", "")
    run = cli_run("--check", stdin=DAMAGED_MARKS.encode())
    assert run.status == 1
    assert run.out.decode().startswith(f"<stdin>:1:1: 'Th\u0301' -> 'Thì' [{RULE}]\n")


def test_check_quotes_invisible_characters(cli_run: Cli) -> None:
    run = cli_run("--check", stdin="Tiếng Vi\u00adệt\n".encode())
    assert run.status == 1
    assert run.out == b"<stdin>:1:7: 'Vi\\xad\xe1\xbb\x87t' -> 'Vi\xe1\xbb\x87t' [invisible]\n"


def test_an_error_wins_over_changes(cli_run: Cli, tmp_path: Path) -> None:
    write(tmp_path / "a.txt", DAMAGED)
    assert cli_run("--check", "a.txt", "missing.txt").status == 2


def _document_with_scattered_damage() -> list[str]:
    lines = [f"filler line {i}\n" for i in range(40)]
    # 2 then 5: one hunk; 13 after 7 quiet lines: a new one; 20 after 6: the same hunk
    for i in (1, 5, 13, 20, 21, 39):
        lines[i] = DAMAGED if i % 2 else DAMAGED_MARKS
    return lines


def test_diff_matches_difflib(cli_run: Cli, tmp_path: Path) -> None:
    lines = _document_with_scattered_damage()
    write(tmp_path / "a.txt", "".join(lines))
    fixed = vnnorm.fix("".join(lines)).splitlines(keepends=True)
    expected = "".join(difflib.unified_diff(lines, fixed, "a/a.txt", "b/a.txt"))
    assert expected.count("@@ -") == 3
    run = cli_run("--diff", "a.txt")
    assert (run.status, run.out.decode()) == (0, expected)
    assert cli_run("--diff", "--check", "a.txt").status == 1
    assert cli_run("--diff", stdin=CLEAN.encode()) == Run(0, b"", "")


def test_diff_marks_a_missing_final_newline(cli_run: Cli) -> None:
    run = cli_run("--diff", stdin=("x\n" + DAMAGED.rstrip("\n")).encode())
    assert run.out.decode() == (
        "--- a/<stdin>\n+++ b/<stdin>\n@@ -1,2 +1,2 @@\n x\n"
        f"-{DAMAGED.rstrip()}\n\\ No newline at end of file\n"
        f"+{FIXED.rstrip()}\n\\ No newline at end of file\n"
    )


def test_diff_with_in_place_writes_both(cli_run: Cli, tmp_path: Path) -> None:
    write(tmp_path / "a.txt", DAMAGED)
    run = cli_run("--diff", "--in-place", "a.txt")
    assert run.out.decode() == f"--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-{DAMAGED}+{FIXED}"
    assert (tmp_path / "a.txt").read_bytes() == FIXED.encode()
    write(tmp_path / "a.txt", DAMAGED)
    absolute = str(tmp_path / "a.txt")
    assert (
        cli_run("--diff", absolute)
        .out.decode()
        .startswith(f"--- a/{absolute.lstrip('/')}\n+++ b/{absolute.lstrip('/')}\n@@ -1 +1 @@\n")
    )


def test_explain_writes_json_lines(cli_run: Cli, tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "clean\n" + DAMAGED_MARKS)
    run = cli_run("--explain", "a.txt")
    records = [json.loads(line) for line in run.out.decode().splitlines()]
    assert run.status == 0 and len(records) == 3
    assert list(records[1]) == [
        "path", "line", "column", "kind", "start", "end", "before", "after", "rule", "detail",
    ]  # fmt: skip
    assert {k: v for k, v in records[1].items() if k != "detail"} == {
        "path": "a.txt",
        "line": 2,
        "column": 5,
        "kind": "change",
        "start": 4,
        "end": 8,
        "before": "m\u0301nh",
        "after": "mình",
        "rule": RULE,
    }
    assert isinstance(records[1]["detail"], dict)
    assert "ḿnh" not in run.out.decode() and "mình" in run.out.decode()  # not ASCII-escaped


# a real word either way ("rơ", play in a gear) with nothing else damaged near it
DOUBTFUL = "Cặp bánh răng kim loại ít rơ hơn loại nhựa.\n"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_explain_says_what_it_left_alone(cli_run: Cli, tmp_path: Path, jobs: str) -> None:
    write(tmp_path / "a.txt", "Dòng đầu.\n" + DOUBTFUL)
    run = cli_run("--explain", "-j", jobs, "a.txt")
    (record,) = [json.loads(line) for line in run.out.decode().splitlines()]
    assert run.status == 0
    assert {k: v for k, v in record.items() if k != "detail"} == {
        "path": "a.txt",
        "line": 2,
        "column": column(DOUBTFUL, "rơ"),
        "kind": "doubt",
        "start": DOUBTFUL.index("rơ"),
        "end": DOUBTFUL.index("rơ") + 2,
        "written": "rơ",
        "considered": "rõ",
        "rule": RULE,
    }
    assert record["detail"]["left"] and record["detail"]["log_odds"] > 0
    # the other reports and the text itself say nothing of it
    assert cli_run("--check", "a.txt").status == 0
    assert cli_run("a.txt").out.decode() == "Dòng đầu.\n" + DOUBTFUL


def test_explain_doubts_in_json_lines_name_their_field(cli_run: Cli) -> None:
    line = json.dumps({"id": 1, "text": DOUBTFUL.strip()}, ensure_ascii=False) + "\n"
    run = cli_run("--jsonl", "--field", "text", "--explain", stdin=line.encode())
    (record,) = [json.loads(line) for line in run.out.decode().splitlines()]
    assert (record["kind"], record["field"], record["written"]) == ("doubt", "text", "rơ")


def test_explain_with_output_file(cli_run: Cli, tmp_path: Path) -> None:
    run = cli_run("--explain", "-o", "out.txt", stdin=DAMAGED.encode())
    assert [json.loads(line)["after"] for line in run.out.splitlines()] == ["đã", "rõ"]
    assert (tmp_path / "out.txt").read_bytes() == FIXED.encode()


# --- JSON Lines ---------------------------------------------------------------------------

JSONL_IN = (
    '{"id": 1, "text": "Nga đă gửi thêm.", "n": 1.5, "tags": ["a"]}\n'
    '{"id":2,"text":"Nga \\u0111\\u0103 g\\u1eedi"}\r\n'
    '{ "id" : 3,  "text":  "sạch đã rõ", "x": [1, 2] }\n'
    "\n"
    '{"id": 4}\n'
    '{"id": 5, "text": null}\n'
    '{"id":6,"title":"Th\u0301 m\u0301nh","text":"ok"}'
)
JSONL_OUT = (
    '{"id": 1, "text": "Nga đã gửi thêm.", "n": 1.5, "tags": ["a"]}\n'
    '{"id":2,"text":"Nga \\u0111\\u00e3 g\\u1eedi"}\r\n'
    '{ "id" : 3,  "text":  "sạch đã rõ", "x": [1, 2] }\n'
    "\n"
    '{"id": 4}\n'
    '{"id": 5, "text": null}\n'
    '{"id":6,"title":"Thì mình","text":"ok"}'
)


def test_jsonl_repairs_the_named_fields(cli_run: Cli, tmp_path: Path) -> None:
    write(tmp_path / "d.jsonl", JSONL_IN)
    run = cli_run("--jsonl", "--field", "text", "--field", "title", "d.jsonl")
    assert (run.status, run.err) == (0, "")
    assert run.out.decode() == JSONL_OUT
    only_text = cli_run("--jsonl", "--field", "text", "d.jsonl").out.decode()
    assert only_text.splitlines()[-1] == JSONL_IN.splitlines()[-1]


def test_jsonl_reports(cli_run: Cli, tmp_path: Path) -> None:
    write(tmp_path / "d.jsonl", JSONL_IN)
    run = cli_run("--jsonl", "--field", "text", "--check", "d.jsonl")
    assert run.status == 1
    assert run.out.decode() == (
        f"d.jsonl:1: text:5: 'đă' -> 'đã' [{RULE}]\nd.jsonl:2: text:5: 'đă' -> 'đã' [{RULE}]\n"
    )
    run = cli_run("--jsonl", "--field", "title", "--explain", "d.jsonl")
    (record,) = [json.loads(line) for line in run.out.splitlines()][:1]
    assert record["path"] == "d.jsonl" and record["line"] == 7 and record["field"] == "title"
    run = cli_run("--jsonl", "--field", "text", "--diff", "d.jsonl")
    assert run.out.decode().count("\n-") == 2 and run.out.decode().count("\n+{") == 2


def test_jsonl_lone_surrogate_escape_survives(cli_run: Cli) -> None:
    line = '{"t": "\\ud800 Nga đă gửi"}\n'
    run = cli_run("--jsonl", "--field", "t", stdin=line.encode())
    assert (run.status, run.out.decode()) == (0, line.replace("đă", "đã"))
    assert json.loads(run.out)["t"] == "\ud800 Nga đã gửi"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": 5}', "field 'text' is a number, not a string"),
        ('{"text": ["x"]}', "field 'text' is an array, not a string"),
        ('{"text": "x",}', "invalid JSON: Expecting property name enclosed in double quotes"),
        ("[1, 2]", "not a JSON object"),
    ],
)
def test_jsonl_input_errors_name_the_line(
    cli_run: Cli, tmp_path: Path, line: str, message: str
) -> None:
    write(tmp_path / "d.jsonl", '{"text": "ok"}\n\n' + line + "\n")
    run = cli_run("--jsonl", "--field", "text", "d.jsonl")
    assert run.status == 2
    assert run.err.startswith(f"vnnorm: d.jsonl:3: {message}")


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ('{"text": "x",}\n', 14),
        ('{"text": "Nga đă gửi", "id": 1\n', 31),  # cut short: the end of the line
        ('{"text": "Nga đă gửi", "id": 1\r\n', 31),
        ('\ufeff{"text": "x" "id": 1}\n', 15),  # a BOM is a character of the line
    ],
)
def test_jsonl_error_column_counts_in_the_line(
    cli_run: Cli, tmp_path: Path, text: str, column: int
) -> None:
    (tmp_path / "d.jsonl").write_bytes(text.encode())
    run = cli_run("--jsonl", "--field", "text", "d.jsonl")
    assert run.status == 2
    assert run.err.rstrip().endswith(f"(column {column})"), run.err


# --- errors -------------------------------------------------------------------------------


def test_version(cli_run: Cli) -> None:
    run = cli_run("--version")
    unicode = importlib.import_module("unicodedata2").unidata_version
    identity = load_model().identity
    assert run.status == 0
    version = run.out.decode()
    assert version == f"vnnorm {vnnorm.__version__} (Unicode {unicode}, model {identity})\n"
    assert re.fullmatch(r"vnnorm \S+ \(Unicode \d+\.\d+\.\d+, model \S+@\w+\)\n", version)


INVALID = b"line one\nline two\nab\xffcd\nmore\n"


def test_invalid_utf8_is_an_error_with_line_and_byte(
    cli_run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "data.txt", INVALID)
    run = cli_run("data.txt")
    assert run.status == 2
    assert run.err == "vnnorm: data.txt:3: invalid UTF-8 at byte 20 (0xff)\n"
    monkeypatch.setattr(cli_io, "READ_HINT", 4)  # offsets add up across batches
    assert cli_run("data.txt").err == run.err
    assert cli_run(stdin=INVALID).err == "vnnorm: <stdin>:3: invalid UTF-8 at byte 20 (0xff)\n"


def test_invalid_utf8_replaced_or_passed_through(cli_run: Cli) -> None:
    data = DAMAGED.encode().replace(b".\n", b" \xff\xfe.\n")
    expected = FIXED.encode().replace(b".\n", b" \xff\xfe.\n")
    run = cli_run("--errors", "surrogateescape", stdin=data)
    assert (run.status, run.out) == (0, expected)
    run = cli_run("--errors", "replace", stdin=data)
    assert (run.status, run.out) == (0, expected.replace(b"\xff\xfe", "\ufffd\ufffd".encode()))


def test_binary_input_is_refused(cli_run: Cli, tmp_path: Path) -> None:
    write(tmp_path / "bin.dat", b"abc\n\x00\x01\x02")
    write(tmp_path / "utf16.txt", "xin chào\n".encode("utf-16"))
    run = cli_run("bin.dat")
    assert (run.status, run.out) == (2, b"")
    assert run.err == "vnnorm: bin.dat: looks like a binary file (NUL byte at byte 4)\n"
    assert cli_run("--errors", "replace", "utf16.txt").err.startswith(
        "vnnorm: utf16.txt: looks like a binary file"
    )


def test_missing_file_and_directory(cli_run: Cli, tmp_path: Path) -> None:
    write(tmp_path / "good.txt", DAMAGED)
    (tmp_path / "adir").mkdir()
    run = cli_run("nope.txt", "good.txt", "adir")
    assert run.status == 2
    assert run.out == FIXED.encode()  # like cat, the readable files still come through
    assert run.err == (
        f"vnnorm: nope.txt: {os.strerror(errno.ENOENT)}\n"
        f"vnnorm: adir: {os.strerror(errno.EISDIR)}\n"
    )
    assert cli_run("--in-place", "adir").err == f"vnnorm: adir: {os.strerror(errno.EISDIR)}\n"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(cli_run: Cli, tmp_path: Path) -> None:
    write(tmp_path / "secret.txt", DAMAGED).chmod(0)
    run = cli_run("secret.txt")
    assert (run.status, run.err) == (2, f"vnnorm: secret.txt: {os.strerror(errno.EACCES)}\n")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--in-place"], "--in-place needs FILE arguments"),
        (["--in-place", "a.txt", "-"], "--in-place needs FILE arguments"),
        (["--in-place", "-o", "x", "a.txt"], "--in-place and -o/--output exclude each other"),
        (["--field", "text"], "--field needs --jsonl"),
        (["--jsonl"], "--jsonl needs at least one --field NAME"),
        (["--check", "-o", "x"], "--check changes nothing"),
        (["--diff", "--explain"], "not allowed with argument"),
        (["--explain", "-o", "-"], "would mix the text and the report"),
        (["--errors", "ignore"], "invalid choice: 'ignore'"),
        (["--no-such-option"], "unrecognized arguments"),
    ],
)
def test_usage_errors(cli_run: Cli, tmp_path: Path, argv: list[str], message: str) -> None:
    write(tmp_path / "a.txt", DAMAGED)
    run = cli_run(*argv, stdin=DAMAGED.encode())
    assert (run.status, run.out) == (2, b"")
    assert run.err.startswith("usage: vnnorm")
    assert message in run.err
    assert (tmp_path / "a.txt").read_bytes() == DAMAGED.encode()


# --- as a process: pipes, signals, streaming ----------------------------------------------


def _command(*argv: str) -> list[str]:
    return [sys.executable, "-m", "vnnorm", *argv]


def _environment() -> dict[str, str]:
    paths = [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def test_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    big = write(tmp_path / "big.txt", "A plain line of ASCII text to repeat.\n" * 60_000)
    with subprocess.Popen(
        _command(str(big)), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_environment()
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.read(100)  # like head: read a little, then go away
        process.stdout.close()
        err = process.stderr.read()
        status = process.wait(timeout=120)
    assert err == b""
    assert status == 141


def test_sigterm_during_in_place_leaves_the_original(tmp_path: Path) -> None:
    original = (DAMAGED * 40_000).encode()  # several seconds of work
    target = write(tmp_path / "a.txt", original)
    with subprocess.Popen(
        _command("--in-place", str(target)), stderr=subprocess.PIPE, env=_environment()
    ) as process:
        deadline = time.monotonic() + 60
        while len(os.listdir(tmp_path)) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(os.listdir(tmp_path)) == 2, "no temporary file appeared"
        time.sleep(0.2)
        process.send_signal(signal.SIGTERM)
        assert process.stderr is not None
        err = process.stderr.read()
        status = process.wait(timeout=60)
    assert (status, err) == (143, b"")
    assert target.read_bytes() == original
    assert os.listdir(tmp_path) == ["a.txt"]


def test_output_starts_before_input_ends() -> None:
    """Streaming: a bounded window of lines is read ahead, not the whole input."""
    with subprocess.Popen(
        _command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=_environment()
    ) as process:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(b"x\n" * 10_000)  # fits in a pipe's buffer: no deadlock
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], 60)
        assert ready, "nothing came out while the input was still open"
        first = os.read(process.stdout.fileno(), 1 << 16)
        process.stdin.close()
        rest = process.stdout.read()
        assert process.wait(timeout=60) == 0
    assert first.startswith(b"x\nx\n")
    assert first + rest == b"x\n" * 10_000


def test_jobs_give_the_same_output_in_order(cli_run: Cli, tmp_path: Path) -> None:
    lines = [f"dòng {i}: Nga đă gửi thêm, chưa rơ số lượng.\n" for i in range(4500)]
    lines[10] = "Ðặng Hải Lý, Th\u0301 m\u0301nh c\u0323n\n"
    source = write(tmp_path / "big.txt", "".join(lines))
    serial = cli_run(source)
    parallel = cli_run("-j", "2", source)
    assert serial.status == parallel.status == 0
    assert parallel.out == serial.out
    assert parallel.out.count("đã".encode()) == 4499  # line 10 is other text


def test_jobs_with_json_lines(cli_run: Cli, tmp_path: Path) -> None:
    records = "".join(f'{{"id": {i}, "text": "Nga đă gửi {i}"}}\n' for i in range(700))
    source = write(tmp_path / "data.jsonl", records)
    serial = cli_run("--jsonl", "--field", "text", source)
    parallel = cli_run("-j", "0", "--jsonl", "--field", "text", source)
    assert parallel.out == serial.out
    assert parallel.out.decode().count("đã") == 700


def test_jobs_must_not_be_negative(cli_run: Cli) -> None:
    assert cli_run("-j", "-1").status == 2
