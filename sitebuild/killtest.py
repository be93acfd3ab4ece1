"""Kill `make publish` at many moments and count how often output/ stayed byte-identical.

Used by `invoke kill-test` for the figures in a closing note; the test suite runs a short
version of the same check (tests/site/test_publish.py).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from datetime import date
from pathlib import Path

from .corpus import write_corpus
from .projectcopy import project_copy
from .standins import sign_off, stand_in_practice


def digest(folder: Path) -> dict[str, str]:
    return (
        {
            str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }
        if folder.exists()
        else {}
    )


def publish(repo: Path, kill_after: float | None = None) -> int | None:
    process = subprocess.Popen(
        ["make", "--no-print-directory", "publish"],
        cwd=repo,
        env={**os.environ, "SITEURL": "https://example.org"},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    if kill_after is None:
        return process.wait()
    time.sleep(kill_after)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    return None


def main(posts: int = 300, kills: int = 20) -> str:
    repo = project_copy(Path(tempfile.mkdtemp(prefix="kill-test-")) / "repo", stand_in_practice())
    try:
        # Signed off today, as the therapist would: a publish needs every post reviewed.
        sign_off(write_corpus(repo / "content", posts, words=600), date.today())
        started = time.monotonic()
        if publish(repo) != 0:
            raise SystemExit("the first publish failed")
        duration = time.monotonic() - started
        before = digest(repo / "output")
        identical = 0
        for index in range(kills):
            publish(repo, kill_after=duration * (index + 0.5) / kills)
            identical += digest(repo / "output") == before
        recovered = publish(repo) == 0 and digest(repo / "output") == before
        return (
            f"{posts} posts, publish {duration:.1f} s; killed at {kills} moments spread over "
            f"the run: output/ byte-identical after {identical} of {kills}; next publish "
            f"{'succeeded with identical output' if recovered else 'FAILED to recover'}."
        )
    finally:
        shutil.rmtree(repo.parent, ignore_errors=True)
