"""Responsive images: every `{static}` image in a post gets srcset, sizes, width and height
(no layout shift), lazy loading after the first, and narrower copies made with Pillow."""

import os
from functools import lru_cache

from pelican import signals
from PIL import Image

from .images import make_copy, rewrite

# (source file, output path, width) for the current build; filled while content is read.
pending: dict[str, tuple[str, int]] = {}


@lru_cache(maxsize=512)
def size_of(path: str) -> tuple[int, int]:
    with Image.open(path) as image:  # reads the header only
        return image.size


def start(pelican) -> None:
    pending.clear()
    size_of.cache_clear()


def rewrite_images(instance) -> None:
    content = getattr(instance, "_content", None)
    if not content or "<img" not in content:
        return
    settings = instance.settings
    base = settings.get("SITEURL", "")
    if settings.get("RELATIVE_URLS") and instance.save_as:
        # The preview's links are relative to each page, so srcset must be too.
        base = os.path.relpath(".", os.path.dirname(instance.save_as) or ".")
    html, jobs = rewrite(
        content,
        settings["PATH"],
        base,
        settings["RESPONSIVE_IMAGE_WIDTHS"],
        settings["RESPONSIVE_IMAGE_SIZES"],
        size_of,
    )
    instance._content = html
    for source, relative, width in jobs:
        pending[relative] = (source, width)


def write_copies(generators) -> None:
    if not generators or not pending:
        return
    settings, output_path = generators[0].settings, generators[0].output_path
    cache = os.path.join(settings["CACHE_PATH"], "responsive-images")
    for relative, (source, width) in sorted(pending.items()):
        make_copy(source, os.path.join(output_path, relative), width, cache)


def register():
    signals.initialized.connect(start)
    # Before Pelican resolves {static} links, so src stays Pelican's to rewrite.
    signals.content_object_init.connect(rewrite_images)
    # Every post has been read by then, and nothing has been written or checked yet.
    signals.all_generators_finalized.connect(write_copies)
