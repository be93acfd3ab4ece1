"""Stable ids on a post's h2 and h3 headings, for the table of contents and shared links."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from html import unescape
from pathlib import Path

from kernel.problems import Problem

from .body import Body
from .sanitize import SourceLines

TAG = re.compile(r"<[^>]+>")
BARE_HEADING = re.compile(r"<h([23])>(.*?)</h\1>", re.DOTALL)
NOT_SLUG = re.compile(r"[^a-z0-9]+")
ID = re.compile(r"""\bid=["']([^"'{}]+)["']""")
# The boxes the preview server adds to a page (sitebuild/devserver.py).
PREVIEW_IDS = frozenset({"dev-problems", "dev-notes", "dev-search"})


@cache
def theme_ids(theme: str) -> frozenset[str]:
    """The ids the theme gives its own parts of a page: the skip link's target, the crisis
    box, the table of contents. A heading must never take one, or those links would land on it."""
    found = set(PREVIEW_IDS)
    for template in sorted(Path(theme, "templates").rglob("*.html")):
        found.update(ID.findall(template.read_text(encoding="utf-8")))
    return frozenset(found)


def add_heading_ids(html: str, reserved: frozenset[str] = frozenset()) -> str:
    """Give h2 and h3 headings ids made from their text, numbered when they repeat or when the
    page already uses the id (`reserved`, or an id written in the post)."""
    used: set[str] = set(reserved) | set(ID.findall(html))

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
    reserved = theme_ids(body.settings["THEME"])
    body.problems.extend(typed_id_problems(html, body.path, reserved))
    return add_heading_ids(html, reserved)


def typed_id_problems(html: str, path: str, reserved: frozenset[str]) -> list[Problem]:
    """Ids written in the post (`{#name}` or `id="name"`) that the theme uses, or that are
    written twice: either would send a link, or a screen reader, to the wrong place."""
    problems = []
    for name, count in Counter(ID.findall(html)).items():
        if name in reserved:
            what = f'the id "{name}" is one the theme gives its own part of every page'
        elif count > 1:
            what = f'the id "{name}" is written {count} times; an id names one place'
        else:
            continue
        problems.append(
            Problem(
                path,
                typed_id_line(path, name),
                what,
                f'choose another id, such as "{name}-section", or leave it out (headings get '
                "their own)",
            )
        )
    return problems


def typed_id_line(path: str, name: str) -> int:
    """The line where the id is written, as attr_list or HTML writes it, else the first that
    names it (code blocks, which hold no ids, are skipped)."""
    return SourceLines(path).find([f"{{#{name}", f'id="{name}"', f"id='{name}'", f"#{name}", name])
