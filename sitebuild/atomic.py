"""Build into a fresh sibling folder, then swap it for `output/` in one atomic step.

A failed or killed build leaves the previous output untouched, byte for byte; a deleted post
leaves no orphan page, because every build starts from an empty folder.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

RENAME_EXCHANGE = 2  # from <linux/fs.h>


class BuildFailed(Exception):
    def __init__(self, returncode: int):
        super().__init__(f"the build failed (exit code {returncode})")
        self.returncode = returncode


def target_of(output: Path) -> Path:
    """The real folder to replace: `output` itself, or the folder a symlink points to."""
    return output.resolve() if output.is_symlink() else output.absolute()


def staging_folder(target: Path) -> Path:
    """A new empty folder beside `target` (same file system, so the swap is a rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))


def remove_leftovers(target: Path) -> None:
    """Delete staging folders left by a build that was killed."""
    for path in target.parent.glob(f".{target.name}.new-*"):
        shutil.rmtree(path, ignore_errors=True)
    for path in target.parent.glob(f".{target.name}.old-*"):
        shutil.rmtree(path, ignore_errors=True)


def exchange(new: Path, target: Path) -> None:
    """Atomically swap two folders (Linux renameat2); fall back to two renames elsewhere."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        at_fdcwd = -100
        result = renameat2(
            at_fdcwd, os.fsencode(new), at_fdcwd, os.fsencode(target), RENAME_EXCHANGE
        )
        if result == 0:
            return
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    os.rename(target, old)
    os.rename(new, target)
    os.rename(old, new)


def replace_output(staging: Path, output: Path) -> None:
    """Make the finished `staging` folder the new output; the old one is deleted."""
    target = target_of(output)
    if target.exists():
        exchange(staging, target)
        shutil.rmtree(staging, ignore_errors=True)  # it now holds the previous site
    else:
        os.rename(staging, target)


def pelican_build(
    settings_file: str, destination: Path, env: dict | None = None, final: Path | None = None
) -> None:
    """Run the plain Pelican build (the same command a script would) into `destination`.

    `final` is where the output will live once swapped in; the render cache reads the previous
    build's pages from there.
    """
    pelican = Path(sys.executable).with_name("pelican")
    command = [str(pelican), "content", "-s", settings_file, "-o", str(destination)]
    if final is not None:
        command += ["-e", f"RENDER_CACHE_OUTPUT={json.dumps(str(final))}"]
    result = subprocess.run(command, env={**os.environ, **(env or {})}, check=False)
    if result.returncode != 0:
        raise BuildFailed(result.returncode)


def build(settings_file: str, output: str = "output", check=None, env: dict | None = None):
    """Build with `settings_file` and replace `output` only if the build and `check` pass."""
    output_path = Path(output)
    staging = staging_folder(target_of(output_path))
    try:
        pelican_build(settings_file, staging, env, final=target_of(output_path))
        if check is not None:
            check(staging)
        replace_output(staging, output_path)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
