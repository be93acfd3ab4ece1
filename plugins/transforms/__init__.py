"""One ordered pass over the HTML of every post and page, as Pelican reads it.

`PASS` below is the order. Each step is a pure function `(html, body) -> html` with its own
unit tests; `body` holds what a step may read (settings, source path, fields) and collects what
it reports. The pass runs on the raw HTML from Markdown, before Pelican resolves `{filename}`
and `{static}` links, so steps can still see those forms.
"""

import os

from pelican import signals

from kernel import settings
from kernel.problems import channel
from kernel.typography import typographic_html

from .body import Body
from .booking import booking_links
from .heading_links import heading_links
from .headings import heading_ids
from .images import responsive_images, size_of, write_copies
from .note import content_note
from .practice import practice_values


def typography(html: str, body: Body) -> str:
    return typographic_html(html)


PASS = [
    practice_values,  # {practice:NAME} becomes the setting's value
    booking_links,  # {booking} becomes BOOKING_URL; links that leave the site get noreferrer
    responsive_images,  # srcset, sizes, width and height; narrower copies to write
    typography,  # curly quotes, dashes and ellipses outside code
    heading_ids,  # ids on h2 and h3, for the table of contents and shared links
    heading_links,  # a "#" link beside each h2 and h3 with an id, to share that section
    content_note,  # the content-note box before the body
]
SETTINGS = [
    settings.Setting(
        "BOOKING_URL",
        "https://set-me.example.invalid/book-a-free-consultation",
        settings.https_url,
        "the booking form's https:// address",
    ),
    settings.Setting(
        "RESPONSIVE_IMAGE_WIDTHS",
        [480, 800, 1200],
        settings.list_of(settings.whole_number(1)),
        "a list of widths in pixels, such as [480, 800, 1200]",
    ),
    settings.Setting(
        "RESPONSIVE_IMAGE_SIZES",
        "100vw",
        settings.nonempty_text,
        'an HTML sizes value, such as "(min-width: 44rem) 41rem, 100vw"',
    ),
    settings.Setting("HEADING_LINKS", True, settings.boolean, "True or False"),
    settings.PLACEHOLDER_MARKER,
]
# Narrower image copies asked for by this build's pages: output path -> (source, width).
image_copies: dict[str, tuple[str, int]] = {}


def start(pelican) -> None:
    settings.apply(pelican.settings, SETTINGS)
    image_copies.clear()
    size_of.cache_clear()


def run_pass(instance) -> None:
    """Every step of PASS, in order, on one post's or page's HTML."""
    html = getattr(instance, "_content", None)
    if not html:
        return
    body = Body(instance.settings, instance.source_path, instance.save_as, instance.metadata)
    for step in PASS:
        html = step(html, body)
    instance._content = html
    channel.report_all(body.problems)
    image_copies.update(body.image_copies)


def write_image_copies(generators) -> None:
    if generators and image_copies:
        config = generators[0].settings
        cache = os.path.join(config["CACHE_PATH"], "responsive-images")
        write_copies(image_copies, generators[0].output_path, cache)


def register():
    signals.initialized.connect(start)
    # As each post or page is read, before Pelican resolves {filename} and {static} links.
    signals.content_object_init.connect(run_pass)
    # Every post has been read by then, and nothing has been written or checked yet.
    signals.all_generators_finalized.connect(write_image_copies)
