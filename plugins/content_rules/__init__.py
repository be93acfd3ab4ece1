"""Content rules: every problem in the posts and pages reported in one run as
`path:line: what. Fix: how`.

Stock Pelican skips a post with a bad date, publishes a misspelt `Stauts: draft`, and crashes
mid-write on duplicate slugs. These rules check every source before Pelican reads it, the theme
before anything is written, and every link once the site is written.
"""

import os

from pelican import signals

from kernel import content, settings
from kernel.frontmatter import Source
from kernel.problems import channel

from . import output_checks, source_checks, templates

# What the last link check found, page by page (output_checks.check_site).
LINK_SCANS = "link-scans.json"
SETTINGS = [
    settings.Setting(
        "SUMMARY_MAX_LENGTH", 160, settings.whole_number(1), "a whole number of characters"
    ),
    settings.Setting(
        "ALLOWED_CODE_FILES",
        [],
        settings.list_of(settings.nonempty_text),
        'a list of paths inside content/, such as ["extra/widget.html"]',
    ),
]
state = {"theme_checked": False}


def check_sources(pelican) -> None:
    """Every source file, before Pelican reads any: fields, links, images, markup."""
    config = pelican.settings
    settings.apply(config, SETTINGS)
    content.new_build()
    state["theme_checked"] = False
    folders = {"article": config["ARTICLE_PATHS"], "page": config["PAGE_PATHS"]}
    problems, parsed, outside = source_checks.check_tree(config["PATH"], folders, config)
    content.sources.update({os.path.abspath(path): source for path, source in parsed.items()})
    # A link leading out of content/ is never read, by Pelican or by the field reader: the
    # build stops on its problem before anything is written.
    config["IGNORE_FILES"] = [*config["IGNORE_FILES"], *(os.path.basename(p) for p in outside)]
    content.sources.update({os.path.abspath(path): Source(path) for path in outside})
    channel.report_all(problems)


def guard_templates(generator) -> None:
    """Each generator renders through ReportingTemplate; the theme compiles once per change."""
    generator.env.template_class = templates.ReportingTemplate
    if not state["theme_checked"]:
        state["theme_checked"] = True
        folder = os.path.join(generator.settings["THEME"], "templates")
        templates.check_theme(generator.env, folder, generator.settings["CACHE_PATH"])


def check_links(pelican) -> None:
    """Every internal link and asset of the written site must lead to a file."""
    channel.report_all(
        output_checks.check_site(
            pelican.output_path,
            pelican.settings["SITEURL"],
            content.written_from,
            os.path.join(pelican.settings["CACHE_PATH"], LINK_SCANS),
        )
    )


def register():
    # Before reading: every source, so a bad post never leaves a half-written site.
    signals.initialized.connect(check_sources)
    # As each generator is made: its templates report their own errors.
    signals.generator_init.connect(guard_templates)
    # After reading: the content objects know which output page each source becomes, so a broken
    # link names the post and its line.
    signals.all_generators_finalized.connect(content.remember_pages)
    # After writing: links that only exist once templates have rendered.
    signals.finalized.connect(check_links)
