"""Pelican wiring for the content rules: when each check runs and how the build stops."""

from __future__ import annotations

import logging
import os
import traceback
from concurrent.futures import ThreadPoolExecutor

import jinja2
from pelican.generators import Generator
from pelican.writers import Writer

from . import output_checks, source_checks
from .problems import ContentRulesFailed, Problem, collector, display_path

load_template = Generator.get_template
# Pelican's lists of content objects, on generators and in the template context alike.
CONTENT_LISTS = ("articles", "drafts", "hidden_articles", "pages", "hidden_pages", "draft_pages")


def content_items(generators, lists=CONTENT_LISTS):
    """Every post and page the generators read, from the named lists."""
    for generator in generators:
        for name in lists:
            yield from getattr(generator, name, []) or []


# Output page (relative path) -> Markdown source, filled once the generators have read content.
written_from: dict[str, str] = {}
# Every source file, parsed once per build (path -> Source); other plugins read it too.
sources: dict = {}
# Functions (template, settings) -> template that other plugins use to wrap each template the
# writer renders (the render cache).
template_wrappers: list = []
# Checks other plugins run on the written site. Blinker calls receivers of one signal in no fixed
# order, so they register here and run before the one report, not on `finalized` themselves.
after_writing_checks: list = []
# Steps that change the written site (the search bundle moving in), run once those checks are
# done, so that no check reads a folder while it is being replaced.
after_checks_steps: list = []


class PelicanLogCapture(logging.Handler):
    """Turn Pelican's own read errors (normally one log line, build still exits 0) into problems."""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.levelno < logging.ERROR and not message.startswith("Unable to find"):
            return
        path = next(filter(None, (source_path(a) for a in record.args or ())), None)
        first_line = message.splitlines()[0]
        collector.add(
            Problem(
                path or "content",
                1,
                f"Pelican could not use this file ({first_line})",
                "correct the file; the lines above name any field or link that is wrong",
            )
        )


def source_path(argument) -> str | None:
    """The file a log argument names: a content object, or a path that exists."""
    path = getattr(argument, "source_path", argument)
    if isinstance(path, str) and os.path.isfile(path):
        return os.path.abspath(path)
    return None


log_capture = PelicanLogCapture()


def start_build(pelican) -> None:
    """Reset per-build state, attach the log capture once, and check every source."""
    collector.problems = []
    written_from.clear()
    sources.clear()
    logger = logging.getLogger("pelican")
    if log_capture not in logger.handlers:
        logger.addHandler(log_capture)
    check_sources(pelican.settings)


def remember_sources(generators) -> None:
    """Record which Markdown file each output page comes from."""
    for item in content_items(generators):
        if item.save_as:
            written_from[item.save_as] = item.source_path


def check_sources(settings: dict) -> None:
    root = settings["PATH"]
    folders = {"article": settings["ARTICLE_PATHS"], "page": settings["PAGE_PATHS"]}
    problems, parsed = source_checks.check_tree(root, folders, settings)
    sources.update({os.path.abspath(path): source for path, source in parsed.items()})
    collector.extend(problems)


def check_before_writing(pelican):
    """Stop before a single file is written when any source has a problem."""
    # A file our checks already explain needs no second, vaguer line from Pelican's log.
    explained = {
        os.path.abspath(p.path)
        for p in collector.problems
        if not p.message.startswith("Pelican could not")
    }
    collector.problems = [
        p
        for p in collector.problems
        if not (p.message.startswith("Pelican could not") and os.path.abspath(p.path) in explained)
    ]
    collector.flush()
    return GuardedWriter


def check_written_site(pelican) -> None:
    """Every internal link and asset of the written site must resolve; other plugins' checks
    run beside it (waiting for the search indexer's process is one of them)."""
    settings = pelican.settings

    def links(pelican):
        return output_checks.check_site(pelican.output_path, settings["SITEURL"], written_from)

    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(check, pelican) for check in [links, *after_writing_checks]]
        for future in futures:
            collector.extend(future.result())
    for step in after_checks_steps:
        step(pelican)
    collector.flush()


class GuardedWriter(Writer):
    """Pelican's writer, reporting a template error with the template's line and the post."""

    def write_file(self, name, template, context, *args, **kwargs):
        for wrap in template_wrappers:
            template = wrap(template, self.settings)
        try:
            return super().write_file(name, template, context, *args, **kwargs)
        except jinja2.TemplateError as error:
            raise template_problem(error, name, kwargs) from None


def load_template_guarded(generator, name):
    """Pelican's Generator.get_template, reporting a template that does not compile (a typo in
    a tag or filter) with its file and line instead of a traceback."""
    try:
        return load_template(generator, name)
    except jinja2.TemplateError as error:
        raise stopping(
            Problem(
                getattr(error, "filename", None) or "theme/templates",
                getattr(error, "lineno", None) or 1,
                f"the template {name} does not compile: {str(error).rstrip('.')}",
                "correct the template at this line (a misspelt tag, filter or name)",
            )
        ) from None


def template_problem(error: jinja2.TemplateError, name: str, kwargs: dict) -> ContentRulesFailed:
    item = kwargs.get("article") or kwargs.get("page")
    rendering = item.source_path if item is not None else name
    path, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if not path:
        frames = [
            f
            for f in traceback.extract_tb(error.__traceback__)
            if f.filename.endswith((".html", ".xml", ".txt")) and "templates" in f.filename
        ]
        if frames:
            path, line = frames[-1].filename, frames[-1].lineno
    problem = Problem(
        path or "theme/templates",
        line or 1,
        f"template error while rendering {display_path(rendering)}: {error}",
        "correct the template at this line (a misspelt name or a missing value)",
    )
    return stopping(problem)


def stopping(problem: Problem) -> ContentRulesFailed:
    """Report `problem` with every other one found so far; return what stops the build."""
    collector.add(problem)
    try:
        collector.flush()
    except ContentRulesFailed as failed:
        return failed
    return ContentRulesFailed([problem])
