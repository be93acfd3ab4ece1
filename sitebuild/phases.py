"""Where a build's time goes: run Pelican with a timestamp at each of its signals.

`python -m sitebuild.phases CONTENT -s SETTINGS -o OUTPUT [-e ...]` builds as `pelican` does
and prints, as JSON on the last line of stdout, the seconds from start at which each phase
ended. The benchmark uses it for the profile in bench/results.md.
"""

import json
import sys
import time

STARTED = time.perf_counter()

from pelican import main, signals  # noqa: E402

# (signal, name of the phase that ends when it fires), in the order Pelican sends them.
PHASES = [
    ("initialized", "start-up: Python, Pelican, settings, plugins"),
    ("article_generator_init", "source checks (every file, before reading)"),
    ("static_generator_finalized", "reading: Markdown and metadata of every post"),
    ("get_writer", "after reading: search copy and Pagefind start, annotations, checks"),
    ("finalized", "writing every page"),
    (None, "after writing: link check, waiting for Pagefind, moving its bundle"),
]
marks: dict[str, float] = {}


def marker(name):
    def mark(*_args, **_kwargs):
        marks.setdefault(name, time.perf_counter() - STARTED)

    return mark


if __name__ == "__main__":
    receivers = [marker(name) for signal, name in PHASES if signal]
    for (signal, _name), receiver in zip(PHASES, receivers, strict=False):
        getattr(signals, signal).connect(receiver)
    sys.argv = ["pelican", *sys.argv[1:]]
    try:
        main()
    finally:
        marks[PHASES[-1][1]] = time.perf_counter() - STARTED
        print(json.dumps(marks))
