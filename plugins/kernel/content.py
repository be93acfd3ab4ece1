"""Content helpers every plugin may use: the posts and pages of a build, their parsed
sources, the output page each becomes, their dates, and the line of a source that holds some
text."""

from __future__ import annotations

import os
import re
from datetime import datetime

from . import frontmatter

# Pelican's lists of content objects, on generators and in the template context alike.
CONTENT_LISTS = ("articles", "drafts", "hidden_articles", "pages", "hidden_pages", "draft_pages")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?(Z|[+-]\d{2}:?\d{2})?$")

# Every source file of this build, parsed once: absolute path -> frontmatter.Source.
sources: dict[str, frontmatter.Source] = {}
# Each post's and page's file in the output (relative path) -> the source it was made from, so a
# problem found in the written site names the source. Filled once per build, after reading.
written_from: dict[str, str] = {}


def content_items(generators, lists=CONTENT_LISTS):
    """Every post and page the generators read, from the named lists."""
    for generator in generators:
        for name in lists:
            yield from getattr(generator, name, []) or []


def source_of(path: str) -> frontmatter.Source:
    """The parsed source at `path`: parsed by the content rules this build, or read now."""
    key = os.path.abspath(path)
    source = sources.get(key)
    if source is None:
        source = sources[key] = frontmatter.read(key)
    return source


def new_build() -> None:
    """Forget the last build's sources and pages: the preview server builds many times in one
    process, and a post may have changed or gone since."""
    sources.clear()
    written_from.clear()


def remember_pages(generators) -> dict[str, str]:
    """Fill `written_from` from this build's posts and pages (after reading; each plugin that
    needs it asks, and asking again gives the same map)."""
    written_from.clear()
    for item in content_items(generators):
        if item.save_as:
            written_from[item.save_as] = item.source_path
    return written_from


def parse_date(value) -> datetime | None:
    """The date if `value` is a full, real ISO date (or already a datetime); else None."""
    if isinstance(value, datetime):
        return value
    text = str(value or "").strip()
    if not ISO_DATE.match(text):
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def updated_date(item) -> datetime | None:
    """When a post was last changed: its Modified or Updated field, if it has one."""
    return parse_date(getattr(item, "modified", None) or item.metadata.get("updated"))


def reviewed_date(item) -> datetime | None:
    """The therapist's sign-off date (`Reviewed:`); None when there is none or it is unreadable
    (an unreadable one is the content rules' to report)."""
    return parse_date(item.metadata.get("reviewed"))


def line_containing(path: str, needle: str, default: int = 1) -> int:
    """The first line of the file at `path` that contains `needle`."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if needle in line:
                    return number
    except OSError:
        pass
    return default
