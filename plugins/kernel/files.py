"""Files in the cache written whole or not at all, and what killed builds left half-written."""

from __future__ import annotations

import contextlib
import os
import shutil
import time


def write_atomically(path: str, data: bytes | str) -> None:
    """Write `data` (text as UTF-8) to `path` through a temporary file beside it, so a killed
    build never leaves half a file; the process id in its name keeps two builds apart."""
    temporary = f"{path}.{os.getpid()}.part"
    mode, encoding = ("wb", None) if isinstance(data, bytes) else ("w", "utf-8")
    try:
        with open(temporary, mode, encoding=encoding) as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(temporary)  # a full disk leaves no half-written temporary behind
        raise


def remove_stale(folder: str, suffix: str, seconds: float) -> None:
    """Remove the files and folders in `folder` whose names end in `suffix` and that are older
    than `seconds`: killed builds left them, since no build still writing takes that long."""
    if not os.path.isdir(folder):
        return
    for entry in os.scandir(folder):
        if entry.name.endswith(suffix) and entry.stat().st_mtime < time.time() - seconds:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.remove(entry.path)
