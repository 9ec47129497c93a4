"""The shipped model: reproducible from its script, verified when it loads."""

from __future__ import annotations

import hashlib
import importlib.util
import itertools
import math
import threading
from pathlib import Path
from types import ModuleType

import pytest

from vnnorm import model as model_module
from vnnorm.model import MODEL_RESOURCE, ModelError, SyllableModel, load_model
from vnnorm.tokens import BOUNDARY

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "src" / "vnnorm" / "data" / MODEL_RESOURCE


def _shipped_bytes() -> bytes:
    return SHIPPED.read_bytes()


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_model", ROOT / "scripts" / "build_model.py"
    )
    assert spec is not None and spec.loader is not None
    build_model = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_model)
    return build_model


@pytest.mark.slow
def test_build_script_reproduces_the_shipped_model(shared: Path) -> None:
    rebuilt = _build_script().build(shared / "corpus")
    assert hashlib.sha256(rebuilt).hexdigest() == hashlib.sha256(_shipped_bytes()).hexdigest()


def test_identity_names_the_model_and_its_checksum() -> None:
    model = load_model()
    assert model.identity.startswith("vi-syllables-viwiki@")
    assert model.header["sha256"].startswith(model.identity.split("@")[1])


def test_counts_look_like_vietnamese() -> None:
    model = load_model()
    assert model.count("đã") > 10_000
    assert model.count("đă") == 0  # the corpus is clean: no damaged forms
    assert model.pair_count("rõ", "ràng") > model.pair_count("rơ", "ràng") == 0
    assert model.attested("gãi", 3)  # from the word lists, though rare in Wikipedia
    assert not model.attested("thãy", 3)
    assert model.is_word_pair("góp", "ý") and not model.is_word_pair("góp", "ư")


def test_a_listed_word_adds_its_bonus_on_either_side() -> None:
    model = load_model()
    bigram = model.logp("ý", "góp") + model.logp("kiến", "ý")
    both = model.is_word_pair("góp", "ý") + model.is_word_pair("ý", "kiến")
    assert both == 2
    expected = bigram + 2 * model_module.WORD_PAIR_BONUS
    assert model.context_score("ý", "góp", "kiến") == pytest.approx(expected)
    assert model.context_score("ư", None, None) == model.logp("ư", None)


def test_conditional_probabilities_sum_to_one() -> None:
    model = load_model()
    for previous in ("của", "rõ", "lư"):
        total = sum(math.exp(model.logp(word, previous)) for word in model.vocabulary)
        assert total == pytest.approx(1.0, abs=0.02)
        total = sum(math.exp(model.skip_logp(word, previous)) for word in model.vocabulary)
        assert total == pytest.approx(1.0, abs=0.02)


def test_a_row_of_probabilities_finds_each_pair_count() -> None:
    # logps searches only the keys of the pairs `previous` opens; each answer
    # must be the interpolated estimate from the pair's count as stored
    model = load_model()
    size = len(model.vocabulary)
    for previous in ("của", "rõ", "và"):
        i = model.index[previous]
        words = [*model.vocabulary[:: size // 500], model.vocabulary[-1], "xyzw"]  # and the edges
        history, discount = model.histories[i], model_module._DISCOUNT
        expected = [
            math.log(
                max(model.pair_count(previous, word) - discount, 0.0) / history
                + discount * model.followers[i] / history * model._continuation(word)
            )
            for word in words
        ]
        assert model.logps(words, previous) == pytest.approx(expected, rel=1e-12)
        assert any(model.pair_count(previous, word) for word in words)


def test_skip_pairs_are_counted_across_one_neighbour_only() -> None:
    lines = ["Ông được mời từ Hà Nội, mời anh 2 lần", "mời từ-đó x mời"]
    skips = _build_script().count_syllables(lines).skips
    assert skips["được", "từ"] == 1 and skips["mời", "hà"] == 1
    assert skips["từ", "nội"] == 1  # across "Hà"
    assert ("hà", "mời") not in skips  # a comma breaks the run
    assert skips["mời", "0"] == 1 and skips["anh", "lần"] == 1  # numbers are words
    assert skips["mời", "đó"] == 1  # across a hyphen too
    assert ("đó", "mời") not in skips  # "x" is not a syllable: it breaks the run


def test_the_word_two_places_away_is_evidence() -> None:
    model = load_model()
    # "được mời" and "mời từ" say less than "được … từ" with "mời" between
    assert model.far_score("mời", "được", "hà") > model.far_score("mọi", "được", "hà") + 2
    assert model.far_score("mời", None, None) == 0.0
    assert model.far_score("mời", "được", None) == pytest.approx(
        model.skip_logp("mời", "được") - model.unigram_logp("mời")
    )


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda data: data[:-100], "checksum"),
        (lambda data: data[:-1] + bytes([data[-1] ^ 1]), "checksum"),
        (lambda data: b"garbage" + data, "not a vnnorm model"),
        (lambda data: data[: data.index(b"\n", 20)], "truncated"),
    ],
)
def test_a_damaged_model_file_is_a_clear_error(damage, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ModelError, match=message):
        SyllableModel.from_bytes(damage(_shipped_bytes()))


def test_lazy_load_is_shared_across_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_module, "_loaded", None)
    results: list[SyllableModel] = []
    barrier = threading.Barrier(8)

    def load() -> None:
        barrier.wait()
        results.append(load_model())

    threads = [threading.Thread(target=load) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 8
    assert all(result is results[0] for result in results)


def test_remembered_answers_are_bounded_and_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    model = load_model()
    monkeypatch.setattr(model_module, "MAX_REMEMBERED", 8)
    words = model.vocabulary[:40]
    first = [model.logp(w, p) for w, p in zip(words, (None, *words), strict=False)]
    assert len(model._remembered) <= 8
    again = [model.logp(w, p) for w, p in zip(words, (None, *words), strict=False)]
    assert (
        again == first == [model._logp(w, p) for w, p in zip(words, (None, *words), strict=False)]
    )


def test_remembered_pair_scores_are_bounded_and_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    model = load_model()
    monkeypatch.setattr(model_module, "MAX_REMEMBERED", 8)
    pairs = [("góp", "ý"), ("văn", "hóa"), *itertools.pairwise(model.vocabulary[:41])]
    first = [model.pair_score(w, p) for p, w in pairs]
    assert len(model._paired) <= 8
    again = [model.pair_score(w, p) for p, w in pairs]
    model._paired.clear()
    bonus = [model_module.WORD_PAIR_BONUS * model.is_word_pair(p, w) for p, w in pairs]
    assert again == first == [model.logp(w, p) + b for (p, w), b in zip(pairs, bonus, strict=True)]
    assert bonus[0] > 0  # "góp ý" is a listed word: the bonus is remembered with the score


def test_name_logp_tells_names_from_common_words() -> None:
    model = load_model()
    # "Thọ" (Phú Thọ, a given name) is capitalised inside sentences; "thờ" (worship) hardly
    assert model.name_logp("thọ") > model.name_logp("thờ") + 3
    assert model.name_logp("của") < math.log(0.01)  # "of" is never a name
    assert model.name_logp("zzzz") == math.log(0.5)  # unseen: an even chance


def test_a_capital_inside_a_sentence_is_counted_as_a_name() -> None:
    lines = ["Ông Thọ về quê, Thọ nói. Thọ cười.", "Thọ ở Phú Thọ, THỌ 2 Thọ"]
    counts = _build_script().count_syllables(lines)
    unigrams, capitalised = counts.unigrams, counts.capitalised
    # inside a sentence: after "Ông", after "quê,", after "Phú", after "2";
    # not at the start of a line or after a full stop, not in capitals
    assert unigrams["thọ"] == 7
    assert capitalised["thọ"] == 4
    assert capitalised["ông"] == 0


def test_a_break_is_counted_as_a_word_on_either_side() -> None:
    lines = ["Nhà nhỏ, cửa to. Họ về", "Anh (nhỏ) đi", '"Chị đi']
    counts = _build_script().count_syllables(lines)
    unigrams, bigrams = counts.unigrams, counts.bigrams
    # the start of a line and the breaks after "nhỏ," and "to."; a bracket or
    # a quote is no break (as tokens.context_before reads them), and a line
    # that ends without one says nothing of its end
    assert unigrams[BOUNDARY] == 4
    assert {pair for pair in bigrams if BOUNDARY in pair} == {
        (BOUNDARY, "nhà"),
        ("nhỏ", BOUNDARY),
        (BOUNDARY, "cửa"),
        ("to", BOUNDARY),
        (BOUNDARY, "họ"),
        (BOUNDARY, "anh"),
    }
    assert bigrams["nhà", "nhỏ"] == 1
    assert ("anh", "nhỏ") not in bigrams


def test_the_model_knows_where_clauses_end_and_sentences_start() -> None:
    model = load_model()
    assert model.logp(BOUNDARY, "nhỏ") > model.logp(BOUNDARY, "nhờ") + 2  # "lớn nhỏ."
    assert model.logp("họ", BOUNDARY) > model.logp("hỏ", BOUNDARY) + 5
    assert BOUNDARY not in set(model.syllables())
