"""Session fixtures: the real content built once for preview and once for publishing."""

from __future__ import annotations

import pytest

from helpers import CHROMIUM, CHROMIUM_FLAGS, TEST_PRACTICE, build, free_port, serve, signed_content


class Site:
    """A built site: its folder, its address, and where it is served."""

    def __init__(self, folder, siteurl, root=None, port=None):
        self.folder = folder
        self.siteurl = siteurl
        self.root = root
        self.port = port

    def read(self, relative: str) -> str:
        return (self.folder / relative).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def preview_site(tmp_path_factory) -> Site:
    folder = tmp_path_factory.mktemp("preview") / "output"
    result = build("content", folder)
    assert result.returncode == 0, result.stderr
    return Site(folder, "")


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Site:
    """The real content, signed off today, with the publish settings, served under /blog/ on
    127.0.0.1."""
    root = tmp_path_factory.mktemp("published")
    folder = root / "blog"
    port = free_port()
    siteurl = f"http://127.0.0.1:{port}/blog"
    content = signed_content(tmp_path_factory.mktemp("signed"))
    result = build(content, folder, "publishconf.py", extra=TEST_PRACTICE, env={"SITEURL": siteurl})
    assert result.returncode == 0, result.stderr
    server = serve(root, port)
    yield Site(folder, siteurl, root, port)
    server.shutdown()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium, never a downloaded browser.
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}
