"""The printable worksheet: on paper, no site chrome but one line of crisis numbers, each part
on a page of its own with ruled lines under every prompt, on Letter and A4; on screen, a print
button from our own script file."""

import re

import pytest
from pelican.settings import read_settings

from helpers import REPO
from sitebuild.pagetypes import worksheets as worksheet_sources

pytestmark = pytest.mark.browser

SETTINGS = read_settings(str(REPO / "pelicanconf.py"))


def worksheets() -> dict[str, int]:
    """Address of each worksheet page -> how many parts (## headings) its source has."""
    found = {
        address: len(re.findall(r"^## ", source.body, re.MULTILINE))
        for address, source in worksheet_sources().items()
    }
    assert found, "no page with 'Template: worksheet'"
    return found


WORKSHEETS = worksheets()
HIDDEN_ON_PAPER = [
    ".site-header",
    ".site-header nav",
    ".site-footer",
    ".crisis",
    ".print-row",
    ".skip-link",
]


def display(page, selector: str) -> str:
    return page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).display")


def visible(page, selector: str) -> bool:
    return page.evaluate(f"document.querySelector('{selector}').checkVisibility()")


@pytest.mark.parametrize("address", WORKSHEETS)
def test_on_paper_chrome_is_hidden_and_each_part_starts_a_page(browser, published_site, address):
    page = browser.new_page()
    page.goto(f"{published_site.siteurl}/{address}")
    page.emulate_media(media="print")
    for selector in HIDDEN_ON_PAPER:
        assert not visible(page, selector), selector
    # One line of crisis numbers stays on paper.
    assert display(page, ".print-crisis") == "block"
    line = page.inner_text(".print-crisis")
    for name in ["CRISIS_EMERGENCY_NUMBER", "CRISIS_LIFELINE_NUMBER", "CRISIS_TEXT_LINE_NUMBER"]:
        assert SETTINGS[name] in line
    line_height = page.evaluate(
        "(() => { const e = document.querySelector('.print-crisis'); "
        "const s = getComputedStyle(e); return [e.getBoundingClientRect().height, "
        "parseFloat(s.lineHeight) + parseFloat(s.paddingTop) + parseFloat(s.paddingBottom) "
        "+ parseFloat(s.borderTopWidth) + parseFloat(s.borderBottomWidth)]; })()"
    )
    assert line_height[0] <= line_height[1] + 1  # one line, not two
    parts = page.evaluate(
        "[...document.querySelectorAll('.prose h2')].map(h => getComputedStyle(h).breakBefore)"
    )
    assert parts == ["page"] * WORKSHEETS[address]
    # Room to write under every prompt, printed even without "background graphics".
    space = page.evaluate(
        "[...document.querySelectorAll('.prose li')].map(li => { "
        "const s = getComputedStyle(li, '::after'); "
        "return [parseFloat(s.height), s.backgroundImage.startsWith('linear-gradient'), "
        "s.printColorAdjust]; })"
    )
    assert space and all(h >= 150 and lines and adjust == "exact" for h, lines, adjust in space)
    for paper in ["Letter", "A4"]:
        pdf = page.pdf(format=paper)
        assert pdf.startswith(b"%PDF-")
        pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
        # The introduction on the first page, then one page per part: a missing break would
        # merge two parts, a part too long for its page would add one.
        assert pages == 1 + WORKSHEETS[address], paper
        assert 10_000 < len(pdf) < 300_000, paper
    page.close()


@pytest.mark.parametrize("address", WORKSHEETS)
def test_print_button_opens_the_print_dialog_under_the_csp(browser, published_site, address):
    page = browser.new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(f"{published_site.siteurl}/{address}")
    button = page.get_by_role("button", name="Print this worksheet")
    button.wait_for(state="visible")
    page.evaluate(
        "() => { window.print = () => { window.printCalls = 1 + (window.printCalls || 0); }; }"
    )
    button.click()
    assert page.evaluate("window.printCalls") == 1
    assert [m for m in messages if "Content Security Policy" in m] == []
    # Without the script the button stays hidden: it could do nothing.
    page.close()
    context = browser.new_context(java_script_enabled=False)
    quiet = context.new_page()
    quiet.goto(f"{published_site.siteurl}/{address}")
    assert quiet.locator("#print-worksheet").is_hidden()
    context.close()
