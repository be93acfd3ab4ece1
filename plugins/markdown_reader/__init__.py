"""Pelican reads Markdown posts through the one reader of fields (kernel.frontmatter), so the
content rules and the site never disagree on where a post's fields end.

The fields come from kernel.frontmatter; the text after them is converted by Python-Markdown
with the extensions in MARKDOWN. On a cold build the conversions run on every core
(`parallel.py`), because Markdown is most of a build and Pelican reads files one by one.
"""

import weakref

from pelican import signals
from pelican.readers import MarkdownReader

from kernel import content, speedups

from . import parallel

META_EXTENSION = "markdown.extensions.meta"
# The Readers object of this build, which holds Pelican's content cache.
owners: "weakref.WeakSet" = weakref.WeakSet()


def markdown_config(settings: dict) -> dict:
    """MARKDOWN without the meta extension: the fields are read before Markdown sees the text."""
    config = dict(settings["MARKDOWN"])
    config["extensions"] = [e for e in config.get("extensions", []) if e != META_EXTENSION]
    config["extension_configs"] = {
        name: value
        for name, value in config.get("extension_configs", {}).items()
        if name != META_EXTENSION
    }
    for name in config["extension_configs"]:
        if name not in config["extensions"]:
            config["extensions"].append(name)
    return config


class FieldsMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, with the fields read by kernel.frontmatter."""

    def __init__(self, settings):
        super().__init__(settings)
        self.config = markdown_config(settings)
        self.fast = speedups.allowed(settings, "inline-triggers", ("Markdown",))
        self.parallel = speedups.allowed(settings, "parallel-markdown", ("pelican", "Markdown"))

    def read(self, source_path):
        source = content.source_of(source_path)
        formatted = set(self.settings["FORMATTED_FIELDS"])
        if self.parallel:
            owner = next((o for o in owners if self in o.readers.values()), None)
            parallel.prefetch(
                source_path, self.settings["PATH"], owner, self.config, self.fast, formatted
            )
        converted = parallel.take(source_path)
        if converted is None:
            fields = {n: v for n, (_line, v) in source.fields.items() if n in formatted}
            converted = parallel.convert(source.body, fields, self.config, self.fast)
        html, formatted_html = converted
        return html, self.metadata_of(source, formatted_html)

    def metadata_of(self, source, formatted_html: dict[str, str]) -> dict:
        """Each field as Pelican's own reader would give it (formatted fields as HTML)."""
        return {
            name: self.process_metadata(name, formatted_html.get(name, value))
            for name, (_line, value) in source.fields.items()
        }


def use_fields_reader(readers) -> None:
    owners.add(readers)
    for extension in MarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = FieldsMarkdownReader


def register():
    # Before any file is read: Pelican's readers are being chosen.
    signals.readers_init.connect(use_fields_reader)
    # Between builds in one process (the preview server): no conversions left over.
    signals.initialized.connect(parallel.reset)
    # Every file has been read by then.
    signals.all_generators_finalized.connect(parallel.stop)
