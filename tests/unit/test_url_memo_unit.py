"""Addresses are remembered once reading is over, and are what Pelican computes."""

import copy
from datetime import datetime
from types import SimpleNamespace

from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

import url_memo


def article(slug: str, speedups: bool = True) -> Article:
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings.update(
        {
            "ARTICLE_URL": "posts/{slug}/",
            "ARTICLE_SAVE_AS": "posts/{slug}/index.html",
            "SPEEDUPS": speedups,
        }
    )
    metadata = {"title": "T", "slug": slug, "date": datetime(2024, 3, 5)}
    return Article("<p>x</p>", metadata=metadata, settings=settings)


def generator_of(post: Article) -> SimpleNamespace:
    return SimpleNamespace(settings=post.settings, articles=[post])


def test_remembered_addresses_are_the_ones_pelican_computes_and_stay():
    post = article("first")
    computed = (post.url, post.save_as)
    url_memo.remember_addresses(generator_of(post))
    assert (post.override_url, post.override_save_as) == computed
    post.slug = "changed"  # no plugin does this after reading: the remembered answer stays
    assert (post.url, post.save_as) == computed


def test_nothing_is_remembered_with_speedups_off():
    post = article("first", speedups=False)
    url_memo.remember_addresses(generator_of(post))
    post.slug = "changed"
    assert post.url == "posts/changed/"
