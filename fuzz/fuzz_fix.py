"""Coverage-guided fuzzing of `vnnorm.fix` with atheris (libFuzzer for Python).

    python fuzz/fuzz_fix.py -max_total_time=60                # a short run (CI)
    python fuzz/fuzz_fix.py --make-corpus fuzz/corpus         # seed a corpus directory
    python fuzz/fuzz_fix.py -max_total_time=14400 -timeout=20 fuzz/corpus   # a long run
    python fuzz/fuzz_fix.py --show crash-…                   # what a crash input means

See fuzz/README.md. An input is one mode byte and a body:

    mode bits 0-1  how the body becomes text: UTF-8 (invalid bytes as lone
                   surrogates), UTF-16-LE with surrogates passed through (any code
                   point), Latin-1 (every byte one character: mojibake-like), or
                   UTF-8 with U+FFFD for invalid bytes
    mode bits 2-5  damage applied to that text first (0: none), so that the
                   fuzzer starts from each family's shapes (shared/DAMAGE.md)
    mode bits 6-7  the Config: default, viqr=True, tone_placement="classic" with
                   evidence_window=0, tone_placement="modern" with normalize=False

Every input must pass `check`: `fix` raises nothing (but TypeError for a wrong
type), its output is NFC (when normalize is on), a fixed point, equal to the text
`fix_and_explain` gives, and what its plan replays to on the input.

`check` and `seeds` import nothing from atheris, so tests/test_robustness.py runs
them over the seeds: the harness cannot rot between fuzzing runs.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

READERS = ("utf-8-surrogateescape", "utf-16-le", "latin-1", "utf-8-replace")
CONFIGS = ("default", "viqr", "classic-window-0", "modern-no-nfc")


def _damages() -> tuple[tuple[str, Callable[[str], str]], ...]:
    """The damage families as functions of clean text (index + 1 is the mode's family)."""
    from vnnorm.chardata import DAMAGE_LATIN1_AS_CP1258
    from vnnorm.families import legacy_fonts, lossy_cp1252, utf8_mojibake

    def mojibake(*pages: str) -> Callable[[str], str]:
        def damage(text: str) -> str:
            for page in pages:
                text = utf8_mojibake.damage(text, page)
            return text

        return damage

    def legacy(encoding: str) -> Callable[[str], str]:
        return lambda text: legacy_fonts.damage(text, encoding)

    return (
        ("latin1_as_cp1258", lambda text: text.translate(DAMAGE_LATIN1_AS_CP1258)),
        ("utf8_as_cp1252", mojibake("cp1252")),
        ("utf8_as_cp1258", mojibake("cp1258")),
        ("utf8_as_latin1", mojibake("latin-1")),
        ("utf8_twice", mojibake("cp1252", "cp1252")),
        ("lossy_cp1252", lossy_cp1252.damage),
        ("tcvn3", legacy("tcvn3")),
        ("vni", legacy("vni")),
        ("viscii", legacy("viscii")),
        ("viqr", lambda text: text.encode("viqr", "replace").decode("ascii")),
    )


def _config(index: int) -> object:
    from vnnorm import Config

    return (
        Config(),
        Config(viqr=True),
        Config(tone_placement="classic", evidence_window=0),
        Config(tone_placement="modern", normalize=False),
    )[index]


def _text(reader: int, body: bytes) -> str:
    if reader == 0:
        return body.decode("utf-8", "surrogateescape")
    if reader == 1:
        return body[: len(body) // 2 * 2].decode("utf-16-le", "surrogatepass")
    if reader == 2:
        return body.decode("latin-1")
    return body.decode("utf-8", "replace")


def parse_input(data: bytes) -> tuple[str, int, int]:
    """(text with its damage applied, damage index (0: none), config index)."""
    mode = data[0] if data else 0
    text = _text(mode & 3, data[1:])
    family = (mode >> 2) & 15
    damages = _damages()
    if 0 < family <= len(damages):
        # the damage helpers take clean text: a lone surrogate cannot be UTF-8
        with contextlib.suppress(UnicodeError):
            text = damages[family - 1][1](text)
    return text, family, mode >> 6


def check(data: bytes) -> None:
    """The properties every input must have; raises AssertionError (or the bug) if not."""
    import unicodedata2

    import vnnorm

    text, _, config_index = parse_input(data)
    config = _config(config_index)
    assert isinstance(config, vnnorm.Config)
    out = vnnorm.fix(text, config)
    if not isinstance(out, str):
        raise AssertionError(f"fix returned {type(out).__name__}")
    if config.normalize and unicodedata2.normalize("NFC", out) != out:
        raise AssertionError(f"output is not NFC: {text!r} -> {out!r}")
    again = vnnorm.fix(out, config)
    if again != out:
        raise AssertionError(f"not idempotent: {text!r} -> {out!r} -> {again!r}")
    explanation = vnnorm.fix_and_explain(text, config)
    if explanation.text != out:
        raise AssertionError(f"fix_and_explain disagrees: {explanation.text!r} != {out!r}")
    if vnnorm.apply_plan(text, explanation.changes) != out:
        raise AssertionError(f"the plan does not replay: {text!r}")
    for doubt in explanation.doubts:
        if out[doubt.start : doubt.end] != doubt.written or doubt.considered == doubt.written:
            raise AssertionError(f"a doubt does not index the repaired text: {doubt!r}")
    _check_wrong_types(data)


def _check_wrong_types(data: bytes) -> None:
    import vnnorm

    for value in (data, bytearray(data), None, len(data), [data]):
        try:
            vnnorm.fix(value)  # type: ignore[arg-type]
        except TypeError as error:
            if isinstance(value, (bytes, bytearray)) and "decode" not in str(error):
                raise AssertionError(f"the TypeError for bytes gives no advice: {error}") from None
        else:
            raise AssertionError(f"fix accepted a {type(value).__name__}")


# ---- seeds ---------------------------------------------------------------------------

HOSTILE = (
    "",
    "\ufeff",
    "\ud800a\udfff đă \udbff\udc00",
    "\u0301" * 300,
    "c" + "\u0323\u0301\u0300\u0309\u0303" * 40 + "n đă",
    "ḿnh" * 50,
    "đă" * 100,
    "ă" * 200 + "1",
    "a? " + " " * 100 + "1",
    "nh?p m? s?n ph?m",
    "Vi\u00adệt Nam ngƣời Ðặng",
    "ViÖt Nam Hµ Néi",
    "Vieät Nam",
    "Vie^.t Nam",
    "Viá»‡t Nam KhĂ\u00b4ng",
    "\x00đă\x85c̣n\x1b[0m\r\n\u2028",
)


def _shared(root: Path) -> Path:
    import os

    return Path(os.environ.get("VNNORM_SHARED", root.parent / "shared"))


def _texts(root: Path) -> Iterator[tuple[str, bool]]:
    """Real text, and whether it is clean: the shared real cases, the golden cases,
    the seed documents, and the hostile inputs above."""
    for text in HOSTILE:
        yield text, False
    shared = _shared(root)
    for path in [
        *sorted((shared / "real-cases").glob("*.jsonl")),
        *sorted((root / "tests" / "cases").glob("*.jsonl")),
    ]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                for key, clean in (("raw", False), ("original", False), ("expected", True)):
                    if isinstance(case.get(key), str):
                        yield case[key], clean
    for path in sorted((root / "seeds").glob("*.txt")):
        yield path.read_text(encoding="utf-8")[:4000], path.name.endswith(".expected.txt")


def seeds(root: Path) -> Iterator[bytes]:
    """Corpus entries: every text as it is, and the clean ones damaged by each family.

    (Damage on top of damage is left for the fuzzer to find: tests/test_robustness.py
    runs every seed, and they should pass.)
    """
    seen: set[bytes] = set()
    for text, clean in _texts(root):
        entries = [bytes([1]) + text.encode("utf-16-le", "surrogatepass")]
        if not any("\ud800" <= c <= "\udfff" for c in text):
            body = text.encode("utf-8")
            entries.append(bytes([0]) + body)
            entries += [bytes([config << 6]) + body for config in range(1, 4)]
            if clean:
                entries += [bytes([family << 2]) + body for family in range(1, 11)]
        for entry in entries:
            if entry not in seen:
                seen.add(entry)
                yield entry


def make_corpus(directory: Path, root: Path) -> int:
    directory.mkdir(parents=True, exist_ok=True)
    count = 0
    for entry in seeds(root):
        (directory / hashlib.sha1(entry).hexdigest()).write_bytes(entry)
        count += 1
    return count


def show(path: Path) -> None:
    """Print what an input (a crash file, say) means, and what fix does with it."""
    import vnnorm

    data = path.read_bytes()
    text, family, config_index = parse_input(data)
    config = _config(config_index)
    assert isinstance(config, vnnorm.Config)
    names = ["none", *(name for name, _ in _damages())]
    print(f"reader  {READERS[data[0] & 3] if data else READERS[0]}")
    print(f"damage  {names[family] if family < len(names) else 'none'}")
    print(f"config  {CONFIGS[config_index]}: {config}")
    print(f"text    {text!r}")
    once = vnnorm.fix(text, config)
    print(f"fix     {once!r}")
    print(f"fix x2  {vnnorm.fix(once, config)!r}")


def main(argv: list[str]) -> None:
    root = Path(__file__).resolve().parents[1]
    if len(argv) == 3 and argv[1] == "--make-corpus":
        print(f"wrote {make_corpus(Path(argv[2]), root)} seeds to {argv[2]}")
        return
    if len(argv) == 3 and argv[1] == "--show":
        show(Path(argv[2]))
        return
    import atheris  # type: ignore[import-untyped, import-not-found, unused-ignore]

    instrument_vnnorm(atheris)
    atheris.Setup(argv, check)
    atheris.Fuzz()


def instrument_vnnorm(atheris: Any) -> None:
    """Import all of vnnorm under atheris's instrumentation, for coverage guidance.

    The package imports its modules on first use, so importing it alone would
    leave everything that runs (pipeline, fixers, decoding) uninstrumented.
    """
    with atheris.instrument_imports(include=["vnnorm"]):
        import vnnorm.api  # the pipeline and every fixer
        import vnnorm.decoding  # noqa: F401  (detection and the codecs)

        _damages()  # the damage functions the inputs go through


if __name__ == "__main__":
    main(sys.argv)
