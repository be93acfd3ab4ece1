"""Duties a therapy blog carries: placeholders refused at publish, crisis numbers checked,
risky claims reported, review dates tracked."""

from datetime import datetime

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals

from kernel import content, settings
from kernel.problems import channel

from . import checks

SETTINGS = [
    settings.PLACEHOLDER_MARKER,
    settings.Setting(
        "PRACTICE_SETTINGS", [], settings.list_of(settings.nonempty_text), "a list of names"
    ),
    settings.Setting(
        "REVIEW_MAX_AGE_MONTHS", 12, settings.whole_number(1), "a whole number of months"
    ),
    settings.Setting("CLAIMS_ARE_ERRORS", False, settings.boolean, "True or False"),
    settings.Setting(
        "FORBIDDEN_PHRASES", [], settings.list_of(settings.nonempty_text), "a list of phrases"
    ),
    settings.Setting("CRISIS_EMERGENCY_NUMBER", "911", settings.nonempty_text, "a phone number"),
    settings.Setting("CRISIS_LIFELINE_NUMBER", "988", settings.nonempty_text, "a phone number"),
    settings.Setting("CRISIS_TEXT_LINE_NUMBER", "741741", settings.nonempty_text, "a number"),
    settings.Setting("CRISIS_TEXT_LINE_KEYWORD", "HOME", settings.nonempty_text, "a word"),
]


@pass_context
def practice(context, value):
    """`{{ NAME|practice }}`: a setting's value, marked plainly while it is a placeholder."""
    if context["PLACEHOLDER_MARKER"].lower() in str(value).lower():
        return Markup('<mark class="placeholder">') + str(value) + Markup("</mark>")
    return value


def start(pelican) -> None:
    config = pelican.settings
    settings.apply(config, SETTINGS)
    for name in config["PRACTICE_SETTINGS"]:
        # A practice fact left out of pelicanconf.py is a placeholder like any other.
        config.setdefault(name, f"SET-ME {name}")
    # Pelican's AUTHOR is the therapist. pelicanconf.py says so, but a THERAPIST_NAME given on
    # the command line (-e) would not reach it, and the byline would publish the placeholder.
    config["AUTHOR"] = config.get("THERAPIST_NAME", config.get("AUTHOR"))
    config.setdefault("JINJA_FILTERS", {})["practice"] = practice
    left = checks.placeholder_settings(config)
    config["PLACEHOLDERS_LEFT"] = left
    if left and not config.get("PREVIEW", True):
        channel.report_all(checks.placeholder_problems(config, settings.CONFIG_FILE))


def check_posts(generators) -> None:
    today = datetime.now()
    config = generators[0].settings if generators else {}
    for item in content.content_items(generators, ("articles", "drafts", "pages")):
        item.reviewed = content.reviewed_date(item)
        source = content.source_of(item.source_path)
        accepted = [a.strip() for a in source.get("accept-claims").split(",") if a.strip()]
        channel.report_all(
            checks.claim_problems(
                item.source_path,
                source.body_start,
                source.body,
                accepted,
                config.get("CLAIMS_ARE_ERRORS", False),
            )
        )
        if item.reviewed:
            stale = checks.review_problem(
                item.source_path,
                source.line_of("reviewed"),
                item.reviewed,
                config["REVIEW_MAX_AGE_MONTHS"],
                today,
            )
            if stale:
                channel.report(stale)


def check_written_files(pelican) -> None:
    """No written file may hold a retired crisis number."""
    channel.report_all(
        checks.forbidden_in_output(pelican.output_path, pelican.settings["FORBIDDEN_PHRASES"])
    )


def register():
    signals.initialized.connect(start)
    # After reading, before writing: claims and review dates of every post and page.
    signals.all_generators_finalized.connect(check_posts)
    # After writing (before the search bundle moves in): every file of the site.
    signals.finalized.connect(check_written_files)
