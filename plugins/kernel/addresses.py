"""The site's addresses: where it lives under its domain, and the old addresses of posts."""

from __future__ import annotations

from urllib.parse import urlsplit

from .problems import Problem


def site_base(siteurl: str) -> str:
    """The site's path from the domain's root, without a trailing slash ("/blog"); "" for a site
    at the root or a relative (or empty) SITEURL."""
    return urlsplit(siteurl).path.rstrip("/") if "://" in siteurl else ""


def old_url_problem(path: str, line: int, old: str, why: str) -> Problem:
    """The content rules and the redirects plugin's own guard both report a bad `Old-urls:`
    address; worded here once, the channel prints it once."""
    return Problem(
        path,
        line,
        f"the old address '{old}' {why}",
        "list only the addresses this post had before, such as 'Old-urls: posts/old-name/', "
        "separated by commas",
    )
