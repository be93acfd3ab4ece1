"""Bad input stops the build with `path:line: what. Fix: how`, exit code 2, and loses nothing."""

import pytest

from helpers import build, copy_content

GOOD = "Title: {title}\nDate: 2024-03-05 10:00\nSummary: A short summary.\n\nSome text.\n"


def post(fields: str, body: str = "Some text.") -> str:
    return f"{fields}\n\n{body}\n"


# name, files to add under content/posts (name -> text or bytes), expected (file, line, phrase)
CASES = [
    (
        "missing title",
        {"a.md": post("Date: 2024-03-05\nSummary: S.")},
        [("a.md", 1, "required field 'Title' is missing")],
    ),
    (
        "empty title",
        {"a.md": post("Title:\nDate: 2024-03-05\nSummary: S.")},
        [("a.md", 1, "field 'Title' is empty")],
    ),
    (
        "missing date",
        {"a.md": post("Title: A\nSummary: S.")},
        [("a.md", 1, "required field 'Date' is missing")],
    ),
    (
        "empty date",
        {"a.md": post("Title: A\nDate:\nSummary: S.")},
        [("a.md", 2, "field 'Date' is empty")],
    ),
    (
        "missing summary",
        {"a.md": post("Title: A\nDate: 2024-03-05")},
        [("a.md", 1, "required field 'Summary' is missing")],
    ),
    (
        "empty summary",
        {"a.md": post("Title: A\nDate: 2024-03-05\nSummary:")},
        [("a.md", 3, "field 'Summary' is empty")],
    ),
    (
        "misspelt Title",
        {"a.md": post("Tittle: A\nTitle: A\nDate: 2024-03-05\nSummary: S.")},
        [("a.md", 1, "unknown field 'Tittle'. Fix: did you mean 'Title'?")],
    ),
    (
        "misspelt Status",
        {"a.md": post("Title: A\nDate: 2024-03-05\nSummary: S.\nStauts: draft")},
        [("a.md", 4, "unknown field 'Stauts'. Fix: did you mean 'Status'?")],
    ),
    (
        "unknown status",
        {"a.md": post("Title: A\nDate: 2024-03-05\nSummary: S.\nStatus: publish")},
        [("a.md", 4, "Status 'publish' is not one this site knows")],
    ),
    (
        "month and year",
        {"a.md": post("Title: A\nDate: Feb 2024\nSummary: S.")},
        [("a.md", 2, "Date 'Feb 2024' is not a full, real date")],
    ),
    (
        "US date",
        {"a.md": post("Title: A\nDate: 03/04/2024\nSummary: S.")},
        [("a.md", 2, "Date '03/04/2024' is not a full, real date")],
    ),
    (
        "impossible date",
        {"a.md": post("Title: A\nDate: 2024-31-02\nSummary: S.")},
        [("a.md", 2, "Date '2024-31-02' is not a full, real date")],
    ),
    (
        "words for a date",
        {"a.md": post("Title: A\nDate: next tuesday\nSummary: S.")},
        [("a.md", 2, "Date 'next tuesday' is not a full, real date")],
    ),
    (
        "bad review date",
        {"a.md": post("Title: A\nDate: 2024-03-05\nSummary: S.\nReviewed: soon")},
        [("a.md", 4, "Reviewed 'soon' is not a full, real date")],
    ),
    (
        "not UTF-8",
        {"a.md": b"Title: A\nDate: 2024-03-05\nSummary: S.\n\nCaf\xe9 au lait.\n"},
        [("a.md", 5, "not saved as UTF-8")],
    ),
    ("empty file", {"a.md": ""}, [("a.md", 1, "the file is empty")]),
    (
        "blank line first",
        {"a.md": "\n" + post("Title: A\nDate: 2024-03-05\nSummary: S.")},
        [("a.md", 1, "starts with 1 blank line")],
    ),
    (
        "YAML front matter",
        {"a.md": "---\ntitle: A\ndate: 2024-03-05\n---\n\nText.\n"},
        [("a.md", 1, "YAML front matter")],
    ),
    (
        "same slug, other case",
        {
            "a.md": post("Title: Same Title\nDate: 2024-03-05\nSummary: S."),
            "b.md": post("Title: same title\nDate: 2024-03-06\nSummary: S."),
        },
        [
            ("a.md", 1, "the address 'same-title' is used by 2 files"),
            ("b.md", 1, "the address 'same-title' is used by 2 files"),
        ],
    ),
    (
        "explicit slug clash",
        {
            "a.md": post("Title: First\nDate: 2024-03-05\nSummary: S."),
            "b.md": post("Title: B\nSlug: First\nDate: 2024-03-05\nSummary: S."),
        },
        [
            ("a.md", 1, "the address 'first' is used by 2 files"),
            ("b.md", 2, "the address 'first' is used by 2 files"),
        ],
    ),
    (
        "emoji title",
        {"a.md": post("Title: 🌿🌿\nDate: 2024-03-05\nSummary: S.")},
        [("a.md", 1, "gives an empty web address")],
    ),
    (
        "missing linked post",
        {
            "a.md": post(
                "Title: A\nDate: 2024-03-05\nSummary: S.", "See [this]({filename}no-such-post.md)."
            )
        },
        [("a.md", 5, "{filename}no-such-post.md points to a file that does not exist")],
    ),
    (
        "missing image",
        {
            "a.md": post(
                "Title: A\nDate: 2024-03-05\nSummary: S.",
                "![A calm lake]({static}/images/lake.jpg)",
            )
        },
        [("a.md", 5, "{static}/images/lake.jpg points to a file that does not exist")],
    ),
    (
        "image without alt",
        {
            "a.md": post(
                "Title: A\nDate: 2024-03-05\nSummary: S.", "![]({static}/images/social-card.png)"
            )
        },
        [("a.md", 5, "has no alt text")],
    ),
    (
        "image outside static",
        {
            "a.md": post(
                "Title: A\nDate: 2024-03-05\nSummary: S.", "![A card](images/social-card.png)"
            )
        },
        [("a.md", 5, "is not linked with {static}")],
    ),
    (
        "script tag",
        {"a.md": post("Title: A\nDate: 2024-03-05\nSummary: S.", "<script>alert(1)</script>")},
        [("a.md", 5, "contains a <script> tag")],
    ),
    (
        "iframe",
        {
            "a.md": post(
                "Title: A\nDate: 2024-03-05\nSummary: S.",
                '<iframe src="https://example.org/"></iframe>',
            )
        },
        [("a.md", 5, "contains an <iframe>")],
    ),
    (
        "javascript link",
        {"a.md": post("Title: A\nDate: 2024-03-05\nSummary: S.", "[click](javascript:alert(1))")},
        [("a.md", 5, "contains a javascript: link")],
    ),
    (
        "long summary",
        {"a.md": post("Title: A\nDate: 2024-03-05\nSummary: " + "word " * 40)},
        [("a.md", 3, "the Summary is 199 characters")],
    ),
    (
        "not a .md file",
        {"notes.txt": "Title: A\n"},
        [("notes.txt", 1, "its name does not end in .md")],
    ),
    (
        "broken link after rendering",
        {
            "a.md": post(
                "Title: A\nDate: 2024-03-05\nSummary: S.", "Intro.\n\nSee [old post](/posts/gone/)."
            )
        },
        [("a.md", 7, "the link /posts/gone/ leads to no page")],
    ),
]


@pytest.mark.parametrize("name,files,expected", CASES, ids=[c[0] for c in CASES])
def test_bad_input_fails_with_path_and_line(tmp_path, name, files, expected):
    content = copy_content(tmp_path)
    for filename, text in files.items():
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        (content / "posts" / filename).write_bytes(data)
    result = build(content, tmp_path / "out", extra={"SEARCH_INDEX": False})
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    for filename, line, phrase in expected:
        prefix = f"{content / 'posts' / filename}:{line}: "
        lines = [text for text in result.stderr.splitlines() if text.startswith(prefix)]
        assert lines, f"no line starting {prefix!r} in:\n{result.stderr}"
        assert any(phrase in text and ". Fix: " in text for text in lines), (phrase, lines)


def test_every_problem_is_reported_in_one_run(tmp_path):
    content = copy_content(tmp_path)
    (content / "posts" / "one.md").write_text(post("Title: One\nDate: Feb 2024\nSummary: S."))
    (content / "posts" / "two.md").write_text(post("Title: Two\nDate: 2024-03-05\nStauts: x"))
    (content / "posts" / "three.md").write_text("")
    result = build(content, tmp_path / "out", extra={"SEARCH_INDEX": False})
    assert result.returncode == 2
    # Errors only: the real content's warnings (claims to review) come and go with its text.
    reported = [
        text
        for text in result.stderr.splitlines()
        if ". Fix: " in text and ": warning: " not in text
    ]
    assert len(reported) == 4, reported  # bad date; unknown field and missing summary; empty file
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_template_error_names_template_line_and_post(tmp_path):
    content = copy_content(tmp_path)
    theme = tmp_path / "theme"
    import shutil

    from helpers import REPO

    shutil.copytree(REPO / "theme", theme)
    article = theme / "templates" / "article.html"
    article.write_text(
        article.read_text().replace("{{ article.reading_time }}", "{{ article.no_such_field }}", 1)
    )
    meta = theme / "templates" / "partials" / "article_meta.html"
    meta.write_text(meta.read_text().replace("article.reading_time", "article.no_such_field"))
    result = build(content, tmp_path / "out", extra={"THEME": str(theme), "SEARCH_INDEX": False})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "article_meta.html:" in result.stderr
    assert "no_such_field" in result.stderr and "content/posts/" in result.stderr


def test_a_template_that_does_not_compile_names_its_file_and_line(tmp_path):
    import shutil

    from helpers import REPO

    content = copy_content(tmp_path)
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme", theme)
    article = theme / "templates" / "article.html"
    lines = article.read_text().splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, start=1) if "|typographic" in line)
    lines[number - 1] = lines[number - 1].replace("|typographic", "|typographik")
    article.write_text("".join(lines))
    result = build(content, tmp_path / "out", extra={"THEME": str(theme)})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"article.html:{number}: the template article does not compile" in result.stderr
    assert "typographik" in result.stderr and ". Fix: " in result.stderr
