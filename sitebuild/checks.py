"""Checks on a finished publish folder, run before it replaces output/."""

from __future__ import annotations

from pathlib import Path

REQUIRED_AT_ROOT = [
    "index.html",
    "404.html",
    "sitemap.xml",
    "atom.xml",
    "rss.xml",
    "robots.txt",
    "_headers",
]


class PublishCheckFailed(Exception):
    pass


def check_publish_folder(folder: Path) -> None:
    """The files every host and script expect are there, and no draft folder was written."""
    missing = [name for name in REQUIRED_AT_ROOT if not (folder / name).is_file()]
    if missing:
        raise PublishCheckFailed(
            f"the publish build is missing {', '.join(missing)}; nothing was replaced"
        )
    if (folder / "drafts").exists():
        raise PublishCheckFailed("the publish build wrote a drafts/ folder; nothing was replaced")
