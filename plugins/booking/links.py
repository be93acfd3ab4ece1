"""Rewrite links in rendered post HTML: the `{booking}` form, and every link leaving the site."""

from __future__ import annotations

import re
from html import escape

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


PRACTICE_VALUE = re.compile(r"(?:\{|%7B)practice:([A-Za-z0-9_]+)(?:\}|%7D)")
TAG_OR_TEXT = re.compile(r"(<[^>]*>)")


def fill_practice_values(html: str, settings: dict, marker: str) -> tuple[str, list[str]]:
    """Replace `{practice:NAME}` with the setting NAME, escaped; return the HTML and the names
    that are not settings. In text, a value still holding `marker` is shown marked."""
    if "practice:" not in html:
        return html, []
    unknown: list[str] = []

    def value(match: re.Match, in_text: bool) -> str:
        name = match.group(1)
        if not isinstance(settings.get(name), str | int) or name != name.upper():
            unknown.append(name)
            return match.group(0)
        text = escape(str(settings[name]), quote=not in_text)
        if in_text and marker.lower() in text.lower():
            return f'<mark class="placeholder">{text}</mark>'
        return text

    parts = TAG_OR_TEXT.split(html)
    for index, part in enumerate(parts):
        if "practice:" in part:
            in_text = index % 2 == 0
            parts[index] = PRACTICE_VALUE.sub(lambda m, t=in_text: value(m, t), part)
    return "".join(parts), unknown
