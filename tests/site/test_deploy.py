"""Deploy targets that can run here for real: a folder, rsync, GitHub Pages (a local bare repo),
plus sub-path publishing and redirects for renamed posts."""

import subprocess

import pytest

from helpers import repo_copy, signed, tree_digest


@pytest.fixture(scope="module")
def published_repo(tmp_path_factory):
    repo = repo_copy(tmp_path_factory.mktemp("deploy") / "repo")
    signed(repo / "content")
    post = repo / "content/posts/what-does-ketamine-feel-like.md"
    post.write_text(
        post.read_text().replace(
            "Tags: KAP, what to expect",
            "Tags: KAP, what to expect\n"
            "Old-urls: 2023/04/what-does-ketamine-feel-like/, blog/ketamine-feel.html",
        )
    )
    # The make-variable form, as a deployer would type it.
    result = subprocess.run(
        ["make", "--no-print-directory", "publish", "SITEURL=https://example.org/blog"],
        cwd=repo,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return repo


def test_make_variable_siteurl_gives_absolute_urls_under_the_sub_path(published_repo):
    html = (published_repo / "output/index.html").read_text()
    assert '<link rel="canonical" href="https://example.org/blog/">' in html
    sitemap = (published_repo / "output/sitemap.xml").read_text()
    assert "<loc>https://example.org/blog/posts/the-power-of-integration/</loc>" in sitemap


def test_renamed_post_gets_redirect_lines_and_stub_pages(published_repo):
    output = published_repo / "output"
    new = "https://example.org/blog/posts/what-does-ketamine-feel-like/"
    assert (output / "_redirects").read_text().splitlines() == [
        f"/blog/2023/04/what-does-ketamine-feel-like {new} 301!",
        f"/blog/blog/ketamine-feel.html {new} 301!",
    ]
    for stub in ["2023/04/what-does-ketamine-feel-like/index.html", "blog/ketamine-feel.html"]:
        html = (output / stub).read_text()
        assert f'<meta http-equiv="refresh" content="0; url={new}">' in html
        assert f'<a href="{new}">' in html and "988" in html


def test_deploy_to_a_folder_and_by_rsync(published_repo, tmp_path):
    for task, dest in [
        ("deploy-folder", tmp_path / "folder"),
        ("deploy-rsync", tmp_path / "rsync"),
    ]:
        dest.mkdir()
        (dest / "stale.html").write_text("old")
        result = subprocess.run(
            [
                str(published_repo / ".venv/bin/invoke"),
                task,
                "--dest",
                f"{dest}/" if task == "deploy-rsync" else str(dest),
            ],
            cwd=published_repo,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert tree_digest(dest) == tree_digest(published_repo / "output"), task


def test_deploy_to_github_pages_branch_of_a_bare_repo(published_repo, tmp_path):
    bare = tmp_path / "pages.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    if not (published_repo / ".git").exists():
        subprocess.run(["git", "init", "-q"], cwd=published_repo, check=True)
    result = subprocess.run(
        [str(published_repo / ".venv/bin/invoke"), "deploy-gh-pages", "--remote", str(bare)],
        cwd=published_repo,
        capture_output=True,
        text=True,
        check=False,
        env={
            "GIT_AUTHOR_NAME": "Test",
            "GIT_AUTHOR_EMAIL": "t@test.invalid",
            "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "t@test.invalid",
            "PATH": "/usr/bin:/bin",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    files = subprocess.run(
        ["git", "--git-dir", str(bare), "ls-tree", "-r", "--name-only", "gh-pages"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    names = set(files.split())
    assert {"index.html", ".nojekyll", "404.html", "sitemap.xml", "_headers"} <= names
    html = subprocess.run(
        ["git", "--git-dir", str(bare), "show", "gh-pages:index.html"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert 'http-equiv="Content-Security-Policy"' in html  # GitHub Pages cannot set headers


def test_committed_nginx_conf_matches_the_settings():
    from pelican.settings import read_settings

    from helpers import REPO
    from security_headers.nginx import server_block

    settings = read_settings(str(REPO / "pelicanconf.py"))
    assert (REPO / "deploy/nginx.conf").read_text() == server_block(settings)


def test_deploy_refuses_a_preview_build(tmp_path):
    repo = repo_copy(tmp_path / "repo")
    assert (
        subprocess.run(
            ["make", "--no-print-directory", "html"],
            cwd=repo,
            capture_output=True,
            stdin=subprocess.DEVNULL,
        ).returncode
        == 0
    )
    result = subprocess.run(
        [str(repo / ".venv/bin/invoke"), "deploy-folder", "--dest", str(tmp_path / "site")],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "make publish" in result.stderr
    assert not (tmp_path / "site").exists()
