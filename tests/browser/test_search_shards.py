"""A site large enough to be indexed in shards still finds every post: the search page merges
the other shards into the first, in Chromium, under the site's security policy."""

import gzip

import pytest

from helpers import TEST_PRACTICE, build, free_port, serve, signed
from search_index.shards import shard_count, shard_of
from sitebuild.corpus import write_corpus

pytestmark = pytest.mark.browser
PAGES_PER_SHARD = 10
WORD = "zebraquartz"


def test_search_finds_a_post_indexed_in_another_shard(tmp_path, browser):
    content = signed(write_corpus(tmp_path / "content", 40, words=120))
    root = tmp_path / "www"
    port = free_port()
    siteurl = f"http://127.0.0.1:{port}/blog"
    searchable = sorted(p for p in (content / "posts").glob("note-*.md"))
    pages = len(list(content.rglob("*.md")))  # every post and page is searchable, roughly
    chosen = next(
        path
        for path in searchable
        if shard_of(f"posts/{path.stem}/index.html", shard_count(pages, PAGES_PER_SHARD)) != 0
    )
    text = chosen.read_text(encoding="utf-8")
    fields, _blank, body = text.partition("\n\n")
    chosen.write_text(f"{fields}\n\nA word found once: {WORD}.\n\n{body}", encoding="utf-8")
    result = build(
        content,
        root / "blog",
        "publishconf.py",
        extra={**TEST_PRACTICE, "SEARCH_SHARD_PAGES": PAGES_PER_SHARD},
        env={"SITEURL": siteurl},
    )
    assert result.returncode == 0, result.stderr
    shards = sorted(p.name for p in (root / "blog/pagefind").glob("shard-*"))
    assert len(shards) >= 3
    assert not list((root / "blog/pagefind").glob("shard-*/pagefind.js"))  # one script only
    primary = (root / "blog/pagefind/fragment").glob("*.pf_fragment")
    assert not any(WORD.encode() in gzip.decompress(p.read_bytes()) for p in primary)
    server = serve(root, port)
    try:
        page = browser.new_page()
        violations = []
        page.on("console", lambda message: violations.append(message.text))
        page.goto(f"{siteurl}/search/")
        page.fill("#search-input", WORD)
        link = page.wait_for_selector("#search-results a", timeout=15000)
        assert link.get_attribute("href").endswith(f"/posts/{chosen.stem}/")
        assert len(page.query_selector_all("#search-results li")) == 1
        assert not [m for m in violations if "Content Security Policy" in m]
    finally:
        server.shutdown()
