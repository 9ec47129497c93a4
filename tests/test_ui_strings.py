"""Short strings of user interfaces and code, where real damage is found
(shared/real-cases is mostly such), through each damage family.

tests/cases/ui_strings.txt holds labels, messages and code comments written for
these tests; each is the clean text its damaged forms must come back to. Each is
repaired alone, set in a line of code or markup as it is found there, and all
of them together as one file. A few are left as they came, as the README's
limits say, and run as strict xfails: one that starts passing is noticed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from strategies import as_far_as_the_bytes_go

import vnnorm
from vnnorm.chardata import DAMAGE_LATIN1_AS_CP1258
from vnnorm.families.legacy_fonts import damage as legacy_read_as
from vnnorm.families.lookalikes import damage as pdf_extracted
from vnnorm.families.lossy_cp1252 import damage as save_as_cp1252
from vnnorm.families.utf8_mojibake import damage as utf8_read_as

STRINGS = (Path(__file__).parent / "cases" / "ui_strings.txt").read_text("utf-8").splitlines()

# How the strings stand in files: in code, markup, data and comments.
SETTINGS = (
    'print("{}")',
    "// {}",
    "<td>{}</td>",
    '{{"label": "{}"}}',
    "    msg = '{}';",
    "# {}",
    '<option value="1">{}</option>',
    'throw new Exception("{}");',
)

FAMILIES: dict[str, Callable[[str], str]] = {
    "latin1-as-cp1258": lambda text: text.translate(DAMAGE_LATIN1_AS_CP1258),
    "utf8-as-cp1252": lambda text: utf8_read_as(text, "cp1252"),
    "utf8-as-cp1258": lambda text: utf8_read_as(text, "cp1258"),
    "utf8-as-cp1252, C1 lost": lambda text: utf8_read_as(text, "cp1252", lost=""),
    "tcvn3-as-cp1252": lambda text: legacy_read_as(text, "tcvn3"),
    "vni-as-cp1252": lambda text: legacy_read_as(text, "vni"),
    "pdf-oi-for-u-horn": pdf_extracted,
}

# Left as they came, and why (README, Limitations).
LEFT = {
    ("utf8-as-cp1252, C1 lost", "Đang tải dữ liệu, vui lòng chờ"): (
        "'chá»' at the end of a line: chờ, chỏ, chề are too close to call"
    ),
    ("utf8-as-cp1252, C1 lost", "Thêm vào giỏ hàng"): (
        "'giá» hàng': the Wikipedia bigrams lean to 'giờ', by less than e^4"
    ),
    ("tcvn3-as-cp1252", "Từ chối"): (
        "'Tõ chèi' holds no letter clean Vietnamese does not use: two words say too little"
    ),
    ("vni-as-cp1252", "Quốc tịch"): (
        "'Quoác tòch' holds no letter clean Vietnamese does not use: two words say too little"
    ),
}


def _set(index: int, text: str) -> str:
    return SETTINGS[index % len(SETTINGS)].format(text)


def _params() -> list[Any]:
    params = []
    for family, damage in FAMILIES.items():
        for index, text in enumerate(STRINGS):
            if damage(text) == text:
                continue  # nothing this damage changes
            reason = LEFT.get((family, text))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            params.append(pytest.param(family, index, id=f"{family}:{text}", marks=marks))
    return params


@pytest.mark.parametrize(("family", "index"), _params())
def test_a_damaged_string_in_its_setting_is_repaired(family: str, index: int) -> None:
    clean = _set(index, STRINGS[index])
    damaged = _set(index, FAMILIES[family](STRINGS[index]))
    assert vnnorm.fix(damaged) == clean


@pytest.mark.parametrize("family", list(FAMILIES))
def test_the_damaged_strings_as_one_file_are_repaired_but_those_left(family: str) -> None:
    damage = FAMILIES[family]
    clean = [_set(i, text) for i, text in enumerate(STRINGS)]
    damaged = [_set(i, damage(text)) for i, text in enumerate(STRINGS)]
    fixed = vnnorm.fix("\n".join(damaged)).split("\n")
    wrong = [
        (line, want)
        for line, want, text in zip(fixed, clean, STRINGS, strict=True)
        if line != want and (family, text) not in LEFT
    ]
    assert not wrong


def test_the_clean_strings_are_unchanged_alone_and_as_one_file() -> None:
    settled = [_set(i, text) for i, text in enumerate(STRINGS)]
    assert [vnnorm.fix(line) for line in settled] == settled
    assert vnnorm.fix("\n".join(settled)) == "\n".join(settled)


SAVED_IN_CP1252 = "saved-in-cp1252"
# A guess that reads another word, and why.
LEFT[SAVED_IN_CP1252, "Hàm này trả về danh sách người dùng đã kích hoạt"] = (
    "'tr? v?' is read 'trở về' (come back), which Wikipedia says far more often"
    " than the 'trả về' (returns) of code"
)


def _saved_params() -> list[Any]:
    params = []
    for index, text in enumerate(STRINGS):
        reason = LEFT.get((SAVED_IN_CP1252, text))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(index, id=text, marks=marks))
    return params


def _owed(fixed: str, text: str) -> bool:
    """Is every word of `fixed` the word of `text`, or what is left of it where
    cp1252 lost a letter ("?", a best-fit letter)?"""
    words, wanted = fixed.split(), text.split()
    return len(words) == len(wanted) and all(map(as_far_as_the_bytes_go, words, wanted))


@pytest.mark.parametrize("index", _saved_params())
def test_a_string_saved_in_cp1252_comes_back_as_far_as_its_bytes_go(index: int) -> None:
    """Lost letters may stay "?" and best-fit ones as written; no word may
    become another."""
    assert _owed(vnnorm.fix(save_as_cp1252(STRINGS[index])), STRINGS[index])


def test_the_strings_saved_in_cp1252_as_one_file_come_back_as_far_as_their_bytes_go() -> None:
    saved = "\n".join(save_as_cp1252(text) for text in STRINGS)
    wrong = [
        (fixed, text)
        for fixed, text in zip(vnnorm.fix(saved).split("\n"), STRINGS, strict=True)
        if not _owed(fixed, text) and (SAVED_IN_CP1252, text) not in LEFT
    ]
    assert not wrong
