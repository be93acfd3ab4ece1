"""Links to headings in Chromium: reached by Tab, shown on focus or hover, named once."""

import pytest

pytestmark = pytest.mark.browser

POST = "posts/how-ketamine-rewires-the-brain/"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_heading_link_appears_on_focus_and_hover_and_the_heading_is_named_once(
    browser, published_site, scheme
):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{published_site.siteurl}/{POST}")
    link = page.locator(".prose .heading-link").first
    heading = page.locator(".prose h2").first
    text = heading.inner_text()
    assert link.get_attribute("aria-label") == f"Link to section: {text}"
    # The heading's accessible name is its text alone; the link is a separate element.
    assert heading.aria_snapshot() == f'- heading "{text}" [level=2]'
    assert page.get_by_role("link", name=f"Link to section: {text}").count() == 1
    assert link.evaluate("e => getComputedStyle(e).opacity") == "0"
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('heading-link')"):
            break
    else:
        pytest.fail("no heading link was reached with Tab")
    focused = page.locator(":focus")
    assert focused.get_attribute("href") == f"#{heading.get_attribute('id')}"
    style = focused.evaluate(
        "e => { const s = getComputedStyle(e); return [s.opacity, s.outlineStyle]; }"
    )
    assert style == ["1", "solid"]
    page.keyboard.press("Enter")
    page.wait_for_url(f"**#{heading.get_attribute('id')}", timeout=5000)
    second = page.locator(".prose .heading-anchor").nth(1)
    second.hover()
    assert second.locator(".heading-link").evaluate("e => getComputedStyle(e).opacity") == "1"
    context.close()
