"""Pelican reads Markdown posts through the one reader of fields (kernel.frontmatter), so the
content rules and the site never disagree on where a post's fields end.

The fields come from kernel.frontmatter; the text after them is converted by Python-Markdown
with the extensions in MARKDOWN, one file after another as Pelican reads them.
"""

from markdown import Markdown
from pelican import signals
from pelican.readers import MarkdownReader

from kernel import content
from kernel.markdown_settings import markdown_config


class FieldsMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, with the fields read by kernel.frontmatter."""

    def __init__(self, settings):
        super().__init__(settings)
        # One converter for the whole build, reset before each text: building one with its
        # extensions costs about a tenth of converting a post.
        self.converter = Markdown(**markdown_config(settings))

    def convert(self, text: str) -> str:
        self.converter.reset()
        return self.converter.convert(text)

    def read(self, source_path):
        source = content.source_of(source_path)
        formatted = set(self.settings["FORMATTED_FIELDS"])
        html = self.convert(source.body)
        formatted_html = {
            name: self.convert(value)
            for name, (_line, value) in source.fields.items()
            if name in formatted
        }
        return html, self.metadata_of(source, formatted_html)

    def metadata_of(self, source, formatted_html: dict[str, str]) -> dict:
        """Each field as Pelican's own reader would give it (formatted fields as HTML)."""
        return {
            name: self.process_metadata(name, formatted_html.get(name, value))
            for name, (_line, value) in source.fields.items()
        }


def use_fields_reader(readers) -> None:
    for extension in MarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = FieldsMarkdownReader


def register():
    # Before any file is read: Pelican's readers are being chosen.
    signals.readers_init.connect(use_fields_reader)
