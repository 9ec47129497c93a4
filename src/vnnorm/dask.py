"""Dask: repair text in a dask.bag or a dask.dataframe column, on any scheduler.

    pip install 'vnnorm[dask]'         # dask[dataframe] and distributed

A bag of texts needs nothing from this module, since `vnnorm.fix` is a plain
top-level function that pickles by reference:

    import dask.bag as db
    import vnnorm, vnnorm.dask

    lines = db.read_text("damaged/*.txt", encoding="utf-8", blocksize="16MiB")
    lines = lines.map(str.removesuffix, "\\n")       # read_text keeps each "\\n"
    lines.map(vnnorm.fix).to_textfiles("repaired/*.txt", encoding="utf-8", last_endline=True)

    lines.map(vnnorm.fix, config=vnnorm.Config(tone_placement="modern"))  # with options
    lines.map_partitions(vnnorm.dask.fix_partition)   # one call per partition

A DataFrame column is repaired a partition (a pandas Series) at a time; give
the column itself as `meta`, so the result keeps its name and dtype:

    import dask.dataframe as dd
    from vnnorm import Config
    from vnnorm.dask import fix_series

    ddf = dd.read_parquet("damaged.parquet")
    ddf["text"] = ddf["text"].map_partitions(fix_series, meta=ddf["text"])

    modern = Config(tone_placement="modern")              # with options
    ddf["title"] = ddf["title"].map_partitions(fix_series, config=modern, meta=ddf["title"])

Missing values (None, NaN, pandas.NA) stay missing. Each text is repaired as one
document, as with `vnnorm.fix`; for a file of lines that is what
`vnnorm --evidence-window 0` does.

With `distributed` (a LocalCluster of worker processes, or a real cluster) each
worker loads the syllable model once, on its first text; tasks carry only
references to these functions. The workers need vnnorm installed.

This module imports neither dask nor pandas: the functions work on what they
are given, so they are as usable from plain pandas or multiprocessing.
"""

from __future__ import annotations

from collections.abc import Iterable

from vnnorm.config import Config
from vnnorm.integrations import fix_each, fix_series

__all__ = ["fix_partition", "fix_series"]


def fix_partition(texts: Iterable[object], config: Config | None = None) -> list[object]:
    """`vnnorm.fix` each text of a bag partition; missing values (None) pass through."""
    return fix_each(texts, config)
