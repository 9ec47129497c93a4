"""The `vnnorm` command as a real process under faults: kills, full disks, pipes, Ctrl-C.

test_cli.py runs `main` in-process and simulates faults there (a write that
raises ENOSPC, a KeyboardInterrupt from inside the stream); these tests make the
faults happen to `python -m vnnorm` for real: SIGKILL at random moments of an
--in-place rewrite, a tmpfs that is really full, a file-size limit, /dev/full,
a reader that goes away, SIGINT at any moment, closed standard streams.
"""

from __future__ import annotations

import contextlib
import errno
import os
import random
import re
import resource
import select
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import vnnorm

ROOT = Path(__file__).resolve().parents[1]

DAMAGED = "Nga đă gửi thêm thiết bị. Chưa rơ số lượng, c\u0323n m\u0301nh th\u0301 sao.\n"
FIXED = "Nga đã gửi thêm thiết bị. Chưa rõ số lượng, còn mình thì sao.\n"
CLEAN = ("The quick brown fox jumps over the lazy dog; 0123456789 and more ASCII. " * 12) + "\n"


def _command(*argv: str) -> list[str]:
    return [sys.executable, "-m", "vnnorm", *argv]


def _environment() -> dict[str, str]:
    paths = [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "PYTHONDONTWRITEBYTECODE": "1"}


# Long enough that every moment a test below picks falls inside the work:
# 2.8 s in one process on 2026-12-07, and less with -j 2.
LONG_WORK_MB = 40


def _document(megabytes: float) -> str:
    """Mostly clean lines with a damaged one every 20: fast to stream, and it changes."""
    block = CLEAN * 19 + DAMAGED
    return block * max(1, int(megabytes * 1e6) // len(block.encode()))


def _no_traceback(err: bytes) -> None:
    assert b"Traceback" not in err and b"Exception ignored" not in err, err.decode(errors="replace")


def _session(sid: int) -> list[int]:
    """Live processes of session `sid` (the command and its workers), from /proc."""
    if not os.path.isdir("/proc/self"):
        return []
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as file:
                fields = file.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append(int(entry))
    return found


@contextmanager
def _started(
    *argv: str,
    cwd: Path | None = None,
    stdin: Any = subprocess.DEVNULL,
    stdout: Any = subprocess.PIPE,
    sigint: Any = signal.SIG_DFL,
) -> Iterator[subprocess.Popen[bytes]]:
    """`vnnorm ARGV` in a session of its own; whatever happens, it and its workers
    are gone afterwards (a test that finds a hang fails, it does not hang).

    It starts with SIGINT at `sigint`: the default, as a command typed at a
    terminal has it, whatever this suite inherited (a shell starts a job it runs
    in the background, or under nohup, with SIGINT ignored)."""
    process = subprocess.Popen(
        _command(*argv),
        cwd=cwd,
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=_environment(),
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, sigint),
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        for pid in _session(process.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def _finish(process: subprocess.Popen[bytes], timeout: float = 60) -> tuple[int, bytes]:
    """The exit status and standard error, reading whatever else it writes meanwhile."""
    try:
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{process.args!r} did not exit within {timeout} s")
    return process.returncode, err


def _read_some(process: subprocess.Popen[bytes], size: int, timeout: float = 60) -> bytes:
    """Up to `size` bytes of standard output, as soon as some arrive."""
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    assert ready, f"no output within {timeout} s"
    return os.read(process.stdout.fileno(), size)


# --- invalid input through a real pipe --------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_invalid_utf8_offset_across_short_pipe_reads(jobs: str) -> None:
    """Reads from a pipe return what has arrived, cut anywhere, even inside a character.

    test_cli.py checks the offsets with a tiny read size in-process; here a real
    pipe delivers 4 MB in whatever pieces it has ready, so valid characters split
    between reads must decode, and the one bad byte must be reported at its offset
    in the stream, by the worker that decodes its block (with -j 2, one of two).
    """
    good = ("Tiếng Việt có dấu, đủ dài để chia ra nhiều lần đọc. " * 3 + "\n").encode()
    lines = 30_000  # over 4 MB: many reads of up to 1 MiB each
    data = good * lines + b"ab\xffcd\n" + good
    offset = len(good) * lines + 2
    with _started("-j", jobs, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL) as process:
        try:
            _, err = process.communicate(data, timeout=120)  # written as the pipe takes it
        except subprocess.TimeoutExpired:
            pytest.fail("vnnorm did not exit within 120 s")
    assert process.returncode == 2
    assert err.decode() == f"vnnorm: <stdin>:{lines + 1}: invalid UTF-8 at byte {offset} (0xff)\n"


def test_errors_replace_through_a_pipe() -> None:
    data = (DAMAGED.encode() + b"bad \xff\xfe byte\n") * 500
    run = subprocess.run(
        _command("--errors", "replace"), input=data, capture_output=True, env=_environment()
    )
    assert (run.returncode, run.stderr) == (0, b"")
    assert run.stdout == (FIXED + "bad \ufffd\ufffd byte\n").encode() * 500


# --- misuse: streams and files that are not what they should be ----------------------


def test_closed_standard_output_is_a_clear_error(tmp_path: Path) -> None:
    """`vnnorm a.txt >&-`: no stdout at all is an output error, not a traceback."""
    (tmp_path / "a.txt").write_text(DAMAGED, encoding="utf-8")
    run = subprocess.run(
        _command("a.txt"),
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        env=_environment(),
        preexec_fn=lambda: os.close(1),
    )
    _no_traceback(run.stderr)
    assert run.returncode == 2
    assert run.stderr.startswith(b"vnnorm: <stdout>: ")


def test_closed_standard_input_is_a_clear_error() -> None:
    run = subprocess.run(
        _command(),
        stdin=None,
        capture_output=True,
        env=_environment(),
        preexec_fn=lambda: os.close(0),
    )
    assert (run.returncode, run.stdout) == (2, b"")
    assert run.stderr == b"vnnorm: <stdin>: there is no standard input\n"


def test_closed_standard_error_never_mixes_messages_into_the_text(tmp_path: Path) -> None:
    """`vnnorm a.txt missing.txt 2>&- > out`: the message has nowhere to go, but it must
    not land in the text on standard output."""
    (tmp_path / "a.txt").write_text(DAMAGED, encoding="utf-8")
    run = subprocess.run(
        _command("a.txt", "missing.txt"),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        env=_environment(),
        preexec_fn=lambda: os.close(2),
    )
    assert run.returncode == 2
    assert run.stdout == FIXED.encode()


def test_in_place_refuses_a_fifo_and_a_device(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    for target in (str(tmp_path / "fifo"), os.devnull):
        run = subprocess.run(
            _command("--in-place", target), capture_output=True, env=_environment(), timeout=60
        )
        assert (run.returncode, run.stdout) == (2, b"")
        assert run.stderr.decode() == (
            f"vnnorm: {target}: not a regular file; --in-place rewrites only those\n"
        )
    assert stat.S_ISFIFO(os.stat(tmp_path / "fifo").st_mode)


def test_output_into_a_missing_directory(tmp_path: Path) -> None:
    run = subprocess.run(
        _command("-o", str(tmp_path / "no" / "out.txt")),
        input=DAMAGED.encode(),
        capture_output=True,
        env=_environment(),
    )
    assert run.returncode == 2
    assert run.stderr.decode() == (
        f"vnnorm: {tmp_path / 'no' / 'out.txt'}: cannot create a temporary file: "
        f"{os.strerror(errno.ENOENT)}\n"
    )
    assert os.listdir(tmp_path) == []


def test_a_symlink_loop_is_a_clear_error(tmp_path: Path) -> None:
    os.symlink("loop", tmp_path / "loop")
    for argv in (["loop"], ["--in-place", "loop"], ["-o", "loop", "-"]):
        run = subprocess.run(
            _command(*argv), cwd=tmp_path, input=b"x\n", capture_output=True, env=_environment()
        )
        _no_traceback(run.stderr)
        assert run.returncode == 2, argv
        assert run.stderr.decode() == f"vnnorm: loop: {os.strerror(errno.ELOOP)}\n", argv


# --- --in-place is atomic under SIGKILL ------------------------------------------------


@dataclass
class _Trial:
    moment: str
    state: str = ""
    leftovers: list[str] = field(default_factory=list)


def _temp_files(directory: Path, name: str) -> list[Path]:
    return [p for p in directory.iterdir() if p.name != name]


def _kill_when(
    process: subprocess.Popen[bytes], ready: Callable[[], bool], deadline: float
) -> bool:
    """SIGKILL `process` as soon as `ready()`; False if it ended (or time ran out) first."""
    while time.monotonic() < deadline and process.poll() is None:
        if ready():
            process.kill()
            return True
        time.sleep(0.0005)
    return False


def _at(moment: float) -> Callable[[], bool]:
    return lambda: time.monotonic() >= moment


TEMP_NAME = re.compile(r"^\.big\.txt\.[^/]+\.tmp$")


@pytest.mark.slow
def test_in_place_is_atomic_under_sigkill(tmp_path: Path) -> None:
    """SIGKILL at random moments and at the delicate ones: the file is always either the
    original or the complete repair, with its mode; a kill leaves at most a temporary
    file beside it, named as one."""
    trials = int(os.environ.get("VNNORM_KILL_TRIALS", "20"))
    original_text = _document(float(os.environ.get("VNNORM_KILL_MEGABYTES", "4")))
    original = original_text.encode()
    expected = vnnorm.fix(original_text).encode()
    assert expected != original
    target = tmp_path / "big.txt"

    def restore() -> None:
        target.write_bytes(original)
        target.chmod(0o640)

    restore()
    started = time.monotonic()
    subprocess.run(_command("--in-place", str(target)), env=_environment(), check=True)
    duration = time.monotonic() - started
    assert target.read_bytes() == expected, "an uninterrupted run must give vnnorm.fix's text"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640

    def temp_size(at_least: int) -> Callable[[], bool]:
        def ready() -> bool:
            for path in _temp_files(tmp_path, "big.txt"):
                try:
                    if path.stat().st_size >= at_least:
                        return True
                except FileNotFoundError:
                    pass
            return False

        return ready

    def renamed() -> bool:
        return target.stat().st_ino != restored_inode  # the rename has happened

    rng = random.Random(20_240_521)
    moments: list[tuple[str, Callable[[], bool] | float]] = [
        ("temporary file created", temp_size(0)),
        ("temporary file half written", temp_size(len(expected) // 2)),
        ("temporary file complete (fsync, rename)", temp_size(len(expected))),
        ("temporary file complete (fsync, rename)", temp_size(len(expected))),
        ("renamed (directory fsync, exit)", renamed),
    ]
    moments += [
        (f"after {delay:.2f} s", delay)
        for delay in sorted(rng.uniform(0.0, 1.5 * duration) for _ in range(trials - len(moments)))
    ]
    results: list[_Trial] = []
    for moment, when in moments:
        restore()
        restored_inode = target.stat().st_ino
        trial = _Trial(moment)
        with _started("--in-place", str(target), stdout=subprocess.DEVNULL) as process:
            launched = time.monotonic()
            deadline = launched + 10 * duration + 30
            _kill_when(process, _at(launched + when) if isinstance(when, float) else when, deadline)
            process.wait(timeout=60)
        content = target.read_bytes()
        trial.state = (
            "original" if content == original else "repaired" if content == expected else "BROKEN"
        )
        trial.leftovers = sorted(p.name for p in _temp_files(tmp_path, "big.txt"))
        results.append(trial)
        assert trial.state != "BROKEN", f"killed {moment}: the file is neither old nor new"
        assert stat.S_IMODE(target.stat().st_mode) == 0o640, f"killed {moment}: mode changed"
        for name in trial.leftovers:
            assert TEMP_NAME.match(name), f"killed {moment}: left {name!r} behind"
            (tmp_path / name).unlink()

    report = "\n".join(f"{t.moment:45} {t.state:9} {t.leftovers}" for t in results)
    print(f"one run takes {duration:.2f} s\n{report}")
    states = {t.state for t in results}
    assert states == {"original", "repaired"}, f"the kills did not span the run:\n{report}"


# --- a full disk -----------------------------------------------------------------------


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KiB filesystem (tmpfs); skipped where mounting is not allowed."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mount = shutil.which("mount")
    if mount is None:
        pytest.skip("no mount(8) here to make a small filesystem")
    made = subprocess.run(
        [mount, "-t", "tmpfs", "-o", "size=64k,mode=0755", "tmpfs", str(disk)],
        capture_output=True,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs (root in a privileged container only): {made.stderr!r}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


NO_SPACE = os.strerror(errno.ENOSPC)
TOO_LARGE = os.strerror(errno.EFBIG)


def test_full_disk_in_place(full_disk: Path) -> None:
    """The file fits on the disk once, not twice: the rewrite fails and the file stays."""
    text = _document(megabytes=0.04)
    target = full_disk / "a.txt"
    target.write_text(text, encoding="utf-8")
    target.chmod(0o640)
    run = subprocess.run(
        _command("--in-place", str(target)), capture_output=True, env=_environment()
    )
    assert run.returncode == 2
    assert run.stderr.decode() == f"vnnorm: {target}: cannot write: {NO_SPACE}\n"
    assert target.read_text(encoding="utf-8") == text
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert os.listdir(full_disk) == ["a.txt"]


@pytest.mark.parametrize("megabytes", [0.2, 3.0], ids=["fails-at-commit", "fails-mid-stream"])
def test_full_disk_output(full_disk: Path, tmp_path: Path, megabytes: float) -> None:
    """-o onto a full disk: an error, the old OUT untouched, no temporary file left."""
    source = tmp_path / "in.txt"
    source.write_text(_document(megabytes), encoding="utf-8")
    out = full_disk / "out.txt"
    out.write_bytes(b"previous\n")
    run = subprocess.run(
        _command("-o", str(out), str(source)), capture_output=True, env=_environment()
    )
    assert run.returncode == 2
    assert run.stderr.decode() == f"vnnorm: {out}: cannot write: {NO_SPACE}\n"
    assert out.read_bytes() == b"previous\n"
    assert os.listdir(full_disk) == ["out.txt"]


def _file_size_limit(limit: int) -> Callable[[], None]:
    def limit_writes() -> None:
        # Writes past the limit then fail with EFBIG instead of killing the process.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_writes


@pytest.mark.parametrize("megabytes", [0.2, 3.0], ids=["fails-at-commit", "fails-mid-stream"])
def test_file_size_limit_in_place(tmp_path: Path, megabytes: float) -> None:
    """RLIMIT_FSIZE: the same failure as a full disk, where no filesystem can be mounted."""
    text = _document(megabytes)
    target = tmp_path / "a.txt"
    target.write_text(text, encoding="utf-8")
    target.chmod(0o600)
    run = subprocess.run(
        _command("--in-place", str(target)),
        capture_output=True,
        env=_environment(),
        preexec_fn=_file_size_limit(len(text.encode()) // 3),
    )
    assert run.returncode == 2
    assert run.stderr.decode() == f"vnnorm: {target}: cannot write: {TOO_LARGE}\n"
    assert target.read_text(encoding="utf-8") == text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert os.listdir(tmp_path) == ["a.txt"]


def test_full_standard_output() -> None:
    """/dev/full: every write fails with ENOSPC; one message, no second one at exit."""
    data = _document(megabytes=2.5).encode()
    with open("/dev/full", "wb") as full:
        run = subprocess.run(
            _command(), input=data, stdout=full, stderr=subprocess.PIPE, env=_environment()
        )
    assert run.returncode == 2
    assert run.stderr.decode() == f"vnnorm: <stdout>: cannot write: {NO_SPACE}\n"


# --- SIGPIPE: the reader goes away ------------------------------------------------------


def _read_then_close(argv: list[str], cwd: Path, stdin: Path | None = None) -> tuple[int, bytes]:
    with (
        open(stdin if stdin is not None else os.devnull, "rb") as source,
        _started(*argv, cwd=cwd, stdin=source) as process,
    ):
        assert process.stdout is not None
        assert _read_some(process, 100)  # like head: read a little, then go away
        process.stdout.close()
        return _finish(process, timeout=120)


@pytest.mark.parametrize(
    "report", [[], ["--diff"], ["--explain"], ["--check"]], ids=["text", "diff", "explain", "check"]
)
def test_closed_pipe_during_a_report(tmp_path: Path, report: list[str]) -> None:
    (tmp_path / "a.txt").write_text(_document(megabytes=3), encoding="utf-8")
    status, err = _read_then_close([*report, "a.txt"], tmp_path)
    assert (status, err) == (141, b"")


def test_closed_pipe_during_in_place_diff_keeps_the_file(tmp_path: Path) -> None:
    """--in-place --diff | head: the rewrite is abandoned whole, and nothing is left."""
    text = _document(megabytes=3)
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    status, err = _read_then_close(["--in-place", "--diff", "a.txt"], tmp_path)
    assert (status, err) == (141, b"")
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == text
    assert os.listdir(tmp_path) == ["a.txt"]


def test_closed_pipe_from_standard_input(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text(_document(megabytes=1), encoding="utf-8")
    status, err = _read_then_close([], tmp_path, stdin=source)
    assert (status, err) == (141, b"")


# --- Ctrl-C -------------------------------------------------------------------------------


def _interrupt(process: subprocess.Popen[bytes]) -> tuple[int, bytes]:
    process.send_signal(signal.SIGINT)
    return _finish(process)


def test_ctrl_c_while_writing_standard_output(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(_document(megabytes=8), encoding="utf-8")
    with _started("a.txt", cwd=tmp_path) as process:
        assert _read_some(process, 4096)  # it is working
        status, err = _interrupt(process)  # reading on, so that it never waits on a full pipe
    assert (status, err) == (130, b"")


def test_ctrl_c_ignored_by_the_parent_stays_ignored(tmp_path: Path) -> None:
    # started under nohup or in the background: Ctrl-C is not meant for it
    text = _document(megabytes=1)
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    with _started("a.txt", cwd=tmp_path, sigint=signal.SIG_IGN) as process:
        assert process.stdout is not None
        first = _read_some(process, 4096)
        process.send_signal(signal.SIGINT)
        rest, err = process.communicate(timeout=120)
    assert (process.returncode, err) == (0, b"")
    assert (first + rest).decode() == vnnorm.fix(text)


def test_ctrl_c_while_waiting_for_input() -> None:
    with _started(stdin=subprocess.PIPE) as process:
        assert process.stdin is not None
        process.stdin.write(b"x\n" * 10_000)
        process.stdin.flush()
        assert _read_some(process, 2) == b"x\n"  # it has read, repaired, and waits for more
        status, err = _interrupt(process)
    assert (status, err) == (130, b"")


@pytest.mark.slow
def test_ctrl_c_during_in_place_at_random_moments(tmp_path: Path) -> None:
    text = _document(megabytes=LONG_WORK_MB)
    target = tmp_path / "a.txt"
    rng = random.Random(7)
    for trial in range(5):
        target.write_text(text, encoding="utf-8")
        with _started("--in-place", str(target), stdout=subprocess.DEVNULL) as process:
            deadline = time.monotonic() + 60
            while len(os.listdir(tmp_path)) < 2 and time.monotonic() < deadline:
                time.sleep(0.002)
            assert len(os.listdir(tmp_path)) == 2, "no temporary file appeared"
            time.sleep(rng.uniform(0.0, 0.8))
            assert process.poll() is None, "it finished first: the document is too small"
            status, err = _interrupt(process)
        assert (status, err) == (130, b""), f"trial {trial}"
        assert target.read_text(encoding="utf-8") == text
        assert os.listdir(tmp_path) == ["a.txt"]


@pytest.mark.slow
def test_ctrl_c_during_start_up_prints_no_traceback(tmp_path: Path) -> None:
    """SIGINT while the interpreter imports vnnorm and builds the parser: a user who
    presses Ctrl-C at once must not get a Python traceback."""
    (tmp_path / "a.txt").write_text(_document(megabytes=LONG_WORK_MB), encoding="utf-8")
    delays = [0.01 + 0.02 * i for i in range(25)]  # the first half second
    failures = []
    for delay in delays:
        with _started("a.txt", cwd=tmp_path, stdout=subprocess.DEVNULL) as process:
            time.sleep(delay)
            status, err = _interrupt(process)
        # -SIGINT: the signal came before Python set up its handler, which is quiet too;
        # 0 would be a Ctrl-C swallowed, and the whole file repaired regardless
        if b"Python runtime state: core initialized" in err:
            continue  # CPython itself was still starting (init_sys_streams): no program runs yet
        if b"<frozen" in err and b"vnnorm" not in err:
            continue  # still in CPython's own start-up (site, runpy): vnnorm's code had not begun
        if status not in (130, -signal.SIGINT) or err:
            failures.append(f"after {delay:.2f} s: status {status}, stderr {err[-300:]!r}")
    assert not failures, "\n".join(failures)


# --- -j N: worker processes ------------------------------------------------------------


def _left_running(sid: int, seconds: float) -> list[int]:
    """The session's processes still alive after `seconds` (then killed, not to linger)."""
    deadline = time.monotonic() + seconds
    while _session(sid) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = _session(sid)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return left


needs_proc = pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc")


@needs_proc
@pytest.mark.slow
def test_ctrl_c_with_workers_reaches_the_whole_group(tmp_path: Path) -> None:
    """A terminal's Ctrl-C goes to every process of the job: the workers too. The
    command must exit 130, print nothing, and leave no worker behind, at any moment
    (not wait forever for a worker stuck writing a result)."""
    (tmp_path / "a.txt").write_text(_document(megabytes=LONG_WORK_MB), encoding="utf-8")
    rng = random.Random(11)
    failures = []
    for trial in range(4):
        with _started("-j", "2", "a.txt", cwd=tmp_path) as process:
            assert _read_some(process, 4096)  # it is working
            time.sleep(rng.uniform(0.0, 1.0))
            os.killpg(process.pid, signal.SIGINT)
            try:
                _, err = process.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                failures.append(f"trial {trial}: still running 30 s after Ctrl-C")
                continue
            left = _left_running(process.pid, 10)
        if process.returncode != 130 or err or left:
            failures.append(
                f"trial {trial}: status {process.returncode}, {len(left)} process(es) left, "
                f"stderr {err[-200:]!r}"
            )
    assert not failures, "\n".join(failures)


@needs_proc
@pytest.mark.slow
def test_sigkill_with_workers_leaves_no_worker_running(tmp_path: Path) -> None:
    """`kill -9` (the OOM killer, a CI timeout) of `vnnorm -j 2`: its workers must not
    live on, each holding a model in memory."""
    (tmp_path / "a.txt").write_text(_document(megabytes=LONG_WORK_MB), encoding="utf-8")
    with _started("-j", "2", "--in-place", "a.txt", cwd=tmp_path) as process:
        deadline = time.monotonic() + 60
        while len(_session(process.pid)) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(_session(process.pid)) >= 3, "the workers did not start"
        time.sleep(0.5)
        process.kill()
        process.wait(timeout=60)
        left = _left_running(process.pid, 10)
    assert left == [], f"{len(left)} worker(s) still running 10 s after the command was killed"
