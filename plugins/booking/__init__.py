"""Booking and outbound links.

`[book a free call]({booking})` in Markdown becomes a link to BOOKING_URL, and every link that
leaves the site gets `rel="noopener noreferrer"`; booking links also `referrerpolicy="no-referrer"`,
so the booking vendor never learns which post a reader came from.
"""

from pelican import signals

from content_rules.problems import Problem, collector

from .links import fill_practice_values, rewrite


def rewrite_content(instance) -> None:
    # _content is the raw rendered Markdown: rewriting it here, before Pelican resolves
    # {filename} links, keeps Pelican from warning about the unknown {booking} form.
    if getattr(instance, "_content", None):
        settings = instance.settings
        html, unknown = fill_practice_values(
            instance._content, settings, settings["PLACEHOLDER_MARKER"]
        )
        for name in unknown:
            collector.add(
                Problem(
                    instance.source_path,
                    line_containing(instance.source_path, f"practice:{name}"),
                    f"{{practice:{name}}} names no setting",
                    "use the name of a setting in pelicanconf.py, in capitals, "
                    "for example {practice:PRACTICE_NAME}",
                )
            )
        instance._content = rewrite(html, settings["BOOKING_URL"], settings.get("SITEURL", ""))


def register():
    signals.content_object_init.connect(rewrite_content)


def line_containing(path: str, needle: str) -> int:
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if needle in line:
                return number
    return 1
