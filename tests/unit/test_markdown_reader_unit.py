"""The Markdown reader: fields from the kernel's reader, the text converted by one converter
that is reused for every file and carries nothing from one file to the next."""

import copy
from datetime import datetime

from pelican.settings import DEFAULT_CONFIG

from kernel.markdown_settings import META_EXTENSION, markdown_config
from markdown_reader import FieldsMarkdownReader

MARKDOWN = {
    "extensions": [META_EXTENSION],
    "extension_configs": {"markdown.extensions.attr_list": {}, META_EXTENSION: {}},
    "output_format": "html5",
}


def reader(tmp_path) -> FieldsMarkdownReader:
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings.update(PATH=str(tmp_path), MARKDOWN=MARKDOWN)
    return FieldsMarkdownReader(settings)


def write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_meta_extension_is_left_out_and_configured_extensions_are_loaded():
    config = markdown_config({"MARKDOWN": MARKDOWN})
    assert config["extensions"] == ["markdown.extensions.attr_list"]
    assert META_EXTENSION not in config["extension_configs"]


def test_fields_come_as_pelican_gives_them_and_the_summary_as_html(tmp_path):
    path = write(
        tmp_path,
        "a.md",
        "Title: A *first* post\nDate: 2024-03-05 10:00\nSummary: A *short* summary.\n"
        "Tags: kap, integration\n\nSome **text**.\n\nSummary: not a field once the text began.\n",
    )
    html, metadata = reader(tmp_path).read(path)
    assert html == (
        "<p>Some <strong>text</strong>.</p>\n<p>Summary: not a field once the text began.</p>"
    )
    assert metadata["title"] == "A *first* post"  # a title is plain text, as Pelican keeps it
    assert metadata["date"] == datetime(2024, 3, 5, 10, 0)
    assert metadata["summary"] == "<p>A <em>short</em> summary.</p>"
    assert [str(tag) for tag in metadata["tags"]] == ["kap", "integration"]


def test_nothing_from_one_file_reaches_the_next(tmp_path):
    first = write(
        tmp_path,
        "a.md",
        "Title: A\nSummary: S.\n\nSee [this][ref].\n\n[ref]: https://example.org/a\n",
    )
    second = write(tmp_path, "b.md", "Title: B\nSummary: S.\n\nSee [that][ref].\n")
    one = reader(tmp_path)
    assert 'href="https://example.org/a"' in one.read(first)[0]
    assert one.read(second)[0] == "<p>See [that][ref].</p>"
