"""Legacy 8-bit Vietnamese read as cp1252 (TCVN3, VNI, VISCII; VIQR on request).

Golden cases from shared/real-cases (whole lines, code and markup around the
legacy text), every clean case unchanged, traps that only look legacy (µm, ©,
ñ, ø, ö, café) alone and in Vietnamese lines, islands in Unicode lines and
files, the .VnTimeH capitals, the soft hyphen that is TCVN3's ư, VIQR only
when asked, and damage-then-repair as the identity on corpus sentences.
"""

# The tests hold legacy text as cp1252 shows it, look-alike characters included.
# ruff: noqa: RUF001

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import nfc, shared_path, train_sentences

import vnnorm
from vnnorm import pipeline
from vnnorm.families import legacy_fonts
from vnnorm.families.legacy_fonts import damage
from vnnorm.families.legacy_fonts import verdicts as legacy_judge
from vnnorm.legacy import encode_as
from vnnorm.plan import apply_plan

VIQR = vnnorm.Config(viqr=True)
KINDS = {"tcvn3-as-cp1252": "tcvn3_as_cp1252", "vni-as-cp1252": "vni_as_cp1252", "viqr": "viqr"}
MISSING = "shared-material-missing"


@functools.cache
def _cases(name: str) -> dict[str, dict[str, Any]]:
    path = shared_path() / "real-cases" / name
    lines = path.read_text(encoding="utf-8").splitlines()
    return {case["id"]: case for case in map(json.loads, filter(str.strip, lines))}


def _ids(name: str, kinds: frozenset[str] | None = None) -> list[str]:
    if not (shared_path() / "real-cases" / name).is_file():
        return [MISSING]  # the test then asks for `shared`, which skips
    return [i for i, case in _cases(name).items() if kinds is None or case["kind"] in kinds]


def _rules(text: str, config: vnnorm.Config | None = None) -> set[str]:
    return {change.rule for change in vnnorm.fix_and_explain(text, config).changes}


# ---- real cases ----------------------------------------------------------------------


@pytest.mark.parametrize("case_id", _ids("damaged.jsonl", frozenset(KINDS)))
def test_real_case_is_repaired(shared: Path, case_id: str) -> None:
    case = _cases("damaged.jsonl")[case_id]
    config = VIQR if case["kind"] == "viqr" else None
    assert vnnorm.fix(case["raw"], config) == case["expected"], case["note"]
    assert _rules(case["raw"], config) == {KINDS[case["kind"]]}


@pytest.mark.parametrize("case_id", _ids("damaged.jsonl", frozenset({"viqr"})))
def test_viqr_case_needs_the_option(shared: Path, case_id: str) -> None:
    raw = _cases("damaged.jsonl")[case_id]["raw"]
    assert vnnorm.fix(raw) == raw


@pytest.mark.parametrize("case_id", _ids("clean.jsonl"))
@pytest.mark.parametrize("config", [None, VIQR], ids=["default", "viqr"])
def test_clean_case_is_unchanged(shared: Path, case_id: str, config: vnnorm.Config) -> None:
    raw = _cases("clean.jsonl")[case_id]["raw"]
    assert vnnorm.fix(raw, config) == raw
    assert legacy_fonts.repair(raw, config or vnnorm.Config()) == []


# ---- what is repaired ----------------------------------------------------------------

EXAMPLES = [
    ("ViÖt Nam", "Việt Nam", "tcvn3_as_cp1252"),
    ("Hµ Néi", "Hà Nội", "tcvn3_as_cp1252"),
    ("ng\u00adêi", "người", "tcvn3_as_cp1252"),
    ("Anh Th\u00ad ", "Anh Thư ", "tcvn3_as_cp1252"),
    ("Vieät Nam", "Việt Nam", "vni_as_cp1252"),
    ("Tröôûng Nhoùm", "Trưởng Nhóm", "vni_as_cp1252"),
    ("COÂNG TY", "CÔNG TY", "vni_as_cp1252"),
    ("Ngaøy sinh", "Ngày sinh", "vni_as_cp1252"),
    ("ñi chôï", "đi chợ", "vni_as_cp1252"),
    ("Vi®t Nam là mµt qu¯c gia", "Việt Nam là một quốc gia", "viscii_as_cp1252"),
]


@pytest.mark.parametrize(("damaged", "expected", "rule"), EXAMPLES)
def test_example(damaged: str, expected: str, rule: str) -> None:
    explanation = vnnorm.fix_and_explain(damaged)
    assert explanation.text == expected
    assert {change.rule for change in explanation.changes} == {rule}
    assert apply_plan(damaged, explanation.changes) == expected
    assert nfc(explanation.text) == explanation.text


def test_each_change_covers_one_word() -> None:
    changes = vnnorm.fix_and_explain('<b>"ViÖt Nam, Hµ Néi"</b>').changes
    assert [(c.before, c.after) for c in changes] == [
        ("ViÖt", "Việt"),
        ("Hµ", "Hà"),
        ("Néi", "Nội"),
    ]


# ---- what is never touched -----------------------------------------------------------

TRAPS = [
    "5 µm",
    "© 2020",
    "España",
    "Ørsted",
    "Köln",
    "café",
    "Kích thước 5 µm",
    "naïve Zürich Straße",
    "½ kg, 30°C, 12 m²",
    # VISCII's letters are cp1252's signs of measure: "±" "ổ", "½" "ơ", "m²" "mỗ"
    "Temperature: 25°C ± 0.5°, 10² m², ½ cup, ¾ inch, 3×4÷2.",
    "12°N và 26°N",  # VISCII would read "12ồN": no word is written so
    "SÖ",  # two capitals, a code as often as VNI "SƯ"
    "ÖA",
    "nhạc raï",
    "3 × 4 = 12",
    "«Bonjour»",
    "Ðây là phương Ðông",  # eths for Đ: the look-alike fixer's business
]


# Alone, "Seán" is as likely VNI for "Sến"; next to Vietnamese it is a name.
IN_A_LINE_ONLY = ["Seán O'Kelly"]
LINES = ["Giá sản phẩm {} ở Hà Nội rất cao.", "Tên: {} — địa chỉ", "| {} | ghi chú |"]


@pytest.mark.parametrize(
    ("trap", "line"),
    [(trap, line) for trap in TRAPS for line in ["{}", *LINES]]
    + [(trap, line) for trap in IN_A_LINE_ONLY for line in LINES],
)
def test_trap_is_unchanged(trap: str, line: str) -> None:
    text = line.format(trap)
    assert legacy_fonts.repair(text, VIQR) == []
    if "Ð" not in trap:
        assert vnnorm.fix(text) == text


# Lines in other languages whose words legacy fonts could have written: TCVN3
# reads "rå" as "rồ", but the other words with å ä ö as none ("ồt", "ọr", "ửl").
FOREIGN_LINES = [
    "Jag är rå och du är öl",
    "Vi åt rå fisk",
    "Hon är rå.",
    # Nynorsk days: "må" and "sø" read "mồ" and "sứ", each said twice, beside
    # "mồndag" and "sứndag"
    "måndag sø. må. søndag måndag sø. må.",
]


@pytest.mark.parametrize("line", FOREIGN_LINES)
def test_a_foreign_line_is_not_read_as_legacy_text(line: str) -> None:
    explained = vnnorm.fix_and_explain(line)
    assert explained.text == line
    assert explained.doubts, "explain mode says what was weighed and left"
    assert {d.detail["left"] for d in explained.doubts} == {
        "read back, no more than half the line's words beyond ASCII spell Vietnamese"
    }


@pytest.mark.parametrize(
    "line", ["Jeg må gå nå.", "Jag vill gå hem nu.", "Vi ses på mandag.", "Det er så fint."]
)
def test_a_nordic_line_is_not_read_as_tcvn3_on_its_own(line: str) -> None:
    # TCVN3 writes ồ as å: "må gå nå" reads "mồ gồ nồ", every word a syllable
    explained = vnnorm.fix_and_explain(line)
    assert explained.text == line
    assert {d.detail["left"] for d in explained.doubts} <= {
        "its only signs of TCVN3 are letters of Nordic and German words (å ä ö ø æ)"
    }


_ONE_WORD = (
    "read back, it rests on one word written as another language may write one,"
    " among words that mostly spell no Vietnamese"
)


@pytest.mark.parametrize(
    "line",
    [
        "Je m'appelle Loïc.",  # VNI would read "Lọc"
        "Caïn et Abel",  # "Cạn"
        "les langues taï",  # "tạ"
        "le peuple taï du Vietnam",  # "du" is a syllable, but "tạ du" no pair the model saw
        "Meán-Ghaeilge",  # Irish: VNI "Mến"
        "Serra Leõ",  # "Lẽ"
        "Das Sü.",  # Low German: TCVN3 "Sỹ"
    ],
)
def test_a_foreign_line_resting_on_one_word_is_not_read_on_its_own(line: str) -> None:
    explained = vnnorm.fix_and_explain(line)
    assert explained.text == line
    assert {d.detail["left"] for d in explained.doubts} == {_ONE_WORD}


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        ("Hoïc sinh", "Học sinh"),  # one word read back, and "sinh" is Vietnamese
        ("Caûm ôn Loïc", "Cảm ơn Lọc"),  # "ôn" is too
        ("Hoïc", "Học"),  # a word alone has nothing around it to weigh
        ("UBND TP. HCM vöøa", "UBND TP. HCM vừa"),  # nor has one among abbreviations
        ('print("Hoïc sinh")', 'print("Học sinh")'),  # the model saw "học sinh"
        ("Tieáng Vieät", "Tiếng Việt"),  # two words read back
        ("ViÖt", "Việt"),  # TCVN3's capital inside a word: no language writes that
        ("\u00aeång", "đồng"),  # nor ® in a word
    ],
)
def test_a_legacy_word_that_no_other_language_writes_so_is_read_on_its_own(
    damaged: str, expected: str
) -> None:
    assert vnnorm.fix(damaged) == expected


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        ('Hùng gi§t mình: "Sao', 'Hùng giật mình: "Sao'),  # VISCII, a short string alone
        ("vanh vách tên tu±i,", "vanh vách tên tuổi,"),
        ("bóng dáng ngß¶i dân,", "bóng dáng người dân,"),
        ("phê duy®t là không", "phê duyệt là không"),
        ("tÕi ðó.", "tại đó."),  # a capital after a small letter
        ("khu BÕc Liêu thì", "khu Bạc Liêu thì"),
        ("Ngôi nhà cüa Ama", "Ngôi nhà của Ama"),  # letters beside Vietnamese words
        ("Tôi cûng có suy", "Tôi cũng có suy"),
    ],
)
def test_a_word_no_language_writes_that_only_viscii_reads_carries_a_short_line(
    damaged: str, expected: str
) -> None:
    # VISCII's letters are cp1252's signs of measure, so it needs more evidence
    # than the others; a word VISCII alone reads as a common syllable, with a
    # sign between its letters, in no one case, or all letters beside a word
    # Vietnamese as written, is no measurement
    assert vnnorm.fix(damaged) == expected


@pytest.mark.parametrize(
    ("piece", "expected"),
    [
        ("gi\u00a7t", True),  # a sign between letters
        ("t\u00d5i", True),  # in no one case
        ("ph\u00e4i", False),  # a German word may write "ä"
        ("m\u00b2", False),  # a sign after the letters: a measurement
        ("Mª", False),  # an ordinal
    ],
)
def test_a_word_no_language_writes(piece: str, expected: bool) -> None:
    assert legacy_judge.written_by_no_language(piece) is expected


@pytest.mark.parametrize(
    ("piece", "encoding", "expected"),
    [
        ("gi\u00a7t", "viscii", True),
        ("l\u00bep", "viscii", False),  # TCVN3 reads "lắp", VISCII "lớp": not which
        ("l\u00bep", "tcvn3", False),
    ],
)
def test_a_word_read_by_one_encoding_only(piece: str, encoding: str, expected: bool) -> None:
    assert legacy_judge.read_by_no_other(piece, encoding) is expected


@pytest.mark.parametrize(
    "text",
    [
        "l\u2019homme et l\u2019Europe",
        "col\u00b7lecci\u00f3",
        "It\u00b4s fine",
        "x\u00b2y",
        "Jean\u00b7Pierre",
        "McÉlan",  # in no one case, but VISCII reads it as written
        "cüa",  # letters alone, as a foreign word may write them
    ],
)
def test_odd_foreign_words_are_left(text: str) -> None:
    assert vnnorm.fix(text) == text


def test_a_line_resting_on_one_foreign_looking_word_is_read_beside_a_legacy_line() -> None:
    sentence = "Cửa hàng bán đủ thứ đồ điện tử."
    assert vnnorm.fix(f"{damage(sentence, 'vni')}\nLoïc") == f"{sentence}\nLọc"


def test_a_tcvn3_line_with_only_nordic_letters_is_read_beside_another() -> None:
    assert vnnorm.fix("råi!") == "råi!"
    sentence = "Cửa hàng bán đủ thứ đồ điện tử."
    assert vnnorm.fix(f"{damage(sentence, 'tcvn3')}\nråi!") == f"{sentence}\nrồi!"


def test_a_line_half_loanwords_is_read_back_beside_a_legacy_line() -> None:
    # alone, "quËn Ch¨mkamoom" reads as one Vietnamese word in two
    loanword = "quËn Ch¨mkamoom."
    assert vnnorm.fix(loanword) == loanword
    sentence = "Cửa hàng bán đủ thứ đồ điện tử."
    expected = f"{sentence}\nquận Chămkamoom."
    assert vnnorm.fix(f"{damage(sentence, 'tcvn3')}\n{loanword}") == expected


def test_clean_text_has_no_suspect_lines() -> None:
    text = "Hà Nội là thủ đô của nước Cộng hòa Xã hội Chủ nghĩa Việt Nam.\n" * 100
    assert legacy_judge.suspect_lines(text) == {}


_LEGACY_LINES = st.lists(
    st.sampled_from(["ViÖt Nam", "Vieät", "LÝ do", "hoÃ n", "aÃ a", "Ã", "x", "", "quËn"]),
    max_size=6,
).map(" ".join)


@given(st.lists(_LEGACY_LINES, max_size=5), st.booleans())
def test_a_line_is_suspect_on_its_own(lines: list[str], final_newline: bool) -> None:
    """Each line's start and end, as reading the lines one at a time finds them."""
    text = "\n".join(lines) + ("\n" if final_newline and lines else "")
    expected, start = {}, 0
    for line in text.split("\n"):
        end = start + len(line)
        for found in legacy_judge.suspect_lines(line):
            expected[start + found] = end + 1 if end < len(text) else end
        start = end + 1
    assert legacy_judge.suspect_lines(text) == expected


# ---- islands -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'label = "Hµ Néi"  # nhãn tiếng Việt',
            'label = "Hà Nội"  # nhãn tiếng Việt',
        ),
        (
            '<td>Xin chào</td><td><font face="VNI-Times">Tröôûng Nhoùm</font></td>',
            '<td>Xin chào</td><td><font face="VNI-Times">Trưởng Nhóm</font></td>',
        ),
        (
            "Tiêu đề: **b¸o c¸o t×nh h×nh** — kích thước 5 µm, café",
            "Tiêu đề: **báo cáo tình hình** — kích thước 5 µm, café",
        ),
    ],
)
def test_island_in_a_unicode_line(text: str, expected: str) -> None:
    assert vnnorm.fix(text) == expected


def test_islands_in_a_unicode_file() -> None:
    lines = [
        "# Báo cáo tháng 2",
        "Kích thước 5 µm, © 2020 Köln.",
        "**mét sè chØ tiªu l©m nghiÖp th¸ng 2 n¨m 2009**",
        "Trưởng nhóm: Nguyễn Văn An",
        '<font face="VNI-Times">Tröôûng Nhoùm</font>',
        "Ghi chú: café ở Hà Nội.",
    ]
    expected = list(lines)
    expected[2] = "**một số chỉ tiêu lâm nghiệp tháng 2 năm 2009**"
    expected[4] = '<font face="VNI-Times">Trưởng Nhóm</font>'
    assert vnnorm.fix("\n".join(lines)) == "\n".join(expected)


def test_a_single_word_island_next_to_unicode_is_left() -> None:
    # one word is too little evidence where the line shows correct Vietnamese
    text = 'Tên: "ViÖt" — địa chỉ Hà Nội'
    assert vnnorm.fix(text) == text


# ---- TCVN3 capitals and the soft hyphen ------------------------------------------------


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        ("VIÖT NAM", "VIỆT NAM"),
        ("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("§éC LËP - Tù DO - H¹NH PHóC", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"),
        ("UBND Hµ Néi", "UBND Hà Nội"),
        ("ë ®©y cã nhiÒu c©y. ë ®ã th× kh«ng.", "Ở đây có nhiều cây. Ở đó thì không."),
        ("t«i ë ®©y", "tôi ở đây"),
        # "ý" and "õ" are TCVN3 as they are Latin-1: "Lý" reads the same, and only
        # the line of capitals around it says the font drew it as "LÝ"
        ("¤NG Lý TH\u00a6êNG KIÖT §· §¸NH TèNG", "ÔNG LÝ THƯỜNG KIỆT ĐÃ ĐÁNH TỐNG"),
        ("Lý DO: KH¤NG Râ", "LÝ DO: KHÔNG RÕ"),
        ("ý KIÕN CñA B¹N", "Ý KIẾN CỦA BẠN"),
        ("¤ng Lý Th\u00adêng KiÖt ®· ®¸nh Tèng.", "Ông Lý Thường Kiệt đã đánh Tống."),
    ],
)
def test_capitalised_tcvn3(damaged: str, expected: str) -> None:
    assert vnnorm.fix(damaged) == expected


@pytest.mark.parametrize("sentence", ["Không ngờ!", "Chẳng ai ngờ.", "Bố mẹ không ngờ."])
def test_a_short_line_takes_the_encoding_that_reads_as_vietnamese(sentence: str) -> None:
    # "ng¶" is TCVN3 "ngả" and VISCII "ngờ"; only VISCII makes "Không" and "ChÆng" words
    assert vnnorm.fix(damage(sentence, "viscii")) == sentence


def test_soft_hyphen_reaches_the_repair() -> None:
    names = [fixer.name for fixer in pipeline.FIXERS]
    assert names.index(legacy_fonts.RULE) < names.index("invisible")
    assert names.index("utf8_mojibake") < names.index(legacy_fonts.RULE)
    assert vnnorm.fix("Do vËy ng\u00adêi di c\u00ad") == "Do vậy người di cư"


def test_the_repair_can_be_turned_off() -> None:
    config = vnnorm.Config(repair_legacy_fonts=False)
    assert vnnorm.fix("Tröôûng Nhoùm", config) == "Tröôûng Nhoùm"


# ---- VIQR ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vie^.t Nam la` mo^.t quo^'c gia.", "Việt Nam là một quốc gia."),
        ("Ha` No^.i.", "Hà Nội."),
        ("ddi dda^u?", "đi đâu?"),
        ("Ca'c ba.n ddi dda^u vi`\\?", "Các bạn đi đâu vì?"),
        # a loanword or a name, no syllable, shaped inside in a VIQR line
        ("Ca'ch ddo^' va`i kilo^met la` nhu+~ng", "Cách đố vài kilômet là những"),
        ("sa^n gu+o+l va` ddu+o+`ng", "sân gươl và đường"),
        ("o^to^ be^n na`y", "ôtô bên này"),
        ("tro^ng data(x) ca'i", "trông data(x) cái"),  # a breve's "(" is as often code
    ],
)
def test_viqr_with_the_option(text: str, expected: str) -> None:
    assert vnnorm.fix(text, VIQR) == expected
    assert _rules(text, VIQR) == {"viqr"}
    assert vnnorm.fix(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the backslash keeps a mark literal: "ra\\." is "ra" and a full stop
        ("To^i ddi ra\\.", "Tôi đi ra."),
        # whoever escapes writes every unescaped mark as a mark, on the line
        # and within the evidence window around it
        ("Anh ddi ra\\. Co^ a^'y o+? nha` me.", "Anh đi ra. Cô ấy ở nhà mẹ"),
        ("Anh ddi ra\\.\nCo^ a^'y o+? nha` me.", "Anh đi ra.\nCô ấy ở nhà mẹ"),
        # without escapes, a "." that ends a line is a full stop unless the word
        # before makes the tone far likelier than the word and a break: "ra." ends
        # "Tôi đi ra.", but "nhà me." is as a lax typist writes "nhà mẹ"
        ("To^i ddi ra.", "Tôi đi ra."),
        ("Co^ a^'y o+? nha` me.", "Cô ấy ở nhà mẹ"),
        # a quote right before a letter opens a quotation: no sentence ends
        (
            "Cu`ng ca^u la.c bo^. \"tro^'n ho.c\" vo+'i nhau.",
            'Cùng câu lạc bộ "trốn học" với nhau.',
        ),
    ],
)
def test_viqr_escapes(text: str, expected: str) -> None:
    assert vnnorm.fix(text, VIQR) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # before a capital a sentence may end or a name go on: the word before
        # decides ("thám tử", though "tư" alone is commoner than "tử")
        ("Anh ga(.p tha'm tu+? Khoa o+? dda^y.", "Anh gặp thám tử Khoa ở đây."),
        # after a closing quote the sentence goes on (a comma, a small letter),
        # so the mark before the quote may be a tone: the likelier reading wins
        ('Ho. go.i no\' la` "ca^u la.c bo^.", ro^`i ddi.', 'Họ gọi nó là "câu lạc bộ", rồi đi.'),
        # a quote closing a sentence at the end of the line still ends it
        ('Anh no\'i "to^i ddi ra."', 'Anh nói "tôi đi ra."'),
    ],
)
def test_viqr_where_a_sentence_may_end(text: str, expected: str) -> None:
    assert vnnorm.fix(text, VIQR) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hello? I'm fine. Do you know e.g. a.m.? Really.",
        "C:\\path\\to",
        "x = a^2 + b^2",
        "What do? yes",
        "kilo^met",  # a loanword's shape alone, with no VIQR line around it
    ],
)
def test_ascii_that_is_no_viqr(text: str) -> None:
    assert vnnorm.fix(text, VIQR) == text


# ---- damage, then repair -------------------------------------------------------------


@functools.cache
def _holdable(encoding: str) -> list[str]:
    """Clean train sentences the encoding can hold in full."""
    return [s for s in train_sentences() if vnnorm.fix(s) == s and encode_as(s, encoding)]


def _has_evidence(damaged: str) -> bool:
    return bool(legacy_judge.suspect_lines(damaged))


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
@given(data=st.data())
def test_damage_then_repair_is_the_identity(shared: Path, encoding: str, data: Any) -> None:
    sentence = data.draw(st.sampled_from(_holdable(encoding)))
    damaged = encode_as(sentence, encoding)
    assert damaged is not None
    # a sentence whose damage leaves no sign ("hỏi" is TCVN3 "hái") stays as it is
    assert vnnorm.fix(damaged) == (sentence if _has_evidence(damaged) else damaged)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viscii"])
@given(data=st.data())
def test_damaged_documents_are_repaired(shared: Path, encoding: str, data: Any) -> None:
    """Lines next to others in the same encoding need less evidence (VISCII's short lines)."""
    sentences = data.draw(st.lists(st.sampled_from(_holdable(encoding)), min_size=4, max_size=8))
    damaged = [damage(sentence, encoding) for sentence in sentences]
    expected = [s if _has_evidence(d) else d for s, d in zip(sentences, damaged, strict=True)]
    assert vnnorm.fix("\n".join(damaged)) == "\n".join(expected)


def test_damage_writes_missing_capitals_with_the_small_letter() -> None:
    assert damage("Ở Hà Nội", "tcvn3") == "ë Hµ Néi"
    assert damage("Ðặng", "vni") == damage("Đặng", "vni")
    assert damage("a\u2192b", "tcvn3") == "a?b"


@pytest.mark.parametrize(("word", "tcvn3", "vni"), [("möa", "mửa", "mưa"), ("ñi", "Ủi", "đi")])
def test_a_string_two_encodings_read_otherwise_is_left_for_its_neighbours(
    word: str, tcvn3: str, vni: str
) -> None:
    # alone, the bytes do not say which encoding wrote them: left, and said so
    alone = vnnorm.fix_and_explain(f"{word}.")
    assert alone.text == f"{word}."
    [doubt] = alone.doubts
    assert (doubt.considered, doubt.detail["alternatives"]) == (tcvn3, [f"{vni}."])
    # a line nearby in one encoding settles it
    sentence = "Trời mưa to quá, chúng tôi phải ở nhà."
    assert vnnorm.fix(f"{word}.\n{damage(sentence, 'tcvn3')}") == f"{tcvn3}.\n{sentence}"
    assert vnnorm.fix(f"{word}.\n{damage(sentence, 'vni')}") == f"{vni}.\n{sentence}"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        # a line cut mid-sentence: the hook is far likelier after the word before
        ("Co^ a^'y co' ma(.t o+?", "Cô ấy có mặt ở"),
        ("nhu+ng cu~ng kho^ng the^?", "nhưng cũng không thể"),
        # a question: "đẩu" after "đi" is no likelier than the question mark
        ("Anh ddi dda^u?", "Anh đi đâu?"),
        # a dot ending a line too: a cell or a title ends on "lộ", "vệ" as often
        # as a sentence does; but a sentence ends after "ra" far oftener than "rạ"
        ("Tuye^'n quo^'c lo^.", "Tuyến quốc lộ"),
        ("Ba?o ve^.", "Bảo vệ"),
        # the word before across a comma is a break, across a number a number
        ("Le^n dde^'n no+i, o+?", "Lên đến nơi, ở"),
        ("Ca'nh ddo^`ng ro^.ng 600 ha.", "Cánh đồng rộng 600 ha."),
    ],
)
def test_a_mark_ending_a_viqr_line_is_weighed_after_the_word_before(typed: str, read: str) -> None:
    assert vnnorm.fix(typed, vnnorm.Config(viqr=True)) == read


@pytest.mark.parametrize(
    ("legacy", "read"),
    [
        # a capital after a small letter is no Vietnamese word as written, though
        # "vò", "liòn" are syllables in small letters: TCVN3 "về", "liền"
        ("vÒ phôc vô.", "về phục vụ."),
        ("bãng chuyÒn.", "bóng chuyền."),
        # VNI reads "vÒ" as "vỊ", no word in one case: no rival to TCVN3's "về"
        ("ra vÒ.", "ra về."),
    ],
)
def test_a_small_word_with_a_legacy_capital_inside_is_read_back(legacy: str, read: str) -> None:
    assert vnnorm.fix(legacy) == read


def test_an_a_grave_split_by_mojibake_is_not_read_as_legacy() -> None:
    # "hoàn" in UTF-8 read as cp1252, its no-break space turned into a space
    damaged = "hoÃ n thÃ nh vai sinh"
    assert vnnorm.fix(damaged) == damaged
