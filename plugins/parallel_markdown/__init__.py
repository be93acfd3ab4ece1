"""Convert Markdown on every core: Python-Markdown is most of a cold build, and Pelican reads
files one by one.

On the first file Pelican has to read (not found in its content cache), every other stale
Markdown file in the same folder is sent to a pool of worker processes. Pelican then reads in
its usual order and takes each finished conversion; metadata is still parsed here, by Pelican's
own reader code, so the result is the same as a one-by-one build. Workers also skip the
inline patterns on plain text (plain_text.py), with byte-identical output.
"""

import os
import weakref
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from markdown import Markdown
from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from .plain_text import skip_plain_text

MARKDOWN_SUFFIXES = tuple(f".{ext}" for ext in MarkdownReader.file_extensions)
state: dict = {"pool": None, "futures": {}, "started": set()}
owners: "weakref.WeakSet" = weakref.WeakSet()
converters: dict = {}


def reused_markdown(markdown_settings: dict) -> Markdown:
    """One converter per process and settings, reset between files: building a new one with
    its extensions costs about a tenth of converting a post."""
    key = repr(markdown_settings)
    md = converters.get(key)
    if md is None:
        md = converters[key] = skip_plain_text(Markdown(**markdown_settings))
    md.reset()
    return md


def convert(path: str, markdown_settings: dict) -> tuple[str, dict]:
    """In a worker: the HTML and raw header fields of one file."""
    md = reused_markdown(markdown_settings)
    with pelican_open(path) as text:
        html = md.convert(text)
    return html, getattr(md, "Meta", {})


class PrefetchingMarkdownReader(MarkdownReader):
    def read(self, source_path):
        path = os.path.abspath(source_path)
        self.prefetch_folder_of(path)
        future = state["futures"].pop(path, None)
        if future is None:
            return super().read(source_path)
        content, meta = future.result()
        self._source_path = source_path
        # For the fields Markdown formats; Pelican takes the meta extension out of this one.
        self._md = Markdown(**self.settings["MARKDOWN"])
        return content, self._parse_metadata(meta) if meta else {}

    def prefetch_folder_of(self, path: str) -> None:
        root = os.path.abspath(self.settings["PATH"])
        relative = os.path.relpath(path, root)
        top = os.path.join(root, relative.split(os.sep)[0]) if os.sep in relative else root
        if top in state["started"]:
            return
        state["started"].add(top)
        owner = next((o for o in owners if self in o.readers.values()), None)
        stale = []
        for directory, subdirs, files in os.walk(top):
            subdirs.sort()
            for name in sorted(files):
                candidate = os.path.join(directory, name)
                if candidate == path or not name.endswith(MARKDOWN_SUFFIXES):
                    continue
                if owner is not None and owner.get_cached_data(candidate, None) is not None:
                    continue  # Pelican has it cached; it will not ask for it
                stale.append(candidate)
        if len(stale) < 8:  # a few files: starting workers would cost more than it saves
            return
        if state["pool"] is None:
            state["pool"] = ProcessPoolExecutor(
                max_workers=os.cpu_count() or 2, mp_context=get_context("fork")
            )
        for candidate in stale:
            state["futures"][candidate] = state["pool"].submit(
                convert, candidate, self.settings["MARKDOWN"]
            )


def use_prefetching_reader(readers) -> None:
    owners.add(readers)
    for ext in MarkdownReader.file_extensions:
        if readers.reader_classes.get(ext) is MarkdownReader:
            readers.reader_classes[ext] = PrefetchingMarkdownReader


def reset(pelican) -> None:
    state["futures"].clear()
    state["started"].clear()


def stop_pool(generators) -> None:
    pool, state["pool"] = state["pool"], None
    state["futures"].clear()
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


def register():
    signals.initialized.connect(reset)
    signals.readers_init.connect(use_prefetching_reader)
    # Every file has been read by then.
    signals.all_generators_finalized.connect(stop_pool)
