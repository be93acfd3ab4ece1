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
from kernel.problems import Problem, display_path

from . import field_checks
from .content_files import check_content_folder

REQUIRED = {"article": ["title", "date", "summary"], "page": ["title", "summary"]}
STATUSES = {"article": ["published", "draft"], "page": ["published", "draft", "hidden"]}
DATE_FIELDS = ["date", "updated", "modified", "reviewed"]
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")
# A page with one of these slugs would write into a folder of the site, or of the posts.
RESERVED_PAGE_SLUGS = field_checks.SITE_FOLDERS | {"posts"}

INTERNAL_LINK = re.compile(r"[{|](filename|static|attach)[}|]([^)\s\"'>]+)")
MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
INLINE_CODE = re.compile(r"`[^`]*`")
# Lines without any of these characters hold no link, image or markup: most lines of a post.
MAY_NEED_CHECK = re.compile(r"[{|<!]")
HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
HTML_ALT = re.compile(r"\balt\s*=\s*(\"[^\"]*\"|'[^']*')", re.IGNORECASE)
# A fenced code block opens and closes with the same run of backticks or tildes.
FENCE_MARKER = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
REFERENCE_USE = re.compile(r"(?<![\]\\])\[([^\[\]\n]+)\] ?\[([^\[\]\n]*)\]")
REFERENCE_DEFINITION = re.compile(r"^[ ]{0,3}\[([^\]\n]+)\]:\s*\S", re.MULTILINE)
# Characters that silently reverse the direction of the text around them.
DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
DIRECTION_CHARACTERS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
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


def check_body(
    source: Source, content_root: str, links: list[tuple[int, str]] | None = None
) -> list[Problem]:
    """Links to missing files or outside content/, images without alt text or outside
    {static}, code blocks never closed, reference links never defined, an empty text.
    `links` collects (line, file) for every {filename} link, for checks across posts."""
    path, problems = source.path, []
    folder = os.path.dirname(path)
    body = source.body
    if not body.strip():
        return [
            Problem(
                path,
                max(1, source.body_start - 1),  # where the fields end
                "the text is empty: nothing follows the fields",
                "write the text after one blank line below the fields (Status: draft keeps "
                "an unfinished post out of the published site)",
            )
        ]
    lines = body.split("\n")
    if "```" in body or "~~~" in body:
        code, unclosed = fenced_lines(lines)
    else:
        code, unclosed = [False] * len(lines), None
    if unclosed is not None:
        problems.append(
            Problem(
                path,
                source.body_start + unclosed,
                f"the code block opened here with {lines[unclosed].strip()} is never closed, "
                "so it would show as text",
                f"add a line with {FENCE_MARKER.match(lines[unclosed]).group(1)} where the code "
                "ends",
            )
        )
    if "][" in body or "] [" in body:
        problems += reference_problems(source, lines, code)
    # One scan of the whole body finds the few lines worth a look; lines of code are skipped.
    starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    found = MAY_NEED_CHECK.finditer(body)
    candidates = sorted({bisect_right(starts, m.start()) - 1 for m in found})
    root = os.path.abspath(content_root)
    for offset in candidates:
        line = lines[offset]
        number = source.body_start + offset
        if code[offset] or line.startswith("    "):
            continue
        if "`" in line:
            line = INLINE_CODE.sub("", line)  # `examples` in code are not links
        for kind, target in INTERNAL_LINK.findall(line):
            target_path = target.split("#")[0].split("?")[0]
            if not target_path:
                continue
            base = content_root if target_path.startswith("/") else folder
            resolved = os.path.normpath(os.path.join(base, target_path.lstrip("/")))
            # Links (symlinks) leading out of content/ are refused on their own, so the path
            # as written tells whether the link stays inside.
            if not os.path.abspath(resolved).startswith(root + os.sep):
                problems.append(
                    Problem(
                        path,
                        number,
                        f"the link {{{kind}}}{target} points outside the content folder",
                        "link only to files in content/: posts with {filename}name.md, "
                        "pictures with {static}/images/name.jpg",
                    )
                )
            elif not os.path.exists(resolved):
                problems.append(
                    Problem(
                        path,
                        number,
                        f"the link {{{kind}}}{target} points to a file that does not exist",
                        nearest_file(resolved),
                    )
                )
            elif links is not None and kind == "filename":
                links.append((number, os.path.abspath(resolved)))
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
    return problems


def fenced_lines(lines: list[str]) -> tuple[list[bool], int | None]:
    """Which lines belong to a fenced code block, and the line index of a fence that opens a
    block never closed (None). As in Markdown, a block closes with the same fence it opened
    with, at the start of a line."""
    code = [False] * len(lines)
    opening, marker = None, ""
    for index, line in enumerate(lines):
        match = FENCE_MARKER.match(line)
        if not match:
            if opening is not None:
                code[index] = True
            continue
        if opening is None:
            opening, marker = index, match.group(1)
            code[index] = True
        elif match.group(1) == marker and not line[match.end() :].strip():
            code[index] = True
            opening = None
        else:
            code[index] = True
    if opening is not None:
        for index in range(opening, len(lines)):
            code[index] = False  # Markdown shows an unclosed fence as text
    return code, opening


def reference_problems(source: Source, lines: list[str], code: list[bool]) -> list[Problem]:
    """`[text][name]` needs a line `[name]: address` somewhere in the post."""
    defined = {normal(name) for name in REFERENCE_DEFINITION.findall(source.body)}
    problems = []
    for offset, line in enumerate(lines):
        if code[offset] or line.startswith("    ") or "]" not in line:
            continue
        for text, name in REFERENCE_USE.findall(INLINE_CODE.sub("", line)):
            if normal(name or text) not in defined:
                problems.append(
                    Problem(
                        source.path,
                        source.body_start + offset,
                        f"the link [{text}][{name}] has no address: no line "
                        f"'[{name or text}]: ...' defines it",
                        f"add a line '[{name or text}]: https://...' below the paragraph, or "
                        f"write the link as [{text}](https://...)",
                    )
                )
    return problems


def normal(name: str) -> str:
    return " ".join(name.lower().split())


def direction_problems(source: Source) -> list[Problem]:
    """Invisible characters that reverse the text around them (a copy-and-paste hazard)."""
    problems = []
    for line, value in source.fields.values():
        if has_direction_control(value):
            problems.append(direction_problem(source.path, line, value))
    if not has_direction_control(source.body):
        return problems
    for offset, text in enumerate(source.body.split("\n")):
        if DIRECTION_CONTROLS.search(text):
            problems.append(direction_problem(source.path, source.body_start + offset, text))
    return problems


def has_direction_control(text: str) -> bool:
    # Nine substring searches cost far less than one regular expression over a whole post.
    return any(character in text for character in DIRECTION_CHARACTERS)


def direction_problem(path: str, line: int, text: str) -> Problem:
    character = DIRECTION_CONTROLS.search(text).group(0)
    return Problem(
        path,
        line,
        f"this line holds an invisible character (U+{ord(character):04X}) that reverses the "
        "direction of the text, so it would read differently from what it says",
        "delete it; if you cannot see it, type the line again instead of pasting it",
    )


def nearest_file(resolved: str) -> str:
    """Suggest the closest existing file name in the folder a broken link points into."""
    folder, name = os.path.split(resolved)
    options = os.listdir(folder) if os.path.isdir(folder) else []
    guess = difflib.get_close_matches(name, options, n=1)
    where = display_path(folder)
    if guess:
        return f"did you mean '{guess[0]}'? Correct the file name in the link"
    return f"check the file name; no file '{name}' exists in {where}/"


def check_tree(content_root: str, folders: dict[str, list[str]], settings: dict):
    """Check every file under content/ and every source under the article and page folders.

    Returns the problems, the parsed sources keyed by path, and the links (symlinks) that lead
    outside content/, which Pelican must not read.
    """
    text_folders = [folder for names in folders.values() for folder in names]
    problems = check_content_folder(
        content_root, text_folders, settings.get("ALLOWED_CODE_FILES", [])
    )
    # Links (symlinks) reported above lead outside content/ or nowhere: never read.
    outside = [problem.path for problem in problems if os.path.islink(problem.path)]
    sources: dict[str, Source] = {}
    kinds: dict[str, str] = {}
    links: dict[str, list[tuple[int, str]]] = {}
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
                    if path in outside:
                        continue  # reported above; never read
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
                    if not name.endswith(MARKDOWN_SUFFIXES):
                        stem, suffix = os.path.splitext(name)
                        problems.append(
                            Problem(
                                path,
                                1,
                                f"this file is not read as a post because its name ends in "
                                f"'{suffix}'; only lower-case '{suffix.lower()}' is read",
                                f"rename it to {stem}{suffix.lower()}",
                            )
                        )
                        continue
                    try:
                        source = read(path)
                    except NotText as error:
                        problems.append(error.problem)
                        continue
                    except OSError as error:
                        problems.append(
                            Problem(
                                path,
                                1,
                                f"this file cannot be read ({error.strerror})",
                                "make it readable for you (chmod u+r), or move it out of content/",
                            )
                        )
                        continue
                    problems += source.problems
                    problems += direction_problems(source)
                    if source.problems and not source.fields:
                        continue  # no fields to check: the problem above says why
                    sources[path] = source
                    kinds[path] = kind
                    links[path] = []
                    problems += check_fields(source, kind, settings)
                    problems += field_checks.markup_problems(source)
                    problems += field_checks.list_problems(source, settings)
                    problems += field_checks.date_order_problems(source)
                    problems += field_checks.path_problems(source, kind, settings)
                    problems += check_body(source, content_root, links[path])
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
            names = ", ".join(display_path(s.path) for s in group)
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
    problems += across_posts(sources, kinds, links, settings)
    return problems, sources, outside


def across_posts(sources, kinds, links, settings) -> list[Problem]:
    """What posts say together: one spelling per topic and tag; old addresses that replace no
    other page; no link from a published post to an unpublished one."""
    problems = field_checks.spelling_problems(
        {p: s for p, s in sources.items() if kinds[p] == "article"}, settings
    )
    problems += address_problems(sources, kinds, settings)
    written = {path: save_as_of(source, kinds[path], settings) for path, source in sources.items()}
    taken = {address: path for path, address in written.items()}
    for path, source in sources.items():
        if source.get("old-urls"):
            problems += field_checks.old_url_problems(source, written[path], taken)
    by_path = {os.path.abspath(path): source for path, source in sources.items()}
    preview = settings.get("PREVIEW", True)
    for path, source in sources.items():
        if links[path]:
            problems += field_checks.unpublished_link_problems(
                source, links[path], by_path, preview
            )
    return problems


def address_problems(sources, kinds, settings) -> list[Problem]:
    """Files whose Save_as or URL field gives the address of another file: one would replace
    the other, or a link would lead to the wrong page. (Two files with one slug are reported
    where the slugs are worked out.)"""
    by_file: dict[str, list[tuple[str, str]]] = {}  # written file -> [(source path, field)]
    for path, source in sources.items():
        kind = kinds[path]
        written = {save_as_of(source, kind, settings): "save_as" if source.get("save_as") else ""}
        url = source.get("url")
        if url:
            file = url if url.endswith(".html") else url.rstrip("/") + "/index.html"
            written.setdefault(file, "url")
        for file, name in written.items():
            if file:
                by_file.setdefault(file, []).append((path, name))
    problems = []
    for file, group in sorted(by_file.items()):
        if len({path for path, _name in group}) < 2 or not any(name for _path, name in group):
            continue
        names = ", ".join(display_path(path) for path, _name in group)
        for path, name in group:
            source = sources[path]
            problems.append(
                Problem(
                    path,
                    source.line_of(name or ("slug" if source.get("slug") else "title")),
                    f"the address '{file}' is used by {len(group)} files ({names})",
                    "change the Save_as or URL line so each file has its own address",
                )
            )
    return problems


def save_as_of(source: Source, kind: str, settings: dict) -> str:
    """The file Pelican writes for this source (its Save_as, or from its slug)."""
    if source.get("save_as"):
        return source.get("save_as")
    slug = source.get("slug") or slug_of(source, settings)
    pattern = settings.get("ARTICLE_SAVE_AS" if kind == "article" else "PAGE_SAVE_AS", "")
    try:
        return pattern.format(slug=slug)
    except (KeyError, IndexError):
        return ""
