"""Passing over inline patterns whose characters are absent changes speed, never output."""

import random

import pytest
from markdown import Markdown

from helpers import REPO
from markdown_reader.inline_triggers import TRIGGERS, use_triggers
from sitebuild.corpus import mixed_post, steady_post

EXTENSIONS = [
    "markdown.extensions.attr_list",
    "markdown.extensions.fenced_code",
    "markdown.extensions.tables",
]
TRICKY = [
    "Plain prose with an apostrophe's and a dash - and (brackets).",
    "A line ending in two spaces  \nthen a break.",
    "Some *emphasis*, __strong__, snake_case_words and a lone * star.",
    "*Nested **strong** in em* and _under_score_ and ***both***.",
    "A [link](https://example.org) and ![an image](x.png) and [ref][1].\n\n[1]: /a",
    "A [short ref] and ![short image] and [text] [ref2] and ![alt][ref2].\n\n[ref2]: /b",
    "Code `x < y` and \\*escaped\\* and &amp; &copy; &#169; and AT&T.",
    "Escaped \\`tick\\` and \\\\`code` and ``double `tick` code``.",
    'Inline <span class="x">html</span>, <https://example.org> and <me@example.org>.',
    "A link with *emphasis* inside: [*em* and `code`](https://example.org/a_b).",
    "```\nfenced <b>code</b> with * and _\n```\n\nAfter the fence.",
    "| a | b |\n| - | - |\n| *1* | [2](/x) |",
    "# Heading {: #custom-id }\n\nParagraph {: .note }",
    '<div markdown="1">raw block</div>\n\nText after.',
    "Entity at the end &",
    "A [bracket with no link and a * star",
]


def convert(text: str, passing_over: bool) -> str:
    md = Markdown(extensions=EXTENSIONS, output_format="html5")
    if passing_over:
        use_triggers(md)
    return md.convert(text)


@pytest.mark.parametrize("text", TRICKY)
def test_output_is_identical_on_tricky_markdown(text):
    assert convert(text, passing_over=True) == convert(text, passing_over=False)


def test_output_is_identical_on_real_and_generated_posts():
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "content").rglob("*.md"))]
    rng = random.Random(3)
    texts += [steady_post(index, rng, 600) for index in range(1, 20)]
    texts += [mixed_post(index, rng) for index in range(1, 60)]
    for text in texts:
        body = text.split("\n\n", 1)[-1]
        assert convert(body, passing_over=True) == convert(body, passing_over=False)


def test_it_stands_aside_when_an_extension_adds_inline_patterns():
    md = use_triggers(Markdown(extensions=EXTENSIONS + ["markdown.extensions.footnotes"]))
    assert type(md.treeprocessors["inline"]).__name__ == "InlineProcessor"
    md = use_triggers(Markdown(extensions=EXTENSIONS))
    assert type(md.treeprocessors["inline"]).__name__ == "TriggeredInlineProcessor"


def test_every_default_pattern_has_its_characters():
    md = Markdown(extensions=EXTENSIONS)
    assert {item.name for item in md.inlinePatterns._priority} == set(TRIGGERS)
