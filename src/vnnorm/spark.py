"""Apache Spark: repair a DataFrame column with a vectorised (pandas, Arrow) UDF.

    pip install 'vnnorm[spark]'        # pyspark, pyarrow, pandas; Spark needs Java 17+

    from pyspark.sql import SparkSession
    from vnnorm.spark import fix_column

    spark = SparkSession.builder.master("local[*]").getOrCreate()
    df = spark.read.text("damaged/*.txt")            # one row per line, column "value"
    df = df.withColumn("value", fix_column("value"))
    df.write.text("repaired")

`fix_column(col, config=None)` takes a column name or a `Column` of strings and
returns a `Column`; nulls stay null, and a `Config` applies as in `vnnorm.fix`:
`fix_column("text", Config(tone_placement="modern"))`. Each value is repaired
as one document, so lines in separate rows do not lend each other evidence:
`vnnorm --evidence-window 0` gives the same output for a file of lines.

Spark sends batches of rows to Python workers through Arrow; each worker loads
the syllable model once, on its first batch. The workers need vnnorm installed
(on a cluster: in the executors' Python environment too).

This module imports pyspark and pandas; `import vnnorm` does not.
"""

from __future__ import annotations

import pandas as pd
from pyspark.sql import Column
from pyspark.sql.pandas.functions import pandas_udf
from pyspark.sql.types import StringType

from vnnorm.config import Config
from vnnorm.integrations import fix_series

__all__ = ["fix_column"]


def fix_column(col: Column | str, config: Config | None = None) -> Column:
    """A `Column` with each text of `col` repaired by `vnnorm.fix`; nulls stay null.

    Given a column name, the result keeps that name, so `df.select(fix_column("text"))`
    has a column "text".
    """

    # pyspark reads the kind of UDF (Series to Series) from these annotations, so
    # they must name pandas.Series itself. The function is pickled by value with
    # `config`; `fix_series` is pickled by reference and imported in the worker.
    def vnnorm_fix(texts: pd.Series) -> pd.Series:
        return fix_series(texts, config)

    # pyspark's stubs only know the older form with an explicit functionType,
    # which now warns; without pyspark installed the ignore is unused.
    udf = pandas_udf(vnnorm_fix, StringType())  # type: ignore[call-overload, unused-ignore]
    fixed: Column = udf(col)
    return fixed.alias(col) if isinstance(col, str) else fixed
