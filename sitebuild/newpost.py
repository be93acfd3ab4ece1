"""`make post TITLE="..."`: a new draft with every field the content rules require."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

TEMPLATE = """\
Title: {title}
Date: {date}
Category: {category}
Tags: {tags}
Summary: {summary}
Status: draft

Write the post here, in Markdown. A blank line starts a new paragraph.

If the post touches on suicide, trauma, loss or anything else a reader may want warning of, add a
field under the Summary line, such as `Content-note: suicide, trauma`. It shows before the
text, on the post's card in every list and in search results. (A field with nothing after the
colon is not allowed, so the scaffold leaves it out.)

When the therapist has read and approved the post, add `Reviewed:` with that day's date as the
last field: `make publish` refuses a post without it.

## A heading for a new section

Link to another post with `[its title]({{filename}}file-name-of-the-post.md)`, to an image
with `![what the picture shows]({{static}}/images/photo.jpg)`, and to the booking form with
`[book a free consultation]({{booking}})`.
"""
SUMMARY_HINT = "One or two sentences, under 160 characters, saying what this post is about."


def new_post(
    title: str,
    posts_folder: str = "content/posts",
    category: str = "Integration",
    now: datetime | None = None,
) -> Path:
    """Write `posts_folder/<slug>.md` and return its path; refuse to overwrite a file."""
    title = title.strip()
    if not title:
        raise ValueError('give the post a title: make post TITLE="Your title"')
    # The same rules Pelican uses, so the file name matches the post's address.
    slug = slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    if not slug:
        raise ValueError(
            "the title has no letters or digits to make a file name from; use a title with words"
        )
    path = Path(posts_folder) / f"{slug}.md"
    if path.exists():
        raise FileExistsError(
            f"{path} already exists; nothing was changed. Choose another "
            "title, or open that file to keep writing"
        )
    date = (now or datetime.now()).strftime("%Y-%m-%d %H:%M")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(
            TEMPLATE.format(
                title=title, date=date, category=category, tags="KAP", summary=SUMMARY_HINT
            )
        )
    return path
