"""Settings for `make publish`: the preview settings, with only what production changes."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

# Absolute URLs for canonical links, feeds and the sitemap. Read from the environment so the
# same sources publish at a domain root or under a sub-path; the publish refuses the default.
SITEURL = os.environ.get("SITEURL", "https://set-me.example.invalid").rstrip("/")
RELATIVE_URLS = False

PREVIEW = False
# Drafts and future-dated posts are never written: no page, no feed entry, no sitemap entry.
WITH_FUTURE_DATES = False
DRAFT_URL = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_URL = ""
DRAFT_PAGE_SAVE_AS = ""

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "atom.xml"
FEED_ALL_RSS = "rss.xml"

# A share card per post (plugins/share_images), for link previews of the published site.
SHARE_IMAGES = True

# .gz beside every text file, for hosts that serve them as they are (nginx gzip_static).
PRECOMPRESS_GZIP = True

# `make host-build` sets NOINDEX for a host's preview build; `make publish` leaves it unset.
NOINDEX = os.environ.get("NOINDEX", "").strip().lower() in {"1", "true", "yes"}

CLAIMS_ARE_ERRORS = True
# A publish reads every source afresh: its bytes never depend on a cache.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
RENDER_CACHE = False
SEARCH_INDEX_CACHE = False
