"""vnnorm runs no code from data, uses no network and writes nowhere but its output.

Three ways of looking:
- the source (ast): no pickle, marshal or shelve; no eval, exec or compile; no
  sockets, HTTP or subprocesses; and outside the command's output code (cli.py,
  cli_io.py) no call that writes, renames or removes a file;
- in-process, with every way to open a connection replaced by one that fails,
  from a cold start (the model is loaded under the patch): fix, decode and the
  command must not notice;
- a real process with an audit hook (PEP 578) that records every socket, process,
  file opened for writing, rename, removal and change of mode: the library
  records nothing, the command only its output and the temporary file beside it,
  and $HOME and the working directory are left as they were.
"""

from __future__ import annotations

import ast
import io
import json
import os
import socket
import subprocess
import sys
import textwrap
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest
from cold_start import cold_start

import vnnorm
from vnnorm import cli

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "vnnorm"
SOURCES = sorted(PACKAGE.rglob("*.py"))

FORBIDDEN_MODULES = {
    # code from data
    "pickle": "unpickling runs code",
    "_pickle": "unpickling runs code",
    "cPickle": "unpickling runs code",
    "dill": "unpickling runs code",
    "cloudpickle": "unpickling runs code",
    "joblib": "joblib files are pickles",
    "marshal": "marshal loads code objects",
    "shelve": "shelve is pickle on disk",
    # the network, and programs that could reach it
    "socket": "no network",
    "ssl": "no network",
    "http": "no network",
    "urllib": "no network",
    "ftplib": "no network",
    "smtplib": "no network",
    "poplib": "no network",
    "imaplib": "no network",
    "telnetlib": "no network",
    "xmlrpc": "no network",
    "requests": "no network",
    "httpx": "no network",
    "aiohttp": "no network",
    "urllib3": "no network",
    "subprocess": "no other programs",
    "ctypes": "no foreign calls",
}
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "breakpoint"}
FORBIDDEN_ATTRIBUTES = {
    ("os", "system"),
    ("os", "popen"),
    ("os", "fork"),
    ("os", "forkpty"),
    ("os", "posix_spawn"),
    ("os", "posix_spawnp"),
    *{("os", name) for name in ("execv", "execve", "execvp", "execl", "spawnv", "spawnl")},
}
# Only the command writes files, and only these two modules of it.
WRITERS = {"cli.py", "cli_io.py"}
_OS_WRITES = (
    "open", "fdopen", "replace", "rename", "renames", "remove", "unlink", "rmdir", "removedirs",
    "mkdir", "makedirs", "chmod", "chown", "truncate", "link", "symlink",
)  # fmt: skip
WRITE_ATTRIBUTES = {("os", name) for name in _OS_WRITES} | {
    ("shutil", name) for name in ("copy", "copy2", "copyfile", "move", "rmtree", "copytree")
}
WRITE_METHODS = {"write_text", "write_bytes", "touch", "mkdir", "unlink", "rmdir", "rename"}


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _findings(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    writer = path.name in WRITERS and path.parent == PACKAGE
    for node in ast.walk(tree):
        where = f"{path.name}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                if top in FORBIDDEN_MODULES:
                    yield f"{where}: import {alias.name} ({FORBIDDEN_MODULES[top]})"
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            top = node.module.split(".")[0]
            if top in FORBIDDEN_MODULES:
                yield f"{where}: from {node.module} import ... ({FORBIDDEN_MODULES[top]})"
        elif isinstance(node, ast.Call):
            yield from _call_findings(node, where, writer)


def _call_findings(node: ast.Call, where: str, writer: bool) -> Iterator[str]:
    func = node.func
    if isinstance(func, ast.Name):
        if func.id in FORBIDDEN_CALLS:
            yield f"{where}: {func.id}()"
        if func.id == "open" and not writer and _may_write(node):
            yield f"{where}: open() for writing outside the command"
    elif isinstance(func, ast.Attribute):
        owner = func.value.id if isinstance(func.value, ast.Name) else None
        if (owner, func.attr) in FORBIDDEN_ATTRIBUTES:
            yield f"{where}: {owner}.{func.attr}()"
        computed = not (node.args and isinstance(node.args[0], ast.Constant))
        if owner == "importlib" and func.attr == "import_module" and computed:
            yield f"{where}: importlib.import_module() of a computed name"
        if not writer and (owner, func.attr) in WRITE_ATTRIBUTES:
            yield f"{where}: {owner}.{func.attr}() outside the command"
        if not writer and owner not in ("os", "shutil") and func.attr in WRITE_METHODS:
            yield f"{where}: .{func.attr}() outside the command"
        if owner == "tempfile" and not writer:
            yield f"{where}: tempfile.{func.attr}() outside the command"


def _may_write(call: ast.Call) -> bool:
    mode: ast.expr | None = call.args[1] if len(call.args) > 1 else None
    for keyword in call.keywords:
        if keyword.arg == "mode":
            mode = keyword.value
    if mode is None:
        return False  # "r"
    if isinstance(mode, ast.Constant) and isinstance(mode.value, str):
        return any(c in mode.value for c in "wax+")
    return True  # a computed mode may write


def test_the_scan_sees_every_module() -> None:
    names = {_relative(p) for p in SOURCES}
    assert "src/vnnorm/api.py" in names and "src/vnnorm/cli_io.py" in names
    assert len(SOURCES) >= 20


def test_the_scan_catches_what_it_looks_for(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        textwrap.dedent(
            """
            import pickle
            from urllib.request import urlopen
            import os, subprocess
            eval("1")
            os.system("true")
            open("x", "w")
            os.replace("a", "b")
            Path("x").write_text("y")
            """
        ),
        encoding="utf-8",
    )
    found = list(_findings(bad))
    assert len(found) == 8, found


@pytest.mark.parametrize("path", SOURCES, ids=_relative)
def test_source_has_no_unsafe_calls(path: Path) -> None:
    found = list(_findings(path))
    assert not found, "\n".join(found)


# --- in-process: no connection is ever tried ------------------------------------------


def _refuse(*args: object, **kwargs: object) -> NoReturn:
    raise AssertionError(f"vnnorm tried to use the network: {args!r}")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("socket", "create_connection", "getaddrinfo", "gethostbyname", "socketpair"):
        monkeypatch.setattr(socket, name, _refuse)
    monkeypatch.setattr(urllib.request, "urlopen", _refuse)


SAMPLE = (
    "Nga đă gửi thêm. Viá»‡t Nam. ViÖt Nam. Vieät Nam. Vui ḷng nh?p mă s?n ph?m. "
    "ngƣời Ðặng Vi\u00adệt hòa"
)


def test_library_uses_no_network(no_network: None) -> None:
    cold_start()
    assert vnnorm.fix(SAMPLE) != SAMPLE
    vnnorm.fix_and_explain(SAMPLE, vnnorm.Config(viqr=True, tone_placement="modern"))
    decode = getattr(vnnorm, "decode", None)
    if decode is not None:
        for data in (SAMPLE.encode(), SAMPLE.encode("utf-16"), "Việt Nam".encode("tcvn3")):
            decode(data)


def test_command_uses_no_network(
    no_network: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold_start()
    (tmp_path / "a.txt").write_text(SAMPLE + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out, "utf-8", write_through=True))
    assert cli.main(["--version"]) == 0
    assert cli.main(["--explain", "a.txt"]) == 0
    assert cli.main(["-o", "b.txt", "a.txt"]) == 0
    assert cli.main(["--in-place", "a.txt"]) == 0
    assert (tmp_path / "a.txt").read_bytes() == (tmp_path / "b.txt").read_bytes()


# --- a real process, watched by an audit hook ------------------------------------------

WATCHER = textwrap.dedent(
    """
    import json, os, sys

    events = []
    recording = [True]
    WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    WATCHED = ("socket.", "subprocess.", "os.system", "os.exec", "os.posix_spawn",
               "os.spawn", "os.fork", "os.rename", "os.remove", "os.rmdir", "os.mkdir",
               "os.chmod", "os.chown", "os.truncate", "os.link", "os.symlink",
               "shutil.", "tempfile.", "urllib.", "http.", "pickle.", "ctypes.",
               "webbrowser.", "ftplib.", "smtplib.")

    def hook(event, args):
        if not recording[0]:
            return
        if event == "open":
            path, mode, flags = args
            writes = (mode is not None and any(c in str(mode) for c in "wax+")) or (
                mode is None and isinstance(flags, int) and flags & WRITE)
            if writes and not isinstance(path, int):  # an int: an fd opened already
                events.append(["open-for-writing", str(path), None])
        elif event.startswith(WATCHED):
            names = [str(a) for a in args[:2]] + [None, None]
            events.append([event, names[0], names[1]])

    sys.addaudithook(hook)
    phase = sys.argv[1]
    if phase == "library":
        import vnnorm
        text = sys.argv[2]
        vnnorm.fix(text)
        vnnorm.fix_and_explain(text, vnnorm.Config(viqr=True, tone_placement="classic"))
        if hasattr(vnnorm, "decode"):
            vnnorm.decode(text.encode("utf-16"))
            vnnorm.decode(text.encode("utf-8"))
        status = 0
    else:
        from vnnorm.cli import main
        status = main(sys.argv[2:])
    sys.stdout.flush()
    recording[0] = False
    with open(sys.argv[0] + ".events", "w") as report:
        json.dump(events, report)
    sys.exit(status)
    """
)


def _watched(tmp_path: Path, home: Path, *argv: str) -> list[list[Any]]:
    script = tmp_path.parent / f"{tmp_path.name}-watcher.py"
    script.write_text(WATCHER, encoding="utf-8")
    paths = [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(paths),
        "PYTHONDONTWRITEBYTECODE": "1",
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "TMPDIR": str(home / "tmp"),
    }
    run = subprocess.run(
        [sys.executable, str(script), *argv],
        cwd=tmp_path,
        capture_output=True,
        env=env,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr.decode(errors="replace")
    events: list[list[Any]] = json.loads(Path(f"{script}.events").read_text(encoding="utf-8"))
    return events


@pytest.fixture
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


def _listing(directory: Path) -> dict[str, int]:
    return {
        str(path.relative_to(directory)): path.stat().st_mtime_ns
        for path in sorted(directory.rglob("*"))
    }


def test_library_writes_nothing_and_opens_no_socket(tmp_path: Path, home: Path) -> None:
    events = _watched(tmp_path, home, "library", SAMPLE)
    assert events == []
    assert _listing(home) == {} and _listing(tmp_path) == {}


def test_command_writes_only_its_output(tmp_path: Path, home: Path) -> None:
    (tmp_path / "a.txt").write_text(SAMPLE + "\n", encoding="utf-8")
    (tmp_path / "keep.txt").write_text("untouched\n", encoding="utf-8")
    before = _listing(tmp_path)
    events = _watched(tmp_path, home, "cli", "-o", "out.txt", "a.txt")
    out = str(tmp_path / "out.txt")
    created = [path for event, path, _ in events if event == "tempfile.mkstemp"]
    assert len(created) == 1, events
    temp = created[0]
    assert os.path.dirname(temp) == str(tmp_path)
    assert os.path.basename(temp).startswith(".out.txt.") and temp.endswith(".tmp")
    # os.replace is audited as os.rename; chown is tried, as only root may give a file away
    allowed = {"tempfile.mkstemp", "open-for-writing", "os.chmod", "os.chown", "os.rename"}
    unexpected = [e for e in events if e[0] not in allowed or e[1] != temp]
    assert not unexpected, unexpected
    assert [e[1:] for e in events if e[0] == "os.rename"] == [[temp, out]]
    after = _listing(tmp_path)
    assert {k: v for k, v in after.items() if k != "out.txt"} == before
    assert "out.txt" in after
    assert _listing(home) == {}


def test_in_place_writes_only_its_file(tmp_path: Path, home: Path) -> None:
    (tmp_path / "a.txt").write_text(SAMPLE + "\n", encoding="utf-8")
    (tmp_path / "clean.txt").write_text("sạch\n", encoding="utf-8")
    before = _listing(tmp_path)
    events = _watched(tmp_path, home, "cli", "--in-place", "a.txt", "clean.txt")
    target = str(tmp_path / "a.txt")
    renames = [e[1:] for e in events if e[0] == "os.rename"]
    assert len(renames) == 1 and renames[0][1] == target, events
    # clean.txt needed no change: its temporary file was made, then removed
    for event, path, _ in events:
        assert os.path.dirname(path) == str(tmp_path), (event, path)
        assert os.path.basename(path).startswith((".a.txt.", ".clean.txt.")), (event, path)
        assert path.endswith(".tmp"), (event, path)
    assert [e[0] for e in events if e[1].startswith(str(tmp_path / ".clean.txt."))] == [
        "tempfile.mkstemp",
        "open-for-writing",
        "os.remove",
    ]
    after = _listing(tmp_path)
    assert set(after) == set(before)
    assert after["clean.txt"] == before["clean.txt"]
    assert _listing(home) == {}
