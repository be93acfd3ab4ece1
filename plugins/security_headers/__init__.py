"""Security headers from one definition in pelicanconf.py: `_headers` in the output, the CSP as
a <meta> tag for hosts that cannot set headers, and the nginx include (see tasks.py)."""

import os

from pelican import signals

from kernel import settings
from kernel.addresses import site_base

from .headers import csp, netlify_headers
from .nginx import DEFAULT_ACCESS_LOG

SETTINGS = [
    settings.Setting(
        "CONTENT_SECURITY_POLICY",
        {"default-src": "'self'"},
        settings.mapping,
        "a dict of directive -> sources",
    ),
    settings.Setting("SECURITY_HEADERS", {}, settings.mapping, "a dict of header -> value"),
    settings.Setting("CSP_META", True, settings.boolean, "True or False"),
    settings.Setting(
        "NGINX_ACCESS_LOG",
        DEFAULT_ACCESS_LOG,
        settings.nonempty_text,
        "the file deploy/nginx.conf logs requests to",
    ),
]


def add_meta(pelican) -> None:
    settings.apply(pelican.settings, SETTINGS)
    pelican.settings["CSP_META_CONTENT"] = csp(
        pelican.settings["CONTENT_SECURITY_POLICY"], for_meta=True
    )


def write_headers_file(pelican) -> None:
    base_path = site_base(pelican.settings["SITEURL"])  # netlify_headers strips the slash anyway
    with open(os.path.join(pelican.output_path, "_headers"), "w", encoding="utf-8") as handle:
        handle.write(netlify_headers(pelican.settings, base_path))


def register():
    signals.initialized.connect(add_meta)
    # With the rest of the written site.
    signals.finalized.connect(write_headers_file)
