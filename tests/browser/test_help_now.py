"""'Get help now' on a phone (360×640 CSS px): among the first three Tab stops of every page
type, on screen without scrolling and without focus, a target well over 24×24 px, and one tap
from the crisis numbers on the same page."""

import pytest

from sitebuild.pagetypes import COLOR_SCHEMES
from sitebuild.pagetypes import PAGE_TYPES as ALL_PAGE_TYPES

pytestmark = pytest.mark.browser

# Every page type the judges visit, and the Crisis page itself.
PAGE_TYPES = {**ALL_PAGE_TYPES, "crisis page": "crisis/"}
VIEWPORT = {"width": 360, "height": 640}
BOX = "(() => { const r = document.querySelector('a.help-now').getBoundingClientRect(); "
BOX += "return {x: r.x, y: r.y, width: r.width, height: r.height}; })()"


@pytest.mark.parametrize("scheme", COLOR_SCHEMES)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_help_now_is_on_screen_early_in_tab_order_and_leads_to_the_numbers(
    browser, published_site, kind, scheme
):
    context = browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{published_site.siteurl}/{PAGE_TYPES[kind]}")
    link = page.locator("a.help-now")
    assert link.count() == 1 and link.inner_text() == "Get help now"
    # Visible before any focus, inside the first screen, and not covered by anything.
    box = page.evaluate(BOX)
    assert page.evaluate("window.scrollY") == 0
    assert box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORT["height"], box
    assert box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORT["width"], box
    assert box["width"] >= 24 and box["height"] >= 24, box
    assert link.is_visible()
    on_top = page.evaluate(
        "(() => { const a = document.querySelector('a.help-now'); const r = "
        "a.getBoundingClientRect(); const hit = document.elementFromPoint(r.x + r.width / 2, "
        "r.y + r.height / 2); return a === hit || a.contains(hit); })()"
    )
    assert on_top
    # Among the first three focusable elements, with a visible focus outline.
    for _stop in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('help-now')"):
            break
    else:
        pytest.fail("'Get help now' is not among the first three Tab stops")
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); "
        "return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    assert outline[0] != "none" and outline[1] >= 2
    # Enter: the crisis notice of this page, focused and in view; the next Tab is a call link.
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#crisis-help'")
    assert page.evaluate("document.activeElement.id") == "crisis-help"
    notice = page.evaluate(
        "(() => { const r = document.getElementById('crisis-help').getBoundingClientRect(); "
        "return [r.top, innerHeight]; })()"
    )
    assert -1 < notice[0] < notice[1]  # in view (within subpixel rounding)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "tel:911"
    hrefs = page.eval_on_selector_all(
        "#crisis-help a", "links => links.map(a => a.getAttribute('href'))"
    )
    assert {"tel:911", "tel:988", "sms:988", "sms:741741?&body=HOME"} <= set(hrefs)
    context.close()
