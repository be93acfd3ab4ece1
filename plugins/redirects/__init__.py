"""Renamed posts keep working: `Old-urls:` lists former addresses of a post.

Each becomes a line in `_redirects` (Netlify, Cloudflare Pages) and a small page at the old
address that points to the new one, for hosts without redirects (GitHub Pages, a plain folder).
"""

import os
from html import escape

from pelican import signals

from kernel import content
from kernel.addresses import old_url_problem
from kernel.problems import channel

STUB = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>Moved: {title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{url}">
<meta http-equiv="refresh" content="0; url={url}">
</head>
<body>
<p>This page has moved to <a href="{url}">{title}</a>.</p>
<p>In crisis or in danger? Call {emergency}. Call or text {lifeline}. Text {keyword} to {text}.</p>
</body>
</html>
"""


def old_paths(article) -> list[str]:
    value = article.metadata.get("old-urls", "")
    return [p.strip().strip("/") for p in value.split(",") if p.strip().strip("/")]


def stub_file(old: str) -> str:
    return old if old.endswith(".html") else f"{old}/index.html"


def inside(path: str, folder: str) -> bool:
    """Whether `path` stays in `folder`, symlinks and `..` resolved."""
    folder = os.path.realpath(folder)
    return os.path.commonpath([os.path.realpath(path), folder]) == folder


def write_redirects(generators) -> None:
    articles = [a for g in generators for a in getattr(g, "articles", [])]
    if not articles:
        return
    generator = next(g for g in generators if hasattr(g, "articles"))
    settings, output = generator.settings, generator.output_path
    siteurl = settings["SITEURL"]
    base = siteurl.split("://", 1)[-1].partition("/")[2] if "://" in siteurl else ""
    lines = []
    for article in sorted(articles, key=lambda a: a.source_path):
        for old in old_paths(article):
            url = f"{siteurl}/{article.url}"
            prefix = f"/{base}" if base else ""
            path = os.path.join(output, stub_file(old))
            if not inside(path, output):
                # The content rules report it too (the same problem, so it is printed once);
                # this guard keeps every write inside the output whatever they miss.
                source = content.source_of(article.source_path)
                channel.report(
                    old_url_problem(
                        article.source_path,
                        source.line_of("old-urls"),
                        old,
                        "would lead outside the site's folder",
                    )
                )
                continue
            lines.append(f"{prefix}/{old} {url} 301!")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(
                    STUB.format(
                        lang=settings["DEFAULT_LANG"],
                        url=escape(url),
                        title=escape(article.title),
                        emergency=settings["CRISIS_EMERGENCY_NUMBER"],
                        lifeline=settings["CRISIS_LIFELINE_NUMBER"],
                        keyword=settings["CRISIS_TEXT_LINE_KEYWORD"],
                        text=settings["CRISIS_TEXT_LINE_NUMBER"],
                    )
                )
    if lines:
        with open(os.path.join(output, "_redirects"), "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")


def register():
    # Once every post is read; before the link check, which then sees the stub pages.
    signals.all_generators_finalized.connect(write_redirects)
