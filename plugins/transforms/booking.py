"""Links in a post's HTML: the `{booking}` form becomes the booking link, and every link that
leaves the site gets `rel="noopener noreferrer"`; booking links also
`referrerpolicy="no-referrer"`, so the booking vendor never learns which post a reader came from.
"""

from __future__ import annotations

import re
from html import escape

from .body import Body

ANCHOR = re.compile(r"<a\b([^>]*)>", re.IGNORECASE)
HREF = re.compile(r"""\bhref\s*=\s*("([^"]*)"|'([^']*)')""", re.IGNORECASE)
BOOKING_FORMS = ("{booking}", "|booking|", "%7Bbooking%7D")
OUTBOUND = 'rel="noopener noreferrer"'
BOOKING = 'rel="noopener noreferrer" referrerpolicy="no-referrer"'


def rewrite(html: str, booking_url: str, siteurl: str) -> str:
    """Point `{booking}` links at the booking form; mark links to other sites `noreferrer`."""

    def replace(match: re.Match) -> str:
        attributes = match.group(1)
        href_match = HREF.search(attributes)
        if not href_match or re.search(r"\brel\s*=", attributes, re.IGNORECASE):
            return match.group(0)
        href = href_match.group(2) if href_match.group(2) is not None else href_match.group(3)
        if href.strip() in BOOKING_FORMS:
            attributes = HREF.sub(f'href="{escape(booking_url)}"', attributes, count=1)
            return f"<a{attributes} {BOOKING}>"
        if is_outbound(href, siteurl):
            return f"<a{attributes} {OUTBOUND}>"
        return match.group(0)

    return ANCHOR.sub(replace, html)


def is_outbound(href: str, siteurl: str) -> bool:
    if not href.startswith(("http://", "https://", "//")):
        return False
    return not (siteurl.startswith(("http://", "https://")) and href.startswith(siteurl + "/"))


def booking_links(html: str, body: Body) -> str:
    settings = body.settings
    return rewrite(html, settings["BOOKING_URL"], settings.get("SITEURL", ""))
