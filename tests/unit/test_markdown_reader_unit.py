"""The plain-text shortcut in the Markdown workers changes speed, never output."""

import pytest
from markdown import Markdown

from helpers import REPO
from markdown_reader.plain_text import skip_plain_text
from sitebuild.corpus import post_text

EXTENSIONS = [
    "markdown.extensions.attr_list",
    "markdown.extensions.fenced_code",
    "markdown.extensions.tables",
    "markdown.extensions.meta",
]
TRICKY = [
    "Plain prose with an apostrophe's and a dash - and (brackets).",
    "A line ending in two spaces  \nthen a break.",
    "Some *emphasis*, __strong__, snake_case_words and a lone * star.",
    "A [link](https://example.org) and ![an image](x.png) and [ref][1].\n\n[1]: /a",
    "Code `x < y` and \\*escaped\\* and &amp; &copy; &#169; and AT&T.",
    'Inline <span class="x">html</span>, <https://example.org> and <me@example.org>.',
    "```\nfenced <b>code</b> with * and _\n```\n\nAfter the fence.",
    "| a | b |\n| - | - |\n| *1* | 2 |",
    "# Heading {: #custom-id }\n\nParagraph {: .note }",
    '<div markdown="1">raw block</div>\n\nText after.',
]


def convert(text: str, quick: bool) -> str:
    md = Markdown(extensions=EXTENSIONS, output_format="html5")
    if quick:
        skip_plain_text(md)
    return md.convert(text)


@pytest.mark.parametrize("text", TRICKY)
def test_shortcut_output_is_identical_on_tricky_markdown(text):
    assert convert(text, quick=True) == convert(text, quick=False)


def test_shortcut_output_is_identical_on_real_and_generated_posts():
    import random

    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "content").rglob("*.md"))]
    rng = random.Random(3)
    texts += [post_text(index, rng, 600) for index in range(1, 20)]
    for text in texts:
        assert convert(text, quick=True) == convert(text, quick=False)


def test_shortcut_stands_aside_when_an_extension_adds_inline_patterns():
    md = skip_plain_text(Markdown(extensions=EXTENSIONS + ["markdown.extensions.footnotes"]))
    assert type(md.treeprocessors["inline"]).__name__ == "InlineProcessor"
    md = skip_plain_text(Markdown(extensions=EXTENSIONS))
    assert type(md.treeprocessors["inline"]).__name__ == "PlainTextInlineProcessor"
