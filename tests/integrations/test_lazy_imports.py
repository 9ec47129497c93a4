"""`import vnnorm` stays light: no engine is imported until its module is."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

from vnnorm import Config
from vnnorm.integrations import fix_each, is_missing

ENGINES = ("pyspark", "dask", "distributed", "datasets", "datatrove", "pandas", "pyarrow")


def imported_after(statement: str) -> list[str]:
    """The engines in sys.modules after running `statement` in a fresh interpreter."""
    code = (
        f"import sys\n{statement}\n"
        f"import json; print(json.dumps(sorted(m for m in sys.modules "
        f"if m.split('.')[0] in {ENGINES!r})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return list(json.loads(result.stdout))


def test_import_vnnorm_imports_no_engine_nor_the_integrations() -> None:
    assert imported_after("import vnnorm; assert 'vnnorm.integrations' not in sys.modules") == []


def test_helpers_that_need_no_engine_import_none() -> None:
    statement = "import vnnorm.integrations, vnnorm.dask, vnnorm.huggingface"
    assert imported_after(statement) == []


def test_is_missing() -> None:
    assert is_missing(None)
    assert is_missing(math.nan)
    assert not is_missing("")
    assert not is_missing(0.0)
    assert not is_missing("None")


def test_is_missing_knows_pandas_na() -> None:
    pd = pytest.importorskip("pandas")
    assert is_missing(pd.NA)
    assert not is_missing(pd.Series([1]))


def test_fix_each_passes_missing_values_and_clean_text_through() -> None:
    clean = "Bánh răng kim loại"
    out = fix_each(["Nga đă gửi", None, math.nan, clean], Config())

    assert out[0] == "Nga đã gửi"
    assert out[1] is None
    assert isinstance(out[2], float) and math.isnan(out[2])
    assert out[3] is clean


def test_fix_each_refuses_bytes_with_fix_s_own_message() -> None:
    with pytest.raises(TypeError, match="Decode the bytes first"):
        fix_each([b"Nga \xc4\x91\xc4\x83"])
