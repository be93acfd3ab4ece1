"""The print stylesheet: no navigation, and links printed after their text."""

import pytest

pytestmark = pytest.mark.browser


def test_print_hides_navigation_and_shows_link_targets(browser, published_site):
    page = browser.new_page()
    page.goto(f"{published_site.siteurl}/posts/how-ketamine-rewires-the-brain/")
    page.emulate_media(media="print")
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.site-header')).display") == "none"
    )
    assert page.evaluate("getComputedStyle(document.querySelector('.cta')).display") == "none"
    after = page.evaluate(
        "getComputedStyle(document.querySelector('.prose a[href^=\"http\"]'), '::after').content"
    )
    assert after.startswith('" (https://')
    # The crisis notice and the disclaimer stay on paper.
    assert page.evaluate("getComputedStyle(document.querySelector('.crisis')).display") != "none"
