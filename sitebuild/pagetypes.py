"""One example address per page type, relative to the site's root: what the browser judges
(axe-core, light and dark), the layout test, the nginx host test and the benchmark visit. A new
page type is added here once."""

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
}
