"""Stock Pelican 4.12 for the benchmark: the default theme and the sitemap plugin, nothing else.

Only what the corpus needs to build is set; everything else is Pelican's default.
"""

SITENAME = "Stock Pelican"
SITEURL = "https://example.org"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
PLUGINS = ["pelican.plugins.sitemap"]
SITEMAP = {"format": "xml"}
