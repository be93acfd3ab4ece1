"""Addresses are remembered only once writing starts, and match what Pelican computes."""

import copy

from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

import url_memo


def article(slug: str) -> Article:
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings.update({"ARTICLE_URL": "posts/{slug}/", "ARTICLE_SAVE_AS": "posts/{slug}/index.html"})
    return Article("<p>x</p>", metadata={"title": "T", "slug": slug,
                                         "date": __import__("datetime").datetime(2024, 3, 5)},
                   settings=settings)


def test_addresses_follow_changes_until_writing_starts():
    url_memo.register()
    post = article("first")
    assert post.url == "posts/first/"
    post.slug = "renamed"  # still being read: a plugin may change the slug
    assert post.url == "posts/renamed/"


def test_addresses_are_computed_once_after_writing_starts():
    url_memo.register()
    post = article("first")
    generator = type("Generator", (), {"articles": [post]})()
    url_memo.keep_generators([generator])
    url_memo.start_remembering(None)
    assert (post.url, post.save_as) == ("posts/first/", "posts/first/index.html")
    post.slug = "changed"  # not expected once writing has started: the remembered answer stays
    assert post.url == "posts/first/"
