"""Bytes in and out for the `vnnorm` command: lines, JSON Lines records, files, diffs.

cli.py decides what to do with a document; this module does the careful parts
of reading and writing it. Input is read as bytes as it arrives, split into
lines on b"\\n" only (a lone "\\r" or U+2028 is text, not a line break, so
nothing but the repairs can change a byte), checked for NUL bytes and decoded
as UTF-8 a batch or a block at a time (by a worker, when only the text is
written), and an error still names its line and byte offset in the stream.
Output to a file goes to a temporary file beside it that replaces it only once
complete.
"""

from __future__ import annotations

import contextlib
import errno
import io
import itertools
import os
import stat
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import BinaryIO, Protocol

from vnnorm.config import Config
from vnnorm.plan import Change
from vnnorm.stream import Block, fix_block_text

READ_HINT = 1 << 20  # bytes of lines read, checked and decoded per batch
WRITE_BUFFER = 1 << 20
STDIN_NAME = "<stdin>"
BOM = "\ufeff"
# Output is always encoded with surrogateescape: with --errors surrogateescape it
# turns undecodable input bytes back into themselves, and otherwise the text
# holds no lone surrogates for it to act on.
ENCODE_ERRORS = "surrogateescape"


class CliError(Exception):
    """An input or output problem: printed as `vnnorm: MESSAGE`, exit status 2.

    The message starts with the file's name (and line, where there is one).
    """


def describe(error: OSError) -> str:
    """The OS's words for an error ("No such file or directory"), without the errno."""
    return error.strerror or str(error)


class Unit(Protocol):
    """One line (or JSON Lines record) in and out; `stream.FixedLine` is one."""

    @property
    def number(self) -> int: ...
    @property
    def before(self) -> str: ...
    @property
    def after(self) -> str: ...
    @property
    def changes(self) -> tuple[Change, ...]: ...


# --- input -----------------------------------------------------------------------------


def open_input(path: str) -> tuple[BinaryIO, str]:
    """The byte stream for `path` ("-" is standard input) and the name to report it by.

    The caller closes a stream it gets for a path, never standard input.
    """
    if path == "-":
        if sys.stdin is None:
            raise CliError(f"{STDIN_NAME}: there is no standard input")
        return sys.stdin.buffer, STDIN_NAME
    try:
        return open(path, "rb", buffering=READ_HINT), path
    except OSError as error:
        raise CliError(f"{path}: {describe(error)}") from None


class LineReader:
    """The lines of a byte stream as text, each with its b"\\n" (if it has one).

    A NUL byte means the input is binary (or UTF-16) and is refused. Invalid
    UTF-8 is an error naming the line and the byte offset with errors="strict",
    and decoded with the codec error handler of that name otherwise. `lossy`
    tells afterwards whether "replace" had to replace anything, which makes the
    output differ from the input even where no repair was made.
    """

    def __init__(self, stream: BinaryIO, name: str, errors: str) -> None:
        self._stream = stream
        self._name = name
        self._errors = errors
        self.lossy = False

    def __iter__(self) -> Iterator[str]:
        return itertools.chain.from_iterable(self.batches())

    def batches(self) -> Iterator[list[str]]:
        """The lines as they arrive, a read's worth at a time: one decode per
        batch, not per line."""
        for data, number, offset in self._checked():
            try:
                text, lossy = decode_utf8(data, self._errors, number, offset)
            except UndecodableLine as error:
                raise CliError(error.message(self._name)) from None
            self.lossy = self.lossy or lossy
            yield split_lines(text)

    def raw_batches(self) -> Iterator[list[bytes]]:
        """The lines as they arrive, still bytes, for workers to decode
        (`fix_utf8_block`): then the command itself does no work per line."""
        for data, _, _ in self._checked():
            # BytesIO splits on b"\n" only (bytes.splitlines would split on b"\r" too).
            yield io.BytesIO(data).readlines()

    def _checked(self) -> Iterator[tuple[bytes, int, int]]:
        """Each batch of whole lines free of NUL bytes, with the number of lines
        and of bytes before it."""
        offset = number = 0
        for data in self._batches():
            nul = data.find(b"\0")
            if nul >= 0:
                raise CliError(
                    f"{self._name}: looks like a binary file (NUL byte at byte {offset + nul})"
                )
            yield data, number, offset
            offset += len(data)
            number += data.count(b"\n") + (not data.endswith(b"\n"))

    def _batches(self) -> Iterator[bytes]:
        """The whole lines that have arrived, batch by batch.

        read1 returns what a pipe has ready instead of waiting for a full
        buffer, so a slow producer's lines come out as soon as the repair allows.
        """
        read: Callable[[int], bytes] = getattr(self._stream, "read1", self._stream.read)
        partial: list[bytes] = []  # a line still waiting for its b"\n"
        while chunk := self._read(read):
            cut = chunk.rfind(b"\n") + 1
            if not cut:
                partial.append(chunk)
                continue
            yield b"".join([*partial, chunk[:cut]]) if partial else chunk[:cut]
            partial = [chunk[cut:]] if cut < len(chunk) else []
        if partial:
            yield b"".join(partial)

    def _read(self, read: Callable[[int], bytes]) -> bytes:
        try:
            return read(READ_HINT)
        except OSError as error:
            raise CliError(f"{self._name}: {describe(error)}") from None


class UndecodableLine(Exception):
    """Invalid UTF-8 where --errors strict allows none (it pickles: a worker may
    be the one to find it)."""

    def __init__(self, line: int, offset: int, byte: int) -> None:
        super().__init__(line, offset, byte)
        self.line, self.offset, self.byte = line, offset, byte

    def message(self, name: str) -> str:
        return f"{name}:{self.line}: invalid UTF-8 at byte {self.offset} (0x{self.byte:02x})"


def decode_utf8(data: bytes, errors: str, number: int, offset: int) -> tuple[str, bool]:
    """Whole lines of UTF-8 as text, and whether "replace" replaced anything.
    `number` and `offset`: lines and bytes before `data`, for the error."""
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        if errors == "strict":
            raise _undecodable(data, number, offset) from None
    # The same as line by line: a faulty sequence never spans the b"\n".
    return data.decode("utf-8", errors), errors == "replace"


def _undecodable(data: bytes, number: int, offset: int) -> UndecodableLine:
    """The first invalid sequence in `data`, by its line."""
    for line_number, raw in enumerate(io.BytesIO(data).readlines(), number + 1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as error:
            return UndecodableLine(line_number, offset + error.start, raw[error.start])
        offset += len(raw)
    raise AssertionError("a batch failed to decode but none of its lines does")


def fix_utf8_block(block: Block[bytes], config: Config, errors: str) -> tuple[bytes, bool, bool]:
    """`fix_text_block` for lines still in bytes, decoded here as UTF-8 with
    `errors`: (the repaired block in UTF-8, changed, lossy). The context lines
    belong to the blocks beside this one, which report their own errors."""
    text, lossy = decode_utf8(b"".join(block.lines), errors, block.first - 1, block.offset)
    context = "replace" if errors == "strict" else errors
    before = decode_utf8(b"".join(block.before), context, 0, 0)[0]
    after = decode_utf8(b"".join(block.after), context, 0, 0)[0]
    decoded = Block((before,), tuple(split_lines(text)), (after,), block.first)
    data, changed, _ = fix_text_block(decoded, config)
    return data, changed, lossy


def fix_text_block(block: Block[str], config: Config) -> tuple[bytes, bool, bool]:
    """One block as the command writes it: (the repaired block in UTF-8,
    changed, lossy: never, for text already decoded)."""
    fixed, changed = fix_block_text(block, config)
    return encode_text(fixed), changed, False


def split_lines(text: str) -> list[str]:
    """The lines of `text`, each with its "\n" (the last one without, if it
    has none): "\n" alone ends a line, as a file's bytes say (str.splitlines
    would split on "\r", "\x0c" and U+2028 too)."""
    *complete, last = text.split("\n")
    lines = [line + "\n" for line in complete]
    if last:
        lines.append(last)
    return lines


# --- JSON Lines --------------------------------------------------------------------------


class Output:
    """A binary stream whose write failures become a CliError naming it.

    BrokenPipeError passes through: a reader that went away is not an error
    (see cli.main).
    """

    def __init__(self, stream: BinaryIO, name: str) -> None:
        self.stream = stream
        self.name = name

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        try:
            while view:
                # A buffered stream that wrote part of a large write before a
                # failure returns the part's length and raises on the next call:
                # stopping at the part would lose the rest without a word.
                written = self.stream.write(view)
                if not written:
                    raise OSError(errno.EIO, "the stream took no bytes")
                view = view[written:]
        except BrokenPipeError:
            raise
        except OSError as error:
            raise CliError(f"{self.name}: cannot write: {describe(error)}") from None

    def write_text(self, text: str) -> None:
        self.write(encode_text(text))

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise CliError(f"{self.name}: cannot write: {describe(error)}") from None


def encode_text(text: str) -> bytes:
    """Text as the command writes it (see ENCODE_ERRORS)."""
    try:
        return text.encode("utf-8", ENCODE_ERRORS)
    except UnicodeEncodeError:
        # A lone surrogate that no input byte stands for: JSON read it from an
        # escape ("\\ud800"), and written as that escape again it stays valid JSON.
        return text.encode("utf-8", "backslashreplace")


def _umask() -> int:
    # The only portable way to read the umask is to set it and put it back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class AtomicFile:
    """A temporary file beside `target` that replaces it on `commit()`, and only then.

    Leaving the `with` block without committing (an error, Ctrl-C, SIGTERM)
    removes the temporary file, so `target` is either untouched or complete.
    The new file gets the old one's mode (and owner, where allowed); a new
    target gets 0o666 less the umask, like any file the shell creates.
    """

    def __init__(self, target: str, name: str) -> None:
        self.target = target
        self.name = name  # as the user wrote it, for messages
        self._temp: str | None = None
        self._file: BinaryIO | None = None

    def __enter__(self) -> AtomicFile:
        directory, base = os.path.split(self.target)
        try:
            fd, self._temp = tempfile.mkstemp(
                prefix=f".{base}.", suffix=".tmp", dir=directory or "."
            )
        except OSError as error:
            raise CliError(
                f"{self.name}: cannot create a temporary file: {describe(error)}"
            ) from None
        self._file = os.fdopen(fd, "wb", buffering=WRITE_BUFFER)
        return self

    @property
    def output(self) -> Output:
        assert self._file is not None, "use AtomicFile in a with statement"
        return Output(self._file, self.name)

    def commit(self) -> None:
        """Make the temporary file durable, then rename it over the target."""
        assert self._file is not None and self._temp is not None
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._copy_metadata()
            self._file.close()
            os.replace(self._temp, self.target)
        except OSError as error:
            raise CliError(f"{self.name}: cannot write: {describe(error)}") from None
        self._temp = None
        _sync_directory(os.path.dirname(self.target) or ".")

    def _copy_metadata(self) -> None:
        assert self._temp is not None
        try:
            old = os.stat(self.target)
        except FileNotFoundError:
            os.chmod(self._temp, 0o666 & ~_umask())
            return
        os.chmod(self._temp, stat.S_IMODE(old.st_mode))
        if hasattr(os, "chown"):
            # Only root may give a file away; otherwise it stays ours, like any new file.
            with contextlib.suppress(OSError):
                os.chown(self._temp, old.st_uid, old.st_gid)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        # A close error here follows a failure that is being reported already.
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.close()
        if self._temp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self._temp)
            self._temp = None


def _sync_directory(directory: str) -> None:
    # So the rename survives a crash. Best effort: not every system can open a directory.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class DirectFile(AtomicFile):
    """Writes straight into a target that is not a regular file (/dev/null, a FIFO).

    Renaming over a device or a FIFO would replace it, not write to it.
    """

    def __enter__(self) -> DirectFile:
        try:
            self._file = open(self.target, "wb")
        except OSError as error:
            raise CliError(f"{self.name}: {describe(error)}") from None
        return self

    def commit(self) -> None:
        assert self._file is not None
        self.output.flush()
        self._file.close()


def open_output(name: str) -> AtomicFile:
    """Where `-o NAME` writes: atomically for a regular or new file, else directly.

    A symbolic link is followed, so the file it points to is replaced, not the link.
    """
    target = os.path.realpath(name)
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return AtomicFile(target, name)
    except OSError as error:
        raise CliError(f"{name}: {describe(error)}") from None
    if stat.S_ISDIR(mode):
        raise CliError(f"{name}: {os.strerror(errno.EISDIR)}")
    return AtomicFile(target, name) if stat.S_ISREG(mode) else DirectFile(target, name)


# --- diff --------------------------------------------------------------------------------


class UnifiedDiff:
    """A unified diff of a stream of lines, hunk by hunk, as difflib.unified_diff writes it.

    Repairs never add or remove a line, so line N of the input is line N of the
    output, and a hunk is complete once 2 * context + 1 unchanged lines follow
    its last change. Memory is bounded by the largest hunk, not the file. Unlike
    difflib, a line without a final newline is marked as diff(1) and patch(1)
    expect ("\\ No newline at end of file").
    """

    def __init__(self, name: str, context: int = 3) -> None:
        self._name = name.lstrip("/")  # "a/tmp/x", as git writes it, not "a//tmp/x"
        self._context = context
        self._recent: deque[tuple[int, str]] = deque(maxlen=context)
        self._hunk: list[tuple[int, str, str]] = []  # (number, before, after)
        self._quiet = 0  # unchanged lines at the end of the hunk
        self._started = False

    def feed(self, units: Iterable[Unit]) -> str:
        """The diff text that these lines complete (often nothing)."""
        out: list[str] = []
        for unit in units:
            if unit.before != unit.after:
                if not self._hunk:
                    self._hunk = [(number, line, line) for number, line in self._recent]
                self._hunk.append((unit.number, unit.before, unit.after))
                self._quiet = 0
                continue
            self._recent.append((unit.number, unit.before))
            if self._hunk:
                self._hunk.append((unit.number, unit.before, unit.before))
                self._quiet += 1
                if self._quiet > 2 * self._context:
                    self._emit(out)
        return "".join(out)

    def close(self) -> str:
        """The rest of the diff, at the end of the input."""
        out: list[str] = []
        if self._hunk:
            self._emit(out)
        return "".join(out)

    def _emit(self, out: list[str]) -> None:
        keep = len(self._hunk) - self._quiet + min(self._quiet, self._context)
        hunk, self._hunk, self._quiet = self._hunk[:keep], [], 0
        if not self._started:
            out.append(f"--- a/{self._name}\n+++ b/{self._name}\n")
            self._started = True
        span = str(hunk[0][0]) if len(hunk) == 1 else f"{hunk[0][0]},{len(hunk)}"
        out.append(f"@@ -{span} +{span} @@\n")
        i = 0
        while i < len(hunk):
            if hunk[i][1] == hunk[i][2]:
                out.append(_diff_line(" ", hunk[i][1]))
                i += 1
                continue
            j = i
            while j < len(hunk) and hunk[j][1] != hunk[j][2]:
                j += 1
            out.extend(_diff_line("-", before) for _, before, _ in hunk[i:j])
            out.extend(_diff_line("+", after) for _, _, after in hunk[i:j])
            i = j


def _diff_line(mark: str, line: str) -> str:
    if line.endswith("\n"):
        return mark + line
    return f"{mark}{line}\n\\ No newline at end of file\n"
