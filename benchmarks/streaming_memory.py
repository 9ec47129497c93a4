"""Memory on a long stream: the peak resident memory of the `vnnorm` command,
its workers included, over one large file.

    python benchmarks/streaming_memory.py                    # 2 GB, -j 1 and -j 2
    python benchmarks/streaming_memory.py --size 200MB --jobs 1
    python benchmarks/streaming_memory.py --quick            # 50 MB, -j 1 and -j 2 (CI)

The input is Vietnamese Wikipedia (../shared/corpus/viwiki, 77 MB), written over
and over until it reaches --size, with one line in 100, picked at random,
damaged as Latin-1 text read as Windows-1258. Wikipedia, not news: its names,
numbers and foreign words make the widest vocabulary in the corpus, and what
vnnorm remembers grows with the vocabulary (src/vnnorm/triggers.py). The
command reads the file and writes to /dev/null, with its default evidence
window, as a user cleaning a dump would run it.

Every 50 ms the resident memory (VmRSS in /proc) of the command and of every
process of its session is summed; the table shows the peak of that sum, and
MB/s (input megabytes, 10^6 bytes, per second of wall time). Linux only.
"""

from __future__ import annotations

import argparse
import lzma
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from at_scale import MB, parse_size, shared_corpus

from vnnorm.chardata import DAMAGE_LATIN1_AS_CP1258

DAMAGED_SHARE = 0.01


def default_corpus() -> Path:
    return shared_corpus() / "viwiki" / "text.txt.xz"


def build_input(wiki: Path, size: int, path: Path, seed: int = 1) -> int:
    """Write at least `size` bytes of Wikipedia's lines to `path`, one in 100
    damaged; return the size."""
    with lzma.open(wiki, "rt", encoding="utf-8") as source:
        lines = source.read().splitlines(keepends=True)
    rng = random.Random(seed)
    written = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        while written < size:
            for line in lines:
                if rng.random() < DAMAGED_SHARE:
                    line = line.translate(DAMAGE_LATIN1_AS_CP1258)
                out.write(line)
                written += len(line.encode("utf-8"))
                if written >= size:
                    break
    return written


def _resident_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass  # it ended between the listing and the read
    return 0


def _session_kb(sid: int) -> int:
    """The summed VmRSS of the processes of session `sid`."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(fields[3]) == sid:  # field 6 of stat, after the name: the session
            total += _resident_kb(int(entry))
    return total


def measure(source: Path, jobs: int) -> tuple[float, float]:
    """Run the command over `source` with `jobs` workers: (seconds, peak MB resident)."""
    command = [sys.executable, "-m", "vnnorm", "-j", str(jobs), str(source)]
    peak = 0
    start = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, start_new_session=True) as process:
        while process.poll() is None:
            peak = max(peak, _session_kb(process.pid))
            time.sleep(0.05)
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"the command failed with status {process.returncode}")
    return seconds, peak / 1024


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=parse_size, default=parse_size("2GB"))
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--quick", action="store_true", help="50 MB, for CI")
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    args = parser.parse_args(argv)
    if not os.path.isdir("/proc/self"):
        parser.error("needs Linux's /proc to read resident memory")
    size = parse_size("50MB") if args.quick else args.size
    with tempfile.TemporaryDirectory(prefix="vnnorm-memory-") as folder:
        source = Path(folder) / "input.txt"
        written = build_input(args.corpus, size, source)
        print(f"{written / MB:,.0f} MB of Wikipedia, 1 line in 100 damaged; peak resident memory")
        print(f"{'workers':>7}  {'MB/s':>6}  {'seconds':>7}  {'peak MB':>7}")
        for jobs in args.jobs:
            seconds, peak = measure(source, jobs)
            print(f"{jobs:>7}  {written / MB / seconds:6.1f}  {seconds:7.1f}  {peak:7.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
