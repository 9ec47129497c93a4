"""The `vnnorm` command: a Unix filter that repairs broken Vietnamese text.

    vnnorm [OPTIONS] [FILE ...]

Each FILE ("-", the default, is standard input) is one document, repaired as a
stream of lines in bounded memory (vnnorm.stream), and the results are written
one after another, like cat. The options that choose what gets repaired are
made from the fields of `vnnorm.Config`, so a new option there is a new flag
here. `--help` documents the behaviour; the reasons live in the comments.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import functools
import importlib
import json
import os
import signal
import stat
import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from itertools import islice
from types import FrameType
from typing import Any, Protocol

from vnnorm import scan, stream
from vnnorm._version import __version__
from vnnorm.cli_config import add_config_options, config_from
from vnnorm.cli_encoding import DecodingReader, add_encoding_option, open_reader
from vnnorm.cli_io import (
    STDIN_NAME,
    CliError,
    LineReader,
    Output,
    UndecodableLine,
    UnifiedDiff,
    Unit,
    describe,
    fix_text_block,
    fix_utf8_block,
    open_input,
    open_output,
)
from vnnorm.config import Config
from vnnorm.jsonl import doubts_of, fields_of, json_records
from vnnorm.model import ModelError, load_model
from vnnorm.plan import Change, Doubt

BATCH_LINES = 1024  # lines joined into one write; keeps per-line Python work minimal

EPILOG = """\
output:
  The text goes to standard output; with -o to OUT (written to a temporary file
  that replaces OUT when complete); with --in-place back into each FILE (a file
  that needs no change is not rewritten). --check, --diff and --explain write a
  report to standard output instead of the text; with -o or --in-place the text
  still goes there. Line endings, a missing final newline and all text outside
  the repaired words come through byte for byte.

reports:
  --check prints "PATH:LINE:COL: 'before' -> 'after' [rule]" per change (COL
  counts characters from 1; with --jsonl "PATH:LINE: FIELD:COL: ..."), changes
  nothing and exits 1 if anything would change. With --diff or --explain it only
  sets the exit status. Standard input is reported as <stdin>.
  --explain writes one JSON object per change ("kind": "change": path, line,
  column, start, end, before, after, rule, detail with the evidence), then one
  per repair weighed and left undone ("kind": "doubt": written, considered, and
  detail.left saying why; its column and offsets count in the repaired line).

JSON Lines (--jsonl --field NAME ...):
  Each line is a JSON object; the string value of each named top-level field is
  repaired as its own document and every other field passes through. A record in
  which nothing changes is written back byte for byte. A changed record is
  re-serialised in its key order, ASCII-escaped if the line was pure ASCII and
  compact if there is no space after its first colon (numbers are then written
  as Python writes them, and duplicate keys collapse to the last). A missing or
  null field is left alone; any other non-string value, or a line that is not a
  JSON object, is an error. Blank lines pass through.

errors:
  Invalid UTF-8 is an error naming the line and byte offset (--errors strict),
  becomes U+FFFD (replace), or passes through byte for byte (surrogateescape).
  A NUL byte marks a binary (or UTF-16) file, which is refused. After an error in
  one FILE the others are still processed, except with -o, which then writes
  nothing. On standard output, lines before an error may have been written.

exit status:
  0 success, 1 --check found changes, 2 usage, input or output error (it wins
  over 1); 130 after Ctrl-C, 143 after SIGTERM (no temporary file is left and no
  file is half-written), 141 when the reader of standard output goes away.
"""


# --- the command line --------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vnnorm",
        description="Repair broken (mis-encoded) Vietnamese text.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add = parser.add_argument
    add("files", nargs="*", default=["-"], metavar="FILE", help='input files ("-": stdin)')
    add("-o", "--output", metavar="OUT", help="write the text to OUT instead of stdout")
    add("--in-place", action="store_true", help="rewrite each FILE with its repair")
    add("--check", action="store_true", help="report changes and exit 1 if there are any")
    report = parser.add_mutually_exclusive_group()
    report.add_argument("--diff", action="store_true", help="print a unified diff instead")
    report.add_argument("--explain", action="store_true", help="print the changes as JSON Lines")
    add("--jsonl", action="store_true", help="the input is JSON Lines (needs --field)")
    add(
        "--field",
        action="append",
        default=[],
        metavar="NAME",
        help="a top-level field to repair (repeatable)",
    )
    add(
        "--errors",
        choices=("strict", "replace", "surrogateescape"),
        default="strict",
        help="what to do with invalid UTF-8 (default: strict)",
    )
    add_encoding_option(parser)
    add(
        "-j",
        "--jobs",
        type=_workers,
        default=1,
        metavar="N",
        help="repair in N processes, output in order (0: one per CPU; default 1)",
    )
    add("--version", action="store_true", help="print the version, Unicode and model; exit")
    add_config_options(parser.add_argument_group("what to repair (vnnorm.Config)"))
    return parser


def _workers(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"needs 0 (one per CPU) or more, not {number}")
    return number


def _check_usage(parser: argparse.ArgumentParser, args: argparse.Namespace) -> Config:
    """Reject combinations that make no sense (exit status 2, via parser.error)."""
    report = args.diff or args.explain
    if args.output == "-":
        args.output = None  # "-o -" is standard output, as everywhere else
        if report:
            parser.error("-o - would mix the text and the report on standard output")
    if args.field and not args.jsonl:
        parser.error("--field needs --jsonl")
    if args.jsonl and not args.field:
        parser.error("--jsonl needs at least one --field NAME")
    if args.in_place and args.output is not None:
        parser.error("--in-place and -o/--output exclude each other")
    if args.in_place and "-" in args.files:
        parser.error("--in-place needs FILE arguments; it cannot rewrite standard input")
    if args.check and (args.in_place or args.output is not None):
        parser.error("--check changes nothing, so it takes neither -o nor --in-place")
    try:
        return config_from(args)
    except ValueError as error:
        parser.error(str(error))


def _version_text() -> str:
    # Imported by name: unicodedata2 ships no type hints, and only this needs its version.
    unicode = importlib.import_module("unicodedata2").unidata_version
    try:
        model = load_model().identity
    except ModelError as error:
        model = f"unavailable: {error}"
    return f"vnnorm {__version__} (Unicode {unicode}, model {model})"


# --- reports -----------------------------------------------------------------------------


class Reporter(Protocol):
    def feed(self, units: Sequence[Unit]) -> None: ...
    def close(self) -> None: ...


class CheckReport:
    """PATH:LINE:COL: 'before' -> 'after' [rule], one line per change."""

    def __init__(self, name: str, out: Output) -> None:
        self._name, self._out = name, out

    def feed(self, units: Sequence[Unit]) -> None:
        lines = []
        for unit in units:
            for field, change in zip(fields_of(unit), unit.changes, strict=True):
                where = f"{unit.number}:" if field is None else f"{unit.number}: {field}:"
                lines.append(
                    f"{self._name}:{where}{change.start + 1}: "
                    f"{change.before!r} -> {change.after!r} [{change.rule}]\n"
                )
        if lines:
            self._out.write_text("".join(lines))

    def close(self) -> None:
        pass


class ExplainReport:
    """One JSON object per change (JSON Lines), with where it is and why; then one
    per repair weighed and left undone ("kind": "doubt"), with why it was left."""

    doubts = True  # the units must carry them

    def __init__(self, name: str, out: Output) -> None:
        self._name, self._out = name, out

    def feed(self, units: Sequence[Unit]) -> None:
        lines = []
        for unit in units:
            found: list[tuple[str | None, str, Change | Doubt]] = [
                (field, "change", change)
                for field, change in zip(fields_of(unit), unit.changes, strict=True)
            ]
            found += [(field, "doubt", doubt) for field, doubt in doubts_of(unit)]
            for field, kind, item in found:
                record: dict[str, Any] = {"path": self._name, "line": unit.number}
                if field is not None:
                    record["field"] = field
                record["column"] = item.start + 1
                record["kind"] = kind
                record.update(item.as_dict())
                # default=str: `detail` is evidence for people; never fail over its types
                lines.append(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        if lines:
            self._out.write_text("".join(lines))

    def close(self) -> None:
        pass


class DiffReport:
    def __init__(self, name: str, out: Output) -> None:
        self._diff, self._out = UnifiedDiff(name), out

    def feed(self, units: Sequence[Unit]) -> None:
        text = self._diff.feed(units)
        if text:
            self._out.write_text(text)

    def close(self) -> None:
        text = self._diff.close()
        if text:
            self._out.write_text(text)


# --- running -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Job:
    """What to do with every document: settings from the command line, and stdout."""

    config: Config
    errors: str
    fields: tuple[str, ...]  # empty unless --jsonl
    report: type[CheckReport | ExplainReport | DiffReport] | None
    stdout: Output
    encoding: str = "utf-8"  # --from-encoding
    workers: int = 1  # -j

    def run(self, path: str, text: Output | None) -> bool:
        """Repair the document at `path`: text to `text`, report to stdout.

        True when the document's bytes change (a repair, or a U+FFFD replacement).
        """
        with ExitStack() as stack:
            source, name = open_input(path)
            if path != "-":
                stack.enter_context(source)
            reader = open_reader(source, name, self.errors, self.encoding)
            if text is not None and self.report is None and not self.fields:
                try:
                    return self._write_text(reader, text)
                except UndecodableLine as error:
                    raise CliError(error.message(name)) from None
            doubts = getattr(self.report, "doubts", False)
            units: Iterator[Unit] = iter(
                json_records(reader, name, self.fields, self.config, self.workers, doubts)
                if self.fields
                else stream.fix_lines(reader, self.config, workers=self.workers, doubts=doubts)
            )
            report = self.report(name, self.stdout) if self.report else None
            changed = False
            while batch := list(islice(units, BATCH_LINES)):
                if text is not None:
                    text.write_text("".join([unit.after for unit in batch]))
                if report is not None:
                    report.feed(batch)
                changed = changed or any(unit.changes for unit in batch)
            if report is not None:
                report.close()
        return changed or reader.lossy

    def _write_text(self, reader: LineReader | DecodingReader, text: Output) -> bool:
        """The repaired text alone, block by block: the command itself does no
        work per line (UTF-8 is decoded by the workers; other encodings, read
        as they need, are decoded here). True when the bytes change."""
        results: Iterator[tuple[bytes, bool, bool]]
        if isinstance(reader, LineReader):
            repair = functools.partial(fix_utf8_block, config=self.config, errors=self.errors)
            results = stream.map_blocks(repair, reader.raw_batches(), self.config, self.workers)
        else:
            decoded = functools.partial(fix_text_block, config=self.config)
            results = stream.map_blocks(decoded, reader.batches(), self.config, self.workers)
        changed = False
        for data, repaired, lossy in results:
            text.write(data)
            changed = changed or repaired or lossy
        return changed or reader.lossy


def _complain(message: str) -> None:
    # With no stderr to complain to (`2>&-`), the exit status still tells; never
    # print(file=None), which would write the message into the output.
    if sys.stderr is None:
        return
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(f"vnnorm: {message}", file=sys.stderr, flush=True)


def _rewrite(job: Job, path: str) -> bool:
    """--in-place for one file: True if it changed (and was replaced)."""
    try:
        mode = os.stat(path).st_mode  # through a symlink: the file it names is rewritten
    except OSError as error:
        raise CliError(f"{path}: {describe(error)}") from None
    if stat.S_ISDIR(mode):
        raise CliError(f"{path}: {os.strerror(errno.EISDIR)}")
    if not stat.S_ISREG(mode):
        raise CliError(f"{path}: not a regular file; --in-place rewrites only those")
    output = open_output(path)
    with output:
        changed = job.run(path, output.output)
        if changed:
            output.commit()  # else the temporary file goes, and the mtime stays
    return changed


def _same_file(output: str, files: Sequence[str]) -> str | None:
    """The input that `output` names too, if any (then -o would overwrite its input)."""
    for path in files:
        try:
            if path == "-":
                if os.path.samestat(os.fstat(sys.stdin.fileno()), os.stat(output)):
                    return STDIN_NAME
            elif os.path.samefile(path, output):
                return path
        except (OSError, ValueError, AttributeError):
            continue  # OUT or the input does not exist, or stdin is not a real file
    return None


def _run_to_output(job: Job, args: argparse.Namespace) -> int:
    same = _same_file(args.output, args.files)
    if same is not None:
        raise CliError(f"-o {args.output} would overwrite the input {same} (see --in-place)")
    output = open_output(args.output)
    with output:
        for path in args.files:
            job.run(path, output.output)
        output.commit()
    return 0


def _run(args: argparse.Namespace, job: Job) -> int:
    if args.output is not None:
        status = _run_to_output(job, args)
        job.stdout.flush()
        return status
    failed = changed = False
    for path in args.files:
        try:
            if args.in_place:
                changed = _rewrite(job, path) or changed
            else:
                changed = job.run(path, None if job.report else job.stdout) or changed
        except CliError as error:
            _complain(str(error))
            failed = True
    job.stdout.flush()
    return 2 if failed else 1 if args.check and changed else 0


class _Terminated(BaseException):
    """SIGTERM, raised like KeyboardInterrupt so that `with` blocks clean up."""


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise _Terminated


@contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    try:
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread: leave signals to whoever runs us
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


def _quiet_stdout() -> None:
    """The reader of stdout went away (`vnnorm big.txt | head`): not an error.

    Pointing stdout at /dev/null lets the interpreter's last flush of the
    unwritten bytes succeed, so Python prints nothing at exit.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # stdout is no real file (an embedding program's): nothing will flush it


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with `argv` (default: sys.argv[1:]) and return its exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["scan"]:  # a file named "scan" is "./scan"
        return scan.main(argv[1:])
    if sys.stdout is None:  # started with `>&-`
        _complain("<stdout>: standard output is closed")
        return 2
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        config = None if args.version else _check_usage(parser, args)
    except SystemExit as exit:  # argparse's way out of --help and usage errors
        return exit.code if isinstance(exit.code, int) else 0 if exit.code is None else 2
    except KeyboardInterrupt:
        return 130
    report: type[CheckReport | ExplainReport | DiffReport] | None = None
    if args.diff or args.explain:
        report = DiffReport if args.diff else ExplainReport
    elif args.check:
        report = CheckReport
    stdout = Output(sys.stdout.buffer, "<stdout>")
    with _sigterm_unwinds():
        try:
            if config is None:
                stdout.write_text(_version_text() + "\n")
                stdout.flush()
                return 0
            fields = tuple(dict.fromkeys(args.field))
            job = Job(config, args.errors, fields, report, stdout, args.from_encoding, args.jobs)
            return _run(args, job)
        except (CliError, ModelError) as error:
            _complain(str(error))
            return 2
        except BrokenPipeError:
            # Quiet, and the status a shell reports for a filter killed by SIGPIPE
            # (128 + 13). Not the default SIGPIPE action itself: that would kill us
            # before the `with` blocks remove a temporary file.
            _quiet_stdout()
            return 141
        except KeyboardInterrupt:
            return 130  # 128 + SIGINT; the temporary files are gone by now
        except _Terminated:
            return 143  # 128 + SIGTERM
