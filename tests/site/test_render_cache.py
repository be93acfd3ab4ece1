"""The render cache: an incremental build gives exactly the bytes of a fresh build."""

import json

from helpers import build, copy_content, tree_digest

NO_SEARCH = {"SEARCH_INDEX": False}


def first_build(tmp_path, content):
    """A build that fills the render cache; returns its output folder and cache."""
    cache, first = str(tmp_path / "cache"), tmp_path / "first"
    assert build(content, first, extra={**NO_SEARCH, "CACHE_PATH": cache}).returncode == 0
    return first, cache


def incremental_and_fresh(tmp_path, content, first, cache):
    """After an edit: a build reusing `first`, and a fresh one to compare it with."""
    second, fresh = tmp_path / "second", tmp_path / "fresh"
    result = build(
        content, second, extra={**NO_SEARCH, "CACHE_PATH": cache, "RENDER_CACHE_OUTPUT": str(first)}
    )
    assert result.returncode == 0, result.stderr
    assert build(content, fresh, extra={**NO_SEARCH, "RENDER_CACHE": False}).returncode == 0
    return second, fresh


def test_incremental_build_equals_fresh_build_and_reuses_pages(tmp_path):
    content = copy_content(tmp_path)
    first, cache = first_build(tmp_path, content)

    # Prove reuse: give an unchanged page a marker the cache will accept as its own output.
    keys_file = tmp_path / "cache" / "render-keys.json"
    keys = json.loads(keys_file.read_text())
    about = first / "about" / "index.html"
    about.write_text(about.read_text() + "<!-- reused -->")
    from page_writer.render_cache import digest

    keys["pages"]["about/index.html"][1] = digest(about.read_text())
    keys_file.write_text(json.dumps(keys))

    post = content / "posts" / "what-does-ketamine-feel-like.md"
    # Same number of words, so the reading time (shown in lists) stays the same.
    post.write_text(
        post.read_text().replace(
            "Everyone’s experience is different", "Everyone’s experience is distinct"
        )
    )
    second, fresh = incremental_and_fresh(tmp_path, content, first, cache)

    assert (second / "about/index.html").read_text().endswith("<!-- reused -->")
    incremental, clean = tree_digest(second), tree_digest(fresh)
    del incremental["about/index.html"], clean["about/index.html"]
    assert incremental == clean
    assert (
        "Everyone’s experience is distinct"
        in (second / "posts/what-does-ketamine-feel-like/index.html").read_text()
    )


def test_a_title_change_reaches_every_page_that_lists_it(tmp_path):
    content = copy_content(tmp_path)
    first, cache = first_build(tmp_path, content)
    post = content / "posts" / "what-does-ketamine-feel-like.md"
    post.write_text(
        post.read_text().replace(
            "Title: What does Ketamine feel Like?", "Title: What ketamine can feel like"
        )
    )
    second, fresh = incremental_and_fresh(tmp_path, content, first, cache)
    assert tree_digest(second) == tree_digest(fresh)
    assert "What ketamine can feel like" in (second / "index.html").read_text()


def test_a_field_only_its_own_page_shows_reaches_that_page(tmp_path):
    content = copy_content(tmp_path)
    first, cache = first_build(tmp_path, content)
    post = content / "posts" / "what-does-ketamine-feel-like.md"
    post.write_text(post.read_text().replace("Title: ", "Author: A. Test Writer\nTitle: ", 1))
    second, fresh = incremental_and_fresh(tmp_path, content, first, cache)
    assert (
        "A. Test Writer" in (second / "posts/what-does-ketamine-feel-like/index.html").read_text()
    )
    assert tree_digest(second) == tree_digest(fresh)
