"""The Latin-1/cp1258 repair skips a line whose every suspect word its neighbours
confirm ("văn hóa", "cơ sở"): the shortcut must decide as reading the line would."""

from __future__ import annotations

from pathlib import Path

import pytest
import strategies
from hypothesis import given
from hypothesis import strategies as st

import vnnorm
from vnnorm import tokens
from vnnorm.families.latin1_cp1258 import lines
from vnnorm.tokens import LEFT_NEIGHBOUR


def _texts() -> list[str]:
    sentences = list(strategies.train_sentences()[:1500])
    damaged = [strategies.damage(s) for s in sentences]
    # clean and damaged lines side by side, so a clean line's neighbours testify
    mixed = [s if i % 3 else d for i, (s, d) in enumerate(zip(sentences, damaged, strict=True))]
    documents = ["\n".join(mixed[i : i + 20]) for i in range(0, len(mixed), 20)]
    return sentences + damaged + documents


def test_the_shortcut_for_confirmed_words_changes_no_result(
    shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = _texts()
    shortcut = [vnnorm.fix_and_explain(text) for text in texts]
    monkeypatch.setattr(lines, "_neighbours_confirm", lambda *args: False)
    assert [vnnorm.fix_and_explain(text) for text in texts] == shortcut


_WORD_EDGES = "aAgGqQđĐâÂôÔ ăĂơƠưƯ_1-ờịỊúÚ\n"


@given(st.text(alphabet=_WORD_EDGES, max_size=40))
def test_words_found_from_their_horns_are_the_words_the_pattern_finds(text: str) -> None:
    # the search starts at each ă ơ ư to skip the rest of the text faster
    found = [(m.start(), m.group()) for m in lines._horn_words(text)]
    assert found == [(m.start(), m.group()) for m in lines._HORN_WORD.finditer(text)]


# letters of every kind the spots look for, and of none: a spot's own letters,
# decomposed ones, marks after g, q and vowels, and clean Vietnamese
_SPOT_LETTERS = "gGqQiIuUaAoOnhc đĂăƠơƯưâê\u0300\u0301\u0303\u0309\u0323\u0306\u031bịỊúÚḿṇạờ"


@given(st.text(alphabet=_SPOT_LETTERS, max_size=12))
def test_a_token_no_search_finds_a_spot_letter_in_is_no_spot(token: str) -> None:
    # may_touch rules most tokens out with one search for the letters every
    # spot needs; a spot found without one would be a repair left undone
    assert lines.may_touch(token) == lines.spotted(token)


@pytest.mark.parametrize(
    "token",
    ["đă", "ḿnh", "Ḿnh", "c\u0323n", "nh\u0301n", "gịn", "qúa", "đa\u0306", "mo\u031bi"],
)
def test_each_kind_of_spot_letter_lets_its_token_through(token: str) -> None:
    # ă ơ ư, a marked consonant, a stranded mark, ị after g, ú after q, a
    # decomposed breve or horn: each alone makes its token a spot
    assert lines.spotted(token)
    assert lines.may_touch(token)


_PIECES = st.sampled_from([*"ab1 -\t\u00a0.,\u0103\u1ea1", "xin", "12", "  "])
_NEAR_A_WORD = st.lists(_PIECES, max_size=20).map("".join)


@given(_NEAR_A_WORD, st.data())
def test_the_left_neighbour_is_the_one_the_whole_search_finds(
    text: str, data: st.DataObject
) -> None:
    # left_neighbour searches from the last space only; it must find what a
    # search over all 24 characters before the place finds
    start = data.draw(st.integers(0, len(text)))
    whole = LEFT_NEIGHBOUR.search(text, max(0, start - 24), start)
    assert tokens.left_neighbour(text, start) == (whole.group(1) if whole else None)
