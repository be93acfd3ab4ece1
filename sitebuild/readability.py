"""Flesch–Kincaid grade level per post, for `make check`: a report, never a gate."""

from __future__ import annotations

import re
from pathlib import Path

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)")
MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[#*_>`{}|]|^\s*[-+] ", re.MULTILINE)


def syllables(word: str) -> int:
    """Count vowel groups, a standard approximation; a silent final e does not count."""
    word = word.lower().strip("'’-")
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(1, count)


def grade(text: str) -> tuple[float, int]:
    """(Flesch–Kincaid grade, word count) of plain text."""
    words = WORD.findall(text)
    if not words:
        return 0.0, 0
    sentences = max(1, len(SENTENCE_END.findall(text)))
    syllable_count = sum(syllables(w) for w in words)
    score = 0.39 * len(words) / sentences + 11.8 * syllable_count / len(words) - 15.59
    return round(score, 1), len(words)


def body_of(markdown: str) -> str:
    """The post text without its fields and Markdown punctuation."""
    body = markdown.split("\n\n", 1)[1] if "\n\n" in markdown else ""
    return MARKUP.sub(lambda m: m.group(1) or " ", body)


def report(posts_folder: str = "content/posts") -> list[tuple[str, float, int]]:
    rows = []
    for path in sorted(Path(posts_folder).glob("*.md")):
        score, words = grade(body_of(path.read_text(encoding="utf-8")))
        rows.append((str(path), score, words))
    return rows
