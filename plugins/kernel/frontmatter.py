"""The one reader of a post's fields: the content rules check what it reads, and Pelican reads
posts through it (plugins/markdown_reader), so both always agree on where the fields end.

A file starts with its fields, one `Name: value` per line (a line indented under a field
continues it), then one blank line, then the text. Anything that would make a reader end the
fields early, or spill fields into the text, is a problem with its line and the fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .problems import Problem

# Every field a post or page may use, lower-case name -> the spelling the guide shows.
KNOWN_FIELDS = {
    "title": "Title",
    "date": "Date",
    "updated": "Updated",
    "modified": "Modified",
    "category": "Category",
    "tags": "Tags",
    "summary": "Summary",
    "slug": "Slug",
    "status": "Status",
    "reviewed": "Reviewed",
    "content-note": "Content-note",
    "image": "Image",
    "image-alt": "Image-alt",
    "accept-claims": "Accept-claims",
    "old-urls": "Old-urls",
    "journey": "Journey",
    "step": "Step",
    "author": "Author",
    "template": "Template",
    "save_as": "Save_as",
    "url": "URL",
}
FIELD_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)[ \t]*:[ \t]?(.*)$")
# A field name typed with spaces, "Content note: ...": the words before a colon.
SPACED_FIELD = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*(?:[ \t]+[A-Za-z0-9_-]+){1,3})[ \t]*:")


@dataclass
class Source:
    """A content file split into its fields and its text, with line numbers."""

    path: str
    fields: dict[str, tuple[int, str]] = field(default_factory=dict)  # lower-case name
    names: dict[str, str] = field(default_factory=dict)  # lower-case name -> as written
    body_start: int = 1  # line number of the first line of the text
    body: str = ""
    duplicates: list[tuple[int, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def get(self, key: str, default: str = "") -> str:
        return self.fields.get(key.lower(), (0, default))[1]

    def line_of(self, key: str) -> int:
        return self.fields.get(key.lower(), (1, ""))[0]


class NotText(ValueError):
    """The file is not UTF-8 text; carries the problem naming the first bad byte."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def decode(path: str, raw: bytes) -> str:
    """UTF-8 (a byte-order mark allowed) with every line ending made a newline."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise NotText(
            Problem(
                path,
                line,
                "this file is not saved as UTF-8 text "
                f"(byte 0x{raw[error.start]:02x} cannot be read)",
                "save it as UTF-8 (in most editors: Save As, Encoding, UTF-8)",
            )
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read(path: str) -> Source:
    """Read and parse the file at `path`; raises NotText when it is not UTF-8."""
    with open(path, "rb") as handle:
        return parse(path, decode(path, handle.read()))


def parse(path: str, text: str) -> Source:
    """Split `text` into fields (until the first blank line) and the text after it."""
    source = Source(path=path)
    lines = text.split("\n")
    if not text.strip():
        source.problems.append(
            Problem(
                path,
                1,
                "the file is empty",
                "add the fields Title, Date and Summary at the top, or delete the file "
                '(`make post TITLE="..."` writes a ready one)',
            )
        )
        return source
    first = lines[0].strip()
    if first in ("---", "+++"):
        kind = "YAML" if first == "---" else "TOML"
        source.problems.append(
            Problem(
                path,
                1,
                f"the file starts with {kind} front matter ('{first}'), which this site does "
                "not read",
                f"delete the '{first}' lines and write each field as 'Title: ...' on its own "
                "line at the very top of the file",
            )
        )
        return source
    if not first:
        blank = next(i for i, line in enumerate(lines) if line.strip())
        if FIELD_LINE.match(lines[blank]):
            source.problems.append(
                Problem(
                    path,
                    1,
                    f"the file starts with {blank} blank {'line' if blank == 1 else 'lines'}, "
                    "so the fields below are read as text",
                    "delete the blank lines so 'Title:' is on line 1",
                )
            )
        return source
    index, last_key = 0, None
    while index < len(lines) and lines[index].strip():
        line = lines[index]
        match = FIELD_LINE.match(line)
        if match:
            key = match.group(1).lower()
            if key in source.fields:
                source.duplicates.append((index + 1, match.group(1)))
            source.fields[key] = (index + 1, match.group(2).strip())
            source.names[key] = match.group(1)
            last_key = key
        elif line[:1] in (" ", "\t") and last_key:
            number, value = source.fields[last_key]
            source.fields[last_key] = (number, f"{value} {line.strip()}")
        else:
            source.problems.append(not_a_field(path, index + 1, line))
            source.body_start = index + 1
            source.body = "\n".join(lines[index:])
            return source
        index += 1
    source.body_start = index + 2  # after the blank line that ends the fields
    source.body = "\n".join(lines[index + 1 :])
    spilled = fields_after_blank_line(lines, index)
    if spilled:
        source.problems.append(
            Problem(
                path,
                spilled,
                "the fields continue after a blank line, so the ones below it would be "
                "printed as text",
                f"delete the blank line above line {spilled}: the fields need no blank line "
                "between them, only one after the last",
            )
        )
    return source


def not_a_field(path: str, number: int, line: str) -> Problem:
    """The header ends at a line that is no field and no blank line: say what was meant."""
    spaced = SPACED_FIELD.match(line)
    if spaced:
        name = re.sub(r"[ \t]+", "-", spaced.group(1)).lower()
        if name in KNOWN_FIELDS:
            return Problem(
                path,
                number,
                f"the field name '{spaced.group(1)}' has a space in it, so it is not read "
                "as a field",
                f"write it as '{KNOWN_FIELDS[name]}:'",
            )
    return Problem(
        path,
        number,
        "this line is not a field ('Name: value') and no blank line separates the fields "
        "from the text",
        "if it continues the field above, put it on that line (or indent it); if the text "
        "starts here, put one blank line before it",
    )


def fields_after_blank_line(lines: list[str], blank: int) -> int:
    """Line number of a paragraph of known fields right after the blank line at index
    `blank` (where the fields ended), else 0."""
    first = blank + 1
    while first < len(lines) and not lines[first].strip():
        first += 1
    number = first
    while number < len(lines) and lines[number].strip():
        match = FIELD_LINE.match(lines[number])
        if not match or match.group(1).lower() not in KNOWN_FIELDS:
            return 0
        number += 1
    return first + 1 if number > first else 0
