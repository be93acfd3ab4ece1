"""Reading aids computed from a post: reading time, table of contents, neighbours, related."""

from __future__ import annotations

import math
import re
from html import unescape

TAG = re.compile(r"<[^>]+>")
HEADING = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.DOTALL)
WORDS_PER_MINUTE = 230  # a common figure for adult silent reading of non-fiction
TOC_MIN_HEADINGS = 4


def reading_time(html: str) -> int:
    """Whole minutes to read `html`, at least 1."""
    words = len(TAG.sub(" ", html).split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def table_of_contents(html: str) -> list[tuple[str, str]]:
    """(anchor, text) for each h2, when a post is long enough to need a table of contents."""
    headings = [(anchor, unescape(TAG.sub("", text)).strip()) for anchor, text in
                HEADING.findall(html)]
    return headings if len(headings) >= TOC_MIN_HEADINGS else []


def related(article, articles, limit: int = 3) -> list:
    """Other posts sharing the most tags (then the category), newest first among equals."""
    tags = {t.name for t in getattr(article, "tags", [])}
    scored = []
    for other in articles:
        if other is article:
            continue
        score = 2 * len(tags & {t.name for t in getattr(other, "tags", [])})
        score += other.category == article.category
        if score:
            scored.append((score, other.date, other))
    scored.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
    return [other for _score, _date, other in scored[:limit]]
