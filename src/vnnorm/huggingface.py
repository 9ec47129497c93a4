"""Hugging Face datasets: repair text columns with `Dataset.map`.

    pip install 'vnnorm[huggingface]'  # datasets

    from datasets import load_dataset
    from vnnorm import Config
    from vnnorm.huggingface import fix_batch

    ds = load_dataset("json", data_files="damaged.jsonl", split="train")
    ds = ds.map(fix_batch("text"), batched=True)                  # one column
    ds = ds.map(fix_batch("title", "text"), batched=True, num_proc=4)  # several, in 4 processes
    ds = ds.map(fix_batch("text", config=Config(tone_placement="modern")), batched=True)

`fix_batch(*columns, config=None)` returns a `BatchFixer`, a small frozen
object that `map` calls with a batch (a dict of column name to list of values)
and that returns the repaired columns; the other columns are left as they are.
It works with `batched=False` too. Nulls stay null. Each value is repaired as
one document, as with `vnnorm.fix`.

The fixer pickles by reference to this module plus its columns and config, so
`num_proc` works, and it hashes the same in every run, so `datasets` can find
the result of an earlier `map` in its cache instead of computing it again.

This module imports nothing from datasets: the fixer only reads and returns
plain Python values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vnnorm.api import fix
from vnnorm.config import Config
from vnnorm.integrations import fix_each, is_missing

__all__ = ["BatchFixer", "fix_batch"]


@dataclass(frozen=True)
class BatchFixer:
    """Repairs `columns` of a `datasets` batch (or of a single example)."""

    columns: tuple[str, ...]
    config: Config | None = None

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        fixed: dict[str, Any] = {}
        for column in self.columns:
            try:
                values = batch[column]
            except KeyError:
                raise KeyError(
                    f"fix_batch: no column {column!r}; the columns are {sorted(batch)}"
                ) from None
            if isinstance(values, str):  # map(batched=False) passes one example
                fixed[column] = fix(values, self.config)
            elif is_missing(values):
                fixed[column] = values
            else:
                fixed[column] = fix_each(values, self.config)
        return fixed


def fix_batch(*columns: str, config: Config | None = None) -> BatchFixer:
    """A function for `Dataset.map(batched=True)` repairing `columns` ("text" if none)."""
    for column in columns:
        if not isinstance(column, str):
            raise TypeError(
                f"fix_batch takes column names, not {type(column).__name__}; "
                "pass several as fix_batch('title', 'text')"
            )
    return BatchFixer(columns or ("text",), config)
