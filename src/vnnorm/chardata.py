"""Character tables for the Latin-1 → Windows-1258 damage, written out by name.

A page written as Latin-1/cp1252 and read back as cp1258 changes exactly the
fourteen Latin-1 letters whose byte means something else in cp1258. This table
is the single source of that fact; `tests/test_chardata.py` checks it against
Python's own codecs, and every repair rule for the family derives from it.
"""

from __future__ import annotations

# written character → what a cp1258 reader shows for its byte
LATIN1_AS_CP1258: dict[str, str] = {
    "\N{LATIN CAPITAL LETTER A WITH TILDE}": "\N{LATIN CAPITAL LETTER A WITH BREVE}",  # C3
    "\N{LATIN CAPITAL LETTER I WITH GRAVE}": "\N{COMBINING GRAVE ACCENT}",  # CC
    "\N{LATIN CAPITAL LETTER ETH}": "\N{LATIN CAPITAL LETTER D WITH STROKE}",  # D0
    "\N{LATIN CAPITAL LETTER O WITH GRAVE}": "\N{COMBINING HOOK ABOVE}",  # D2
    "\N{LATIN CAPITAL LETTER O WITH TILDE}": "\N{LATIN CAPITAL LETTER O WITH HORN}",  # D5
    "\N{LATIN CAPITAL LETTER Y WITH ACUTE}": "\N{LATIN CAPITAL LETTER U WITH HORN}",  # DD
    "\N{LATIN CAPITAL LETTER THORN}": "\N{COMBINING TILDE}",  # DE
    "\N{LATIN SMALL LETTER A WITH TILDE}": "\N{LATIN SMALL LETTER A WITH BREVE}",  # E3
    "\N{LATIN SMALL LETTER I WITH GRAVE}": "\N{COMBINING ACUTE ACCENT}",  # EC
    "\N{LATIN SMALL LETTER ETH}": "\N{LATIN SMALL LETTER D WITH STROKE}",  # F0
    "\N{LATIN SMALL LETTER O WITH GRAVE}": "\N{COMBINING DOT BELOW}",  # F2
    "\N{LATIN SMALL LETTER O WITH TILDE}": "\N{LATIN SMALL LETTER O WITH HORN}",  # F5
    "\N{LATIN SMALL LETTER Y WITH ACUTE}": "\N{LATIN SMALL LETTER U WITH HORN}",  # FD
    "\N{LATIN SMALL LETTER THORN}": "\N{DONG SIGN}",  # FE
}

# Translation table that applies the damage to clean text (tests and benchmarks).
DAMAGE_LATIN1_AS_CP1258 = str.maketrans(LATIN1_AS_CP1258)

# What a damaged letter may have been. đ/Đ are left out on purpose: the damage
# turned an eth typo into the right letter, and nothing is to be undone there.
_DAMAGED_LETTERS = ("\u00c3", "\u00e3", "\u00d5", "\u00f5", "\u00dd", "\u00fd")
LETTER_ORIGINS: dict[str, str] = {LATIN1_AS_CP1258[c]: c for c in _DAMAGED_LETTERS}

# A written vowel that left only its tone mark behind; the letter itself is gone.
_LOST_VOWELS = ("\u00ec", "\u00cc", "\u00f2", "\u00d2")
MARK_ORIGINS: dict[str, str] = {LATIN1_AS_CP1258[c]: c for c in _LOST_VOWELS}

# Written letters that cannot survive the damage: a text holding them was not
# (wholly) damaged this way. Eth and thorn are left out: they are not Vietnamese.
SURVIVOR_MARKERS = frozenset(LETTER_ORIGINS.values()) | frozenset(MARK_ORIGINS.values())
