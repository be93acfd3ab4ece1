"""Tasks behind the Makefile (`invoke --list`). The command logic lives here, once."""

from __future__ import annotations

import os
import shutil
import sys

from invoke import Exit, task

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins"))

from sitebuild import atomic  # noqa: E402
from sitebuild.checks import PublishCheckFailed, check_publish_folder  # noqa: E402

OUTPUT = "output"


def fail(message: str, code: int = 1) -> Exit:
    return Exit(message, code=code)


@task(help={"output": "folder to write (default: output)"})
def html(c, output=OUTPUT):
    """Build the preview site (drafts and scheduled posts included) into output/."""
    try:
        atomic.build("pelicanconf.py", output)
    except atomic.BuildFailed as error:
        raise fail(f"Build stopped; {output}/ was left as it was.", error.returncode) from None
    print(f"Built the preview into {output}/.")


@task(help={"port": "port to serve on (default 8000)", "host": "address (default 127.0.0.1)"})
def serve(c, port=8000, host="127.0.0.1"):
    """Build, serve on http://127.0.0.1:8000 and rebuild and reload on every save."""
    from sitebuild.devserver import serve as run_server

    run_server("pelicanconf.py", OUTPUT, host, int(port))


@task(help={"output": "folder to replace (default: output)",
            "siteurl": "the site's address; defaults to the SITEURL environment variable"})
def publish(c, output=OUTPUT, siteurl=None):
    """Build for production, check it, then replace output/ atomically."""
    env = {"SITEURL": siteurl} if siteurl else {}
    try:
        atomic.build("publishconf.py", output, check=check_publish_folder, env=env)
    except atomic.BuildFailed as error:
        raise fail(f"Publish stopped; {output}/ was left as it was.", error.returncode) from None
    except PublishCheckFailed as error:
        raise fail(f"Publish stopped: {error}.") from None
    print(f"Published into {output}/.")


@task(help={"title": "the post's title, in quotes"})
def new_post(c, title=""):
    """Write content/posts/<slug>.md as a draft with every required field."""
    from sitebuild.newpost import new_post as write

    try:
        path = write(title)
    except (ValueError, FileExistsError) as error:
        raise fail(f"No post written: {error}.") from None
    print(f"Wrote {path} (Status: draft). It shows in `make serve` marked Draft.")


@task
def check(c):
    """Print a readability report (Flesch–Kincaid grade) for every post; not a gate."""
    from sitebuild.readability import report

    print(f"{'grade':>5}  {'words':>5}  post")
    for path, grade, words in report():
        print(f"{grade:5.1f}  {words:5d}  {path}")
    print("Grade 8 or below reads easily for most adults; this is a guide, not a rule.")


@task
def clean(c):
    """Remove output/, caches and test leftovers."""
    for path in [OUTPUT, ".cache", ".pytest_cache"]:
        shutil.rmtree(path, ignore_errors=True)
    atomic.remove_leftovers(atomic.target_of(atomic.Path(OUTPUT)))


@task(help={"args": "extra arguments for pytest, in quotes"})
def test(c, args=""):
    """Run the whole test suite (browser tests included)."""
    result = c.run(f"{sys.executable} -m pytest {args}", warn=True, pty=False)
    if result.exited == 5:
        raise fail("pytest collected no tests; that counts as a failure.", 5)
    if result.exited:
        raise fail("Tests failed.", result.exited)
