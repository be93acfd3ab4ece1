"""Checks on a post's fields beyond their presence: what a field may hold (plain text, a safe
address, a template that exists), how lists split, dates in order, and what posts say together
(one spelling per topic and tag, no link from a published post to an unpublished one).

Pure functions on parsed sources; each returns problems with the field's line and the fix.
"""

from __future__ import annotations

import html
import os
import re
from datetime import datetime
from functools import lru_cache

import nh3
from pelican.utils import slugify

from kernel.addresses import old_url_problem
from kernel.content import parse_date
from kernel.frontmatter import KNOWN_FIELDS, Source
from kernel.problems import Problem, display_path

# Fields shown on pages, in feeds or in search: plain text (a Summary may use *emphasis*).
SHOWN_FIELDS = ("title", "summary", "content-note", "category", "tags", "author")
MARKDOWN_LINK = re.compile(r"!?\[[^\]]*\]\([^)]*\)|<[a-z][a-z0-9+.-]*:[^>\s]*>", re.IGNORECASE)
TAG_LIKE = re.compile(r"<[^>]*>")
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
PATH_PART = re.compile(r"^[A-Za-z0-9_~%][A-Za-z0-9._~%-]*$")
# Folders the site writes as a whole; no page or redirect may be written into them.
SITE_FOLDERS = {
    "theme",
    "pagefind",
    "images",
    "drafts",
    "topics",
    "tags",
    "archives",
    "search",
    "page",  # the home page's later pages: page/2/
}
SITE_FILES = {
    "index.html",
    "sitemap.xml",
    "atom.xml",
    "rss.xml",
    "robots.txt",
    "_headers",
    "_redirects",
}


def split_list(value: str) -> list[str]:
    """Tags as Pelican splits them: on semicolons when there is one, otherwise on commas."""
    return [part.strip() for part in value.split(";" if ";" in value else ",")]


def markup_problems(source: Source) -> list[Problem]:
    """Shown fields are plain text: HTML there would be escaped on pages, stripped in feeds."""
    problems = []
    for key in SHOWN_FIELDS:
        if key not in source.fields:
            continue
        value = source.get(key)
        if "<" not in value and "&" not in value and "](" not in value:
            continue  # plain words: most fields
        name = KNOWN_FIELDS[key]
        found = TAG_LIKE.search(value)
        shown = found.group(0)[:30] if found else value[:30]
        if html.unescape(nh3.clean(value, tags=set())) != html.unescape(value):
            problems.append(
                Problem(
                    source.path,
                    source.line_of(key),
                    f"the field '{name}' holds HTML ({shown}); fields are plain text",
                    "remove the markup and write plain words (a private note belongs in the text "
                    "below the fields, as <!-- note -->)",
                )
            )
        elif found:  # feeds strip anything between < and > (Markup.striptags)
            problems.append(
                Problem(
                    source.path,
                    source.line_of(key),
                    f"the field '{name}' holds text between < and > ({shown}), which feeds would "
                    "drop as if it were a tag",
                    "write the symbols as words (less than, more than) or as ≤ and ≥",
                )
            )
        elif key == "summary" and MARKDOWN_LINK.search(value):
            problems.append(
                Problem(
                    source.path,
                    source.line_of(key),
                    "the Summary holds a link or picture, which lists and search results "
                    "cannot show",
                    "write the Summary as plain words, and put the link in the text",
                )
            )
    return problems


def list_problems(source: Source, settings: dict) -> list[Problem]:
    """Tags split as Pelican splits them, with no empty or repeated tag; one Category."""
    problems = []
    path = source.path
    if "tags" in source.fields:
        value, line = source.get("tags"), source.line_of("tags")
        if ";" in value and "," in value:
            problems.append(
                Problem(
                    path,
                    line,
                    "the Tags mix commas and semicolons, so some would join into one tag",
                    "separate the tags with commas only: Tags: KAP, journaling",
                )
            )
        parts = split_list(value)
        if any(not part for part in parts[:-1]):
            problems.append(
                Problem(
                    path,
                    line,
                    "the Tags have an empty entry (two commas with nothing between)",
                    "remove the extra comma, or write the tag that is missing",
                )
            )
        seen: dict[str, str] = {}
        for part in filter(None, parts):
            slug = slug_of(part, settings)
            if not slug:
                problems.append(empty_address(path, line, "tag", part))
            elif slug in seen:
                problems.append(
                    Problem(
                        path,
                        line,
                        f"the tag '{part}' repeats '{seen[slug]}'",
                        "keep one of them",
                    )
                )
            else:
                seen[slug] = part
    if "category" in source.fields:
        value, line = source.get("category"), source.line_of("category")
        if not value:
            problems.append(
                Problem(
                    path,
                    line,
                    "the field 'Category' is empty",
                    "write the topic, or delete the line to use the default topic "
                    f"'{settings.get('DEFAULT_CATEGORY', '')}'",
                )
            )
        elif "," in value or ";" in value:
            problems.append(
                Problem(
                    path,
                    line,
                    f"the Category '{value}' names more than one topic; a post has one",
                    "keep one topic here and put the others in Tags",
                )
            )
        elif not slug_of(value, settings):
            problems.append(empty_address(path, line, "topic", value))
    return problems


def empty_address(path: str, line: int, kind: str, name: str) -> Problem:
    return Problem(
        path,
        line,
        f"the {kind} '{name}' gives an empty web address (it has no letters or digits)",
        f"add a word to the {kind}",
    )


def slug_of(name: str, settings: dict) -> str:
    subs = tuple(tuple(sub) for sub in settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
    return cached_slug(name, subs, settings.get("SLUGIFY_USE_UNICODE", False))


@lru_cache(maxsize=4096)
def cached_slug(name: str, subs: tuple, use_unicode: bool) -> str:
    """Pelican's slugify, once per name: tags and topics repeat across posts."""
    return slugify(name, regex_subs=list(subs), preserve_case=False, use_unicode=use_unicode)


def date_order_problems(source: Source) -> list[Problem]:
    """A post is changed after it is published, never before."""
    published = parse_date(source.get("date"))
    problems = []
    for key in ("modified", "updated"):
        changed = parse_date(source.get(key))
        if published and changed and naive(changed) < naive(published):
            problems.append(
                Problem(
                    source.path,
                    source.line_of(key),
                    f"{KNOWN_FIELDS[key]} ({source.get(key)}) is before the Date "
                    f"({source.get('date')})",
                    f"correct one of the two: {KNOWN_FIELDS[key]} is when the post was last "
                    "changed, after it was published",
                )
            )
    return problems


def naive(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None)


def relative_path_problem(value: str) -> str | None:
    """Why `value` is not a plain path inside the site, or None when it is."""
    if "\\" in value:
        return "holds a backslash"
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value) or value.startswith("//"):
        return "is a full address, not a path on this site"
    if value.startswith("/"):
        return "starts with /"
    parts = value.rstrip("/").split("/")
    if any(part in ("", ".", "..") for part in parts):
        return "would lead outside the site's folder" if ".." in parts else "has an empty part"
    if not all(PATH_PART.match(part) for part in parts):
        return "holds characters other than letters, digits, hyphens, dots and slashes"
    return None


def path_problems(source: Source, kind: str, settings: dict) -> list[Problem]:
    """Slug, Save_as, URL and Template name a place inside the site and nothing else."""
    path, problems = source.path, []
    slug = source.get("slug")
    if "slug" in source.fields and slug and not NAME.match(slug):
        problems.append(
            Problem(
                path,
                source.line_of("slug"),
                f"the Slug '{slug}' is not a plain web address name",
                "use only letters, digits and hyphens, for example 'Slug: first-session'",
            )
        )
    for key in ("save_as", "url"):
        value = source.get(key)
        if key not in source.fields or not value:
            continue
        why = relative_path_problem(value)
        if why is None and key == "save_as" and not value.endswith(".html"):
            why = "does not end in .html"
        top = value.split("/")[0]
        if why is None and (value in SITE_FILES or top in SITE_FOLDERS):
            why = "is a file or folder the site writes itself"
        if why:
            problems.append(
                Problem(
                    path,
                    source.line_of(key),
                    f"{KNOWN_FIELDS[key]} '{value}' {why}",
                    f"write a file name inside the site, such as '{KNOWN_FIELDS[key]}: "
                    f"{'404.html' if key == 'save_as' else 'name/'}', or delete the line",
                )
            )
    template = source.get("template")
    if "template" in source.fields and template:
        folder = os.path.join(settings.get("THEME", "theme"), "templates")
        if not NAME.match(template) or not os.path.isfile(os.path.join(folder, f"{template}.html")):
            names = sorted(
                name[:-5]
                for name in os.listdir(folder)
                if name.endswith(".html") and os.path.isfile(os.path.join(folder, name))
            )
            problems.append(
                Problem(
                    path,
                    source.line_of("template"),
                    f"the theme has no template '{template}'",
                    f"use one of: {', '.join(names)} (or delete the line)",
                )
            )
    return problems


def old_url_problems(source: Source, own: str, taken: dict[str, str]) -> list[Problem]:
    """Each old address is a path inside the site that no page, folder or file of the site
    uses, and not the post's own address (a redirect to itself would loop)."""
    problems = []
    line = source.line_of("old-urls")
    for old in (e.strip().strip("/") for e in source.get("old-urls").split(",")):
        if not old:
            continue
        why = relative_path_problem(old)
        if why is None:
            written = old if old.endswith(".html") else f"{old}/index.html"
            if written == own:
                why = "is this post's own address, so it would redirect to itself"
            elif written in taken:
                why = f"is the address of {display_path(taken[written])}, which it would replace"
            elif {old, written} & SITE_FILES or old.split("/")[0] in SITE_FOLDERS:
                why = "is a file or folder the site writes itself"
        if why:
            problems.append(old_url_problem(source.path, line, old, why))
    return problems


def spelling_problems(sources: dict[str, Source], settings: dict) -> list[Problem]:
    """One topic or tag, one spelling: 'KAP' and 'kap' would share a page under one name."""
    spellings: dict[tuple[str, str], dict[str, list[tuple[str, int]]]] = {}
    default = settings.get("DEFAULT_CATEGORY")
    for path, source in sources.items():
        names = []
        if source.get("category"):
            names.append(("topic", source.get("category"), source.line_of("category")))
        if "tags" in source.fields:
            names += [("tag", t, source.line_of("tags")) for t in split_list(source.get("tags"))]
        counted = set()  # a post's own repeats are reported by list_problems
        for kind, name, line in names:
            key = (kind, slug_of(name, settings))
            if name and "," not in name and key not in counted:
                counted.add(key)
                spellings.setdefault(key, {}).setdefault(name, []).append((path, line))
    problems = []
    for (kind, slug), variants in sorted(spellings.items()):
        if default and kind == "topic" and slug == slug_of(default, settings):
            variants.setdefault(default, [])
        if len(variants) < 2:
            continue
        # The spelling most files use (the default topic's, for it) is the one to keep.
        keep = default if default in variants and kind == "topic" else None
        keep = keep or max(sorted(variants), key=lambda name: len(variants[name]))
        for name, places in sorted(variants.items()):
            if name == keep:
                continue
            for path, line in places:
                problems.append(
                    Problem(
                        path,
                        line,
                        f"the {kind} '{name}' is spelt '{keep}' elsewhere; one {kind} needs one "
                        "spelling",
                        f"write it '{keep}'",
                    )
                )
    return problems


def is_published(source: Source, now: datetime) -> bool:
    """Whether a publish today would write this file's page."""
    if source.get("status").lower() in ("draft", "hidden", "skip"):
        return False
    date = parse_date(source.get("date"))
    return date is None or naive(date) <= now


def unpublished_link_problems(
    source: Source, targets: list[tuple[int, str]], sources: dict[str, Source], preview: bool
) -> list[Problem]:
    """A published post linking to a draft or a scheduled post: the publish would turn the link
    into one to the home page. An error when publishing; a reminder in the preview."""
    now = datetime.now()
    if source.get("status").lower() == "draft":
        return []
    problems = []
    for line, target in targets:
        linked = sources.get(target)
        if linked is None or is_published(linked, now):
            continue
        mine = parse_date(source.get("date"))
        theirs = parse_date(linked.get("date"))
        draft = linked.get("status").lower() == "draft"
        if not draft and mine and theirs and naive(mine) >= naive(theirs):
            continue  # the linked post goes out first
        what = "a draft" if draft else f"a post scheduled for {linked.get('date')}"
        problems.append(
            Problem(
                source.path,
                line,
                f"the link to {os.path.basename(target)} leads to {what}; once published, the "
                "link would lead to the home page",
                "publish that post first, or remove the link until it is published",
                severity="warning" if preview else "error",
            )
        )
    return problems
