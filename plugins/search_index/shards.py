"""The search copy of the site, in shards: pure functions, no Pelican.

A shard is a set of pages indexed by one run of Pagefind into one bundle. Pages go to shards by
a stable hash of their address, so a page stays in its shard from build to build; a shard whose
pages did not change keeps the bundle Pagefind made for it last time. The first shard is the
primary bundle at pagefind/ (with Pagefind's script and its WebAssembly); the others sit at
pagefind/shard-N/ holding only their index, and the search page merges them in.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import zlib

from markupsafe import escape

from kernel.typography import typographic

# Block elements part words; inline ones (links, emphasis) sit inside words' runs.
BLOCK_TAG = re.compile(
    r"</?(?:p|li|h[1-6]|div|br|hr|blockquote|pre|ul|ol|dl|dt|dd|table|caption|thead|tbody|tfoot"
    r"|tr|td|th|figure|figcaption|details|summary|section)\b[^>]*>",
    re.IGNORECASE,
)
TAG = re.compile(r"<[^>]*>")
# What a shard's bundle needs when the primary bundle loads it (mergeIndex).
INDEX_ONLY = ("pagefind-entry.json", "index", "fragment", "filter")
INDEX_ONLY_SUFFIX = ".pf_meta"
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


def page_source(item, lang: str) -> str:
    """The search copy of one post: its title, and the text of its body. Only the text: the
    search shows a title and an excerpt, never sections, and Pagefind indexes plain text a
    quarter faster than the same words in their markup (headings, links, lists)."""
    title = typographic(item.title)
    body = TAG.sub("", BLOCK_TAG.sub(" ", item._content or ""))
    note = item.metadata.get("content-note") if hasattr(item, "metadata") else None
    meta = f'<span data-pagefind-meta="content_note">{escape(note)}</span>' if note else ""
    return (
        f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body><h1>{title}</h1>"
        f"<div data-pagefind-body>{meta}{body}</div></body></html>"
    )


def shard_count(pages: int, pages_per_shard: int) -> int:
    return max(1, math.ceil(pages / pages_per_shard))


def shard_of(address: str, shards: int) -> int:
    return zlib.crc32(address.encode("utf-8")) % shards


def bundle_folder(number: int) -> str:
    """Where shard `number`'s bundle goes, relative to the output folder."""
    return "pagefind" if number == 0 else f"pagefind/shard-{number}"


def merged_folders(shards: int) -> list[str]:
    """The bundles the search page merges into the first, relative to pagefind/."""
    return [f"shard-{number}/" for number in range(1, shards)]


def digest(pages: dict[str, str], indexer: str = "") -> str:
    """Changes whenever any page of the shard changes (address -> search copy), or the
    indexer (`indexer`, its name and version: a new Pagefind writes bundles of its own)."""
    hashed = hashlib.blake2b(indexer.encode("utf-8") + b"\0", digest_size=16)
    for address in sorted(pages):
        hashed.update(address.encode("utf-8") + b"\0" + pages[address].encode("utf-8") + b"\0")
    return hashed.hexdigest()


def write_pages(pages: dict[str, str], folder: str) -> None:
    for address, html in pages.items():
        path = os.path.join(folder, address)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(html)


def keep(name: str, primary: bool) -> bool:
    """Whether a file of a fresh bundle stays in the published one."""
    if name in UNUSED_BUNDLE_FILES:
        return False
    return primary or name in INDEX_ONLY or name.endswith(INDEX_ONLY_SUFFIX)
