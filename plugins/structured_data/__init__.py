"""Structured data: JSON-LD for each post (BlogPosting and the WebPage holding its review), each
clinical page (WebPage) and the practice and therapist."""

import re
from html import unescape

from pelican import signals

from kernel import settings
from kernel.content import content_items

from .schema import blog_posting, practice, web_page

TAG = re.compile(r"<[^>]+>")
SETTINGS = [
    settings.Setting("SITE_DESCRIPTION", "", settings.text, "a sentence about the site"),
    settings.Setting(
        "SOCIAL_IMAGE", "images/social-card.png", settings.nonempty_text, "an image's path"
    ),
]


def site_data(pelican) -> None:
    settings.apply(pelican.settings, SETTINGS)
    pelican.settings["SITE_JSON_LD"] = practice(pelican.settings)


def defaults(generators) -> None:
    for item in content_items(generators):
        # plugins/safety (earlier in PLUGINS) marks the pages that state clinical facts.
        if getattr(item, "clinical", False):
            item.json_ld = [web_page(item, item.settings)]
        else:
            item.json_ld = []


def post_data(generator, content) -> None:
    content.metadata["summary_text"] = unescape(TAG.sub("", content.summary)).strip()
    content.word_count = len(TAG.sub(" ", content._content or "").split())
    content.json_ld = [
        blog_posting(content, generator.settings),
        web_page(content, generator.settings),
    ]


def register():
    signals.initialized.connect(site_data)
    signals.all_generators_finalized.connect(defaults)
    # Sent just before each post is written, after every plugin has annotated it (reading
    # time, review and update dates), so the JSON-LD sees the final values.
    signals.article_generator_write_article.connect(post_data)
