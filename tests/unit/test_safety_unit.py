"""Claims, accepted phrases, the therapist's review, placeholders and the retired number."""

from datetime import date

import pytest

from safety.checks import (
    accepted_phrases,
    claim_problems,
    claims_in,
    forbidden_in_output,
    next_review,
    placeholder_settings,
    review_problems,
)

# Sentence -> the words that make it a claim, or None. Denying a benefit is no claim; denying
# a risk is one.
CLAIM_TABLE = [
    ("Ketamine cures depression.", "cures"),
    ("KAP is not a cure.", None),
    ("There is no cure for grief, only care.", None),
    ("It is not a miracle.", None),
    ("Ketamine isn’t a cure.", None),
    ("KAP is no cure, and it is never a miracle.", None),
    ("It is not only a cure but a gift.", "cure"),
    ("It is not a cure, but ketamine cures depression.", "cures"),
    ("A miracle drug for the mind.", "miracle"),
    ("Results are guaranteed.", "guaranteed"),
    ("We cannot guarantee results.", None),
    ("It is proven to work.", "proven to"),
    ("It has not been proven to work.", None),
    ("The nasal spray is safe and effective.", "safe and effective"),
    ("It is 100% effective.", "100%"),
    ("Ketamine is FDA-approved for depression.", "FDA-approved"),
    ("Ketamine is FDA approved for depression.", "FDA approved"),
    ("Ketamine is not FDA-approved for depression.", None),
    ("Ketamine has not been FDA approved for depression.", None),
    ("Esketamine is FDA-approved for treatment-resistant depression.", None),
    ("There are no side effects.", "no side effects"),
    ("It works without any side effects.", "without any side effects"),
    ("A side-effect-free treatment.", "side-effect-free"),
    ("KAP is not without side effects.", None),
    ("Ketamine is risk-free.", "risk-free"),
    ("There is no risk.", "no risk"),
    ("Ketamine is not risk-free.", None),
    ("KAP is completely safe.", "completely safe"),
    ("KAP is not completely safe for everyone.", None),
    ("Ketamine is safe.", "Ketamine is safe"),
    ("Ketamine is generally safe when prescribed.", "Ketamine is generally safe"),
    ("The medicine is very safe.", "The medicine is very safe"),
    ("Is ketamine safe for me?", None),
    ("The prescriber decides whether KAP is safe for you.", None),
    ("It is harmless.", "harmless"),
    ("Ketamine is not addictive.", "not addictive"),
    ("Ketamine is non-addictive.", "non-addictive"),
    ("Keeping lozenges safe", None),
    ("Plan how you will get home safely.", None),
    ("Some conditions make ketamine unsafe.", None),
    # The owner's sentence (what-does-ketamine-feel-like.md): "safe" is said of clients lying
    # down, not of ketamine; the off-label notice stands beside it.
    (
        "KAP clients are safe and comfortable lying down with an eye mask and headphones "
        "throughout the experience.",
        None,
    ),
]


@pytest.mark.parametrize("sentence,claim", CLAIM_TABLE)
def test_claim_table(sentence, claim):
    found = [sentence[start:end] for start, end, _ in claims_in(sentence)]
    assert found == ([claim] if claim else []), sentence


def problems(body, accept="", line=4, as_errors=True):
    return claim_problems("p.md", 10, body, accept, line, as_errors)


def test_claims_are_reported_with_their_line_and_a_phrase_to_accept():
    body = "Fine line.\nKetamine can cure depression.\nResults guaranteed.\n"
    found = problems(body)
    assert [(p.line, p.severity) for p in found] == [(11, "error"), (12, "error")]
    assert found[0].message == "the post promises a cure: 'cure'"
    assert 'Accept-claims: "Ketamine can cure depression"' in found[0].fix
    assert problems(body, as_errors=False)[0].severity == "warning"


def test_an_accepted_phrase_counts_only_where_it_stands():
    body = "Ketamine is FDA-approved as an anesthetic.\n\nLater: ketamine is a cure.\n"
    found = problems(body, '"FDA-approved as an anesthetic"')
    assert [(p.line, p.message) for p in found] == [(12, "the post promises a cure: 'cure'")]
    # Case, hyphens, spaces and line breaks may differ; emphasis marks too.
    assert (
        problems(
            "Ketamine is **FDA approved**\nas an anesthetic.", '"fda-approved as an ANESTHETIC"'
        )
        == []
    )


def test_accepting_one_phrase_does_not_accept_the_word_elsewhere():
    body = "Ketamine is not a cure, they said.\nKetamine cures depression.\n"
    assert [p.line for p in problems(body, '"Ketamine is not a cure"')] == [11]
    assert [p.line for p in problems(body, '"Ketamine cures depression"')] == []


def test_old_unquoted_accept_claims_is_an_error_with_the_fix():
    (found,) = problems("Ketamine can cure depression.\n", "cure, FDA-approved", line=5)
    assert found.line == 5 and found.severity == "error"
    assert "not a list of quoted phrases" in found.message
    assert "quote each phrase" in found.fix and '"FDA-approved as an anesthetic"' in found.fix


def test_accepted_phrases_parse_quotes_and_commas():
    assert accepted_phrases('"not a cure", "FDA-approved as an anesthetic"') == [
        "not a cure",
        "FDA-approved as an anesthetic",
    ]
    assert accepted_phrases("“curly quotes too”") == ["curly quotes too"]
    assert accepted_phrases("") == []
    assert accepted_phrases("cure") is None
    assert accepted_phrases('"one", two') is None


def test_a_short_or_absent_accepted_phrase_is_reported():
    body = "Ketamine cures depression.\n"
    short = problems(body, '"cures"')
    assert any("too short to say where it stands" in p.message for p in short)
    assert any(p.line == 10 for p in short)  # the claim itself still counts
    absent = problems("Fine.\n", '"ketamine cures depression"')
    assert [p.message for p in absent] == [
        'the accepted phrase "ketamine cures depression" is not in the text'
    ]


def test_link_addresses_are_not_text():
    assert problems("See [the FDA](https://www.fda.gov/risk-free-cure-guaranteed).\n") == []
    assert problems("[the cure](https://example.org/)\n")[0].message.endswith("'cure'")


def test_testimonials_are_reported_unless_accepted_on_their_line():
    body = "Intro.\n> “It changed my life,” a client said.\n"
    (found,) = problems(body)
    assert found.line == 11 and "testimonial" in found.message
    assert problems(body, '"It changed my life"') == []


def test_next_review_is_months_later_and_clamps_the_day():
    assert next_review(date(2025, 11, 24), 12) == date(2026, 11, 24)
    assert next_review(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert next_review(date(2024, 1, 31), 1) == date(2024, 2, 29)


def test_review_missing_overdue_future_and_fine():
    today = date(2026, 11, 24)

    def check(reviewed, as_errors=True):
        return review_problems("p.md", "post", reviewed, 7, 12, today, as_errors)

    (missing,) = check(None)
    assert (missing.line, missing.severity) == (7, "error")
    assert "not been reviewed" in missing.message and "Reviewed: 2026-11-24" in missing.fix
    assert check(None, as_errors=False)[0].severity == "warning"
    assert check(date(2025, 11, 25)) == []
    (overdue,) = check(date(2025, 11, 24))
    assert "review of this post is overdue" in overdue.message
    assert "next review due 2026-11-24" in overdue.message
    assert check(date(2026, 11, 25)) == []  # a day's grace for time zones
    (future,) = check(date(2026, 12, 1), as_errors=False)
    assert future.severity == "error" and "in the future" in future.message


def test_placeholders_are_found_by_marker():
    settings = {
        "PLACEHOLDER_MARKER": "set-me",
        "PRACTICE_SETTINGS": ["A", "B", "C"],
        "A": "SET-ME name",
        "B": "Real",
        "C": "",
    }
    assert placeholder_settings(settings) == ["A", "C"]


def test_retired_number_in_output_is_found(tmp_path):
    (tmp_path / "a.html").write_text("<p>ok</p>\n<p>Call 1-800-273-8255</p>")
    (tmp_path / "b.html").write_text("<p>Call or text 988</p>")
    problems = forbidden_in_output(str(tmp_path), ["800-273-8255", "273-TALK"])
    assert [(p.path.endswith("a.html"), p.line) for p in problems] == [(True, 2)]
