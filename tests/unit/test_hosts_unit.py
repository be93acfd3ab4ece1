"""Which host builds the site, and with which address: the environments the hosts document."""

import pytest

from sitebuild.hosts import (
    HostBuild,
    HostSettingMissing,
    detect,
    project_address,
    wrangler_config,
)

NETLIFY = {
    "NETLIFY": "true",
    "URL": "https://practice.test",
    "DEPLOY_URL": "https://5f1c0a--practice.host.test",
}
CLOUDFLARE = {
    "CF_PAGES": "1",
    "CF_PAGES_COMMIT_SHA": "0" * 40,
    "CF_PAGES_URL": "https://3f2a1b9c.practice-blog.pages.test",
}
WRANGLER = {"name": "practice-blog", "pages_build_output_dir": "output"}


def test_netlify_production_publishes_at_the_site_address():
    env = {**NETLIFY, "CONTEXT": "production", "DEPLOY_PRIME_URL": "https://main--p.host.test"}
    assert detect(env) == HostBuild("netlify", "production", "https://practice.test", False)


def test_netlify_production_takes_siteurl_when_set_for_a_sub_path():
    env = {**NETLIFY, "CONTEXT": "production", "SITEURL": "https://www.practice.test/blog/"}
    assert detect(env).siteurl == "https://www.practice.test/blog"


@pytest.mark.parametrize("context", ["deploy-preview", "branch-deploy", "dev"])
def test_netlify_previews_use_their_own_address_and_are_never_indexed(context):
    prime = f"https://{context}-42--practice.host.test"
    env = {**NETLIFY, "CONTEXT": context, "DEPLOY_PRIME_URL": prime, "SITEURL": "https://x.test"}
    assert detect(env) == HostBuild("netlify", context, prime, True)


def test_netlify_preview_without_its_address_is_refused():
    with pytest.raises(HostSettingMissing, match="DEPLOY_PRIME_URL"):
        detect({**NETLIFY, "CONTEXT": "deploy-preview"})


def test_cloudflare_production_branch_takes_siteurl_from_the_build_or_wrangler_toml():
    env = {**CLOUDFLARE, "CF_PAGES_BRANCH": "main"}
    from_vars = {**WRANGLER, "vars": {"SITEURL": "https://www.practice.test"}}
    assert detect(env, from_vars) == HostBuild(
        "cloudflare-pages", "production", "https://www.practice.test", False
    )
    # A build variable set in the dashboard wins over [vars].
    assert detect({**env, "SITEURL": "https://b.test/"}, from_vars).siteurl == "https://b.test"


def test_cloudflare_production_without_siteurl_uses_the_project_address():
    build = detect({**CLOUDFLARE, "CF_PAGES_BRANCH": "main"}, WRANGLER)
    assert build.siteurl == "https://practice-blog.pages.test" and not build.noindex
    assert (
        project_address("https://practice-blog.pages.test/") == "https://practice-blog.pages.test"
    )
    for unusable in ["", "http://a.b.c.d", "https://localhost"]:
        assert project_address(unusable) == ""
    with pytest.raises(HostSettingMissing, match="SITEURL under \\[vars\\] in wrangler.toml"):
        detect({"CF_PAGES": "1", "CF_PAGES_BRANCH": "main"}, {})


def test_cloudflare_other_branches_are_previews_at_their_own_address():
    wrangler = {**WRANGLER, "vars": {"SITEURL": "https://www.practice.test"}}
    build = detect({**CLOUDFLARE, "CF_PAGES_BRANCH": "new-post"}, wrangler)
    assert build.siteurl == CLOUDFLARE["CF_PAGES_URL"] and build.noindex
    assert build.kind == "preview of branch new-post"


def test_cloudflare_production_branch_can_be_renamed():
    wrangler = {**WRANGLER, "vars": {"PRODUCTION_BRANCH": "live"}}
    assert not detect({**CLOUDFLARE, "CF_PAGES_BRANCH": "live"}, wrangler).noindex
    assert detect({**CLOUDFLARE, "CF_PAGES_BRANCH": "main"}, wrangler).noindex


def test_github_actions_and_local_builds_take_siteurl_as_given():
    env = {"GITHUB_ACTIONS": "true", "SITEURL": "https://owner.pages.test/blog"}
    assert detect(env) == HostBuild(
        "github-actions", "production", "https://owner.pages.test/blog", False
    )
    assert detect({"SITEURL": "https://example.org"}).host == "local"
    assert detect({}).siteurl == ""  # make publish then names SITEURL as not set


def test_an_address_that_is_not_http_is_refused():
    with pytest.raises(HostSettingMissing, match="not an http"):
        detect({**NETLIFY, "CONTEXT": "production", "URL": "practice.test"})


def test_the_committed_wrangler_toml_is_a_pages_config(tmp_path):
    from helpers import REPO

    config = wrangler_config(REPO / "wrangler.toml")
    assert config["pages_build_output_dir"] == "output" and config["name"]
    assert wrangler_config(tmp_path / "missing.toml") == {}


def test_a_preview_build_adds_x_robots_tag_to_the_headers_file_only():
    from security_headers.headers import netlify_headers, nginx_headers

    settings = {"CONTENT_SECURITY_POLICY": {"default-src": "'none'"}, "SECURITY_HEADERS": {}}
    assert "X-Robots-Tag" not in netlify_headers(settings, "")
    preview = {**settings, "NOINDEX": True}
    assert netlify_headers(preview, "").splitlines()[-1] == "  X-Robots-Tag: noindex"
    assert "X-Robots-Tag" not in nginx_headers(preview)  # nginx serves production only
