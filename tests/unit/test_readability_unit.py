"""Readability: what counts as prose, sentences and the textstat grade."""

from kernel import readability
from kernel.readability import grade_of, line_of_sentence, sentences, word_count
from sitebuild.readability import describe, measure, report

SETTINGS = {
    "MARKDOWN": {"extension_configs": {"markdown.extensions.attr_list": {}}},
    "CONSULTATION_OFFER": "free 15-minute phone consultation",
}


def prose(markdown: str) -> list[str]:
    return sentences(readability.markdown_html(markdown, SETTINGS))


def test_headings_and_list_items_are_sentences_of_their_own():
    found = prose("## Driving\n\nDo not drive.\n\n- dizziness\n- a rise in blood pressure\n")
    assert found == ["Driving", "Do not drive.", "dizziness", "a rise in blood pressure"]


def test_citations_are_left_out_and_ordinary_links_kept():
    found = prose(
        "Ketamine is approved as an anesthetic ([Ketalar label](https://dailymed.example/x)).\n"
        "A small trial followed [Zarate 2006](https://doi.org/10.1/x); see "
        "[the guide](https://example.org/guide) for more.\n\n"
        "Depression is treated with talk therapy ([NIMH](https://a.example); "
        "[FDA, 2023](https://b.example)).\n"
    )
    assert found == [
        "Ketamine is approved as an anesthetic.",
        "A small trial followed; see the guide for more.",
        "Depression is treated with talk therapy.",
    ]


def test_code_is_not_prose_and_practice_values_are():
    found = prose(
        "Run `make serve` now.\n\n```\nnot prose here.\n```\n\n"
        "Book a {practice:CONSULTATION_OFFER}."
    )
    assert found == ["Run now.", "Book a free 15-minute phone consultation."]


def test_simple_text_grades_lower_than_dense_text():
    simple = grade_of(("The cat sat.", "The dog ran.", "We had fun."))
    dense = grade_of(
        (
            "Psychotherapeutic integration facilitates neuroplastic consolidation of "
            "experiential phenomenology.",
        )
    )
    assert simple.grade < 3 < dense.grade
    assert simple.words == 9 and simple.sentences == 3


def test_the_grade_is_flesch_kincaid_on_textstat_counts():
    import textstat

    found = ("Ketamine can feel like a dream.", "Integration sessions help you remember.")
    text = " ".join(found)
    words, syllables = textstat.lexicon_count(text), textstat.syllable_count(text)
    expected = round(0.39 * words / 2 + 11.8 * syllables / words - 15.59, 1)
    assert grade_of(found).grade == expected


def test_longest_sentences_come_first_and_are_three_at_most():
    found = grade_of(("One two.", "One two three four five.", "One.", "One two three."))
    assert found.longest == ["One two three four five.", "One two three.", "One two."]
    assert word_count("It’s a dream-like state.") == 4


def test_line_of_a_sentence_across_markup_and_line_breaks(tmp_path):
    path = tmp_path / "p.md"
    path.write_text("Title: T\nSummary: S.\n\nFirst line.\nThis is **not** watched\nfor help.\n")
    assert line_of_sentence(str(path), "This is not watched for help.") == 5
    assert line_of_sentence(str(path), "Nowhere in the file.", default=3) == 3


def test_report_marks_a_page_over_its_limit(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "posts").mkdir()
    page = tmp_path / "pages" / "hard.md"
    page.write_text(
        "Title: Hard\nSummary: S.\n\nNotwithstanding considerable institutional "
        "heterogeneity, comprehensive psychotherapeutic interventions necessitate "
        "individualized evaluation.\n"
    )
    settings = {**SETTINGS, "READABILITY_LIMITS": {"pages/hard.md": 7}}
    (row,) = report(str(tmp_path), settings)
    assert row.over_limit and row.grade > 7
    lines = describe(row)
    assert "above its limit of 7" in lines[0] and f"{page}:4: 10 words:" in lines[1]
    assert measure(str(page), settings).grade == row.grade
