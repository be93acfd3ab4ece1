"""The render cache: an incremental build gives exactly the bytes of a fresh build."""

import json

from helpers import build, copy_content, tree_digest

NO_SEARCH = {"SEARCH_INDEX": False}


def test_incremental_build_equals_fresh_build_and_reuses_pages(tmp_path):
    content = copy_content(tmp_path)
    cache = str(tmp_path / "cache")
    first = tmp_path / "first"
    assert build(content, first, extra={**NO_SEARCH, "CACHE_PATH": cache}).returncode == 0

    # Prove reuse: give an unchanged page a marker the cache will accept as its own output.
    keys_file = tmp_path / "cache" / "render-keys.json"
    keys = json.loads(keys_file.read_text())
    about = first / "about" / "index.html"
    about.write_text(about.read_text() + "<!-- reused -->")
    from render_cache import digest

    keys["pages"]["about/index.html"][1] = digest(about.read_text())
    keys_file.write_text(json.dumps(keys))

    post = content / "posts" / "what-does-ketamine-feel-like.md"
    # Same number of words, so the reading time (shown in lists) stays the same.
    post.write_text(post.read_text().replace("Everyone’s experience is different",
                                             "Everyone’s experience is distinct"))
    second = tmp_path / "second"
    result = build(content, second, extra={**NO_SEARCH, "CACHE_PATH": cache,
                                           "RENDER_CACHE_OUTPUT": str(first)})
    assert result.returncode == 0, result.stderr
    fresh = tmp_path / "fresh"
    assert build(content, fresh, extra={**NO_SEARCH, "RENDER_CACHE": False}).returncode == 0

    assert (second / "about/index.html").read_text().endswith("<!-- reused -->")
    incremental, clean = tree_digest(second), tree_digest(fresh)
    del incremental["about/index.html"], clean["about/index.html"]
    assert incremental == clean
    assert "Everyone’s experience is distinct" in \
        (second / "posts/what-does-ketamine-feel-like/index.html").read_text()


def test_a_title_change_reaches_every_page_that_lists_it(tmp_path):
    content = copy_content(tmp_path)
    cache = str(tmp_path / "cache")
    first = tmp_path / "first"
    assert build(content, first, extra={**NO_SEARCH, "CACHE_PATH": cache}).returncode == 0
    post = content / "posts" / "what-does-ketamine-feel-like.md"
    post.write_text(post.read_text().replace("Title: What does Ketamine feel Like?",
                                             "Title: What ketamine can feel like"))
    second = tmp_path / "second"
    assert build(content, second, extra={**NO_SEARCH, "CACHE_PATH": cache,
                                         "RENDER_CACHE_OUTPUT": str(first)}).returncode == 0
    fresh = tmp_path / "fresh"
    assert build(content, fresh, extra={**NO_SEARCH, "RENDER_CACHE": False}).returncode == 0
    assert tree_digest(second) == tree_digest(fresh)
    assert "What ketamine can feel like" in (second / "index.html").read_text()
