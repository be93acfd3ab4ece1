"""Files in the output folder that no build wrote are never deleted without a word.

Every build replaces the output folder as a whole (sitebuild/build.py), so a file someone put
there by hand (a host's CNAME, a verification file in a web root that output/ links to) would
vanish. Each build remembers the files it wrote, in its cache; the next one looks in the folder
it is about to replace, and any other file stops it, named, unless KEEP_IN_OUTPUT lists it:
then it is carried into the new folder. Without a record (a first build), pages (.html), feeds
and compressed copies and everything in a folder the build writes count as the site's own.

A plain `pelican` run writes into its folder in place and deletes nothing, so it is not checked.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil

from pelican import signals

from kernel import settings
from kernel.files import write_atomically
from kernel.problems import Problem, channel

SETTINGS = [
    settings.Setting(
        "KEEP_IN_OUTPUT",
        [],
        settings.list_of(settings.nonempty_text),
        'a list of files or folders inside the output folder, such as ["CNAME"]',
    ),
]
RECORD_FOLDER = "output-files"
SHOWN = 10  # files named one by one; the rest are counted
SITE_SUFFIXES = (".html", ".xml", ".gz")
# Folders only builds write into: drafts (previews) and the search index (a build with
# SEARCH_INDEX off leaves it out, and no record of such a build lists its files).
SITE_FOLDERS = ("drafts", "pagefind")
COMPRESSED = (".gz", ".br", ".zst")


def start(pelican) -> None:
    settings.apply(pelican.settings, SETTINGS)


def files_below(folder: str) -> set[str]:
    found = set()
    for directory, _subdirs, names in os.walk(folder):
        for name in names:
            relative = os.path.relpath(os.path.join(directory, name), folder)
            found.add(relative.replace(os.sep, "/"))
    return found


def record_path(config: dict, final: str) -> str:
    key = hashlib.blake2b(final.encode(), digest_size=8).hexdigest()
    return os.path.join(config["CACHE_PATH"], RECORD_FOLDER, f"{key}.json")


def remembered(path: str) -> set[str] | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return set(json.load(handle))
    except (OSError, ValueError):
        return None


def remember(path: str, files: set[str]) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    write_atomically(path, json.dumps(sorted(files)))


def listed(relative: str, keep: list[str]) -> bool:
    return any(relative == k.strip("/") or relative.startswith(k.strip("/") + "/") for k in keep)


def looks_built(relative: str, tops: set[str]) -> bool:
    """Without a record: whether a file is the kind this site's builds write."""
    return relative.split("/")[0] in tops or relative.endswith(SITE_SUFFIXES)


def unknown_files(old: set[str], new: set[str], known: set[str] | None, keep: list[str]):
    """(files to carry over, files no build wrote), among those the new build lacks."""
    tops = {relative.split("/")[0] for relative in new if "/" in relative}
    ours = new | (known or set())
    carried, foreign = [], []
    for relative in sorted(old - new):
        if listed(relative, keep):
            carried.append(relative)
        elif relative.endswith(COMPRESSED) and relative.rsplit(".", 1)[0] in ours:
            continue  # a compressed copy of the site's own file (pelican-precompress, publish)
        elif relative.split("/")[0] in SITE_FOLDERS:
            continue
        elif not (relative in known if known is not None else looks_built(relative, tops)):
            foreign.append(relative)
    return carried, foreign


def guard(pelican) -> None:
    """After every other writer: compare the folder this build will replace with the new one."""
    config = pelican.settings
    final = config.get("RENDER_CACHE_OUTPUT")  # where the new folder goes (sitebuild/build.py)
    staging = pelican.output_path
    if not final or os.path.realpath(final) == os.path.realpath(staging):
        return
    final = os.path.realpath(final)
    record = record_path(config, final)
    new = files_below(staging)
    known = remembered(record)
    old = files_below(final) if os.path.isdir(final) else set()
    carried, foreign = unknown_files(old, new, known, config["KEEP_IN_OUTPUT"])
    for relative in foreign[:SHOWN]:
        channel.report(
            Problem(
                os.path.join(final, relative),
                1,
                "no build of this site wrote this file, and replacing the output folder would "
                "delete it",
                "move it out of the folder, or list it in KEEP_IN_OUTPUT in pelicanconf.py to "
                "carry it into every new build",
            )
        )
    if len(foreign) > SHOWN:
        channel.report(
            Problem(
                final,
                1,
                f"{len(foreign) - SHOWN} more files that no build of this site wrote are in this "
                "folder",
                "build into an empty folder, or move them out",
            )
        )
    if foreign:
        return
    for relative in carried:
        destination = os.path.join(staging, relative)
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        shutil.copy2(os.path.join(final, relative), destination)
    # Every name any build wrote here: a build that later stops leaves no file unaccounted for.
    remember(record, (known or set()) | new)


def register():
    signals.initialized.connect(start)
    # After writing, after every other plugin has written its files (PLUGINS order), and
    # before build_report: a problem here stops the build and the output stays as it was.
    signals.finalized.connect(guard)
