"""Read a Markdown post's header the way Pelican will, keeping line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FIELD_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:\s?(.*)$")


@dataclass
class Source:
    """A content file split into its header fields and its body, with line numbers."""

    path: str
    fields: dict[str, tuple[int, str]] = field(default_factory=dict)  # lower-case key
    names: dict[str, str] = field(default_factory=dict)  # lower-case key -> as written
    body_start: int = 1  # line number of the first body line
    body: str = ""
    duplicates: list[tuple[int, str]] = field(default_factory=list)

    def get(self, key: str, default: str = "") -> str:
        return self.fields.get(key.lower(), (0, default))[1]

    def line_of(self, key: str) -> int:
        return self.fields.get(key.lower(), (1, ""))[0]


def parse(path: str, text: str) -> Source:
    """Split `text` into header fields (until the first blank line) and body."""
    source = Source(path=path)
    lines = text.split("\n")
    index = 0
    last_key = None
    while index < len(lines):
        line = lines[index].rstrip("\r")
        if not line.strip():
            break
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
            break
        index += 1
    source.body_start = index + 1
    source.body = "\n".join(lines[index:])
    return source
