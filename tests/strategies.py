"""Hypothesis strategies for vnnorm, and the corpus data they draw from.

Corpus files are read once, on first draw, from the shared material (env
VNNORM_SHARED, default ../shared beside the repository). Tests that draw from
them also take the `shared` fixture, which skips when the material is missing.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

import regex
import unicodedata2  # type: ignore[import-not-found, unused-ignore]  # C module, no stubs
from hypothesis import strategies as st

from vnnorm.chardata import DAMAGE_LATIN1_AS_CP1258, LATIN1_AS_CP1258
from vnnorm.families.lossy_cp1252 import BEST_FIT


def shared_path() -> Path:
    """Where the shared corpora and real cases live."""
    default = Path(__file__).resolve().parents[2] / "shared"
    return Path(os.environ.get("VNNORM_SHARED", default))


def nfc(text: str) -> str:
    """NFC per the latest Unicode, the same library vnnorm promises its output in."""
    return str(unicodedata2.normalize("NFC", text))


def damage(text: str) -> str:
    """Latin-1 text read back as cp1258, without the NFC some pipelines add."""
    return text.translate(DAMAGE_LATIN1_AS_CP1258)


def as_far_as_the_bytes_go(word: str, expected: str) -> bool:
    """Is `word` the `expected` word, but for letters cp1252 lost: a "?" for any
    letter, or a letter Windows' best fit writes for it?"""
    best_fit = str.maketrans(BEST_FIT)
    word, expected = nfc(word).translate(best_fit), nfc(expected).translate(best_fit)
    pattern = "".join("." if c == "?" else re.escape(c) for c in word)
    return re.fullmatch(pattern, expected) is not None


# ---- the corpus -------------------------------------------------------------------


@functools.cache
def train_sentences() -> tuple[str, ...]:
    """UD Vietnamese VTB, train split only (dev is for tuning, test for reporting)."""
    path = shared_path() / "corpus" / "ud-vietnamese-vtb" / "train.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line for line in lines if line.strip())


# A word, for deciding what the damage did: a run of letters and marks. Kept apart
# from vnnorm's own tokenizer on purpose.
_WORD = regex.compile(r"[\p{L}\p{M}]+")


@functools.cache
def real_syllables() -> frozenset[str]:
    """Lower-case syllables attested by two word lists vnnorm does not ship.

    The Tesseract Vietnamese word list and the pyvi word list, both NFC. This is
    the independent judge of whether a damaged word could be a real word.
    """
    corpus = shared_path() / "corpus"
    found: set[str] = set()
    for path in (
        corpus / "tesseract-vie" / "vie.lstm-word-dawg.txt",
        corpus / "pyvi-words" / "words.txt",
    ):
        for line in path.read_text(encoding="utf-8").splitlines():
            found.update(word.lower() for word in _WORD.findall(nfc(line)))
    return frozenset(found)


def damaged_words(clean: str) -> list[tuple[str, str]]:
    """(clean word, damaged word in NFC) for every word of `clean` the damage changes.

    The damage maps one character to one character, so a word keeps its span.
    """
    broken = damage(clean)
    pairs = []
    for match in _WORD.finditer(clean):
        after = broken[match.start() : match.end()]
        if after != match.group():
            pairs.append((match.group(), nfc(after)))
    return pairs


def damage_is_unambiguous(clean: str) -> bool:
    """The damage left at least one word, and no damaged word is itself a real word.

    Then the damaged text says on its face that it is damaged, and which word
    each damaged word was: a repair has no excuse not to restore `clean`.
    """
    pairs = damaged_words(clean)
    inventory = real_syllables()
    return bool(pairs) and all(after.lower() not in inventory for _, after in pairs)


@functools.cache
def unambiguous_train_sentences() -> tuple[str, ...]:
    return tuple(s for s in train_sentences() if damage_is_unambiguous(s))


# Deferred: the corpus is read on first draw, not when this module is imported.
clean_sentences = st.deferred(lambda: st.sampled_from(train_sentences()))


@st.composite
def damaged_sentences(draw: st.DrawFn, unambiguous: bool = False) -> tuple[str, str]:
    """(clean sentence, its damaged form), the damaged form NFC'd or not."""
    pool = unambiguous_train_sentences() if unambiguous else train_sentences()
    clean = draw(st.sampled_from(pool))
    broken = damage(clean)
    return clean, nfc(broken) if draw(st.booleans()) else broken


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A few corpus lines, some damaged, as one text: lines judge each other."""
    lines = draw(st.lists(damaged_sentences(), min_size=1, max_size=5))
    keep = draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
    return "\n".join(c if k else d for (c, d), k in zip(lines, keep, strict=True))


# ---- text that is not Vietnamese ----------------------------------------------------

# Latin-1 letters except the fourteen the damage changes. Others, like é and ô, are
# letters of Vietnamese too, but alone they cannot make damage.
_LATIN1_LETTERS = "".join(
    chr(c) for c in range(0xC0, 0x100) if chr(c).isalpha() and chr(c) not in LATIN1_AS_CP1258
)
_NOT_VIETNAMESE = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),  # ASCII
    st.sampled_from("\n\t"),
    st.sampled_from(_LATIN1_LETTERS),
    st.characters(min_codepoint=0x0391, max_codepoint=0x03C9, categories=["Lu", "Ll"]),  # Greek
    st.characters(min_codepoint=0x0410, max_codepoint=0x044F),  # Cyrillic
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # CJK
    st.characters(min_codepoint=0x3041, max_codepoint=0x3096),  # Hiragana
    st.characters(min_codepoint=0x1F600, max_codepoint=0x1F64F),  # emoji
)
# "qú" is what the damage makes of "quì" (the ì's acute lands on the u), so it is
# left out of text that is meant to be free of damage.
_QU_ACUTE = regex.compile("[qQ][úÚ]")
non_vietnamese_text = st.text(_NOT_VIETNAMESE, max_size=80).filter(
    lambda t: nfc(t) == t and _QU_ACUTE.search(t) is None
)


# ---- anything at all ----------------------------------------------------------------

_MARKS = "".join(chr(c) for c in range(0x0300, 0x0370))
# Letters the repair looks at closely: damaged letters, their origins, Vietnamese
# vowels with tones, and the consonants a lost vowel's mark lands on.
_VIETNAMESE_ISH = (
    "ăâđêôơưĂÂĐÊÔƠƯãõýìòÃÕÝÌÒðÐþÞáàảạéèẻẽẹíỉĩịóỏọúùủũụứừửữựắằẳẵặấầẩẫậ"
    "bcdghklmnpqrstvxyiaeou BCDGHKLMNQTV \n\u00ad\u200b\ufeff.,-"
    "\u0300\u0301\u0303\u0309\u0323ḿǵḥḷṛṣḍṇŕ"
)
_UNRESTRICTED = st.characters(codec=None, exclude_categories=())  # lone surrogates too

combining_runs = st.builds(
    lambda base, marks: base + marks,
    st.sampled_from(["", "a", "m", "đ", "ă", " ", "\n"]),
    st.text(st.sampled_from(_MARKS), min_size=1, max_size=300),
)

any_text = st.one_of(
    st.text(_UNRESTRICTED),
    st.text(st.sampled_from(_VIETNAMESE_ISH), max_size=60),
    st.lists(st.one_of(combining_runs, st.text(st.sampled_from(_VIETNAMESE_ISH))), max_size=4).map(
        "".join
    ),
)


# ---- fuzzing: every kind of character, and text that looks like each damage ---------
# (for tests/test_robustness.py; drawn without the shared material)

from collections.abc import Callable  # noqa: E402
from typing import Literal  # noqa: E402

from vnnorm.families import lossy_cp1252, utf8_mojibake  # noqa: E402
from vnnorm.orthography import ONSETS, RHYMES, STOP_CODAS, Syllable, Tone, parse, place_tone  # noqa: E402

GENERAL_CATEGORIES = (
    "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No",
    "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So",
    "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn",
)  # fmt: skip


def category_text(category: str, max_size: int = 40) -> st.SearchStrategy[str]:
    """Text of one Unicode general category ("Cs": lone surrogates, "Cn": unassigned)."""
    return st.text(
        st.characters(categories=[category], codec=None),  # type: ignore[list-item]
        min_size=1,
        max_size=max_size,
    )


# Line breaks and controls that text tools split or choke on.
CONTROLS = "\x00\x01\x07\x08\x0b\x0c\r\x1b\x7f\x85\x9d\u2028\u2029\u200e\u202e\u2066"
CONTROLS += "\ufeff\ufffe\ufffd"


TONE_STYLES: tuple[Literal["classic", "modern"], ...] = ("classic", "modern")


@st.composite
def vietnamese_syllables(draw: st.DrawFn) -> str:
    """A syllable Vietnamese can spell, in either tone style, in lower, Title or UPPER case.

    Made from vnnorm.orthography's tables, so it needs no shared material; the
    corpus strategies above are the independent source of real text.
    """
    onset = draw(st.sampled_from(("", *ONSETS)))
    rhyme = draw(st.sampled_from(sorted(RHYMES)))
    stop = rhyme.endswith(STOP_CODAS)  # "ac" takes only the acute or the dot below
    tone = draw(st.sampled_from((Tone.ACUTE, Tone.DOT) if stop else tuple(Tone)))
    style = draw(st.sampled_from(TONE_STYLES))
    word = place_tone(Syllable(onset, rhyme, tone, None), style)
    if parse(word) is None:  # "ka", "quu": the onset does not go with the rhyme
        word = place_tone(Syllable("", rhyme, tone, None), style)
    case = draw(st.sampled_from(("lower", "lower", "lower", "title", "upper")))
    return word.title() if case == "title" else word.upper() if case == "upper" else word


_GAPS = st.sampled_from([" ", " ", " ", ", ", ". ", "\n", "\r\n", " - ", "\t", "\u00a0", ": "])


@st.composite
def vietnamese_text(draw: st.DrawFn, max_words: int = 30) -> str:
    """Clean Vietnamese made of well-formed syllables, with punctuation and line breaks."""
    words = draw(st.lists(vietnamese_syllables(), min_size=1, max_size=max_words))
    gaps = draw(st.lists(_GAPS, min_size=len(words), max_size=len(words)))
    return "".join(w + g for w, g in zip(words, gaps, strict=True)).rstrip(" ")


# The damage families of shared/DAMAGE.md, each as a function of clean text.
def _legacy(encoding: str, errors: str, reader: str) -> Callable[[str], str]:
    def damage(text: str) -> str:
        if errors == "keep":
            # legacy_fonts.damage keeps what the encoding cannot hold
            from vnnorm.families.legacy_fonts import damage as keep

            return keep(text, encoding)
        raw = text.encode(encoding, errors)
        if reader == "latin-1":
            return raw.decode("latin-1")
        return raw.decode("cp1252", "replace")

    return damage


def _mojibake(*pages: str) -> Callable[[str], str]:
    def damage(text: str) -> str:
        for page in pages:
            text = utf8_mojibake.damage(text, page)
        return text

    return damage


DAMAGES: dict[str, Callable[[str], str]] = {
    "latin1_as_cp1258": lambda t: t.translate(DAMAGE_LATIN1_AS_CP1258),
    "latin1_as_cp1258_nfc": lambda t: nfc(t.translate(DAMAGE_LATIN1_AS_CP1258)),
    "utf8_as_cp1252": _mojibake("cp1252"),
    "utf8_as_cp1258": _mojibake("cp1258"),
    "utf8_as_latin1": _mojibake("latin-1"),
    "utf8_twice": _mojibake("cp1252", "cp1252"),
    "utf8_a0_as_space": lambda t: _mojibake("cp1252")(t).replace("\u00a0", " "),
    "utf8_c1_dropped": lambda t: utf8_mojibake.damage(t, "cp1258", lost=""),
    "utf8_c1_replaced": lambda t: utf8_mojibake.damage(t, "cp1252", lost="\ufffd"),
    "utf8_cp1258_then_cp1252": _mojibake("cp1258", "cp1252"),
    "lossy_cp1252": lossy_cp1252.damage,
    "tcvn3": _legacy("tcvn3", "keep", "cp1252"),
    "tcvn3_replace": _legacy("tcvn3", "replace", "cp1252"),
    "vni": _legacy("vni", "keep", "cp1252"),
    "vni_latin1_reader": _legacy("vni", "xmlcharrefreplace", "latin-1"),
    "viscii": _legacy("viscii", "keep", "cp1252"),
    "viscii_backslash": _legacy("viscii", "backslashreplace", "cp1252"),
    "viqr": lambda t: t.encode("viqr", "replace").decode("ascii", "replace"),
    "nfd": lambda t: unicodedata2.normalize("NFD", t),
}


@st.composite
def damaged_text(draw: st.DrawFn, families: tuple[str, ...] = tuple(DAMAGES)) -> str:
    """Vietnamese with one kind of damage, whole or in islands between clean lines."""
    family = draw(st.sampled_from(families))
    damage = DAMAGES[family]
    lines = draw(st.lists(vietnamese_text(max_words=12), min_size=1, max_size=6))
    keep = draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
    return "\n".join(line if k else damage(line) for line, k in zip(lines, keep, strict=True))


def _foreign_word(script: tuple[int, int]) -> st.SearchStrategy[str]:
    low, high = script
    return st.text(
        st.characters(min_codepoint=low, max_codepoint=high, categories=["Lu", "Ll", "Lo"]),
        min_size=1,
        max_size=8,
    )


# Greek, Cyrillic, Hebrew, Arabic, Devanagari, Thai, Hiragana, CJK, Hangul syllables
_SCRIPTS = (
    (0x0370, 0x03FF), (0x0400, 0x04FF), (0x05D0, 0x05EA), (0x0620, 0x064A),
    (0x0900, 0x097F), (0x0E01, 0x0E30), (0x3041, 0x3096), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3),
)  # fmt: skip


@st.composite
def mixed_script_text(draw: st.DrawFn) -> str:
    """Vietnamese (clean or damaged) words beside and glued to words of other scripts."""
    pieces = draw(
        st.lists(
            st.one_of(
                vietnamese_syllables(),
                damaged_text(),
                st.sampled_from(_SCRIPTS).flatmap(_foreign_word),
                st.sampled_from(GENERAL_CATEGORIES).flatmap(lambda c: category_text(c, 4)),
            ),
            min_size=1,
            max_size=12,
        )
    )
    glue = draw(
        st.lists(st.sampled_from(["", " ", "\n", "-"]), min_size=len(pieces), max_size=len(pieces))
    )
    return "".join(p + g for p, g in zip(pieces, glue, strict=True))
