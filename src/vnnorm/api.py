"""The public entry points: `fix` and its explaining twin."""

from __future__ import annotations

from vnnorm import pipeline
from vnnorm.config import Config
from vnnorm.plan import Explanation
from vnnorm.triggers import MAX_TEXT

_DEFAULT = Config()
_DEFAULT_TRIGGERS = pipeline.ascii_triggers(_DEFAULT)
_DEFAULT_LISTENING = pipeline.listening(_DEFAULT)


def fix(text: str, config: Config | None = None) -> str:
    """Repair damaged Vietnamese in `text` and return it; clean text comes back unchanged.

    >>> fix("Nga đă gửi thêm thiết bị, chưa rơ số lượng.")
    'Nga đã gửi thêm thiết bị, chưa rõ số lượng.'
    """
    if text.__class__ is str and text.isascii():
        # Most text is plain ASCII, which most fixers never touch: answer at once,
        # inline, for a call per short line costs more than the test itself.
        triggers = _DEFAULT_TRIGGERS if config is None else pipeline.ascii_triggers(config)
        for trigger in triggers:
            if not trigger or trigger in text:
                break
        else:
            return text
    elif (
        config is None
        and _DEFAULT_LISTENING is not None
        and text.__class__ is str
        and len(text) <= MAX_TEXT  # a long text is read a line at a time, by the pipeline
    ):
        # most Vietnamese text needs nothing either, and its tokens say so
        if pipeline.TRIGGERS.all_quiet(text):
            return text
        bits = pipeline.TRIGGERS.set_off(text)
        if not bits or not pipeline.sets_off(bits, _DEFAULT_LISTENING):
            return text
    explanation = pipeline.explain(text, config or _DEFAULT)
    return text if not explanation.changes else explanation.text


def fix_and_explain(text: str, config: Config | None = None) -> Explanation:
    """Like `fix`, and also return every change with its span, rule and evidence,
    and the repairs left undone for want of evidence (`doubts`)."""
    return pipeline.explain(text, config or _DEFAULT, doubts=True)
