"""Recover from a build that was killed while Pelican wrote its content cache.

Pelican writes the cache in place; a killed build leaves it truncated, and the next build
crashes with EOFError (Pelican catches only OSError and PickleError when loading it). A cache
file that does not read to its end is deleted before Pelican loads it: the build is then cold,
never broken.
"""

import gzip
import logging
import os
import pickle

from pelican import signals

logger = logging.getLogger(__name__)


def readable(path: str, gzipped: bool) -> bool:
    try:
        if gzipped:
            with gzip.open(path, "rb") as handle:  # reading to the end checks length and CRC
                while handle.read(1 << 20):
                    pass
        else:
            # A complete pickle ends with the STOP opcode; a truncated one almost never does.
            with open(path, "rb") as handle:
                handle.seek(-1, os.SEEK_END)
                return handle.read(1) == pickle.STOP
        return True
    except Exception:
        return False


def drop_unreadable_cache(pelican) -> None:
    settings = pelican.settings
    folder = settings.get("CACHE_PATH")
    if not folder or not os.path.isdir(folder):
        return
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        if "." in name or not os.path.isfile(path):
            continue  # Pelican names its cache files without an extension; others are not ours
        if not readable(path, settings.get("GZIP_CACHE", True)):
            logger.info("Removed the unreadable cache file %s; this build starts cold.", path)
            os.remove(path)


def register():
    # Runs before any generator opens the cache.
    signals.initialized.connect(drop_unreadable_cache)
