"""Sitemap, feeds and robots.txt in the publish build; escaping of titles."""

import xml.etree.ElementTree as ET

import feedparser

from helpers import TEST_PRACTICE, build, copy_content, signed

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


def article_urls(site) -> set[str]:
    return {
        f"{site.siteurl}/posts/{p.parent.name}/"
        for p in (site.folder / "posts").glob("*/index.html")
    }


def test_sitemap_lists_every_article_and_page(published_site):
    locs = {e.text for e in ET.parse(published_site.folder / "sitemap.xml").iter(SITEMAP_NS)}
    pages = {
        f"{published_site.siteurl}/{name}/"
        for name in ["about", "how-kap-works-here", "crisis", "privacy", "good-faith-estimate"]
    }
    assert article_urls(published_site) | pages <= locs
    assert all(loc.startswith(published_site.siteurl + "/") for loc in locs)
    paths = [loc[len(published_site.siteurl) :] for loc in locs]  # the port may hold "404"
    assert not any(path.startswith(("/404", "/drafts/")) for path in paths)


def test_feeds_parse_with_every_article(published_site):
    for name in ["atom.xml", "rss.xml"]:
        feed = feedparser.parse(published_site.read(name))
        assert not feed.bozo, (name, feed.bozo_exception)
        assert {entry.link for entry in feed.entries} == article_urls(published_site)


def test_robots_points_to_the_sitemap(published_site):
    assert f"Sitemap: {published_site.siteurl}/sitemap.xml" in published_site.read("robots.txt")


def test_a_title_with_markup_characters_is_shown_as_text(tmp_path):
    # Tags in a Title stop the build (tests/site/test_bad_input.py); the characters themselves
    # are plain text, escaped on the page and in the feed.
    content = copy_content(tmp_path)
    (content / "posts" / "scripted.md").write_text(
        'Title: Fish & "chips" <3 you\nSlug: scripted\nDate: 2024-01-02\n'
        "Summary: A title with markup characters in it.\n\nBody.\n",
        encoding="utf-8",
    )
    signed(content)
    result = build(
        content,
        tmp_path / "out",
        "publishconf.py",
        extra=TEST_PRACTICE,
        env={"SITEURL": "https://example.org"},
    )
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "posts" / "scripted" / "index.html").read_text()
    assert "<3 you" not in html
    assert "&lt;3 you" in html and "Fish &amp;" in html
    feed = feedparser.parse((tmp_path / "out" / "atom.xml").read_text())
    assert any(
        entry.title.startswith("Fish & ") and "<3 you" in entry.title for entry in feed.entries
    )
