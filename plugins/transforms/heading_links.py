"""A link to itself after every h2 and h3 that has an id, so a reader can share a section.

The link sits beside the heading, not inside it: inside, its label would become part of the
heading's own name, and a screen reader would say the heading's text twice. The two share a
wrapper that keeps them on one line. The link has no text of its own (the "#" comes from the
stylesheet), so the table of contents, the search copy and the feeds never pick it up; its
accessible name is its `aria-label`.
"""

from __future__ import annotations

import re
from html import escape, unescape

from .body import Body

HEADING = re.compile(r'<h([23]) id="([^"]+)"([^>]*)>(.*?)</h\1>', re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def add_heading_links(html: str) -> str:
    """Wrap each h2 and h3 that has an id with a link to it."""

    def replace(match: re.Match) -> str:
        anchor = match.group(2)
        text = " ".join(unescape(TAG.sub("", match.group(4))).split())
        label = escape(f"Link to section: {text}", quote=True)
        return (
            f'<div class="heading-anchor">{match.group(0)}'
            f'<a class="heading-link" href="#{anchor}" aria-label="{label}"></a></div>'
        )

    return HEADING.sub(replace, html)


def heading_links(html: str, body: Body) -> str:
    if not body.settings.get("HEADING_LINKS", True) or "<h" not in html:
        return html
    return add_heading_links(html)
