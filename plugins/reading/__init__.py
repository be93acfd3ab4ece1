"""Reading comfort: reading time, a table of contents on long posts, previous and next posts,
related posts, and an `updated` date; plus the `typographic` filter for titles.

Everything is computed once the generators have read the content, so templates only display.
"""

from datetime import datetime

from pelican import signals

from content_rules.rules import content_items
from content_rules.source_checks import parse_date

from .reading import add_heading_ids, reading_time, related_posts, table_of_contents
from .typography import typographic, typographic_html


def add_filters(pelican) -> None:
    pelican.settings.setdefault("JINJA_FILTERS", {})["typographic"] = typographic


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
            updated = getattr(item, "modified", None) or item.metadata.get("updated")
            item.updated = parse_date(updated) if isinstance(updated, str) else updated
            if now is None:
                now = datetime.now(item.date.tzinfo)
            item.scheduled = item.date > now
            item.related = [other for other in related[id(item)] if id(other) in published]
            item.newer = item.older = None
        for newer, older in zip(articles, articles[1:], strict=False):  # articles are newest first
            newer.older, older.newer = older, newer
    for item in content_items(generators, ("pages", "hidden_pages", "draft_pages")):
        item.scheduled = False


def typeset(instance) -> None:
    if getattr(instance, "_content", None):
        instance._content = add_heading_ids(typographic_html(instance._content))


def register():
    signals.initialized.connect(add_filters)
    signals.content_object_init.connect(typeset)
    # After all content is read, before anything is rendered.
    signals.all_generators_finalized.connect(annotate)
