"""Reading time, table of contents, related posts, typographic titles."""

from types import SimpleNamespace

from kernel.typography import typographic
from reading.reading import reading_time, related_posts, table_of_contents


def test_reading_time_rounds_up_and_is_at_least_one_minute():
    assert reading_time("<p>word</p>") == 1
    assert reading_time("<p>" + "word " * 231 + "</p>") == 2


def test_toc_only_for_posts_with_four_sections():
    three = "".join(f'<h2 id="s{i}">Part <em>{i}</em></h2>' for i in range(3))
    assert table_of_contents(three) == []
    four = three + '<h2 id="s3">Last &amp; least</h2>'
    assert table_of_contents(four)[-1] == ("s3", "Last & least")


def test_related_prefers_shared_tags():
    tag = lambda n: SimpleNamespace(name=n)  # noqa: E731
    a = SimpleNamespace(tags=[tag("x"), tag("y")], category="c", date=1)
    b = SimpleNamespace(tags=[tag("x"), tag("y")], category="d", date=1)
    c = SimpleNamespace(tags=[tag("x")], category="c", date=2)
    d = SimpleNamespace(tags=[], category="e", date=3)
    related = related_posts([a, b, c, d])
    assert related[id(a)] == [b, c]  # b shares two tags, c one tag and the topic
    assert related[id(d)] == []


def test_typographic_quotes_and_escaping():
    assert typographic('He said "it\'s <fine>"') == "He said “it’s &lt;fine&gt;”"


def test_typographic_html_skips_tags_and_code():
    from kernel.typography import typographic_html

    html = (
        '<p class="x">It\'s "here" -- see <code>a "b"</code> and <a href="/\'q\'">it\'s</a>...</p>'
    )
    assert typographic_html(html) == (
        '<p class="x">It’s “here” – see <code>a "b"</code> and <a href="/\'q\'">it’s</a>…</p>'
    )


def test_heading_ids_are_slugs_and_unique():
    from transforms.headings import add_heading_ids

    html = "<h2>Why it <em>matters</em></h2><h3>Tools &amp; tips</h3><h2>Why it matters</h2>"
    assert add_heading_ids(html) == (
        '<h2 id="why-it-matters">Why it <em>matters</em></h2>'
        '<h3 id="tools-tips">Tools &amp; tips</h3>'
        '<h2 id="why-it-matters-2">Why it matters</h2>'
    )
