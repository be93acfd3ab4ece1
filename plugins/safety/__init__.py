"""Duties a therapy blog carries: placeholders refused at publish, crisis numbers checked,
risky claims reported, the therapist's review required, the off-label notice placed, the
readability of the pages held to a grade."""

import os
from datetime import date

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals

from kernel import content, readability, settings
from kernel.problems import Problem, channel

from . import checks

SETTINGS = [
    settings.PLACEHOLDER_MARKER,
    settings.Setting(
        "PRACTICE_SETTINGS", [], settings.list_of(settings.nonempty_text), "a list of names"
    ),
    settings.Setting(
        "REVIEW_MAX_AGE_MONTHS", 12, settings.whole_number(1), "a whole number of months"
    ),
    settings.Setting(
        "CLINICAL_PAGES",
        ["pages/how-kap-works-here.md", "pages/crisis.md"],
        settings.list_of(settings.nonempty_text),
        'a list of page files inside content/, such as ["pages/crisis.md"]',
    ),
    settings.Setting("CLAIMS_ARE_ERRORS", False, settings.boolean, "True or False"),
    settings.Setting(
        "OFF_LABEL_NOTICE",
        "Ketamine is not approved by the FDA to treat depression, anxiety or any other mental "
        "health condition. Using it in therapy is off-label: a choice your prescriber makes "
        "and should explain to you. Sessions can also be hard.",
        settings.nonempty_text,
        "a sentence or two of plain text",
    ),
    settings.Setting(
        "OFF_LABEL_TOPICS",
        ["Ketamine therapy", "KAP", "esketamine"],
        settings.list_of(settings.nonempty_text),
        "a list of categories and tags",
    ),
    settings.Setting(
        "OFF_LABEL_RISKS_LINK",
        "posts/the-ultimate-guide-to-ketamine-assisted-therapy.md#sessions-can-be-hard",
        settings.nonempty_text,
        "a post's file inside content/ and the id of its heading about risks, "
        'such as "posts/guide.md#known-risks"',
    ),
    settings.Setting(
        "READABILITY_LIMITS",
        {"pages/crisis.md": 7},
        lambda value: (
            settings.mapping(value)
            and all(isinstance(k, str) and isinstance(v, int | float) for k, v in value.items())
        ),
        'a mapping of page files to the highest grade allowed, such as {"pages/crisis.md": 7}',
    ),
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
    for name in ("CLINICAL_PAGES", "READABILITY_LIMITS"):
        for page in config.get(name) or []:
            if not os.path.isfile(os.path.join(config["PATH"], page)):
                settings.report(
                    settings.CONFIG_FILE,
                    name,
                    f"names {page}, which is not a file in {config['PATH']}",
                    "write the file's path inside content/, such as pages/crisis.md, or "
                    "remove it from the list",
                )


def check_posts(generators) -> None:
    """After reading: claims of every post and page, the therapist's review of every post and
    clinical page, the off-label notice, and the readability limits (publish)."""
    if not generators:
        return
    config = generators[0].settings
    publishing = not config.get("PREVIEW", True)
    content.remember_pages(generators)  # for check_written_files, after writing
    for item in content.content_items(generators, content.CONTENT_LISTS):
        item.reviewed = content.reviewed_date(item)
        item.review_due = None
        item.review_overdue = False
        item.clinical = False
        item.off_label_link = None
    for item in content.content_items(generators, ("articles", "drafts", "pages")):
        source = content.source_of(item.source_path)
        channel.report_all(
            checks.claim_problems(
                item.source_path,
                source.body_start,
                source.body,
                source.get("accept-claims"),
                source.line_of("accept-claims"),
                config.get("CLAIMS_ARE_ERRORS", False),
            )
        )
    check_reviews(generators, config, publishing)
    place_off_label_notice(generators, config)
    if publishing:
        check_readability(generators, config)


def check_reviews(generators, config, publishing: bool) -> None:
    """Every post that is or will be published, and every clinical page, needs the therapist's
    `Reviewed:` date, within REVIEW_MAX_AGE_MONTHS: a warning in the preview, an error when
    publishing. Drafts need none until they are published."""
    today = date.today()
    months = config["REVIEW_MAX_AGE_MONTHS"]
    clinical = set(config["CLINICAL_PAGES"])
    for generator in generators:
        for item in getattr(generator, "drafts", []) or []:
            if item.reviewed:
                item.review_due = checks.next_review(item.reviewed.date(), months)
    items = [(item, "post") for item in content.content_items(generators, ("articles",))]
    for item in content.content_items(generators, ("pages", "hidden_pages")):
        if item.relative_source_path in clinical:
            item.clinical = True
            items.append((item, "page"))
    for item, kind in items:
        source = content.source_of(item.source_path)
        reviewed = item.reviewed.date() if item.reviewed else None
        if reviewed:
            line = source.line_of("reviewed")
            item.review_due = checks.next_review(reviewed, months)
            item.review_overdue = today >= item.review_due
        else:
            # Where the line should go: after the last field.
            line = max((number for number, _value in source.fields.values()), default=0) + 1
        channel.report_all(
            checks.review_problems(
                item.source_path, kind, reviewed, line, months, today, publishing
            )
        )


def place_off_label_notice(generators, config) -> None:
    """Posts in OFF_LABEL_TOPICS (by category or tag) get the off-label notice, linking to the
    heading OFF_LABEL_RISKS_LINK names, which must exist."""
    topics = {topic.lower() for topic in config["OFF_LABEL_TOPICS"]}
    posts = [
        item
        for item in content.content_items(generators, ("articles", "drafts"))
        if topics & {str(getattr(item, "category", "")).lower()}
        | {str(tag).lower() for tag in getattr(item, "tags", [])}
    ]
    if not posts:
        return
    target, _hash, anchor = config["OFF_LABEL_RISKS_LINK"].partition("#")
    guide = next(
        (
            item
            for item in content.content_items(generators, ("articles",))
            if item.relative_source_path == target
        ),
        None,
    )
    problem = None
    if guide is None:
        problem = f"names {target}, which is not a published post"
    elif anchor and f'id="{anchor}"' not in (guide._content or ""):
        problem = f"names the heading id '{anchor}', which {target} does not have"
    if problem:
        settings.report(
            settings.CONFIG_FILE,
            "OFF_LABEL_RISKS_LINK",
            problem,
            "give the guide's file inside content/ and the id of its heading about risks "
            "(the heading's words in lower case, joined by hyphens), such as "
            "posts/the-ultimate-guide-to-ketamine-assisted-therapy.md#known-risks",
        )
        return
    link = f"{guide.url}#{anchor}" if anchor else guide.url
    for item in posts:
        item.off_label_link = link


def check_readability(generators, config) -> None:
    """A page in READABILITY_LIMITS above its grade stops a publish, naming the line of its
    longest sentence. (In the preview, `make serve` shows every grade as guidance: grading
    reads a pronouncing dictionary, too slow for every preview build.)"""
    limits = config["READABILITY_LIMITS"]
    for item in content.content_items(generators, content.CONTENT_LISTS):
        limit = limits.get(item.relative_source_path)
        if limit is None:
            continue
        found = readability.measure(item.source_path, config)
        if found.grade <= limit:
            continue
        longest = found.longest[0] if found.longest else ""
        channel.report(
            Problem(
                item.source_path,
                readability.line_of_sentence(item.source_path, longest),
                f"the page reads at grade {found.grade:.1f}, above its limit of {limit} "
                f"(READABILITY_LIMITS); its longest sentence, here, has "
                f"{readability.word_count(longest)} words",
                "use shorter sentences and plainer words, one idea per sentence; "
                "`make check` lists the three longest",
            )
        )


def check_written_files(pelican) -> None:
    """No written file may hold a retired crisis number."""
    channel.report_all(
        checks.forbidden_in_output(
            pelican.output_path, pelican.settings["FORBIDDEN_PHRASES"], content.written_from
        )
    )


def register():
    signals.initialized.connect(start)
    # After reading, before writing: claims, reviews, the off-label notice, readability.
    signals.all_generators_finalized.connect(check_posts)
    # After writing (before the search bundle moves in): every file of the site.
    signals.finalized.connect(check_written_files)
