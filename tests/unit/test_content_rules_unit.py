"""Pure pieces of the content rules."""

from urllib.parse import urlsplit

import pytest

from content_rules.output_checks import resolve
from content_rules.source_checks import slug_of
from kernel.content import parse_date
from kernel.frontmatter import parse
from kernel.problems import Problem


@pytest.mark.parametrize(
    "value,ok",
    [
        ("2024-03-05", True),
        ("2024-03-05 10:00", True),
        ("2024-03-05T10:00:30+02:00", True),
        ("2024-02-30", False),
        ("20240305", False),
        ("Feb 2024", False),
        ("", False),
    ],
)
def test_parse_date_accepts_only_full_real_iso_dates(value, ok):
    assert (parse_date(value) is not None) is ok


def test_frontmatter_keeps_line_numbers_and_continuations():
    source = parse("x.md", "Title: A\nSummary: one\n  two\nTags: a, b\n\nBody line\n")
    assert source.get("summary") == "one two"
    assert source.line_of("tags") == 4
    assert source.body_start == 6 and source.body.startswith("Body line")


def test_slug_is_case_insensitive_and_prefers_slug_field():
    settings = {
        "SLUG_REGEX_SUBSTITUTIONS": [
            (r"[^\w\s-]", ""),
            (r"(?u)\A\s*", ""),
            (r"(?u)\s*\Z", ""),
            (r"[-\s]+", "-"),
        ]
    }
    assert slug_of(parse("a.md", "Title: Hello World\n"), settings) == "hello-world"
    assert slug_of(parse("a.md", "Title: X\nSlug: Other-Name\n"), settings) == "other-name"


def test_problem_format_is_path_line_message_fix():
    problem = Problem("content/posts/a.md", 3, "the field 'X' is empty", "write a value")
    assert str(problem) == "content/posts/a.md:3: the field 'X' is empty. Fix: write a value"


@pytest.mark.parametrize(
    "page,url,expected",
    [
        ("posts/a/index.html", "../b/", "posts/b/"),
        ("index.html", "https://example.org/blog/about/", "about/"),
        ("index.html", "https://other.example/x", None),
        ("index.html", "/elsewhere/", "\0outside:/elsewhere/"),
        ("index.html", "mailto:a@b.c", None),
    ],
)
def test_resolve_maps_links_to_output_paths(page, url, expected):
    assert resolve(page, url, urlsplit("https://example.org/blog")) == expected
