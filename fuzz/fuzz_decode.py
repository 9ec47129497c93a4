"""Coverage-guided fuzzing of `vnnorm.decode` (bytes in, repaired text out) with atheris.

    python fuzz/fuzz_decode.py -max_total_time=60
    python fuzz/fuzz_decode.py --make-corpus fuzz/corpus-decode

See fuzz/README.md. Until `vnnorm.decode` exists the harness says so and exits 0,
so CI can run it from now on. The input is the bytes given to `decode`, as they
are: a file's contents in any encoding, any damage, or none.

Every input must pass `check`: `decode` raises nothing for bytes; its text is NFC,
a fixed point of `fix`, and comes back unchanged from `decode` of its own UTF-8;
a `str` or other non-bytes argument is refused with TypeError.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_fix  # the seed texts and damage families are shared


def _decode() -> Callable[..., Any] | None:
    import vnnorm

    found: Callable[..., Any] | None = getattr(vnnorm, "decode", None)
    return found


def _text_of(result: object) -> str:
    """decode's text, whether it returns a str or an object with `.text`."""
    text = result if isinstance(result, str) else getattr(result, "text", None)
    if not isinstance(text, str):
        raise AssertionError(f"decode returned {type(result).__name__}, with no text")
    return text


def check(data: bytes) -> None:
    """The properties every input must have; raises AssertionError (or the bug) if not."""
    decode = _decode()
    if decode is None:
        return
    import unicodedata2

    import vnnorm

    text = _text_of(decode(data))
    if unicodedata2.normalize("NFC", text) != text:
        raise AssertionError(f"not NFC: {data!r} -> {text!r}")
    fixed = vnnorm.fix(text)
    if fixed != text:
        raise AssertionError(f"not a fixed point of fix: {data!r} -> {text!r} -> {fixed!r}")
    try:
        utf8 = text.encode("utf-8")
    except UnicodeEncodeError:
        utf8 = None  # lone surrogates (bytes passed through): no UTF-8 to decode again
    if utf8 is not None:
        again = _text_of(decode(utf8))
        if again != text:
            raise AssertionError(f"decode of its own UTF-8 differs: {text!r} -> {again!r}")
    for value in (text, None, len(data), [data]):
        try:
            decode(value)
        except TypeError:
            continue
        raise AssertionError(f"decode accepted a {type(value).__name__}")


def seeds(root: Path) -> Iterator[bytes]:
    """Each seed text in the encodings a file arrives in, damaged or not."""
    seen: set[bytes] = set()
    for entry in fuzz_fix.seeds(root):
        text, _, _ = fuzz_fix.parse_input(entry)
        for encoding in ("utf-8", "utf-8-sig", "utf-16", "cp1258", "cp1252", "tcvn3", "vni"):
            try:
                data = text.encode(encoding)
            except UnicodeError:
                continue
            if data not in seen:
                seen.add(data)
                yield data


def main(argv: list[str]) -> None:
    root = Path(__file__).resolve().parents[1]
    if len(argv) == 3 and argv[1] == "--make-corpus":
        directory = Path(argv[2])
        directory.mkdir(parents=True, exist_ok=True)
        count = 0
        for entry in seeds(root):
            (directory / hashlib.sha1(entry).hexdigest()).write_bytes(entry)
            count += 1
        print(f"wrote {count} seeds to {directory}")
        return
    import atheris  # type: ignore[import-untyped, import-not-found, unused-ignore]

    fuzz_fix.instrument_vnnorm(atheris)
    if _decode() is None:
        print("vnnorm.decode does not exist yet: nothing to fuzz")
        return
    atheris.Setup(argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
