"""Claims, review dates, placeholders and the retired crisis number."""

from datetime import datetime

from safety.checks import claim_problems, forbidden_in_output, placeholder_settings, review_problem


def test_claims_are_reported_with_line_unless_accepted():
    body = "Fine line.\nKetamine is a cure for everything.\nResults guaranteed.\n"
    problems = claim_problems("p.md", 10, body, [], as_errors=True)
    assert [(p.line, p.severity) for p in problems] == [(11, "error"), (12, "error")]
    assert claim_problems("p.md", 10, body, ["cure", "guaranteed"], True) == []
    assert claim_problems("p.md", 1, body, [], False)[0].severity == "warning"


def test_fda_approved_near_ketamine_and_testimonials():
    body = "Ketamine is FDA-approved for depression.\n> “It changed my life.”\n"
    messages = [p.message for p in claim_problems("p.md", 1, body, [], True)]
    assert any("FDA-approved" in m for m in messages)
    assert any("testimonial" in m for m in messages)


def test_review_older_than_the_limit_warns():
    today = datetime(2026, 11, 24)
    assert review_problem("p.md", 4, datetime(2025, 11, 25), 12, today) is None
    warning = review_problem("p.md", 4, datetime(2025, 11, 24), 12, today)
    assert warning.severity == "warning" and warning.line == 4


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
