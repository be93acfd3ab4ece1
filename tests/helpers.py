"""Shared test helpers: build the real site with the one build function, serve it on 127.0.0.1."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

from sitebuild.build import Result
from sitebuild.build import build as one_build
from sitebuild.chromium import CHROMIUM, CHROMIUM_FLAGS  # noqa: F401 (the tests' import point)
from sitebuild.server import free_port, serve, wait_for  # noqa: F401
from sitebuild.standins import sign_off, stand_in_practice

REPO = Path(__file__).resolve().parents[1]
# The owner's launch text, kept in the repository (see tests/fixtures/seed/README.md).
SEED_FOLDER = REPO / "tests" / "fixtures" / "seed"
PELICAN = Path(sys.executable).with_name("pelican")
# Values for the practice settings in test builds: clearly test data, never published.
TEST_PRACTICE = stand_in_practice()


def build(
    content: Path | str,
    output: Path,
    settings: str = "pelicanconf.py",
    extra: dict | None = None,
    env: dict | None = None,
) -> Result:
    """Build `content` into `output` with the one build function (its own cache beside it)."""
    cache = {"CACHE_PATH": str(Path(output).parent / f".cache-{Path(output).name}")}
    return one_build(settings, output, content=content, values={**cache, **(extra or {})}, env=env)


def copy_content(destination: Path) -> Path:
    """A private copy of the real content folder, to add or break files in."""
    target = destination / "content"
    shutil.copytree(REPO / "content", target)
    return target


def signed(content: Path) -> Path:
    """`content` signed off today, as the therapist would before publishing: `Reviewed:` on
    every post and clinical page (sitebuild/standins.py). Publish tests build signed copies."""
    from datetime import date

    sign_off(content, date.today())
    return content


def signed_content(destination: Path) -> Path:
    """A copy of the real content, signed off today."""
    return signed(copy_content(destination))


TAG = re.compile(r"<[^>]+>")
BLOCK_TAG = re.compile(
    r"</?(p|li|h[1-6]|div|ul|ol|br|section|article|header|footer|nav|aside|"
    r"main|blockquote|td|tr|title)\b[^>]*>",
    re.IGNORECASE,
)


def page_text(html: str) -> str:
    """Visible text of an HTML page, whitespace folded; inline tags join their neighbours."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL)
    html = BLOCK_TAG.sub(" ", html)
    return " ".join(unescape(TAG.sub("", html)).split())


def html_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def repo_copy(destination: Path) -> Path:
    """A copy of the project whose practice settings hold test values, sharing the real .venv."""
    from sitebuild.projectcopy import project_copy

    return project_copy(destination, TEST_PRACTICE)


def tree_digest(folder: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file below `folder` (empty when it does not exist)."""
    from sitebuild.killtest import digest

    return digest(folder)


def make(repo: Path, target: str, env: dict | None = None, timeout: int = 300):
    import os

    return subprocess.run(
        ["make", "--no-print-directory", target],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
        check=False,
    )


def search_records(folder: Path) -> dict[str, dict]:
    """What Pagefind stored for each page of the site in `folder`, by URL: title and text (from
    every shard of the index)."""
    import gzip

    records = {}
    for path in (folder / "pagefind").rglob("fragment/*.pf_fragment"):  # every shard
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data[data.index(b"{") :])  # after Pagefind's short signature
        records[record["url"]] = record
    return records
