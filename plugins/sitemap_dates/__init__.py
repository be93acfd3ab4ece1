"""Reproducible sitemap dates: list pages get the newest post's date, not the build time.

pelican-sitemap stamps pages that have no date of their own (home, topics, tags) with the
moment of the build, so two builds of the same sources would differ. The newest post's date is
the true last change of those lists.
"""

from pelican import signals
from pelican.plugins.sitemap import sitemap


def newest_post_date(generators) -> None:
    dates = [
        getattr(a, "modified", None) or a.date
        for generator in generators
        for a in getattr(generator, "articles", [])
    ]
    if dates:
        sitemap.generator.now = max(dates)


def register():
    signals.all_generators_finalized.connect(newest_post_date)
