"""Fees, insurance and availability: what counts as an answer, and how old a date may be."""

from datetime import date, timedelta

from practice_facts.facts import (
    accepting_is_valid,
    as_of_date,
    as_of_is_valid,
    availability_age_problem,
)
from safety.checks import placeholder_settings

TODAY = date.today()


def test_true_and_false_are_answers_and_only_a_placeholder_stands_in():
    assert accepting_is_valid(True, "set-me") and accepting_is_valid(False, "set-me")
    assert accepting_is_valid("SET-ME True or False", "set-me")
    assert not accepting_is_valid("yes", "set-me")
    assert not accepting_is_valid("False", "set-me")  # a string, not the answer False
    assert not accepting_is_valid(0, "set-me")


def test_false_is_not_a_placeholder_for_the_publish():
    settings = {
        "PLACEHOLDER_MARKER": "set-me",
        "PRACTICE_SETTINGS": ["ACCEPTING_NEW_CLIENTS", "AVAILABILITY_AS_OF", "FEES"],
        "ACCEPTING_NEW_CLIENTS": False,
        "AVAILABILITY_AS_OF": "SET-ME YYYY-MM-DD",
        "FEES": [("SET-ME service", "SET-ME price")],
    }
    assert placeholder_settings(settings) == ["AVAILABILITY_AS_OF", "FEES"]
    settings["ACCEPTING_NEW_CLIENTS"] = "SET-ME True or False"
    assert placeholder_settings(settings)[0] == "ACCEPTING_NEW_CLIENTS"


def test_the_date_must_be_a_real_iso_day_or_a_placeholder():
    assert as_of_date("2026-02-28") == date(2026, 2, 28)
    assert as_of_date("2026-02-30") is None
    assert as_of_date("28/02/2026") is None
    assert as_of_is_valid("SET-ME YYYY-MM-DD", "set-me")
    assert not as_of_is_valid("last week", "set-me")


def test_older_than_the_limit_or_in_the_future_is_a_problem():
    def problem(days_ago: int):
        return availability_age_problem(
            "pelicanconf.py", 40, TODAY - timedelta(days=days_ago), TODAY, 90, "error"
        )

    assert problem(0) is None and problem(90) is None
    stale = problem(91)
    assert stale.line == 40 and stale.severity == "error"
    assert "AVAILABILITY_AS_OF" in stale.message and "91 days ago" in stale.message
    assert "today's date" in stale.fix
    assert "future" in problem(-1).message
