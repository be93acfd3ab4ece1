"""Which host is building the site from the repository, and the address it builds for.

Netlify, Cloudflare Pages and GitHub Actions each build the site themselves and say so in the
build's environment. `detect` reads that environment (a plain mapping, so it is tested without
any host) and returns the SITEURL to publish with and whether the build is a preview that search
engines must not index. `make host-build` (tasks.py) then runs the same publish as `make publish`.

- Netlify (`NETLIFY=true`): the production context publishes at `URL`, the site's main address
  (or at `SITEURL`, when set in Netlify's settings, for a site served under a sub-path). Every
  other context (deploy previews, branch deploys) publishes at its own `DEPLOY_PRIME_URL`, not
  indexed.
- Cloudflare Pages (`CF_PAGES=1`): Cloudflare names the branch (`CF_PAGES_BRANCH`) but not which
  branch is production, so a build of the production branch (`PRODUCTION_BRANCH`, default `main`)
  is production. It publishes at `SITEURL` (a build variable, or `[vars]` in wrangler.toml), else
  at the project's own address: the build's `CF_PAGES_URL` without its first part, the
  deployment's id (`https://ID.PROJECT.DOMAIN` -> `https://PROJECT.DOMAIN`). Any other branch is
  a preview at its own `CF_PAGES_URL`, not indexed.
- GitHub Actions (`GITHUB_ACTIONS=true`): `SITEURL` as the workflow gives it; never a preview.
- Anywhere else: `SITEURL` from the environment, exactly like `make publish`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_PRODUCTION_BRANCH = "main"


class HostSettingMissing(ValueError):
    """The host's environment lacks what the build needs; the message says where to set it."""


@dataclass(frozen=True)
class HostBuild:
    host: str  # "netlify", "cloudflare-pages", "github-actions" or "local"
    kind: str  # "production", or the host's name for a preview ("deploy-preview", ...)
    siteurl: str
    noindex: bool

    def describe(self) -> str:
        """One line for the build log."""
        indexing = "a preview, never indexed (noindex)" if self.noindex else "indexed"
        address = self.siteurl or "(no SITEURL)"
        return f"Host build: {self.host}, {self.kind}, at {address}; {indexing}."


def _address(value: str, name: str) -> str:
    value = (value or "").strip().rstrip("/")
    if value and not urlsplit(value).scheme.startswith("http"):
        raise HostSettingMissing(f"{name} is {value!r}, not an http(s) address")
    return value


def wrangler_config(path: Path | str = "wrangler.toml") -> dict:
    """The parsed wrangler.toml, or {} when there is none."""
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}


def netlify(env: Mapping[str, str]) -> HostBuild:
    context = env.get("CONTEXT", "")
    if context == "production":
        siteurl = _address(env.get("SITEURL") or env.get("URL", ""), "URL")
        if not siteurl:
            raise HostSettingMissing("Netlify gave no URL for this production build")
        return HostBuild("netlify", "production", siteurl, False)
    siteurl = _address(env.get("DEPLOY_PRIME_URL", ""), "DEPLOY_PRIME_URL")
    if not siteurl:
        raise HostSettingMissing(f"Netlify gave no DEPLOY_PRIME_URL for this {context} build")
    return HostBuild("netlify", context or "preview", siteurl, True)


def project_address(deployment_url: str) -> str:
    """A Cloudflare Pages project's own address, from one deployment's: drop the deployment id."""
    parts = urlsplit(deployment_url.strip())
    labels = parts.hostname.split(".") if parts.hostname else []
    if parts.scheme != "https" or len(labels) < 3:
        return ""
    return "https://" + ".".join(labels[1:] if len(labels) > 3 else labels)


def cloudflare(env: Mapping[str, str], wrangler: Mapping) -> HostBuild:
    variables = wrangler.get("vars", {}) or {}

    def setting(name: str) -> str:
        # A build variable set in the dashboard wins over [vars] in wrangler.toml.
        return str(env.get(name) or variables.get(name) or "")

    branch = env.get("CF_PAGES_BRANCH", "")
    production_branch = setting("PRODUCTION_BRANCH") or DEFAULT_PRODUCTION_BRANCH
    if branch == production_branch:
        siteurl = _address(setting("SITEURL"), "SITEURL") or project_address(
            env.get("CF_PAGES_URL", "")
        )
        if not siteurl:
            raise HostSettingMissing(
                "Cloudflare Pages gave this production build no address: set SITEURL under "
                "[vars] in wrangler.toml"
            )
        return HostBuild("cloudflare-pages", "production", siteurl, False)
    siteurl = _address(env.get("CF_PAGES_URL", ""), "CF_PAGES_URL")
    if not siteurl:
        raise HostSettingMissing(f"Cloudflare Pages gave no CF_PAGES_URL for branch {branch!r}")
    return HostBuild("cloudflare-pages", f"preview of branch {branch}", siteurl, True)


def detect(env: Mapping[str, str], wrangler: Mapping | None = None) -> HostBuild:
    """The host building the site, and the address and indexing to build with."""
    if env.get("NETLIFY") == "true":
        return netlify(env)
    if env.get("CF_PAGES") == "1":
        return cloudflare(env, wrangler or {})
    siteurl = (env.get("SITEURL") or "").strip()
    if env.get("GITHUB_ACTIONS") == "true":
        return HostBuild("github-actions", "production", siteurl, False)
    return HostBuild("local", "production", siteurl, False)
