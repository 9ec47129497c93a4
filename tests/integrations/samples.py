"""Texts the engine tests run through each engine, and what vnnorm makes of them."""

from __future__ import annotations

import vnnorm

# Damaged text of each kind vnnorm repairs, clean text it must leave alone, and
# what it makes of the README's examples. None stands for a null in the engine.
SAMPLES: tuple[str | None, ...] = (
    "Nga đă gửi thêm thiết bị. Chưa rơ Nga sẽ gửi bao nhiêu, ông Lavrov nói.",
    "Th\u0301 m\u0301nh c\u0323n",
    "Dá»± Ã¡n Ä‘Æ°á»£c phÃ¡t triá»ƒn",  # noqa: RUF001
    "KhĂ´ng gian lĂ m viá»‡c",  # noqa: RUF001
    None,
    "Nữ tƣớng Trƣng Vƣơng, Ðặng",
    "Bánh răng kim loại, ít rơ hơn SG90",
    "",
    "Plain English, café.",
)
REPAIRED: tuple[str | None, ...] = (
    "Nga đã gửi thêm thiết bị. Chưa rõ Nga sẽ gửi bao nhiêu, ông Lavrov nói.",
    "Thì mình còn",
    "Dự án được phát triển",
    "Không gian làm việc",
    None,
    "Nữ tướng Trưng Vương, Đặng",
    "Bánh răng kim loại, ít rơ hơn SG90",
    "",
    "Plain English, café.",
)


def many_lines(count: int) -> list[str]:
    """`count` lines cycling through the non-null samples, numbered so each is distinct."""
    texts = [text for text in SAMPLES if text]
    return [f"{i}: {texts[i % len(texts)]}" for i in range(count)]


def fixed(texts: list[str | None], config: vnnorm.Config | None = None) -> list[str | None]:
    """What `vnnorm.fix` makes of each text in this process: every engine must agree."""
    return [None if text is None else vnnorm.fix(text, config) for text in texts]
