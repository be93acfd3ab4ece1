"""The sanitiser step: nh3 keeps the allowlist, and whatever it would drop is reported on the
source line that holds it; comments are left out and listed as reminders in the preview."""

import markdown
import pytest

from transforms.body import Body
from transforms.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, CLEANER, sanitize, scheme_of

MARKDOWN = markdown.Markdown(
    extensions=["attr_list", "fenced_code", "tables"], output_format="html5"
)


def run(tmp_path, text: str, preview: bool = True):
    """Sanitise `text` as the body of a post; returns the HTML and (line, severity, message)."""
    source = tmp_path / "post.md"
    source.write_text(f"Title: T\nDate: 2024-03-05\nSummary: S.\n\n{text}\n", encoding="utf-8")
    MARKDOWN.reset()
    body = Body({"PREVIEW": preview}, str(source), "posts/t/index.html", {})
    html = sanitize(MARKDOWN.convert(text), body)
    return html, [(p.line, p.severity, p.message) for p in body.problems]


KEPT = [
    "Plain *words* with **strong** text, `code` and a [link](https://example.org/).",
    "A lead paragraph.\n{: .lead }",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "```python\nprint('<script>')\n```",
    "![A calm room]({static}/images/social-card.png){: width=800 height=600 }",
    "[a post]({filename}other.md), [book]({booking}), <mailto:someone@example.org>, "
    "[call](tel:988) and [text](sms:741741)",
    "## A heading {: #own-id }\n\n> A quote\n\n- one\n- two\n\n1. first",
    "<details><summary>More</summary>\n\nHidden text.\n</details>",
    "Text with <abbr title='ketamine-assisted psychotherapy'>KAP</abbr> and H<sub>2</sub>O.",
]


@pytest.mark.parametrize("text", KEPT)
def test_what_our_markdown_writes_passes_whole(tmp_path, text):
    MARKDOWN.reset()
    written = MARKDOWN.convert(text)
    html, problems = run(tmp_path, text)
    assert problems == []
    assert html == CLEANER.clean(written)
    # Only the spelling of the markup may change (quotes, character references), never the words.
    assert read_text(html) == read_text(written)


def read_text(html: str) -> str:
    from transforms.sanitize import read

    markup = read(html)
    return "".join(markup.text), [tag.signature() for tag in markup.tags]


def test_table_alignment_becomes_a_class_the_policy_allows(tmp_path):
    html, problems = run(tmp_path, "| a | b |\n|:-:|--:|\n| 1 | 2 |")
    assert problems == []
    assert '<th class="align-center">a</th>' in html and '<td class="align-right">2</td>' in html
    assert "style=" not in html


REFUSED = [
    ('<img src="x.png" alt="a" onerror="alert(1)">', 5, "event handler (onerror= on <img>)"),
    ('Para\n{: onclick="alert(1)" }', 6, "event handler (onclick= on <p>)"),
    ('<details open ontoggle="alert(1)">x</details>', 5, "event handler (ontoggle="),
    ('<form action="https://example.org/"><input name="q"></form>', 5, "a form"),
    ('<meta http-equiv="refresh" content="0;url=https://example.org/">', 5, "a <meta> tag"),
    ("<style>@import url(//example.org/x.css)</style>", 5, "a <style> block"),
    ('<object data="x.swf"></object>', 5, "an embedded object"),
    ('<embed src="x.swf">', 5, "an embedded object"),
    ("Text\n\n[x](java\nscript:alert(1))", 7, "a javascript: link"),
    ('<a href="jav&#x09;ascript:alert(1)">x</a>', 5, "a javascript: link"),
    ("[x](jav&#x61;script:alert(1))", 5, "a javascript: link"),
    ("Intro\n\n```\nnever closed\n\n<script>alert(1)</script>", 10, "a <script> tag"),
    ("- item\n\n    <img src=x alt=y onerror=alert(1)>", 7, "event handler (onerror="),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", 5, "a data: address"),
    ("![x](https://tracker.example/p.gif)", 5, "an image from another site (tracker.example)"),
    ('<img src="//tracker.example/p.gif" alt="x">', 5, "an image from another site"),
    ('<p style="color:red">x</p>', 5, "a style attribute on <p>"),
    ('<a href="/" target="_blank">x</a>', 5, "the attribute target= on <a>"),
    ("# A second title", 5, "a top-level heading"),
    ("<!DOCTYPE html>\n<p>x</p>", 5, "<!DOCTYPE html>"),
    ("Text\n\n<td>cell</td> more", 7, "the HTML around <td> is not well-formed"),
    ("<svg><circle r='1'/></svg>", 5, "inline picture markup"),
    ("Hi\n\n<!-- a private note never closed\n\nmore", 7, "never ends with -->"),
]


@pytest.mark.parametrize("text,line,phrase", REFUSED, ids=[r[2][:30] for r in REFUSED])
def test_what_lies_outside_the_allowlist_is_reported_on_its_line(tmp_path, text, line, phrase):
    _html, problems = run(tmp_path, text)
    errors = [(number, message) for number, severity, message in problems if severity == "error"]
    assert any(number == line and phrase in message for number, message in errors), errors


def test_nh3_output_never_holds_what_was_reported(tmp_path):
    html, problems = run(tmp_path, '<p onclick="x()">a</p><script>alert(1)</script>')
    assert len(problems) == 2
    assert html.strip() == "<p>a</p>"


def test_comments_are_left_out_and_listed_in_the_preview_only(tmp_path):
    text = "Text <!-- client J. --> more.\n\n<!-- a note\nover two lines -->\n\nEnd."
    html, problems = run(tmp_path, text)
    assert "<!--" not in html and "client" not in html and "note" not in html
    assert [(line, severity) for line, severity, _ in problems] == [(5, "warning"), (7, "warning")]
    assert "stays private" in problems[0][2]
    _html, published = run(tmp_path, text, preview=False)
    assert published == []


def test_a_comment_shown_as_code_is_code(tmp_path):
    html, problems = run(tmp_path, "```html\n<!-- an example -->\n```")
    assert problems == [] and "&lt;!-- an example --&gt;" in html


def test_a_second_finding_of_the_same_text_is_found_on_its_own_line(tmp_path):
    _html, problems = run(tmp_path, "<form></form>\n\nText.\n\n<form></form>")
    assert sorted({line for line, _s, _m in problems}) == [5, 9]


def test_a_browser_sees_the_scheme_through_spaces_and_controls():
    assert scheme_of(" \x01java\tscript:alert(1)") == "javascript"
    assert scheme_of("JAVASCRIPT:x") == "javascript"
    assert scheme_of("{filename}a.md") == "" and scheme_of("%7Bbooking%7D") == ""
    assert scheme_of("posts/a:b/") == ""  # a slash before the colon: a path, not a scheme


def test_the_writing_guide_lists_the_allowlist():
    from helpers import REPO

    guide = (REPO / "docs" / "writing.md").read_text(encoding="utf-8")
    section = guide.split("## HTML in a post", 1)[1].split("\n## ", 1)[0]
    for tag in ALLOWED_TAGS:
        assert f"`{tag}`" in section, tag
    for attributes in ALLOWED_ATTRIBUTES.values():
        for attribute in attributes:
            assert f"`{attribute}`" in section, attribute
