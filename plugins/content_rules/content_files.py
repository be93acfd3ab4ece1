"""Checks on every file under content/, whatever its kind: nothing outside the project is read
through a link, no file that would run code on the site's own address is published, and no
SVG picture carries a script.

A symlink in content/ that leads elsewhere would publish a file from outside the project. A
`.js` or `.html` file copied to the site runs with the site's rights (the security policy
trusts the site's own address), and so does an SVG with a script when a reader opens it.
"""

from __future__ import annotations

import html
import os
import re

from kernel.problems import Problem

CODE_SUFFIXES = (".js", ".mjs", ".html", ".htm", ".xhtml", ".shtml")
SVG_SCRIPT = [
    (re.compile(r"<(?:[\w-]+:)?script\b", re.IGNORECASE), "a script"),
    (re.compile(r"<(?:[\w-]+:)?foreignObject\b", re.IGNORECASE), "a foreignObject (a web page)"),
    (re.compile(r"<(?:[\w-]+:)?(?:iframe|embed|object)\b", re.IGNORECASE), "an embedded page"),
    (re.compile(r"<!ENTITY", re.IGNORECASE), "an entity definition (an XML trick)"),
    (re.compile(r"""\s(on[a-z]+)\s*=""", re.IGNORECASE), "an event handler"),
    (re.compile(r"@import|url\(\s*['\"]?\s*(?:https?:)?//", re.IGNORECASE), "outside styles"),
]
SVG_ADDRESS = re.compile(r"""\b((?:xlink:)?href|src)\s*=\s*("[^"]*"|'[^']*')""", re.IGNORECASE)
SAFE_DATA = re.compile(r"^data:image/(png|jpeg|gif|webp);", re.IGNORECASE)


def inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def check_content_folder(
    content_root: str, text_folders: list[str], allowed_code: list[str]
) -> list[Problem]:
    """Every entry under `content_root`: links that lead out, code files, SVG scripts.
    `text_folders` (posts and pages) have their own rule for files that are not Markdown."""
    root = os.path.realpath(content_root)
    allowed = {os.path.normpath(name) for name in allowed_code}
    texts = [os.path.realpath(os.path.join(content_root, f)) for f in text_folders]
    problems = []
    for directory, subdirs, files in os.walk(content_root):
        subdirs.sort()
        in_texts = any(inside(os.path.realpath(directory), t) for t in texts)
        for name in sorted(subdirs) + sorted(files):
            path = os.path.join(directory, name)
            if os.path.islink(path):
                problem = link_problem(path, root)
                if problem:
                    problems.append(problem)
                    continue
            if name in subdirs:
                continue
            lowered = name.lower()
            relative = os.path.normpath(os.path.relpath(path, content_root))
            if lowered.endswith(CODE_SUFFIXES) and relative not in allowed and not in_texts:
                problems.append(
                    Problem(
                        path,
                        1,
                        "this file would be published as code that runs on the site's own address",
                        "delete it, or, if it must be published as it is, list "
                        f"'{relative}' in ALLOWED_CODE_FILES in pelicanconf.py",
                    )
                )
            elif lowered.endswith(".svg") and os.path.isfile(path):
                problems += svg_problems(path)
    return problems


def link_problem(path: str, root: str) -> Problem | None:
    target = os.path.realpath(path)
    if not os.path.exists(target):
        return Problem(
            path,
            1,
            f"this is a link (symlink) to {os.readlink(path)}, which does not exist",
            "delete the link, or put the file itself here",
        )
    if not inside(target, root):
        return Problem(
            path,
            1,
            f"this is a link (symlink) to {target}, outside the content folder; the site "
            "would publish a file from elsewhere",
            "copy the file into content/ instead of linking to it, or delete the link",
        )
    return None


def svg_problems(path: str) -> list[Problem]:
    """An SVG opened on its own is a document of the site: it may hold no script, no event
    handler, no web page inside it and nothing loaded from elsewhere."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    except OSError as error:
        return [Problem(path, 1, f"this picture cannot be read ({error.strerror})", REEXPORT)]
    found = []
    for pattern, what in SVG_SCRIPT:
        match = pattern.search(text)
        if match:
            found.append((match.start(), what))
    for match in SVG_ADDRESS.finditer(text):
        value = html.unescape(match.group(2)[1:-1]).strip()
        squeezed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
        if squeezed.startswith(("javascript:", "vbscript:")):
            found.append((match.start(), "a javascript: link"))
        elif squeezed.startswith("data:") and not SAFE_DATA.match(squeezed):
            found.append((match.start(), "a data: address that is not a picture"))
        elif squeezed.startswith(("http:", "https:", "//")) and element_at(text, match) != "a":
            found.append((match.start(), "a file loaded from another site"))
    return [
        Problem(
            path,
            text.count("\n", 0, offset) + 1,
            f"this SVG picture holds {what}, which would run or load when a reader opens it",
            REEXPORT,
        )
        for offset, what in sorted(found)
    ]


def element_at(text: str, match: re.Match) -> str:
    """The local name of the element whose attribute `match` is (a link is <a>)."""
    opening = re.match(r"<(?:[\w-]+:)?([\w-]+)", text[text.rfind("<", 0, match.start()) :])
    return opening.group(1).lower() if opening else ""


REEXPORT = (
    "export the picture again as a plain SVG (or as PNG) from the drawing program, without "
    "scripts or interactivity"
)
