"""The therapist's commands, run for real: `make post` and `make serve` with live reload."""

import os
import re
import signal
import subprocess

import pytest

from helpers import free_port, make, repo_copy, wait_for


@pytest.fixture
def repo(tmp_path):
    return repo_copy(tmp_path / "repo")


def test_make_post_writes_a_draft_that_builds(repo):
    result = make(repo, "post", env={"TITLE": "Breathing between sessions"})
    assert result.returncode == 0, result.stderr
    path = repo / "content/posts/breathing-between-sessions.md"
    assert "Status: draft" in path.read_text()
    again = make(repo, "post", env={"TITLE": "Breathing between sessions"})
    assert again.returncode != 0 and "already exists" in again.stderr
    assert make(repo, "html").returncode == 0
    assert (repo / "output/drafts/breathing-between-sessions/index.html").is_file()


def test_make_post_without_title_explains(repo):
    result = make(repo, "post", env={"TITLE": ""})
    assert result.returncode != 0 and "make post TITLE=" in result.stderr


@pytest.fixture
def dev_server(repo):
    port = free_port()
    process = subprocess.Popen(
        [str(repo / ".venv/bin/invoke"), "serve", "--port", str(port)],
        cwd=repo,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    if not wait_for(url, 60):
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail(f"the preview server did not start: {process.stdout.read()}")
    yield url
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=10)


@pytest.mark.browser
def test_saving_a_post_reloads_the_open_page(repo, dev_server, page):
    post = repo / "content/posts/what-does-ketamine-feel-like.md"
    page.goto(dev_server + "posts/what-does-ketamine-feel-like/")
    page.wait_for_function("() => document.querySelector('script[src=\"/__livereload.js\"]')")
    page.wait_for_timeout(300)  # let the event stream connect
    post.write_text(
        post.read_text().replace(
            "Everyone’s experience is different", "Everyone’s experience is LIVE-EDITED"
        )
    )
    page.wait_for_selector("text=LIVE-EDITED", timeout=15000)
    # The page shown first (the quick path) is the one the full build writes after it.
    served = repo / "output/posts/what-does-ketamine-feel-like/index.html"
    shown_first = served.read_bytes()
    page.wait_for_selector("#dev-search", timeout=15000)  # "search is catching up"
    page.wait_for_selector("#dev-search", state="detached", timeout=30000)
    assert served.read_bytes() == shown_first
    # How the saved post reads: guidance in its own calm box, not a problem.
    notes = page.wait_for_selector("#dev-notes", timeout=15000).inner_text()
    assert re.search(r"what-does-ketamine-feel-like\.md: grade \d+\.\d, \d+ words", notes)
    assert re.search(r"what-does-ketamine-feel-like\.md:\d+: \d+ words: ", notes)
    assert page.query_selector("#dev-problems") is None
    # A mistake shows in the page, and the last good build stays served.
    post.write_text(post.read_text().replace("Date: 2026-11-24 09:00", "Date: Feb 2024"))
    box = page.wait_for_selector("#dev-problems", timeout=15000)
    assert re.search(r"what-does-ketamine-feel-like\.md:\d+: Date 'Feb 2024'", box.inner_text())
    assert "LIVE-EDITED" in page.content()
