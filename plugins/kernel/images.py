"""A picture's size, read once per build: the responsive images and the share images ask for it."""

from __future__ import annotations

from functools import lru_cache

from PIL import Image


class UnreadableImage(ValueError):
    """A picture file that is damaged or is not a picture. Its one argument is Pillow's error."""


def reading_failed(error: Exception) -> bool:
    """Pillow's complaints about a file's bytes; a full or locked disk is not one of them."""
    return not (isinstance(error, OSError) and error.errno is not None)


@lru_cache(maxsize=512)
def size_of(path: str) -> tuple[int, int]:
    try:
        with Image.open(path) as image:  # reads the header only
            return image.size
    except Exception as error:
        if reading_failed(error):
            raise UnreadableImage(error) from None
        raise
