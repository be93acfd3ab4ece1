"""A post's own share image: the `Image:` field (a `{static}` picture in the site's image
folders) with its `Image-alt:` description. Pure functions on a parsed source."""

from __future__ import annotations

import os
from dataclasses import dataclass

from kernel.frontmatter import Source
from kernel.images import UnreadableImage
from kernel.problems import Problem

STATIC_FORMS = ("{static}", "|static|")
# What link previews show: PNG and JPEG everywhere; WebP not on every site.
SHARE_FORMATS = (".png", ".jpg", ".jpeg")
# Smaller than this, link previews show a small thumbnail instead of a wide card.
SMALLEST = (600, 315)


@dataclass(frozen=True)
class ShareImage:
    """What the page's Open Graph tags say about its share image."""

    path: str  # relative to the site's root, as written to the output
    alt: str
    width: int
    height: int


def own_image(
    source: Source, content_root: str, static_paths: list[str], size_of
) -> tuple[ShareImage | None, list[Problem]]:
    """The image a post's `Image:` field names, or None; and what is wrong with the fields."""
    path, problems = source.path, []
    value, alt = source.get("image").strip(), source.get("image-alt").strip()
    if "image" not in source.fields:
        if "image-alt" in source.fields:
            problems.append(
                Problem(
                    path,
                    source.line_of("image-alt"),
                    "Image-alt describes a picture, but the post has no Image field",
                    "add 'Image: {static}/images/name.jpg', or delete the Image-alt line",
                )
            )
        return None, problems
    line = source.line_of("image")
    example = "{static}/images/" + (os.path.basename(value) or "name.jpg")
    if not value.startswith(STATIC_FORMS):
        problems.append(
            Problem(
                path,
                line,
                f"the Image '{value}' is not linked with {{static}}",
                f"write it as 'Image: {example}' and keep the file in content/images/",
            )
        )
        return None, problems
    target = value[len("{static}") :]
    base = content_root if target.startswith("/") else os.path.dirname(path)
    resolved = os.path.realpath(os.path.join(base, target.lstrip("/")))
    relative = os.path.relpath(resolved, os.path.realpath(content_root)).replace(os.sep, "/")
    folders = [p.strip("/") for p in static_paths]
    if not any(relative.startswith(folder + "/") for folder in folders):
        problems.append(
            Problem(
                path,
                line,
                f"the Image '{value}' is not in the site's image folder",
                f"keep the file in content/images/ and write 'Image: {example}'",
            )
        )
        return None, problems
    if not os.path.isfile(resolved):
        problems.append(
            Problem(
                path,
                line,
                f"the Image '{value}' points to a file that does not exist",
                f"check the file name; no file '{os.path.basename(resolved)}' is in "
                f"content/{os.path.dirname(relative)}/",
            )
        )
        return None, problems
    if not resolved.lower().endswith(SHARE_FORMATS):
        problems.append(
            Problem(
                path,
                line,
                f"the Image '{value}' is not a PNG or JPEG picture, which link previews need",
                "save it as .png or .jpg (1200×630 pixels is best) and name that file",
            )
        )
        return None, problems
    if not alt:
        problems.append(
            Problem(
                path,
                source.line_of("image-alt") if "image-alt" in source.fields else line,
                "the Image has no description for people who cannot see it",
                "add a line 'Image-alt: what the picture shows' below the Image field",
            )
        )
    try:
        width, height = size_of(resolved)
    except UnreadableImage:
        problems.append(
            Problem(
                path,
                line,
                f"the Image '{value}' cannot be read as a picture (the file may be damaged)",
                "open it in an image editor and save it again as .png or .jpg, or name another "
                "picture",
            )
        )
        return None, problems
    if width < SMALLEST[0] or height < SMALLEST[1]:
        problems.append(
            Problem(
                path,
                line,
                f"the Image is {width}×{height} pixels; link previews show pictures smaller "
                f"than {SMALLEST[0]}×{SMALLEST[1]} as a small thumbnail",
                "use a picture of 1200×630 pixels, or remove the Image field to get the "
                "generated card",
                "warning",
            )
        )
    return ShareImage(relative, alt, width, height), problems
