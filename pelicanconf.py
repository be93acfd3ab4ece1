"""Settings for the preview build. Every site and practice fact lives here, once.

`publishconf.py` imports this file and overrides only what differs in production.
"""

import os
import sys

from jinja2 import StrictUndefined

# Pelican imports each plugin from PLUGIN_PATHS by itself; the kernel they share (not a plugin)
# is imported by name, so plugins/ goes on the import path.
PLUGINS_FOLDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins")
if PLUGINS_FOLDER not in sys.path:
    sys.path.insert(0, PLUGINS_FOLDER)

# --- Practice facts the owner must supply ----------------------------------------------------
# Each placeholder contains "SET-ME". The preview shows it plainly marked; `make publish`
# refuses to run while any name listed in PRACTICE_SETTINGS still holds one, naming each.
THERAPIST_NAME = "SET-ME therapist's name as licensed"
THERAPIST_CREDENTIALS = "SET-ME credentials, for example LMFT"
LICENSE_TYPE = "SET-ME license type"
LICENSE_NUMBER = "SET-ME license number"
LICENSE_STATES = "SET-ME state(s) of licensure"
TELEHEALTH_STATES = "SET-ME states served by telehealth"
PRACTICE_NAME = "SET-ME practice name"
PRACTICE_LOCATION = "SET-ME city and state, or 'Telehealth only'"
CONTACT_EMAIL = "set-me@example.invalid"
# The one booking address: the header button, the end of every post and `{booking}` links.
BOOKING_URL = "https://set-me.example.invalid/book-a-free-consultation"
# The company that runs the booking form (the Privacy page names it).
BOOKING_VENDOR = "SET-ME booking service's name"
# Who evaluates, prescribes and monitors the ketamine; the therapist does not prescribe.
PRESCRIBER = "SET-ME prescriber's name, credentials and practice"
# Where dosing happens: in the office, or at home and how it is monitored.
DOSING_SETTING = "SET-ME in the office, or at home with how it is monitored"
# Whom a client calls after hours about a reaction after dosing, and how.
AFTER_HOURS_CONTACT = "SET-ME after-hours contact for a reaction after dosing"
NOTICE_OF_PRIVACY_PRACTICES_URL = "https://set-me.example.invalid/notice-of-privacy-practices"
# The date the Privacy page took effect, YYYY-MM-DD.
PRIVACY_EFFECTIVE_DATE = "SET-ME YYYY-MM-DD"
# The first step offered everywhere a booking link appears: an offer, not a placeholder.
CONSULTATION_OFFER = "free 15-minute phone consultation"
# What a client checks before calling (the Fees and insurance page at fees/, the booking calls).
# Each service and its price as ("service", "price"), in the order the page lists them.
FEES = [("SET-ME service", "SET-ME price")]
# What a client should know about insurance, in a sentence or two.
INSURANCE = "SET-ME what clients should know about insurance"
# True or False (no quotes): whether you are taking new clients, shown beside every booking
# button with the date you last confirmed it. `make publish` refuses a date older than
# AVAILABILITY_MAX_AGE_DAYS, so the site never says "accepting" long after it stopped being true.
ACCEPTING_NEW_CLIENTS = "SET-ME True or False"
AVAILABILITY_AS_OF = "SET-ME YYYY-MM-DD"
AVAILABILITY_MAX_AGE_DAYS = 90

PRACTICE_SETTINGS = [
    "THERAPIST_NAME",
    "THERAPIST_CREDENTIALS",
    "LICENSE_TYPE",
    "LICENSE_NUMBER",
    "LICENSE_STATES",
    "TELEHEALTH_STATES",
    "PRACTICE_NAME",
    "PRACTICE_LOCATION",
    "CONTACT_EMAIL",
    "BOOKING_URL",
    "BOOKING_VENDOR",
    "PRESCRIBER",
    "DOSING_SETTING",
    "AFTER_HOURS_CONTACT",
    "NOTICE_OF_PRIVACY_PRACTICES_URL",
    "PRIVACY_EFFECTIVE_DATE",
    "FEES",
    "INSURANCE",
    "ACCEPTING_NEW_CLIENTS",
    "AVAILABILITY_AS_OF",
    "SITEURL",
]
PLACEHOLDER_MARKER = "set-me"

# --- Site ------------------------------------------------------------------------------------
SITENAME = "Integration Notes"
SITE_DESCRIPTION = (
    "Plain-language writing on ketamine-assisted psychotherapy (KAP) and integration therapy."
)
AUTHOR = THERAPIST_NAME
SITEURL = ""
# Relative links let the preview be served from any port or folder.
RELATIVE_URLS = True
TIMEZONE = "America/Los_Angeles"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"
DEFAULT_PAGINATION = 10
# Default Open Graph image: a calm, text-free picture in content/images.
SOCIAL_IMAGE = "images/social-card.png"
SOCIAL_IMAGE_ALT = "A soft green and sand-coloured gradient with a gentle arc."
# Each post's share image: its own `Image:` field, or a 1200x630 card of its title and
# PRACTICE_NAME drawn at build time (plugins/share_images; kept in CACHE_PATH between builds).
# Cards are drawn by `make publish` (publishconf.py): nobody shares a preview, and a card costs
# about as much as converting a post's Markdown. The preview shows SOCIAL_IMAGE instead.
SHARE_IMAGES = False
SHARE_IMAGE_SAVE_AS = "images/share/{slug}.png"
# A "#" link beside each h2 and h3 of a post or page, to share that section.
HEADING_LINKS = True
# "Did this help? Yes / Not really" at the end of every post: plain links to these hidden
# thank-you pages (content/pages/feedback-*.md) with the post's slug in the address, counted
# from the server's log by `invoke stats LOGFILE`. No cookies, no scripts.
FEEDBACK_LINKS = True
FEEDBACK_YES_URL = "feedback/yes/"
FEEDBACK_NO_URL = "feedback/not-really/"
MENU_LINKS = [
    ("Posts", ""),
    ("Topics", "topics/"),
    ("How KAP works here", "how-kap-works-here/"),
    ("About", "about/"),
    ("Search", "search/"),
]
FOOTER_LINKS = [
    ("Crisis and emergencies", "crisis/"),
    ("Privacy", "privacy/"),
    ("Fees and insurance", "fees/"),
    ("Good Faith Estimate", "good-faith-estimate/"),
    ("Archives", "archives/"),
    ("Tags", "tags/"),
    ("How to follow", "follow/"),
    ("Accessibility", "accessibility/"),
]

# --- Safety notices --------------------------------------------------------------------------
# US defaults; the crisis notice is on every page, 404 included.
CRISIS_EMERGENCY_NUMBER = "911"
CRISIS_LIFELINE_NUMBER = "988"
CRISIS_TEXT_LINE_NUMBER = "741741"
CRISIS_TEXT_LINE_KEYWORD = "HOME"
# The 988 menu option for the Veterans Crisis Line (VA: "Dial 988 then Press 1").
CRISIS_VETERANS_PRESS = "1"
# The 988 menu option for help in Spanish (988 Lifeline call menu: Spanish, press 2).
CRISIS_SPANISH_PRESS = "2"
# The word to text to 988 for help in Spanish (988 Lifeline: text AYUDA).
CRISIS_SPANISH_TEXT_KEYWORD = "AYUDA"
# Poison Help line (HRSA): free, confidential, reaches the local poison center, medicines included.
POISON_CONTROL_NUMBER = "1-800-222-1222"
# Retired or wrong numbers that must never reach a page; the build fails if one does.
FORBIDDEN_PHRASES = ["800-273-8255", "800.273.8255", "8002738255", "273-TALK", "273-8255"]
# Every post, and every page listed in CLINICAL_PAGES, needs the therapist's `Reviewed:` date
# (YYYY-MM-DD) in its fields, at most this many months old: `make publish` refuses without it,
# the preview warns. The article shows "Reviewed by ... on ... · next review due ...".
REVIEW_MAX_AGE_MONTHS = 12
# Pages that state clinical facts (a medicine, its risks, what to do in a reaction or a crisis),
# as files inside content/: reviewed like posts.
CLINICAL_PAGES = [
    "pages/how-kap-works-here.md",
    "pages/crisis.md",
    "pages/path-2-prescriber-evaluation.md",
    "pages/path-3-preparation.md",
    "pages/path-4-dosing-sessions.md",
    "pages/path-5-integration.md",
]
# Shown before the text of every post whose category or tag is in OFF_LABEL_TOPICS, with a link
# to the guide's heading OFF_LABEL_RISKS_LINK (a post's file inside content/ and a heading id).
OFF_LABEL_NOTICE = (
    "Ketamine is not approved by the FDA to treat depression, anxiety or any other mental "
    "health condition. Using it in therapy is off-label: a choice your prescriber makes and "
    "should explain to you. Sessions can also be hard."
)
OFF_LABEL_TOPICS = ["Ketamine therapy", "KAP", "esketamine"]
OFF_LABEL_RISKS_LINK = (
    "posts/the-ultimate-guide-to-ketamine-assisted-therapy.md#sessions-can-be-hard"
)
# The highest Flesch–Kincaid grade a page may read at (`make check` shows every grade);
# `make publish` refuses a page above its limit.
READABILITY_LIMITS = {"pages/crisis.md": 7}
# Claims the check reports (warning in preview, error in publish) unless a post accepts them.
CLAIMS_ARE_ERRORS = False
# `invoke check-citations` (needs the network): how long to wait for each linked site, and how
# many days an answer is remembered in .cache/citations.json before the link is asked again.
CITATION_TIMEOUT_SECONDS = 10
CITATION_CACHE_DAYS = 7

# --- Content ---------------------------------------------------------------------------------
PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "extra/favicon.svg", "extra/favicon.ico"]
EXTRA_PATH_METADATA = {
    "extra/favicon.svg": {"path": "favicon.svg"},
    "extra/favicon.ico": {"path": "favicon.ico"},
}
# robots.txt names the sitemap's absolute address, so it is rendered with the settings.
TEMPLATE_PAGES = {"extra/robots.txt": "robots.txt"}
READERS = {"html": None}  # posts are Markdown only; stray HTML files are not content
DEFAULT_CATEGORY = "Ketamine therapy"
# A post without a Category takes DEFAULT_CATEGORY, not the name of its folder ("posts").
USE_FOLDER_AS_CATEGORY = False
SUMMARY_MAX_LENGTH = 160
# Files under content/ that may be published although they hold code (.js, .html): a script
# or page on the site's own address runs with its rights, so each must be listed here.
ALLOWED_CODE_FILES = []
# Only the extensions posts use: each adds work to every post (Markdown is most of a build).
# Typographic quotes and heading ids come from plugins/transforms, far cheaper than the smarty
# and toc extensions.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.attr_list": {},
        "markdown.extensions.fenced_code": {},
        "markdown.extensions.tables": {},
    },
    "output_format": "html5",
}

# Pretty URLs: /posts/slug/ rather than /slug.html.
ARTICLE_URL = "posts/{slug}/"
ARTICLE_SAVE_AS = "posts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "topics/{slug}/"
CATEGORY_SAVE_AS = "topics/{slug}/index.html"
CATEGORIES_URL = "topics/"
CATEGORIES_SAVE_AS = "topics/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
# One author: no author pages; period archives add pages without adding a way to read.
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "categories", "tags", "archives", "search"]
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# --- Feeds: off in the preview (publishconf turns them on with an absolute SITEURL) ----------
FEED_DOMAIN = None
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
FEED_MAX_ITEMS = 20
# RSS entries carry the whole post, so a content note is the first thing a feed reader shows.
RSS_FEED_SUMMARY_ONLY = False

# Responsive images: narrower copies for phones; `sizes` matches the reading column in main.css.
RESPONSIVE_IMAGE_WIDTHS = [480, 800, 1200]
RESPONSIVE_IMAGE_SIZES = "(min-width: 44rem) 41rem, calc(100vw - 2rem)"

# --- Theme and plugins -----------------------------------------------------------------------
THEME = "theme"
THEME_STATIC_PATHS = ["static"]
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "undefined": StrictUndefined,
    "trim_blocks": True,
    "lstrip_blocks": True,
    # Each build makes new environments, so templates never need checking for changes while it
    # runs; the check (a file stat on every include of every page) cost a third of the writing.
    "auto_reload": False,
}
PLUGIN_PATHS = [PLUGINS_FOLDER]
# Setting PLUGINS turns Pelican's auto-discovery off, so every plugin is listed here. Pelican
# calls the receivers of each signal in this order, so this list is the order things happen
# (README, "How a post becomes a page"). Our plugins share code only through plugins/kernel.
PLUGINS = [
    "cache_guard",  # start-up: a content cache left truncated by a killed build is dropped
    "content_rules",  # start-up: every source checked; templates report their errors; links
    "markdown_reader",  # reading: fields by the one field reader, text by Markdown
    "transforms",  # reading: one ordered pass over each post's and page's HTML
    "reading",  # after reading: reading time, contents, related and neighbouring posts
    "journeys",  # after reading: the steps of each journey in order, with their neighbours
    "safety",  # placeholders, claims, review dates; after writing: retired crisis numbers
    "practice_facts",  # start-up: fees, insurance, availability; an old availability date
    "accessibility_record",  # start-up: the last passing accessibility run, for the statement
    "share_images",  # after reading: each post's share image, its own or a card drawn once
    "structured_data",  # JSON-LD for the practice and for each post
    "redirects",  # after reading: old addresses of renamed posts
    "feedback",  # "Did this help?": its settings; after reading: both thank-you pages exist
    "search_index",  # after reading: Pagefind starts; after the checks: its bundle moves in
    "theme_support",  # start-up, late: the theme's filter and the settings it shows as globals
    "page_writer",  # writing: unchanged pages reused (preview); two processes on a cold build
    "security_headers",  # the CSP meta tag; after writing: _headers
    "pelican.plugins.sitemap",  # after writing: sitemap.xml
    "sitemap_dates",  # list pages in the sitemap dated by the newest post
    "pelican.plugins.precompress",  # after writing: .gz beside each text file (publish only)
    "output_guard",  # after writing: files in output/ no build wrote are named or carried over
    "build_report",  # last: every problem reported; the build stops on an error
]
# Our speed mechanisms (the render cache, two writers, the preview's quick page) run only
# on the Pelican version they were written for. False turns them all off; the site
# is the same either way, only slower.
SPEEDUPS = True
SITEMAP = {
    "format": "xml",
    "exclude": ["^404", "^search/", "^drafts/"],
}
# Drafts and scheduled posts are part of the preview, clearly marked; publishconf drops them.
PREVIEW = True
WITH_FUTURE_DATES = True
# Python-Markdown is the slow part of a build; the cache keeps unchanged posts parsed.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = ".cache/preview"
# Uncompressed: gzip cost most of a second per 1,000 posts on every save of the cache.
GZIP_CACHE = False
# Pages whose inputs did not change reuse the previous build's bytes (plugins/page_writer).
RENDER_CACHE = True
# Search is indexed by plugins/search_index, in shards of about this many pages; in the preview
# a shard whose pages did not change keeps its index from the last build.
SEARCH_INDEX = True
SEARCH_SHARD_PAGES = 250
SEARCH_INDEX_CACHE = True
# Files in output/ that no build writes but that must stay there (a host's CNAME, a
# verification file), relative to output/: each build carries them into the new folder. Any
# other such file stops the build, named, rather than being deleted (plugins/output_guard).
KEEP_IN_OUTPUT = []
# .gz files beside the text files are written by `make publish` only (publishconf.py).
PRECOMPRESS_GZIP = False
PRECOMPRESS_BROTLI = False
PRECOMPRESS_ZOPFLI = False
PRECOMPRESS_ZSTANDARD = False

# Security headers: one definition, written to _headers, deploy/nginx.conf and a CSP meta tag.
CONTENT_SECURITY_POLICY = {
    "default-src": "'none'",
    "script-src": "'self' 'wasm-unsafe-eval'",
    "style-src": "'self'",
    "img-src": "'self'",
    "font-src": "'self'",
    "connect-src": "'self'",
    "manifest-src": "'self'",
    "base-uri": "'none'",
    "form-action": "'none'",
    "frame-ancestors": "'none'",
}
SECURITY_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": (
        "camera=(), microphone=(), geolocation=(), interest-cohort=(), browsing-topics=()"
    ),
    "X-Content-Type-Options": "nosniff",
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    # For browsers that predate CSP frame-ancestors.
    "X-Frame-Options": "DENY",
}
# Also as a <meta> tag, for hosts that cannot set headers (GitHub Pages).
CSP_META = True
# Where deploy/nginx.conf logs requests: time, request, status and size only, no IP address or
# browser details. `invoke stats LOGFILE` counts reads and "Did this help?" answers from it.
NGINX_ACCESS_LOG = "/var/log/nginx/practice-blog.access.log"
# A preview a host builds of a branch or pull request (docs/publishing.md): a robots `noindex`
# meta tag on every page, `X-Robots-Tag: noindex` in _headers and a robots.txt that disallows
# everything, so search engines never list a preview. publishconf.py reads it from NOINDEX.
NOINDEX = False
