"""Checks on the written site: every internal link and asset must resolve to a file."""

from __future__ import annotations

import hashlib
import json
import os
import re
from functools import cache
from urllib.parse import unquote, urlsplit

from kernel.files import write_atomically
from kernel.problems import Problem

# Lower-case names only, as our templates and Markdown write them: without IGNORECASE and a
# leading \b the scan is five times faster, and it reads every page of the site.
LINK_ATTR = re.compile(r"""(href|src|srcset|content)\s*=\s*("[^"]*"|'[^']*')""")
SKIP_SCHEMES = ("mailto:", "tel:", "sms:", "data:", "#")


def link_targets(html: str):
    """Yield (offset, url) for every href, src and srcset URL in a page."""
    for match in LINK_ATTR.finditer(html):
        offset = match.start()
        if offset and (html[offset - 1].isalnum() or html[offset - 1] in "-_"):
            continue  # part of a longer name, such as data-href
        if html.rfind(">", 0, offset) > html.rfind("<", 0, offset):
            continue  # text, not a tag: an HTML example in a code block
        attribute, value = match.group(1), match.group(2)[1:-1].strip()
        if attribute == "srcset":
            for candidate in value.split(","):
                if candidate.strip():
                    yield offset, candidate.split()[0]
        elif attribute == "content":
            # Only Open Graph and similar URL-valued meta tags matter here.
            if value.startswith(("http://", "https://", "/")):
                yield offset, value
        else:
            yield offset, value


def resolve(page: str, url: str, site: urlsplit) -> str | None:
    """Map a URL on `page` to a path in the output folder; None for links leaving the site."""
    url = url.replace("&amp;", "&")
    if not url or url.startswith(SKIP_SCHEMES):
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("http", "https", ""):
            return None
        if not site.netloc or parts.netloc != site.netloc:
            return None
        path = parts.path
    else:
        path = parts.path
        if not path:
            return None
        if not path.startswith("/"):
            path = os.path.normpath(os.path.join("/" + os.path.dirname(page), path))
            if parts.path.endswith("/"):
                path += "/"
            return unquote(path).lstrip("/")
    prefix = site.path.rstrip("/")
    if prefix:
        if path != prefix and not path.startswith(prefix + "/"):
            return "\0outside:" + path
        path = path[len(prefix) :]
    return unquote(path).lstrip("/")


def exists(target: str, files: set[str]) -> bool:
    if target in files:
        return True
    stem = target.rstrip("/")
    return (f"{stem}/index.html" if stem else "index.html") in files


def check_site(
    output_path: str, siteurl: str, sources: dict[str, str], cache_file: str | None = None
) -> list[Problem]:
    """Report every internal link in the output that points to no file.

    `sources` maps an output page (relative path) to the Markdown file it came from, so a broken
    link in a post is reported against the post, at the line that holds it. With `cache_file`,
    what the last check found is kept: a page whose bytes did not change keeps its list of links,
    and when no file was added or removed either, it needs no second look.
    """
    files: set[str] = set()
    pages: list[str] = []
    for directory, _subdirs, names in os.walk(output_path):
        for name in names:
            relative = os.path.relpath(os.path.join(directory, name), output_path)
            relative = relative.replace(os.sep, "/")
            files.add(relative)
            if name.endswith(".html"):
                pages.append(relative)
    site = urlsplit(siteurl if "://" in siteurl else "")
    files_key = fingerprint("\n".join(sorted(files)).encode("utf-8") + siteurl.encode("utf-8"))
    last = load_scans(cache_file)
    same_files = last.get("files") == files_key
    scans: dict[str, list] = {}

    # Pages share most links (menus, footers): resolve each (folder, link) pair once, and treat
    # folders of one depth as one when the link leaves them (../../about/ from any post).
    @cache
    def broken(folder: str, url: str) -> bool:
        target = resolve(folder + "/x.html" if folder else "x.html", url, site)
        return target is not None and not exists(target, files)

    def key_folder(folder: str, url: str) -> str:
        if url.startswith(("/", "http:", "https:")):
            return ""
        depth = folder.count("/") + 1 if folder else 0
        if depth and url.startswith("../" * depth):
            return "/".join("_" * depth)
        return folder

    problems = []
    for page in sorted(pages):
        with open(os.path.join(output_path, page), "rb") as handle:
            data = handle.read()
        key = fingerprint(data)
        known = last.get("pages", {}).get(page)
        if known and known[0] == key:
            scans[page] = known
            if same_files and known[2]:
                continue  # the same page among the same files: its links still lead somewhere
            urls = known[1]
        else:
            urls = sorted(
                {url for _offset, url in link_targets(data.decode("utf-8", errors="replace"))}
            )
        folder = os.path.dirname(page)
        bad = [url for url in urls if broken(key_folder(folder, url), url)]
        scans[page] = [key, urls, not bad]
        if bad:
            html = data.decode("utf-8", errors="replace")
            for url in bad:
                # The line is counted only for the rare broken link.
                line = html.count("\n", 0, max(0, html.find(url))) + 1
                problems.append(broken_link(page, line, url, sources, output_path))
    save_scans(cache_file, {"files": files_key, "pages": scans})
    return problems


def fingerprint(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def load_scans(cache_file: str | None) -> dict:
    if not cache_file:
        return {}
    try:
        with open(cache_file, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return {}


def save_scans(cache_file: str | None, scans: dict) -> None:
    if not cache_file:
        return
    os.makedirs(os.path.dirname(cache_file), exist_ok=True)
    write_atomically(cache_file, json.dumps(scans))  # never half a cache


def broken_link(page: str, line: int, url: str, sources: dict[str, str], output_path: str):
    source = sources.get(page)
    if source:
        needle = os.path.basename(urlsplit(url).path.rstrip("/")) or url
        number = 1
        with open(source, encoding="utf-8", errors="replace") as handle:
            for index, text in enumerate(handle, start=1):
                if needle in text:
                    number = index
                    break
        return Problem(
            source,
            number,
            f"the link {url} leads to no page or file on this site",
            "link to another post with {filename}name-of-post.md and to images with "
            "{static}/images/name.jpg, and check the spelling",
        )
    return Problem(
        os.path.join(output_path, page),
        line,
        f"the link {url} leads to no page or file on this site",
        "this link comes from the theme or a setting; check theme/templates and pelicanconf.py",
    )
