"""`invoke check-citations`: every link from the posts and pages to another site, checked.

Sources move. This follows each http(s) link as written (a `https://doi.org/...` link through
its redirects to the publisher) and reports, as `path:line`, the links that answer 404 or 410,
that do not answer in time, or that now lead to a site's home page instead of the page cited.
It needs the network, so no build runs it; run it now and then, before a review.

Polite by design: one request at a time per site (a few sites at once), HEAD first and GET only
when a site does not answer HEAD, a time limit, and a User-Agent that says what it is. Answers
are kept in a cache file for CITATION_CACHE_DAYS, so a second run asks again only about links
that failed to answer or are new.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import time
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

from content_rules.source_checks import INLINE_CODE, MARKDOWN_SUFFIXES, fenced_lines
from kernel import settings
from kernel.frontmatter import NotText, read
from kernel.problems import Problem

USER_AGENT = "citation-check/1.0 (checks the links of a small static blog, one at a time)"
SITES_AT_ONCE = 4
SETTINGS = [
    settings.Setting(
        "CITATION_TIMEOUT_SECONDS", 10, settings.whole_number(1), "a whole number of seconds"
    ),
    settings.Setting("CITATION_CACHE_DAYS", 7, settings.whole_number(0), "a whole number of days"),
]
# The link forms Markdown knows: [text](url "title"), <url>, [name]: url, and HTML href/src.
URL = r"https?://[^\s<>()\"']+(?:\([^\s<>()\"']*\)[^\s<>()\"']*)*"
LINK_FORMS = [
    re.compile(rf"\]\(\s*<?({URL})>?"),
    re.compile(rf"<({URL})>"),
    re.compile(rf"^\s{{0,3}}\[[^\]]+\]:\s*<?({URL})>?", re.MULTILINE),
    re.compile(rf"""\b(?:href|src)\s*=\s*["']({URL})["']"""),
]
# Answers worth remembering; a time-out or a refused connection is asked again next run.
LASTING = {"ok", "gone", "home", "status"}


@dataclass(frozen=True)
class Link:
    url: str
    path: str
    line: int


@dataclass
class Outcome:
    kind: str  # ok, gone, home, timeout, unreachable, status
    detail: str = ""
    final: str = ""
    checked: float = 0.0


def links_in(path: str) -> list[Link]:
    """Every http(s) link in one post or page, with its line; code blocks are left out."""
    try:
        source = read(path)
    except NotText:
        return []  # the content rules report it
    found = []
    lines = source.body.split("\n")
    code, _unclosed = fenced_lines(lines)
    for offset, line in enumerate(lines):
        if code[offset] or line.startswith(("    ", "\t")) or "http" not in line:
            continue
        line = INLINE_CODE.sub("", line)
        for form in LINK_FORMS:
            for match in form.finditer(line):
                found.append(Link(match.group(1), path, source.body_start + offset))
    return sorted(set(found), key=lambda link: (link.line, link.url))


def all_links(content_root: str, folders: list[str]) -> list[Link]:
    links = []
    for folder in folders:
        for directory, subdirs, names in os.walk(os.path.join(content_root, folder)):
            subdirs.sort()
            for name in sorted(names):
                if name.lower().endswith(MARKDOWN_SUFFIXES) and not name.startswith("."):
                    links += links_in(os.path.join(directory, name))
    return links


class SameMethodRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect with the same method: a HEAD stays a HEAD (urllib's own handler
    turns it into a GET, which downloads the whole page)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.method = req.get_method()
        return new


OPENER = urllib.request.build_opener(SameMethodRedirects)


def request(url: str, method: str, timeout: float):
    """One request, redirects followed; returns the final response (or raises)."""
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.8"}
    call = urllib.request.Request(url, method=method, headers=headers)
    response = OPENER.open(call, timeout=timeout)
    response.close()
    return response


def is_home(url: str, final: str) -> bool:
    """A link to a page deep in a site that ends on a site's home page."""
    return urlsplit(url).path.strip("/") != "" and urlsplit(final).path.strip("/") == ""


def no_answer(timeout: float) -> str:
    return f"no answer within {timeout:g} {'second' if timeout == 1 else 'seconds'}"


def check(url: str, timeout: float) -> Outcome:
    """Follow `url`: HEAD, and GET when HEAD is refused or fails."""
    outcome = None
    for method in ("HEAD", "GET"):
        try:
            response = request(url, method, timeout)
        except urllib.error.HTTPError as error:
            if error.code == 410:
                return Outcome("gone", f"410 {error.reason}", error.url)
            outcome = Outcome(
                "gone" if error.code == 404 else "status", f"{error.code} {error.reason}", error.url
            )
            continue  # some sites answer HEAD wrongly: ask again with GET
        except TimeoutError:
            return Outcome("timeout", no_answer(timeout))
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                return Outcome("timeout", no_answer(timeout))
            return Outcome("unreachable", str(error.reason))
        except (OSError, ValueError, http.client.HTTPException) as error:
            return Outcome("unreachable", str(error) or type(error).__name__)
        final = response.geturl()
        if is_home(url, final):
            return Outcome("home", "", final)
        return Outcome("ok", "", final)
    return outcome


def load_cache(path: str, days: int, now: float) -> dict[str, Outcome]:
    try:
        with open(path, encoding="utf-8") as handle:
            entries = json.load(handle)["links"]
        cached = {url: Outcome(**entry) for url, entry in entries.items()}
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return {url: o for url, o in cached.items() if now - o.checked < days * 86400}


def save_cache(path: str, outcomes: dict[str, Outcome]) -> None:
    lasting = {url: asdict(o) for url, o in sorted(outcomes.items()) if o.kind in LASTING}
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    temporary = f"{path}.{os.getpid()}.part"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump({"links": lasting}, handle, indent=1)
    os.replace(temporary, path)  # never half a cache file


def check_all(urls: list[str], timeout: float, now: float) -> dict[str, Outcome]:
    """Check each URL once: one request at a time per site, a few sites at once."""
    by_site: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        by_site[urlsplit(url).netloc.lower()].append(url)

    def one_site(site_urls: list[str]) -> dict[str, Outcome]:
        results = {}
        for url in site_urls:
            results[url] = check(url, timeout)
            results[url].checked = now
        return results

    outcomes: dict[str, Outcome] = {}
    with ThreadPoolExecutor(SITES_AT_ONCE) as pool:
        for results in pool.map(one_site, by_site.values()):
            outcomes.update(results)
    return outcomes


def problem(link: Link, outcome: Outcome) -> Problem | None:
    """What a reader of the post would meet at this link, and what to do."""
    if outcome.kind == "gone":
        what = f"answers {outcome.detail}: the page is gone"
        if urlsplit(outcome.final or link.url).netloc.lower() in ("doi.org", "dx.doi.org"):
            what = f"is a DOI that doi.org does not know ({outcome.detail})"
        fix = "find where the source moved (search its title), link that, or remove the link"
    elif outcome.kind == "home":
        what = f"now leads to the home page {outcome.final}, not to the page cited"
        fix = "find the page on that site (search its title) and link it directly"
    elif outcome.kind == "timeout":
        what = f"gave {outcome.detail}"
        fix = "open it in a browser; if it stays silent, find another copy of the source"
    elif outcome.kind == "unreachable":
        what = f"could not be reached ({outcome.detail})"
        fix = "check the address for typos; if the site has closed, find another copy"
    elif outcome.kind == "status":
        return Problem(
            link.path,
            link.line,
            f"the link {link.url} answers {outcome.detail}",
            "open it in a browser: some sites refuse checks like this one but work for readers",
            "warning",
        )
    else:
        return None
    return Problem(link.path, link.line, f"the link {link.url} {what}", fix)


def run(
    content_root: str, folders: list[str], cache_path: str, timeout: float, days: int
) -> tuple[list[Problem], str]:
    """Check every link; return the problems and a one-line summary."""
    links = all_links(content_root, folders)
    urls = sorted({link.url for link in links})
    now = time.time()
    cached = load_cache(cache_path, days, now)
    fresh = check_all([url for url in urls if url not in cached], timeout, now)
    outcomes = {**cached, **fresh}
    save_cache(cache_path, {**load_cache(cache_path, days, now), **outcomes})
    problems = [p for link in links if (p := problem(link, outcomes[link.url])) is not None]
    sites = len({urlsplit(url).netloc.lower() for url in urls})
    summary = (
        f"Checked {len(urls)} {'link' if len(urls) == 1 else 'links'} on {sites} "
        f"{'site' if sites == 1 else 'sites'}: {len(fresh)} asked now, "
        f"{len(urls) - len(fresh)} answered from {cache_path} (kept {days} days)."
    )
    if len(fresh) > 1 and all(o.kind == "unreachable" for o in fresh.values()):
        summary += " No site could be reached: is this machine connected to the network?"
    return sorted(problems), summary
