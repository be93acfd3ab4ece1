"""Debian's Chromium, as the tests and the benchmark drive it (never a downloaded browser)."""

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium tries to reach its vendor's hosts.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
