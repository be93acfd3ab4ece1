"""Booking links carry no referrer; every internal link and asset resolves."""

import re

from content_rules.output_checks import check_site
from helpers import REPO, TEST_PRACTICE, html_files
from sitebuild.pagetypes import shown_posts

ANCHOR = re.compile(r"<a\b[^>]*>")


def attribute(tag: str, name: str) -> str | None:
    match = re.search(rf'\b{name}="([^"]*)"', tag)
    return match.group(1) if match else None


def test_every_article_ends_with_the_booking_link(published_site):
    articles = sorted((published_site.folder / "posts").glob("*/index.html"))
    assert len(articles) == len(shown_posts(REPO / "content")) > 0
    for path in articles:
        html = path.read_text(encoding="utf-8")
        cta = html.split('class="cta"', 1)[1]
        tag = ANCHOR.search(cta).group(0)
        assert attribute(tag, "href") == TEST_PRACTICE["BOOKING_URL"], path
        assert set(attribute(tag, "rel").split()) == {"noopener", "noreferrer"}, path
        assert attribute(tag, "referrerpolicy") == "no-referrer", path


def test_booking_links_and_external_links_everywhere(published_site):
    booking_url = TEST_PRACTICE["BOOKING_URL"]
    external = 0
    for path in html_files(published_site.folder):
        for tag in ANCHOR.findall(path.read_text(encoding="utf-8")):
            href = attribute(tag, "href") or ""
            if href == booking_url:
                assert attribute(tag, "referrerpolicy") == "no-referrer", (path, tag)
            if href.startswith("http") and not href.startswith(published_site.siteurl):
                external += 1
                assert {"noopener", "noreferrer"} <= set((attribute(tag, "rel") or "").split()), (
                    path,
                    tag,
                )
    assert external > 20  # the sources and the booking links were really seen


def test_booking_form_in_markdown_renders_to_the_setting(published_site):
    html = published_site.read("posts/what-does-ketamine-feel-like/index.html")
    assert (
        f'<a href="{TEST_PRACTICE["BOOKING_URL"]}" rel="noopener noreferrer" '
        'referrerpolicy="no-referrer">click the link here</a>' in html
    )
    assert "{booking}" not in html


def test_every_internal_link_and_asset_resolves(published_site):
    assert check_site(str(published_site.folder), published_site.siteurl, {}) == []


def test_the_link_checker_finds_a_broken_link(tmp_path):
    (tmp_path / "index.html").write_text('<a href="missing/">x</a><img src="/a.png" alt="">')
    problems = check_site(str(tmp_path), "", {})
    assert sorted(p.message.split()[2] for p in problems) == ["/a.png", "missing/"]


def test_the_link_checker_remembers_pages_but_never_a_link_that_broke(tmp_path):
    site, scans = tmp_path / "site", str(tmp_path / "cache" / "links.json")
    (site / "missing").mkdir(parents=True)
    (site / "missing" / "index.html").write_text("<p>Here.</p>")
    (site / "index.html").write_text('<a href="missing/">x</a>')
    assert check_site(str(site), "", {}, scans) == []
    assert check_site(str(site), "", {}, scans) == []  # remembered: the same page, same files
    (site / "missing" / "index.html").unlink()  # the page stays, its target goes
    (site / "missing").rmdir()
    (problem,) = check_site(str(site), "", {}, scans)
    assert "the link missing/ leads to no page" in problem.message
