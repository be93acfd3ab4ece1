"""One header definition, rendered for each host."""

from security_headers.headers import csp, netlify_headers, nginx_headers

SETTINGS = {
    "CONTENT_SECURITY_POLICY": {"default-src": "'none'", "frame-ancestors": "'none'"},
    "SECURITY_HEADERS": {"Referrer-Policy": "no-referrer"},
}


def test_meta_csp_leaves_out_directives_browsers_ignore_there():
    assert csp(SETTINGS["CONTENT_SECURITY_POLICY"]) == "default-src 'none'; frame-ancestors 'none'"
    assert csp(SETTINGS["CONTENT_SECURITY_POLICY"], for_meta=True) == "default-src 'none'"


def test_headers_file_and_nginx_lines_share_the_definition():
    assert netlify_headers(SETTINGS, "/blog").splitlines() == [
        "/blog/*",
        "  Content-Security-Policy: default-src 'none'; frame-ancestors 'none'",
        "  Referrer-Policy: no-referrer",
    ]
    assert 'add_header Referrer-Policy "no-referrer" always;' in nginx_headers(SETTINGS)
