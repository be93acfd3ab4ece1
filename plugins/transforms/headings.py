"""Stable ids on a post's h2 and h3 headings, for the table of contents and shared links."""

from __future__ import annotations

import re
from html import unescape

from .body import Body

TAG = re.compile(r"<[^>]+>")
BARE_HEADING = re.compile(r"<h([23])>(.*?)</h\1>", re.DOTALL)
NOT_SLUG = re.compile(r"[^a-z0-9]+")


def add_heading_ids(html: str) -> str:
    """Give h2 and h3 headings ids made from their text, numbered when they repeat."""
    used: set[str] = set()

    def replace(match: re.Match) -> str:
        text = unescape(TAG.sub("", match.group(2)))
        base = NOT_SLUG.sub("-", text.lower()).strip("-") or "section"
        anchor, number = base, 1
        while anchor in used:
            number += 1
            anchor = f"{base}-{number}"
        used.add(anchor)
        return f'<h{match.group(1)} id="{anchor}">{match.group(2)}</h{match.group(1)}>'

    return BARE_HEADING.sub(replace, html)


def heading_ids(html: str, body: Body) -> str:
    return add_heading_ids(html)
