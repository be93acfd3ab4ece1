"""The ordered pass over a post's HTML: each step alone, and the order."""

import transforms
from helpers import REPO
from transforms.body import Body
from transforms.note import content_note
from transforms.practice import fill_practice_values, practice_values

SETTINGS = {"PRESCRIBER": "Dr. O'Neil & partners", "TEAM_SIZE": 3, "PLACEHOLDER_MARKER": "set-me"}


def test_practice_values_fill_text_and_links_and_mark_placeholders():
    html = '<p>By {practice:PRESCRIBER}. <a href="{practice:URL}">x</a> {practice:NOTE}</p>'
    settings = {**SETTINGS, "URL": "https://a.example/?a=1&b=2", "NOTE": "SET-ME later"}
    filled, unknown = fill_practice_values(html, settings, "set-me")
    assert filled == (
        "<p>By Dr. O'Neil &amp; partners. "
        '<a href="https://a.example/?a=1&amp;b=2">x</a> '
        '<mark class="placeholder">SET-ME later</mark></p>'
    )
    assert unknown == []


def test_an_unknown_practice_value_is_reported_on_its_line(tmp_path):
    source = tmp_path / "a.md"
    source.write_text("Title: A\n\nText.\n\nSee {practice:PRESCRIBR}.\n")
    body = Body(SETTINGS, str(source), "a/index.html", {})
    html = practice_values("<p>See {practice:PRESCRIBR}.</p>", body)
    assert html == "<p>See {practice:PRESCRIBR}.</p>"
    (problem,) = body.problems
    assert problem.line == 5 and "{practice:PRESCRIBR} names no setting" in problem.message


def test_content_note_goes_first_and_is_escaped():
    body = Body({}, "a.md", "a/index.html", {"content-note": "suicide <b>& loss</b>"})
    assert content_note("<p>Text</p>", body) == (
        '<p class="content-note"><strong>Content note:</strong> '
        '<span data-pagefind-meta="content_note">suicide &lt;b&gt;&amp; loss&lt;/b&gt;</span>'
        "</p>\n<p>Text</p>"
    )
    assert content_note("<p>Text</p>", Body({}, "a.md", "", {})) == "<p>Text</p>"


def test_the_pass_runs_in_the_documented_order():
    assert [step.__name__ for step in transforms.PASS] == [
        "sanitize",
        "practice_values",
        "booking_links",
        "responsive_images",
        "typography",
        "heading_ids",
        "heading_links",
        "content_note",
    ]


def test_headings_never_take_an_id_the_theme_or_the_post_already_uses(tmp_path):
    from transforms.headings import heading_ids, theme_ids

    reserved = theme_ids(str(REPO / "theme"))
    # The skip link's target, the crisis box and the table of contents, read from the templates.
    assert {"main", "crisis-help", "toc-title", "dev-problems"} <= reserved
    source = tmp_path / "a.md"
    source.write_text("Title: A\n\n## Main\n\n## Crisis help\n\n## Notes {#notes}\n\n## Notes\n")
    body = Body({"THEME": str(REPO / "theme")}, str(source), "a/index.html", {})
    html = heading_ids(
        '<h2>Main</h2><h2>Crisis help</h2><h2 id="notes">Notes</h2><h2>Notes</h2>', body
    )
    assert html == (
        '<h2 id="main-2">Main</h2><h2 id="crisis-help-2">Crisis help</h2>'
        '<h2 id="notes">Notes</h2><h2 id="notes-2">Notes</h2>'
    )
    assert body.problems == []


def test_an_id_written_in_a_post_that_the_theme_uses_or_written_twice_is_refused(tmp_path):
    from transforms.headings import heading_ids

    source = tmp_path / "a.md"
    source.write_text(
        'Title: A\n\nText.\n\n## Start {#main}\n\n<p id="tip">One</p>\n\n<p id="tip">Two</p>\n'
    )
    body = Body({"THEME": str(REPO / "theme")}, str(source), "a/index.html", {})
    heading_ids('<h2 id="main">Start</h2><p id="tip">One</p><p id="tip">Two</p>', body)
    assert [(p.line, p.message) for p in body.problems] == [
        (5, 'the id "main" is one the theme gives its own part of every page'),
        (7, 'the id "tip" is written 2 times; an id names one place'),
    ]
    assert all(p.fix.startswith("choose another id") for p in body.problems)
