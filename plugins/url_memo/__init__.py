"""Work out each post's address once per build, not on every use.

Pelican computes `url` and `save_as` afresh each time they are read, copying the post's
metadata to format the setting: about 25,000 times in a 1,000-post build. Once a generator has
finished reading (slug, date, category and status are set and no plugin of ours changes them),
each post and page keeps its answers in `override_url` and `override_save_as`, the attributes
Pelican itself consults first (a `URL:` or `Save_as:` field sets them the same way).
"""

from pelican import signals

from kernel import speedups
from kernel.content import content_items


def remember_addresses(generator) -> None:
    """When a generator has read all its posts or pages. Not static files: an {attach} link
    met while a post renders may still move one."""
    if not speedups.allowed(generator.settings, "remembered-addresses"):
        return
    for item in content_items([generator]):
        item.override_url = item.url
        item.override_save_as = item.save_as


def register():
    signals.article_generator_finalized.connect(remember_addresses)
    signals.page_generator_finalized.connect(remember_addresses)
