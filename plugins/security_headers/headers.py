"""One definition of the security headers, rendered for each kind of host."""

from __future__ import annotations

# Directives a browser ignores (and warns about) when the policy comes in a <meta> tag.
META_UNSUPPORTED = {"frame-ancestors", "report-uri", "report-to", "sandbox"}


def csp(policy: dict[str, str], for_meta: bool = False) -> str:
    return "; ".join(
        f"{name} {value}"
        for name, value in policy.items()
        if not (for_meta and name in META_UNSUPPORTED)
    )


def all_headers(settings: dict) -> dict[str, str]:
    headers = {"Content-Security-Policy": csp(settings["CONTENT_SECURITY_POLICY"])}
    headers.update(settings["SECURITY_HEADERS"])
    return headers


def netlify_headers(settings: dict, base_path: str) -> str:
    """`_headers` for Netlify and Cloudflare Pages: the headers on every path of the site."""
    lines = [f"{base_path.rstrip('/')}/*"]
    lines += [f"  {name}: {value}" for name, value in all_headers(settings).items()]
    if settings.get("NOINDEX"):  # a host's preview build: never in search results
        lines.append("  X-Robots-Tag: noindex")
    return "\n".join(lines) + "\n"


def nginx_headers(settings: dict) -> str:
    """`add_header` lines for nginx, `always` so error pages carry them too."""
    return (
        "\n".join(
            f'add_header {name} "{value}" always;' for name, value in all_headers(settings).items()
        )
        + "\n"
    )
