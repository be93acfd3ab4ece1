"""Faults of the surroundings end in one plain sentence naming the folder or file and what to do,
never a traceback, and the output stays as it was. One build at a time; a preview never takes
the place of a publish; files in the output that no build wrote are never deleted silently.

The disk faults are real: a tiny tmpfs (full disk) and a read-only tmpfs, each mounted in a
private mount namespace (`unshare`, which needs no privileges on a kernel with user namespaces);
the locked folder is a real `chattr +i` (root only, as on this machine).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from helpers import (
    REPO,
    TEST_PRACTICE,
    build,
    copy_content,
    make,
    repo_copy,
    signed,
    signed_content,
    tree_digest,
)
from sitebuild import build as builds

LAST_GOOD = "<p>The last good site.</p>\n"

# Runs inside a private mount namespace: a small tmpfs becomes the output's disk.
ON_A_SMALL_DISK = """
import json, subprocess, sys
from pathlib import Path
disk, content, cache, size, read_only = sys.argv[1:6]
subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", disk], check=True)
output = Path(disk) / "output"
output.mkdir()
(output / "index.html").write_text(sys.argv[6])
if read_only == "yes":
    subprocess.run(["mount", "-o", "remount,ro", disk], check=True)
from sitebuild.build import build
result = build("pelicanconf.py", output, content=content,
               values={"SEARCH_INDEX": False, "CACHE_PATH": cache})
print(json.dumps({
    "returncode": result.returncode, "stderr": result.stderr, "stdout": result.stdout,
    "fault": result.fault, "left": sorted(p.name for p in Path(disk).iterdir()),
    "index": (output / "index.html").read_text(),
    "files": sorted(str(p.relative_to(output)) for p in output.rglob("*")),
}))
"""


def on_a_small_disk(tmp_path, size: str, read_only: bool) -> dict:
    unshare = shutil.which("unshare")
    assert unshare, "unshare (util-linux) is needed to mount a test disk"
    disk = tmp_path / "disk"
    disk.mkdir()
    content = copy_content(tmp_path)
    command = [unshare, "--mount", "--map-root-user", sys.executable, "-c", ON_A_SMALL_DISK]
    command += [str(disk), str(content), str(tmp_path / "cache"), size]
    command += ["yes" if read_only else "no", LAST_GOOD]
    ran = subprocess.run(
        command,
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": builds.python_path()},
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    return json.loads(ran.stdout.splitlines()[-1])


def one_sentence(text: str) -> list[str]:
    """The lines of `text` that say something (the sentence), without Pelican's progress or
    the preview's reminders (warnings, such as a post awaiting the therapist's review)."""
    return [line for line in text.splitlines() if ". Fix: " in line and ": warning: " not in line]


def test_a_full_disk_ends_in_one_sentence_and_the_output_stays(tmp_path):
    outcome = on_a_small_disk(tmp_path, "200k", read_only=False)
    assert outcome["returncode"] == 1
    everything = outcome["stderr"] + outcome["stdout"]
    assert "Traceback" not in everything
    (sentence,) = one_sentence(everything)
    assert (
        ": the disk is full, so the new site could not be written. Fix: free some space" in sentence
    )
    assert sentence.split(":")[0].startswith(str(tmp_path / "disk" / "output"))
    assert sentence.endswith("output/ was left as it was.")
    assert outcome["index"] == LAST_GOOD and outcome["files"] == ["index.html"]
    assert outcome["left"] == ["output"]  # no staging folder left behind


def test_a_read_only_disk_ends_in_one_sentence_and_the_output_stays(tmp_path):
    outcome = on_a_small_disk(tmp_path, "2m", read_only=True)
    assert outcome["returncode"] == 1
    assert "Traceback" not in outcome["stderr"] + outcome["stdout"]
    assert outcome["fault"] == outcome["stderr"]
    assert f"{tmp_path / 'disk' / 'output'}: the disk is read-only" in outcome["fault"]
    assert "Fix: make it writable, or build into another folder" in outcome["fault"]
    assert outcome["index"] == LAST_GOOD and outcome["files"] == ["index.html"]


def test_an_immutable_output_folder_ends_in_one_sentence_and_stays(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text(LAST_GOOD)
    locked = subprocess.run(["chattr", "+i", str(output)], capture_output=True, text=True)
    assert locked.returncode == 0, f"chattr +i needs root on a file system that has it: {locked}"
    try:
        before = tree_digest(output)
        result = build(copy_content(tmp_path), output, extra={"SEARCH_INDEX": False})
        assert result.returncode == 1
        assert "Traceback" not in result.stderr + result.stdout
        assert result.fault.startswith(f"{output}: the folder is locked (immutable)")
        assert "Fix: unlock it (lsattr -d shows an i; chattr -i removes it)" in result.fault
        assert tree_digest(output) == before
        assert not list(tmp_path.glob(".output.*"))
    finally:
        subprocess.run(["chattr", "-i", str(output)], check=True)


def test_a_busy_port_for_make_serve_is_one_sentence_before_any_build(tmp_path):
    repo = repo_copy(tmp_path / "repo")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = make(repo, "serve", env={"PORT": str(port)}, timeout=120)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert f"Port {port} on 127.0.0.1 is already in use" in result.stderr
    assert f"make serve PORT={port + 1}" in result.stderr
    assert not (repo / "output").exists()  # refused before building anything


def test_two_builds_at_once_take_turns_and_neither_loses_its_folder(tmp_path, capfd):
    content = copy_content(tmp_path)
    output = tmp_path / "output"
    with ThreadPoolExecutor(2) as pool:
        runs = [pool.submit(build, content, output, extra={"SEARCH_INDEX": False})]
        time.sleep(0.3)
        runs.append(pool.submit(build, content, output, extra={"SEARCH_INDEX": False}))
        results = [run.result() for run in runs]
    for result in results:
        assert result.returncode == 0, result.stderr
        # No false "link leads to no page" from a lost folder (the preview's reminders aside).
        assert [line for line in result.problems if ": warning: " not in line] == []
    assert "waiting for it to finish" in capfd.readouterr().err
    assert (output / "index.html").is_file() and not list(tmp_path.glob(".output.*"))


def published(tmp_path, output):
    content = signed_content(tmp_path)  # the therapist's review, as before any publish
    return build(
        content,
        output,
        "publishconf.py",
        extra={**TEST_PRACTICE, "SEARCH_INDEX": False},
        env={"SITEURL": "https://example.org"},
    )


def test_a_preview_saved_while_a_publish_runs_never_replaces_it(tmp_path):
    output = tmp_path / "output"
    content = copy_content(tmp_path / "preview")
    outcome = {}

    def publish():
        outcome["publish"] = published(tmp_path, output)

    publishing = threading.Thread(target=publish)
    publishing.start()
    while not list(tmp_path.glob(".output.new-*")) and publishing.is_alive():
        time.sleep(0.05)  # the publish holds the lock and writes its staging folder
    preview = builds.build(
        "pelicanconf.py",
        output,
        content=content,
        values={"SEARCH_INDEX": False},
        replace_publish=False,
    )
    publishing.join()
    assert outcome["publish"].returncode == 0, outcome["publish"].stderr
    assert preview.returncode == 1
    assert preview.fault.startswith(f"{output}/ holds the site `make publish` built")
    assert "make clean" in preview.fault
    assert (output / "atom.xml").is_file() and not (output / "drafts").exists()


def test_make_html_and_make_serve_after_make_publish_refuse_in_a_sentence(tmp_path):
    from helpers import free_port

    repo = repo_copy(tmp_path / "repo")
    signed(repo / "content")
    assert make(repo, "publish", env={"SITEURL": "https://example.org"}).returncode == 0
    before = tree_digest(repo / "output")
    for target, env in [("html", {}), ("serve", {"PORT": str(free_port())})]:
        result = make(repo, target, env=env, timeout=120)
        assert result.returncode != 0 and "Traceback" not in result.stderr
        assert "output/ holds the site `make publish` built, and a preview never replaces it" in (
            result.stderr
        ), target
        assert tree_digest(repo / "output") == before


def test_make_clean_never_removes_a_live_build(tmp_path, monkeypatch):
    import invoke

    import tasks

    monkeypatch.chdir(tmp_path)
    (tmp_path / "output").mkdir()
    live = tmp_path / ".output.new-live"
    live.mkdir()
    with builds.build_lock(builds.target_of(tmp_path / "output")):
        with pytest.raises(invoke.Exit) as refused:
            tasks.clean(invoke.Context())
        assert "A build is writing beside output/ right now; nothing was removed" in str(
            refused.value.message
        )
        assert live.is_dir() and (tmp_path / "output").is_dir()
    tasks.clean(invoke.Context())
    assert not live.exists() and not (tmp_path / "output").exists()


def test_files_no_build_wrote_stop_the_build_unless_kept(tmp_path):
    content = copy_content(tmp_path)
    output = tmp_path / "output"
    assert build(content, output, extra={"SEARCH_INDEX": False}).returncode == 0
    (output / "CNAME").write_text("www.example.org\n")
    (output / ".well-known").mkdir()
    (output / ".well-known" / "security.txt").write_text("Contact: mailto:x@example.org\n")
    before = tree_digest(output)
    refused = build(content, output, extra={"SEARCH_INDEX": False})
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    for name in ["CNAME", ".well-known/security.txt"]:
        assert any(
            line.startswith(f"{output / name}:1: no build of this site wrote this file")
            and "KEEP_IN_OUTPUT" in line
            for line in refused.problems
        ), (name, refused.problems)
    assert tree_digest(output) == before
    kept = build(
        content, output, extra={"SEARCH_INDEX": False, "KEEP_IN_OUTPUT": ["CNAME", ".well-known"]}
    )
    assert kept.returncode == 0, kept.stderr
    assert (output / "CNAME").read_text() == "www.example.org\n"
    assert (output / ".well-known" / "security.txt").is_file()


def test_publishing_into_a_web_root_names_what_it_would_delete(tmp_path):
    root = tmp_path / "www"
    root.mkdir()
    (root / "CNAME").write_text("www.example.org\n")
    (root / "old-page.html").write_text("a page of an earlier site")
    output = tmp_path / "output"
    output.symlink_to(root)
    result = published(tmp_path, output)
    assert result.returncode == 2
    assert [line for line in result.problems if "no build of this site wrote" in line] == [
        f"{root / 'CNAME'}:1: no build of this site wrote this file, and replacing the output "
        "folder would delete it. Fix: move it out of the folder, or list it in KEEP_IN_OUTPUT "
        "in pelicanconf.py to carry it into every new build"
    ]
    assert (root / "CNAME").is_file() and output.is_symlink()


# Runs in the project copy: the preview server's quick path after a save, in three situations.
QUICK_PAGE_AFTER_A_SAVE = """
import json, sys
from pathlib import Path
sys.path.insert(0, "plugins")
from sitebuild import build as builds, devserver, quickpage
output = Path("output")
target = builds.target_of(output)
post = Path("content/posts/what-does-ketamine-feel-like.md")
page = target / "posts/what-does-ketamine-feel-like/index.html"
assert devserver.build_once("pelicanconf.py", output) == []

def save(word):  # each save replaces the same sentence of the original text
    post.write_text(original.replace("Everyone’s experience", word + " experience", 1))

original = post.read_text()
found = {}
save("QUICK")
found["alone"] = [quickpage.render(str(post), target), "QUICK" in page.read_text()]
with builds.build_lock(target, wait=False):  # another build is writing beside the output
    save("LOCKED")
    found["locked"] = [quickpage.render(str(post), target), "LOCKED" in page.read_text()]
published = builds.build("publishconf.py", output, content="content",
                         values={"SEARCH_INDEX": False}, env={"SITEURL": "https://example.org"})
assert published.ok, published.stderr
save("AFTER-PUBLISH")
found["published"] = [quickpage.render(str(post), target), "AFTER-PUBLISH" in page.read_text()]
print(json.dumps(found))
"""


def test_the_quick_page_never_writes_into_a_publish_or_beside_another_build(tmp_path):
    """A save while `make serve` runs shows its page at once, but never while another build
    holds the folder, and never into the site `make publish` put in its place."""
    repo = repo_copy(tmp_path / "repo")
    signed(repo / "content")
    result = subprocess.run(
        [str(repo / ".venv/bin/python"), "-c", QUICK_PAGE_AFTER_A_SAVE],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["alone"] == ["posts/what-does-ketamine-feel-like/index.html", True]
    assert found["locked"] == [None, False]
    assert found["published"] == [None, False]
