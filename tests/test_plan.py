"""Plans: replaying changes, and folding one fixer's changes into another's."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vnnorm
from vnnorm.plan import Change, PlanMismatchError, _composed_touching, apply_plan, compose


@st.composite
def plans(draw: st.DrawFn, text: str, cuts_at_most: int = 8) -> list[Change]:
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=cuts_at_most)))
    changes: list[Change] = []
    position = 0
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        if start >= position:
            after = draw(st.text("xyzXYZ", max_size=3))
            changes.append(Change(start, end, text[start:end], after, f"r{start}"))
            position = end
    return changes


@given(st.data())
def test_compose_equals_applying_one_plan_after_the_other(data: st.DataObject) -> None:
    text = data.draw(st.text("abcdefg", max_size=14))
    first = data.draw(plans(text))
    middle = apply_plan(text, first)
    second = data.draw(plans(middle))
    composed = compose(text, first, second)
    assert apply_plan(text, composed) == apply_plan(middle, second)
    assert all(a.end <= b.start for a, b in itertools.pairwise(composed))
    assert all(text[c.start : c.end] == c.before for c in composed)


@given(st.data())
def test_compose_weighs_together_only_changes_that_touch(data: st.DataObject) -> None:
    """Placing the changes that touch nothing as they are gives what weighing
    every change together gives (`_composed_touching` over all of them)."""
    text = data.draw(st.text("abcdefg", max_size=60))
    first = data.draw(plans(text, cuts_at_most=40))
    second = data.draw(plans(apply_plan(text, first), cuts_at_most=40))
    assert compose(text, first, second) == _composed_touching(text, first, second, 0)


def test_overlapping_changes_merge_their_rules() -> None:
    text = "ab\u00adc"
    first = [Change(0, 4, "ab\u00adc", "abc", "invisible")]
    second = [Change(1, 2, "b", "B", "other")]
    (merged,) = compose(text, first, second)
    assert (merged.start, merged.end, merged.after, merged.rule) == (0, 4, "aBc", "invisible+other")


def test_apply_plan_refuses_a_plan_for_other_text() -> None:
    plan = vnnorm.fix_and_explain("Nga đă gửi").changes
    with pytest.raises(PlanMismatchError):
        apply_plan("Nga đã gửi", plan)


def test_replay_gives_the_repair() -> None:
    text = "Th\u0301 m\u0301nh c\u0323n đă rơ, chưa rơ."
    explanation = vnnorm.fix_and_explain(text)
    assert apply_plan(text, explanation.changes) == explanation.text == vnnorm.fix(text)
