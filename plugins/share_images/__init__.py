"""A share image for every post: the picture a link preview shows when someone shares it.

A post's own `Image:` field wins (with `Image-alt:`); otherwise a card is drawn at build time
from the post's title and PRACTICE_NAME (card.py), with fonts kept in this plugin's fonts/
folder, never fetched. Cards are kept in CACHE_PATH, keyed by everything their bytes depend on,
so a build draws only the cards of new or retitled posts. Each post gets `share_image`
(path, alt, width, height) for the Open Graph tags; pages keep SOCIAL_IMAGE.
"""

import os
import shutil

from pelican import signals

from kernel import settings
from kernel.content import content_items, source_of
from kernel.files import remove_stale, write_atomically
from kernel.images import UnreadableImage, size_of
from kernel.problems import Problem, channel
from kernel.typography import typographic_text

from . import card
from .own import ShareImage, own_image

SETTINGS = [
    settings.Setting("SHARE_IMAGES", True, settings.boolean, "True or False"),
    settings.Setting(
        "SHARE_IMAGE_SAVE_AS",
        "images/share/{slug}.png",
        lambda value: (
            settings.nonempty_text(value) and "{slug}" in value and value.endswith(".png")
        ),
        'a path with {slug} ending in .png, such as "images/share/{slug}.png"',
    ),
]
POSTS = ("articles", "drafts", "hidden_articles")
CSS = os.path.join("static", "css", "main.css")
# A `.part` file older than this was left by a killed build; no build is still writing it.
STALE_SECONDS = 600
state: dict = {"colours": None}


def start(pelican) -> None:
    config = pelican.settings
    settings.apply(config, SETTINGS)
    css_path = os.path.join(config["THEME"], CSS)
    try:
        with open(css_path, encoding="utf-8") as handle:
            colours, missing = card.theme_colours(handle.read())
    except OSError:
        colours, missing = card.theme_colours(""), list(card.TOKENS)
    state["colours"] = colours
    if missing:
        channel.report(
            Problem(
                css_path,
                1,
                f"the share cards use default colours: main.css has no {', '.join(missing)} "
                "token in its first :root block",
                "keep --bg, --text, --muted and --accent as six-digit hex colours there",
                "warning",
            )
        )
    # The default image's size, for the pages that use it.
    default = os.path.join(config["PATH"], config.get("SOCIAL_IMAGE", ""))
    config["SOCIAL_IMAGE_SIZE"] = None
    if os.path.isfile(default):
        try:
            config["SOCIAL_IMAGE_SIZE"] = size_of(default)
        except UnreadableImage:
            channel.report(
                Problem(
                    default,
                    1,
                    "this picture (SOCIAL_IMAGE) cannot be read; the file may be damaged",
                    "open it in an image editor and save it again as .png or .jpg",
                )
            )


def card_file(title: str, practice_name: str, cache_folder: str) -> str:
    """The cached card for this title, drawn now if no build drew it before."""
    colours = state["colours"]
    path = os.path.join(cache_folder, card.cache_key(title, practice_name, colours) + ".png")
    if not os.path.exists(path):
        os.makedirs(cache_folder, exist_ok=True)
        write_atomically(path, card.draw(title, practice_name, colours))
    return path


def share_images(generators) -> None:
    """After reading: each post's own image checked, or its card drawn (or taken from the
    cache) and written into the output."""
    if not generators:
        return
    config, output = generators[0].settings, generators[0].output_path
    cache_folder = os.path.join(config["CACHE_PATH"], "share-images")
    practice_name = " ".join(str(config.get("PRACTICE_NAME", "")).split())
    remove_stale(cache_folder, ".part", STALE_SECONDS)
    for item in content_items(generators, POSTS):
        item.share_image = None
        if not item.save_as:
            continue  # a draft in the publish build: never written
        source = source_of(item.source_path)
        image, problems = own_image(source, config["PATH"], config["STATIC_PATHS"], size_of)
        channel.report_all(problems)
        if image is not None or not config["SHARE_IMAGES"]:
            item.share_image = image
            continue
        title = typographic_text(item.title)
        relative = config["SHARE_IMAGE_SAVE_AS"].format(slug=item.slug)
        destination = os.path.join(output, relative)
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        shutil.copyfile(card_file(title, practice_name, cache_folder), destination)
        item.share_image = ShareImage(
            relative, f"{title} – {practice_name}", card.WIDTH, card.HEIGHT
        )


def register():
    signals.initialized.connect(start)
    # Every post is read (titles and fields final) and nothing is written or checked yet.
    signals.all_generators_finalized.connect(share_images)
