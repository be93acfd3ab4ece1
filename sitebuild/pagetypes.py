"""One example address per page type, relative to the site's root, and the color schemes:
what the browser judges (axe-core, in each scheme), the layout test, the nginx host test and the
benchmark visit. A new page type is added here once; `invoke accessibility-record` then records
it for the accessibility statement.

The examples of a post, a topic, a tag and a journey step are taken from content/ (the newest
post, its topic, the tag on most posts, a middle step of a journey), so the therapist can
rename or retire any post without editing a test.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG

from content_rules.field_checks import slug_of
from kernel.content import parse_date
from kernel.frontmatter import read

CONTENT = Path(__file__).resolve().parents[1] / "content"
COLOR_SCHEMES = ["light", "dark"]


def slug(text: str) -> str:
    """The slug the build gives `text` (pelicanconf.py keeps Pelican's slug rules)."""
    return slug_of(text, DEFAULT_CONFIG)


def shown_posts(content: Path) -> list:
    """The posts a publish shows, newest first (not drafts, not dated later). Tests count
    from here rather than from a number written down."""
    posts = []
    for path in sorted((content / "posts").rglob("*.md")):
        source = read(str(path))
        when = parse_date(source.get("date"))
        if (source.get("status") or "").lower() == "draft" or when is None:
            continue
        if when.replace(tzinfo=None) <= datetime.now():
            posts.append((when.replace(tzinfo=None), source))
    return [source for _when, source in sorted(posts, key=lambda pair: pair[0], reverse=True)]


def worksheets(content: Path = CONTENT) -> dict:
    """Address of each page whose source says `Template: worksheet` -> its source."""
    found = {}
    for path in sorted((content / "pages").glob("*.md")):
        source = read(str(path))
        if source.get("template") == "worksheet":
            found[f"{source.get('slug') or path.stem}/"] = source
    return found


def page_types(content: Path = CONTENT) -> dict[str, str]:
    posts = shown_posts(content)
    newest = posts[0]
    article = newest.get("slug") or slug(newest.get("title"))
    tags = Counter(
        slug(tag.strip())
        for post in posts
        for tag in (post.get("tags") or "").split(",")
        if tag.strip()
    )
    pages = [read(str(path)) for path in sorted((content / "pages").rglob("*.md"))]
    steps = sorted(
        (page for page in pages if page.get("journey")), key=lambda p: int(p.get("step"))
    )
    step = steps[len(steps) // 2]  # a middle step: it links to the one before and the one after
    return {
        "home": "",
        "article": f"posts/{article}/",
        "page": "about/",
        "category": f"topics/{slug(newest.get('category'))}/",
        "tag": f"tags/{tags.most_common(1)[0][0]}/",
        "archives": "archives/",
        "404": "no-such-page/",
        "search": "search/",
        "fees": "fees/",
        "journey step": f"{step.get('slug') or slug(step.get('title'))}/",
        "worksheet": next(iter(worksheets(content))),
        "accessibility statement": "accessibility/",
        "how to follow": "follow/",
        "thank-you": f"feedback/yes/?post={article}",
        "thank-you, not really": f"feedback/not-really/?post={article}",
    }


PAGE_TYPES = page_types()
