"""The readability report behind `make check`."""

from sitebuild.readability import body_of, grade, syllables


def test_syllables_approximation():
    assert [syllables(w) for w in ["cat", "table", "integration", "make"]] == [1, 2, 4, 1]


def test_simple_text_grades_lower_than_dense_text():
    simple, _ = grade("The cat sat. The dog ran. We had fun.")
    dense, _ = grade(
        "Psychotherapeutic integration facilitates neuroplastic consolidation "
        "of experiential phenomenology."
    )
    assert simple < 3 < dense


def test_body_ignores_fields_and_markdown_links():
    text = body_of("Title: X\nDate: 2024-01-01\n\nRead [this post]({filename}a.md) **now**.")
    assert "Title" not in text and "filename" not in text and "this post" in text
