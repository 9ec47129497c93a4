"""`vnnorm.decode`: bytes of unknown encoding to repaired text; `--from-encoding`.

Every encoding round-trips on corpus sentences; clean UTF-8 decodes to what
`fix` makes of it; BOMs, UTF-16 without one, mixed UTF-8 and legacy lines,
empty and ASCII input; and the command line reading other encodings.
"""

from __future__ import annotations

import codecs
import functools
import io
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import nfc, train_sentences

import vnnorm
from vnnorm import cli_encoding
from vnnorm.cli import main
from vnnorm.decoding import MIXED, decode_and_explain, detect, encode_cp1258, vietnamese_score
from vnnorm.plan import apply_plan

SENTENCES = [
    "Việt Nam là một quốc gia nằm ở phía đông bán đảo Đông Dương.",
    "Hà Nội là thủ đô, còn Thành phố Hồ Chí Minh là thành phố lớn nhất.",
    "Người dân ở đây trồng lúa nước, chăn nuôi và đánh bắt cá.",
]
TEXT = "\n".join(SENTENCES) + "\n"


def _utf16_le(text: str) -> bytes:
    return text.encode("utf-16-le")


ENCODERS: dict[str, Callable[[str], bytes]] = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-sig": lambda t: t.encode("utf-8-sig"),
    "utf-16": lambda t: t.encode("utf-16"),
    "utf-16-be": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "utf-32": lambda t: t.encode("utf-32"),
    "cp1258": encode_cp1258,
    "tcvn3": lambda t: t.encode("tcvn3"),
    "vni": lambda t: t.encode("vni"),
    "viscii": lambda t: t.encode("viscii"),
}
DETECTED = {"utf-16-be": "utf-16"}


@pytest.mark.parametrize("encoding", list(ENCODERS))
def test_each_encoding_is_detected_and_decoded(encoding: str) -> None:
    data = ENCODERS[encoding](TEXT)
    result = decode_and_explain(data)
    assert result.encoding == DETECTED.get(encoding, encoding)
    assert result.text == TEXT
    assert vnnorm.decode(data) == TEXT


def test_scores_say_why() -> None:
    result = decode_and_explain(TEXT.encode("vni"))
    names = [name for name, _ in result.scores]
    assert names[0] == "vni" and set(names) >= {"cp1252", "cp1258", "tcvn3", "viscii", MIXED}
    assert result.scores[0][1] > result.scores[1][1]
    assert decode_and_explain(TEXT.encode("utf-8")).scores == ()


def test_explanation_replays_on_the_decoded_text() -> None:
    data = "Nga đă gửi thêm thiết bị, chưa rơ số lượng.".encode()
    result = decode_and_explain(data)
    assert result.encoding == "utf-8"
    assert result.decoded == data.decode("utf-8")
    assert result.text == "Nga đã gửi thêm thiết bị, chưa rõ số lượng."
    assert apply_plan(result.decoded, result.changes) == result.text


def test_empty_and_ascii() -> None:
    assert decode_and_explain(b"").encoding == "ascii"
    assert vnnorm.decode(b"") == ""
    assert decode_and_explain(b"Hello, world\n").encoding == "ascii"
    assert vnnorm.decode(b"Hello, world\n") == "Hello, world\n"
    assert vnnorm.decode(b"vn:Vie^.t Nam", vnnorm.Config(viqr=True)) == "vn:Việt Nam"


@pytest.mark.parametrize("value", ["Việt Nam", None, 3, ["x"]])
def test_only_bytes(value: Any) -> None:
    with pytest.raises(TypeError, match="bytes") as caught:
        vnnorm.decode(value)
    if isinstance(value, str):
        assert "vnnorm.fix" in str(caught.value)


def test_bytearray_and_memoryview() -> None:
    data = TEXT.encode("tcvn3")
    assert vnnorm.decode(bytearray(data)) == vnnorm.decode(memoryview(data)) == TEXT


def test_utf16_without_bom() -> None:
    assert detect(TEXT.encode("utf-16-le")).encoding == "utf-16-le"
    assert vnnorm.decode(TEXT.encode("utf-16-be")) == TEXT


def test_legacy_lines_in_a_utf8_file() -> None:
    data = b"".join(
        [
            "# Báo cáo\n".encode(),
            "mét sè chØ tiªu l©m nghiÖp\n".encode("cp1252"),  # TCVN3 bytes pasted in
            "Trưởng nhóm: Nguyễn Văn An\n".encode(),
        ]
    )
    result = decode_and_explain(data)
    assert result.encoding == MIXED
    assert result.text == "# Báo cáo\nmột số chỉ tiêu lâm nghiệp\nTrưởng nhóm: Nguyễn Văn An\n"


def test_western_text_falls_back_to_cp1252() -> None:
    text = "Ça va très bien, merci. À bientôt, señor Müller!"
    assert decode_and_explain(text.encode("cp1252")).encoding == "cp1252"
    assert vnnorm.decode(text.encode("cp1252")) == text


def test_cp1258_text_damaged_before_encoding_is_repaired_too() -> None:
    # Latin-1 text read as cp1258, then saved as cp1258: decode, then repair
    assert vnnorm.decode(encode_cp1258("Nga đă gửi thêm thiết bị")) == "Nga đã gửi thêm thiết bị"


def test_score_prefers_vietnamese() -> None:
    assert vietnamese_score("Việt Nam") > vietnamese_score("ViÖt Nam")
    assert vietnamese_score("Việt") > vietnamese_score("Vi\ufffdt")


@pytest.mark.parametrize("encoding", list(ENCODERS))
@given(data=st.data())
def test_round_trip_on_corpus(shared: Path, encoding: str, data: Any) -> None:
    """Documents of clean train sentences the encoding can hold come back exactly."""
    sentences = data.draw(st.lists(st.sampled_from(_holdable(encoding)), min_size=3, max_size=6))
    text = "\n".join(sentences)
    assert vnnorm.decode(ENCODERS[encoding](text)) == text


@functools.cache
def _holdable(encoding: str) -> list[str]:
    return [s for s in train_sentences() if vnnorm.fix(s) == s and _holds(encoding, s)]


def _holds(encoding: str, text: str) -> bool:
    try:
        ENCODERS[encoding](text)
    except UnicodeEncodeError:
        return False
    return True


@given(st.text())
def test_clean_utf8_decodes_to_its_fix(text: str) -> None:
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return  # lone surrogates have no UTF-8
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return  # U+FEFF U+0000 is a UTF-32 mark; not text anyone writes
    assert vnnorm.decode(data) == vnnorm.fix(text)


@given(st.sampled_from(SENTENCES) | st.text(max_size=40))
def test_output_is_nfc_and_a_fixed_point(text: str) -> None:
    for encoding in ("cp1258", "vni"):
        try:
            data = encode_cp1258(text) if encoding == "cp1258" else text.encode(encoding)
        except UnicodeEncodeError:
            continue
        out = vnnorm.decode(data)
        assert nfc(out) == out
        assert vnnorm.fix(out) == out


# ---- the command line ----------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    status: int
    out: bytes
    err: str


@pytest.fixture
def cli_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., Run]:
    """Run `main` in tmp_path with `stdin` as standard input; collect what it writes."""
    monkeypatch.chdir(tmp_path)

    def run(*argv: str | Path, stdin: bytes = b"") -> Run:
        out, err = io.BytesIO(), io.StringIO()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out, "utf-8", write_through=True))
        monkeypatch.setattr(sys, "stderr", err)
        status = main([os.fspath(arg) for arg in argv])
        return Run(status, out.getvalue(), err.getvalue())

    return run


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viscii", "cp1258", "utf-16", "utf-8-sig"])
def test_from_encoding(cli_run: Callable[..., Run], encoding: str) -> None:
    data = ENCODERS[encoding](TEXT)
    run = cli_run("--from-encoding", encoding, stdin=data)
    assert (run.status, run.err) == (0, "")
    assert run.out.decode("utf-8") == TEXT


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viscii", "cp1258", "utf-16", "utf-8"])
def test_from_encoding_auto(cli_run: Callable[..., Run], encoding: str) -> None:
    run = cli_run("--from-encoding", "auto", stdin=ENCODERS[encoding](TEXT))
    assert (run.status, run.out.decode("utf-8"), run.err) == (0, TEXT, "")


def test_auto_decides_from_a_prefix_then_streams(
    cli_run: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_encoding, "AUTO_PREFIX", 64)
    text = TEXT * 50
    run = cli_run("--from-encoding", "auto", stdin=text.encode("vni"))
    assert (run.status, run.out.decode("utf-8")) == (0, text)


def test_auto_reads_utf8_as_before(cli_run: Callable[..., Run]) -> None:
    data = "Nga đă gửi thêm thiết bị.\n".encode()
    assert cli_run("--from-encoding", "auto", stdin=data) == cli_run(stdin=data)
    bad = b"ok\n\xff\n"
    assert cli_run("--from-encoding", "utf-8", stdin=bad) == cli_run(stdin=bad)


def test_auto_with_legacy_lines_in_utf8(cli_run: Callable[..., Run]) -> None:
    data = "Tiêu đề\n".encode() + "ViÖt Nam Hµ Néi\n".encode("cp1252")
    run = cli_run("--from-encoding", "auto", stdin=data)
    assert run.out.decode("utf-8") == "Tiêu đề\nViệt Nam Hà Nội\n"


def test_auto_with_legacy_lines_counts_lines_at_newlines_only(cli_run: Callable[..., Run]) -> None:
    """A "\r" or form feed inside a line is text there too, as in UTF-8 input."""
    data = "Tiêu đề\r1\x0c2\n".encode() + "ViÖt Nam Hµ Néi\n".encode("cp1252")
    run = cli_run("--from-encoding", "auto", "--check", stdin=data)
    assert run.out.decode("utf-8").startswith("<stdin>:2:1: ")


def test_unknown_encoding_is_a_usage_error(cli_run: Callable[..., Run]) -> None:
    run = cli_run("--from-encoding", "klingon", stdin=b"x")
    assert run.status == 2 and "unknown encoding 'klingon'" in run.err
    run = cli_run("--from-encoding", "rot13", stdin=b"x")
    assert run.status == 2 and "not a text encoding" in run.err


def test_undecodable_bytes(cli_run: Callable[..., Run]) -> None:
    data = b"one\ntwo \xe4\n"  # VNI: a mark byte with no letter before it
    run = cli_run("--from-encoding", "vni", stdin=data)
    assert run.status == 2
    assert run.err == "vnnorm: <stdin>:2: cannot decode as vni at byte 8 (0xe4)\n"
    run = cli_run("--from-encoding", "vni", "--errors", "replace", stdin=data)
    assert (run.status, run.out) == (0, "one\ntwo \ufffd\n".encode())


def test_nul_is_refused_unless_utf16(cli_run: Callable[..., Run]) -> None:
    run = cli_run("--from-encoding", "tcvn3", stdin=b"a\0b\n")
    assert run.status == 2 and "binary" in run.err
    run = cli_run("--from-encoding", "utf-16-le", stdin="ab\n".encode("utf-16-le"))
    assert (run.status, run.out) == (0, b"ab\n")


def test_transcoding_counts_as_a_change(cli_run: Callable[..., Run], tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(TEXT.encode("vni"))
    assert cli_run("--check", "--from-encoding", "vni", path).status == 1
    assert cli_run("--in-place", "--from-encoding", "vni", path).status == 0
    assert path.read_bytes() == TEXT.encode("utf-8")
    ascii_file = tmp_path / "plain.txt"
    ascii_file.write_bytes(b"plain text\n")
    assert cli_run("--check", "--from-encoding", "tcvn3", ascii_file).status == 0
