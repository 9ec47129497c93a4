"""Properties of `fix` that hold for any text, checked with hypothesis and by sweeps.

The strategies are in tests/strategies.py; the profile ("ci" by default, "long"
with VNNORM_HYPOTHESIS_PROFILE=long) is in conftest.py.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import strategies
from hypothesis import example, given
from hypothesis import strategies as st
from strategies import damage, nfc

import vnnorm

# ---- any text at all --------------------------------------------------------------


@given(strategies.any_text)
@example("đă ng")
@example("\ud800 đă \udfff")
@example("c\u0323\u0323n ḿnh")
def test_fix_is_idempotent(text: str) -> None:
    once = vnnorm.fix(text)
    assert vnnorm.fix(once) == once


@given(strategies.any_text)
def test_output_is_nfc(text: str) -> None:
    out = vnnorm.fix(text)
    assert nfc(out) == out


@given(strategies.any_text)
def test_fix_equals_explained_text(text: str) -> None:
    assert vnnorm.fix(text) == vnnorm.fix_and_explain(text).text


@given(strategies.any_text)
def test_plan_replays_on_the_input(text: str) -> None:
    explanation = vnnorm.fix_and_explain(text)
    for change in explanation.changes:
        assert 0 <= change.start <= change.end <= len(text)
        assert change.before == text[change.start : change.end], change
    assert vnnorm.apply_plan(text, explanation.changes) == vnnorm.fix(text)


@given(st.one_of(strategies.any_text, strategies.damaged_text()))
def test_doubts_index_the_repaired_text(text: str) -> None:
    explanation = vnnorm.fix_and_explain(text)
    for doubt in explanation.doubts:
        assert explanation.text[doubt.start : doubt.end] == doubt.written, doubt
        assert doubt.considered != doubt.written and doubt.detail["left"]


@given(strategies.non_vietnamese_text)
def test_non_vietnamese_text_is_unchanged(text: str) -> None:
    assert vnnorm.fix(text) == text


# Inputs that have broken text tools: they must come back without an exception.
HOSTILE = {
    "lone surrogates": "\ud800a\udfff đă \udbff\udc00",
    "10^4 marks alone": "\u0301" * 10_000,
    "10^4 marks on a letter": "m" + "\u0301" * 10_000 + "nh",
    "10^4 mixed marks in a word": "c" + "\u0323\u0301\u0300\u0309\u0303" * 2_000 + "n đă",
    "10^5-letter token": "a" * 100_000,
    "10^4 glued lost-vowel syllables": "ḿnh" * 10_000,
    "10^4 short lines": "đă ḿnh rơ\n" * 10_000,
    "NUL and controls": "\x00đă\x85c̣n\x1b[0m\r\n\u2028",
}


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_input_does_not_raise(text: str) -> None:
    out = vnnorm.fix(text)
    assert isinstance(out, str)
    assert nfc(out) == out


def test_long_glued_token_takes_linear_time() -> None:
    """8,000 characters of glued "đă": a linear repair needs milliseconds.

    Kept at this size (not 10^4 syllables) so that a quadratic repair fails in
    seconds instead of holding the suite for minutes.
    """
    text = "đă" * 4_000
    started = time.perf_counter()
    out = vnnorm.fix(text)
    elapsed = time.perf_counter() - started
    assert nfc(out) == out
    assert elapsed < 2.0, f"fix took {elapsed:.1f} s on one 8,000-character token"


@pytest.mark.parametrize("value", [b"\xc4\x91\xc4\x83", bytearray(b"abc")])
def test_bytes_are_refused_with_advice(value: bytes) -> None:
    with pytest.raises(TypeError, match=r"(?i)decode"):
        vnnorm.fix(value)  # type: ignore[arg-type]


# ---- the corpus: clean and damaged Vietnamese ---------------------------------------


@given(sentence=strategies.clean_sentences)
def test_clean_sentence_is_unchanged(shared: Path, sentence: str) -> None:
    out = vnnorm.fix(sentence)
    assert out is sentence or out == sentence


@given(pair=strategies.damaged_sentences())
def test_fix_is_idempotent_on_damaged_sentences(shared: Path, pair: tuple[str, str]) -> None:
    _, damaged = pair
    once = vnnorm.fix(damaged)
    assert vnnorm.fix(once) == once


@given(text=strategies.documents())
def test_fix_is_idempotent_on_documents(shared: Path, text: str) -> None:
    once = vnnorm.fix(text)
    assert vnnorm.fix(once) == once
    assert vnnorm.apply_plan(text, vnnorm.fix_and_explain(text).changes) == once


@given(pair=strategies.damaged_sentences(unambiguous=True))
def test_unambiguous_damage_is_undone(shared: Path, pair: tuple[str, str]) -> None:
    """Damage that only made non-words (judged by word lists vnnorm does not use)."""
    clean, damaged = pair
    assert vnnorm.fix(damaged) == clean


# The same two facts over the whole train split, so that no sentence is left to
# chance: every failure is listed at once.


def test_every_clean_train_sentence_is_unchanged(shared: Path) -> None:
    changed = [s for s in strategies.train_sentences() if vnnorm.fix(s) != s]
    assert not changed, "\n".join(f"{s!r}\n -> {vnnorm.fix(s)!r}" for s in changed)


def test_every_unambiguous_damage_is_undone(shared: Path) -> None:
    sentences = strategies.unambiguous_train_sentences()
    assert len(sentences) > 300  # the definition still selects a real share
    wrong = []
    for clean in sentences:
        for damaged in (damage(clean), nfc(damage(clean))):
            got = vnnorm.fix(damaged)
            if got != clean:
                words = strategies.damaged_words(clean)
                wrong.append(f"{damaged!r}\n  got      {got!r}\n  expected {clean!r}  {words}")
    assert not wrong, f"{len(wrong)} failures:\n" + "\n".join(wrong)


def test_unambiguity_judge_agrees_with_examples(shared: Path) -> None:
    """The judge itself: real-word damage is ambiguous, non-word damage is not."""
    assert strategies.damage_is_unambiguous("Nó đã đi.")  # đă
    assert strategies.damage_is_unambiguous("Còn mình thì sao?")  # c̣n ḿnh th́
    assert not strategies.damage_is_unambiguous("Tôi đã rõ.")  # rơ is a word
    assert not strategies.damage_is_unambiguous("Lý do là đây.")  # Lư is a word
    assert not strategies.damage_is_unambiguous("Trời ơi.")  # nothing damaged


@given(st.text(alphabet="ab .1\n\u00e1\u00c3\u0301\u00ad\u200b\u200d", max_size=60))
def test_words_found_from_invisible_characters_are_those_the_word_search_finds(
    text: str,
) -> None:
    # the removal looks only at the words around invisible characters, not at all words
    from vnnorm.cleanup import _INVISIBLE, _words_holding_invisible
    from vnnorm.tokens import WORD

    every = [(m.start(), m.group()) for m in WORD.finditer(text) if _INVISIBLE.search(m.group())]
    assert [(m.start(), m.group()) for m in _words_holding_invisible(text)] == every
