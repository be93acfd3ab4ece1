"""The first step of the pass: a post's HTML, as Markdown wrote it, against an allowlist.

nh3 (the Python binding of Ammonia) keeps only the elements, attributes and address schemes
listed below, and what it keeps is what the site publishes. nh3 strips what it does not allow
without a word, so each element, attribute and address is also compared with the same
allowlist here and reported on its source line, and anything else nh3 changed (markup that is
not well-formed) is reported too: nothing is dropped silently. HTML comments are private
notes: nh3 leaves them out, and the preview lists each one as a reminder.

The allowlist is what our Markdown writes (with attr_list, fenced_code and tables) and the
plain HTML a post may need; docs/writing.md shows it to the writer. Steps after this one
(booking links, images) add their own attributes to HTML that has already passed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

from kernel.content import source_of
from kernel.problems import Problem

from .body import Body

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
        "var",
    }
)
# On any allowed element; `class` carries attr_list classes such as {: .lead }.
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang"})
ALLOWED_ATTRIBUTES = {
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "ol": frozenset({"start", "reversed"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    "details": frozenset({"open"}),
}
URL_ATTRIBUTES = frozenset({"href", "src"})
# Elements without an end tag.
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel", "sms"})


def from_elsewhere(url: str) -> bool:
    """Whether a picture's address is on another site (a reader's browser would fetch it)."""
    url = url.strip()
    return url.startswith("//") or scheme_of(url) in ("http", "https")


def keep_attribute(element: str, attribute: str, value: str) -> str | None:
    """nh3 keeps a picture's address only when it is on this site."""
    if element == "img" and attribute == "src" and from_elsewhere(value):
        return None
    return value


CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={"*": set(GLOBAL_ATTRIBUTES), **{t: set(a) for t, a in ALLOWED_ATTRIBUTES.items()}},
    attribute_filter=keep_attribute,
    url_schemes=set(URL_SCHEMES),
    link_rel=None,  # the booking step adds rel to links that leave the site
    strip_comments=True,
)
# Markdown's tables write column alignment as a style attribute, which the site's security
# policy ignores; a class does what the writer meant (main.css, utilities).
ALIGNED_CELL = re.compile(r'<(t[hd]) style="text-align: (left|center|right);">')
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
EDGE_CONTROLS = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
MARKDOWN_H1 = re.compile(r"^[ \t]{0,3}#(?!#)")

POLICY = "remove it; docs/writing.md lists the HTML a post may contain"
NO_CODE = "remove it; a post cannot run code (and the site's security policy blocks it)"
LINK_INSTEAD = (
    "remove it and link to the page instead, so readers' visits are not shared with another site"
)
FORM = (
    "a form, which could send what readers type to another site",
    "remove it; to invite readers to get in touch, link to the booking form: "
    "[book a consultation]({booking})",
)
EMBED = ("an embedded object, which would load a plugin or another site", LINK_INSTEAD)
PICTURE = (
    "inline picture markup",
    "save the picture as a file in content/images/ and show it with "
    "![what it shows]({static}/images/name.svg)",
)
MEDIA = ("a video or audio player, which would load the recording from elsewhere", LINK_INSTEAD)
ELEMENTS = {
    "script": ("a <script> tag, which would run code", NO_CODE),
    "noscript": ("a <noscript> tag", POLICY),
    "iframe": ("an <iframe>, which would show another site inside the page", LINK_INSTEAD),
    "frame": ("a <frame>", LINK_INSTEAD),
    "frameset": ("a <frameset>", LINK_INSTEAD),
    "object": EMBED,
    "embed": EMBED,
    "applet": EMBED,
    "portal": EMBED,
    "form": FORM,
    "input": FORM,
    "button": FORM,
    "select": FORM,
    "textarea": FORM,
    "meta": (
        "a <meta> tag, which could send readers to another address",
        "remove it; the theme writes every page's meta tags",
    ),
    "link": ("a <link> tag, which would load a file into the page", POLICY),
    "base": ("a <base> tag, which would change where every link of the page leads", POLICY),
    "style": (
        "a <style> block, which could load files from other sites",
        "remove it; every post takes its look from the site's stylesheet",
    ),
    "svg": PICTURE,
    "math": PICTURE,
    "video": MEDIA,
    "audio": MEDIA,
    "source": MEDIA,
    "track": MEDIA,
    "picture": MEDIA,
    "h1": (
        "a top-level heading (# …); the title is the page's only top-level heading",
        "use ## for a heading in the text",
    ),
}
ORDINARY_LINK = "replace it with an ordinary https:// link"
SCHEMES = {
    "javascript": (
        "a javascript: link, which would run code",
        ORDINARY_LINK,
    ),
    "vbscript": (
        "a vbscript: link, which would run code",
        ORDINARY_LINK,
    ),
    "data": (
        "a data: address, which hides a whole file inside the page",
        "save the file in content/images/ and link it with {static}/images/name",
    ),
    "file": (
        "a file: address, which points into the writer's own computer",
        "put the file in content/images/ and link it with {static}/images/name",
    ),
}


@dataclass
class Tag:
    name: str
    attributes: list[tuple[str, str | None]]
    raw: str  # as written, for finding its line
    inside: list[str]  # the refused elements it is in (reported for them)

    def signature(self) -> tuple:
        return (self.name, tuple(sorted((n, v or "") for n, v in self.attributes)))


class Markup(HTMLParser):
    """What a piece of HTML holds: its start tags, text, comments and declarations."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[Tag] = []
        self.text: list[str] = []
        self.comments: list[str] = []
        self.declarations: list[str] = []
        self.shown_openers: list[str] = []  # "<!--" left as text: a comment never closed
        self.code_depth = 0
        self.refused: list[str] = []  # open elements outside the allowlist

    def handle_starttag(self, tag, attrs):
        self.tags.append(Tag(tag, attrs, self.get_starttag_text() or f"<{tag}", list(self.refused)))
        if tag in ("pre", "code"):
            self.code_depth += 1
        if tag not in ALLOWED_TAGS and tag not in VOID:
            self.refused.append(tag)  # what is inside goes with it: one report

    def handle_endtag(self, tag):
        if tag in ("pre", "code") and self.code_depth:
            self.code_depth -= 1
        if tag in self.refused:
            del self.refused[len(self.refused) - 1 - self.refused[::-1].index(tag) :]

    def handle_data(self, data):
        if self.cdata_elem:  # inside <script> or <style>: removed with its element
            return
        self.text.append(data)
        if "<!--" in data and not self.code_depth:
            self.shown_openers.append(data)

    def handle_comment(self, data):
        self.comments.append(data)

    def handle_decl(self, decl):
        self.declarations.append(f"<!{decl}>")

    def unknown_decl(self, data):
        self.declarations.append(f"<![{data}]>")

    def handle_pi(self, data):
        self.declarations.append(f"<?{data}>")


def read(html: str) -> Markup:
    markup = Markup()
    markup.feed(html)
    markup.close()
    return markup


@dataclass
class Finding:
    """Something in the HTML outside the allowlist, with the text that locates its line."""

    message: str
    fix: str
    needles: list
    severity: str = "error"


def scheme_of(url: str) -> str:
    """The scheme a browser would see: outer spaces and controls, tabs and newlines ignored."""
    match = SCHEME.match(TAB_OR_NEWLINE.sub("", EDGE_CONTROLS.sub("", url)))
    return match.group(1).lower() if match else ""


def tag_findings(tag: Tag) -> list[Finding]:
    name = tag.name
    if name not in ALLOWED_TAGS:
        what, fix = ELEMENTS.get(
            name, (f"the HTML element <{name}>, which posts may not use", POLICY)
        )
        needles = [tag.raw, f"<{name}"] + ([MARKDOWN_H1] if name == "h1" else [])
        return [Finding(f"the post contains {what}", fix, needles)]
    found = []
    allowed = GLOBAL_ATTRIBUTES | ALLOWED_ATTRIBUTES.get(name, frozenset())
    for attribute, value in tag.attributes:
        needles = [f"{attribute}=", f"{attribute} =", tag.raw, f"<{name}"]
        if attribute not in allowed:
            found.append(attribute_finding(name, attribute, needles))
            continue
        if attribute not in URL_ATTRIBUTES or value is None:
            continue
        scheme = scheme_of(value)
        needles = [value, *value.split(":")[:1], *needles]
        if scheme and scheme not in URL_SCHEMES:
            what, fix = SCHEMES.get(
                scheme,
                (
                    f"a {scheme}: address, which posts may not use",
                    "use an https:// address (or mailto:, tel: or sms:)",
                ),
            )
            found.append(Finding(f"the post contains {what}", fix, needles))
        elif name == "img" and attribute == "src" and from_elsewhere(value):
            host = urlsplit(value.strip()).hostname or "another site"
            found.append(
                Finding(
                    f"the post shows an image from another site ({host}): readers' browsers "
                    "would contact it, and the site's security policy blocks it",
                    "save the picture in content/images/ and show it with "
                    "![what it shows]({static}/images/name.jpg)",
                    needles,
                )
            )
    return found


def attribute_finding(tag: str, attribute: str, needles: list) -> Finding:
    if attribute.startswith("on"):
        return Finding(
            f"the post contains an event handler ({attribute}= on <{tag}>), which would run code",
            f"remove {attribute}=…; a post cannot run code",
            needles,
        )
    if attribute == "style":
        return Finding(
            f"the post contains a style attribute on <{tag}>, which the site's security policy "
            "ignores",
            "remove style=…; for a lead paragraph write {: .lead } on the line after it",
            needles,
        )
    return Finding(
        f"the post contains the attribute {attribute}= on <{tag}>, which posts may not use",
        "remove it; docs/writing.md lists the attributes a post may use",
        needles,
    )


def first_line(text: str) -> str:
    return next((line.strip() for line in text.split("\n") if line.strip()), "")


def findings(html: str, cleaned: str) -> list[Finding]:
    """Everything in `html` outside the allowlist; then, when nothing is, whatever else nh3
    changed in `cleaned`; and the comments (warnings, they are never published)."""
    source = read(html)
    found = [finding for tag in source.tags if not tag.inside for finding in tag_findings(tag)]
    for declaration in source.declarations:
        found.append(
            Finding(
                f"the post contains {declaration[:40]}, a part of a whole web page",
                "remove it; paste only the text, and write headings, lists and links in Markdown",
                [declaration, declaration[:9]],
            )
        )
    for text in source.shown_openers:
        found.append(
            Finding(
                "an HTML comment starts here with <!-- but never ends with -->, so its words "
                "would be shown on the page",
                "end the note with --> (or remove <!--)",
                ["<!--" + text.split("<!--", 1)[1].split("\n")[0], "<!--"],
            )
        )
    if not found:
        found += unexplained(source, read(cleaned))
    return found + [private_note(comment) for comment in source.comments]


def private_note(comment: str) -> Finding:
    return Finding(
        "this HTML comment stays private: it is left out of the page, the feeds and search",
        "nothing to do; the preview lists comments only as a reminder",
        ["<!--" + comment.split("\n")[0], "<!--"],
        severity="warning",
    )


def unexplained(source: Markup, kept: Markup) -> list[Finding]:
    """What nh3 dropped although every part is allowed: markup that is not well-formed (a
    <td> outside a table), which a browser would rearrange too."""
    before = [tag.signature() for tag in source.tags]
    after = [tag.signature() for tag in kept.tags]
    for operation, first, _end, _j1, _j2 in SequenceMatcher(
        None, before, after, autojunk=False
    ).get_opcodes():
        if operation in ("delete", "replace"):
            tag = source.tags[first]
            return [
                Finding(
                    f"the HTML around <{tag.name}> is not well-formed, so part of it would be "
                    "dropped",
                    "open and close every tag in order (a <td> belongs inside a <tr> of a "
                    "<table>), or write it in Markdown",
                    [tag.raw, f"<{tag.name}"],
                )
            ]
    kept_text = "".join("".join(kept.text).split())
    if "".join("".join(source.text).split()) != kept_text:
        lost = next(
            (t for t in source.text if t.strip() and "".join(t.split()) not in kept_text),
            "",
        )
        return [
            Finding(
                "the HTML here is not well-formed, so some of its text would be dropped",
                "open and close every tag in order, or write it in Markdown",
                [first_line(lost)],
            )
        ]
    return []


class SourceLines:
    """Finds the line of a post's text that holds a finding; a second finding with the same
    text is looked for after the first one's line. Lines inside code blocks hold no markup."""

    def __init__(self, path: str):
        try:
            source = source_of(path)
            self.start, lines = source.body_start, source.body.split("\n")
        except (OSError, ValueError):
            self.start, lines = 1, []
        self.lines = [line.lower() for line in lines]
        self.code = code_lines(lines)
        self.after: dict[str, int] = {}

    def find(self, needles: list) -> int:
        for needle in needles:
            if isinstance(needle, re.Pattern):
                for index, line in enumerate(self.lines):
                    if not self.code[index] and needle.search(line):
                        return self.start + index
                continue
            text = first_line(needle).lower()
            if len(text) < 2:
                continue
            begin = self.after.get(text, 0)
            for index in [*range(begin, len(self.lines)), *range(begin)]:
                if not self.code[index] and text in self.lines[index]:
                    self.after[text] = index + 1
                    return self.start + index
        return self.start


def code_lines(lines: list[str]) -> list[bool]:
    """Which lines are inside a closed fenced code block (fence lines included)."""
    fences = [index for index, line in enumerate(lines) if FENCE.match(line)]
    inside = [False] * len(lines)
    for opening, closing in zip(fences[::2], fences[1::2], strict=False):
        for index in range(opening, closing + 1):
            inside[index] = True
    return inside


def sanitize(html: str, body: Body) -> str:
    """The HTML as nh3 keeps it; everything outside the allowlist reported on its line."""
    html = ALIGNED_CELL.sub(r'<\1 class="align-\2">', html)
    cleaned = CLEANER.clean(html)
    # Most posts come back from nh3 unchanged, or with only their comments taken out: then
    # nothing needs a closer look (unless a comment was left open and shows as text).
    if "&lt;!--" not in html:
        if cleaned == html:
            return cleaned
        if COMMENT.sub("", html) == cleaned:
            report(body, [private_note(comment) for comment in COMMENT.findall(html)])
            return cleaned
    report(body, findings(html, cleaned))
    return cleaned


def report(body: Body, found: list[Finding]) -> None:
    """Each finding as a problem on its source line; comments only in the preview."""
    if found:
        lines = SourceLines(body.path)
        preview = body.settings.get("PREVIEW", True)
        for finding in found:
            if finding.severity == "warning" and not preview:
                continue  # a reminder for the writer, not for the publish log
            line = lines.find(finding.needles)
            body.problems.append(
                Problem(body.path, line, finding.message, finding.fix, finding.severity)
            )
