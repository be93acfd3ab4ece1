"""Shared test helpers: build the real site with the real command, serve it on 127.0.0.1."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import threading
from functools import partial
from html import unescape
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED_FOLDER = REPO.parent / "shared" / "seed"
PELICAN = Path(sys.executable).with_name("pelican")
# Values for the practice settings in test builds: clearly test data, never published.
TEST_PRACTICE = {
    "THERAPIST_NAME": "Test Therapist",
    "THERAPIST_CREDENTIALS": "TEST-CRED",
    "LICENSE_TYPE": "Test License Type",
    "LICENSE_NUMBER": "TEST-000",
    "LICENSE_STATES": "Test State",
    "TELEHEALTH_STATES": "Test State",
    "PRACTICE_NAME": "Test Practice",
    "PRACTICE_LOCATION": "Test City",
    "CONTACT_EMAIL": "practice@test.invalid",
    "BOOKING_URL": "https://booking.test.invalid/consultation",
    "BOOKING_VENDOR": "Test Booking Service",
    "PRESCRIBER": "Test Prescriber, MD",
    "DOSING_SETTING": "Test dosing setting",
    "AFTER_HOURS_CONTACT": "Test after-hours line",
    "NOTICE_OF_PRIVACY_PRACTICES_URL": "https://practice.test.invalid/notice-of-privacy-practices",
    "PRIVACY_EFFECTIVE_DATE": "2026-01-01",
}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def extra_settings(values: dict) -> list[str]:
    """Pelican's `-e NAME=json` arguments for `values`."""
    if not values:
        return []
    # One -e followed by every NAME=VALUE: a second -e would replace the first.
    return ["-e"] + [f"{name}={json.dumps(value)}" for name, value in values.items()]


def build(
    content: Path | str,
    output: Path,
    settings: str = "pelicanconf.py",
    extra: dict | None = None,
    env: dict | None = None,
) -> subprocess.CompletedProcess:
    """Run the plain Pelican build from the repo root, as a script or host would."""
    command = [str(PELICAN), str(content), "-s", settings, "-o", str(output)]
    # A cache per build: parallel test builds must not share Pelican's content cache.
    cache = {"CACHE_PATH": str(Path(output).parent / f".cache-{Path(output).name}")}
    command += extra_settings({**cache, **(extra or {})})
    import os

    return subprocess.run(
        command,
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )


def copy_content(destination: Path) -> Path:
    """A private copy of the real content folder, to add or break files in."""
    target = destination / "content"
    shutil.copytree(REPO / "content", target)
    return target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float) -> bool:
    """Whether `url` answered within `seconds` (a server that is starting)."""
    import time
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return True
        except OSError:
            time.sleep(0.2)
    return False


class QuietHandler(SimpleHTTPRequestHandler):
    """A static host: serves files, and the site's own 404.html (status 404) for missing ones."""

    def log_message(self, format, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code == 404:
            for folder in [Path(self.translate_path(self.path))] + list(
                Path(self.translate_path(self.path)).parents
            ):
                page = folder / "404.html"
                if page.is_file() and str(folder).startswith(self.directory):
                    body = page.read_bytes()
                    self.send_response(404)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
        super().send_error(code, message, explain)


def serve(folder: Path, port: int) -> ThreadingHTTPServer:
    """Serve `folder` on 127.0.0.1:`port` in a background thread."""
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(QuietHandler, directory=str(folder)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


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
    """What Pagefind stored for each page of the site in `folder`, by URL: title and text."""
    import gzip

    records = {}
    for path in (folder / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data[data.index(b"{") :])  # after Pagefind's short signature
        records[record["url"]] = record
    return records
