"""Markdown on every core: on the first file Pelican has to read (not in its content cache),
every other such file in the same top folder is sent to a pool of worker processes; Pelican then
reads in its usual order and takes each finished conversion. The output is the same as one by
one (a test compares every byte)."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from markdown import Markdown

from kernel import content

from .inline_triggers import use_triggers

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")
MIN_FILES = 8  # fewer: starting workers costs more than it saves
state: dict = {"pool": None, "futures": {}, "started": set()}
converters: dict = {}


def converter(config: dict, fast: bool) -> Markdown:
    """One converter per process and configuration, reset between uses: building one with
    its extensions costs about a tenth of converting a post."""
    key = (repr(config), fast)
    md = converters.get(key)
    if md is None:
        md = Markdown(**config)
        if fast:
            use_triggers(md)
        converters[key] = md
    md.reset()
    return md


def convert(body: str, fields: dict[str, str], config: dict, fast: bool):
    """In a worker: the HTML of one post's text, and of its formatted fields (the Summary)."""
    md = converter(config, fast)
    html = md.convert(body)
    formatted = {}
    for name, value in fields.items():
        md.reset()
        formatted[name] = md.convert(value)
    return html, formatted


def prefetch(path: str, root: str, owner, config: dict, fast: bool, formatted: set) -> None:
    """Start converting the other stale files of `path`'s top folder, once per build."""
    root = os.path.abspath(root)
    relative = os.path.relpath(os.path.abspath(path), root)
    top = os.path.join(root, relative.split(os.sep)[0]) if os.sep in relative else root
    if top in state["started"]:
        return
    state["started"].add(top)
    stale = []
    for directory, subdirs, files in os.walk(top):
        subdirs.sort()
        for name in sorted(files):
            candidate = os.path.join(directory, name)
            if candidate == os.path.abspath(path) or not name.endswith(MARKDOWN_SUFFIXES):
                continue
            if owner is not None and owner.get_cached_data(candidate, None) is not None:
                continue  # Pelican has it cached; it will not ask for it
            stale.append(candidate)
    if len(stale) < MIN_FILES:
        return
    if state["pool"] is None:
        state["pool"] = ProcessPoolExecutor(
            max_workers=os.cpu_count() or 2, mp_context=get_context("fork")
        )
    for candidate in stale:
        try:
            source = content.source_of(candidate)
        except ValueError:
            continue  # not UTF-8: Pelican's own read reports it
        fields = {
            name: value for name, (_line, value) in source.fields.items() if name in formatted
        }
        state["futures"][candidate] = state["pool"].submit(
            convert, source.body, fields, config, fast
        )


def take(path: str):
    """(HTML, formatted fields) of `path`, if its conversion was started; else None."""
    future = state["futures"].pop(os.path.abspath(path), None)
    return future.result() if future is not None else None


def reset(_pelican=None) -> None:
    state["futures"].clear()
    state["started"].clear()


def stop(_generators=None) -> None:
    pool, state["pool"] = state["pool"], None
    state["futures"].clear()
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)
