"""The content note: shown before the body, on the page and at the start of its feed entry; the
note's words are also a field of the post's search result (Pagefind meta `content_note`), so
search shows them before the excerpt."""

from __future__ import annotations

from html import escape

from .body import Body


def content_note_box(note: str) -> str:
    return (
        '<p class="content-note"><strong>Content note:</strong> '
        f'<span data-pagefind-meta="content_note">{escape(note)}</span></p>\n'
    )


def content_note(html: str, body: Body) -> str:
    note = body.metadata.get("content-note")
    return content_note_box(note) + html if note else html
