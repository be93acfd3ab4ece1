"""One path through the build: the plugin order is the order things happen, settings are
checked before anything is read, and the speed mechanisms never change a byte."""

import json
import subprocess
import sys

import pytest

from helpers import PELICAN, REPO, build, copy_content, tree_digest
from sitebuild.corpus import write_corpus

# Run in a child process: registering the plugins connects receivers for the whole process.
LIST_RECEIVERS = """
import json, sys
from pelican import Pelican, signals
from pelican.settings import read_settings
settings = read_settings("pelicanconf.py", override={"OUTPUT_PATH": sys.argv[1]})
Pelican(settings)  # registers every plugin, as a build does
ours = {name.split(".")[-1] for name in settings["PLUGINS"]}
print(json.dumps({
    name: [f"{r.__module__}.{r.__name__}" for r in getattr(signals, name).receivers_for(None)
           if r.__module__.split(".")[0] in ours]
    for name in ["initialized", "all_generators_finalized", "finalized"]
}))
"""


def test_receivers_run_in_the_order_of_plugins(tmp_path):
    listed = subprocess.run(
        [sys.executable, "-c", LIST_RECEIVERS, str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    receivers = json.loads(listed.stdout.splitlines()[-1])
    after_writing = receivers["finalized"]
    order = [
        "content_rules.check_links",
        "safety.check_written_files",
        "search_index.finish_index",
        "output_guard.guard",
        "build_report.after_writing",
    ]
    positions = [after_writing.index(name) for name in order]
    assert positions == sorted(positions), after_writing
    assert after_writing[-1] == "build_report.after_writing"
    assert receivers["all_generators_finalized"][-1] == "build_report.after_reading"
    assert receivers["initialized"][-1] == "build_report.after_start"


def test_the_plain_pelican_command_builds_the_complete_preview(tmp_path):
    output = tmp_path / "out"
    result = subprocess.run(
        [
            str(PELICAN),
            "content",
            "-s",
            "pelicanconf.py",
            "-o",
            str(output),
            "-e",
            f'CACHE_PATH="{tmp_path / "cache"}"',
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for name in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "_headers",
        "pagefind/pagefind.js",
        "posts/the-power-of-integration/index.html",
    ]:
        assert (output / name).is_file(), name


def test_a_mistyped_setting_stops_the_build_with_one_line_naming_it(tmp_path):
    content = copy_content(tmp_path)
    result = build(content, tmp_path / "out", extra={"RESPONSIVE_IMAGE_WIDTHS": "wide"})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    (line,) = result.problems
    assert line.startswith("pelicanconf.py:") and "RESPONSIVE_IMAGE_WIDTHS" in line


def test_a_missing_setting_takes_its_default(tmp_path):
    settings_file = tmp_path / "conf.py"
    settings_file.write_text(
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\nfrom pelicanconf import *\n"
        "del BOOKING_URL, RESPONSIVE_IMAGE_WIDTHS, REVIEW_MAX_AGE_MONTHS\n"
    )
    result = build(copy_content(tmp_path), tmp_path / "out", settings=str(settings_file))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "about" / "index.html").read_text()
    assert 'href="https://set-me.example.invalid/book-a-free-consultation"' in html


@pytest.mark.parametrize("kind", ["steady", "mixed"])
def test_speedups_change_speed_never_a_byte(tmp_path, kind):
    # Enough posts for every mechanism to act (two writers start from 60 posts).
    content = write_corpus(tmp_path / "content", 70, words=200, kind=kind)
    plain = tmp_path / "plain"
    assert build(content, plain, extra={"SPEEDUPS": False}).returncode == 0
    fast = tmp_path / "fast"
    assert build(content, fast, extra={"SPEEDUPS": True}).returncode == 0
    assert tree_digest(fast) == tree_digest(plain)
    # A warm rebuild reuses unchanged pages (the render cache): still the same bytes.
    assert build(content, fast, extra={"SPEEDUPS": True}).returncode == 0
    assert tree_digest(fast) == tree_digest(plain)


# Settings that report every page as it is rendered (Jinja's finalize sees each page's context).
REPORTS_WHILE_RENDERING = """
import sys
sys.path.insert(0, {repo!r})
from pelicanconf import *
from jinja2 import pass_context
from kernel.problems import Problem, channel


@pass_context
def report_page(context, value):
    page = context.get("output_file") or "none"
    channel.report(Problem(page, 1, "rendered", "nothing", severity="warning"))
    return value


JINJA_ENVIRONMENT = {{**JINJA_ENVIRONMENT, "finalize": report_page}}
"""


def test_what_the_second_writer_reports_is_reported_by_the_build(tmp_path):
    """On a cold build of 60 posts or more, a second process writes part of the blog; whatever
    a template or plugin reports while it renders reaches the build's own report."""
    settings_file = tmp_path / "conf.py"
    settings_file.write_text(REPORTS_WHILE_RENDERING.format(repo=str(REPO)))
    content = write_corpus(tmp_path / "content", 70, words=50, kind="steady")
    reported = {}
    for speedups in (False, True):
        output = tmp_path / f"out-{speedups}"
        result = build(content, output, settings=str(settings_file), extra={"SPEEDUPS": speedups})
        assert result.returncode == 0, result.stderr
        reported[speedups] = {
            line.split(":")[0] for line in result.stderr.splitlines() if "rendered" in line
        }
    assert len(reported[False]) > 70 and reported[True] == reported[False]
