"""Bad input as a hurried author, a copy-paster and an attacker would type it.

Every case ends one of two ways: the build stops with exit code 2 and a line
`path:line: what. Fix: how` on the case's own file (and nothing else wrong with it), or the site
does what the author meant. Cases whose messages are independent share one build of a copy of
the real content, so the table stays fast: one build per group below.
"""

from __future__ import annotations

import os
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from helpers import REPO, TEST_PRACTICE, build, copy_content, search_records
from sitebuild.standins import sign_off

SITEURL = "https://example.org/blog"
# Groups: the settings of their shared build and the exit code every case in it expects.
GROUPS = {
    "preview": ("pelicanconf.py", 2),
    "publish": ("publishconf.py", 2),
    "preview-ok": ("pelicanconf.py", 0),
    "publish-ok": ("publishconf.py", 0),
}
# Settings a group's build adds.
GROUP_SETTINGS = {"preview-ok": {"ALLOWED_CODE_FILES": ["images/x4-widget.js"]}}


@dataclass
class Case:
    name: str
    kind: str  # fields, markup, private, paths, losses, faults
    files: dict  # path under content/ -> text, bytes, or a function that makes the file
    expected: list = field(default_factory=list)  # (path under content/, line, phrase)
    group: str = "preview"
    check: Callable[[Path], None] | None = None  # on the built folder (the -ok groups)


def post(title: str, fields: str = "", body: str = "Some text.", date: str = "2024-03-05 10:00"):
    """A post that builds, with `fields` (one per line) after Title, Date and Summary: its text
    starts on line 5 plus the number of extra fields."""
    extra = fields + "\n" if fields else ""
    return f"Title: {title}\nDate: {date}\nSummary: A short summary.\n{extra}\n{body}\n"


def page(title: str, fields: str = "", body: str = "Some text."):
    extra = fields + "\n" if fields else ""
    return f"Title: {title}\nSummary: A short summary.\n{extra}\n{body}\n"


def svg(inner: str) -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8">\n{inner}\n</svg>\n'


def outside(name: str, text: str = "Title: Secret\n\nA private note.\n", folder: bool = False):
    """A symlink to a file (or folder) beside content/, outside the project's content."""

    def make(path: Path) -> None:
        target = content_of(path).parent / name
        if folder:
            target.mkdir(exist_ok=True)
            (target / "secret.png").write_bytes(b"\x89PNG not really")
        else:
            target.write_text(text)
        path.symlink_to(target)

    return make


def content_of(path: Path) -> Path:
    return next(p for p in path.parents if p.name == "content")


def symlink_to(relative: str):
    def make(path: Path) -> None:
        path.symlink_to(relative)

    return make


def page_of(output: Path, address: str) -> str:
    return (output / address / "index.html").read_text(encoding="utf-8")


def exists(*addresses: str):
    def check(output: Path) -> None:
        for address in addresses:
            assert (output / address).exists(), address

    return check


def absent(*addresses: str):
    def check(output: Path) -> None:
        for address in addresses:
            assert not (output / address).exists(), address

    return check


def both(*checks):
    def check(output: Path) -> None:
        for one in checks:
            one(output)

    return check


def nowhere(text: str):
    """`text` is in no published file: pages, feeds, sitemap, search records."""

    def check(output: Path) -> None:
        for path in output.rglob("*"):
            if path.is_file() and path.suffix in (".html", ".xml", ".txt", ".json", ".js"):
                assert text not in path.read_text(encoding="utf-8", errors="replace"), path
        for record in search_records(output).values():
            assert text not in record["content"]

    return check


def in_feed_and_page(text: str, address: str):
    def check(output: Path) -> None:
        assert text in (output / "atom.xml").read_text(encoding="utf-8")
        assert text in page_of(output, address)

    return check


def damaged_png(path: Path) -> None:
    path.write_bytes(bytes(random.Random(7).randrange(256) for _ in range(600)))


def truncated_png(path: Path) -> None:
    path.write_bytes((REPO / "content/images/social-card.png").read_bytes()[:400])


CASES = [
    # --- One reader of fields: the content rules and Pelican read a header alike --------------
    Case(
        "space before the colon is read as the field",
        "fields",
        {"posts/f1.md": post("F1 spaced status", "Status : draft")},
        group="preview-ok",
        check=both(exists("drafts/f1-spaced-status"), absent("posts/f1-spaced-status")),
    ),
    Case(
        "a draft with a space before the colon stays out of the publish",
        "fields",
        {"posts/f23.md": post("F23 private draft", "Status : draft", body="F23 unready words.")},
        group="publish-ok",
        check=both(absent("posts/f23-private-draft", "drafts"), nowhere("F23")),
    ),
    Case(
        "a field name with a space",
        "fields",
        {"posts/f2.md": post("F2", "Content note: grief")},
        [("posts/f2.md", 4, "the field name 'Content note' has a space in it")],
    ),
    Case(
        "a summary wrapped onto a second line",
        "fields",
        {
            "posts/f3.md": "Title: F3\nDate: 2024-03-05\nSummary: A summary that\ngoes on.\n"
            "Status: draft\n\nText.\n"
        },
        [("posts/f3.md", 4, "this line is not a field")],
    ),
    Case(
        "a wrapped summary indented continues it",
        "fields",
        {
            "posts/f4.md": "Title: F4 wrapped\nDate: 2024-03-05\nSummary: First half\n"
            "  second half.\n\nText.\n"
        },
        group="preview-ok",
        check=lambda out: "First half second half." in page_of(out, "posts/f4-wrapped"),
    ),
    Case(
        "fields after a blank line",
        "fields",
        {"posts/f5.md": "Title: F5\nDate: 2024-03-05\nSummary: S.\n\nStatus: draft\n\nText.\n"},
        [("posts/f5.md", 5, "the fields continue after a blank line")],
    ),
    Case(
        "TOML front matter",
        "fields",
        {"posts/f6.md": '+++\ntitle = "F6"\ndate = 2024-03-05\n+++\n\nText.\n'},
        [("posts/f6.md", 1, "TOML front matter")],
    ),
    Case(
        "YAML front matter",
        "fields",
        {"posts/f7.md": "---\ntitle: F7\n---\n\nText.\n"},
        [("posts/f7.md", 1, "YAML front matter")],
    ),
    Case(
        "carriage returns alone end the lines",
        "fields",
        {"posts/f8.md": post("F8 old mac").replace("\n", "\r")},
        group="preview-ok",
        check=exists("posts/f8-old-mac/index.html"),
    ),
    Case(
        "Windows line endings",
        "fields",
        {"posts/f9.md": post("F9 windows", "Status: draft").replace("\n", "\r\n")},
        group="preview-ok",
        check=exists("drafts/f9-windows/index.html"),
    ),
    Case(
        "a byte-order mark before the fields",
        "fields",
        {"posts/f10.md": "\ufeff" + post("F10 bom")},
        group="preview-ok",
        check=exists("posts/f10-bom/index.html"),
    ),
    Case(
        "a field twice",
        "fields",
        {"posts/f11.md": post("F11", "Title: F11 again")},
        [("posts/f11.md", 4, "the field 'Title' appears twice")],
    ),
    Case(
        "an invisible character in a field name",
        "fields",
        {"posts/f12.md": post("F12", "Sta\u200btus: draft")},
        [("posts/f12.md", 4, "the field name holds an invisible character (U+200B)")],
    ),
    Case(
        "a status in capitals",
        "fields",
        {"posts/f13.md": post("F13 capital draft", "Status: DRAFT")},
        group="preview-ok",
        check=both(exists("drafts/f13-capital-draft"), absent("posts/f13-capital-draft")),
    ),
    Case(
        "a misspelt field",
        "fields",
        {"posts/f14.md": post("F14", "Categroy: Integration")},
        [("posts/f14.md", 4, "unknown field 'Categroy'. Fix: did you mean 'Category'?")],
    ),
    Case(
        "field names in lower case",
        "fields",
        {"posts/f15.md": "title: F15 lower\ndate: 2024-03-05\nsummary: S.\n\nText.\n"},
        group="preview-ok",
        check=exists("posts/f15-lower/index.html"),
    ),
    Case(
        "a date with a time zone",
        "fields",
        {"posts/f16.md": post("F16 zoned", date="2024-03-05T10:00+02:00")},
        group="preview-ok",
        check=exists("posts/f16-zoned/index.html"),
    ),
    Case(
        "a status only pages have",
        "fields",
        {"posts/f17.md": post("F17", "Status: hidden")},
        [("posts/f17.md", 4, "Status 'hidden' is not one this site knows")],
    ),
    Case(
        "the first field indented",
        "fields",
        {"posts/f18.md": "  Title: F18\nDate: 2024-03-05\nSummary: S.\n\nText.\n"},
        [("posts/f18.md", 1, "this line is not a field")],
    ),
    Case(
        "a field in Latin-1",
        "fields",
        {"posts/f19.md": b"Title: Caf\xe9 F19\nDate: 2024-03-05\nSummary: S.\n\nText.\n"},
        [("posts/f19.md", 1, "not saved as UTF-8")],
    ),
    Case(
        "a date only in the file name",
        "fields",
        {"posts/2024-03-05-f20.md": "Title: F20\nSummary: S.\n\nText.\n"},
        [("posts/2024-03-05-f20.md", 1, "required field 'Date' is missing")],
    ),
    Case(
        "a no-break space after the colon",
        "fields",
        {"posts/f21.md": post("F21 nbsp", "Status:\u00a0draft")},
        group="preview-ok",
        check=exists("drafts/f21-nbsp/index.html"),
    ),
    Case(
        "a heading where the fields belong",
        "fields",
        {"posts/f22.md": "# F22 heading\n\nText.\n"},
        [
            ("posts/f22.md", 1, "this line is not a field"),
            ("posts/f22.md", 1, "a top-level heading"),
        ],
    ),
    # --- Markup: the allowlist sanitiser -----------------------------------------------------
    Case(
        "onerror on a picture",
        "markup",
        {"posts/m1.md": post("M1", body='<img src="x.png" alt="a" onerror="alert(1)">')},
        [("posts/m1.md", 5, "an event handler (onerror= on <img>)")],
    ),
    Case(
        "onload on a picture",
        "markup",
        {
            "posts/m2.md": post(
                "M2", body='<img src="{static}/images/social-card.png" alt="a" onload="go()">'
            )
        },
        [("posts/m2.md", 5, "an event handler (onload= on <img>)")],
    ),
    Case(
        "ontoggle on details",
        "markup",
        {"posts/m3.md": post("M3", body="<details open ontoggle=alert(1)>x</details>")},
        [("posts/m3.md", 5, "an event handler (ontoggle= on <details>)")],
    ),
    Case(
        "onclick through attr_list",
        "markup",
        {"posts/m4.md": post("M4", body='A paragraph.\n{: onclick="alert(1)" }')},
        [("posts/m4.md", 6, "an event handler (onclick= on <p>)")],
    ),
    Case(
        "onmouseover on bold text",
        "markup",
        {"posts/m5.md": post("M5", body="Some <b onmouseover=alert(1)>bold</b> text.")},
        [("posts/m5.md", 5, "an event handler (onmouseover= on <b>)")],
    ),
    Case(
        "onfocus with autofocus",
        "markup",
        {"posts/m6.md": post("M6", body='<a href="#" autofocus onfocus="alert(1)">x</a>')},
        [
            ("posts/m6.md", 5, "the attribute autofocus= on <a>"),
            ("posts/m6.md", 5, "an event handler (onfocus= on <a>)"),
        ],
    ),
    Case(
        "a form",
        "markup",
        {"posts/m7.md": post("M7", body='<form action="https://evil.example/"></form>')},
        [("posts/m7.md", 5, "a form, which could send what readers type")],
    ),
    Case(
        "a meta refresh",
        "markup",
        {
            "posts/m8.md": post(
                "M8", body='<meta http-equiv="refresh" content="0;url=https://evil.example/">'
            )
        },
        [("posts/m8.md", 5, "a <meta> tag, which could send readers to another address")],
    ),
    Case(
        "a style block importing from elsewhere",
        "markup",
        {"posts/m9.md": post("M9", body="<style>@import url(//evil.example/x.css);</style>")},
        [("posts/m9.md", 5, "a <style> block")],
    ),
    Case(
        "an object",
        "markup",
        {"posts/m10.md": post("M10", body='<object data="https://evil.example/x"></object>')},
        [("posts/m10.md", 5, "an embedded object")],
    ),
    Case(
        "an embed",
        "markup",
        {"posts/m11.md": post("M11", body='<embed src="https://evil.example/x">')},
        [("posts/m11.md", 5, "an embedded object")],
    ),
    Case(
        "an iframe",
        "markup",
        {"posts/m12.md": post("M12", body='<iframe src="https://evil.example/"></iframe>')},
        [("posts/m12.md", 5, "an <iframe>")],
    ),
    Case(
        "a javascript: link split by a newline",
        "markup",
        {"posts/m13.md": post("M13", body="Read [this](java\nscript:alert(1)).")},
        [("posts/m13.md", 5, "a javascript: link")],
    ),
    Case(
        "a javascript: link hidden by a character reference",
        "markup",
        {"posts/m14.md": post("M14", body='<a href="jav&#x09;ascript:alert(1)">x</a>')},
        [("posts/m14.md", 5, "a javascript: link")],
    ),
    Case(
        "a javascript: Markdown link with an entity",
        "markup",
        {"posts/m15.md": post("M15", body="[x](jav&#x61;script:alert(1))")},
        [("posts/m15.md", 5, "a javascript: link")],
    ),
    Case(
        "a javascript: link in mixed case behind spaces",
        "markup",
        {"posts/m16.md": post("M16", body='<a href="  JaVaScRiPt:alert(1)">x</a>')},
        [("posts/m16.md", 5, "a javascript: link")],
    ),
    Case(
        "a script after a code fence never closed",
        "markup",
        {
            "posts/m17.md": post(
                "M17", body="Intro.\n\n```\nnever closed\n\n<script>alert(1)</script>"
            )
        },
        [
            ("posts/m17.md", 7, "the code block opened here with ``` is never closed"),
            ("posts/m17.md", 10, "a <script> tag"),
        ],
    ),
    Case(
        "a script in an indented list item",
        "markup",
        {"posts/m18.md": post("M18", body="- item\n\n    <img src=x alt=y onerror=alert(1)>")},
        [("posts/m18.md", 7, "an event handler (onerror= on <img>)")],
    ),
    Case(
        "a script from a .js file put under images",
        "markup",
        {
            "images/m19.js": "alert(1);\n",
            "posts/m19.md": post("M19", body='<script src="{static}/images/m19.js"></script>'),
        },
        [
            ("images/m19.js", 1, "would be published as code"),
            ("posts/m19.md", 5, "a <script> tag"),
        ],
    ),
    Case(
        "an SVG with a script",
        "markup",
        {"images/m20.svg": svg("<script>alert(1)</script>")},
        [("images/m20.svg", 2, "this SVG picture holds a script")],
    ),
    Case(
        "an SVG with an event handler",
        "markup",
        {"images/m21.svg": svg('<rect width="8" height="8" onload="alert(1)"/>')},
        [("images/m21.svg", 2, "this SVG picture holds an event handler")],
    ),
    Case(
        "an SVG with a foreignObject",
        "markup",
        {"images/m22.svg": svg("<foreignObject><p>x</p></foreignObject>")},
        [("images/m22.svg", 2, "this SVG picture holds a foreignObject")],
    ),
    Case(
        "an SVG with a javascript: link",
        "markup",
        {"images/m23.svg": svg('<a xlink:href="javascript:alert(1)"><text>x</text></a>')},
        [("images/m23.svg", 2, "this SVG picture holds a javascript: link")],
    ),
    Case(
        "an SVG loading a picture from another site",
        "markup",
        {"images/m24.svg": svg('<image href="https://tracker.example/p.png"/>')},
        [("images/m24.svg", 2, "this SVG picture holds a file loaded from another site")],
    ),
    Case(
        "a script in the Summary",
        "markup",
        {"posts/m25.md": "Title: M25\nDate: 2024-03-05\nSummary: <script>x()</script>\n\nT.\n"},
        [("posts/m25.md", 3, "the field 'Summary' holds HTML")],
    ),
    Case(
        "HTML in the Title",
        "markup",
        {"posts/m26.md": "Title: M26 <b>bold</b>\nDate: 2024-03-05\nSummary: S.\n\nText.\n"},
        [("posts/m26.md", 1, "the field 'Title' holds HTML")],
    ),
    Case(
        "a title whose < and > a feed would take for a tag",
        "markup",
        {"posts/m57.md": "Title: M57 dose <2 mg or >1 mg\nDate: 2024-03-05\nSummary: S.\n\nT.\n"},
        [("posts/m57.md", 1, "holds text between < and > (<2 mg or >), which feeds would drop")],
    ),
    Case(
        "a link in the Summary",
        "markup",
        {
            "posts/m27.md": "Title: M27\nDate: 2024-03-05\n"
            "Summary: See [this](https://example.org/).\n\nText.\n"
        },
        [("posts/m27.md", 3, "the Summary holds a link or picture")],
    ),
    Case(
        "HTML in the content note",
        "markup",
        {"posts/m28.md": post("M28", "Content-note: <i>grief</i>")},
        [("posts/m28.md", 4, "the field 'Content-note' holds HTML")],
    ),
    Case(
        "HTML in the tags",
        "markup",
        {"posts/m29.md": post("M29", "Tags: <b>m29</b>")},
        [("posts/m29.md", 4, "the field 'Tags' holds HTML")],
    ),
    Case(
        "a data: link",
        "markup",
        {"posts/m30.md": post("M30", body="[x](data:text/html;base64,PHNjcmlwdD4=)")},
        [("posts/m30.md", 5, "a data: address")],
    ),
    Case(
        "a data: picture",
        "markup",
        {"posts/m31.md": post("M31", body='<img src="data:image/gif;base64,R0lG" alt="x">')},
        [("posts/m31.md", 5, "a data: address")],
    ),
    Case(
        "a vbscript: link",
        "markup",
        {"posts/m32.md": post("M32", body="[x](vbscript:msgbox)")},
        [("posts/m32.md", 5, "a vbscript: link")],
    ),
    Case(
        "a file: link",
        "markup",
        {"posts/m33.md": post("M33", body="[notes](file:///C:/Users/notes.docx)")},
        [("posts/m33.md", 5, "a file: address")],
    ),
    Case(
        "a picture from another site",
        "markup",
        {"posts/m34.md": post("M34", body="![A pixel](https://tracker.example/p.gif)")},
        [("posts/m34.md", 5, "an image from another site (tracker.example)")],
    ),
    Case(
        "a picture from another site without a scheme",
        "markup",
        {"posts/m35.md": post("M35", body='<img src="//tracker.example/p.gif" alt="x">')},
        [("posts/m35.md", 5, "an image from another site (tracker.example)")],
    ),
    Case(
        "a base tag",
        "markup",
        {"posts/m36.md": post("M36", body='<base href="https://evil.example/">')},
        [("posts/m36.md", 5, "a <base> tag")],
    ),
    Case(
        "a stylesheet link",
        "markup",
        {"posts/m37.md": post("M37", body='<link rel="stylesheet" href="//evil.example/x.css">')},
        [("posts/m37.md", 5, "a <link> tag")],
    ),
    Case(
        "a style attribute through attr_list",
        "markup",
        {"posts/m38.md": post("M38", body='A paragraph.\n{: style="color: red" }')},
        [("posts/m38.md", 6, "a style attribute on <p>")],
    ),
    Case(
        "inline SVG",
        "markup",
        {"posts/m39.md": post("M39", body='<svg><circle r="1"/></svg>')},
        [("posts/m39.md", 5, "inline picture markup")],
    ),
    Case(
        "MathML",
        "markup",
        {"posts/m40.md": post("M40", body="<math><mi>x</mi></math>")},
        [("posts/m40.md", 5, "inline picture markup")],
    ),
    Case(
        "a video",
        "markup",
        {"posts/m41.md": post("M41", body='<video src="https://evil.example/v.mp4"></video>')},
        [("posts/m41.md", 5, "a video or audio player")],
    ),
    Case(
        "a button",
        "markup",
        {"posts/m42.md": post("M42", body="<button>Press</button>")},
        [("posts/m42.md", 5, "a form")],
    ),
    Case(
        "a second top-level heading",
        "markup",
        {"posts/m43.md": post("M43", body="Intro.\n\n# Another title")},
        [("posts/m43.md", 7, "a top-level heading")],
    ),
    Case(
        "a pasted web page",
        "markup",
        {"posts/m44.md": post("M44", body="<!DOCTYPE html>\n<p>Pasted.</p>")},
        [("posts/m44.md", 5, "<!DOCTYPE html>, a part of a whole web page")],
    ),
    Case(
        "a table cell outside a table",
        "markup",
        {"posts/m45.md": post("M45", body="Before.\n\n<td>cell</td> after")},
        [("posts/m45.md", 7, "the HTML around <td> is not well-formed")],
    ),
    Case(
        "a link opening a new window",
        "markup",
        {"posts/m46.md": post("M46", body='<a href="https://example.org/" target="_blank">x</a>')},
        [("posts/m46.md", 5, "the attribute target= on <a>")],
    ),
    Case(
        "a picture with its own srcset",
        "markup",
        {"posts/m47.md": post("M47", body='<img src="a.png" alt="a" srcset="//evil.example/a">')},
        [("posts/m47.md", 5, "the attribute srcset= on <img>")],
    ),
    Case(
        "an object in a page",
        "markup",
        {"pages/m48.md": page("M48 page", body='<object data="x"></object>')},
        [("pages/m48.md", 4, "an embedded object")],
    ),
    Case(
        "a noscript block",
        "markup",
        {"posts/m49.md": post("M49", body="<noscript>x</noscript>")},
        [("posts/m49.md", 5, "a <noscript> tag")],
    ),
    Case(
        "an unknown element",
        "markup",
        {"posts/m50.md": post("M50", body="<marquee>Hello</marquee>")},
        [("posts/m50.md", 5, "the HTML element <marquee>")],
    ),
    Case(
        "a direction override in the Title",
        "markup",
        {"posts/m51.md": "Title: M51 \u202etxt.exe\nDate: 2024-03-05\nSummary: S.\n\nText.\n"},
        [("posts/m51.md", 1, "an invisible character (U+202E) that reverses the direction")],
    ),
    Case(
        "a direction override in the text",
        "markup",
        {"posts/m52.md": post("M52", body="Call \u202e889 now.")},
        [("posts/m52.md", 5, "an invisible character (U+202E)")],
    ),
    Case(
        "a second href with javascript:",
        "markup",
        {
            "posts/m53.md": post(
                "M53", body='<a href="https://example.org/" href="javascript:alert(1)">x</a>'
            )
        },
        [("posts/m53.md", 5, "a javascript: link")],
    ),
    Case(
        "a processing instruction",
        "markup",
        {"posts/m54.md": post("M54", body="<?php echo 1; ?>")},
        [("posts/m54.md", 5, "<?php echo 1; ?>, a part of a whole web page")],
    ),
    Case(
        "a style attribute in raw HTML",
        "markup",
        {"posts/m55.md": post("M55", body='<p style="background:url(//evil.example/x)">x</p>')},
        [("posts/m55.md", 5, "a style attribute on <p>")],
    ),
    Case(
        "allowed HTML and Markdown pass whole",
        "markup",
        {
            "posts/m56.md": post(
                "M56 allowed",
                body="A lead.\n{: .lead }\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n"
                "<details><summary>More</summary>\n\nHidden.\n</details>\n\n"
                "```html\n<script>shown as code</script>\n```",
            )
        },
        group="preview-ok",
        check=lambda out: all(
            part in page_of(out, "posts/m56-allowed")
            for part in [
                '<p class="lead">A lead.</p>',
                '<th class="align-center">a</th>',
                "<details><summary>More</summary>",
                "&lt;script&gt;shown as code&lt;/script&gt;",
            ]
        ),
    ),
    Case(
        "an HTML example in a code block is code, not a link",
        "markup",
        {"posts/m58.md": post("M58 example", body='```html\n<img src="m58.png" alt="x">\n```')},
        group="preview-ok",
        check=lambda out: "&lt;img src=" in page_of(out, "posts/m58-example"),
    ),
    # --- Private text: comments and files outside the project --------------------------------
    Case(
        "a comment in a post stays private",
        "private",
        {"posts/p1.md": post("P1 comment", body="Text <!-- P1 client Jane Roe --> more.")},
        [("posts/p1.md", 5, "warning: this HTML comment stays private")],
        group="preview-ok",
        check=nowhere("P1 client"),
    ),
    Case(
        "a comment over lines in a page stays private",
        "private",
        {"pages/p2.md": page("P2 page", body="Text.\n\n<!-- P2 note\nabout a client -->\n\nEnd.")},
        [("pages/p2.md", 6, "warning: this HTML comment stays private")],
        group="preview-ok",
        check=nowhere("P2 note"),
    ),
    Case(
        "comments reach no page, feed or search record of a publish",
        "private",
        {
            "posts/p3.md": post(
                "P3 published", body="Shown words.\n\n<!-- P3 private words -->\n\nMore."
            )
        },
        group="publish-ok",
        check=both(nowhere("P3 private"), in_feed_and_page("Shown words", "posts/p3-published")),
    ),
    Case(
        "a comment never closed",
        "private",
        {"posts/p4.md": post("P4", body="Hi.\n\n<!-- P4 note never closed\n\nMore.")},
        [("posts/p4.md", 7, "an HTML comment starts here with <!-- but never ends")],
    ),
    Case(
        "a comment in the Summary",
        "private",
        {"posts/p5.md": "Title: P5\nDate: 2024-03-05\nSummary: S. <!-- note -->\n\nT.\n"},
        [("posts/p5.md", 3, "the field 'Summary' holds HTML")],
    ),
    Case(
        "a post linked from outside content",
        "private",
        {"posts/p6.md": outside("p6-secret.md")},
        [("posts/p6.md", 1, "outside the content folder")],
    ),
    Case(
        "a picture linked from outside content",
        "private",
        {"images/p7.png": outside("p7-secret.png", "not a picture")},
        [("images/p7.png", 1, "outside the content folder")],
    ),
    Case(
        "a folder linked from outside content",
        "private",
        {"images/p8": outside("p8-folder", folder=True)},
        [("images/p8", 1, "outside the content folder")],
    ),
    Case(
        "a link to nothing",
        "private",
        {"images/p9.png": symlink_to("no-such-file.png")},
        [("images/p9.png", 1, "which does not exist")],
    ),
    Case(
        "a {static} picture outside content is neither read nor copied",
        "private",
        {
            "../p10-secret.png": (REPO / "content/images/social-card.png").read_bytes(),
            "posts/p10.md": post("P10", body="![Secret]({static}/../p10-secret.png)"),
        },
        [("posts/p10.md", 5, "points outside the content folder")],
        check=lambda out: not (out.parent / "derivatives").exists(),
    ),
    Case(
        "a link inside content is fine",
        "private",
        {"images/p11.png": symlink_to("social-card.png")},
        group="preview-ok",
        check=exists("images/p11.png"),
    ),
    # --- Paths: nothing outside the output folder is written ---------------------------------
    Case(
        "an old address above the site",
        "paths",
        {"posts/d1.md": post("D1", "Old-urls: ../x.html")},
        [("posts/d1.md", 4, "the old address '../x.html' would lead outside")],
    ),
    Case(
        "an old address into the theme",
        "paths",
        {"posts/d2.md": post("D2", "Old-urls: ../../theme/templates/base.html")},
        [("posts/d2.md", 4, "would lead outside the site's folder")],
    ),
    Case(
        "an old address on another site",
        "paths",
        {"posts/d3.md": post("D3", "Old-urls: https://other.example/x")},
        [("posts/d3.md", 4, "is a full address")],
    ),
    Case(
        "an old address that is another page's",
        "paths",
        {"posts/d4.md": post("D4", "Old-urls: about/")},
        [("posts/d4.md", 4, "content/pages/about.md, which it would replace")],
    ),
    Case(
        "an old address that is the post's own",
        "paths",
        {"posts/d5.md": post("D5 own", "Old-urls: posts/d5-own/")},
        [("posts/d5.md", 4, "is this post's own address")],
    ),
    Case(
        "an old address that is the home page",
        "paths",
        {"posts/d6.md": post("D6", "Old-urls: index.html")},
        [("posts/d6.md", 4, "is a file or folder the site writes itself")],
    ),
    Case(
        "an old address with a space",
        "paths",
        {"posts/d7.md": post("D7", "Old-urls: old name/")},
        [("posts/d7.md", 4, "holds characters other than")],
    ),
    Case(
        "a slug that climbs out",
        "paths",
        {"posts/d8.md": post("D8", "Slug: ../about")},
        [("posts/d8.md", 4, "the Slug '../about' is not a plain web address name")],
    ),
    Case(
        "a slug with a slash",
        "paths",
        {"posts/d9.md": post("D9", "Slug: a/b")},
        [("posts/d9.md", 4, "the Slug 'a/b' is not a plain web address name")],
    ),
    Case(
        "a slug with a space",
        "paths",
        {"posts/d10.md": post("D10", "Slug: My Post")},
        [("posts/d10.md", 4, "the Slug 'My Post' is not a plain web address name")],
    ),
    Case(
        "a template that climbs out",
        "paths",
        {"posts/d11.md": post("D11", "Template: ../..")},
        [("posts/d11.md", 4, "the theme has no template '../..'")],
    ),
    Case(
        "a template that does not exist",
        "paths",
        {"pages/d12.md": page("D12 page", "Template: fancy")},
        [("pages/d12.md", 3, "the theme has no template 'fancy'")],
    ),
    Case(
        "a Save_as above the site",
        "paths",
        {"pages/d13.md": page("D13 page", "Save_as: ../x.html")},
        [("pages/d13.md", 3, "Save_as '../x.html' would lead outside")],
    ),
    Case(
        "a Save_as over the tags page",
        "paths",
        {"pages/d14.md": page("D14 page", "Save_as: tags/index.html")},
        [("pages/d14.md", 3, "Save_as 'tags/index.html' is a file or folder the site writes")],
    ),
    Case(
        "a Save_as that is no page",
        "paths",
        {"pages/d15.md": page("D15 page", "Save_as: d15.js")},
        [("pages/d15.md", 3, "Save_as 'd15.js' does not end in .html")],
    ),
    Case(
        "a Save_as over another page",
        "paths",
        {"pages/d15b.md": page("D15b page", "Save_as: privacy/index.html")},
        [
            ("pages/d15b.md", 3, "the address 'privacy/index.html' is used by 2 files"),
            ("pages/privacy.md", 1, "the address 'privacy/index.html' is used by 2 files"),
        ],
    ),
    Case(
        "a URL and a Save_as over a post",
        "paths",
        {
            "pages/d15c.md": page("D15c page", "URL: posts/d15d/"),
            "pages/d15e.md": page("D15e page", "Save_as: posts/d15d/index.html"),
            "posts/d15d.md": post("D15d"),
        },
        [
            ("pages/d15c.md", 3, "the address 'posts/d15d/index.html' is used by 3 files"),
            ("pages/d15e.md", 3, "the address 'posts/d15d/index.html' is used by 3 files"),
            ("posts/d15d.md", 1, "the address 'posts/d15d/index.html' is used by 3 files"),
        ],
    ),
    Case(
        "a URL on another site",
        "paths",
        {"pages/d16.md": page("D16 page", "URL: https://evil.example/")},
        [("pages/d16.md", 3, "URL 'https://evil.example/' is a full address")],
    ),
    Case(
        "a URL that climbs out",
        "paths",
        {"pages/d17.md": page("D17 page", "URL: ../up/")},
        [("pages/d17.md", 3, "URL '../up/' would lead outside")],
    ),
    Case(
        "an absolute Save_as",
        "paths",
        {"pages/d18.md": page("D18 page", "Save_as: /etc/d18.html")},
        [("pages/d18.md", 3, "Save_as '/etc/d18.html' starts with /")],
    ),
    Case(
        "a {filename} link leading out of content",
        "paths",
        {"posts/d19.md": post("D19", body="[Settings]({filename}../../pelicanconf.py)")},
        [("posts/d19.md", 5, "points outside the content folder")],
    ),
    Case(
        "an old address in the search bundle",
        "paths",
        {"posts/d20.md": post("D20", "Old-urls: pagefind/pagefind.js")},
        [("posts/d20.md", 4, "is a file or folder the site writes itself")],
    ),
    # --- Quiet losses: each becomes an error or does what the author meant -------------------
    Case(
        "a post ending in .MD",
        "losses",
        {"posts/l1.MD": post("L1")},
        [("posts/l1.MD", 1, "its name ends in '.MD'; only lower-case '.md' is read")],
    ),
    Case(
        "a post ending in .Markdown",
        "losses",
        {"posts/l2.Markdown": post("L2")},
        [("posts/l2.Markdown", 1, "only lower-case '.markdown' is read")],
    ),
    Case(
        "a link to a draft when publishing",
        "losses",
        {
            "posts/l3.md": post("L3", body="See [the draft]({filename}l3-draft.md)."),
            "posts/l3-draft.md": post("L3 draft", "Status: draft"),
        },
        [("posts/l3.md", 5, "the link to l3-draft.md leads to a draft")],
        group="publish",
    ),
    Case(
        "a link to a draft in the preview is a reminder",
        "losses",
        {
            "posts/l4.md": post("L4 linking", body="See [the draft]({filename}l4-draft.md)."),
            "posts/l4-draft.md": post("L4 draft", "Status: draft"),
        },
        [("posts/l4.md", 5, "warning: the link to l4-draft.md leads to a draft")],
        group="preview-ok",
        check=exists("drafts/l4-draft/index.html"),
    ),
    Case(
        "a link to a scheduled post when publishing",
        "losses",
        {
            "posts/l5.md": post("L5", body="Soon: [the next one]({filename}l5-later.md)."),
            "posts/l5-later.md": post("L5 later", date="2999-01-01 09:00"),
        },
        [("posts/l5.md", 5, "leads to a post scheduled for 2999-01-01 09:00")],
        group="publish",
    ),
    Case(
        "a link from a page to a draft when publishing",
        "losses",
        {
            "pages/l6.md": page("L6 page", body="See [it]({filename}../posts/l6-draft.md)."),
            "posts/l6-draft.md": post("L6 draft", "Status: draft"),
        },
        [("pages/l6.md", 4, "the link to l6-draft.md leads to a draft")],
        group="publish",
    ),
    Case(
        "an empty post",
        "losses",
        {"posts/l7.md": "Title: L7\nDate: 2024-03-05\nSummary: S.\n"},
        [("posts/l7.md", 4, "the text is empty")],
    ),
    Case(
        "a post of blank lines",
        "losses",
        {"posts/l8.md": "Title: L8\nDate: 2024-03-05\nSummary: S.\n\n \n\t\n"},
        [("posts/l8.md", 4, "the text is empty")],
    ),
    Case(
        "a reference link never defined",
        "losses",
        {"posts/l9.md": post("L9", body="Read [the study][fda-2023] first.")},
        [("posts/l9.md", 5, "the link [the study][fda-2023] has no address")],
    ),
    Case(
        "a short reference link never defined",
        "losses",
        {"posts/l10.md": post("L10", body="Read [the label][] first.")},
        [("posts/l10.md", 5, "the link [the label][] has no address")],
    ),
    Case(
        "a reference link defined below works",
        "losses",
        {
            "posts/l11.md": post(
                "L11 reference", body="Read [the study][S1].\n\n[s1]: https://example.org/study"
            )
        },
        group="preview-ok",
        check=lambda out: 'href="https://example.org/study"' in page_of(out, "posts/l11-reference"),
    ),
    Case(
        "empty and repeated tags",
        "losses",
        {"posts/l12.md": post("L12", "Tags: L12tag, , l12TAG, L12tag")},
        [
            ("posts/l12.md", 4, "the Tags have an empty entry"),
            ("posts/l12.md", 4, "the tag 'l12TAG' repeats 'L12tag'"),
            ("posts/l12.md", 4, "the tag 'L12tag' repeats 'L12tag'"),
        ],
    ),
    Case(
        "tags separated two ways",
        "losses",
        {"posts/l13.md": post("L13", "Tags: l13a; l13b, l13c")},
        [("posts/l13.md", 4, "the Tags mix commas and semicolons")],
    ),
    Case(
        "a topic spelt two ways",
        "losses",
        {
            "posts/l14a.md": post("L14a", "Category: L14 Couples Work"),
            "posts/l14b.md": post("L14b", "Category: l14 couples work"),
        },
        [("posts/l14b.md", 4, "the topic 'l14 couples work' is spelt 'L14 Couples Work'")],
    ),
    Case(
        "the default topic spelt another way",
        "losses",
        {"posts/l15.md": post("L15", "Category: ketamine Therapy")},
        [("posts/l15.md", 4, "the topic 'ketamine Therapy' is spelt 'Ketamine therapy'")],
    ),
    Case(
        "a tag spelt two ways across posts",
        "losses",
        {
            "posts/l16a.md": post("L16a", "Tags: L16tag"),
            "posts/l16b.md": post("L16b", "Tags: l16TAG"),
        },
        [("posts/l16b.md", 4, "the tag 'l16TAG' is spelt 'L16tag' elsewhere")],
    ),
    Case(
        "two topics in one Category",
        "losses",
        {"posts/l17.md": post("L17", "Category: Integration, Science")},
        [("posts/l17.md", 4, "names more than one topic")],
    ),
    Case(
        "an empty Category",
        "losses",
        {"posts/l18.md": post("L18", "Category:")},
        [("posts/l18.md", 4, "the field 'Category' is empty")],
    ),
    Case(
        "a topic of emoji only",
        "losses",
        {"posts/l19.md": post("L19", "Category: 🌿")},
        [("posts/l19.md", 4, "the topic '🌿' gives an empty web address")],
    ),
    Case(
        "Modified before Date",
        "losses",
        {"posts/l20.md": post("L20", "Modified: 2023-01-01")},
        [("posts/l20.md", 4, "Modified (2023-01-01) is before the Date (2024-03-05 10:00)")],
    ),
    Case(
        "Updated before Date",
        "losses",
        {"posts/l21.md": post("L21", "Updated: 2024-03-04")},
        [("posts/l21.md", 4, "Updated (2024-03-04) is before the Date")],
    ),
    Case(
        "no Category takes the default topic",
        "losses",
        {"posts/l22.md": post("L22 default topic")},
        group="preview-ok",
        check=both(
            absent("topics/posts"),
            lambda out: "L22 default topic" in page_of(out, "topics/ketamine-therapy"),
        ),
    ),
    Case(
        "a code fence never closed",
        "losses",
        {"posts/l23.md": post("L23", body="Intro.\n\n```python\nprint(1)")},
        [("posts/l23.md", 7, "the code block opened here with ```python is never closed")],
    ),
    Case(
        "a tag of emoji only",
        "losses",
        {"posts/l24.md": post("L24", "Tags: 🌿")},
        [("posts/l24.md", 4, "the tag '🌿' gives an empty web address")],
    ),
    # --- Faults in the content: one sentence, never a traceback ------------------------------
    Case(
        "a damaged picture",
        "faults",
        {
            "images/x1.png": damaged_png,
            "posts/x1.md": post("X1", body="![A picture]({static}/images/x1.png)"),
        },
        [("posts/x1.md", 5, "the picture images/x1.png cannot be read")],
    ),
    Case(
        "a picture cut short",
        "faults",
        {
            "images/x2.png": truncated_png,
            "posts/x2.md": post("X2", body="![A picture]({static}/images/x2.png)"),
        },
        [("images/x2.png", 1, "this picture cannot be read")],
    ),
    Case(
        "a damaged picture named as a post's share image",
        "faults",
        {
            "images/x5.png": damaged_png,
            "posts/x5.md": post("X5", "Image: {static}/images/x5.png\nImage-alt: A picture"),
        },
        [("posts/x5.md", 4, "the Image '{static}/images/x5.png' cannot be read as a picture")],
    ),
    Case(
        "a .html file under content",
        "faults",
        {"extra/x3.html": "<script>alert(1)</script>"},
        [("extra/x3.html", 1, "would be published as code")],
    ),
    Case(
        "a .js file the settings list is published",
        "faults",
        {"images/x4-widget.js": "console.log('listed in ALLOWED_CODE_FILES');\n"},
        group="preview-ok",
        check=exists("images/x4-widget.js"),
    ),
]


def write_case_files(content: Path, case: Case) -> None:
    for relative, text in case.files.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(text):
            text(path)
        elif isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_bytes(text.encode("utf-8"))


# Every published post in a preview is reminded that it awaits the therapist's review; that
# reminder is about the practice's sign-off, not about the bad input a case tests.
REVIEW_REMINDER = "has not been reviewed by the practice"


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """One build per group, made when its first case asks: (result, content, output)."""
    results = {}

    def get(group: str):
        if group not in results:
            root = tmp_path_factory.mktemp(group)
            content = copy_content(root)
            sign_off(content, date.today())
            for case in CASES:
                if case.group == group:
                    write_case_files(content, case)
            if group == "publish-ok":
                sign_off(content, date.today())  # a publish that should succeed is reviewed
            settings, _code = GROUPS[group]
            publishing = settings == "publishconf.py"
            result = build(
                content,
                root / "out",
                settings,
                extra={
                    **(TEST_PRACTICE if publishing else {}),
                    "SEARCH_INDEX": publishing,
                    **GROUP_SETTINGS.get(group, {}),
                },
                env={"SITEURL": SITEURL} if publishing else None,
            )
            results[group] = (result, content, root / "out")
        return results[group]

    return get


PROBLEM = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<rest>.*)$")


@pytest.mark.parametrize(
    "case",
    # The cases of one group run on one worker, so each group is built once.
    [pytest.param(c, marks=pytest.mark.xdist_group(f"bad-input-{c.group}")) for c in CASES],
    ids=[case.name for case in CASES],
)
def test_bad_input_ends_in_its_message_or_does_what_was_meant(built, case):
    result, content, output = built(case.group)
    _settings, code = GROUPS[case.group]
    assert result.returncode == code, result.stderr[-3000:]
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    for relative, line, phrase in case.expected:
        prefix = f"{content / relative}:{line}: "
        found = [text for text in lines if text.startswith(prefix)]
        assert any(phrase in text and ". Fix: " in text for text in found), (phrase, found)
    # Nothing else is said about the case's files: each problem is reported once, as expected.
    files = {str(content / relative) for relative in case.files}
    for text in lines:
        match = PROBLEM.match(text)
        if match and match["path"] in files and ". Fix: " in text and REVIEW_REMINDER not in text:
            relative = os.path.relpath(match["path"], content)
            assert any(
                (relative, int(match["line"])) == (r, n) and phrase in match["rest"]
                for r, n, phrase in case.expected
            ), f"unexpected: {text}"
    if case.check is not None:
        assert case.check(output) is not False


def test_the_table_covers_every_class_with_enough_cases():
    kinds = [case.kind for case in CASES]
    assert len(CASES) >= 80
    assert {kind: kinds.count(kind) >= 3 for kind in set(kinds)} == dict.fromkeys(set(kinds), True)
