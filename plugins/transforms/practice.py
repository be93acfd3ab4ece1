"""`{practice:NAME}` in a post or page: the setting NAME from pelicanconf.py, so a fact about the
practice is typed once and shows wherever it is used."""

from __future__ import annotations

import re
from html import escape

from .body import Body

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


def practice_values(html: str, body: Body) -> str:
    html, unknown = fill_practice_values(html, body.settings, body.settings["PLACEHOLDER_MARKER"])
    for name in unknown:
        body.problem(
            f"practice:{name}",
            f"{{practice:{name}}} names no setting",
            "use the name of a setting in pelicanconf.py, in capitals, "
            "for example {practice:PRACTICE_NAME}",
        )
    return html
