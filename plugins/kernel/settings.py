"""Each plugin's settings, with defaults and validation, declared in one place per plugin.

A plugin lists its settings as `Setting(name, default, check)`; `apply()` fills in a missing
setting's default and reports a setting of the wrong kind as one line naming it and the line of
pelicanconf.py that sets it. A build whose settings are wrong stops before reading any post.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .problems import Problem, channel

CONFIG_FILE = "pelicanconf.py"  # builds run from the repository root
MISSING = object()


@dataclass(frozen=True)
class Setting:
    """One setting: its name, its default (MISSING: it must be set), and what it must be."""

    name: str
    default: Any
    check: Callable[[Any], bool]
    expected: str  # in plain words, for the fix: "an https:// address"


def apply(settings: dict, declared: list[Setting], config: str = CONFIG_FILE) -> None:
    """Fill in defaults; report every missing or mistyped setting (the build then stops)."""
    for setting in declared:
        if setting.name not in settings:
            if setting.default is MISSING:
                report(
                    config,
                    setting.name,
                    "is missing",
                    f"add {setting.name} = ...: {setting.expected}",
                )
                continue
            settings[setting.name] = copy.deepcopy(setting.default)
        value = settings[setting.name]
        if not setting.check(value):
            report(
                config,
                setting.name,
                f"is {value!r}, not {setting.expected}",
                f"set {setting.name} in {config} to {setting.expected}",
            )


def report(config: str, name: str, what: str, fix: str) -> None:
    channel.settings_failed = True
    channel.report(Problem(config, line_of(config, name), f"the setting {name} {what}", fix))


def line_of(config: str, name: str) -> int:
    """The line of `NAME =` in the settings file, so a problem points at it."""
    try:
        with open(config, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if re.match(rf"{name}\s*[:=]", line):
                    return number
    except OSError:
        pass
    return 1


# Checks, each a predicate on the value.
def text(value) -> bool:
    return isinstance(value, str)


def nonempty_text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def https_url(value) -> bool:
    return isinstance(value, str) and value.startswith("https://") and len(value) > 8


def boolean(value) -> bool:
    return isinstance(value, bool)


def whole_number(minimum: int = 0) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def list_of(check: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, list | tuple) and all(check(v) for v in value)


def pairs_of_text(value) -> bool:
    return list_of(
        lambda v: (
            isinstance(v, list | tuple) and len(v) == 2 and all(isinstance(part, str) for part in v)
        )
    )(value)


def mapping(value) -> bool:
    return isinstance(value, dict)


# Read by more than one plugin, so declared once here.
PLACEHOLDER_MARKER = Setting(
    "PLACEHOLDER_MARKER",
    "set-me",
    nonempty_text,
    'the text every placeholder holds, such as "set-me"',
)
