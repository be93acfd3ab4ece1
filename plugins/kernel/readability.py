"""How hard a post or page is to read: the Flesch–Kincaid grade of its prose, and its longest
sentences. The build holds some pages to a grade (READABILITY_LIMITS, plugins/safety); `make
check` and the preview's notes show every grade.

What counts as prose: the text of paragraphs, list items, headings, table cells and quotes, as
Markdown renders the body (with `{practice:NAME}` filled in). A heading or a list item is a
sentence of its own, full stop or not. Code is left out, and so are citations: a link standing
alone in parentheses, `([Dore 2019](https://doi.org/...))`, or a link whose text is a name and a
year, `[Zarate 2006](...)`.

textstat counts the words and the syllables (from the CMU Pronouncing Dictionary, with pyphen
for words it lacks). The sentences are counted here: textstat sees plain text, so it cannot
know where a heading or a list item ended, and it drops sentences of two words or fewer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser

from . import content
from .markdown_settings import markdown_config

# A citation: one or more links alone inside parentheses, or a link whose text is a name and
# a year ("Popova 2019", "FDA, 2023", "Smith et al. 2020").
CITATION_IN_PARENTHESES = re.compile(
    r"\(\s*<a\b[^>]*>[^<]*</a>(?:\s*[;,]\s*<a\b[^>]*>[^<]*</a>)*\s*\)", re.IGNORECASE
)
CITATION_BY_AUTHOR_YEAR = re.compile(
    r"<a\b[^>]*>\s*[A-Z][^<]{0,60}?,?\s(?:1[89]|20)\d\d[a-z]?\s*</a>", re.IGNORECASE
)
PRACTICE_VALUE = re.compile(r"\{practice:([A-Za-z0-9_]+)\}")
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "figcaption"}
SKIPPED = {"pre", "code", "script", "style"}
# Up to the first full stop, question or exclamation mark followed by a space, or the end.
SENTENCE = re.compile(r"\S.*?(?:[.!?…]+[\"”’')\]]*(?=\s|$)|$)", re.DOTALL)
WORD = re.compile(r"[A-Za-z0-9][\w’'-]*")
# Typographic marks textstat would glue words with or miss contractions by.
PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": " ", "–": " "})


@dataclass(frozen=True)
class Readability:
    grade: float  # Flesch–Kincaid grade, one decimal
    words: int
    sentences: int
    longest: list[str] = field(default_factory=list)  # the three longest sentences, longest first


class ProseParser(HTMLParser):
    """The text of each block (paragraph, list item, heading, cell), code left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skipping = 0

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skipping += 1
        elif tag in BLOCKS or tag in ("ul", "ol", "blockquote", "table", "br"):
            self.flush()

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCKS or tag in ("ul", "ol", "blockquote", "table"):
            self.flush()

    def handle_data(self, data):
        if not self.skipping:
            self.current.append(data)

    def close(self):
        super().close()
        self.flush()


def without_citations(html: str) -> str:
    return CITATION_BY_AUTHOR_YEAR.sub("", CITATION_IN_PARENTHESES.sub("", html))


def sentences(html: str) -> list[str]:
    """The prose sentences of rendered HTML: headings and list items are sentences too."""
    parser = ProseParser()
    parser.feed(without_citations(html))
    parser.close()
    found = []
    for block in parser.blocks:
        for match in SENTENCE.finditer(block):
            sentence = match.group(0).strip()
            # What a removed citation leaves behind: " ." or " ):" before the end.
            sentence = re.sub(r"\s+([.,;:!?])", r"\1", sentence)
            if WORD.search(sentence):
                found.append(sentence)
    return found


def word_count(sentence: str) -> int:
    return len(WORD.findall(sentence))


@lru_cache(maxsize=4096)
def grade_of(found: tuple[str, ...]) -> Readability:
    """The Flesch–Kincaid grade of these sentences: words and syllables counted by textstat."""
    import textstat

    if not found:
        return Readability(0.0, 0, 0)
    text = " ".join(found).translate(PLAIN)
    words = textstat.lexicon_count(text)
    if not words:
        return Readability(0.0, 0, len(found))
    syllables = textstat.syllable_count(text)
    score = 0.39 * words / len(found) + 11.8 * syllables / words - 15.59
    longest = sorted(found, key=word_count, reverse=True)[:3]
    return Readability(round(score, 1), words, len(found), longest)


# One converter per Markdown configuration, reset before each text: building one with its
# extensions costs about a tenth of converting a post (as in plugins/markdown_reader).
converters: dict = {}


def markdown_html(body: str, settings: dict) -> str:
    """The body as the site renders it, for reading: practice values filled in, Markdown with
    the extensions in MARKDOWN."""
    import markdown

    def value(match: re.Match) -> str:
        return str(settings.get(match.group(1), match.group(0)))

    config = markdown_config(settings)
    options = {
        "extensions": config["extensions"],
        "extension_configs": config["extension_configs"],
        "output_format": config.get("output_format", "html5"),
    }
    key = repr(options)
    converter = converters.get(key)
    if converter is None:
        converter = converters[key] = markdown.Markdown(**options)
    converter.reset()
    return converter.convert(PRACTICE_VALUE.sub(value, body))


def measure(path: str, settings: dict) -> Readability:
    """The readability of the post or page at `path`."""
    source = content.source_of(path)
    return grade_of(tuple(sentences(markdown_html(source.body, settings))))


def line_of_sentence(path: str, sentence: str, default: int = 1) -> int:
    """The line of the source where `sentence` starts (its first words, whatever markup or line
    breaks stand between them)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    except OSError:
        return default
    words = WORD.findall(sentence.translate(PLAIN))
    for count in (5, 3, 1):
        if len(words) < count and count > 1:
            continue
        pattern = r"\W+".join(re.escape(w).replace("'", "['’]") for w in words[:count])
        if not pattern:
            break
        match = re.search(r"(?<!\w)" + pattern, text)
        if match:
            return text.count("\n", 0, match.start()) + 1
    return default
