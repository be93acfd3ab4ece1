"""Fees, insurance and availability: the settings a client checks before calling, validated at
start-up; a publish refuses an availability date older than AVAILABILITY_MAX_AGE_DAYS."""

from datetime import date

from pelican import signals

from kernel import settings
from kernel.problems import channel

from . import facts

SETTINGS = [
    settings.PLACEHOLDER_MARKER,
    settings.Setting(
        "FEES",
        [("SET-ME service", "SET-ME price")],
        settings.pairs_of_text,
        'a list of (service, price) pairs, such as [("Service", "Price")]',
    ),
    settings.Setting(
        "INSURANCE",
        "SET-ME insurance",
        settings.nonempty_text,
        "a sentence or two about insurance",
    ),
    settings.Setting(
        "AVAILABILITY_MAX_AGE_DAYS", 90, settings.whole_number(1), "a whole number of days"
    ),
]


def start(pelican) -> None:
    config = pelican.settings
    settings.apply(config, SETTINGS)
    marker = config["PLACEHOLDER_MARKER"]
    accepting = config.setdefault("ACCEPTING_NEW_CLIENTS", "SET-ME True or False")
    if not facts.accepting_is_valid(accepting, marker):
        settings.report(
            settings.CONFIG_FILE,
            "ACCEPTING_NEW_CLIENTS",
            f"is {accepting!r}, not True or False",
            "set ACCEPTING_NEW_CLIENTS = True or ACCEPTING_NEW_CLIENTS = False (no quotes)",
        )
    as_of = config.setdefault("AVAILABILITY_AS_OF", "SET-ME YYYY-MM-DD")
    if not facts.as_of_is_valid(as_of, marker):
        settings.report(
            settings.CONFIG_FILE,
            "AVAILABILITY_AS_OF",
            f"is {as_of!r}, not a real date written YYYY-MM-DD",
            'set AVAILABILITY_AS_OF to the day you last confirmed it, such as "2026-03-05"',
        )
    # Templates show the date as a <time>; None while it is still a placeholder.
    config["AVAILABILITY_DATE"] = facts.as_of_date(as_of)
    if config["AVAILABILITY_DATE"] is not None:
        problem = facts.availability_age_problem(
            settings.CONFIG_FILE,
            settings.line_of(settings.CONFIG_FILE, "AVAILABILITY_AS_OF"),
            config["AVAILABILITY_DATE"],
            date.today(),
            config["AVAILABILITY_MAX_AGE_DAYS"],
            "warning" if config.get("PREVIEW", True) else "error",
        )
        if problem:
            channel.report(problem)


def register():
    # Settings only: checked before any post is read; an old date stops the build after
    # reading, with every other problem.
    signals.initialized.connect(start)
