"""MARKDOWN as our Markdown converters use it: the site's reader (plugins/markdown_reader) and
the readability measure (kernel.readability) convert a post's text alike."""

from __future__ import annotations

META_EXTENSION = "markdown.extensions.meta"


def markdown_config(settings: dict) -> dict:
    """MARKDOWN without the meta extension: the fields are read before Markdown sees the text.
    An extension given only a configuration is loaded too."""
    config = dict(settings.get("MARKDOWN", {}))
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
