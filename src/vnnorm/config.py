"""Options for `vnnorm.fix`, in one frozen dataclass."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class Config:
    """What `fix` may change. Every repair is on by default.

    repair_utf8_mojibake = True
        Undo UTF-8 read as cp1252, Latin-1 or cp1258 ("Viá»‡t" → "Việt",
        "KhĂ´ng" → "Không"), also when it happened twice. Only where the
        result is more Vietnamese than the damaged text.
    repair_legacy_fonts = True
        Read back legacy 8-bit Vietnamese shown as cp1252: TCVN3 ("ViÖt Nam"
        → "Việt Nam"), VNI ("Vieät Nam") and VISCII, per line and per run of
        words, so islands in Unicode text are found and "5 µm" or "café" stay.
    viqr = False
        Also read back VIQR ("Vie^.t Nam" → "Việt Nam"). Off by default: in
        ASCII text its marks are ordinary punctuation.
    repair_lookalikes = True
        Replace look-alike letters inside Vietnamese words: ƣ Ƣ from PDF
        extraction ("ngƣời" → "người") and the eth Ð ð typed for Đ đ.
    repair_latin1_cp1258 = True
        Undo Latin-1 text read as Windows-1258 ("đă" → "đã", "c̣n" → "còn").
    guess_lost_letters = True
        Where text was saved in cp1252 and lost letters to "?" ("nh?p"), fill
        them in when the syllable statistics are sure (explain mode marks these
        as guesses); also undo best-fit letters (d for đ) in such lines.
    remove_invisible = True
        Drop soft hyphens and zero-width characters between the letters of a
        Vietnamese word. Elsewhere they are left alone.
    remove_bom = True
        Drop a byte-order mark at the very start of the text.
    normalize = True
        Return NFC (per `unicodedata2`, the latest Unicode). With False, text the
        repairs do not touch keeps its normalisation form.
    tone_placement = "keep"
        Where a tone mark goes in an open oa/oe/uy: "keep" leaves every word as
        written; "classic" writes hòa, thúy, khỏe; "modern" writes hoà, thuý, khoẻ.
    evidence_window = 20
        How many lines on each side of a line count as evidence that it is
        damaged. Streaming the CLI uses the same window, so it decides exactly
        as a whole-file run does.
    """

    repair_utf8_mojibake: bool = True
    repair_legacy_fonts: bool = True
    viqr: bool = False
    repair_lookalikes: bool = True
    repair_latin1_cp1258: bool = True
    guess_lost_letters: bool = True
    remove_invisible: bool = True
    remove_bom: bool = True
    normalize: bool = True
    tone_placement: Literal["keep", "classic", "modern"] = "keep"
    evidence_window: int = 20

    def __post_init__(self) -> None:
        if self.tone_placement not in ("keep", "classic", "modern"):
            raise ValueError(
                f"tone_placement must be 'keep', 'classic' or 'modern', not {self.tone_placement!r}"
            )
        if self.evidence_window < 0:
            raise ValueError(f"evidence_window must be >= 0, not {self.evidence_window}")
