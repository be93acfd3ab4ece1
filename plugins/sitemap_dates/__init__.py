"""Reproducible sitemap dates: list pages get the newest post's date, not the build time.

pelican-sitemap stamps pages that have no date of their own (home, topics, tags) with the
moment it started (its generator's `now`), so two builds of the same sources would differ. The
newest post's date is the true last change of those lists. `now` is a plain attribute of the
plugin's generator, read when the sitemap is written; it is set only on the release this was
checked against, and otherwise left alone with one warning.
"""

from pelican import signals
from pelican.plugins.sitemap import sitemap

from kernel import speedups


def newest_post_date(generators) -> None:
    if not speedups.tested("sitemap dates from the newest post", ("pelican-sitemap",)):
        return
    dates = [
        getattr(a, "modified", None) or a.date
        for generator in generators
        for a in getattr(generator, "articles", [])
    ]
    if dates:
        sitemap.generator.now = max(dates)


def register():
    # After every post is read, before the sitemap is written (finalized).
    signals.all_generators_finalized.connect(newest_post_date)
