"""What vnnorm's engine integrations share; this subpackage imports no engine.

Each engine has a module named after it, so that the import reads as what it
is for, and each imports its engine only when that module is imported:

    vnnorm.spark         fix_column: a pandas (Arrow) UDF for a DataFrame column
    vnnorm.dask          fix_series, fix_partition: for dask.dataframe and dask.bag
    vnnorm.huggingface   fix_batch: a function for datasets.Dataset.map(batched=True)
    vnnorm.datatrove     VnnormFormatter: a pipeline step beside datatrove's formatters

Engines send functions to worker processes by pickling them. The functions here
are top-level, so they pickle by reference (a few bytes, never the model), and
each worker loads the model itself on its first repair (`vnnorm.model.load_model`
is lazy and safe after fork). A missing value (None, NaN, pandas.NA) is passed
through as it is; any other value that is not `str` is an error from `vnnorm.fix`.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from vnnorm.api import fix
from vnnorm.config import Config

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["fix_each", "fix_series", "is_missing"]


def is_missing(value: object) -> bool:
    """True for the ways tables spell a missing value: None, NaN and pandas.NA."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    # pandas.NA can only exist once pandas is imported, so there is no need to import it.
    pandas = sys.modules.get("pandas")
    return pandas is not None and value is getattr(pandas, "NA", None)


def fix_each(values: Iterable[object], config: Config | None = None) -> list[object]:
    """`vnnorm.fix` each value, passing missing values through.

    Any other value that is not `str` (bytes, a number) raises the TypeError of
    `fix`, which says what to pass instead.

    Clean text comes back as the same object, as from `fix`, so a caller can tell
    cheaply whether anything changed (`all(a is b for a, b in zip(...))`).
    """
    return [value if is_missing(value) else fix(cast(str, value), config) for value in values]


def fix_series(series: pd.Series, config: Config | None = None) -> pd.Series:
    """`vnnorm.fix` each text of a pandas Series; missing values stay missing.

    The result has the input's index, name and dtype. When nothing changes, the
    input Series itself is returned (no copy), which is the common case for text
    that is mostly clean.
    """
    values: list[Any] = series.tolist()
    fixed = fix_each(values, config)
    if all(before is after for before, after in zip(values, fixed, strict=True)):
        return series
    result: pd.Series = type(series)(
        fixed, index=series.index, name=series.name, dtype=series.dtype
    )
    return result
