"""The content note: shown before the body, on the page and at the start of its feed entry."""

from __future__ import annotations

from html import escape

from .body import Body


def content_note_box(note: str) -> str:
    return f'<p class="content-note"><strong>Content note:</strong> {escape(note)}</p>\n'


def content_note(html: str, body: Body) -> str:
    note = body.metadata.get("content-note")
    return content_note_box(note) + html if note else html
