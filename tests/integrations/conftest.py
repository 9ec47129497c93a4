"""Set-up for the engine tests: sample texts, a Spark session, a Dask cluster.

Each test module skips itself (`pytest.importorskip`) when its engine is not
installed, so that `pip install '.[test]'` is enough to run the rest. CI installs
the extras and sets VNNORM_REQUIRE_ENGINES=1, which turns every such skip into a
failure: a missing engine, or Java for Spark, must not pass silently.

Spark starts once per session (5-25 s here, most of the engine tests' time),
the Dask cluster once for its module (2-3 s). Both are small: two cores, one
Python worker per core, two shuffle partitions.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

from .samples import SAMPLES

if TYPE_CHECKING:
    from distributed import Client
    from pyspark.sql import SparkSession

REQUIRED = os.environ.get("VNNORM_REQUIRE_ENGINES") == "1"


def unavailable(reason: str) -> NoReturn:
    """Skip a test whose engine cannot run here, or fail it where engines are required."""
    if REQUIRED:
        pytest.fail(f"VNNORM_REQUIRE_ENGINES=1, but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    """With VNNORM_REQUIRE_ENGINES=1, a module skipped by importorskip fails instead."""
    report = yield
    if REQUIRED and report.skipped and isinstance(collector, pytest.Module):
        report.outcome = "failed"
        report.longrepr = f"VNNORM_REQUIRE_ENGINES=1, but {collector.name} was skipped: " + str(
            report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr
        )
    return report


# Spark's own log set-up prints every WARN line to the terminal; errors are enough.
_LOG4J2 = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
"""


@pytest.fixture(scope="session")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparkSession]:
    """A quiet local[2] Spark session, shared by every test in the run."""
    pytest.importorskip("pyspark")
    if shutil.which("java") is None and "JAVA_HOME" not in os.environ:
        unavailable("Spark needs Java 17 or newer, and there is no java on PATH nor JAVA_HOME")
    from pyspark.sql import SparkSession

    log4j = tmp_path_factory.mktemp("spark") / "log4j2.properties"
    log4j.write_text(_LOG4J2, encoding="utf-8")
    with pytest.MonkeyPatch.context() as env:
        # The Python workers must be this interpreter, which has vnnorm installed;
        # binding to loopback spares a DNS lookup of the host name.
        env.setenv("PYSPARK_PYTHON", sys.executable)
        env.setenv("PYSPARK_DRIVER_PYTHON", sys.executable)
        env.setenv("SPARK_LOCAL_IP", "127.0.0.1")
        session = (
            SparkSession.builder.master("local[2]")
            .appName("vnnorm-tests")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.default.parallelism", "2")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={log4j.as_uri()}")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        yield session
        session.stop()


@pytest.fixture(scope="module")
def dask_client() -> Iterator[Client]:
    """A distributed LocalCluster of two single-threaded worker processes.

    Closed after the module that uses it, so its processes do not compete with
    Spark's for the two cores.
    """
    pytest.importorskip("distributed")
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,  # no web server, no port to collide on
            host="127.0.0.1",
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


@pytest.fixture
def jsonl_dir(tmp_path: Path) -> Path:
    """A folder holding one JSON Lines file of the samples, as datatrove reads them.

    Empty texts are left out: datatrove's reader skips a document without text.
    """
    import json

    folder = tmp_path / "damaged"
    folder.mkdir()
    lines = [
        json.dumps({"id": str(i), "text": text}, ensure_ascii=False)
        for i, text in enumerate(SAMPLES)
        if text
    ]
    (folder / "part-0.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder
