"""The owner's two posts are on the site, every line of the seed, in order."""

import re

import pytest

from helpers import SEED_FOLDER, page_text

SECOND_TITLE = "What does Ketamine feel Like?"


def seed_posts() -> dict[str, list[str]]:
    files = sorted(SEED_FOLDER.glob("*.txt"))
    assert files, f"no seed text found in {SEED_FOLDER}"
    lines = [line.strip() for line in files[0].read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line and line != "Blog"]  # "Blog" is the old site's menu
    split = lines.index(SECOND_TITLE)
    return {
        "the-power-of-integration": lines[:split],
        "what-does-ketamine-feel-like": lines[split:],
    }


def normalise(text: str) -> str:
    text = re.sub(r"^[•→]\s*", "", text)  # bullets and arrows became list items and links
    return " ".join(text.split())


@pytest.mark.parametrize("slug", ["the-power-of-integration", "what-does-ketamine-feel-like"])
def test_every_seed_line_is_on_the_page_in_order(published_site, slug):
    text = page_text(published_site.read(f"posts/{slug}/index.html"))
    position = 0
    for line in seed_posts()[slug]:
        wanted = normalise(line)
        found = text.find(wanted, position)
        assert found >= 0, f"missing or out of order in {slug}: {wanted!r}"
        position = found + len(wanted)


def test_first_post_links_to_the_two_articles(published_site):
    html = published_site.read("posts/the-power-of-integration/index.html")
    for slug in [
        "how-ketamine-rewires-the-brain",
        "the-ultimate-guide-to-ketamine-assisted-therapy",
    ]:
        assert f'href="{published_site.siteurl}/posts/{slug}/"' in html
        assert (published_site.folder / "posts" / slug / "index.html").is_file()


def test_written_articles_cite_primary_sources(published_site):
    for slug in [
        "how-ketamine-rewires-the-brain",
        "the-ultimate-guide-to-ketamine-assisted-therapy",
    ]:
        html = published_site.read(f"posts/{slug}/index.html")
        sources = re.findall(r'href="(https://(?:doi\.org|www\.fda\.gov)/[^"]+)"', html)
        assert len(sources) >= 3, f"{slug} cites too few primary sources: {sources}"


@pytest.mark.parametrize(
    "page", ["about", "how-kap-works-here", "crisis", "privacy", "good-faith-estimate"]
)
def test_pages_exist(published_site, page):
    assert "<h1>" in published_site.read(f"{page}/index.html")


def test_404_page_at_root(published_site):
    html = published_site.read("404.html")
    assert "Page not found" in html and "988" in html
