"""Explain mode says where it was unsure: the repairs weighed and left undone."""

from __future__ import annotations

import pytest

import vnnorm
from vnnorm.families.lossy_cp1252 import damage as save_as_cp1252
from vnnorm.stream import fix_lines

# "rơ" (play in a gear) is a real word; "rõ" (clear) would be its repair
DOUBTFUL = "Cặp bánh răng kim loại ít rơ hơn loại nhựa."


def test_a_real_word_left_alone_is_a_doubt_with_its_reason() -> None:
    explanation = vnnorm.fix_and_explain(DOUBTFUL)
    assert explanation.text == DOUBTFUL and not explanation.changes
    (doubt,) = explanation.doubts
    assert (doubt.written, doubt.considered, doubt.rule) == ("rơ", "rõ", "latin1_as_cp1258")
    assert DOUBTFUL[doubt.start : doubt.end] == "rơ"
    assert doubt.detail["log_odds"] > 0 and 0 < doubt.detail["p_damaged"] < 0.5
    assert "nothing near it" in doubt.detail["left"]


def test_a_repaired_word_is_no_doubt() -> None:
    # the same word beside damage Vietnamese cannot spell is repaired, not doubted
    explanation = vnnorm.fix_and_explain("Nga đă gửi thêm thiết bị, chưa rơ số lượng.")
    assert [c.after for c in explanation.changes] == ["đã", "rõ"]
    assert explanation.doubts == ()


@pytest.mark.parametrize(
    "text", ["Văn học Việt Nam rất phong phú.", "Un român să meargă", "plain ASCII text"]
)
def test_text_with_nothing_to_weigh_has_no_doubts(text: str) -> None:
    assert vnnorm.fix_and_explain(text).doubts == ()


def test_doubts_index_the_repaired_text() -> None:
    # the first line's repairs shorten it; the doubt on the second counts in the output
    text = "Vi\u00e1\u00bb\u2021t Nam\n" + DOUBTFUL
    explanation = vnnorm.fix_and_explain(text)
    (doubt,) = explanation.doubts
    assert explanation.text[doubt.start : doubt.end] == doubt.written == "rơ"


def test_a_lost_letter_too_uncertain_to_guess_is_a_doubt() -> None:
    explanation = vnnorm.fix_and_explain(save_as_cp1252("Hôm qua anh ấy kể về bạn bè."))
    doubts = {d.written: d for d in explanation.doubts}
    assert "k?" in doubts  # kể, kế, kỳ, kỹ: too close to call
    assert doubts["k?"].detail["log_odds"] < 4 and doubts["k?"].detail["alternatives"]
    assert "k?" in explanation.text


def test_a_lost_letter_is_a_doubt_beside_letters_the_repair_filled_in() -> None:
    # "động" holds a letter no line saved in cp1252 shows, but the repair wrote it:
    # the line still has letters lost, and its doubts are still reported
    explanation = vnnorm.fix_and_explain("H?p d?ng lao d?ng")
    assert explanation.text == "H?p d?ng lao động"
    assert {d.written: d.considered for d in explanation.doubts} == {"H?p": "Hợp", "d?ng": "đồng"}


def test_streamed_lines_carry_the_doubts_of_the_whole_text() -> None:
    # a repair before the doubt moves it: each line's doubts index its repaired line
    lines = ["Vi\u00e1\u00bb\u2021t Nam\n", DOUBTFUL + "\n", "Dòng cuối.\n"]
    whole = vnnorm.fix_and_explain("".join(lines)).doubts
    assert len(whole) == 1
    streamed = list(fix_lines(lines, doubts=True))
    assert [len(f.doubts) for f in streamed] == [0, 1, 0]
    starts = [0, len("Việt Nam\n"), len("Việt Nam\n") + len(lines[1])]  # in the output
    assert [d.moved(-starts[f.number - 1]) for f in streamed for d in f.doubts] == list(whole)
    assert all(f.doubts == () for f in fix_lines(lines))  # only when asked for


def test_decode_and_explain_reports_doubts_too() -> None:
    decoded = vnnorm.decode_and_explain(DOUBTFUL.encode("utf-8"))
    assert [d.written for d in decoded.doubts] == ["rơ"]


def test_a_lost_byte_several_letters_could_fill_is_a_doubt() -> None:
    # "nhá»" lost the byte after "»": nhề, nhọ, nhỏ and nhờ are all words
    explanation = vnnorm.fix_and_explain("Họ nhá» lắm")
    assert explanation.text == "Họ nhá» lắm"
    (doubt,) = explanation.doubts
    assert (doubt.written.strip(), doubt.rule) == ("nhá»", "utf8_mojibake")
    assert doubt.considered.strip() in {"nhề", "nhọ", "nhỏ", "nhờ"}
    assert len(doubt.detail["alternatives"]) == 3 and doubt.detail["log_odds"] < 4


def test_doubt_is_part_of_the_public_api() -> None:
    assert "Doubt" in vnnorm.__all__
    assert isinstance(vnnorm.fix_and_explain(DOUBTFUL).doubts[0], vnnorm.Doubt)
