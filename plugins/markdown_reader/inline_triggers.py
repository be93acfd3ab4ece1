"""Try each of Python-Markdown's inline patterns only on text that holds its first character.

Python-Markdown tries each of its 14 inline patterns (code, escapes, links, images, autolinks,
line breaks, inline HTML, entities, emphasis) on every run of text, one after the other, each a
regular-expression search over the whole run: about half of converting a post. No pattern can
match without certain characters (a link needs `[`, emphasis `*` or `_`, an entity `&`, ...);
when a run holds none of a pattern's characters, that pattern is passed over. The output is the
same, byte for byte (tests compare it on tricky Markdown, the real posts and generated ones).
With any other set of inline patterns (an added extension), nothing is passed over.

This overrides the inline processor's private loop, so it runs only on the Markdown release it
was written for (kernel.speedups).
"""

from markdown import Markdown, util
from markdown.treeprocessors import InlineProcessor

# Pattern name -> the strings one of which any match of it contains.
TRIGGERS = {
    "backtick": ("`",),
    "escape": ("\\",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("![",),
    "image_reference": ("![",),
    "short_reference": ("[",),
    "short_image_ref": ("![",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "html": ("<",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
}


class TriggeredInlineProcessor(InlineProcessor):
    """Markdown's inline processor, passing over patterns whose characters are absent."""

    def __init__(self, md: Markdown, triggers: list[tuple[str, ...]]):
        super().__init__(md)
        self.triggers = triggers

    def _InlineProcessor__handleInline(self, data, patternIndex=0):
        # InlineProcessor.__handleInline, with the pass-over added.
        if not isinstance(data, util.AtomicString):
            start = 0
            count = len(self.inlinePatterns)
            while patternIndex < count:
                if not any(trigger in data for trigger in self.triggers[patternIndex]):
                    patternIndex += 1
                    start = 0
                    continue
                data, matched, start = self._InlineProcessor__applyPattern(
                    self.inlinePatterns[patternIndex], data, patternIndex, start
                )
                if not matched:
                    patternIndex += 1
        return data


def use_triggers(md: Markdown) -> Markdown:
    """Install the pass-over on `md` when its inline patterns are exactly the default ones."""
    names = [item.name for item in md.inlinePatterns._priority]
    if set(names) == set(TRIGGERS):
        md.treeprocessors.register(
            TriggeredInlineProcessor(md, [TRIGGERS[name] for name in names]), "inline", 20
        )
    return md
