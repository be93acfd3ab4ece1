"""Tasks behind the Makefile (`invoke --list`). The command logic lives here, once."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from invoke import Exit, task

from sitebuild import build  # puts plugins/ on the import path too
from sitebuild.checks import PublishCheckFailed, check_publish_folder

OUTPUT = "output"


def fail(message: str, code: int = 1) -> Exit:
    return Exit(message, code=code)


@task(help={"output": "folder to write (default: output)"})
def html(c, output=OUTPUT):
    """Build the preview site (drafts and scheduled posts included) into output/."""
    result = build.build("pelicanconf.py", output, capture=False, replace_publish=False)
    if not result.ok:
        raise fail(
            result.fault or f"Build stopped; {output}/ was left as it was.", result.returncode
        )
    print(f"Built the preview into {output}/.")


@task(
    help={
        "port": "port to serve on (default 8000)",
        "host": "address (default 127.0.0.1)",
        "output": "folder to write (default: output)",
    }
)
def serve(c, port=8000, host="127.0.0.1", output=OUTPUT):
    """Build, serve on http://127.0.0.1:8000 and rebuild and reload on every save."""
    from sitebuild.devserver import ServeRefused
    from sitebuild.devserver import serve as run_server

    try:
        run_server("pelicanconf.py", output, host, int(port))
    except ServeRefused as refusal:
        raise fail(str(refusal)) from None


@task(
    help={
        "output": "folder to replace (default: output)",
        "siteurl": "the site's address; defaults to the SITEURL environment variable",
    }
)
def publish(c, output=OUTPUT, siteurl=None):
    """Build for production, check it, then replace output/ atomically."""
    env = {"SITEURL": siteurl} if siteurl else {}
    try:
        result = build.build(
            "publishconf.py", output, check=check_publish_folder, env=env, capture=False
        )
    except PublishCheckFailed as error:
        raise fail(f"Publish stopped: {error}.") from None
    if not result.ok:
        raise fail(
            result.fault or f"Publish stopped; {output}/ was left as it was.", result.returncode
        )
    print(f"Published into {output}/.")


def require(command: str, install: str) -> None:
    if shutil.which(command) is None:
        raise fail(f"`{command}` is not installed. {install}")


def published_output() -> str:
    """output/, refusing a preview build (drafts, placeholders) or an empty folder."""
    try:
        check_publish_folder(Path(OUTPUT))
    except PublishCheckFailed:
        raise fail(
            "output/ holds no published site (`make serve` and `make html` write the "
            "preview there): run `SITEURL=... make publish` first."
        ) from None
    return OUTPUT


@task
def accessibility_record(c):
    """Run the accessibility judges; when all pass, record the run for the statement page."""
    import json
    import subprocess
    import tempfile
    from datetime import date

    from sitebuild import accessibility
    from sitebuild.pagetypes import COLOR_SCHEMES, PAGE_TYPES

    repo = Path(__file__).resolve().parent
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "run.jsonl"
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "tests/browser/test_judges.py",
                "tests/site/test_budgets_and_validity.py::test_nu_html_checker_reports_no_errors",
                "-q",
            ],
            cwd=repo,
            env={**os.environ, accessibility.LOG_VARIABLE: str(log)},
            check=False,
        )
        if result.returncode != 0:
            raise fail("The judges did not all pass; the record was left as it was.")
        entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    try:
        record = accessibility.record_from(
            entries,
            list(PAGE_TYPES),
            COLOR_SCHEMES,
            accessibility.tool_versions(repo),
            date.today(),
        )
    except ValueError as error:
        raise fail(f"The run is incomplete ({error}); the record was left as it was.") from None
    accessibility.write_record(repo / accessibility.RECORD, record)
    print(f"Recorded the run in {accessibility.RECORD}; commit it to update the statement.")


@task(help={"dest": "the folder to fill (it is replaced atomically)"})
def deploy_folder(c, dest):
    """Copy the published site into a plain folder, replacing it in one atomic step."""
    source = published_output()
    target = build.target_of(Path(dest))
    with build.build_lock(target):
        staging = build.staging_folder(target)
        shutil.rmtree(staging)
        shutil.copytree(source, staging)
        build.replace_output(staging, Path(dest))
    print(f"Deployed output/ to {dest}.")


@task(
    help={
        "remote": "git remote name or address (default origin)",
        "branch": "branch to publish to (default gh-pages)",
        "cname": "custom domain for GitHub Pages, if any",
    }
)
def deploy_gh_pages(c, remote="origin", branch="gh-pages", cname=""):
    """Commit output/ to the gh-pages branch with ghp-import and push it."""
    source = published_output()
    ghp = os.path.join(os.path.dirname(sys.executable), "ghp-import")
    extra = f" -c {cname}" if cname else ""
    # -n: .nojekyll, so GitHub serves folders such as _headers' neighbours as they are.
    c.run(f'{ghp} -n -p -f -b {branch} -r {remote}{extra} -m "Publish the site" {source}')
    print(f"Pushed output/ to {remote} {branch}.")


@task(help={"dest": "rsync destination, e.g. user@host:/var/www/site/ or a local folder"})
def deploy_rsync(c, dest):
    """Copy the published site to an nginx host (or folder) with rsync, deleting stale files."""
    require("rsync", "Install it with your system's package manager.")
    source = published_output()
    # --delay-updates moves every file into place at the end, so readers never see half a site.
    c.run(f"rsync -rlptz --delete --delay-updates {source}/ {dest}")
    print(f"Synced output/ to {dest}.")


@task(help={"site": "Netlify site name or ID (optional once linked)"})
def deploy_netlify(c, site=""):
    """Deploy output/ with the Netlify CLI (or drag the folder onto the Netlify dashboard)."""
    require(
        "netlify",
        "Install it with `npm install -g netlify-cli`, or drag output/ onto the Netlify dashboard.",
    )
    source = published_output()
    c.run(f"netlify deploy --prod --dir {source}" + (f" --site {site}" if site else ""))


@task(help={"project": "Cloudflare Pages project name"})
def deploy_cloudflare(c, project):
    """Deploy output/ with Cloudflare's wrangler CLI (or upload the folder in the dashboard)."""
    require(
        "wrangler",
        "Install it with `npm install -g wrangler`, or upload output/ in the "
        "Cloudflare Pages dashboard.",
    )
    source = published_output()
    c.run(f"wrangler pages deploy {source} --project-name {project}")


@task(help={"bucket": "bucket name", "endpoint": "endpoint URL for S3-compatible storage"})
def deploy_s3(c, bucket, endpoint=""):
    """Sync output/ to S3 or S3-compatible storage with the AWS CLI, deleting stale files."""
    require("aws", "Install the AWS CLI (`pip install awscli` or your package manager).")
    source = published_output()
    extra = f" --endpoint-url {endpoint}" if endpoint else ""
    c.run(f"aws s3 sync {source}/ s3://{bucket}/ --delete{extra}")


@task(
    help={
        "base": "sub-path the site is served under (default: from SITEURL, else /)",
        "root": "folder nginx serves (default /var/www/site)",
        "output": "file to write (default deploy/nginx.conf)",
    }
)
def nginx_conf(c, base=None, root="/var/www/site", output="deploy/nginx.conf"):
    """Write the nginx server block from the header settings in pelicanconf.py."""
    from urllib.parse import urlsplit

    from pelican.settings import read_settings

    from security_headers.nginx import server_block

    settings = read_settings("pelicanconf.py")
    if base is None:
        base = urlsplit(os.environ.get("SITEURL", "")).path or "/"
    os.makedirs(os.path.dirname(output) or ".", exist_ok=True)
    with open(output, "w", encoding="utf-8") as handle:
        handle.write(server_block(settings, base, root))
    print(f"Wrote {output}.")


@task(help={"logfile": "an access log written by deploy/nginx.conf (.gz allowed)"})
def stats(c, logfile):
    """Per post: reads and "Did this help?" answers, from a log without IP addresses."""
    from pelican.settings import read_settings

    from sitebuild.stats import count, post_slugs, read_lines, table

    if not os.path.isfile(logfile):
        raise fail(f"No log file at {logfile}.")
    settings = read_settings("pelicanconf.py")
    result = count(
        read_lines(logfile),
        settings["ARTICLE_URL"],
        settings.get("FEEDBACK_YES_URL", "feedback/yes/"),
        settings.get("FEEDBACK_NO_URL", "feedback/not-really/"),
        post_slugs(
            [os.path.join(settings["PATH"], f) for f in settings["ARTICLE_PATHS"]], settings
        ),
    )
    print(table(result))


@task(
    help={
        "content": "folder of posts and pages (default: content)",
        "cache": "file that remembers answers (default: .cache/citations.json)",
        "timeout": "seconds to wait for each site (default: CITATION_TIMEOUT_SECONDS)",
    }
)
def check_citations(c, content="content", cache=".cache/citations.json", timeout=None):
    """Follow every link to another site in the posts and pages (needs the network)."""
    from pelican.settings import read_settings

    from kernel import settings
    from kernel.problems import channel
    from sitebuild.citations import SETTINGS, run

    config = read_settings("pelicanconf.py")
    settings.apply(config, SETTINGS)
    if channel.errors():
        raise fail("\n".join(str(problem) for problem in channel.errors()), 2)
    folders = list(config["ARTICLE_PATHS"]) + list(config["PAGE_PATHS"])
    seconds = float(timeout) if timeout else config["CITATION_TIMEOUT_SECONDS"]
    problems, summary = run(content, folders, cache, seconds, config["CITATION_CACHE_DAYS"])
    for problem in problems:
        print(problem)
    print(summary)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise fail(f"{len(errors)} {'link needs' if len(errors) == 1 else 'links need'} a look.")


@task(help={"title": "the post's title, in quotes"})
def new_post(c, title=""):
    """Write content/posts/<slug>.md as a draft with every required field."""
    from sitebuild.newpost import new_post as write

    try:
        path = write(title)
    except (ValueError, FileExistsError) as error:
        raise fail(f"No post written: {error}.") from None
    print(f"Wrote {path} (Status: draft). It shows in `make serve` marked Draft.")


@task(
    help={"runs": "timed runs per figure (default 5)", "quick": "100 posts only, for a fast look"}
)
def bench(c, runs=5, quick=False):
    """Build speed against stock Pelican, edit-rebuild, page weights, Lighthouse."""
    from sitebuild.bench import main

    print(main(int(runs), quick))
    print("Written to bench/results.md.")


@task(help={"posts": "generated posts (default 300)", "kills": "kill moments (default 20)"})
def kill_test(c, posts=300, kills=20):
    """Kill `make publish` at many moments; count how often output/ stayed byte-identical."""
    from sitebuild.killtest import main

    print(main(int(posts), int(kills)))


@task
def check(c):
    """Readability (Flesch–Kincaid grade) of every post and page, with its longest sentences."""
    from sitebuild.readability import GUIDE, describe, report

    rows = report()
    print(f"{'grade':>5}  {'words':>5}  file")
    for row in rows:
        flag = "  above its limit" if row.over_limit else ""
        print(f"{row.grade:5.1f}  {row.words:5d}  {row.path}{flag}")
    print("\nThe three longest sentences of each (shorter ones read more easily):")
    for row in rows:
        print("\n".join(describe(row)))
    print(f"\n{GUIDE} Pages in READABILITY_LIMITS (pelicanconf.py) must stay at or below theirs.")


@task
def clean(c):
    """Remove output/, caches and test leftovers (never while a build is writing)."""
    target = build.target_of(Path(OUTPUT))
    try:
        with build.build_lock(target, wait=False):
            for path in [OUTPUT, ".cache", ".pytest_cache"]:
                shutil.rmtree(path, ignore_errors=True)
            build.remove_leftovers(target)
    except build.BuildRunning:
        raise fail(
            f"A build is writing beside {OUTPUT}/ right now; nothing was removed. Run "
            "`make clean` again when it is done."
        ) from None


@task
def lint(c):
    """ruff: the lint rules and the formatting in pyproject.toml, on the whole tree."""
    ruff = os.path.join(os.path.dirname(sys.executable), "ruff")
    checked = c.run(f"{ruff} check .", warn=True, pty=False)
    formatted = c.run(f"{ruff} format --check .", warn=True, pty=False)
    if checked.exited or formatted.exited:
        raise fail(
            "ruff found problems (above). `.venv/bin/ruff check --fix . && "
            ".venv/bin/ruff format .` fixes most of them."
        )


@task(help={"args": "extra arguments for pytest, in quotes"})
def test(c, args=""):
    """Run the whole test suite (lint and browser tests included)."""
    lint(c)
    result = c.run(f"{sys.executable} -m pytest {args}", warn=True, pty=False)
    if result.exited == 5:
        raise fail("pytest collected no tests; that counts as a failure.", 5)
    if result.exited:
        raise fail("Tests failed.", result.exited)


@task(help={"output": "folder to replace (default: output)"})
def host_build(c, output=OUTPUT):
    """Publish on a host that builds from the repository: Netlify, Cloudflare Pages, GitHub.

    The host's environment gives the address (a preview's own, not indexed); the build is
    `make publish` itself. See sitebuild/hosts.py and docs/publishing.md.
    """
    from sitebuild.hosts import HostSettingMissing, detect, wrangler_config

    try:
        build = detect(os.environ, wrangler_config("wrangler.toml"))
    except HostSettingMissing as error:
        raise fail(f"Publish stopped: {error}.") from None
    print(build.describe())
    # publishconf.py reads NOINDEX from the environment, as it reads SITEURL.
    os.environ["NOINDEX"] = "true" if build.noindex else ""
    publish(c, output=output, siteurl=build.siteurl or None)
