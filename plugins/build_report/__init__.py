"""The last plugin: it reports every problem the others found and stops the build on an error.

It flushes the problem channel three times, each after every other plugin's receiver of the
same signal (Pelican calls receivers in the order of PLUGINS): after start-up when a setting is
wrong (nothing can be read safely), after reading (nothing is written from bad sources), and
after writing (the checks of the written site). Pelican's own errors, normally a log line while
the build still exits 0, become problems too.
"""

import logging
import os

from pelican import signals

from kernel.problems import Problem, channel


class PelicanErrors(logging.Handler):
    """Pelican's read errors (one log line, and the build would still exit 0) as problems."""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.levelno < logging.ERROR and not message.startswith("Unable to find"):
            return
        path = next(filter(None, (source_path(a) for a in record.args or ())), None)
        channel.report(
            Problem(
                path or "content",
                1,
                f"Pelican could not use this file ({message.splitlines()[0]})",
                "correct the file; the lines above name any field or link that is wrong",
            )
        )


def source_path(argument) -> str | None:
    """The file a log argument names: a content object, or a path that exists."""
    path = getattr(argument, "source_path", argument)
    if isinstance(path, str) and os.path.isfile(path):
        return os.path.abspath(path)
    return None


pelican_errors = PelicanErrors()


def after_start(pelican) -> None:
    logger = logging.getLogger("pelican")
    if pelican_errors not in logger.handlers:
        logger.addHandler(pelican_errors)
    if channel.settings_failed:
        channel.flush()


def after_reading(generators) -> None:
    """Stop before a single file is written when any source has a problem."""
    # A file our checks already explain needs no second, vaguer line from Pelican's log.
    explained = {
        os.path.abspath(p.path)
        for p in channel.problems
        if not p.message.startswith("Pelican could not")
    }
    kept = [
        p
        for p in channel.problems
        if not (p.message.startswith("Pelican could not") and os.path.abspath(p.path) in explained)
    ]
    channel.replace(kept)
    channel.flush()


def after_writing(pelican) -> None:
    channel.flush()


def register():
    signals.initialized.connect(after_start)
    signals.all_generators_finalized.connect(after_reading)
    signals.finalized.connect(after_writing)
