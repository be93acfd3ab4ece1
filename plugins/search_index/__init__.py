"""Site search with no server: Pagefind indexes every published post and page.

Pagefind reads HTML files. Waiting for the finished site would put its run after all the
writing, on top of the build time. Instead, once the content is final (before any template is
rendered), this plugin writes a plain copy of what search needs, each post's title and text at
the address the post will have, and starts Pagefind on it in a separate process, which indexes
while Pelican renders. Its bundles move into the output at the end.

A large site is indexed in shards of about SEARCH_SHARD_PAGES pages (shards.py): one Pagefind
run each, so its memory stays small, and in the preview a shard whose pages did not change
keeps its bundle from the last build (SEARCH_INDEX_CACHE), so an edit re-indexes one shard. The
search page loads the first shard's bundle and merges the others (SEARCH_SHARDS names them).
Hidden pages (the 404 page) and unwritten drafts are left out.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile

from pelican import signals

from kernel import settings
from kernel.content import content_items
from kernel.files import remove_stale
from kernel.problems import Problem, channel
from kernel.speedups import installed

from . import shards

# Lists whose items have a page of their own that readers can reach; hidden ones are left out.
INDEXED_LISTS = ("articles", "drafts", "pages", "draft_pages")
STALE_SECONDS = 600
INDEXER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "indexer.py")
SETTINGS = [
    settings.Setting("SEARCH_INDEX", True, settings.boolean, "True or False"),
    settings.Setting(
        "SEARCH_SHARD_PAGES", 250, settings.whole_number(1), "a whole number of pages"
    ),
    settings.Setting("SEARCH_INDEX_CACHE", True, settings.boolean, "True or False"),
]
state: dict = {"process": None, "scratch": None, "generators": [], "shards": []}


def scratch_folder(config) -> str:
    """A new folder for this build's search copy, beside Pelican's own cache (the same disk as
    the output, usually). Folders that killed builds left behind are removed once they are old
    enough that no build can still be using them."""
    parent = os.path.join(config["CACHE_PATH"], "search-index")
    remove_stale(parent, "", STALE_SECONDS)
    os.makedirs(parent, exist_ok=True)
    return tempfile.mkdtemp(dir=parent)


def keep_generator(generator) -> None:
    state["generators"].append(generator)


def start_indexing(static_generator) -> None:
    """As soon as the last content (static files, which posts link to) is read: write the
    search copy, start the indexer. Every change plugins make to a post's body is made as it is
    read, so the copy is final; the other plugins' checks and annotations run meanwhile."""
    generators, state["generators"] = state["generators"], []
    stop_indexing()
    config = static_generator.settings
    if not config["SEARCH_INDEX"] or channel.errors():
        return  # a build with problems stops before writing; nothing to index
    lang = config["DEFAULT_LANG"]
    pages = {
        item.save_as: shards.page_source(item, lang)
        for item in content_items(generators, INDEXED_LISTS)
        if item.save_as  # a draft in the publish build: not written, not searchable
    }
    count = shards.shard_count(len(pages), config["SEARCH_SHARD_PAGES"])
    grouped: list[dict[str, str]] = [{} for _ in range(count)]
    for address, html in pages.items():
        grouped[shards.shard_of(address, count)][address] = html
    scratch = state["scratch"] = scratch_folder(config)
    cache = os.path.join(config["CACHE_PATH"], "search-shards")
    plan = []
    for number, group in enumerate(grouped):
        site = os.path.join(scratch, f"site-{number}")
        shards.write_pages(group, site)
        if config["SEARCH_INDEX_CACHE"]:
            indexer = f"pagefind {installed('pagefind_bin')}"
            bundle = os.path.join(cache, f"{count}-{number}-{shards.digest(group, indexer)}")
        else:
            bundle = os.path.join(scratch, f"bundle-{number}")
        plan.append({"site": site, "bundle": bundle})
    state["shards"] = [shard["bundle"] for shard in plan]
    # The search page, rendered next from the generators' shared context, names the shards its
    # script merges into the first.
    static_generator.context["SEARCH_SHARDS"] = shards.merged_folders(count)
    state["cache"] = cache if config["SEARCH_INDEX_CACHE"] else None
    plan_file = os.path.join(scratch, "plan.json")
    with open(plan_file, "w", encoding="utf-8") as handle:
        json.dump(plan, handle)
    log = state["log"] = open(os.path.join(scratch, "indexer.log"), "w+", encoding="utf-8")
    state["process"] = subprocess.Popen(
        [sys.executable, INDEXER, plan_file], stdout=log, stderr=log, stdin=subprocess.DEVNULL
    )


def stop_indexing() -> None:
    """Stop the indexer if it still runs (a failed build) and remove the scratch folder."""
    process, state["process"] = state["process"], None
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()
    if state.get("log") is not None:
        state.pop("log").close()
    scratch, state["scratch"] = state["scratch"], None
    if scratch:
        shutil.rmtree(scratch, ignore_errors=True)


def install_bundles(bundles: list[str], output_path: str) -> None:
    """The finished bundles into output/pagefind (the first) and output/pagefind/shard-N."""
    target = os.path.join(output_path, "pagefind")
    if os.path.lexists(target):
        shutil.rmtree(target)
    for number, bundle in enumerate(bundles):
        folder = os.path.join(output_path, shards.bundle_folder(number))
        shutil.copytree(
            bundle, folder, ignore=unpublished(bundle, primary=number == 0), copy_function=link
        )


def link(source: str, destination: str) -> None:
    """A hard link where the cache and the output share a disk (nothing writes into a bundle's
    files once Pagefind made them), a copy otherwise."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def unpublished(bundle: str, primary: bool):
    """copytree's filter: the files of a fresh bundle that the published one leaves out."""

    def ignore(folder: str, names: list[str]) -> list[str]:
        if folder != bundle:
            return []
        return [name for name in names if not shards.keep(name, primary)]

    return ignore


def forget_old_shards(cache: str, kept: list[str]) -> None:
    """Bundles of shards this build no longer has: only the current ones stay cached."""
    if not os.path.isdir(cache):
        return
    for entry in os.scandir(cache):
        if entry.path not in kept and not entry.name.endswith(".part"):
            shutil.rmtree(entry.path, ignore_errors=True)


def finish_index(pelican) -> None:
    """Once every page is written and checked: wait for the indexer, then copy the bundles
    into the site (no check reads a folder while it is replaced), or report why it failed."""
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
        install_bundles(state["shards"], pelican.output_path)
        if state.get("cache"):
            forget_old_shards(state["cache"], state["shards"])
    stop_indexing()


def start(pelican) -> None:
    settings.apply(pelican.settings, SETTINGS)
    pelican.settings["SEARCH_SHARDS"] = []  # a build with no search index names none
    state["generators"] = []


def register():
    signals.initialized.connect(start)
    signals.article_generator_finalized.connect(keep_generator)
    signals.page_generator_finalized.connect(keep_generator)
    # The last content (static files, which posts link to) is read: index beside the writing.
    signals.static_generator_finalized.connect(start_indexing)
    # After the checks of the written site (earlier in PLUGINS): wait, then copy the bundles in.
    signals.finalized.connect(finish_index)


# A build that stops early (a problem found after Pagefind started) leaves no Pagefind running.
atexit.register(stop_indexing)
