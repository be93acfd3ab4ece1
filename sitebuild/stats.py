"""`invoke stats LOGFILE`: per post, how often it was read and what readers answered to
"Did this help?", from an access log in deploy/nginx.conf's format (no IP addresses, no
browser details, no cookies: only time, request, status and size).

A read is a GET of the post's page answered 200 (a 304, a browser's check of a copy it
already has, is not counted again). An answer is a GET of a thank-you page answered 200 or
304, with the post's slug in `?post=`. The site may live at the domain's root or under a
sub-path: addresses are matched by how they end.

Anyone can request any address, so only the slugs of the posts in content/ are listed: a
made-up `?post=` (or a control character meant for the terminal) is counted as skipped, never
printed.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from security_headers.nginx import LOG_LINE

ANSWER_STATUSES = {"200", "304"}
PLACEHOLDER = re.compile(r"(\{[^}]*\})")
SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,199}$")  # what a post's slug can be


@dataclass
class Counts:
    reads: int = 0
    yes: int = 0
    not_really: int = 0


@dataclass
class Stats:
    posts: dict[str, Counts] = field(default_factory=dict)
    first: str = ""
    last: str = ""
    lines: int = 0
    unreadable: int = 0  # lines not in the log format
    not_posts: int = 0  # reads and answers naming no post of the site

    def post(self, slug: str) -> Counts:
        return self.posts.setdefault(slug, Counts())


def post_pattern(article_url: str) -> re.Pattern:
    """A regex for the end of a post's path from ARTICLE_URL ("posts/{slug}/"): the slug is
    captured, any other field ({date:%Y}, {category}) matches one path segment."""
    parts = []
    for piece in PLACEHOLDER.split(article_url):
        if piece == "{slug}":
            parts.append(r"(?P<slug>[^/]+)")
        elif PLACEHOLDER.fullmatch(piece):
            parts.append(r"[^/]+")
        else:
            parts.append(re.escape(piece))
    return re.compile(r"/" + "".join(parts) + r"(?:index\.html)?$")


def ends_with(path: str, address: str) -> bool:
    """Whether `path` is the page at `address` ("feedback/yes/"), under any sub-path."""
    suffix = "/" + address
    return path.endswith(suffix) or path.endswith(suffix + "index.html")


def count(
    lines, article_url: str, yes_url: str, no_url: str, posts: set[str] | None = None
) -> Stats:
    """Reads and answers per post slug, from the lines of an access log; with `posts`, only
    those slugs are counted (the others in `not_posts`)."""
    stats = Stats()
    post = post_pattern(article_url)

    def known(slug: str) -> bool:
        if SLUG.match(slug) and (posts is None or slug in posts):
            return True
        stats.not_posts += 1
        return False

    for line in lines:
        line = line.rstrip("\n")
        if not line:
            continue
        stats.lines += 1
        match = LOG_LINE.match(line)
        if not match:
            stats.unreadable += 1
            continue
        stats.first = stats.first or match["time"]
        stats.last = match["time"]
        if match["method"] != "GET":
            continue
        target = urlsplit(match["target"])
        path = unquote(target.path)
        if ends_with(path, yes_url) or ends_with(path, no_url):
            if match["status"] not in ANSWER_STATUSES:
                continue
            slug = parse_qs(target.query).get("post", [""])[0]
            if not known(slug):
                continue  # an answer without a post (typed by hand): nothing to count it for
            counts = stats.post(slug)
            if ends_with(path, yes_url):
                counts.yes += 1
            else:
                counts.not_really += 1
            continue
        found = post.search(path)
        if found and match["status"] == "200" and known(found["slug"]):
            stats.post(found["slug"]).reads += 1
    return stats


def read_lines(path: str):
    """The lines of a log file; a rotated log compressed with gzip is read as it is."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
        yield from handle


def table(stats: Stats) -> str:
    """A plain table: most-read posts first."""
    rows = sorted(stats.posts.items(), key=lambda item: (-item[1].reads, item[0]))
    width = max([len("all posts"), *(len(slug) for slug, _ in rows)])
    header = f"{'post':<{width}}  {'reads':>7}  {'yes':>5}  {'not really':>10}"
    lines = [header, "-" * len(header)]
    for slug, counts in rows:
        lines.append(
            f"{slug:<{width}}  {counts.reads:>7}  {counts.yes:>5}  {counts.not_really:>10}"
        )
    total = Counts(
        sum(c.reads for _, c in rows),
        sum(c.yes for _, c in rows),
        sum(c.not_really for _, c in rows),
    )
    lines.append("-" * len(header))
    lines.append(
        f"{'all posts':<{width}}  {total.reads:>7}  {total.yes:>5}  {total.not_really:>10}"
    )
    if stats.first:
        lines.append(f"From {stats.first} to {stats.last}, {stats.lines} log lines.")
    else:
        lines.append("The log holds no requests.")
    if stats.not_posts:
        lines.append(
            f"Skipped {stats.not_posts} {'request' if stats.not_posts == 1 else 'requests'} "
            "naming no post in content/posts."
        )
    if stats.unreadable:
        lines.append(
            f"Skipped {stats.unreadable} {'line' if stats.unreadable == 1 else 'lines'} not in "
            "the log format of deploy/nginx.conf."
        )
    return "\n".join(lines)


def post_slugs(folders: list[str], settings: dict) -> set[str]:
    """The slug of every post in `folders` (content/posts), as the build gives it."""
    from content_rules.source_checks import slug_of  # plugins/ is on the path
    from kernel.frontmatter import NotText, read

    slugs = set()
    for path in sorted(path for folder in folders for path in Path(folder).rglob("*.md")):
        try:
            slugs.add(slug_of(read(str(path)), settings))
        except (OSError, NotText):
            continue  # the build names it; the table simply leaves it out
    return slugs
