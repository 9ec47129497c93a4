"""Golden tests: real damaged and clean text with hand-made expected repairs.

Two sources:
- shared/real-cases/ (read at test time, never copied here): the damaged cases,
  repaired exactly, but for text saved in cp1252, where only what its bytes
  determine is owed (the legacy font kinds are in test_legacy_fonts.py); and
  every clean case, which must come back byte for byte;
- tests/cases/in_the_wild.jsonl: real lines from Wikipedia and tokens from
  subtitles, labelled by hand (see tests/cases/README.md), each tested alone and,
  for Wikipedia, with the other lines of its article as one document;
- tests/cases/other_languages.txt: lines of other languages, measurements and
  code, which must come back unchanged alone, together, and among Vietnamese.

A case that cannot come out right is listed in tests/cases/known_failures.json
with the reason and runs as a strict xfail, so fixing it is noticed.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from strategies import as_far_as_the_bytes_go, nfc, shared_path

import vnnorm

CASES = Path(__file__).parent / "cases"

# Kinds in real-cases/damaged.jsonl that `fix` repairs exactly here. The legacy
# font kinds are tested with their family (test_legacy_fonts.py).
OWN_KINDS = frozenset(
    {
        "latin1-as-cp1258",
        "trap-typo-not-encoding",
        "tone-placement-old-style",
        "utf8-as-cp1252",
        "utf8-as-cp1258",
        "pdf-oi-for-u-horn",
    }
)
# Text saved in cp1252 lost letters to "?" and best-fit ones (đ→d): a repair owes
# the letters its bytes still show, and may leave the lost ones.
LOSSY_KINDS = frozenset({"cp1252-lossy-then-cp1258"})
LEGACY_FONT_KINDS = frozenset({"tcvn3-as-cp1252", "vni-as-cp1252", "viqr"})

# What a parametrised test gets when shared/ is missing: it then asks for the
# `shared` fixture, which skips with a message that says what to do.
MISSING = "shared-material-missing"


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as error:
                    raise ValueError(f"{path}:{number}: {error}") from error


@functools.cache
def known_failures() -> dict[str, str]:
    with (CASES / "known_failures.json").open(encoding="utf-8") as file:
        failures: dict[str, str] = json.load(file)
    return failures


@functools.cache
def real_cases(name: str, root: Path) -> dict[str, dict[str, Any]]:
    return {case["id"]: case for case in _read_jsonl(root / "real-cases" / name)}


@functools.cache
def wild_cases() -> dict[str, dict[str, Any]]:
    return {case["id"]: case for case in _read_jsonl(CASES / "in_the_wild.jsonl")}


def wild_documents() -> dict[str, list[dict[str, Any]]]:
    """Wikipedia lines grouped by article, in file order."""
    documents: dict[str, list[dict[str, Any]]] = {}
    for case in wild_cases().values():
        if case["id"].startswith("viwiki-"):
            documents.setdefault(case["source"], []).append(case)
    return documents


def _params(ids: list[str]) -> list[Any]:
    """Ids as pytest params, known failures marked as strict xfails."""
    failures = known_failures()
    params = []
    for case_id in ids:
        reason = failures.get(case_id)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(case_id, id=case_id, marks=marks))
    return params


def _real_ids(name: str, kinds: frozenset[str] | None) -> list[Any]:
    root = shared_path()
    if not (root / "real-cases" / name).is_file():
        return [MISSING]
    return _params(
        [
            case_id
            for case_id, case in real_cases(name, root).items()
            if kinds is None or case["kind"] in kinds
        ]
    )


def _show(text: str) -> str:
    """A readable form for assertion messages: the text and its escaped code points."""
    return f"{text!r} = {text.encode('unicode_escape').decode('ascii')}"


# ---- shared/real-cases -----------------------------------------------------------


@pytest.mark.parametrize("case_id", _real_ids("damaged.jsonl", OWN_KINDS))
def test_damaged_case_is_repaired(shared: Path, case_id: str) -> None:
    case = real_cases("damaged.jsonl", shared)[case_id]
    got = vnnorm.fix(case["raw"])
    assert got == case["expected"], f"{case_id} ({case['note']})\n got {_show(got)}"


@pytest.mark.parametrize("case_id", _real_ids("clean.jsonl", None))
def test_clean_case_is_unchanged(shared: Path, case_id: str) -> None:
    raw = real_cases("clean.jsonl", shared)[case_id]["raw"]
    got = vnnorm.fix(raw)
    assert got == raw, f"{case_id}: clean text changed\n got {_show(got)}"


@pytest.mark.parametrize("case_id", _real_ids("damaged.jsonl", LOSSY_KINDS))
def test_lossy_case_is_repaired_as_far_as_its_bytes_go(shared: Path, case_id: str) -> None:
    """Each word comes back as expected, or with only what the bytes lost left
    unfilled: a "?" still standing for a letter, a best-fit letter ("dã" for
    "đã", "an" for "ăn"). Never another word."""
    case = real_cases("damaged.jsonl", shared)[case_id]
    got = vnnorm.fix(case["raw"])
    expected = case["expected"].split()
    words = got.split()
    assert len(words) == len(expected), f"{case_id}\n got {_show(got)}"
    wrong = [
        (word, want)
        for word, want in zip(words, expected, strict=True)
        if not as_far_as_the_bytes_go(word, want)
    ]
    assert not wrong, f"{case_id} ({case['note']}): {wrong}\n got {_show(got)}"


@pytest.mark.parametrize(
    ("word", "expected", "owed"),
    [
        ("nếu", "nếu", True),
        ("n?u", "nếu", True),  # left unfilled
        ("dã", "đã", True),  # the best-fit d left, the ã the bytes show read back
        ("an", "ăn", True),
        ("nấu", "nếu", False),  # a wrong guess
        ("dă", "đã", False),  # a letter the bytes show (ă: the bytes of ã) not read back
        ("c̣n", "còn", False),
    ],
)
def test_what_a_lossy_case_is_owed(word: str, expected: str, owed: bool) -> None:
    assert as_far_as_the_bytes_go(word, expected) is owed


def test_every_kind_is_tested(shared: Path) -> None:
    kinds = {case["kind"] for case in real_cases("damaged.jsonl", shared).values()}
    assert kinds >= OWN_KINDS | LOSSY_KINDS
    untested = kinds - OWN_KINDS - LOSSY_KINDS - LEGACY_FONT_KINDS
    assert not untested, f"real cases of kinds no test reads: {sorted(untested)}"


# ---- tests/cases/in_the_wild.jsonl -----------------------------------------------


@pytest.mark.parametrize("case_id", _params(list(wild_cases())))
def test_wild_line(case_id: str) -> None:
    case = wild_cases()[case_id]
    got = vnnorm.fix(case["original"])
    assert got == case["expected"], f"{case_id}: {case['comment']}\n got {_show(got)}"


@pytest.mark.parametrize("document", _params([f"doc:{source}" for source in wild_documents()]))
def test_wild_document(document: str) -> None:
    """The lines of one article joined: evidence from the other lines must not mislead."""
    lines = wild_documents()[document.removeprefix("doc:")]
    original = "\n".join(case["original"] for case in lines)
    expected = "\n".join(case["expected"] for case in lines)
    got = vnnorm.fix(original)
    wrong = [
        f"{case['id']}: {case['comment']}\n got {_show(line)}"
        for case, line in zip(lines, got.split("\n"), strict=False)
        if line != case["expected"]
    ]
    assert got == expected, "\n".join(wrong) or f"got {_show(got)}"


# ---- tests/cases/other_languages.txt -------------------------------------------------


def _case_lines(name: str) -> list[str]:
    return (CASES / name).read_text(encoding="utf-8").splitlines()


OTHER_LANGUAGES = _case_lines("other_languages.txt")


@pytest.mark.parametrize("line", OTHER_LANGUAGES)
def test_a_line_of_another_language_is_unchanged(line: str) -> None:
    assert vnnorm.fix(line) == line


def test_other_languages_among_vietnamese_lines_are_unchanged() -> None:
    """A multilingual document: the Vietnamese lines around a foreign one are a
    sign of Vietnamese, which must not make its words read as damage."""
    vietnamese = _case_lines("vietnamese_beside_them.txt")
    mixed = []
    for i, line in enumerate(OTHER_LANGUAGES):
        mixed += [line, vietnamese[i % len(vietnamese)]] if i % 4 == 3 else [line]
    document = "\n".join(mixed)
    assert vnnorm.fix(document) == document
    assert vnnorm.fix("\n".join(OTHER_LANGUAGES)) == "\n".join(OTHER_LANGUAGES)


# ---- the case files themselves -----------------------------------------------------


def test_wild_cases_are_well_formed() -> None:
    for case_id, case in wild_cases().items():
        assert set(case) == {"id", "original", "expected", "comment", "source"}, case_id
        assert case["comment"] and case["source"], case_id
        assert nfc(case["expected"]) == case["expected"], f"{case_id}: expected is not NFC"


def test_known_failures_name_existing_cases(shared: Path) -> None:
    damaged = real_cases("damaged.jsonl", shared)
    known = (
        {i for i, case in damaged.items() if case["kind"] in OWN_KINDS | LOSSY_KINDS}
        | set(real_cases("clean.jsonl", shared))
        | set(wild_cases())
        | {f"doc:{source}" for source in wild_documents()}
    )
    stale = set(known_failures()) - known
    assert not stale, f"known_failures.json names cases that do not exist: {sorted(stale)}"
    assert all(reason.strip() for reason in known_failures().values())
