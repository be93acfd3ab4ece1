"""The search copy: one small page per searchable post, title escaped, images left out."""

from types import SimpleNamespace

from search_index import write_sources


def test_search_copy_has_title_and_body_and_skips_unwritten_drafts(tmp_path):
    post = SimpleNamespace(
        title='Fear & "hope" <script>',
        save_as="posts/one/index.html",
        _content='<p>Body words.</p><p><img alt="x" src="{static}/a.png"></p>',
    )
    draft = SimpleNamespace(title="Draft", save_as="", _content="<p>Secret</p>")
    write_sources([post, draft], str(tmp_path), "en")
    written = [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.html")]
    assert written == ["posts/one/index.html"]
    html = (tmp_path / "posts/one/index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "<p>Body words.</p>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<h1>Fear &amp; “hope” &lt;script&gt;</h1>" in html
    assert "<img" not in html and "data-pagefind-body" in html
