"""`make check`: the Flesch–Kincaid grade of every post and page, with its three longest
sentences. A guide for the writer; only the pages in READABILITY_LIMITS are held to a grade, by
`make publish`. The measuring is plugins/kernel/readability.py, the same as the build's."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kernel import readability

GUIDE = "Grade 8 or below reads easily for most adults; this is a guide, not a rule."


@dataclass
class Row:
    path: str
    grade: float
    words: int
    longest: list[tuple[int, int, str]]  # (line, words, sentence)
    limit: float | None = None

    @property
    def over_limit(self) -> bool:
        return self.limit is not None and self.grade > self.limit


def settings_for_reading(settings_file: str = "pelicanconf.py") -> dict:
    from pelican.settings import read_settings

    return read_settings(settings_file)


def report(content: str = "content", settings: dict | None = None) -> list[Row]:
    """One row per post and page under `content`, posts first."""
    settings = settings if settings is not None else settings_for_reading()
    limits = settings.get("READABILITY_LIMITS", {})
    rows = []
    for folder in ("posts", "pages"):
        for path in sorted(Path(content, folder).rglob("*.md")):
            relative = path.relative_to(content).as_posix()
            rows.append(measure(str(path), settings, limits.get(relative)))
    return rows


def measure(path: str, settings: dict, limit: float | None = None) -> Row:
    found = readability.measure(path, settings)
    longest = [
        (readability.line_of_sentence(path, s), readability.word_count(s), s) for s in found.longest
    ]
    return Row(path, found.grade, found.words, longest, limit)


def describe(row: Row) -> list[str]:
    """The lines `make check` (and the preview's notes) print for one file."""
    limit = ""
    if row.limit is not None:
        limit = (
            f" (above its limit of {row.limit}: `make publish` refuses it)"
            if row.over_limit
            else f" (limit {row.limit})"
        )
    lines = [f"{row.path}: grade {row.grade:.1f}, {row.words} words{limit}"]
    for line, words, sentence in row.longest:
        lines.append(f"  {row.path}:{line}: {words} words: {sentence}")
    return lines
