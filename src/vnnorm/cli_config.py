"""Command-line options made from the fields of `vnnorm.Config`.

Each field becomes a flag (`--no-remove-bom`, `--tone-placement modern`, …) with
its help taken from the Config docstring, so a new field is a new flag for
`vnnorm` and `vnnorm scan` with no work here.
"""

from __future__ import annotations

import argparse
import dataclasses
import inspect
import re
import typing
from typing import Any, Literal

from vnnorm.config import Config

CONFIG_PREFIX = "config_"  # argparse dest of a Config field, apart from the CLI's own


def _config_help() -> dict[str, str]:
    """Each field's description, from the "name = default" entries of Config's docstring."""
    doc = inspect.getdoc(Config) or ""
    entries = re.finditer(r"^(\w+) = [^\n]*\n((?:[ \t]+\S[^\n]*\n?)*)", doc, re.MULTILINE)
    return {m.group(1): " ".join(m.group(2).split()).replace("%", "%%") for m in entries}


def add_config_options(group: argparse._ArgumentGroup) -> None:
    """One flag per Config field, so that a new field is a new flag with no work here."""
    hints = typing.get_type_hints(Config)  # the annotations are strings (PEP 563)
    described = _config_help()
    for field in dataclasses.fields(Config):
        if field.default is dataclasses.MISSING:
            raise TypeError(f"Config.{field.name} needs a default to become a CLI option")
        hint, flag = hints[field.name], "--" + field.name.replace("_", "-")
        about = described.get(field.name, field.name.replace("_", " "))
        options: dict[str, Any] = {"help": f"{about} (default: %(default)s)"}
        if hint is bool and field.default:
            flag = "--no-" + flag[2:]
            options = {"action": "store_false", "help": f"{about} (on by default)"}
        elif hint is bool:
            options = {"action": "store_true", "help": about}
        elif hint is int or hint is str:
            options.update(type=hint, metavar="N" if hint is int else "VALUE")
        elif typing.get_origin(hint) is Literal:
            choices = typing.get_args(hint)
            options.update(type=type(choices[0]), choices=choices)
        else:
            raise TypeError(f"no CLI option for Config.{field.name}: {hint!r}")
        group.add_argument(flag, dest=CONFIG_PREFIX + field.name, **options)
        group.set_defaults(**{CONFIG_PREFIX + field.name: field.default})


def config_from(args: argparse.Namespace) -> Config:
    values = {f.name: getattr(args, CONFIG_PREFIX + f.name) for f in dataclasses.fields(Config)}
    return Config(**values)
