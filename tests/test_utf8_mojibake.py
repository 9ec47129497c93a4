"""UTF-8 read as a single-byte code page, where the no-break space of "à" became a space."""

from __future__ import annotations

import pytest

import vnnorm
from vnnorm.chardata import DAMAGE_LATIN1_AS_CP1258
from vnnorm.families.utf8_mojibake import damage


def _a0_as_space(text: str, code_page: str = "cp1252") -> str:
    return damage(text, code_page).replace("\u00a0", " ")


@pytest.mark.parametrize(
    "sentence",
    [
        "Tôi và anh đoàn kết, làm việc là chính.",  # "à" ends, sits inside, shares a chunk
        "Vậy à? Thì ra là thế.",  # before punctuation
        "Cà phê, Ơn trời, MẠNH, THƠ",  # capitals whose UTF-8 ends in A0 too
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
    # "bỏ" is E1 BB 8F, "Họ" 48 E1 BB 8D; with the undefined byte dropped, "á»"
    # stands before a space, and reading that space as A0 would give "bỠ", "HỠđưa"
    assert "\u1ee0" not in vnnorm.fix("ngÆ°á»i bá» Ä\u2018i")
    assert "\u1ee0" not in vnnorm.fix("Há» Ä\u2018Æ°a")
    assert "\u1ee0" not in vnnorm.fix("Há» cho Ä\u2018i")


def _c1_dropped(text: str, code_page: str) -> str:
    return damage(text, code_page, lost="")


@pytest.mark.parametrize(
    ("sentence", "code_page"),
    [
        # "Đ" is C4 90 and "Á" C3 81: only one undefined byte makes a word of them
        ("Đà Nẵng và Ánh sáng", "cp1252"),
        # cp1258 shows C3 as "Ă", a letter the repair writes too: only "Đ" here
        ("Đà Nẵng và Đồng Nai", "cp1258"),
    ],
)
def test_a_lost_undefined_byte_is_put_back(sentence: str, code_page: str) -> None:
    damaged = _c1_dropped(sentence, code_page)
    assert "\u0110" not in damaged
    assert vnnorm.fix(damaged) == sentence


@pytest.mark.parametrize("code_page", ["cp1252", "cp1258"])
def test_an_undefined_byte_replaced_by_u_fffd_is_put_back(code_page: str) -> None:
    # Python's errors="replace" and many web stacks leave U+FFFD for the byte:
    # "người" (... E1 BB 9D 69) as "ngÆ°á»\ufffdi"
    sentence = "Đà Nẵng, người ta nói vậy. Họ mời mọi người về nhà."
    damaged = damage(sentence, code_page, lost="\ufffd")
    assert "ngÆ°á»\ufffdi" in damaged
    assert vnnorm.fix(damaged) == sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "CƠ SỞ HẠ TẦNG CỦA XÃ, TIẾN LÊN",  # "Ạ" (E1 BA A0) and "Ơ" (C6 A0)
        "ĐẾN GIỜ ĐÃ 20 NĂM TRÔI QUA",  # a real "Ã" at a word's end is no split "à"
    ],
)
def test_capitals_whose_a0_became_a_space_are_read_back(sentence: str) -> None:
    assert vnnorm.fix(damage(sentence, "cp1252").replace("\u00a0", " ")) == sentence


@pytest.mark.parametrize("lost", [None, "", "\ufffd"])
def test_clean_capitals_beside_mojibake_on_one_line_stay(lost: str | None) -> None:
    # a real "Ã" in clean text ("ĐÃ", "XÃ HỘI") is no lead that lost its byte,
    # though the line holds mojibake with lost bytes elsewhere
    clean = "CỘNG HÒA XÃ HỘI; MÃ SỐ SP-ĐÃ-001"
    damaged = damage("Mọi người đã về nhà rồi.", "cp1252", lost=lost)
    assert vnnorm.fix(f"{clean} | {damaged}").startswith(f"{clean} | ")


_CAPITALS = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM, ĐÃ NGÃ NGŨ, CHÂU Á"


@pytest.mark.parametrize(
    "damaged",
    [
        damage(_CAPITALS, "cp1252"),
        damage(_CAPITALS, "cp1252", lost=""),
        damage(_CAPITALS, "cp1252", lost="\ufffd"),
        damage(damage(_CAPITALS, "cp1252"), "cp1252"),
    ],
)
def test_a_real_a_tilde_the_repair_wrote_is_not_a_lead_that_lost_its_byte(damaged: str) -> None:
    # "Ã" is C3 83 and reads back "Ã", a lead too: "XÃƒ" became "XÁ" beside
    # "HÃ\u2019A", as if the Ã had lost the 81 of "Á"; "ÄÃƒ" (ĐÃ without 90) too
    assert vnnorm.fix(damaged) == _CAPITALS


@pytest.mark.parametrize(
    "text",
    [
        "Vi\ufffdt Nam l\ufffd m\ufffdt qu\ufffdc gia",  # UTF-8 lost whole: nothing to read back
        "Ä\u2018i nh\u00e1\u00bb\ufffd",  # "nhá»\ufffd" here: nhề, nhọ, nhỏ or nhờ
        "S\u00c3\ufffdo Paulo \u00e9 uma cidade",  # not Vietnamese
    ],
)
def test_a_u_fffd_that_no_lost_byte_explains_is_left(text: str) -> None:
    assert "\ufffd" in vnnorm.fix(text)


def test_a_lost_byte_among_several_readings_is_a_marked_guess() -> None:
    # "học" (E1 BB 8D) without its 8D is "há»c": hềc, hỏc, hờc are no words,
    # but "nhá»" is nhề, nhọ, nhỏ or nhờ, and only its neighbours can tell
    damaged = _c1_dropped("Ông ấy học được rất nhiều điều", "cp1252")
    result = vnnorm.fix_and_explain(damaged)
    assert result.text == "Ông ấy học được rất nhiều điều"
    guesses = [c for c in result.changes if c.detail.get("guess")]
    assert all(c.detail["log_odds"] >= 4.0 for c in guesses)


def test_a_lost_byte_that_the_context_cannot_settle_is_left() -> None:
    damaged = _c1_dropped("nhỏ", "cp1252")  # alone: nhề, nhọ, nhỏ, nhờ
    assert vnnorm.fix("Ä\u2018i " + damaged) == "đi " + damaged


def test_a_word_read_back_only_in_part_is_left_whole() -> None:
    # "đời" is C4 91 E1 BB 9D: without its 9D, "Äá»i" (with a quote after Ä) may
    # be đọi, đỏi or đời here; reading back only the "đ" would hide what is left
    damaged = _c1_dropped("mục tiêu đời sinh viên của mình", "cp1252")
    assert vnnorm.fix(damaged) == "mục tiêu Ä\u2018á»i sinh viên của mình"


def test_a_lost_byte_of_an_eth_is_put_back() -> None:
    # text written with the eth for Đ: "Ð" is C3 90, and 90 is undefined
    assert vnnorm.fix(_c1_dropped("Ðặng Hải Lý kể lại", "cp1252")) == "Đặng Hải Lý kể lại"


def test_a_line_that_kept_its_no_break_spaces_has_no_split_a_grave() -> None:
    # "đoàn" kept the A0 of its "à", so the space after "Ã" (Á without its 81) is
    # a real space, not an A0 that became one
    sentence = "liên đoàn Muay Thái châu Á - lại đưa ra"
    assert vnnorm.fix(_c1_dropped(sentence, "cp1252")) == sentence


def test_a_listed_word_settles_a_lost_byte() -> None:
    # "tỏ" is E1 BB 8F: without its 8F, "tá»" may be tề, tọ, tỏ or tờ; "sáng tỏ"
    # is a word of the list, which the encyclopaedia's bigram counts under-rate
    for sentence in ("Mọi chuyện đã sáng tỏ và được xử lý.", "Anh cầm cái mỏ lết và bù loong."):
        assert vnnorm.fix(_c1_dropped(sentence, "cp1252")) == sentence


def test_a_lost_byte_in_an_abbreviation_is_put_back() -> None:
    # "HĐND" is 48 C4 90 4E 44: without its 90, "HÄND" is no syllable, but only
    # "Đ" of the letters C4 could start is a capital
    for sentence in ("Theo HĐND tỉnh, việc này đã được thông qua.", "Vùng ĐBSCL có nhiều sông."):
        assert vnnorm.fix(_c1_dropped(sentence, "cp1252")) == sentence


def test_a_number_is_a_neighbour_of_a_lost_byte() -> None:
    # "giờ" is E1 BB 9D: "giá»" may be giề, giọ, giỏ or giờ; "15 giờ" settles it
    sentence = "Sau 15 giờ phẫu thuật, giáo sư nói."
    assert vnnorm.fix(_c1_dropped(sentence, "cp1252")) == sentence


def test_a_neighbour_that_lost_a_byte_too_is_read_back_before_it_is_heard() -> None:
    # "người" lost its 9D as well, but only "người" spells a word: read back, it
    # says "Mọi"; as damage ("ngÆ°á»i") it says nothing
    sentence = "Mọi người đều về nhà."
    assert vnnorm.fix(_c1_dropped(sentence, "cp1252")) == sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Họ bảo nhau nghỉ sớm.",  # "Há»" opening a line: Họ far oftener than Hỏ or Hờ
        "Giọng anh rất trầm.",
        "Cô bé mặc chiếc áo nhỏ.",  # a sentence ends after "nhỏ" far oftener than "nhờ"
        "Cái bàn này nhỏ, cái kia to hơn.",
    ],
)
def test_a_break_beside_a_lost_byte_is_evidence(sentence: str) -> None:
    assert vnnorm.fix(_c1_dropped(sentence, "cp1252")) == sentence


LATIN1_DAMAGED = "Thì mình còn lãnh đạo, chưa rõ.".translate(DAMAGE_LATIN1_AS_CP1258)


def test_mojibake_of_latin1_damage_is_read_back_for_that_repair() -> None:
    # "c̣n" is Latin-1 damage of "còn", its mark stranded on a consonant; as UTF-8
    # read as Latin-1 it is "cÌ£n". A mark on a letter is no mojibake symbol: read
    # back, the Latin-1 repair reads the word
    damaged = LATIN1_DAMAGED.encode().decode("latin-1")
    assert vnnorm.fix(damaged) == "Thì mình còn lãnh đạo, chưa rõ."


def test_mojibake_of_latin1_damage_is_read_back_as_far_as_its_bytes_go() -> None:
    # cp1252 has no 0x81, the last byte of the acute of "Th́": that word stays as it came
    damaged = LATIN1_DAMAGED.encode().decode("cp1252", "replace")
    assert vnnorm.fix(damaged).endswith(" còn lãnh đạo, chưa rõ.")


def test_the_words_two_places_away_settle_a_lost_byte() -> None:
    # "được má»i từ": the neighbours alone leave "mời" short of the bar (e^4)
    # over "mọi"; "được … từ" around it, as the model's skip pairs count them, do not
    sentence = "Ông được mời từ Hà Nội vào dự lễ."
    explanation = vnnorm.fix_and_explain(_c1_dropped(sentence, "cp1252"))
    assert explanation.text == sentence
    (guess,) = (c for c in explanation.changes if c.detail.get("guess"))
    assert guess.after == "mời " and guess.detail["log_odds"] >= 4.0


@pytest.mark.parametrize("sentence", ["BỐ MẸ", "KHÔNG CÓ HỐ", "<b>HỐ SÂU</b>"])
def test_a_lost_capital_reads_as_the_capitals_beside_it(sentence: str) -> None:
    # "Há»" is "HỐ" or "Họ", "Hỏ", "Hờ", "Hề": in a line of capitals, the capital
    assert vnnorm.fix(_c1_dropped(sentence, "cp1252")) == sentence


def test_a_lost_capital_is_no_reading_beside_small_letters() -> None:
    # beside "và", "HỐ" is no reading to weigh, in repairs or in doubts
    explanation = vnnorm.fix_and_explain(_c1_dropped("<td>Họ và</td>", "cp1252"))
    (doubt,) = explanation.doubts
    assert doubt.considered == "<td>Họ " and "<td>HỐ " not in doubt.detail["alternatives"]


@pytest.mark.parametrize("sentence", ["Anh nhờ họ mở cửa.", "Trời mờ mờ sáng."])
def test_guesses_side_by_side_are_weighed_together(sentence: str) -> None:
    # "nhá» há»": each alone is too close to call, the two as a run are not
    result = vnnorm.fix_and_explain(_c1_dropped(sentence, "cp1252"))
    assert result.text == sentence
    assert all(c.detail["log_odds"] >= 4.0 for c in result.changes if c.detail.get("guess"))


def test_a_name_is_weighed_over_its_places_in_the_document() -> None:
    # "Thọ" is E1 BB 8D: without its 8D, "Thá»" may be Thề, Thọ, Thỏ or Thờ, and
    # neither line alone settles it; together, as one name, they do
    lines = ["Ông Thọ cho biết năm nay trời mưa nhiều.", "Chị Thọ bảo việc này khó."]
    damaged = [_c1_dropped(line, "cp1252") for line in lines]
    for line in damaged:
        assert "Thá»" in vnnorm.fix(line)
    result = vnnorm.fix_and_explain("\n".join(damaged))
    assert result.text == "\n".join(lines)
    names = [c for c in result.changes if c.before.startswith("Thá»")]
    assert [c.detail["places"] for c in names] == [2, 2]
    assert all(c.detail["guess"] for c in names)


def test_a_sentence_opens_with_a_name_the_document_settles() -> None:
    # at a sentence's start a capital says nothing, so "Thá»" there is weighed as
    # a common word and alone stays; the places of the name inside sentences
    # around it settle it, as they would for a reader
    lines = ["Ông Thọ cho biết năm nay trời mưa nhiều.", "Chị Thọ bảo việc này khó."]
    opening = "Thọ về muộn, cả nhà đã ngủ."
    assert "Thá»" in vnnorm.fix(_c1_dropped(opening, "cp1252"))
    damaged = "\n".join(_c1_dropped(line, "cp1252") for line in [*lines, opening])
    result = vnnorm.fix_and_explain(damaged)
    assert result.text.splitlines()[2].startswith("Thọ ")
    opener = [c for c in result.changes if c.before.startswith("Thá»")][-1]
    assert opener.start > damaged.rindex("\n") and opener.detail["places"] == 3
    far = "\n".join([*damaged.splitlines()[:2], *["Trời mát."] * 20, damaged.splitlines()[2]])
    assert vnnorm.fix(far).splitlines()[-1].startswith("Thá»")


def test_a_sentence_opening_with_a_name_adds_its_evidence_to_the_names() -> None:
    # neither place alone settles "Thá»" (Thọ leads Thỏ by about e^2 in each),
    # and the opener alone is no name; the name's place and the opener together are
    name, opening = "Bà nhận giúp Thọ bằng một lời hứa.", "Thọ về muộn, cả nhà đã ngủ."
    damaged = [_c1_dropped(line, "cp1252") for line in (name, opening)]
    assert "Thá»" in vnnorm.fix(damaged[0])
    assert vnnorm.fix(damaged[1]).startswith("Thá»")
    result = vnnorm.fix_and_explain("\n".join(damaged))
    assert result.text.splitlines()[0] == name
    assert result.text.splitlines()[1].startswith("Thọ ")
    names = [c for c in result.changes if c.before.startswith("Thá»")]
    assert [c.detail["places"] for c in names] == [2, 2]
    # the same two openers, with no name inside a sentence, stay as they are
    assert vnnorm.fix("\n".join([damaged[1]] * 2)).count("Thá»") == 2


def test_a_lone_capital_is_not_taken_for_one_name() -> None:
    # "Ý" (Italy, C3 9D) and "Á" (Asia, C3 81) both lose their last byte to "Ã";
    # one letter is no name to weigh over a document
    text = "Anh là người Ý, sống ở châu Á lâu năm.\nNgười Ý ấy yêu châu Á."
    assert "Á," not in vnnorm.fix(_c1_dropped(text, "cp1252"))


def test_a_title_is_no_run_of_names() -> None:
    # every word of a title is capitalised, so "Há»" there is weighed as a word
    # (họ), not as a name that "họ" hardly ever is
    damaged = _c1_dropped("Hướng Dẫn Mời Họ Về Nhà", "cp1252")
    assert " Họ Về Nhà" in vnnorm.fix(damaged)


def test_a_name_is_weighed_only_with_places_within_the_evidence_window() -> None:
    lines = ["Ông Thọ cho biết năm nay trời mưa nhiều.", "Chị Thọ bảo việc này khó."]
    damaged = [_c1_dropped(line, "cp1252") for line in lines]
    near = "\n".join([damaged[0], *["Trời mát."] * 19, damaged[1]])
    far = "\n".join([damaged[0], *["Trời mát."] * 20, damaged[1]])
    assert vnnorm.fix(near).count("Thọ") == 2
    assert vnnorm.fix(far).count("Thá»") == 2
    assert vnnorm.fix(far, vnnorm.Config(evidence_window=21)).count("Thọ") == 2


@pytest.mark.parametrize("lost", ["", "\ufffd"])
@pytest.mark.parametrize("code_page", ["cp1252", "cp1258"])
@pytest.mark.parametrize(
    "sentence",
    [
        # "”" is E2 80 9D: without its 9D, "â€" after a word and before a stop
        "Ông nói: “Tôi sẽ đi học”, rồi đi.",
        "Sách “Người mẹ” được in.",  # the quote opens a word with a lost byte too
        "Gọi là “Đại Liêu”.",
        # the zero-width joiner is E2 80 8D: "â€" between two emoji
        "Cả nhà 👨\u200d👩\u200d👧 đều vui vẻ.",
    ],
)
def test_punctuation_that_lost_its_last_byte_is_put_back(
    sentence: str, code_page: str, lost: str
) -> None:
    damaged = damage(sentence, code_page, lost=lost)
    assert "\u00e2\u20ac" + lost in damaged
    assert vnnorm.fix(damaged) == sentence


@pytest.mark.parametrize(
    "text",
    [
        # before a letter, "â€" may have been a hyphen (E2 80 90) as well
        "Tiáº¿ng Viá»‡t vÃ  â€tiáº¿ng",
        # no Vietnamese read back on the line: another language's business
        "Sale âš½ Ã  la â€",
    ],
)
def test_lost_punctuation_is_put_back_only_where_its_place_says_which(text: str) -> None:
    assert "\u00e2\u20ac" in vnnorm.fix(text)


def test_a_lost_quote_after_a_lost_letter_is_read_with_it() -> None:
    # "đỏ”" without its two undefined bytes: the quote is put back in each
    # reading of the letter, and the model picks "đỏ" beside "cờ màu"
    sentence = "Lá cờ màu đỏ”, ông nói."
    assert vnnorm.fix(_c1_dropped(sentence, "cp1252")) == sentence
    # where the model cannot pick, the word stays whole as it came: a quote put
    # back after "á»" alone would make "á»”", which reads "Ổ"
    damaged = _c1_dropped("Ông ấy nói “về”.", "cp1252")
    assert vnnorm.fix(damaged) == "Ông ấy nói â€œvá»â€."


# A place the model settles, one nearby that leans the same way by less than
# e^4, what that one reads as beside the first, and what it stays alone.
_ECHOES = [
    pytest.param(
        "Anh ấy trở về nhà.",
        "Đàn chim bay về ngọn núi trước.",
        "về ",
        "Đàn chim bay vá» ngọn núi trước.",
        id="word",
    ),
    # "Ý" (C3 9D) without its 9D is "Ã", which Á (C3 81) and Í (C3 8D) lost too
    pytest.param(
        "Đội tuyển Ý thắng trận.", "Ông là người Ý.", "Ý.", "Ông là người Ã.", id="letter"
    ),
]


@pytest.mark.parametrize(("settled", "unsure", "echoed", "alone"), _ECHOES)
def test_a_place_takes_the_reading_settled_nearby(
    settled: str, unsure: str, echoed: str, alone: str
) -> None:
    text = f"{settled}\n{unsure}"
    explained = vnnorm.fix_and_explain(_c1_dropped(text, "cp1252"))
    assert explained.text == text
    [change] = [c for c in explained.changes if "echo" in c.detail]
    assert change.after == echoed and float(change.detail["log_odds"]) < 4
    assert vnnorm.fix(_c1_dropped(unsure, "cp1252")) == alone


def test_a_place_takes_no_other_reading_settled_nearby() -> None:
    # "bóc vỏ" settles "vá»" as "vỏ", not the "về" that "bay vá» ngọn" leans to
    text = _c1_dropped("Bóc vỏ quả cam.\nĐàn chim bay về ngọn núi trước.", "cp1252")
    assert vnnorm.fix(text) == "Bóc vỏ quả cam.\nĐàn chim bay vá» ngọn núi trước."


def test_a_lone_letter_that_leans_little_takes_no_reading_from_nearby() -> None:
    # "Đội Ã lần nữa" leans to "Á" by e^0.4: too little to follow "châu Á"
    # nearby, as the letter is "Ý" of Italy as often
    text = "Các nước châu Á phát triển.\nĐội Ý lần nữa vô địch."
    fixed = vnnorm.fix(_c1_dropped(text, "cp1252"))
    assert fixed == "Các nước châu Á phát triển.\nĐội Ã lần nữa vô địch."


@pytest.mark.parametrize(("window", "heard"), [(2, False), (3, True)])
@pytest.mark.parametrize(("settled", "unsure", "echoed", "alone"), _ECHOES)
def test_a_place_echoes_only_within_the_evidence_window(
    settled: str, unsure: str, echoed: str, alone: str, window: int, heard: bool
) -> None:
    text = f"{settled}\nTrời mưa.\nGió to.\n{unsure}"
    fixed = vnnorm.fix(_c1_dropped(text, "cp1252"), vnnorm.Config(evidence_window=window))
    assert fixed.endswith(unsure if heard else alone)
