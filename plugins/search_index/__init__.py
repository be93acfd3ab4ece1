"""Site search with no server: Pagefind indexes every published post and page.

Pagefind reads HTML files. Waiting for the finished site would put its run after all the
writing, on top of the build time. Instead, once the content is final (before any template is
rendered), this plugin writes a plain copy of what search needs, each post's title and body at
the address the post will have, into a scratch folder, and starts Pagefind on it. Pagefind works
while Pelican renders (on one core: Python); its bundle moves into the output at the end.

The copy holds the same body HTML and title as the pages (`data-pagefind-body` in the theme);
hidden pages (the 404 page) and unwritten drafts are left out.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import tempfile
import time

from markupsafe import escape
from pagefind_bin import get_executable
from pelican import signals

from kernel import settings
from kernel.content import content_items
from kernel.problems import Problem, channel
from kernel.typography import typographic

# Lists whose items have a page of their own that readers can reach; hidden ones are left out.
INDEXED_LISTS = ("articles", "drafts", "pages", "draft_pages")
# Pagefind's ready-made interfaces; our search page uses only pagefind.js and its index.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
STALE_SECONDS = 600
IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
SETTINGS = [settings.Setting("SEARCH_INDEX", True, settings.boolean, "True or False")]
state: dict = {"process": None, "scratch": None, "generators": []}


def page_source(item, lang: str) -> str:
    """The search copy of one post: its title, and its body with links left unresolved (they
    are not searched) and without images (Pagefind would only take their address as meta)."""
    title = typographic(item.title)
    body = IMAGE.sub("", item._content or "")
    return (
        f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body><h1>{title}</h1>"
        f"<div data-pagefind-body>{body}</div></body></html>"
    )


def write_sources(items, folder: str, lang: str) -> None:
    """Write one small HTML file per searchable item, at its own address."""
    for item in items:
        if not item.save_as:
            continue  # a draft in the publish build: not written, not searchable
        path = os.path.join(folder, item.save_as)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(page_source(item, lang))


def pagefind_command(site: str, bundle: str) -> list[str]:
    return [str(get_executable()), "--site", site, "--output-path", bundle, "--quiet"]


def scratch_folder(settings) -> str:
    """A new folder for this build's search copy and bundle, beside Pelican's own cache (the
    same disk as the output, usually). Folders that killed builds left behind are removed once
    they are old enough that no build can still be using them."""
    parent = os.path.join(settings["CACHE_PATH"], "search-index")
    if os.path.isdir(parent):
        for entry in os.scandir(parent):
            if entry.stat().st_mtime < time.time() - STALE_SECONDS:
                shutil.rmtree(entry.path, ignore_errors=True)
    os.makedirs(parent, exist_ok=True)
    return tempfile.mkdtemp(dir=parent)


def keep_generator(generator) -> None:
    state["generators"].append(generator)


def start_indexing(static_generator) -> None:
    """As soon as the last content (static files, which posts link to) is read: write the
    search copy, start Pagefind. Every change plugins make to a post's body is made as it is
    read, so the copy is final; the other plugins' checks and annotations run meanwhile."""
    generators, state["generators"] = state["generators"], []
    stop_indexing()
    config = static_generator.settings
    if not config["SEARCH_INDEX"] or channel.errors():
        return  # a build with problems stops before writing; nothing to index
    scratch = state["scratch"] = scratch_folder(config)
    site = os.path.join(scratch, "site")
    write_sources(content_items(generators, INDEXED_LISTS), site, config["DEFAULT_LANG"])
    log = state["log"] = open(os.path.join(scratch, "pagefind.log"), "w+", encoding="utf-8")
    state["process"] = subprocess.Popen(
        pagefind_command(site, os.path.join(scratch, "bundle")), stdout=log, stderr=log
    )


def stop_indexing() -> None:
    """Stop Pagefind if it still runs (a failed build) and remove the scratch folder."""
    process, state["process"] = state["process"], None
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()
    if state.get("log") is not None:
        state.pop("log").close()
    scratch, state["scratch"] = state["scratch"], None
    if scratch:
        shutil.rmtree(scratch, ignore_errors=True)


def drop_unused_files(bundle: str) -> None:
    for name in UNUSED_BUNDLE_FILES:
        path = os.path.join(bundle, name)
        if os.path.exists(path):
            os.remove(path)


def install_bundle(bundle: str, output_path: str) -> None:
    """Put the finished bundle at output/pagefind, replacing any older one."""
    drop_unused_files(bundle)
    target = os.path.join(output_path, "pagefind")
    if os.path.lexists(target):
        shutil.rmtree(target)
    shutil.move(bundle, target)


def finish_index(pelican) -> None:
    """Once every page is written and checked: wait for Pagefind, then move its bundle into
    the site (no check reads a folder while it is replaced), or report why it failed."""
    process = state["process"]
    if process is None:
        return
    if process.wait() != 0:
        log = state["log"]
        log.seek(0)
        channel.report(
            Problem(
                os.path.join(pelican.output_path, "pagefind"),
                1,
                f"Pagefind could not index the site: {log.read().strip()}",
                "run the build again; if it repeats, reinstall with `make clean`",
            )
        )
    else:
        install_bundle(os.path.join(state["scratch"], "bundle"), pelican.output_path)
    stop_indexing()


def index_site(folder: str) -> str | None:
    """Index an already written site in `folder` (the preview server, after its swap); return
    Pagefind's complaint, or None on success."""
    command = [str(get_executable()), "--site", folder, "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode:
        return (result.stdout + result.stderr).strip()
    drop_unused_files(os.path.join(folder, "pagefind"))
    return None


def start(pelican) -> None:
    settings.apply(pelican.settings, SETTINGS)
    state["generators"] = []


def register():
    signals.initialized.connect(start)
    signals.article_generator_finalized.connect(keep_generator)
    signals.page_generator_finalized.connect(keep_generator)
    # The last content (static files, which posts link to) is read: index beside the writing.
    signals.static_generator_finalized.connect(start_indexing)
    # After the checks of the written site (earlier in PLUGINS): wait, then move the bundle in.
    signals.finalized.connect(finish_index)


# A build that stops early (a problem found after Pagefind started) leaves no Pagefind running.
atexit.register(stop_indexing)
