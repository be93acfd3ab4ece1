"""Typographic quotes and dashes for titles (post bodies get the same from Markdown's smarty)."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

RULES = [
    (re.compile(r"(^|[\s(\[{\u2014-])\""), "\\1\u201c"),  # opening double quote
    (re.compile(r"\""), "\u201d"),  # any other double quote closes
    (re.compile(r"(^|[\s(\[{\u2014-])'"), "\\1\u2018"),  # opening single quote
    (re.compile(r"'"), "\u2019"),  # apostrophes and closing single quotes
    (re.compile(r" -- | - "), " \u2013 "),
    (re.compile(r"\.\.\."), "\u2026"),
]


def typographic(text) -> Markup:
    """Return `text` with curly quotes, en dashes and ellipses, escaped for HTML."""
    plain = str(text)
    for pattern, replacement in RULES:
        plain = pattern.sub(replacement, plain)
    return Markup(escape(plain))
