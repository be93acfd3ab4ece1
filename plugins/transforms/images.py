"""Responsive images: every `{static}` image gets srcset, sizes, width and height (no layout
shift), lazy loading after the first, and narrower copies made with Pillow."""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil

from PIL import Image

from kernel.files import write_atomically
from kernel.images import UnreadableImage, reading_failed, size_of

from .body import Body

IMG = re.compile(r"<img\b([^>]*?)\s*/?>", re.IGNORECASE)
SRC = re.compile(r"""\bsrc\s*=\s*"(\{static\}|\|static\|)(/?)([^"?#]+)\"""")
RESIZABLE = (".jpg", ".jpeg", ".png", ".webp")


def derivative_path(relative: str, width: int) -> str:
    folder, name = os.path.split(relative)
    return f"{folder}/derivatives/{width}/{name}" if folder else f"derivatives/{width}/{name}"


def image_path(written: str, from_root: bool, post_folder: str) -> str | None:
    """The picture's path inside content/, as Pelican reads `{static}`: from the content folder
    after a slash, else from the post's own folder. None when it leads outside content/."""
    joined = written if from_root else os.path.join(post_folder, written)
    relative = os.path.normpath(joined).replace(os.sep, "/")
    if relative.startswith("../") or relative in ("..", ".") or os.path.isabs(relative):
        return None
    return relative


def rewrite(
    html: str,
    content_root: str,
    siteurl: str,
    widths: list[int],
    sizes: str,
    size_of,
    unreadable: list[tuple[str, str]] | None = None,
    post_folder: str = "",
) -> tuple[str, list[tuple[str, str, int]]]:
    """Add srcset, sizes, width, height, lazy loading; return the HTML and copies to make.

    Only `{static}` images are handled: their files are known (`post_folder`, relative to
    `content_root`, is where a path without a leading slash starts). The first image loads eagerly
    (it may be the largest thing in view); the rest lazily. A picture that cannot be read is left
    as written and added to `unreadable` as (image, reason).
    """
    jobs: list[tuple[str, str, int]] = []
    unreadable = [] if unreadable is None else unreadable
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        attributes = match.group(1)
        source = SRC.search(attributes)
        if not source:
            return match.group(0)
        count += 1
        relative = image_path(source.group(3), bool(source.group(2)), post_folder)
        if relative is None:
            return match.group(0)  # outside content/: the content rules stop the build
        path = os.path.join(content_root, relative)
        extra = []
        root = os.path.realpath(content_root)
        if not os.path.realpath(path).startswith(root + os.sep):
            return match.group(0)  # a link (symlink) out of content/: refused on its own
        if os.path.isfile(path) and relative.lower().endswith(RESIZABLE):
            try:
                width, height = size_of(path)
            except UnreadableImage as error:
                unreadable.append((relative, str(error)))
                return match.group(0)
            if "width=" not in attributes:
                extra.append(f'width="{width}" height="{height}"')
            candidates = [w for w in widths if w < width]
            if candidates:
                entries = []
                for w in candidates:
                    jobs.append((path, derivative_path(relative, w), w))
                    entries.append(f"{siteurl}/{derivative_path(relative, w)} {w}w")
                entries.append(f"{siteurl}/{relative} {width}w")
                extra.append(f'srcset="{", ".join(entries)}" sizes="{sizes}"')
        if "loading=" not in attributes:
            extra.append('loading="lazy"' if count > 1 else 'loading="eager"')
        if "decoding=" not in attributes:
            extra.append('decoding="async"')
        return f"<img{attributes} {' '.join(extra)}>"

    return IMG.sub(replace, html), jobs


def make_copy(source: str, destination: str, width: int, cache_folder: str) -> None:
    """Write `source` scaled to `width` at `destination`, reusing a cached copy when unchanged."""
    stat = os.stat(source)
    key = hashlib.sha256(f"{source}:{stat.st_mtime_ns}:{stat.st_size}:{width}".encode())
    cached = os.path.join(cache_folder, key.hexdigest()[:32] + os.path.splitext(source)[1])
    if not os.path.exists(cached):
        os.makedirs(cache_folder, exist_ok=True)
        with Image.open(source) as image:
            height = round(image.height * width / image.width)
            resized = image.resize((width, height), Image.Resampling.LANCZOS)
            encoded = io.BytesIO()
            resized.save(encoded, format=image.format, optimize=True, quality=82)
        write_atomically(cached, encoded.getvalue())  # never half an image cached
    os.makedirs(os.path.dirname(destination), exist_ok=True)
    shutil.copyfile(cached, destination)


def responsive_images(html: str, body: Body) -> str:
    if "<img" not in html:
        return html
    settings = body.settings
    base = settings.get("SITEURL", "")
    if settings.get("RELATIVE_URLS") and body.save_as:
        # The preview's links are relative to each page, so srcset must be too.
        base = os.path.relpath(".", os.path.dirname(body.save_as) or ".")
    unreadable: list[tuple[str, str]] = []
    html, jobs = rewrite(
        html,
        settings["PATH"],
        base,
        settings["RESPONSIVE_IMAGE_WIDTHS"],
        settings["RESPONSIVE_IMAGE_SIZES"],
        size_of,
        unreadable,
        post_folder=os.path.relpath(os.path.dirname(os.path.abspath(body.path)), settings["PATH"]),
    )
    for source, relative, width in jobs:
        body.image_copies[relative] = (source, width)
    for relative, _reason in unreadable:
        body.problem(relative, f"the picture {relative} cannot be read", REPLACE_IMAGE)
    return html


REPLACE_IMAGE = (
    "the file is damaged or is not a picture: save it again from the original as JPEG or PNG, "
    "or remove it and its links"
)


def write_copies(copies: dict[str, tuple[str, int]], output_path: str, cache: str) -> list:
    """Write every narrower copy the pass asked for, from the cache when unchanged; return
    (source, reason) for each picture whose pixels cannot be read."""
    unreadable = []
    for relative, (source, width) in sorted(copies.items()):
        try:
            make_copy(source, os.path.join(output_path, relative), width, cache)
        except Exception as error:
            if not reading_failed(error):
                raise  # the disk, not the picture: the build reports it as a fault
            unreadable.append((source, str(error)))
    return unreadable
