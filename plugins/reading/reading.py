"""Reading aids computed from a post: reading time, table of contents, neighbours, related."""

from __future__ import annotations

import heapq
import math
import re
from html import unescape

TAG = re.compile(r"<[^>]+>")
HEADING = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.DOTALL)
BARE_HEADING = re.compile(r"<h([23])>(.*?)</h\1>", re.DOTALL)
NOT_SLUG = re.compile(r"[^a-z0-9]+")
WORDS_PER_MINUTE = 230  # a common figure for adult silent reading of non-fiction
TOC_MIN_HEADINGS = 4


def reading_time(html: str) -> int:
    """Whole minutes to read `html`, at least 1."""
    words = len(TAG.sub(" ", html).split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def add_heading_ids(html: str) -> str:
    """Give h2 and h3 headings stable ids (for the table of contents and shared links)."""
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


def table_of_contents(html: str) -> list[tuple[str, str]]:
    """(anchor, text) for each h2, when a post is long enough to need a table of contents."""
    headings = [(anchor, unescape(TAG.sub("", text)).strip()) for anchor, text in
                HEADING.findall(html)]
    return headings if len(headings) >= TOC_MIN_HEADINGS else []


def related_posts(articles, limit: int = 3) -> dict[int, list]:
    """For each article (by id), the others sharing the most tags, then its category.

    An index from tag to posts keeps this linear in practice: only posts that share a tag are
    scored, instead of every pair of posts.
    """
    by_tag: dict[str, list] = {}
    by_category: dict[str, list] = {}
    for article in articles:  # articles arrive newest first
        for tag in getattr(article, "tags", []):
            by_tag.setdefault(tag.name, []).append(article)
        by_category.setdefault(str(article.category), []).append(article)
    result = {}
    for article in articles:
        shared: dict[int, list] = {}
        for tag in getattr(article, "tags", []):
            for other in by_tag[tag.name]:
                if other is not article:
                    entry = shared.setdefault(id(other), [0, other])
                    entry[0] += 2
        for other in by_category[str(article.category)]:
            if id(other) in shared:
                shared[id(other)][0] += 1
        ranked = heapq.nlargest(limit, shared.values(), key=lambda e: (e[0], e[1].date))
        chosen = [other for _score, other in ranked]
        for other in by_category[str(article.category)]:  # posts sharing only the topic
            if len(chosen) >= limit:
                break
            if other is not article and other not in chosen:
                chosen.append(other)
        result[id(article)] = chosen
    return result
