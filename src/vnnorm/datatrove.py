"""datatrove: a formatter step that repairs each document's text with vnnorm.

    pip install 'vnnorm[datatrove]'    # datatrove, and orjson for its JSONL reader and writer

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from vnnorm import Config
    from vnnorm.datatrove import VnnormFormatter

    LocalPipelineExecutor(
        pipeline=[
            JsonlReader("damaged/"),
            VnnormFormatter(),        # or VnnormFormatter(Config(tone_placement="modern"))
            JsonlWriter("repaired/"),
        ],
        tasks=4,
        logging_dir="logs/",
    ).run()

`VnnormFormatter` is written as datatrove's own formatters are (FTFYFormatter,
PIIFormatter): a `BaseFormatter` whose `format(text)` returns the new text, so
it sits anywhere in a pipeline and runs on any executor. Besides the usual
document count and time it counts the documents it changed under "repaired"
in the step's stats. Each document's text is repaired as one document, so
its lines are evidence for each other as in a whole-file `vnnorm` run.

This module imports datatrove; `import vnnorm` does not.
"""

from __future__ import annotations

from datatrove.pipeline.formatters.base import BaseFormatter

from vnnorm.api import fix
from vnnorm.config import Config

__all__ = ["VnnormFormatter"]


class VnnormFormatter(BaseFormatter):  # type: ignore[misc]  # datatrove ships no type hints
    """Repairs broken Vietnamese in each document's text (see `vnnorm.Config`)."""

    name = "🇻🇳 vnnorm"

    def __init__(self, config: Config | None = None) -> None:
        super().__init__()
        self.config = config

    def format(self, text: str) -> str:
        fixed = fix(text, self.config)
        if fixed is not text:
            self.stat_update("repaired")
        return fixed
