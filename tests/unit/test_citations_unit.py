"""Finding the links a post cites, and remembering answers, without the network."""

import json

from sitebuild.citations import Outcome, is_home, links_in, load_cache, problem, save_cache

POST = """\
Title: A
Date: 2024-03-05
Summary: S.

A study ([Smith 2019](https://doi.org/10.1016/S0006-3223(99)00230-9)) and
[a label](https://example.org/label "The label") on one line.
See <https://example.org/auto> too, and <a href="https://example.org/html">this</a>.

```
[not a link](https://example.org/in-code)
```

    [indented code](https://example.org/indented)

Inline `[code](https://example.org/inline-code)`, [booking]({booking}), [post]({filename}b.md).

[ref]: https://example.org/reference
"""


def test_links_are_found_with_their_lines_and_code_is_left_out(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(POST)
    found = [(link.url, link.line) for link in links_in(str(path))]
    assert found == [
        ("https://doi.org/10.1016/S0006-3223(99)00230-9", 5),
        ("https://example.org/label", 6),
        ("https://example.org/auto", 7),
        ("https://example.org/html", 7),
        ("https://example.org/reference", 17),
    ]


def test_a_deep_link_ending_on_a_home_page_is_noticed():
    assert is_home("https://example.org/studies/42", "https://example.org/")
    assert is_home("https://doi.org/10.1/x", "https://publisher.example/?from=doi")
    assert not is_home("https://example.org/", "https://www.example.org/")
    assert not is_home("https://example.org/a", "https://example.org/b")


def test_lasting_answers_are_kept_until_they_expire(tmp_path):
    cache = tmp_path / "citations.json"
    now = 1_000_000.0
    save_cache(
        str(cache),
        {
            "https://a.example/ok": Outcome("ok", "", "https://a.example/ok", now - 86400),
            "https://a.example/old": Outcome("gone", "404 Not Found", "", now - 8 * 86400),
            "https://a.example/slow": Outcome("timeout", "no answer", "", now),
        },
    )
    assert set(json.loads(cache.read_text())["links"]) == {
        "https://a.example/ok",
        "https://a.example/old",
    }
    assert set(load_cache(str(cache), 7, now)) == {"https://a.example/ok"}
    assert load_cache(str(tmp_path / "none.json"), 7, now) == {}


def test_each_kind_of_failure_says_what_to_do(tmp_path):
    from sitebuild.citations import Link

    link = Link("https://doi.org/10.1/none", "posts/a.md", 3)
    doi = problem(link, Outcome("gone", "404 Not Found", "https://doi.org/10.1/none"))
    assert str(doi).startswith("posts/a.md:3: the link https://doi.org/10.1/none is a DOI")
    assert problem(link, Outcome("ok")) is None
    assert problem(link, Outcome("status", "403 Forbidden")).severity == "warning"
    home = problem(link, Outcome("home", "", "https://publisher.example/"))
    assert "home page https://publisher.example/" in home.message
