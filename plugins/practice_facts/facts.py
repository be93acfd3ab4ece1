"""What a client checks before calling: fees, insurance, and whether the practice is taking
new clients, with the date that was last confirmed. Pure functions, no Pelican state."""

from __future__ import annotations

import re
from datetime import date

from kernel.problems import Problem

ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_placeholder(value, marker: str) -> bool:
    return isinstance(value, str) and marker.lower() in value.lower()


def as_of_date(value) -> date | None:
    """AVAILABILITY_AS_OF as a date; None when it is not a real YYYY-MM-DD date."""
    if not isinstance(value, str) or not ISO_DAY.match(value.strip()):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def accepting_is_valid(value, marker: str) -> bool:
    """True and False are answers; only a placeholder may stand in for one."""
    return isinstance(value, bool) or is_placeholder(value, marker)


def as_of_is_valid(value, marker: str) -> bool:
    return as_of_date(value) is not None or is_placeholder(value, marker)


def availability_age_problem(
    config: str, line: int, as_of: date, today: date, max_days: int, severity: str
) -> Problem | None:
    """A problem when the availability was last confirmed more than `max_days` ago, or is
    dated in the future (a typo: nobody confirms ahead)."""
    age = (today - as_of).days
    fix = (
        "check whether you are taking new clients, set ACCEPTING_NEW_CLIENTS to True or False, "
        "and set AVAILABILITY_AS_OF to today's date (YYYY-MM-DD)"
    )
    if age > max_days:
        return Problem(
            config,
            line,
            f"AVAILABILITY_AS_OF is {as_of.isoformat()}, {age} days ago: more than {max_days} "
            "days since you last confirmed whether you are taking new clients",
            fix,
            severity,
        )
    if age < 0:
        return Problem(
            config,
            line,
            f"AVAILABILITY_AS_OF is {as_of.isoformat()}, a date in the future",
            fix,
            severity,
        )
    return None
