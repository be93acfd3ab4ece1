"""Booking and outbound links.

`[book a free call]({booking})` in Markdown becomes a link to BOOKING_URL, and every link that
leaves the site gets `rel="noopener noreferrer"`; booking links also `referrerpolicy="no-referrer"`,
so the booking vendor never learns which post a reader came from.
"""

from pelican import signals

from .links import rewrite


def rewrite_content(instance) -> None:
    # _content is the raw rendered Markdown: rewriting it here, before Pelican resolves
    # {filename} links, keeps Pelican from warning about the unknown {booking} form.
    if getattr(instance, "_content", None):
        settings = instance.settings
        instance._content = rewrite(
            instance._content, settings["BOOKING_URL"], settings.get("SITEURL", "")
        )


def register():
    signals.content_object_init.connect(rewrite_content)
