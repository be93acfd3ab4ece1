"""Issue 16 on the built site: a share image per post, links to headings, and "Did this help?"
with its thank-you pages kept out of search, the sitemap and the feeds."""

import json
import os
import re
import time
import xml.etree.ElementTree as ET
from html import unescape

from PIL import Image

from helpers import (
    TEST_PRACTICE,
    build,
    copy_content,
    html_files,
    page_text,
    search_records,
    signed,
)

ANSWERS = {"yes": "feedback/yes/", "not really": "feedback/not-really/"}


def meta(html: str, prop: str) -> str | None:
    match = re.search(rf'<meta property="{re.escape(prop)}" content="([^"]*)"', html)
    return unescape(match.group(1)) if match else None


def post_pages(site):
    return sorted((site.folder / "posts").glob("*/index.html"))


def title_of(html: str) -> str:
    return page_text(re.search(r"<h1>(.*?)</h1>", html, re.DOTALL).group(1))


def test_every_post_shares_its_own_card_and_pages_the_default(published_site):
    site = published_site
    pages = post_pages(site)
    assert pages
    for path in pages:
        html = path.read_text(encoding="utf-8")
        slug = path.parent.name
        image = f"{site.siteurl}/images/share/{slug}.png"
        assert meta(html, "og:image") == image
        assert meta(html, "og:image:alt") == f"{title_of(html)} – {TEST_PRACTICE['PRACTICE_NAME']}"
        assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == ("1200", "630")
        with Image.open(site.folder / "images/share" / f"{slug}.png") as card:
            assert (card.format, card.size) == ("PNG", (1200, 630))
        posting = json.loads(re.search(r'ld\+json">(.*?)</script>', html, re.S).group(1))
        assert posting["image"] == image
    about = site.read("about/index.html")
    assert meta(about, "og:image") == f"{site.siteurl}/images/social-card.png"
    with Image.open(site.folder / "images/social-card.png") as default:
        assert (meta(about, "og:image:width"), meta(about, "og:image:height")) == tuple(
            str(n) for n in default.size
        )


def test_a_post_s_own_image_wins_and_bad_image_fields_stop_the_build(tmp_path):
    content = copy_content(tmp_path)
    Image.new("RGB", (1200, 630), (200, 210, 190)).save(content / "images" / "room.jpg")
    (content / "posts" / "pictured.md").write_text(
        "Title: Pictured\nDate: 2024-03-05\nSummary: S.\n"
        "Image: {static}/images/room.jpg\nImage-alt: A quiet room with a blanket\n\nText.\n"
    )
    siteurl = "https://example.org/blog"
    output = tmp_path / "out"
    signed(content)
    result = build(content, output, "publishconf.py", TEST_PRACTICE, {"SITEURL": siteurl})
    assert result.returncode == 0, result.stderr
    html = (output / "posts/pictured/index.html").read_text()
    assert meta(html, "og:image") == f"{siteurl}/images/room.jpg"
    assert meta(html, "og:image:alt") == "A quiet room with a blanket"
    assert not (output / "images/share/pictured.png").exists()
    assert (output / "images/share/the-power-of-integration.png").is_file()

    (content / "posts" / "pictured.md").write_text(
        "Title: Pictured\nDate: 2024-03-05\nSummary: S.\nImage: {static}/images/rooom.jpg\n\nT.\n"
    )
    (content / "posts" / "described.md").write_text(
        "Title: Described\nDate: 2024-03-05\nSummary: S.\nImage-alt: A room\n\nT.\n"
    )
    result = build(content, tmp_path / "out2")
    assert result.returncode == 2
    assert any(
        line.endswith(
            "posts/pictured.md:4: the Image '{static}/images/rooom.jpg' points to a "
            "file that does not exist. Fix: check the file name; no file 'rooom.jpg' is in "
            "content/images/"
        )
        for line in result.problems
    ), result.problems
    assert any("posts/described.md:4: Image-alt describes a picture" in p for p in result.problems)


def test_cards_are_drawn_once_and_again_only_for_a_new_title(tmp_path):
    content = copy_content(tmp_path)
    cache = tmp_path / ".cache-out" / "share-images"
    output = tmp_path / "out"
    drawn = {"SHARE_IMAGES": True}  # the preview leaves cards to the publish
    assert build(content, output, extra=drawn).returncode == 0
    first = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert len(first) == len(list((content / "posts").glob("*.md")))
    leftover = cache / "0123.png.99.part"  # what a build killed while writing leaves
    leftover.write_bytes(b"\x89PNG half")
    os.utime(leftover, (time.time() - 3600, time.time() - 3600))
    post = content / "posts" / "what-does-ketamine-feel-like.md"
    post.write_text(post.read_text().replace("Title: ", "Title: Retitled: ", 1))
    assert build(content, output, extra=drawn).returncode == 0
    second = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert {name: second[name] for name in first} == first  # untouched, reused
    assert len(second) == len(first) + 1 and not leftover.exists()
    card = output / "images/share/retitled-what-does-ketamine-feel-like.png"
    new = next(cache / name for name in second if name not in first)
    assert card.read_bytes() == new.read_bytes()


def test_headings_link_to_themselves_outside_the_heading(published_site):
    site = published_site
    linked = 0
    for path in post_pages(site):
        html = path.read_text(encoding="utf-8")
        prose = html.split("data-pagefind-body>", 1)[1].split('<p class="disclaimer">', 1)[0]
        for level, anchor, inner in re.findall(r'<h([23]) id="([^"]+)">(.*?)</h\1>', prose):
            linked += 1
            text = page_text(inner)
            assert (
                f'{inner}</h{level}><a class="heading-link" href="#{anchor}" '
                f'aria-label="Link to section: ' in html
            )
            assert unescape(html.split(f'href="#{anchor}" aria-label="')[1].split('"')[0]) == (
                f"Link to section: {text}"
            )
            assert "heading-link" not in inner
        for entry in re.findall(r'<nav class="toc".*?</nav>', html, re.S):
            assert "#</a>" not in entry and "Link to section" not in entry
    assert linked > 10
    for record in search_records(site.folder).values():
        assert "Link to section" not in record["content"]
        assert " # " not in f" {record['content']} "


def test_did_this_help_links_carry_the_post_and_lead_to_hidden_thank_you_pages(published_site):
    site = published_site
    for path in post_pages(site):
        html = path.read_text(encoding="utf-8")
        slug = path.parent.name
        for label, url in ANSWERS.items():
            link = f'<a rel="nofollow" href="{site.siteurl}/{url}?post={slug}">'
            assert f"{link}{label[0].upper()}{label[1:]}</a>" in html
    for url in ANSWERS.values():
        page = site.read(url + "index.html")
        assert '<meta name="robots" content="noindex">' in page
        assert "data-pagefind-body" not in page
    not_really = site.read("feedback/not-really/index.html")
    assert '<a href="tel:988">988</a>' in not_really
    assert f'href="{site.siteurl}/crisis/"' in not_really
    assert f'href="{TEST_PRACTICE["BOOKING_URL"]}"' in not_really
    locs = {e.text for e in ET.parse(site.folder / "sitemap.xml").iter()}
    assert not [loc for loc in locs if loc and "feedback" in loc]
    assert not [url for url in search_records(site.folder) if "feedback" in url]
    for feed in ("atom.xml", "rss.xml"):
        assert "feedback/" not in site.read(feed)
    robots = site.read("robots.txt")
    assert "Disallow: /blog/feedback/yes/\nDisallow: /blog/feedback/not-really/\n" in robots
    pages_with_links = [p for p in html_files(site.folder) if "?post=" in p.read_text()]
    assert sorted(pages_with_links) == post_pages(site)


def test_a_missing_or_listed_thank_you_page_stops_the_build(tmp_path):
    content = copy_content(tmp_path)
    (content / "pages" / "feedback-yes.md").unlink()
    page = content / "pages" / "feedback-not-really.md"
    page.write_text(page.read_text().replace("Status: hidden", "Status: published"))
    result = build(content, tmp_path / "out")
    assert result.returncode == 2
    assert any(
        "pelicanconf.py:" in p and "no page has the address feedback/yes/" in p
        for p in result.problems
    ), result.problems
    assert any(
        "pages/feedback-not-really.md:4: this thank-you page is 'published'" in p
        for p in result.problems
    ), result.problems


def test_each_feature_has_a_setting_that_turns_it_off(tmp_path):
    switches = {"FEEDBACK_LINKS": False, "HEADING_LINKS": False, "SHARE_IMAGES": False}
    result = build("content", tmp_path / "out", extra=switches)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out/posts/the-power-of-integration/index.html").read_text()
    assert "?post=" not in html and "heading-link" not in html
    assert meta(html, "og:image") == "../../images/social-card.png"
    assert not (tmp_path / "out/images/share").exists()
