"""Write src/vnnorm/legacy/tables.py: the legacy Vietnamese encodings, entry by entry.

    python scripts/generate_legacy_tables.py [--output PATH] [--check]

Where each table comes from:

- TCVN3 (TCVN 5712:1993 VN3, the ABC .VnTime fonts): written out by hand below,
  vowel by vowel, and cross-checked against glibc's TCVN5712-1 (which is VN1, a
  superset that also puts capitals in the C0/C1 control range): every VN3 byte
  must mean the same letter there, and VN3 must be exactly the lower-case letters
  of that table plus Ă Â Ê Ô Ơ Ư Đ and the no-break space (75 characters).
- VNI-Windows (VNI-Times fonts): written out by hand below as base letters and
  mark bytes. No converter on the machine knows VNI, so the real-file examples
  in tests/test_legacy_codecs.py check it. When the tables were written, all 134
  letters of both VNI and TCVN3 were also compared, once, with the tables of an
  independent converter (khiemdoan/VBKey, Modules/mdlCodeTable.bas) and agreed.
- VISCII (RFC 1456): read from glibc iconv, then checked structurally (each of the
  134 letters exactly once, ASCII kept except the six C0 positions) and against
  RFC 1456 positions written out below.
- VIQR (RFC 1456 mnemonics): derived from the letters' decompositions.

Bytes an encoding does not assign, and whose Windows-1252 character is not a
letter (curly quotes, dashes, the ellipsis: typed in Word with a legacy font),
decode as that character; the codecs call these "passthrough". Letters at
unassigned bytes stay errors: a letter there means the text is not in this
encoding.

Needs glibc iconv with VISCII and TCVN5712-1 (`iconv -l`). The output is
deterministic; tests/test_legacy_codecs.py regenerates it and compares.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "src" / "vnnorm" / "legacy" / "tables.py"

# The five tones, in the order the tables below list them.
TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # grave hook tilde acute dot
TONE_NAMES = ("grave", "hook above", "tilde", "acute", "dot below")
VOWELS = (
    "a", "\N{LATIN SMALL LETTER A WITH BREVE}", "\N{LATIN SMALL LETTER A WITH CIRCUMFLEX}",
    "e", "\N{LATIN SMALL LETTER E WITH CIRCUMFLEX}", "i", "o",
    "\N{LATIN SMALL LETTER O WITH CIRCUMFLEX}", "\N{LATIN SMALL LETTER O WITH HORN}", "u",
    "\N{LATIN SMALL LETTER U WITH HORN}", "y",
)  # fmt: skip
# Vowels with a vowel mark, and đ: the letters beyond ASCII before tones.
MARKED = (
    "\N{LATIN SMALL LETTER A WITH BREVE}", "\N{LATIN SMALL LETTER A WITH CIRCUMFLEX}",
    "\N{LATIN SMALL LETTER E WITH CIRCUMFLEX}", "\N{LATIN SMALL LETTER O WITH CIRCUMFLEX}",
    "\N{LATIN SMALL LETTER O WITH HORN}", "\N{LATIN SMALL LETTER U WITH HORN}",
    "\N{LATIN SMALL LETTER D WITH STROKE}",
)  # fmt: skip


def toned(vowel: str, tone: int) -> str:
    return unicodedata.normalize("NFC", vowel + TONES[tone])


def vietnamese_letters() -> list[str]:
    """The 134 precomposed letters beyond ASCII: 67 lower case, then their capitals."""
    lower = list(MARKED) + [toned(v, t) for v in VOWELS for t in range(5)]
    return lower + [c.upper() for c in lower]


# ---- TCVN3 (VN3), by hand ---------------------------------------------------------

TCVN3_MARKED = {
    0xA1: "\N{LATIN CAPITAL LETTER A WITH BREVE}",
    0xA2: "\N{LATIN CAPITAL LETTER A WITH CIRCUMFLEX}",
    0xA3: "\N{LATIN CAPITAL LETTER E WITH CIRCUMFLEX}",
    0xA4: "\N{LATIN CAPITAL LETTER O WITH CIRCUMFLEX}",
    0xA5: "\N{LATIN CAPITAL LETTER O WITH HORN}",
    0xA6: "\N{LATIN CAPITAL LETTER U WITH HORN}",
    0xA7: "\N{LATIN CAPITAL LETTER D WITH STROKE}",
    0xA8: "\N{LATIN SMALL LETTER A WITH BREVE}",
    0xA9: "\N{LATIN SMALL LETTER A WITH CIRCUMFLEX}",
    0xAA: "\N{LATIN SMALL LETTER E WITH CIRCUMFLEX}",
    0xAB: "\N{LATIN SMALL LETTER O WITH CIRCUMFLEX}",
    0xAC: "\N{LATIN SMALL LETTER O WITH HORN}",
    0xAD: "\N{LATIN SMALL LETTER U WITH HORN}",  # the soft hyphen's byte in cp1252
    0xAE: "\N{LATIN SMALL LETTER D WITH STROKE}",
}
# vowel → bytes of its grave, hook above, tilde, acute and dot-below forms
TCVN3_TONED = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "\N{LATIN SMALL LETTER A WITH BREVE}": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "\N{LATIN SMALL LETTER A WITH CIRCUMFLEX}": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "\N{LATIN SMALL LETTER E WITH CIRCUMFLEX}": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "\N{LATIN SMALL LETTER O WITH CIRCUMFLEX}": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "\N{LATIN SMALL LETTER O WITH HORN}": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "\N{LATIN SMALL LETTER U WITH HORN}": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}


def tcvn3_table() -> dict[int, str]:
    table = {0xA0: "\N{NO-BREAK SPACE}", **TCVN3_MARKED}
    for vowel, codes in TCVN3_TONED.items():
        for tone, byte in enumerate(codes):
            assert byte not in table, hex(byte)
            table[byte] = toned(vowel, tone)
    return dict(sorted(table.items()))


# ---- VNI-Windows, by hand ---------------------------------------------------------

# Letters VNI writes as one byte. The rest are an ASCII base (or the ơ ư bytes)
# followed by one mark byte; capitals use the capital mark bytes.
VNI_SINGLE = {
    0xD1: "\N{LATIN CAPITAL LETTER D WITH STROKE}",
    0xF1: "\N{LATIN SMALL LETTER D WITH STROKE}",
    0xD4: "\N{LATIN CAPITAL LETTER O WITH HORN}",
    0xF4: "\N{LATIN SMALL LETTER O WITH HORN}",
    0xD6: "\N{LATIN CAPITAL LETTER U WITH HORN}",
    0xF6: "\N{LATIN SMALL LETTER U WITH HORN}",
    0xCC: "\N{LATIN CAPITAL LETTER I WITH GRAVE}",
    0xEC: "\N{LATIN SMALL LETTER I WITH GRAVE}",
    0xC6: "\N{LATIN CAPITAL LETTER I WITH HOOK ABOVE}",
    0xE6: "\N{LATIN SMALL LETTER I WITH HOOK ABOVE}",
    0xD3: "\N{LATIN CAPITAL LETTER I WITH TILDE}",
    0xF3: "\N{LATIN SMALL LETTER I WITH TILDE}",
    0xCD: "\N{LATIN CAPITAL LETTER I WITH ACUTE}",
    0xED: "\N{LATIN SMALL LETTER I WITH ACUTE}",
    0xD2: "\N{LATIN CAPITAL LETTER I WITH DOT BELOW}",
    0xF2: "\N{LATIN SMALL LETTER I WITH DOT BELOW}",
    0xCE: "\N{LATIN CAPITAL LETTER Y WITH DOT BELOW}",
    0xEE: "\N{LATIN SMALL LETTER Y WITH DOT BELOW}",
}
# (lower-case byte, capital byte) of each mark, by what it adds to the base letter
# (grave, hook above, tilde, acute, dot below), for a e o u y ơ ư
VNI_TONE_MARKS = ((0xF8, 0xD8), (0xFB, 0xDB), (0xF5, 0xD5), (0xF9, 0xD9), (0xEF, 0xCF))
# circumflex alone, then circumflex with each tone (a e o)
VNI_CIRCUMFLEX = (
    (0xE2, 0xC2), (0xE0, 0xC0), (0xE5, 0xC5), (0xE3, 0xC3), (0xE1, 0xC1), (0xE4, 0xC4),
)  # fmt: skip
# breve alone, then breve with each tone (a only)
VNI_BREVE = (
    (0xEA, 0xCA), (0xE8, 0xC8), (0xFA, 0xDA), (0xFC, 0xDC), (0xE9, 0xC9), (0xEB, 0xCB),
)  # fmt: skip


def vni_marks() -> dict[int, str]:
    """Mark byte → what it adds, for the reviewer and for detection."""
    marks: dict[int, str] = {}
    for case in (0, 1):
        suffix = ", capital" if case else ""
        for tone, pair in enumerate(VNI_TONE_MARKS):
            marks[pair[case]] = f"{TONE_NAMES[tone]}{suffix}"
        for family, pairs in (("circumflex", VNI_CIRCUMFLEX), ("breve", VNI_BREVE)):
            marks[pairs[0][case]] = f"{family}{suffix}"
            for tone, pair in enumerate(pairs[1:]):
                marks[pair[case]] = f"{family} and {TONE_NAMES[tone]}{suffix}"
    return dict(sorted(marks.items()))


def vni_encode(letter: str) -> bytes:
    singles = {char: byte for byte, char in VNI_SINGLE.items()}
    if letter in singles:
        return bytes([singles[letter]])
    case = 1 if letter.isupper() else 0
    decomposed = unicodedata.normalize("NFD", letter)
    base, marks = decomposed[0], decomposed[1:]
    tone = next((TONES.index(m) for m in marks if m in TONES), None)
    if "\u031b" in marks:  # horn: ơ ư are single bytes, and the tone mark follows them
        head = bytes([singles[unicodedata.normalize("NFC", base + "\u031b")]])
    else:
        head = base.encode("ascii")
    for vowel_mark, family in (("\u0302", VNI_CIRCUMFLEX), ("\u0306", VNI_BREVE)):
        if vowel_mark in marks:  # one byte carries the vowel mark and the tone
            return head + bytes([family[0 if tone is None else tone + 1][case]])
    assert tone is not None, letter
    return head + bytes([VNI_TONE_MARKS[tone][case]])


def vni_table() -> dict[str, bytes]:
    return {letter: vni_encode(letter) for letter in vietnamese_letters()}


# ---- VISCII, from iconv -------------------------------------------------------------

# RFC 1456 positions, written out from the RFC's table as a check on iconv.
VISCII_RFC1456 = {
    0x02: "\N{LATIN CAPITAL LETTER A WITH BREVE AND HOOK ABOVE}",
    0x05: "\N{LATIN CAPITAL LETTER A WITH BREVE AND TILDE}",
    0x06: "\N{LATIN CAPITAL LETTER A WITH CIRCUMFLEX AND TILDE}",
    0x14: "\N{LATIN CAPITAL LETTER Y WITH HOOK ABOVE}",
    0x19: "\N{LATIN CAPITAL LETTER Y WITH TILDE}",
    0x1E: "\N{LATIN CAPITAL LETTER Y WITH DOT BELOW}",
    0x80: "\N{LATIN CAPITAL LETTER A WITH DOT BELOW}",
    0xA0: "\N{LATIN CAPITAL LETTER O WITH TILDE}",
    0xB4: "\N{LATIN CAPITAL LETTER O WITH HORN}",
    0xBD: "\N{LATIN SMALL LETTER O WITH HORN}",
    0xBF: "\N{LATIN CAPITAL LETTER U WITH HORN}",
    0xC5: "\N{LATIN CAPITAL LETTER A WITH BREVE}",
    0xD0: "\N{LATIN CAPITAL LETTER D WITH STROKE}",
    0xDF: "\N{LATIN SMALL LETTER U WITH HORN}",
    0xE5: "\N{LATIN SMALL LETTER A WITH BREVE}",
    0xF0: "\N{LATIN SMALL LETTER D WITH STROKE}",
    0xFF: "\N{LATIN CAPITAL LETTER U WITH HORN AND TILDE}",
}


def iconv_byte(encoding: str, byte: int) -> str | None:
    done = subprocess.run(
        ["iconv", "-f", encoding, "-t", "UTF-8"], input=bytes([byte]), capture_output=True
    )
    return done.stdout.decode("utf-8") if done.returncode == 0 and done.stdout else None


def iconv_table(encoding: str) -> dict[int, str | None]:
    if shutil.which("iconv") is None:
        raise SystemExit("iconv not found: this script needs glibc iconv (VISCII, TCVN5712-1)")
    # All bytes in one call, each followed by a newline: glibc's TCVN decoder
    # composes a letter with a following tone byte, and the newline keeps every
    # byte on its own. The newline byte itself is asked about separately.
    others = [byte for byte in range(256) if byte != 0x0A]
    done = subprocess.run(
        ["iconv", "-f", encoding, "-t", "UTF-8"],
        input=b"".join(bytes([byte]) + b"\n" for byte in others),
        capture_output=True,
    )
    lines = done.stdout.decode("utf-8").split("\n")
    if done.returncode != 0 or len(lines) != len(others) + 1:
        # Some byte does not decode: ask one byte at a time to see which.
        return {byte: iconv_byte(encoding, byte) for byte in range(256)}
    return {0x0A: iconv_byte(encoding, 0x0A), **dict(zip(others, lines, strict=False))}


def viscii_table() -> dict[int, str]:
    raw = iconv_table("VISCII")
    table: dict[int, str] = {}
    for byte, char in raw.items():
        if char is None:
            raise SystemExit(f"iconv VISCII: byte {byte:#04x} does not decode")
        if byte >= 0x80 or char != chr(byte):
            table[byte] = char
    letters = vietnamese_letters()
    if sorted(table.values()) != sorted(letters):
        raise SystemExit("iconv VISCII: the non-ASCII positions are not the 134 letters")
    c0 = sorted(b for b in table if b < 0x80)
    if c0 != [0x02, 0x05, 0x06, 0x14, 0x19, 0x1E] or len(table) != 134:
        raise SystemExit(f"iconv VISCII: unexpected positions below 0x80: {c0}")
    for byte, char in VISCII_RFC1456.items():
        if table.get(byte) != char:
            raise SystemExit(f"iconv VISCII disagrees with RFC 1456 at {byte:#04x}")
    return table


def check_tcvn3_against_glibc(table: dict[int, str]) -> None:
    glibc = iconv_table("TCVN5712-1")
    for byte, char in table.items():
        if glibc[byte] != char:
            raise SystemExit(f"TCVN3 {byte:#04x}: hand table {char!r}, glibc {glibc[byte]!r}")
    # VN3 is VN1's lower-case letters, the seven unaccented capitals and NBSP.
    derived = {
        b for b, c in glibc.items()
        if b >= 0xA0 and c is not None and len(c) == 1 and (c.islower() or b <= 0xA7)
    }  # fmt: skip
    if derived != set(table) or len(table) != 75:
        raise SystemExit(f"TCVN3: hand table and glibc-derived VN3 differ: {derived ^ set(table)}")


# ---- passthrough and VIQR -----------------------------------------------------------


def cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)  # the five holes arrive as C1 controls


def passthrough(assigned: Iterable[int]) -> dict[int, str]:
    taken = set(assigned)
    letters = set(vietnamese_letters())
    table = {}
    for byte in range(0x80, 0x100):
        char = cp1252_char(byte)
        if byte in taken or unicodedata.category(char).startswith("L") or char in letters:
            continue
        table[byte] = char
    return table


VIQR_MODIFIERS = {"\u0306": "(", "\u0302": "^", "\u031b": "+"}
VIQR_TONES = {"\u0300": "`", "\u0309": "?", "\u0303": "~", "\u0301": "'", "\u0323": "."}


def viqr_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for letter in vietnamese_letters():
        if letter.lower() == "\N{LATIN SMALL LETTER D WITH STROKE}":
            table[letter] = "dd" if letter.islower() else "DD"
            continue
        decomposed = unicodedata.normalize("NFD", letter)
        base, marks = decomposed[0], decomposed[1:]
        table[letter] = (
            base
            + "".join(VIQR_MODIFIERS.get(m, "") for m in marks)
            + "".join(VIQR_TONES.get(m, "") for m in marks)
        )
    return table


# ---- output -----------------------------------------------------------------------------


def literal(char: str) -> str:
    """A string literal that names the character, so review sees what it is."""
    try:
        return f'"\\N{{{unicodedata.name(char)}}}"'
    except ValueError:
        return f'"\\x{ord(char):02x}"'


def seen(raw: bytes) -> str:
    """How a cp1252 reader shows the bytes, for a comment; invisible ones as U+XXXX."""
    out = []
    for byte in raw:
        char = cp1252_char(byte)
        visible = char.isprintable() and not char.isspace() and unicodedata.category(char) != "Cf"
        out.append(char if visible else f"<U+{ord(char):04X}>")
    return "".join(out)


def byte_dict(name: str, comment: str, table: dict[int, str]) -> list[str]:
    lines = [*(f"# {line}" for line in comment.splitlines()), f"{name}: dict[int, str] = {{"]
    for byte, char in sorted(table.items()):
        lines.append(f"    0x{byte:02X}: {literal(char)},  # {seen(bytes([byte]))}")
    return [*lines, "}", ""]


def render() -> str:
    tcvn3 = tcvn3_table()
    check_tcvn3_against_glibc(tcvn3)
    vni = vni_table()
    vni_bytes = {b for raw in vni.values() for b in raw if b >= 0x80}
    viscii = viscii_table()
    out = [
        "# generated by scripts/generate_legacy_tables.py — do not edit",
        '"""Legacy Vietnamese encodings, entry by entry (TCVN3, VNI-Windows, VISCII, VIQR).',
        "",
        "Keys and values name their characters, so precomposed letters are visible in",
        "review; each comment shows the byte(s) as a Windows-1252 reader shows them,",
        "which is how the damage looks in real files. Bytes below 0x80 are ASCII unless",
        "listed. The codecs in vnnorm.legacy build their lookup structures from these",
        "dicts on first use. Sources and checks: see the generating script.",
        "",
        "TCVN3 is VN3, the font subset: lower-case letters with tones, but capitals",
        "only for Ă Â Ê Ô Ơ Ư Đ. Capitals with tones were typed in .VnTimeH fonts,",
        "which draw the lower-case code points as capitals; such bytes decode here to",
        "the lower-case letters the standard assigns them.",
        '"""',
        "",
        "# The comments show bytes as cp1252 shows them, look-alikes included on purpose.",
        "# ruff: noqa: RUF003",
        "",
        "from __future__ import annotations",
        "",
    ]
    out += byte_dict(
        "TCVN3_ASSIGNED",
        "TCVN 5712:1993 VN3: byte → character, for the 75 bytes above ASCII that VN3 assigns.",
        tcvn3,
    )
    out += byte_dict(
        "TCVN3_PASSTHROUGH",
        "Bytes VN3 leaves unassigned that decode as Windows-1252 (not letters).",
        passthrough(tcvn3),
    )
    out += [
        "# VNI-Windows mark byte → what it adds to the base letter before it.",
        "VNI_MARKS: dict[int, str] = {",
    ]
    for byte, meaning in vni_marks().items():
        out.append(f'    0x{byte:02X}: "{meaning}",  # {seen(bytes([byte]))}')
    out += ["}", "", "# VNI-Windows: letter → its canonical bytes."]
    out += ["VNI_LETTERS: dict[str, bytes] = {"]
    for letter, raw in vni.items():
        escaped = "".join(chr(b) if b < 0x80 else f"\\x{b:02x}" for b in raw)
        out.append(f'    {literal(letter)}: b"{escaped}",  # {seen(raw)}')
    out += ["}", ""]
    out += byte_dict(
        "VNI_PASSTHROUGH",
        "Bytes VNI-Windows leaves unassigned that decode as Windows-1252 (not letters).",
        passthrough(vni_bytes),
    )
    out += byte_dict(
        "VISCII_ASSIGNED",
        "VISCII (RFC 1456): byte → character, for every byte that is not ASCII's.",
        viscii,
    )
    out += ["# VIQR (RFC 1456): letter → its ASCII mnemonic.", "VIQR_LETTERS: dict[str, str] = {"]
    for letter, mnemonic in viqr_table().items():
        out.append(f'    {literal(letter)}: "{mnemonic}",')  # no mnemonic has " or \\
    out += ["}", ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        same = args.output.is_file() and args.output.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{args.output} differs from a fresh generation")
        return 0 if same else 1
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
