"""Duties a therapy blog carries: placeholders refused at publish, crisis numbers checked,
risky claims reported, review dates tracked, content notes shown before the body."""

import os
import sys
from datetime import datetime
from html import escape

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals

from content_rules import rules
from content_rules.frontmatter import parse
from content_rules.problems import ContentRulesFailed, collector
from content_rules.source_checks import parse_date

from . import checks

CONFIG_FILE = "pelicanconf.py"


@pass_context
def practice(context, value):
    """`{{ NAME|practice }}`: a setting's value, marked plainly while it is a placeholder."""
    if context["PLACEHOLDER_MARKER"].lower() in str(value).lower():
        return Markup('<mark class="placeholder">') + str(value) + Markup("</mark>")
    return value


def start(pelican) -> None:
    settings = pelican.settings
    # Pelican's AUTHOR is the therapist. pelicanconf.py says so, but a THERAPIST_NAME given on
    # the command line (-e) would not reach it, and the byline would publish the placeholder.
    settings["AUTHOR"] = settings["THERAPIST_NAME"]
    settings.setdefault("JINJA_FILTERS", {})["practice"] = practice
    left = checks.placeholder_settings(settings)
    settings["PLACEHOLDERS_LEFT"] = left
    if left and not settings.get("PREVIEW", True):
        problems = checks.placeholder_problems(settings, os.path.abspath(CONFIG_FILE))
        for problem in problems:
            print(problem, file=sys.stderr)
        print(
            f"Publishing refused: {len(problems)} practice settings are still placeholders. "
            "Set them in pelicanconf.py (SITEURL in the environment) and run again.",
            file=sys.stderr,
        )
        raise ContentRulesFailed(problems)


def add_content_note(instance) -> None:
    # Shown before the body on the page and at the start of the feed entry alike.
    note = instance.metadata.get("content-note")
    instance.content_note = note or ""
    if note and getattr(instance, "_content", None) is not None:
        box = f'<p class="content-note"><strong>Content note:</strong> {escape(note)}</p>\n'
        instance._content = box + instance._content


def check_posts(generators) -> None:
    today = datetime.now()
    settings = generators[0].settings if generators else {}
    for item in rules.content_items(generators, ("articles", "drafts", "pages")):
        # An unreadable date is the content rules' to report; here it is simply absent.
        item.reviewed = parse_date(str(item.metadata.get("reviewed") or ""))
        source = rules.sources.get(os.path.abspath(item.source_path))
        if source is None:  # not under the checked folders; read it here
            with open(item.source_path, encoding="utf-8") as handle:
                source = parse(item.source_path, handle.read())
        accepted = [a.strip() for a in source.get("accept-claims").split(",") if a.strip()]
        collector.extend(
            checks.claim_problems(
                item.source_path,
                source.body_start,
                source.body,
                accepted,
                settings.get("CLAIMS_ARE_ERRORS", False),
            )
        )
        if item.reviewed:
            stale = checks.review_problem(
                item.source_path,
                source.line_of("reviewed"),
                item.reviewed,
                settings["REVIEW_MAX_AGE_MONTHS"],
                today,
            )
            if stale:
                collector.add(stale)


def forbidden_phrases(pelican):
    return checks.forbidden_in_output(pelican.output_path, pelican.settings["FORBIDDEN_PHRASES"])


def register():
    signals.initialized.connect(start)
    signals.content_object_init.connect(add_content_note)
    signals.all_generators_finalized.connect(check_posts)
    if forbidden_phrases not in rules.after_writing_checks:
        rules.after_writing_checks.append(forbidden_phrases)
