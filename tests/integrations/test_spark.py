"""vnnorm.spark.fix_column on a real local[2] Spark session (needs pyspark and Java)."""

from __future__ import annotations

import pytest

pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")
pytest.importorskip("pandas")

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

import vnnorm
from vnnorm import Config
from vnnorm.spark import fix_column

from .samples import REPAIRED, SAMPLES, fixed, many_lines

pytestmark = [
    pytest.mark.engines,
    pytest.mark.spark,
    # pyspark before 4.2 leaves collect()'s socket to the garbage collector
    # (SPARK-54247); the warning is pyspark's, not vnnorm's.
    pytest.mark.filterwarnings("ignore:unclosed <socket.socket:ResourceWarning"),
]


def test_with_column_repairs_text_and_keeps_nulls_and_other_columns(spark: SparkSession) -> None:
    rows = [(i, text) for i, text in enumerate(SAMPLES)]
    df = spark.createDataFrame(rows, "id int, text string")

    out = df.withColumn("text", fix_column("text")).orderBy("id").collect()

    assert [row.text for row in out] == list(REPAIRED)
    assert [row.id for row in out] == list(range(len(SAMPLES)))


def test_a_column_name_keeps_its_name_and_a_column_object_works(spark: SparkSession) -> None:
    df = spark.createDataFrame([(SAMPLES[0],)], "text string")

    assert df.select(fix_column("text")).columns == ["text"]
    by_object = df.select(fix_column(F.col("text")).alias("t")).first()
    assert by_object is not None
    assert by_object.t == REPAIRED[0]


def test_config_is_applied_in_the_workers(spark: SparkSession) -> None:
    df = spark.createDataFrame([("Nga đă gửi hòa",)], "text string")
    config = Config(tone_placement="modern")

    modern = df.select(fix_column("text", config)).first()
    untouched = df.select(fix_column("text", Config(repair_latin1_cp1258=False))).first()

    assert modern is not None and untouched is not None
    assert modern.text == "Nga đã gửi hoà" == vnnorm.fix("Nga đă gửi hòa", config)
    assert untouched.text == "Nga đă gửi hòa"


def test_many_rows_in_several_partitions_match_fix(spark: SparkSession) -> None:
    texts = many_lines(2000)
    df = spark.createDataFrame(list(enumerate(texts)), "id int, text string").repartition(4)

    out = df.withColumn("text", fix_column("text")).orderBy("id").collect()

    assert [row.text for row in out] == fixed(list(texts))
