"""Clinical-safety checks: placeholders, retired crisis numbers, risky claims, stale reviews."""

from __future__ import annotations

import os
import re
from datetime import datetime

from kernel.problems import Problem
from kernel.settings import line_of

# Wording regulators and professional codes warn about in health marketing, each with a
# lower-case word it cannot match without: most posts contain none, and a substring search
# costs a fraction of the regex.
CLAIMS = [
    (re.compile(r"\bcur(e|es|ed)\b", re.IGNORECASE), "promises a cure", "cur"),
    (re.compile(r"\bguarantee(d|s)?\b", re.IGNORECASE), "promises a result", "guarantee"),
    (re.compile(r"\b100\s?%", re.IGNORECASE), "claims certainty (100%)", "100"),
    (
        re.compile(r"\bsafe and effective\b", re.IGNORECASE),
        "says 'safe and effective'",
        "safe and effective",
    ),
    (re.compile(r"\bmiracle\b", re.IGNORECASE), "promises a miracle", "miracle"),
    (re.compile(r"\bproven to\b", re.IGNORECASE), "says 'proven to'", "proven to"),
    (
        re.compile(
            r"\bFDA[- ]approved\b(?=.{0,80}\bketamine\b)|\bketamine\b.{0,80}\bFDA[- ]approved",
            re.IGNORECASE,
        ),
        "says 'FDA-approved' near 'ketamine' (ketamine is approved only as an anaesthetic)",
        "fda",
    ),
]
# A quotation in a blockquote, or an attribution such as "— a former client".
TESTIMONIAL = re.compile(
    r"^\s*>.*[\"“”]|[—–]\s*(a )?(former |happy )?(client|patient)\b", re.IGNORECASE | re.MULTILINE
)
TESTIMONIAL_MARKS = [">", "\u2014", "\u2013"]  # a blockquote, or an em or en dash


def placeholder_settings(settings: dict) -> list[str]:
    """Names in PRACTICE_SETTINGS whose value still holds the placeholder marker."""
    marker = settings["PLACEHOLDER_MARKER"].lower()
    return [
        name
        for name in settings["PRACTICE_SETTINGS"]
        if not isinstance(settings.get(name), bool)  # True and False are answers
        and (marker in str(settings.get(name, "")).lower() or not settings.get(name))
    ]


def placeholder_problems(settings: dict, config_path: str) -> list[Problem]:
    problems = []
    for name in placeholder_settings(settings):
        if name == "SITEURL":
            problems.append(
                Problem(
                    config_path,
                    line_of(config_path, "SITEURL"),
                    "SITEURL is not set for publishing",
                    "give the site's address: SITEURL=https://your-domain make publish",
                )
            )
        else:
            problems.append(
                Problem(
                    config_path,
                    line_of(config_path, name),
                    f"{name} still holds its placeholder ({settings.get(name)!r})",
                    f"set {name} in pelicanconf.py to the real value",
                )
            )
    return problems


def claim_problems(
    path: str, body_start: int, body: str, accepted: list[str], as_errors: bool
) -> list[Problem]:
    """Risky phrases in a post body, minus those the post's Accept-claims field accepts."""
    lowered = body.lower()
    severity = "error" if as_errors else "warning"
    accepted_lower = [normal(a) for a in accepted]

    def body_line(offset: int) -> int:
        return body_start + body.count("\n", 0, offset)

    found = []
    for pattern, what, keyword in CLAIMS:
        if keyword not in lowered:
            continue
        for match in pattern.finditer(body):
            phrase = match.group(0)
            if any(a in normal(phrase) for a in accepted_lower):
                continue
            short = (
                phrase
                if len(phrase) < 30
                else re.search(r"FDA[- ]approved", phrase, re.IGNORECASE).group(0)
            )
            found.append(
                Problem(
                    path,
                    body_line(match.start()),
                    f"the post {what}: '{short}'",
                    "rephrase without promising results, or, after review, add "
                    f"'Accept-claims: {short}' to the post's fields",
                    severity,
                )
            )
    if "testimonial" not in accepted_lower and any(m in body for m in TESTIMONIAL_MARKS):
        for match in TESTIMONIAL.finditer(body):
            found.append(
                Problem(
                    path,
                    body_line(match.start()),
                    "this looks like a client testimonial",
                    "remove it (professional codes restrict "
                    "testimonials), or add 'Accept-claims: testimonial' after "
                    "review",
                    severity,
                )
            )
    return sorted(set(found))


def normal(phrase: str) -> str:
    """Compare phrases ignoring case and hyphen-or-space spelling."""
    return re.sub(r"[\s-]+", " ", phrase.lower())


def review_problem(
    path: str, line: int, reviewed: datetime, months: int, today: datetime
) -> Problem | None:
    """A warning when a post's last review is older than `months`."""
    age = (today.year - reviewed.year) * 12 + today.month - reviewed.month
    if today.day < reviewed.day:
        age -= 1
    if age < months:
        return None
    return Problem(
        path,
        line,
        f"last reviewed {reviewed:%Y-%m-%d}, more than {months} months ago",
        "read the post again, update what has changed and set 'Reviewed:' to today's date",
        "warning",
    )


def forbidden_in_output(output_path: str, phrases: list[str]) -> list[Problem]:
    """Every written file that contains a retired or forbidden phrase (the old 1-800 lifeline)."""
    problems = []
    needles = [p.lower().encode() for p in phrases]
    for directory, _subdirs, names in os.walk(output_path):
        for name in names:
            if not name.endswith((".html", ".xml", ".txt", ".json", ".js")):
                continue
            path = os.path.join(directory, name)
            with open(path, "rb") as handle:
                data = handle.read().lower()
            for phrase, needle in zip(phrases, needles, strict=True):
                at = data.find(needle)
                if at >= 0:
                    problems.append(
                        Problem(
                            path,
                            data.count(b"\n", 0, at) + 1,
                            f"the retired crisis number '{phrase}' appears",
                            "replace it with 988 (call or text); the old "
                            "number is no longer the lifeline",
                        )
                    )
    return problems
