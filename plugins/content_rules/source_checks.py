"""Checks on the Markdown sources, before Pelican reads them. Pure functions, no Pelican state."""

from __future__ import annotations

import difflib
import os
import re
from bisect import bisect_right
from itertools import accumulate

from pelican.utils import slugify

from kernel.content import parse_date
from kernel.frontmatter import KNOWN_FIELDS, NotText, Source, read
from kernel.problems import Problem

REQUIRED = {"article": ["title", "date", "summary"], "page": ["title", "summary"]}
STATUSES = {"article": ["published", "draft"], "page": ["published", "draft", "hidden"]}
DATE_FIELDS = ["date", "updated", "modified", "reviewed"]
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")
# Folders the theme writes to; a page with one of these slugs would overwrite them.
RESERVED_PAGE_SLUGS = {
    "posts",
    "topics",
    "tags",
    "archives",
    "search",
    "drafts",
    "page",
    "theme",
    "pagefind",
    "images",
}

INTERNAL_LINK = re.compile(r"[{|](filename|static|attach)[}|]([^)\s\"'>]+)")
MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
INLINE_CODE = re.compile(r"`[^`]*`")
# Lines without any of these characters hold no link, image or markup: most lines of a post.
MAY_NEED_CHECK = re.compile(r"[{|<!]")
JAVASCRIPT_URL = re.compile(r"javascript:", re.IGNORECASE)  # rare: looked for only when present
FENCE = re.compile(r"^[ \t]*(?:```|~~~)", re.MULTILINE)
HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
HTML_ALT = re.compile(r"\balt\s*=\s*(\"[^\"]*\"|'[^']*')", re.IGNORECASE)
UNSAFE_MARKUP = [
    (
        re.compile(r"<script\b", re.IGNORECASE),
        "a <script> tag",
        "remove it; posts cannot run code (the site's security policy would block it anyway)",
    ),
    (
        re.compile(r"<iframe\b", re.IGNORECASE),
        "an <iframe>",
        "remove it and link to the page instead, so readers' visits are not shared with "
        "another site",
    ),
    (
        re.compile(r"javascript:", re.IGNORECASE),
        "a javascript: link",
        "replace it with an ordinary https:// link",
    ),
]
DATE_EXAMPLE = "write it as YYYY-MM-DD or YYYY-MM-DD HH:MM, for example 2024-03-05 10:00"


def check_fields(source: Source, kind: str, settings: dict) -> list[Problem]:
    """Required fields, unknown names, statuses, dates and summary length."""
    path, problems = source.path, []
    for number, name in source.duplicates:
        problems.append(
            Problem(path, number, f"the field '{name}' appears twice", "keep one of the two lines")
        )
    for key, (number, _value) in source.fields.items():
        if key in KNOWN_FIELDS:
            continue
        written = source.names[key]
        guess = difflib.get_close_matches(key, KNOWN_FIELDS, n=1, cutoff=0.6)
        fix = (
            f"did you mean '{KNOWN_FIELDS[guess[0]]}'? Rename the field"
            if guess
            else f"use one of: {', '.join(KNOWN_FIELDS.values())}"
        )
        problems.append(Problem(path, number, f"unknown field '{written}'", fix))
    for key in REQUIRED[kind]:
        if key not in source.fields:
            if source.problems:
                continue  # the fields broke off early; the problem reported says where
            problems.append(
                Problem(
                    path,
                    1,
                    f"the required field '{KNOWN_FIELDS[key]}' is missing",
                    f"add a line '{KNOWN_FIELDS[key]}: ...' to the fields at the top",
                )
            )
        elif not source.get(key):
            problems.append(
                Problem(
                    path,
                    source.line_of(key),
                    f"the field '{KNOWN_FIELDS[key]}' is empty",
                    "write a value after the colon",
                )
            )
    status = source.get("status")
    if "status" in source.fields and status.lower() not in STATUSES[kind]:
        problems.append(
            Problem(
                path,
                source.line_of("status"),
                f"Status '{status}' is not one this site knows",
                f"use one of: {', '.join(STATUSES[kind])}",
            )
        )
    for key in DATE_FIELDS:
        value = source.get(key)
        if key in source.fields and value and parse_date(value) is None:
            problems.append(
                Problem(
                    path,
                    source.line_of(key),
                    f"{KNOWN_FIELDS[key]} '{value}' is not a full, real date",
                    DATE_EXAMPLE,
                )
            )
    limit = settings.get("SUMMARY_MAX_LENGTH") or 160
    summary = source.get("summary")
    if len(summary) > limit:
        problems.append(
            Problem(
                path,
                source.line_of("summary"),
                f"the Summary is "
                f"{len(summary)} characters; search results cut descriptions "
                f"after about {limit}",
                f"shorten it to {limit} characters or "
                "fewer (the first sentence of a post often works)",
            )
        )
    return problems


def slug_of(source: Source, settings: dict) -> str:
    """The slug Pelican will give this file, lower-cased for comparison."""
    given = source.get("slug")
    value = given or source.get("title")
    return slugify(
        value,
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=False,
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    ).lower()


def check_body(source: Source, content_root: str) -> list[Problem]:
    """Links to missing files, images without alt text or outside {static}, unsafe markup."""
    path, problems = source.path, []
    folder = os.path.dirname(path)
    body = source.body
    lines = body.split("\n")
    # One scan of the whole body finds the few lines worth a look; a line inside a fenced code
    # block (after an odd number of fence lines, counting its own) is skipped.
    starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    fences = [bisect_right(starts, m.start()) - 1 for m in FENCE.finditer(body)]
    found = list(MAY_NEED_CHECK.finditer(body))
    if "javascript:" in body.lower():
        found += JAVASCRIPT_URL.finditer(body)
    candidates = sorted({bisect_right(starts, m.start()) - 1 for m in found})
    for offset in candidates:
        line = lines[offset]
        number = source.body_start + offset
        if bisect_right(fences, offset) % 2 or line.startswith("    "):
            continue
        if "`" in line:
            line = INLINE_CODE.sub("", line)  # `examples` in code are not links
        for kind, target in INTERNAL_LINK.findall(line):
            target_path = target.split("#")[0].split("?")[0]
            if not target_path:
                continue
            base = content_root if target_path.startswith("/") else folder
            resolved = os.path.normpath(os.path.join(base, target_path.lstrip("/")))
            if not os.path.exists(resolved):
                problems.append(
                    Problem(
                        path,
                        number,
                        f"the link {{{kind}}}{target} points to a file that does not exist",
                        nearest_file(resolved),
                    )
                )
        for alt, src in MARKDOWN_IMAGE.findall(line):
            if not alt.strip():
                problems.append(
                    Problem(
                        path,
                        number,
                        f"the image {src} has no alt text",
                        f"describe the picture inside the brackets: ![what it shows]({src})",
                    )
                )
            if not src.startswith(("{static}", "|static|", "{attach}", "http://", "https://")):
                problems.append(
                    Problem(
                        path,
                        number,
                        f"the image {src} is not linked with "
                        "{static}, so it would be missing on the page",
                        f"write it as {{static}}/images/{os.path.basename(src)} "
                        "and keep the file in content/images/",
                    )
                )
        for tag in HTML_IMG.findall(line):
            alt = HTML_ALT.search(tag)
            if not alt or not alt.group(1)[1:-1].strip():
                problems.append(
                    Problem(
                        path, number, "an <img> has no alt text", 'add alt="what the picture shows"'
                    )
                )
        for pattern, what, fix in UNSAFE_MARKUP:
            if pattern.search(line):
                problems.append(Problem(path, number, f"the post contains {what}", fix))
    return problems


def nearest_file(resolved: str) -> str:
    """Suggest the closest existing file name in the folder a broken link points into."""
    folder, name = os.path.split(resolved)
    options = os.listdir(folder) if os.path.isdir(folder) else []
    guess = difflib.get_close_matches(name, options, n=1)
    where = os.path.relpath(folder)
    if guess:
        return f"did you mean '{guess[0]}'? Correct the file name in the link"
    return f"check the file name; no file '{name}' exists in {where}/"


def check_tree(content_root: str, folders: dict[str, list[str]], settings: dict):
    """Check every source file under the article and page folders.

    Returns the problems and the parsed sources keyed by path.
    """
    problems: list[Problem] = []
    sources: dict[str, Source] = {}
    slugs: dict[tuple[str, str], list[Source]] = {}
    for kind, names in folders.items():
        for folder in names:
            top = os.path.join(content_root, folder)
            for directory, subdirs, files in os.walk(top):
                subdirs.sort()
                for name in sorted(files):
                    path = os.path.join(directory, name)
                    if name.startswith(".") or name.endswith(("~", ".swp", ".tmp")):
                        continue
                    if not name.lower().endswith(MARKDOWN_SUFFIXES):
                        problems.append(
                            Problem(
                                path,
                                1,
                                "this file is not read as a post "
                                "because its name does not end in .md",
                                f"rename it to {os.path.splitext(name)[0]}.md, "
                                "or move it out of this folder",
                            )
                        )
                        continue
                    try:
                        source = read(path)
                    except NotText as error:
                        problems.append(error.problem)
                        continue
                    problems += source.problems
                    if source.problems and not source.fields:
                        continue  # no fields to check: the problem above says why
                    sources[path] = source
                    problems += check_fields(source, kind, settings)
                    problems += check_body(source, content_root)
                    slug = slug_of(source, settings)
                    if not slug and source.get("title"):
                        problems.append(
                            Problem(
                                path,
                                source.line_of("title"),
                                "the Title "
                                "gives an empty web address (it has no letters "
                                "or digits)",
                                "add a line 'Slug: a-short-name' with letters, digits and hyphens",
                            )
                        )
                    elif slug:
                        if kind == "page" and slug in RESERVED_PAGE_SLUGS:
                            problems.append(
                                Problem(
                                    path,
                                    source.line_of("title"),
                                    f"the page address '{slug}/' is used by the site itself",
                                    "add a line 'Slug: another-name'",
                                )
                            )
                        slugs.setdefault((kind, slug), []).append(source)
    for (_kind, slug), group in sorted(slugs.items()):
        if len(group) > 1:
            names = ", ".join(os.path.relpath(s.path) for s in group)
            for source in group:
                line = source.line_of("slug") if source.get("slug") else source.line_of("title")
                problems.append(
                    Problem(
                        source.path,
                        line,
                        f"the address '{slug}' is used by {len(group)} files ({names})",
                        "give each a different Title, or add a line 'Slug: another-name' to one",
                    )
                )
    return problems, sources
