"""A reader with only a keyboard goes from the home page to an article to the booking form."""

import pytest

from helpers import TEST_PRACTICE

pytestmark = pytest.mark.browser


def tab_to(page, predicate, limit=80):
    """Press Tab until the focused element satisfies `predicate` (a JS function body)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; {predicate} }})()"):
            return
    raise AssertionError(f"never reached by Tab: {predicate}")


def test_home_to_article_to_booking_with_tab_and_enter(published_site, page):
    page.goto(f"{published_site.siteurl}/")
    tab_to(page, "return el.textContent.includes('The Power of Integration');")
    page.keyboard.press("Enter")
    page.wait_for_url("**/posts/the-power-of-integration/")
    # The call to action after the post: Tab until the booking button in that section.
    tab_to(page, "return el.closest('.cta') !== null && el.tagName === 'A';")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == TEST_PRACTICE["BOOKING_URL"]
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    with page.expect_request(lambda request: "booking.test.invalid" in request.url) as request:
        page.keyboard.press("Enter")
    assert request.value.headers.get("referer") is None
