"""Reading comfort: reading time, a table of contents on long posts, previous and next posts,
related posts, an `updated` date and a `scheduled` flag. Computed once every post is read, so
templates only display."""

from datetime import datetime

from pelican import signals

from kernel.content import content_items, updated_date

from .reading import reading_time, related_posts, table_of_contents


def annotate(generators) -> None:
    now = None
    for generator in generators:
        articles = getattr(generator, "articles", None)
        if articles is None:
            continue
        drafts = list(getattr(generator, "drafts", []))
        related = related_posts(articles + drafts)
        published = {id(article) for article in articles}
        for item in articles + drafts:
            html = item._content or ""  # raw HTML; reading it here leaves links untouched
            item.reading_time = reading_time(html)
            item.toc = table_of_contents(html)
            item.updated = updated_date(item)
            if now is None:
                now = datetime.now(item.date.tzinfo)
            item.scheduled = item.date > now
            item.related = [other for other in related[id(item)] if id(other) in published]
            item.newer = item.older = None
        for newer, older in zip(articles, articles[1:], strict=False):  # newest first
            newer.older, older.newer = older, newer
    for item in content_items(generators, ("pages", "hidden_pages", "draft_pages")):
        item.scheduled = False


def register():
    # After all content is read, before anything is rendered.
    signals.all_generators_finalized.connect(annotate)
