"""Links to headings: beside the heading, named for it, invisible to the table of contents."""

from helpers import page_text
from reading.reading import table_of_contents
from search_index.shards import page_source
from transforms.body import Body
from transforms.heading_links import add_heading_links, heading_links
from transforms.headings import add_heading_ids

BODY = (
    "<p>Intro</p>\n<h2>Why “this” &amp; that</h2>\n<p>a</p>\n<h3>Known <em>risks</em></h3>\n"
    "<h2>Two</h2><h2>Three</h2><h2>Four</h2><h4>Small</h4>"
)


def test_each_h2_and_h3_gets_a_link_beside_it_named_for_it():
    html = add_heading_links(add_heading_ids(BODY))
    assert (
        '<div class="heading-anchor"><h2 id="why-this-that">Why “this” &amp; that</h2>'
        '<a class="heading-link" href="#why-this-that" '
        'aria-label="Link to section: Why “this” &amp; that"></a></div>'
    ) in html
    assert (
        '<div class="heading-anchor"><h3 id="known-risks">Known <em>risks</em></h3>'
        '<a class="heading-link" href="#known-risks" aria-label="Link to section: Known risks">'
        "</a></div>"
    ) in html
    assert html.count('class="heading-link"') == 5
    assert "<h4>Small</h4>" in html and "<p>Intro</p>" in html


def test_a_heading_without_an_id_and_the_setting_off_are_left_alone():
    assert add_heading_links("<h2>No id</h2>") == "<h2>No id</h2>"
    body = Body({"HEADING_LINKS": False}, "a.md", "a/index.html", {})
    assert heading_links('<h2 id="a">A</h2>', body) == '<h2 id="a">A</h2>'


def test_the_table_of_contents_and_the_search_copy_do_not_pick_up_the_links():
    with_ids = add_heading_ids(BODY)
    linked = add_heading_links(with_ids)
    assert table_of_contents(linked) == table_of_contents(with_ids)
    assert [text for _, text in table_of_contents(linked)] == [
        "Why “this” & that",
        "Two",
        "Three",
        "Four",
    ]

    class Post:
        title = "T"
        _content = linked

    text = page_text(page_source(Post(), "en"))
    assert "#" not in text and "Link to section" not in text
