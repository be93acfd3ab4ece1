"""One example address per page type, relative to the site's root, and the color schemes:
what the browser judges (axe-core, in each scheme), the layout test, the nginx host test and the
benchmark visit. A new page type is added here once; `invoke accessibility-record` then records
it for the accessibility statement."""

PAGE_TYPES = {
    "home": "",
    "article": "posts/the-power-of-integration/",
    "page": "about/",
    "category": "topics/integration/",
    "tag": "tags/kap/",
    "archives": "archives/",
    "404": "no-such-page/",
    "search": "search/",
    "fees": "fees/",
    "journey step": "path-preparation/",
    "worksheet": "integration-worksheet/",
    "accessibility statement": "accessibility/",
    "how to follow": "follow/",
    "thank-you": "feedback/yes/?post=the-power-of-integration",
    "thank-you, not really": "feedback/not-really/?post=the-power-of-integration",
}
COLOR_SCHEMES = ["light", "dark"]
