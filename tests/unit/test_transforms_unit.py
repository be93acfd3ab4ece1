"""The ordered pass over a post's HTML: each step alone, and the order."""

import transforms
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
