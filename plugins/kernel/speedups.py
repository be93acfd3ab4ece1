"""The guard around our speed mechanisms.

Each mechanism leans on how a particular release of Pelican (or a library) works inside. It
runs only on the exact versions it was written and tested for, and only while `SPEEDUPS` is
True; on any other version the build falls back to stock behavior (the same pages, only slower)
and says so once. A test builds the site both ways and compares every byte.
"""

from __future__ import annotations

from functools import cache
from importlib import metadata

from .problems import Problem, channel
from .settings import CONFIG_FILE, line_of

WRITTEN_FOR = {
    "pelican": "4.12.0",
    "pelican-sitemap": "1.2.2",
}
warned: set[str] = set()


@cache
def installed(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def untested_versions(needs: tuple[str, ...]) -> list[str]:
    return [
        f"{name} {installed(name)} (written for {WRITTEN_FOR[name]})"
        for name in needs
        if installed(name) != WRITTEN_FOR[name]
    ]


MECHANISMS = {
    "render-cache": "the render cache",
    "parallel-writing": "writing on two cores",
    "quick-page": "the preview's quick page",
}


def allowed(settings: dict, mechanism: str, needs: tuple[str, ...] = ("pelican",)) -> bool:
    """Whether a speed mechanism may run in this build: SPEEDUPS on (and the mechanism not in
    SPEEDUPS_OFF, which the benchmark uses to measure each one), versions as tested."""
    if not settings.get("SPEEDUPS", True) or mechanism in settings.get("SPEEDUPS_OFF", ()):
        return False
    return tested(MECHANISMS.get(mechanism, mechanism), needs)


def tested(mechanism: str, needs: tuple[str, ...]) -> bool:
    """Whether the installed versions are the ones `mechanism` was written for; warns once
    when they are not."""
    untested = untested_versions(needs)
    if untested and mechanism not in warned:
        warned.add(mechanism)
        channel.report(
            Problem(
                CONFIG_FILE,
                line_of(CONFIG_FILE, "SPEEDUPS"),
                f"{mechanism} is off: it was written for other versions than {', '.join(untested)}",
                "nothing to do (the build is the same, only slower); to keep it, pin the "
                "versions in requirements.txt",
                severity="warning",
            )
        )
    return not untested
