"""Knowing which posts help, without tracking anyone: "Did this help? Yes / Not really".

The two answers are plain links from the end of every post to two short thank-you pages
(content/pages/feedback-*.md), with the post's slug in the query string:
`feedback/yes/?post=the-power-of-integration`. The pages are static and ignore it; the server's
log keeps it, so `invoke stats LOGFILE` can count answers per post (sitebuild/stats.py). A slug
in the address, not the referrer: every page says `Referrer-Policy: no-referrer`.

The pages are hidden (no search, no sitemap, no feed), say `noindex`, and robots.txt asks
crawlers not to fetch them, so robots do not add answers; the links are `rel="nofollow"`.
This plugin declares the settings and checks that both pages exist and are hidden.
"""

from pelican import signals

from kernel import settings
from kernel.addresses import site_base
from kernel.content import content_items, source_of
from kernel.problems import Problem, channel


def relative_address(value) -> bool:
    return settings.nonempty_text(value) and value.endswith("/") and not value.startswith("/")


SETTINGS = [
    settings.Setting("FEEDBACK_LINKS", True, settings.boolean, "True or False"),
    settings.Setting(
        "FEEDBACK_YES_URL",
        "feedback/yes/",
        relative_address,
        'the address of the "Yes" page, such as "feedback/yes/"',
    ),
    settings.Setting(
        "FEEDBACK_NO_URL",
        "feedback/not-really/",
        relative_address,
        'the address of the "Not really" page, such as "feedback/not-really/"',
    ),
]
ANSWERS = (("FEEDBACK_YES_URL", "feedback-yes.md"), ("FEEDBACK_NO_URL", "feedback-not-really.md"))


def start(pelican) -> None:
    config = pelican.settings
    settings.apply(config, SETTINGS)
    # The pages' paths from the domain's root, for robots.txt (the site may live under /blog).
    base = site_base(config.get("SITEURL", ""))
    config["FEEDBACK_ROBOTS_PATHS"] = (
        [f"{base}/{config[name]}" for name, _ in ANSWERS] if config["FEEDBACK_LINKS"] else []
    )


def check_pages(generators) -> None:
    """Both answers lead to a hidden page, or the links would lead nowhere (or to a page in
    search results and the sitemap)."""
    if not generators or not generators[0].settings["FEEDBACK_LINKS"]:
        return
    config = generators[0].settings
    pages = {
        page.url: page
        for page in content_items(generators, ("pages", "hidden_pages", "draft_pages"))
    }
    for name, file_name in ANSWERS:
        url = config[name]
        page = pages.get(url)
        if page is None:
            channel.report(
                Problem(
                    settings.CONFIG_FILE,
                    settings.line_of(settings.CONFIG_FILE, name),
                    f"no page has the address {url}, where the 'Did this help?' links lead",
                    f"restore content/pages/{file_name} (with 'URL: {url}', "
                    f"'Save_as: {url}index.html' and 'Status: hidden'), "
                    "or set FEEDBACK_LINKS = False",
                )
            )
        elif page.status != "hidden":
            channel.report(
                Problem(
                    page.source_path,
                    source_of(page.source_path).line_of("status"),
                    f"this thank-you page is '{page.status}', so it would show in search and in "
                    "the sitemap",
                    "set 'Status: hidden' in its fields",
                )
            )


def register():
    signals.initialized.connect(start)
    # Every page is read; nothing is written yet.
    signals.all_generators_finalized.connect(check_pages)
