"""Throughput at scale: the CLI, Spark and Dask on one large file of damaged lines.

    python benchmarks/at_scale.py                  # 200 MB, each case once
    python benchmarks/at_scale.py --size 20MB      # 20 MB, median of 3 runs
    python benchmarks/at_scale.py --quick          # 4 MB, for CI: checks every case still works
    python benchmarks/at_scale.py --cases cli,dask --runs 5 --keep

The input is the UD Vietnamese VTB treebank (train, dev and test, 0.37 MB of news
sentences; ../shared/corpus or $VNNORM_SHARED/corpus) written over and over until
it reaches --size, half of the lines, picked at random, damaged as Latin-1 text
read as Windows-1258 (`vnnorm.chardata.DAMAGE_LATIN1_AS_CP1258`). Each line is one
record and is repaired on its own, so the CLI runs with `--evidence-window 0`
(and `-j 2` where the CLI has it): with it the CLI decides each line exactly as
`vnnorm.fix(line)` does in an engine.

Cases, each writing the repaired file (or a folder of parts) to disk:
  copy     baseline: one Python process reads and writes the lines (the I/O floor)
  nfc      baseline: the same, with unicodedata2.normalize("NFC") on each line
  cli      `python -m vnnorm --evidence-window 0 [-j 2] input > output`
  spark    local[2]: read.text, withColumn(fix_column), write.text
  dask     LocalCluster, 2 worker processes: read_text, map(vnnorm.fix), to_textfiles

MB/s is input megabytes (10^6 bytes) per second of wall time, the median of
--runs runs; "÷ nfc" is a case's time over the nfc baseline's. On a shared
machine compare each figure with the baselines of the same run. Starting Spark's
JVM or Dask's cluster is timed once, apart, and not counted; loading the model in
each worker is counted. Every engine's output must be byte-identical to the
CLI's, or the run fails (exit status 1).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import unicodedata2

from vnnorm.chardata import DAMAGE_LATIN1_AS_CP1258

ROOT = Path(__file__).resolve().parent.parent
SPLITS = ("train", "dev", "test")
MB = 1_000_000
CASES = ("copy", "nfc", "cli", "spark", "dask")
# Characters that str.splitlines treats as line breaks and Spark, Dask or the CLI
# might not; a line holding one is left out so that every reader sees the same lines.
_OTHER_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def shared_corpus() -> Path:
    """../shared/corpus, or $VNNORM_SHARED/corpus."""
    return Path(os.environ.get("VNNORM_SHARED", ROOT.parent / "shared")) / "corpus"


def default_corpus() -> Path:
    return shared_corpus() / "ud-vietnamese-vtb"


def parse_size(text: str) -> int:
    """'200MB', '20 MB', '1.5GB', '500kB', '64MiB' or a number of bytes."""
    match = re.fullmatch(r"\s*([\d.]+)\s*([kMG]i?B|[kMG])?\s*", text, re.IGNORECASE)
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 200MB)")
    number, unit = float(match[1]), (match[2] or "").lower()
    scale = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9, "kib": 2**10, "mib": 2**20}
    scale |= {"gib": 2**30, "kb": 10**3, "mb": 10**6, "gb": 10**9}
    return int(number * scale[unit])


def build_input(corpus: Path, size: int, path: Path, seed: int = 1) -> int:
    """Write at least `size` bytes of lines to `path`, half of them damaged; return the size."""
    lines = [
        line
        for split in SPLITS
        for line in (corpus / f"{split}.txt").read_text(encoding="utf-8").split("\n")
        if line and not _OTHER_BREAKS.search(line)
    ]
    rng = random.Random(seed)
    written = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        while written < size:
            chunk = "".join(
                (line.translate(DAMAGE_LATIN1_AS_CP1258) if rng.random() < 0.5 else line) + "\n"
                for line in lines
            )
            out.write(chunk)
            written += len(chunk.encode("utf-8"))
    return written


def digest(paths: Sequence[Path]) -> str:
    """SHA-256 of the files' bytes, one after the other."""
    sha = hashlib.sha256()
    for path in paths:
        with path.open("rb") as data:
            for block in iter(lambda: data.read(1 << 20), b""):
                sha.update(block)
    return sha.hexdigest()


def numbered_parts(folder: Path, pattern: str) -> list[Path]:
    """The part files in `folder` in the order of the number in their names."""

    def number(path: Path) -> int:
        return int(re.findall(r"\d+", path.name)[0])

    return sorted(folder.glob(pattern), key=number)


# ---- the cases -------------------------------------------------------------------
# Each takes the input and a fresh output path and returns the files it wrote, in order.


def run_copy(source: Path, target: Path) -> list[Path]:
    with source.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for line in lines:
            out.write(line)
    return [target]


def run_nfc(source: Path, target: Path) -> list[Path]:
    normalize = unicodedata2.normalize
    with source.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for line in lines:
            out.write(normalize("NFC", line))
    return [target]


def cli_command(jobs: int) -> tuple[list[str], str]:
    """The CLI command line for this checkout, and a note on what it lacks."""
    command = [sys.executable, "-m", "vnnorm"]
    help_text = subprocess.run(
        [*command, "--help"], capture_output=True, text=True, check=True
    ).stdout
    notes = []
    if "--evidence-window" in help_text:
        command += ["--evidence-window", "0"]
    else:
        notes.append("no --evidence-window: lines lend each other evidence")
    if re.search(r"(^|[\s\[,])-j\b", help_text):
        command += ["-j", str(jobs)]
    else:
        notes.append(f"no -j option yet: the CLI ran in one process, not {jobs}")
    return command, "; ".join(notes)


@dataclass
class Engines:
    """The long-lived engines, started once and timed apart."""

    workdir: Path
    partition_bytes: int
    startup: dict[str, float] = field(default_factory=dict)
    _stack: contextlib.ExitStack = field(default_factory=contextlib.ExitStack)
    _spark: Any = None
    _dask: Any = None

    def spark(self) -> Any:
        if self._spark is None:
            start = time.perf_counter()
            self._spark = self._stack.enter_context(start_spark(self.workdir, self.partition_bytes))
            self.startup["spark"] = time.perf_counter() - start
        return self._spark

    def dask(self) -> Any:
        if self._dask is None:
            start = time.perf_counter()
            self._dask = self._stack.enter_context(start_dask())
            self.startup["dask"] = time.perf_counter() - start
        return self._dask

    def close(self) -> None:
        self._stack.close()


@contextlib.contextmanager
def start_spark(workdir: Path, partition_bytes: int) -> Iterator[Any]:
    from pyspark.sql import SparkSession

    log4j = workdir / "log4j2.properties"
    log4j.write_text(
        "rootLogger.level = error\nrootLogger.appenderRef.stderr.ref = console\n"
        "appender.console.type = Console\nappender.console.name = console\n"
        "appender.console.target = SYSTEM_ERR\nappender.console.layout.type = PatternLayout\n"
        "appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n\n",
        encoding="utf-8",
    )
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("vnnorm-at-scale")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.files.maxPartitionBytes", str(partition_bytes))
        .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={log4j.as_uri()}")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        yield spark
    finally:
        spark.stop()


@contextlib.contextmanager
def start_dask() -> Iterator[Any]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def run_spark(engines: Engines, source: Path, target: Path) -> list[Path]:
    from vnnorm.spark import fix_column

    spark = engines.spark()
    lines = spark.read.text(str(source), wholetext=False)
    lines.withColumn("value", fix_column("value")).write.text(str(target))
    return numbered_parts(target, "part-*.txt")


def run_dask(engines: Engines, source: Path, target: Path) -> list[Path]:
    import dask.bag as db

    import vnnorm

    engines.dask()
    lines = db.read_text(str(source), encoding="utf-8", blocksize=engines.partition_bytes)
    lines = lines.map(str.removesuffix, "\n").map(vnnorm.fix)
    lines.to_textfiles(str(target / "*.part"), encoding="utf-8", last_endline=True)
    return numbered_parts(target, "*.part")


# ---- running and reporting -------------------------------------------------------


@dataclass
class Result:
    case: str
    seconds: list[float]
    digest: str
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def measure(
    case: str, run: Callable[[Path, Path], list[Path]], source: Path, workdir: Path, runs: int
) -> Result:
    seconds = []
    result_digest = ""
    for _ in range(runs):
        target = workdir / f"out-{case}"
        shutil.rmtree(target, ignore_errors=True)
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        start = time.perf_counter()
        written = run(source, target)
        seconds.append(time.perf_counter() - start)
        result_digest = digest(written)
        shutil.rmtree(target, ignore_errors=True)
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
    return Result(case, seconds, result_digest)


def missing_engine(case: str) -> str | None:
    """Why `case` cannot run here, or None."""
    modules = {"spark": ("pyspark", "pyarrow", "pandas"), "dask": ("dask", "distributed")}
    for module in modules.get(case, ()):
        try:
            __import__(module)
        except ImportError:
            extra = "spark" if case == "spark" else "dask"
            return f"skipped: no {module} (pip install 'vnnorm[{extra}]')"
    if case == "spark" and not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        return "skipped: Spark needs Java 17+"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=parse_size, default=None, help="input size (200MB)")
    parser.add_argument("--quick", action="store_true", help="4 MB, one run: for CI")
    parser.add_argument("--runs", type=int, default=None, help="runs per case (median)")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated cases")
    parser.add_argument("--jobs", type=int, default=2, help="CLI -j, if it has it (2)")
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--workdir", type=Path, default=None, help="default: a temp folder")
    parser.add_argument("--keep", action="store_true", help="keep the workdir")
    args = parser.parse_args(argv)

    size = args.size or (4 * MB if args.quick else 200 * MB)
    runs = args.runs or (1 if args.quick or size >= 100 * MB else 3)
    cases = [case.strip() for case in args.cases.split(",") if case.strip()]
    unknown = sorted(set(cases) - set(CASES))
    if unknown:
        parser.error(f"unknown cases {unknown}; choose from {', '.join(CASES)}")
    if not (args.corpus / "train.txt").is_file():
        parser.error(f"no UD VTB text at {args.corpus} (set VNNORM_SHARED or --corpus)")

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="vnnorm-at-scale-"))
    workdir.mkdir(parents=True, exist_ok=True)
    source = workdir / "input.txt"
    size = build_input(args.corpus, size, source)
    # Enough partitions for both cores to stay busy, few enough to keep overheads small.
    partition_bytes = min(max(size // 16, 256 * 1024), 32 * 2**20)
    engines = Engines(workdir, partition_bytes)
    command, cli_note = cli_command(args.jobs)

    def run_cli(source: Path, target: Path) -> list[Path]:
        with target.open("wb") as out:
            subprocess.run([*command, str(source)], stdout=out, check=True)
        return [target]

    runners: dict[str, Callable[[Path, Path], list[Path]]] = {
        "copy": run_copy,
        "nfc": run_nfc,
        "cli": run_cli,
        "spark": lambda source, target: run_spark(engines, source, target),
        "dask": lambda source, target: run_dask(engines, source, target),
    }
    print(f"input: {size / MB:.1f} MB, {source}", flush=True)
    print(f"cli: {' '.join(command[2:])} FILE" + (f" ({cli_note})" if cli_note else ""))
    print(f"runs per case: {runs} (median); partitions of {partition_bytes / MB:.2f} MB\n")

    results: list[Result] = []
    skipped: dict[str, str] = {}
    try:
        for case in cases:
            reason = missing_engine(case)
            if reason:
                skipped[case] = reason
                continue
            print(f"  {case} ...", end="", flush=True)
            result = measure(case, runners[case], source, workdir, runs)
            print(f" {result.median:.1f} s", flush=True)
            results.append(result)
    finally:
        engines.close()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    ok = report(results, skipped, engines.startup, size)
    return 0 if ok else 1


def report(
    results: list[Result], skipped: dict[str, str], startup: dict[str, float], size: int
) -> bool:
    """Print the table; False if an engine's output differs from the CLI's."""
    reference = next((r.digest for r in results if r.case == "cli"), None)
    baseline = next((r.median for r in results if r.case == "nfc"), None)
    ok = True
    print(f"\n{'case':<7} {'seconds':>8} {'MB/s':>7} {'÷ nfc':>7}  output")
    print("-" * 56)
    for result in results:
        mbps = size / MB / result.median
        slower = f"{result.median / baseline:.1f}" if baseline else "-"
        if result.case in ("copy", "nfc"):
            check = "baseline"
        elif result.case == "cli":
            check = "reference"
        elif reference is None:
            check = "not checked (no cli case)"
        elif result.digest == reference:
            check = "= cli"
        else:
            check = "DIFFERS FROM CLI"
            ok = False
        print(f"{result.case:<7} {result.median:>8.1f} {mbps:>7.2f} {slower:>7}  {check}")
    for case, reason in skipped.items():
        print(f"{case:<7} {reason}")
    for engine, seconds in startup.items():
        print(f"({engine} start-up, not counted: {seconds:.1f} s)")
    if not ok:
        print(
            "\nan engine's output differs from the CLI's: its figure means nothing", file=sys.stderr
        )
    return ok


if __name__ == "__main__":
    raise SystemExit(main())
