"""A document's lines are decided as they are read (decide.Document): each
once the window after it is read, so a long text holds one window at a time."""

from __future__ import annotations

import pytest

import vnnorm
from vnnorm.families.latin1_cp1258 import TUNING
from vnnorm.families.latin1_cp1258.decide import Document, Repairer
from vnnorm.families.latin1_cp1258.lines import observe, words_of
from vnnorm.model import load_model

_LINES = ["Nga đă gửi thêm thiết bị."] + ["Trời hôm nay rất đẹp."] * 5 + ["Em đă đi học."]


def _document(window: int) -> tuple[Document, Repairer]:
    repairer = Repairer(load_model(), TUNING, window)
    return Document(repairer, len(_LINES), _LINES.__getitem__), repairer


def _read(document: Document, repairer: Repairer, i: int) -> list[tuple[int, list[str]]]:
    facts = observe(_LINES[i], words_of(_LINES[i]))
    decided = document.add(i, facts, repairer.choose(facts))
    return [(line, [d.after for d in decisions]) for line, decisions in decided]


@pytest.mark.parametrize("window", [0, 2])
def test_a_line_waits_for_the_window_after_it(window: int) -> None:
    document, repairer = _document(window)
    assert _read(document, repairer, 0) == []
    # line 6 is beyond line 0's window (lines 1-2 at most), which has no candidates
    assert _read(document, repairer, 6) == [(0, ["đã"])]
    assert [(i, [d.after for d in ds]) for i, ds in document.finish()] == [(6, ["đã"])]


def test_a_line_within_the_window_keeps_it_waiting() -> None:
    document, repairer = _document(window=6)
    assert _read(document, repairer, 0) == []
    assert _read(document, repairer, 6) == []  # line 6 is within line 0's window
    finished = [(i, [d.after for d in ds]) for i, ds in document.finish()]
    assert finished == [(0, ["đã"]), (6, ["đã"])]


def test_with_no_window_each_line_is_decided_alone() -> None:
    text = "Nga đă gửi thêm thiết bị.\nEm đă đi học.\nCuối tuần, cả nhà đă về ngơ cũ."
    fixed = vnnorm.fix(text, vnnorm.Config(evidence_window=0))
    assert fixed == text.replace("đă", "đã")
