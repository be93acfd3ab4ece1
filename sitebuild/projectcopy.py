"""A working copy of the project, for tests and measurements that change content or settings."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PARTS = [
    "content",
    "theme",
    "plugins",
    "sitebuild",
    "pelicanconf.py",
    "publishconf.py",
    "tasks.py",
    "Makefile",
    "requirements.txt",
    "package.json",
    "package-lock.json",
]


def project_copy(destination: Path, practice: dict | None = None) -> Path:
    """Copy the project to `destination`, sharing .venv; optionally fill practice settings.

    Copies keep their times, so make sees the shared .venv as up to date and does not reinstall.
    """
    destination.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(
                source,
                destination / part,
                copy_function=shutil.copy2,
                ignore=shutil.ignore_patterns("__pycache__"),
            )
        else:
            shutil.copy2(source, destination / part)
    (destination / ".venv").symlink_to(REPO / ".venv")
    if practice:
        settings = destination / "pelicanconf.py"
        settings.write_text(
            with_values(settings.read_text(encoding="utf-8"), practice), encoding="utf-8"
        )
    return destination


def with_values(text: str, values: dict) -> str:
    """The settings file `text` with each top-level `NAME = ...` in `values` set to its value;
    a value written over several lines (a list of fees) is replaced whole."""
    lines = text.splitlines(keepends=True)
    spans = {
        node.targets[0].id: (node.lineno, node.end_lineno)
        for node in ast.parse(text).body
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
    }
    # From the bottom up, so the line numbers of the ones above stay right.
    for name in sorted(values, key=lambda n: spans.get(n, (0, 0)), reverse=True):
        if name in spans:
            first, last = spans[name]
            value = values[name]
            literal = json.dumps(value) if isinstance(value, str) else repr(value)
            lines[first - 1 : last] = [f"{name} = {literal}\n"]
    return "".join(lines)
