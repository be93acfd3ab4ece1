"""Skip Python-Markdown's inline patterns on text that none of them can match.

Python-Markdown tries each of its 14 inline patterns (links, emphasis, code, entities, inline
HTML, line breaks...) on every run of text, even plain prose: about half of converting a post.
Every one of those patterns needs one of the characters ` \\ [ < & * _ or a line ending in two
spaces; a run of text with none of them comes out unchanged, so it is passed straight through.
With any other set of inline patterns (an added extension), nothing is skipped.
"""

import re

from markdown import Markdown
from markdown.treeprocessors import InlineProcessor

DEFAULT_PATTERNS = {
    "backtick",
    "escape",
    "reference",
    "link",
    "image_link",
    "image_reference",
    "short_reference",
    "short_image_ref",
    "autolink",
    "automail",
    "linebreak",
    "html",
    "entity",
    "em_strong",
}
MAY_MATCH = re.compile(r"[`\\\[<&*_]|  \n")


class PlainTextInlineProcessor(InlineProcessor):
    def _InlineProcessor__handleInline(self, data, patternIndex=0):
        if patternIndex == 0 and MAY_MATCH.search(data) is None:
            return data
        return InlineProcessor._InlineProcessor__handleInline(self, data, patternIndex)


def skip_plain_text(md: Markdown) -> Markdown:
    """Install the shortcut on `md` when its inline patterns are exactly the default ones."""
    if {item.name for item in md.inlinePatterns._priority} == DEFAULT_PATTERNS:
        md.treeprocessors.register(PlainTextInlineProcessor(md), "inline", 20)
    return md
