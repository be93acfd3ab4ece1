"""What the theme needs from the build: the `typographic` filter, and the settings every page
shows alike (the booking address, the date format, the site's name, the default share
picture) as Jinja globals.

Globals let the theme's macros be imported without the page's context, so Jinja keeps one copy
of them instead of running partials/macros.html again for each template of each page (about a
fifth of the writing time). The site's address is not among them: in the preview it is
relative to each page, so templates pass it to the macros that build links.
"""

from pelican import signals

from kernel.typography import typographic

THEME_GLOBALS = [
    "BOOKING_URL",
    "DEFAULT_DATE_FORMAT",
    "SITENAME",
    "SOCIAL_IMAGE",
    "SOCIAL_IMAGE_ALT",
    "SOCIAL_IMAGE_SIZE",
]


def theme_settings(pelican) -> None:
    """Once every plugin has settled its settings at start-up, before any template loads."""
    config = pelican.settings
    config.setdefault("JINJA_FILTERS", {})["typographic"] = typographic
    config["JINJA_GLOBALS"] = {
        **config.get("JINJA_GLOBALS", {}),
        **{name: config.get(name) for name in THEME_GLOBALS},
    }


def register():
    # Late among the start-up receivers (see PLUGINS): the values are final by then.
    signals.initialized.connect(theme_settings)
