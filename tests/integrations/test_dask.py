"""vnnorm with dask.bag and dask.dataframe on a LocalCluster of two worker processes."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

pytest.importorskip("dask")
pytest.importorskip("distributed")
pytest.importorskip("pandas")

import dask.bag as db
import dask.dataframe as dd
import pandas as pd
from distributed import Client

import vnnorm
from vnnorm.dask import fix_partition, fix_series

from .samples import SAMPLES, fixed, many_lines

pytestmark = [pytest.mark.engines, pytest.mark.dask]


def test_the_cluster_has_two_worker_processes(dask_client: Client) -> None:
    pids = dask_client.run(os.getpid)
    assert len(set(pids.values())) == 2
    assert os.getpid() not in pids.values()


@pytest.mark.parametrize("function", [vnnorm.fix, fix_partition, fix_series])
def test_functions_pickle_by_reference(function: object) -> None:
    # What a task carries is the function's name, never the model.
    data = pickle.dumps(function)
    assert pickle.loads(data) is function
    assert len(data) < 200


def test_bag_map_fix(dask_client: Client) -> None:
    lines = many_lines(600)
    bag = db.from_sequence(lines, npartitions=6)

    assert bag.map(vnnorm.fix).compute() == fixed(list(lines))


def test_bag_of_text_file_lines_round_trips(dask_client: Client, tmp_path: Path) -> None:
    folder = tmp_path
    lines = many_lines(300)
    (folder / "in.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")

    bag = db.read_text(str(folder / "in.txt"), encoding="utf-8", blocksize=4000)
    assert bag.npartitions > 1
    bag = bag.map(str.removesuffix, "\n").map(vnnorm.fix)
    bag.to_textfiles(str(folder / "out" / "*.txt"), encoding="utf-8", last_endline=True)

    parts = sorted((folder / "out").glob("*.txt"), key=lambda path: int(path.stem))
    out = "".join(path.read_text(encoding="utf-8") for path in parts)
    assert out.splitlines() == fixed(list(lines))


def test_bag_map_partitions_with_config(dask_client: Client) -> None:
    config = vnnorm.Config(tone_placement="modern")
    bag = db.from_sequence(["Nga đă gửi hòa", None, "khỏe"], npartitions=2)

    out = bag.map_partitions(fix_partition, config=config).compute()

    assert out == ["Nga đã gửi hoà", None, "khoẻ"]


def test_dataframe_column_keeps_nulls_dtype_and_other_columns(dask_client: Client) -> None:
    texts = list(SAMPLES) * 20
    frame = pd.DataFrame({"text": texts, "n": range(len(texts))})
    ddf = dd.from_pandas(frame, npartitions=4)
    dtype = ddf["text"].dtype

    ddf["text"] = ddf["text"].map_partitions(fix_series, meta=ddf["text"])
    out = ddf.compute()

    assert out["text"].dtype == dtype
    assert [None if pd.isna(text) else text for text in out["text"]] == fixed(texts)
    assert out["n"].tolist() == list(range(len(texts)))


def test_dataframe_column_with_config(dask_client: Client) -> None:
    ddf = dd.from_pandas(pd.DataFrame({"text": ["hòa", "khỏe"]}), npartitions=2)
    config = vnnorm.Config(tone_placement="modern")

    out = ddf["text"].map_partitions(fix_series, config=config, meta=ddf["text"]).compute()

    assert out.tolist() == ["hoà", "khoẻ"]
