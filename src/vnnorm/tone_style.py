"""Tone-mark placement: "hòa"/"hoà", "thúy"/"thuý", "khỏe"/"khoẻ".

Both styles are correct Vietnamese and both are in wide use, so the default
leaves every word as written. A pipeline that compares or indexes text wants
one of them: "classic" puts the mark on the first vowel of an open oa/oe/uy
(hòa, thúy, khỏe), "modern" on the second (hoà, thuý, khoẻ). Only those three
rhymes differ; orthography.place_tone knows the rest (qu, gi, ươ …).
"""

from __future__ import annotations

import re

from vnnorm.config import Config
from vnnorm.orthography import parse, place_tone
from vnnorm.plan import Change
from vnnorm.tokens import WORD

RULE = "tone_placement"

# Where the styles can differ: a toned o/u before a/e/y, or o/u before a toned a/e/y.
_MAY_DIFFER = re.compile("[òóỏõọùúủũụÒÓỎÕỌÙÚỦŨỤ][aeyAEY]|[oOuU][àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ]")


def restyle(text: str, config: Config) -> list[Change]:
    """The fixer: every syllable with its tone mark where `config.tone_placement` says."""
    style = config.tone_placement
    if style == "keep" or _MAY_DIFFER.search(text) is None:
        return []
    changes = []
    for match in WORD.finditer(text):
        word = match.group()
        if _MAY_DIFFER.search(word) is None:
            continue
        syllable = parse(word.lower())
        if syllable is None:
            continue
        placed = place_tone(syllable, style)
        if len(placed) != len(word):
            continue
        fixed = "".join(c.upper() if w.isupper() else c for w, c in zip(word, placed, strict=True))
        if fixed != word:
            changes.append(Change(match.start(), match.end(), word, fixed, RULE))
    return changes
