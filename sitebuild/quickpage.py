"""The preview's quick path: after a save, the edited post's own page first, the rest after.

A full build of a large site takes seconds even with every cache warm. When one post or page
is saved and keeps its address, the preview server re-reads that one file through Pelican's
own readers (the same reader, transforms and signals as a build), renders its page with the
templates and the data of the last full build, and swaps that single file into the served
folder; the browser shows it at once. The full build then runs as usual and brings the lists,
related posts, feeds and search up to date. Anything unusual (a new or deleted file, a changed
address, a problem in the file, no earlier build) goes straight to the full build.

This leans on how Pelican 4.12 reads and writes one page; on another version the preview simply
does the full build every time.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from pelican import signals
from pelican.contents import Article, Page
from pelican.writers import Writer

from kernel import content, frontmatter, speedups
from kernel.problems import channel

from .build import BuildRunning, build_lock, holds_publish

# The generators of the last full build in this process, kept by `remember`.
last: dict = {"generators": [], "settings": None}


def remember(generators) -> None:
    """all_generators_finalized, in the preview server's process: keep the build's data."""
    last["generators"] = list(generators)
    last["settings"] = generators[0].settings if generators else None


def forget() -> None:
    last["generators"], last["settings"] = [], None


def owner_of(path: str):
    """(generator, old item, kind) for the post or page read from `path` in the last build."""
    wanted = os.path.abspath(path)
    for generator in last["generators"]:
        for name in ("articles", "drafts", "hidden_articles"):
            for item in getattr(generator, name, []) or []:
                if os.path.abspath(item.source_path) == wanted:
                    return generator, item, "article"
        for name in ("pages", "hidden_pages", "draft_pages"):
            for item in getattr(generator, name, []) or []:
                if os.path.abspath(item.source_path) == wanted:
                    return generator, item, "page"
    return None


def render(path: str, target: Path) -> str | None:
    """Rewrite the page of the post or page at `path` inside `target` (the served folder).

    Returns the page's path relative to `target`, or None when only a full build will do.
    """
    config = last["settings"]
    if config is None or not speedups.allowed(config, "quick-page"):
        return None
    if holds_publish(target):
        return None  # never write a preview page into the site `make publish` built
    found = owner_of(path)
    if found is None:
        return None
    generator, old, kind = found
    try:
        source = frontmatter.read(os.path.abspath(path))
    except (OSError, ValueError):
        return None
    if source.problems or rule_errors(source, kind, config):
        return None  # the full build reports them with their lines; the last good page stays
    content.sources[os.path.abspath(path)] = source
    problems_before = list(channel.problems)
    new = read(generator, path, kind)
    found = [p for p in channel.problems if p not in problems_before and p.severity == "error"]
    channel.replace(problems_before)  # the full build that follows reports what it finds
    if found or new is None or new.save_as != old.save_as or not new.save_as:
        return None
    carry_over(old, new)
    scratch = Path(tempfile.mkdtemp(prefix="quick-page-", dir=config["CACHE_PATH"]))
    try:
        write(generator, new, kind, scratch, config)
        # Swapped in only while no other build is writing beside the folder (a `make html` in
        # another terminal would otherwise have its page overwritten by this one).
        with build_lock(target, wait=False):
            if holds_publish(target):
                return None
            written = scratch / new.save_as
            final = target / new.save_as
            final.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(written, final.with_name(final.name + ".quick"))
            os.replace(final.with_name(final.name + ".quick"), final)
    except BuildRunning:
        return None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return new.save_as


def rule_errors(source, kind: str, config: dict) -> list:
    """The content rules' errors in this one file (fields, links, images, markup)."""
    from content_rules.source_checks import check_body, check_fields  # plugins/ is on the path

    found = check_fields(source, kind, config) + check_body(source, config["PATH"])
    return [problem for problem in found if problem.severity == "error"]


def read(generator, path: str, kind: str):
    """The file read again exactly as the generator reads it during a build."""
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(generator.path))
    article = kind == "article"
    try:
        return generator.readers.read_file(
            base_path=generator.path,
            path=relative,
            content_class=Article if article else Page,
            context=generator.context,
            preread_signal=(
                signals.article_generator_preread if article else signals.page_generator_preread
            ),
            preread_sender=generator,
            context_signal=(
                signals.article_generator_context if article else signals.page_generator_context
            ),
            context_sender=generator,
        )
    except Exception:  # noqa: BLE001 - the full build that follows reports it with its line
        return None


def carry_over(old, new) -> None:
    """What plugins added to the old item after reading (neighbours, related posts, JSON-LD):
    kept, except what comes from the text itself, which is worked out again."""
    from reading.reading import reading_time, table_of_contents  # plugins/ is on the path

    for name, value in vars(old).items():
        if name not in vars(new):
            setattr(new, name, value)
    new.reviewed = content.reviewed_date(new)
    new.updated = content.updated_date(new)
    if hasattr(old, "reading_time"):
        html = new._content or ""
        new.reading_time = reading_time(html)
        new.toc = table_of_contents(html)


def write(generator, item, kind: str, folder: Path, config: dict) -> None:
    """Render the page as the generator's own writing loop does."""
    writer = Writer(str(folder), settings=config)
    template = generator.get_template(item.template)
    common = {
        "override_output": hasattr(item, "override_save_as"),
        "url": item.url,
        "relative_urls": config["RELATIVE_URLS"],
    }
    if kind == "article":
        signals.article_generator_write_article.send(generator, content=item)
        extra = {"all_articles": generator.articles} if item.status == "draft" else {}
        writer.write_file(
            item.save_as,
            template,
            generator.context,
            article=item,
            category=getattr(item, "category", None),
            blog=True,
            **extra,
            **common,
        )
    else:
        signals.page_generator_write_page.send(generator, content=item)
        writer.write_file(item.save_as, template, generator.context, page=item, **common)
