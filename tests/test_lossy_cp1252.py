"""Text saved in cp1252, which lost letters to "?" and best-fit letters."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

import vnnorm
from vnnorm.families.lossy_cp1252 import damage


def _changes(text: str) -> dict[str, tuple[str, bool]]:
    return {
        c.before: (c.after, bool(c.detail.get("guess")))
        for c in vnnorm.fix_and_explain(text).changes
    }


def test_damage_is_the_saved_and_reread_text() -> None:
    assert damage("Vui lòng nhập mã sản phẩm") == "Vui l\u0323ng nh?p m\u0103 s?n ph?m"


@pytest.mark.parametrize(
    "sentence",
    ["Vì thính giác kém nên bà cũng không học được.", "Vì vậy công ty đã đề nghị"],
)
def test_a_lost_vowel_after_a_capital_keeps_its_case(sentence: str) -> None:
    # "V́" holds one letter: the "ì" the bytes say, small, not "VÌ"
    assert vnnorm.fix(damage(sentence)).startswith("Vì ")


@pytest.mark.parametrize(
    "sentence",
    [
        "Vui lòng nhập mã sản phẩm và số điện thoại của bạn",
        "Ông ấy về đình làng từ sáng sớm",  # "ĐÌNH" reads "D̀NH", "đình" "d́nh"
        "Vì vậy công ty đã đề nghị",  # "V́" alone in capitals is "VÌ"
    ],
)
def test_capitals_are_read_as_small_letters_are(sentence: str) -> None:
    # the bytes of Ì Ò read as other marks than those of ì ò
    assert vnnorm.fix(damage(sentence.upper())) == vnnorm.fix(damage(sentence)).upper()


def test_only_what_the_bytes_lost_is_marked_a_guess() -> None:
    found = _changes(damage("Vui lòng nhập mã sản phẩm"))
    assert found["m\u0103"] == ("mã", False)  # the bytes of "ã", read as cp1258
    assert found["s?n"] == ("sản", True)  # "ả" became "?"


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Chúng tôi ra xem bảng thông báo.", "bảng"),  # "b?ng": bảng, bằng, bỗng …
        ("Học sinh lớp 2E trường tiểu học.", "lớp"),  # "l?p" beside "h?c sinh"
    ],
)
def test_the_word_two_places_away_reads_a_lost_letter(sentence: str, word: str) -> None:
    # the neighbours alone leave these short of e^4 over the next reading
    assert word in vnnorm.fix(damage(sentence)).split()


def test_a_word_with_all_its_letters_is_weighed_by_its_neighbours_alone() -> None:
    # "nhu" may be "như" (whose ư cp1252 wrote u) or the name Nhu: the word two
    # places back, saying much what the neighbours say, must not tip it
    from vnnorm.families.lossy_cp1252 import _guesses

    found = {g.written: g for g in _guesses(damage("Anh biết như không phải lo."))}
    assert found["nhu"].margin == found["nhu"].lean
    assert found["bi?t"].margin != found["bi?t"].lean  # "bi?t" lost a letter
    # "dă" has all its letters but is no word as written: the word two places
    # back weighs in, as for a lost letter
    found = {g.written: g for g in _guesses(damage("Họ đã sử dụng nó."))}
    assert found["dă"].margin != found["dă"].lean


def test_a_line_without_lost_letters_is_not_guessed_at() -> None:
    clean = "Ông ấy nói: có phải không? Tôi không biết."
    assert vnnorm.fix(clean) == clean


@pytest.mark.parametrize("clean", ["cho? họ", "khu? anh", "Kho? là", "du? em", "lo? cho"])
def test_a_word_and_a_question_mark_is_weighed_as_a_reading(clean: str) -> None:
    # "cho?" before a small letter may have lost a letter ("choẹ"), or be "cho"
    # and a question; a line that says no more reads best as the question
    assert vnnorm.fix(clean) == clean


@pytest.mark.parametrize(
    "clean",
    [
        "/search?q=ha+noi",  # "noi" is what best fit makes of "nơi"
        "https://example.vn/tim-kiem?q=ha+noi&trang=2",
        "Xem them: index.php?tin=thoi+su",
    ],
)
def test_a_question_mark_opening_a_query_is_no_lost_letter(clean: str) -> None:
    assert vnnorm.fix(clean) == clean


def test_a_name_the_bytes_spell_is_kept_without_strong_evidence() -> None:
    # "Nhu" may be the name Nhu or "Như" with its horn lost to best fit; beside
    # "chăm sóc" the model prefers "Như" only by e^6, too little for a name
    found = _changes(damage("Vội vã, Nhu chăm sóc tờ cá"))
    assert "Nhu" not in found
    assert found["V?i"] == ("Vội", True)  # a word the bytes do not spell needs only e^4


def test_a_capitalised_word_is_guessed_where_the_evidence_is_strong() -> None:
    found = _changes(damage("Như vậy, người viết"))
    assert found["Nhu"] == ("Như", True)


def test_a_spelling_vietnamese_cannot_have_is_never_kept_as_written() -> None:
    # "ḥ" is "hò" whose "ò" (F2) the cp1258 reader took for a dot below: on a
    # line with lost letters it is one of its readings, not a word of its own
    found = _changes(damage("Bọn trẻ nhảy múa hò hát cả đêm."))
    assert found["h\u0323"] == ("hò", False)


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("Mắt vẫn dõi theo đàn chim bay.", "dơi", "dõi"),
        ("Ông mở hãng riêng, vốn liếng ít ỏi.", "hăng", "hãng"),
        ("Cậu dạy võ tại trung tâm thể thao.", "vơ", "võ"),
    ],
)
def test_a_line_saved_whole_holds_no_real_a_breve_o_horn_u_horn(
    sentence: str, word: str, expected: str
) -> None:
    # cp1252 has no ă ơ ư: in a line that went through it, "dơi" is the bytes of "dõi"
    # however well "dơi" (a bat) reads, and whatever the bigram model prefers
    damaged = damage(sentence)
    assert f" {word} " in damaged
    assert f" {expected} " in vnnorm.fix(damaged)


@pytest.mark.parametrize(
    "clean",
    [
        "Tôi mong được trả lại cho? họ một lời xin lỗi.",  # a stray "?" before a small letter
        "Vì sao? vì trời mưa, đường trơn lắm.",
        "Làm việc gì? làm cho xong đã rồi hẵng hay.",
    ],
)
def test_a_line_with_letters_cp1252_cannot_hold_was_never_saved_in_it(clean: str) -> None:
    assert vnnorm.fix(clean) == clean


def test_a_number_is_a_neighbour() -> None:
    # "gi?" may be giờ, giữ, giả …: the model counts "10 giờ" as "0 giờ"
    sentence = "Tàu đến lúc 10 giờ sáng."
    assert vnnorm.fix(damage(sentence)) == sentence


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        # "ra di..." is "ra đi...": a clause ends after "đi" and hardly after "di"
        ("V?y là chúng tôi l?i ra di...", "Vậy là chúng tôi l?i ra đi..."),
        # a line opens with "Đó" far oftener than with "Dó", which alone is a syllable too
        ("Dó là u?c mo và quy?t tâm c?a nàng dâu.", "Đó là ước mơ và quyết tâm của nàng dâu."),
    ],
)
def test_a_break_beside_a_run_is_evidence(damaged: str, repaired: str) -> None:
    assert vnnorm.fix(damaged) == repaired


def test_a_guess_too_close_to_call_takes_the_reading_the_same_word_settles_to_nearby() -> None:
    settled = "S? di?n tho?i không h?p l?"  # "h?p l?" is clearly "hợp lệ"
    unsure = "H?p d?ng lao d?ng"  # alone, "H?p" leans to "Hợp" by less than e^4
    assert vnnorm.fix(unsure) == "H?p d?ng lao động"
    explanation = vnnorm.fix_and_explain(f"{settled}\n{unsure}")
    assert explanation.text.split("\n")[1] == "Hợp d?ng lao động"
    (echoed,) = [c for c in explanation.changes if c.before == "H?p"]
    assert "echo" in echoed.detail and echoed.detail["log_odds"] < 4
    # as far as the evidence window reaches, and no farther
    far = settled + "\n" * (vnnorm.Config().evidence_window + 1) + unsure
    assert vnnorm.fix(far).endswith("\nH?p d?ng lao động")


def test_a_line_is_read_without_the_spans_the_repairs_wrote() -> None:
    from vnnorm.families.lossy_cp1252 import _unwritten

    # the line "ab cd ef" starts at 10; the repairs wrote 5-11 ("a"), 13-15 ("cd"), 20-30
    assert _unwritten("ab cd ef", 10, [(5, 11), (13, 15), (20, 30)]).split() == ["b", "ef"]
    assert _unwritten("ab cd ef", 10, []) == "ab cd ef"


class _PairModel:
    """A bigram model given as a table; what it does not list is log P = -20."""

    def __init__(self, pairs: dict[tuple[str, str | None], float]) -> None:
        self.pairs = pairs

    def logp(self, word: str, before: str | None) -> float:
        return self.pairs.get((word, before), -20.0)

    def logps(self, words: Sequence[str], before: str | None) -> list[float]:
        return [self.logp(word, before) for word in words]


def test_a_reading_is_weighed_over_all_its_neighbours_readings() -> None:
    # "xua h?": "xưa" has one likely next word among the readings of "h?", "xua"
    # many fairly likely ones. A guess beside a guess must not win on the one
    # best path through its neighbour: summed, "xua" is the likelier.
    from vnnorm.families.lossy_cp1252 import _best_paths, _Position

    nexts = [f"h{i}" for i in range(10)]
    pairs: dict[tuple[str, str | None], float] = {("xua", None): -8.0, ("xưa", None): -8.0}
    pairs[("h0", "xưa")] = -1.0
    pairs.update({(h, "xua"): -2.5 for h in nexts})
    run = [_Position(0, 3, "xua", ("xua", "xưa"), False), _Position(4, 6, "h?", tuple(nexts), True)]
    (first, _), _ = _best_paths(_PairModel(pairs), run, None, False)  # type: ignore[arg-type]
    assert first["xua"] > first["xưa"]


def test_a_lost_letter_right_after_a_question_is_seen() -> None:
    # "Ai? T?m": the capital after the question mark also opens "T?m", whose "?"
    # is a lost letter; a search that took the capital with the first "?" missed it
    from vnnorm.families.lossy_cp1252 import _lossy_lines

    assert list(_lossy_lines("Ai? T?m\nAi? Tôi\n")) == [(0, "Ai? T?m\n")]
