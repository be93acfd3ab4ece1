"""Reading aids computed from a post: reading time, table of contents, neighbours, related."""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from html import unescape
from itertools import takewhile

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
    headings = [
        (anchor, unescape(TAG.sub("", text)).strip()) for anchor, text in HEADING.findall(html)
    ]
    return headings if len(headings) >= TOC_MIN_HEADINGS else []


def related_posts(articles, limit: int = 3) -> dict[int, list]:
    """For each article (by id), the others sharing the most tags, then its category; the
    newer post first on a tie.

    Only posts that share a tag are scored (an index from tag to posts), and Counter does the
    counting in C: this runs on every build, cold or warm.
    """
    ids_by_tag: dict[str, list[int]] = {}
    ids_by_category: dict[str, list[int]] = {}
    by_id = {id(article): article for article in articles}
    for article in articles:
        for tag in getattr(article, "tags", []):
            ids_by_tag.setdefault(tag.name, []).append(id(article))
        ids_by_category.setdefault(str(article.category), []).append(id(article))
    topic_sets = {name: set(ids) for name, ids in ids_by_category.items()}
    result = {}
    for article in articles:
        shared: Counter = Counter()
        for tag in getattr(article, "tags", []):
            shared.update(ids_by_tag[tag.name])
        shared.pop(id(article), None)
        same_topic = ids_by_category[str(article.category)]
        ordered = shared.most_common()
        if len(ordered) > limit:
            # A post sharing fewer tags than the last of the first `limit` cannot outrank them,
            # whatever its topic: score = 2 * shared tags + 1 for the same topic.
            cutoff = ordered[limit - 1][1]
            ordered = list(takewhile(lambda entry, cutoff=cutoff: entry[1] >= cutoff, ordered))
        in_topic = topic_sets[str(article.category)]
        scores = {
            other: (2 * count + (other in in_topic), by_id[other].date) for other, count in ordered
        }
        chosen = heapq.nlargest(limit, scores, key=scores.__getitem__)
        for other in same_topic:  # posts sharing only the topic
            if len(chosen) >= limit:
                break
            if other != id(article) and other not in chosen:
                chosen.append(other)
        result[id(article)] = [by_id[other] for other in chosen]
    return result
