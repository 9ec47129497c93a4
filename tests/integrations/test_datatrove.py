"""vnnorm.datatrove.VnnormFormatter as a datatrove pipeline step."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

pytest.importorskip("datatrove")

from datatrove.data import Document
from datatrove.pipeline.formatters.base import BaseFormatter

from vnnorm import Config
from vnnorm.datatrove import VnnormFormatter

from .samples import REPAIRED, SAMPLES

pytestmark = [pytest.mark.engines, pytest.mark.datatrove]

TEXTS = [text for text in SAMPLES if text is not None]
EXPECTED = [text for text in REPAIRED if text is not None]


def test_is_a_formatter_and_repairs_documents() -> None:
    step = VnnormFormatter()
    docs = [Document(text=text, id=str(i), metadata={"n": i}) for i, text in enumerate(TEXTS)]

    out = list(step.run(iter(docs)))

    assert isinstance(step, BaseFormatter)
    assert [doc.text for doc in out] == EXPECTED
    assert [(doc.id, doc.metadata) for doc in out] == [
        (str(i), {"n": i}) for i in range(len(TEXTS))
    ]
    changed = sum(before != after for before, after in zip(TEXTS, EXPECTED, strict=True))
    assert step.stats["repaired"].total == changed
    assert step.stats["total"].total == len(TEXTS)


def test_format_with_a_config() -> None:
    assert VnnormFormatter(Config(tone_placement="modern")).format("Nga đă gửi hòa") == (
        "Nga đã gửi hoà"
    )
    assert VnnormFormatter().format("Nga đă gửi hòa") == "Nga đã gửi hòa"


def test_a_document_is_repaired_as_a_whole(tmp_path: Path) -> None:
    # Lines of one document lend each other evidence, as in a whole-file CLI run.
    text = "\n".join(TEXTS)
    doc = Document(text=text, id="0")

    (out,) = VnnormFormatter().run(iter([doc]))

    import vnnorm

    assert out.text == vnnorm.fix(text)


def test_local_pipeline_reads_repairs_and_writes_jsonl(jsonl_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("orjson")  # datatrove's JSONL reader and writer need it
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    output = tmp_path / "repaired"
    executor = LocalPipelineExecutor(
        pipeline=[JsonlReader(str(jsonl_dir)), VnnormFormatter(), JsonlWriter(str(output))],
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    )
    executor.run()

    (part,) = output.glob("*.jsonl.gz")
    with gzip.open(part, "rt", encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    assert [record["id"] for record in records] == [
        str(i) for i, text in enumerate(SAMPLES) if text
    ]
    assert [record["text"] for record in records] == [text for text in REPAIRED if text]
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))
    (formatter,) = [step for step in stats if "vnnorm" in step["name"]]
    assert formatter["stats"]["repaired"] == sum(
        a != b for a, b in zip(TEXTS, EXPECTED, strict=True)
    )
