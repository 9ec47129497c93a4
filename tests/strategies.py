"""Hypothesis strategies for vnnorm, and the corpus data they draw from.

Corpus files are read once, on first draw, from the shared material (env
VNNORM_SHARED, default ../shared beside the repository). Tests that draw from
them also take the `shared` fixture, which skips when the material is missing.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import regex
import unicodedata2  # type: ignore[import-not-found, unused-ignore]  # C module, no stubs
from hypothesis import strategies as st

from vnnorm.chardata import DAMAGE_LATIN1_AS_CP1258, LATIN1_AS_CP1258


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
