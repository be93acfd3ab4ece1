"""A working copy of the project, for tests and measurements that change content or settings."""

from __future__ import annotations

import json
import re
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


def project_copy(destination: Path, practice: dict[str, str] | None = None) -> Path:
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
        text = settings.read_text(encoding="utf-8")
        for name, value in practice.items():
            text = re.sub(
                rf"^{name} = .*$",
                f"{name} = {json.dumps(value)}",
                text,
                count=1,
                flags=re.MULTILINE,
            )
        settings.write_text(text, encoding="utf-8")
    return destination
