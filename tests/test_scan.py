"""`vnnorm scan`: an audit that changes nothing and reports what a repair would do."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from vnnorm import scan

DAMAGED = "Nga đă gửi thêm thiết bị. Chưa rơ số lượng.\nTh\u0301 m\u0301nh c\u0323n.\n"
CLEAN = "Nga đã gửi thêm thiết bị, ông Lavrov nói.\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(DAMAGED, encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = scan.main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_table_names_files_families_and_worst_documents(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {p: p.read_bytes() for p in corpus.rglob("*.txt")}
    status, out, err = _run([str(corpus)], capsys)
    assert status == 0 and err == ""
    a_row = next(line for line in out.splitlines() if line.startswith(str(corpus / "a.txt")))
    assert "latin1_as_cp1258 5" in a_row
    assert "worst documents:" in out and str(corpus / "sub" / "b.txt") not in out.split("worst")[1]
    assert {p: p.read_bytes() for p in corpus.rglob("*.txt")} == before  # nothing changed


def test_json_report(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run([str(corpus), "--json"], capsys)
    report = json.loads(out)
    assert status == 0
    assert report["total"]["changed_words"] == 5
    files = {Path(f["path"]).name: f for f in report["files"]}
    assert files["a.txt"]["families"] == {"latin1_as_cp1258": 5}
    assert files["b.txt"]["changed_words"] == 0
    assert [Path(w["document"]).name for w in report["worst"]] == ["a.txt"]


def test_jsonl_documents_are_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "data.jsonl"
    records = [{"id": 1, "text": "chào bạn"}, {"id": 2, "text": "Nga đă gửi, chưa rơ"}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    status, out, _ = _run([str(path), "--jsonl", "--field", "text", "--json"], capsys)
    report = json.loads(out)
    assert status == 0
    assert [w["document"] for w in report["worst"]] == [f"{path}:2"]


def test_unreadable_file_is_reported_and_the_rest_scanned(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus / "binary.dat").write_bytes(b"\x00\x01\x02")
    status, out, err = _run([str(corpus)], capsys)
    assert status == 2
    assert "binary.dat: looks like a binary file" in err
    assert "latin1_as_cp1258" in out


def test_usage_errors(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run([str(corpus), "--jsonl"], capsys)[0] == 2
    assert _run([], capsys)[0] == 2


def test_progress_only_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    quiet, loud = io.StringIO(), Terminal()
    for out in (quiet, loud):
        progress = scan.Progress(out)
        progress.show(3, 2_000_000)
        progress.done()
    assert quiet.getvalue() == ""
    assert "scan: 3 files, 2.0 MB" in loud.getvalue()
