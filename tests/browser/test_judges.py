"""Every page type passes axe-core (light and dark), loads nothing from elsewhere, sets no
cookies, reflows at 320 px, and reaches the booking link by Tab with visible focus."""

import pytest

from helpers import REPO, TEST_PRACTICE
from sitebuild import accessibility
from sitebuild.pagetypes import COLOR_SCHEMES, PAGE_TYPES

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_SOURCE = (REPO / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("scheme", COLOR_SCHEMES)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_axe_requests_and_cookies(browser, published_site, kind, scheme):
    context = browser.new_context(color_scheme=scheme, reduced_motion="reduce")
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{published_site.siteurl}/{PAGE_TYPES[kind]}")
    page.wait_for_load_state("networkidle")
    page.evaluate(AXE_SOURCE)  # evaluate is not subject to the page's CSP
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    violations = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]
    assert violations == []
    origin = f"http://127.0.0.1:{published_site.port}/"
    assert [url for url in requests if not url.startswith(origin)] == []
    assert context.cookies() == []
    context.close()
    # For the accessibility statement (`invoke accessibility-record`): what this check saw.
    accessibility.log(
        {
            "judge": "axe-core",
            "page_type": kind,
            "scheme": scheme,
            "violations": len(violations),
            "chromium": browser.version,
        }
    )


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_reflow_at_320px_and_booking_by_tab(browser, published_site, kind):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(f"{published_site.siteurl}/{PAGE_TYPES[kind]}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    for _ in range(40):
        page.keyboard.press("Tab")
        if (
            page.evaluate("document.activeElement.getAttribute('href')")
            == TEST_PRACTICE["BOOKING_URL"]
        ):
            break
    else:
        pytest.fail("the booking link was not reached with Tab")
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); "
        "return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    assert style[0] != "none" and style[1] >= 2
    context.close()


def test_search_finds_a_word_from_one_seed_post(browser, published_site):
    page = browser.new_page()
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto(f"{published_site.siteurl}/search/")
    page.fill("#search-input", "firefighter")
    link = page.wait_for_selector("#search-results a", timeout=10000)
    assert link.get_attribute("href") == "/blog/posts/what-does-ketamine-feel-like/"
    assert "What does Ketamine feel Like?" in link.inner_text()
    assert page.locator("#search-results li").count() == 1
    assert "1 result for" in page.inner_text("#search-status")
    assert errors == []


def test_the_404_page_is_not_a_search_result(browser, published_site):
    page = browser.new_page()
    page.goto(f"{published_site.siteurl}/search/")
    page.fill("#search-input", "typo")  # a word only the 404 page uses
    page.locator("#search-status", has_text="Nothing matches").wait_for(timeout=10000)
    assert page.locator("#search-results li").count() == 0
