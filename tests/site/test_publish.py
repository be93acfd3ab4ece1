"""`make publish`: refuses placeholders, never leaks drafts, replaces output/ atomically."""

import os
import signal
import subprocess
import time

import feedparser
import pytest

from helpers import make, repo_copy, search_records, signed, tree_digest
from sitebuild.pagetypes import shown_posts

SITEURL = "https://example.org/blog"
DRAFT = "Title: Private draft\nDate: 2024-03-05\nSummary: Not ready.\nStatus: draft\n\nSecret.\n"
FUTURE = "Title: Scheduled post\nDate: 2999-01-01 09:00\nSummary: Not yet.\n\nScheduled words.\n"


@pytest.fixture
def repo(tmp_path):
    """The project with test practice values and its content signed off today."""
    repo = repo_copy(tmp_path / "repo")
    signed(repo / "content")
    return repo


def publish(repo, siteurl=SITEURL):
    return make(repo, "publish", env={"SITEURL": siteurl})


def test_publish_writes_the_expected_root_files(repo):
    result = publish(repo)
    assert result.returncode == 0, result.stderr
    names = {p.name for p in (repo / "output").iterdir()}
    assert {
        "index.html",
        "404.html",
        "sitemap.xml",
        "atom.xml",
        "rss.xml",
        "robots.txt",
        "_headers",
    } <= names


def test_drafts_and_scheduled_posts_never_reach_the_publish(repo):
    (repo / "content/posts/private-draft.md").write_text(DRAFT)
    (repo / "content/posts/scheduled-post.md").write_text(FUTURE)
    result = publish(repo)
    assert result.returncode == 0, result.stderr
    output = repo / "output"
    files = tree_digest(output)
    assert not any("draft" in name or "scheduled" in name for name in files)
    everything = b"".join((output / name).read_bytes() for name in files)
    assert b"Private draft" not in everything and b"Scheduled post" not in everything
    assert b"Secret." not in everything and b"Scheduled words" not in everything
    indexed = " ".join(record["content"] for record in search_records(output).values())
    assert len(search_records(output)) > 4 and "Secret" not in indexed
    assert "Scheduled words" not in indexed
    feed = feedparser.parse((output / "atom.xml").read_text())
    assert len(feed.entries) == min(20, len(shown_posts(repo / "content")))  # FEED_MAX_ITEMS


def test_preview_shows_drafts_and_scheduled_posts_marked(repo):
    (repo / "content/posts/private-draft.md").write_text(DRAFT)
    (repo / "content/posts/scheduled-post.md").write_text(FUTURE)
    result = make(repo, "html")
    assert result.returncode == 0, result.stderr
    draft = (repo / "output/drafts/private-draft/index.html").read_text()
    assert "<strong>Draft.</strong>" in draft
    scheduled = (repo / "output/posts/scheduled-post/index.html").read_text()
    assert "Scheduled for" in scheduled
    assert "Private draft" in (repo / "output/index.html").read_text()


def test_publish_refuses_placeholders_and_names_each(tmp_path):
    from pelican.settings import read_settings

    from sitebuild.projectcopy import project_copy

    repo = project_copy(tmp_path / "repo")  # the settings as committed: placeholders
    result = make(repo, "publish", env={"SITEURL": ""})
    assert result.returncode != 0
    committed = read_settings(str(repo / "pelicanconf.py"))
    marker = committed["PLACEHOLDER_MARKER"]
    # Every practice setting still holding the marker (a new one needs no edit here).
    unset = [
        name for name in committed["PRACTICE_SETTINGS"] if marker in str(committed[name]).lower()
    ]
    assert {"THERAPIST_NAME", "LICENSE_NUMBER", "CONTACT_EMAIL"} <= set(unset)
    for name in [*unset, "BOOKING_URL", "SITEURL"]:
        assert f": {name} " in result.stderr or f"{name} is not set" in result.stderr, name
    assert "pelicanconf.py:" in result.stderr
    assert not (repo / "output").exists()


def test_a_failed_publish_leaves_the_last_output_byte_identical(repo):
    assert publish(repo).returncode == 0
    before = tree_digest(repo / "output")
    (repo / "content/posts/broken.md").write_text("Title: Broken\nDate: Feb 2024\n\nText.\n")
    result = publish(repo)
    assert result.returncode != 0
    assert "broken.md:2: Date 'Feb 2024' is not a full, real date" in result.stderr
    assert tree_digest(repo / "output") == before


def test_a_deleted_post_leaves_no_orphan_and_builds_are_identical(repo):
    assert publish(repo).returncode == 0
    first = tree_digest(repo / "output")
    assert publish(repo).returncode == 0
    assert tree_digest(repo / "output") == first  # same sources, same bytes
    (repo / "content/posts/what-does-ketamine-feel-like.md").unlink()
    assert publish(repo).returncode == 0
    assert not (repo / "output/posts/what-does-ketamine-feel-like").exists()


def test_publish_replaces_the_folder_a_symlink_points_to(repo):
    real = repo / "site-v1"
    real.mkdir()
    (real / "old.html").write_text("old")
    (repo / "output").symlink_to(real)
    assert publish(repo).returncode == 0
    assert (repo / "output").is_symlink()
    assert (real / "index.html").is_file() and not (real / "old.html").exists()


def kill_publish_at(repo, delay: float) -> None:
    process = subprocess.Popen(
        ["make", "--no-print-directory", "publish"],
        cwd=repo,
        env={**os.environ, "SITEURL": SITEURL},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def test_a_killed_publish_leaves_output_identical_and_recovers(repo):
    from sitebuild.corpus import write_corpus

    signed(write_corpus(repo / "content", 150, words=300))
    started = time.monotonic()
    assert publish(repo).returncode == 0
    duration = time.monotonic() - started
    before = tree_digest(repo / "output")
    for fraction in (0.2, 0.5, 0.8, 0.95):
        kill_publish_at(repo, duration * fraction)
        assert tree_digest(repo / "output") == before, f"changed by a kill at {fraction:.0%}"
    assert publish(repo).returncode == 0  # and the next publish cleans up and succeeds
    assert not list(repo.glob(".output.*"))
