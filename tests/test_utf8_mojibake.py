"""UTF-8 read as a single-byte code page, where the no-break space of "à" became a space."""

from __future__ import annotations

import pytest

import vnnorm
from vnnorm.families.utf8_mojibake import damage


def _a0_as_space(text: str, code_page: str = "cp1252") -> str:
    return damage(text, code_page).replace("\u00a0", " ")


@pytest.mark.parametrize(
    "sentence",
    [
        "Tôi và anh đoàn kết, làm việc là chính.",  # "à" ends, sits inside, shares a chunk
        "Vậy à? Thì ra là thế.",  # before punctuation
        "Cà phê, Ơn trời, MẠNH, NGỠNGÀNG THƠ",  # capitals whose UTF-8 ends in A0 too
        "Anh ấy là\nbạn tôi và",  # at the end of a line
    ],
)
@pytest.mark.parametrize("code_page", ["cp1252", "cp1258"])
def test_a_space_that_was_a0_is_read_back(sentence: str, code_page: str) -> None:
    damaged = _a0_as_space(sentence, code_page)
    assert "\u00a0" not in damaged
    assert vnnorm.fix(damaged) == sentence


@pytest.mark.parametrize(
    "text",
    [
        "Hà Nội lÃ  thủ đô",  # no real sequence on the line: a lone "Ã " is not believed
        "SÃO PAULO  x",
        "NÃO Ã  TÃ  x",
    ],
)
def test_a_lone_lead_and_space_is_left(text: str) -> None:
    assert vnnorm.fix(text) == text


def test_a_dropped_control_byte_is_not_taken_for_a0() -> None:
    # "bỏ" is E1 BB 8F; with the undefined 8F dropped, "bá»" stands before a
    # space, and reading that space as A0 would give "bỠ"
    assert vnnorm.fix("ngÆ°á»i bá» Ä\u2018i") == "ngưá»i bá» đi"
