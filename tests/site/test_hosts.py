"""The hosts build the site themselves: GitHub Pages (a workflow), Netlify and Cloudflare Pages.

Each test runs, in a fresh copy of the project, the exact build command the host's config names,
with the environment that host documents, on a fixed clock (Debian's faketime), and checks the
result is a complete publish at the right address, with noindex on previews only. A post dated
the day before the clock is published; one dated the day after is not, until a later build.

The copy is the project copy the other tests use (sitebuild/projectcopy.py) plus the host files,
not a `git clone`: a clone would test the last commit, not the working tree under test.
"""

import os
import re
import shutil
import subprocess
import sys
import threading
import tomllib
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from helpers import REPO, free_port, repo_copy, tree_digest
from sitebuild.standins import sign_off

WORKFLOWS = REPO / ".github" / "workflows"
ACTIONLINT = REPO / "node_modules" / "@tktco" / "node-actionlint" / "bin" / "node-actionlint.js"
HOST_FILES = ["netlify.toml", "wrangler.toml", ".python-version", ".npmrc", ".github", "docs"]
# 12:00 UTC is 05:00 on 15 June in the site's TIMEZONE (America/Los_Angeles).
CLOCK = "2030-06-15 12:00:00"
SIGNED_OFF = date(2030, 6, 15)  # the clock's day
# Everything a host or a developer's shell might set that would change what the build does.
HOST_VARIABLES = {
    "NETLIFY",
    "CONTEXT",
    "URL",
    "DEPLOY_URL",
    "DEPLOY_PRIME_URL",
    "CF_PAGES",
    "CF_PAGES_BRANCH",
    "CF_PAGES_URL",
    "CF_PAGES_COMMIT_SHA",
    "GITHUB_ACTIONS",
    "SITEURL",
    "NOINDEX",
    "PRODUCTION_BRANCH",
}
YESTERDAY = """Title: Written yesterday
Date: 2030-06-14 09:00
Category: Integration
Tags: journaling
Summary: A post dated the day before the build, so it is published.
Old-urls: 2029/notes/written-yesterday/

Words from the day before.
"""
TOMORROW = """Title: Written for tomorrow
Date: 2030-06-16 09:00
Category: Integration
Tags: journaling
Summary: A post dated the day after the build, so it waits for a later build.

Words for the day after.
"""


def fresh_copy(tmp_path: Path) -> Path:
    """The project with test practice settings, the host files, a post dated the day before the
    clock and one the day after, and every post and clinical page signed off (and availability
    confirmed) on the clock's day."""
    repo = repo_copy(tmp_path / "repo")
    for name in HOST_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, repo / name)
        else:
            shutil.copy2(source, repo / name)
    posts = repo / "content" / "posts"
    (posts / "written-yesterday.md").write_text(YESTERDAY, encoding="utf-8")
    (posts / "written-for-tomorrow.md").write_text(TOMORROW, encoding="utf-8")
    sign_off(repo / "content", SIGNED_OFF)
    # Availability confirmed on the clock's day too: a publish refuses one older than 90 days.
    settings = repo / "pelicanconf.py"
    settings.write_text(
        re.sub(
            r"^AVAILABILITY_AS_OF = .*$",
            f'AVAILABILITY_AS_OF = "{SIGNED_OFF}"',
            settings.read_text(encoding="utf-8"),
            flags=re.MULTILINE,
        ),
        encoding="utf-8",
    )
    return repo


def run_on_host(repo: Path, command: str, host_env: dict, clock: str = CLOCK):
    """`command` as the host runs it: through a shell, in the checkout, with the host's
    environment, on a clock fixed at `clock` (UTC)."""
    faketime = shutil.which("faketime")
    if faketime is None:
        pytest.fail("faketime is not installed: `make test` installs it (scripts/system-deps.sh)")
    env = {k: v for k, v in os.environ.items() if k not in HOST_VARIABLES}
    env.update(host_env, TZ="UTC")
    return subprocess.run(
        [faketime, clock, "bash", "-c", command],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
        check=False,
    )


def all_bytes(folder: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file())


def assert_complete_publish(folder: Path, siteurl: str, noindex: bool) -> None:
    from sitebuild.checks import REQUIRED_AT_ROOT

    missing = [name for name in REQUIRED_AT_ROOT if not (folder / name).is_file()]
    assert not missing, f"missing at the root: {missing}"
    assert not (folder / "drafts").exists()
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{siteurl}/">' in index
    # Yesterday's post is published, with its address on this site; tomorrow's is nowhere.
    post = (folder / "posts/written-yesterday/index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{siteurl}/posts/written-yesterday/">' in post
    assert f"<loc>{siteurl}/posts/written-yesterday/</loc>" in (folder / "sitemap.xml").read_text()
    assert f"{siteurl}/posts/written-yesterday/" in (folder / "atom.xml").read_text()
    assert not (folder / "posts/written-for-tomorrow").exists()
    everything = all_bytes(folder)
    assert b"Written for tomorrow" not in everything
    assert b"Words for the day after" not in everything
    # The _redirects lines and headers every host reads, on this build's address.
    base = re.sub(r"^https?://[^/]+", "", siteurl)
    assert (folder / "_redirects").read_text().splitlines() == [
        f"{base}/2029/notes/written-yesterday {siteurl}/posts/written-yesterday/ 301!"
    ]
    headers = (folder / "_headers").read_text()
    assert headers.startswith(f"{base}/*\n") and "Content-Security-Policy: " in headers
    # Previews, and only previews, are kept out of search engines three ways.
    robots = (folder / "robots.txt").read_text()
    stub = folder / "2029/notes/written-yesterday/index.html"  # a moved page: always noindex
    pages = [p for p in folder.rglob("*.html") if p != stub]
    tagged = [p for p in pages if '<meta name="robots" content="noindex">' in p.read_text()]
    if noindex:
        assert robots == "User-agent: *\nDisallow: /\n"
        assert headers.endswith("  X-Robots-Tag: noindex\n")
        assert tagged == pages and len(pages) > 20
    else:
        assert robots.endswith(f"Sitemap: {siteurl}/sitemap.xml")
        # Only the "Did this help?" thank-you pages are kept from robots (their visits count).
        assert [line for line in robots.splitlines() if line.startswith("Disallow")] == [
            f"Disallow: {base}/feedback/yes/",
            f"Disallow: {base}/feedback/not-really/",
        ]
        assert "X-Robots-Tag" not in headers
        thank_you = [folder / "feedback/yes/index.html", folder / "feedback/not-really/index.html"]
        assert sorted(tagged) == sorted(thank_you)


def netlify_config() -> dict:
    with open(REPO / "netlify.toml", "rb") as handle:
        return tomllib.load(handle)["build"]


def netlify_env(context: str) -> dict:
    """What Netlify sets for a build, and the config's [build.environment]."""
    return {
        **netlify_config().get("environment", {}),
        "NETLIFY": "true",
        "CI": "true",
        "CONTEXT": context,
        "BRANCH": "main" if context == "production" else "new-post",
        "URL": "https://blog.practice-site.test",
        "DEPLOY_URL": "https://6650a1b2c3d4e5f6a7b8c9d0--practice.host.test",
        "DEPLOY_PRIME_URL": (
            "https://main--practice.host.test"
            if context == "production"
            else "https://deploy-preview-42--practice.host.test"
        ),
    }


def cloudflare_setting(name: str) -> str:
    """A value from the table in docs/publishing.md that says what to type in the dashboard."""
    guide = (REPO / "docs" / "publishing.md").read_text(encoding="utf-8")
    found = re.findall(rf"^ *\| {name} \| `([^`]+)` \|$", guide, re.MULTILINE)
    assert len(found) == 1, f"docs/publishing.md should give the {name} once"
    return found[0]


def cloudflare_env(branch: str) -> dict:
    return {
        "CF_PAGES": "1",
        "CI": "true",
        "CF_PAGES_BRANCH": branch,
        "CF_PAGES_COMMIT_SHA": "4f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6",
        "CF_PAGES_URL": "https://3f2a1b9c.practice-blog.pages.test",
    }


def workflow_step(path: Path, name: str) -> str:
    """The text of the step called `name` in a workflow, up to the next step."""
    text = path.read_text(encoding="utf-8")
    match = re.search(rf"^( +)- name: {re.escape(name)}\n(.*?)(?=^\1- |^\S|\Z)", text, re.M | re.S)
    assert match, f"no step named {name!r} in {path.name}"
    return match.group(2)


def github_command() -> str:
    step = workflow_step(WORKFLOWS / "publish.yml", "Build the site")
    (command,) = re.findall(r"^ +run: (.+)$", step, re.MULTILINE)
    assert re.search(r"SITEURL: \$\{\{ vars\.SITEURL \|\|", step), "SITEURL from a variable"
    return command


def test_netlify_production_publishes_at_the_site_address(tmp_path):
    repo = fresh_copy(tmp_path)
    config = netlify_config()
    assert config["environment"]["PYTHON_VERSION"] == (REPO / ".python-version").read_text().strip()
    assert config["environment"]["PYTHON_VERSION"] == "{}.{}".format(*sys.version_info[:2])
    result = run_on_host(repo, config["command"], netlify_env("production"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "netlify, production" in result.stdout
    assert_complete_publish(repo / config["publish"], "https://blog.practice-site.test", False)


def test_netlify_deploy_preview_has_its_own_address_and_is_never_indexed(tmp_path):
    repo = fresh_copy(tmp_path)
    config = netlify_config()
    result = run_on_host(repo, config["command"], netlify_env("deploy-preview"))
    assert result.returncode == 0, result.stdout + result.stderr
    output = repo / config["publish"]
    assert_complete_publish(output, "https://deploy-preview-42--practice.host.test", True)
    assert b"https://blog.practice-site.test" not in all_bytes(output)


def test_cloudflare_production_publishes_at_the_address_set_in_wrangler_toml(tmp_path):
    repo = fresh_copy(tmp_path)
    wrangler = repo / "wrangler.toml"
    # What docs/publishing.md asks: remove the # before [vars] and SITEURL, put the address in.
    text = wrangler.read_text()
    text = text.replace("# [vars]", "[vars]").replace(
        '# SITEURL = "https://www.example-practice.com"', 'SITEURL = "https://www.practice.test"'
    )
    wrangler.write_text(text)
    with open(wrangler, "rb") as handle:
        output_dir = tomllib.load(handle)["pages_build_output_dir"]
    assert cloudflare_setting("Build output directory") == output_dir
    result = run_on_host(repo, cloudflare_setting("Build command"), cloudflare_env("main"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert_complete_publish(repo / output_dir, "https://www.practice.test", False)


def test_cloudflare_preview_of_a_branch_has_its_own_address_and_is_never_indexed(tmp_path):
    repo = fresh_copy(tmp_path)
    result = run_on_host(repo, cloudflare_setting("Build command"), cloudflare_env("new-post"))
    assert result.returncode == 0, result.stdout + result.stderr
    output = repo / cloudflare_setting("Build output directory")
    assert_complete_publish(output, "https://3f2a1b9c.practice-blog.pages.test", True)
    assert b"https://practice-blog.pages.test" not in all_bytes(output)  # production's address


def test_github_workflow_build_publishes_under_the_pages_address(tmp_path):
    repo = fresh_copy(tmp_path)
    siteurl = "https://practice-owner.pages.test/practice-blog"  # what configure-pages gives
    env = {"GITHUB_ACTIONS": "true", "CI": "true", "SITEURL": siteurl}
    result = run_on_host(repo, github_command(), env)
    assert result.returncode == 0, result.stdout + result.stderr
    step = workflow_step(WORKFLOWS / "publish.yml", "Build the site")
    assert "path: output/" in (WORKFLOWS / "publish.yml").read_text().split(step, 1)[1]
    assert_complete_publish(repo / "output", siteurl, False)


def test_a_scheduled_post_goes_live_at_the_first_daily_build_after_its_time(tmp_path):
    repo = fresh_copy(tmp_path)
    env = {"GITHUB_ACTIONS": "true", "SITEURL": "https://practice-owner.pages.test/blog"}
    live = repo / "output/posts/written-for-tomorrow/index.html"
    # The scheduled builds (publish.yml) of 16 June, in UTC: the post is dated 09:00 there,
    # which is 16:00 UTC. Nobody pushes anything between the builds.
    for clock, expected in [("2030-06-16 14:17:00", False), ("2030-06-16 20:17:00", True)]:
        result = run_on_host(repo, github_command(), env, clock)
        assert result.returncode == 0, result.stdout + result.stderr
        assert live.is_file() == expected, clock
    assert "17 2,8,14,20 * * *" in (WORKFLOWS / "publish.yml").read_text()


def test_host_build_anywhere_else_is_make_publish(tmp_path):
    repo = fresh_copy(tmp_path)
    env = {"SITEURL": "https://example.org/blog"}
    assert run_on_host(repo, "make publish", env).returncode == 0
    published = tree_digest(repo / "output")
    result = run_on_host(repo, "make host-build", env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "local, production" in result.stdout
    assert tree_digest(repo / "output") == published


def test_cloudflare_production_without_siteurl_publishes_at_the_project_address(tmp_path):
    repo = fresh_copy(tmp_path)  # wrangler.toml as committed: no [vars]
    result = run_on_host(repo, cloudflare_setting("Build command"), cloudflare_env("main"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert_complete_publish(repo / "output", "https://practice-blog.pages.test", False)


def node_actionlint(cwd: Path) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    if node is None or not ACTIONLINT.is_file():
        pytest.fail("node and node_modules are needed: `make test` installs package-lock.json")
    return subprocess.run(
        [node, str(ACTIONLINT), ".github/workflows/*.yml"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_workflows_pass_actionlint():
    result = node_actionlint(REPO)
    count = len(list(WORKFLOWS.glob("*.yml")))
    assert count == 3
    assert f"Checking {count} workflow file(s)" in result.stdout
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All workflow files passed lint checks" in result.stdout


def test_actionlint_would_catch_a_broken_workflow(tmp_path):
    (tmp_path / ".github").mkdir()
    shutil.copytree(WORKFLOWS, tmp_path / ".github" / "workflows")
    publish = tmp_path / ".github" / "workflows" / "publish.yml"
    publish.write_text(publish.read_text().replace("pages: write", "page: write"))
    result = node_actionlint(tmp_path)
    assert result.returncode != 0
    assert 'unknown permission scope "page"' in result.stdout


def test_every_action_is_pinned_to_a_full_commit_with_its_version():
    uses = []
    for path in WORKFLOWS.glob("*.yml"):
        uses += re.findall(r"^\s+(?:- )?uses: (.+)$", path.read_text(), re.MULTILINE)
    assert len(uses) >= 7
    for use in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", use), use


def test_the_publish_workflow_runs_daily_by_hand_and_on_main_one_at_a_time():
    text = (WORKFLOWS / "publish.yml").read_text()
    on = text.split("\non:\n", 1)[1].split("\npermissions:", 1)[0]
    assert "push:\n    branches: [main]" in on and "workflow_dispatch:" in on
    assert re.search(r'- cron: "\d+ [\d,]+ \* \* \*"', on)  # every day
    assert "\npermissions: {}\n" in text  # nothing unless a job asks
    assert "concurrency:\n  group: pages\n  cancel-in-progress: false" in text
    assert "actions/upload-pages-artifact@" in text and "actions/deploy-pages@" in text
    checks = (WORKFLOWS / "checks.yml").read_text()
    assert "  push:\n  pull_request:\n" in checks and "run: make test" in checks


def run_block(path: Path, name: str) -> str:
    """The shell script of a step's `run: |` block."""
    step = workflow_step(path, name)
    lines = step.split("run: |\n", 1)[1].splitlines()
    indent = len(lines[0]) - len(lines[0].lstrip())
    return "\n".join(line[indent:] for line in lines if line.strip()) + "\n"


class HookServer(ThreadingHTTPServer):
    requests: list


class HookHandler(BaseHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.requests.append(self.path)
        self.send_response(404 if self.path == "/removed" else 200)
        self.end_headers()
        self.wfile.write(b"{}")


def test_the_scheduled_rebuild_asks_the_host_for_a_build_only_when_given_a_hook(tmp_path):
    script = run_block(WORKFLOWS / "rebuild.yml", "Ask the host for a fresh build")
    rebuild = (WORKFLOWS / "rebuild.yml").read_text()
    assert "BUILD_HOOK_URL: ${{ secrets.BUILD_HOOK_URL }}" in rebuild
    assert re.findall(r'cron: "(.+)"', rebuild) == re.findall(
        r'cron: "(.+)"', (WORKFLOWS / "publish.yml").read_text()
    )
    if shutil.which("curl") is None:
        pytest.fail("curl is not installed: `make test` installs it (scripts/system-deps.sh)")
    server = HookServer(("127.0.0.1", free_port()), HookHandler)
    server.requests = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    hook = f"http://127.0.0.1:{server.server_port}"
    try:

        def run(url):
            return subprocess.run(
                ["bash", "-e", "-c", script],
                env={"PATH": os.environ["PATH"], "BUILD_HOOK_URL": url},
                capture_output=True,
                text=True,
                timeout=120,
            )

        quiet = run("")
        assert quiet.returncode == 0 and "nothing to rebuild" in quiet.stdout
        assert server.requests == []
        asked = run(f"{hook}/build_hooks/abc123")
        assert asked.returncode == 0, asked.stderr
        assert server.requests == ["/build_hooks/abc123"]
        assert run(f"{hook}/removed").returncode != 0  # a deleted hook turns the run red
    finally:
        server.shutdown()
