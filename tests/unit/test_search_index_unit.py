"""The search copy and its shards: one small page per searchable post, the text alone, each
page in the same shard from build to build."""

from types import SimpleNamespace

from search_index.shards import digest, keep, page_source, shard_count, shard_of, write_pages


def post(title="Post", content="<p>Body.</p>", note=None, save_as="posts/one/index.html"):
    metadata = {"content-note": note} if note else {}
    return SimpleNamespace(title=title, save_as=save_as, _content=content, metadata=metadata)


def test_search_copy_has_the_title_escaped_and_the_text_of_the_body(tmp_path):
    item = post(
        title='Fear & "hope" <script>',
        content='<p>Body <a href="/x/">words</a>.</p><p><img alt="x" src="{static}/a.png"></p>'
        "<ul><li>One</li><li>two</li></ul>",
        note="grief",
    )
    html = page_source(item, "en")
    text = " ".join(html.split())
    assert '<html lang="en">' in html and " Body words. One two " in text
    assert "<p>" not in html and "<a" not in html and "<img" not in html
    assert "<script>" not in html and "<h1>Fear &amp; “hope” &lt;script&gt;</h1>" in html
    assert '<span data-pagefind-meta="content_note">grief</span>' in html
    write_pages({"posts/one/index.html": html}, str(tmp_path))
    assert (tmp_path / "posts/one/index.html").read_text(encoding="utf-8") == html


def test_pages_keep_their_shard_and_a_shard_changes_its_digest_only_with_its_pages():
    addresses = [f"posts/note-{n:04d}/index.html" for n in range(1000)]
    assert shard_count(1000, 250) == 4 and shard_count(3, 250) == 1
    shards = [shard_of(address, 4) for address in addresses]
    assert shards == [shard_of(address, 4) for address in addresses]  # stable
    assert set(shards) == {0, 1, 2, 3} and min(shards.count(n) for n in range(4)) > 200
    pages = {"a/index.html": "<p>A</p>", "b/index.html": "<p>B</p>"}
    assert digest(pages) == digest(dict(reversed(list(pages.items()))))
    assert digest(pages) != digest({**pages, "b/index.html": "<p>B!</p>"})
    # Another Pagefind: its own bundles, never one the last version wrote.
    assert digest(pages, "pagefind 1.5.2") != digest(pages, "pagefind 1.6.0")


def test_only_the_first_bundle_keeps_pagefinds_script_and_none_keeps_its_ready_made_ui():
    assert keep("pagefind.js", primary=True) and not keep("pagefind.js", primary=False)
    assert keep("wasm.en.pagefind", primary=True) and not keep("wasm.en.pagefind", primary=False)
    for name in ["pagefind-entry.json", "index", "fragment", "pagefind.en_1a.pf_meta"]:
        assert keep(name, primary=False)
    assert not keep("pagefind-ui.js", primary=True)
