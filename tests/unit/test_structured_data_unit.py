"""JSON-LD is built from dicts, so quotes and markup in a title survive."""

import json
from datetime import UTC, datetime
from types import SimpleNamespace

from markupsafe import Markup

from structured_data.schema import blog_posting, practice

SETTINGS = {
    "SITEURL": "https://example.org/blog",
    "PRACTICE_NAME": "P",
    "THERAPIST_NAME": "T",
    "THERAPIST_CREDENTIALS": "C",
    "LICENSE_TYPE": "L",
    "SITE_DESCRIPTION": "D",
    "TELEHEALTH_STATES": "S",
    "PRACTICE_LOCATION": "X",
    "CONTACT_EMAIL": "e@x.invalid",
    "BOOKING_URL": "https://book.example/",
    "SOCIAL_IMAGE": "images/c.png",
    "DEFAULT_LANG": "en",
}


def test_blog_posting_round_trips_a_hostile_title():
    title = 'He said "stop" </script><b>'
    article = SimpleNamespace(
        title=title,
        url="posts/x/",
        metadata={"summary_text": "S"},
        date=datetime(2024, 3, 5, tzinfo=UTC),
        updated=None,
        reviewed=None,
        author="T",
        category="C",
        tags=[],
        word_count=3,
    )
    data = blog_posting(article, SETTINGS)
    # What the template does: Jinja's tojson escapes <, >, & and ' for a <script> block.
    from jinja2 import Environment

    rendered = Environment(autoescape=True).from_string("{{ d|tojson }}").render(d=data)
    assert "</script>" not in rendered
    assert json.loads(Markup(rendered).unescape())["headline"] == title
    assert data["@type"] == "BlogPosting" and data["url"] == "https://example.org/blog/posts/x/"


def test_practice_has_service_and_person():
    graph = practice(SETTINGS)[0]["@graph"]
    assert [node["@type"] for node in graph] == ["ProfessionalService", "Person"]
