"""The accessibility statement's facts: the record of the last passing run of the judges
(content/data/accessibility-run.json, written by `invoke accessibility-record` and committed),
read once at start-up. The page shows what the file says, so builds do not depend on the day."""

import os

from pelican import signals

from kernel import content, settings
from kernel.problems import Problem, channel

from .record import FIX, read_record

SETTINGS = [
    settings.Setting(
        "ACCESSIBILITY_RECORD",
        "data/accessibility-run.json",
        settings.nonempty_text,
        "the record's path inside the content folder",
    )
]


def record_path(config: dict) -> str:
    return os.path.join(config["PATH"], config["ACCESSIBILITY_RECORD"])


def start(pelican) -> None:
    config = pelican.settings
    settings.apply(config, SETTINGS)
    config["ACCESSIBILITY_RUN"] = None
    path = record_path(config)
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as handle:
            record, problems = read_record(path, handle.read())
        config["ACCESSIBILITY_RUN"] = record
        channel.report_all(problems)


def check_statement(generators) -> None:
    """A statement page without the record says so, and the build warns: the first record can
    only be written after a passing run, which needs a site that builds."""
    if not generators or generators[0].settings.get("ACCESSIBILITY_RUN") is not None:
        return
    path = record_path(generators[0].settings)
    for item in content.content_items(generators, ("pages", "hidden_pages", "draft_pages")):
        if item.metadata.get("template") == "accessibility" and not os.path.isfile(path):
            channel.report(
                Problem(
                    item.source_path,
                    content.source_of(item.source_path).line_of("template"),
                    f"the accessibility statement needs {os.path.relpath(path)}, which is missing",
                    FIX.replace("again to rewrite this file", "to write it"),
                    "warning",
                )
            )


def register():
    # Before anything is read: the record is a fact every page may show.
    signals.initialized.connect(start)
    # After reading: a statement page without a record is reported.
    signals.all_generators_finalized.connect(check_statement)
