"""Addresses are remembered only once reading is over, and match what Pelican computes."""

import copy

from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

import url_memo


def article(slug: str) -> Article:
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings.update({"ARTICLE_URL": "posts/{slug}/", "ARTICLE_SAVE_AS": "posts/{slug}/index.html"})
    return Article(
        "<p>x</p>",
        metadata={"title": "T", "slug": slug, "date": __import__("datetime").datetime(2024, 3, 5)},
        settings=settings,
    )


def test_addresses_follow_changes_until_reading_is_over():
    url_memo.register()
    post = article("first")
    assert post.url == "posts/first/"
    post.slug = "renamed"  # still being read: a plugin may change the slug
    assert post.url == "posts/renamed/"


def test_addresses_are_computed_once_after_reading():
    url_memo.register()
    post = article("first")
    url_memo.start_remembering(type("Generator", (), {"articles": [post]})())
    assert (post.url, post.save_as) == ("posts/first/", "posts/first/index.html")
    post.slug = "changed"  # no plugin does this after reading: the remembered answer stays
    assert post.url == "posts/first/"
