"""One column for the whole page: the site name, the menu, the main column, the crisis notice
and the footer start on the same line at every width; from 768 px up the site name, the help
link and the booking button share the header's first line; nothing scrolls sideways at 360 px,
and the help link is visible without scrolling on a phone."""

import pytest

from sitebuild.pagetypes import PAGE_TYPES

pytestmark = pytest.mark.browser

WIDTHS = [360, 768, 1280]
BOXES = """() => {
  const header = document.querySelector('.site-header');
  const box = selector => {
    const r = document.querySelector(selector).getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  };
  const focusable = [...document.querySelectorAll(
    'a[href], button:not([hidden]), input, select, textarea, [tabindex]:not([tabindex="-1"])')];
  return {
    name: box('.site-name'),
    help: box('.site-header .help-now'),
    button: box('.site-header .button'),
    nav: box('.site-header nav li'),
    main: box('main h1'),
    crisis: box('.crisis h2'),
    footer: box('.site-footer p'),
    helpPosition: focusable.indexOf(header.querySelector('.help-now')),
    scrollWidth: document.documentElement.scrollWidth,
  };
}"""


def centre(box: dict) -> float:
    return (box["top"] + box["bottom"]) / 2


@pytest.mark.parametrize("width", WIDTHS)
def test_one_column_and_the_header_on_one_line(browser, published_site, width):
    page = browser.new_page(viewport={"width": width, "height": 640})
    for kind, path in PAGE_TYPES.items():
        page.goto(f"{published_site.siteurl}/{path}")
        b = page.evaluate(BOXES)
        where = (kind, width)
        lefts = [b[part]["left"] for part in ("name", "nav", "main", "crisis", "footer")]
        assert max(lefts) - min(lefts) <= 1, (where, b)
        column_right = b["footer"]["right"]
        assert b["button"]["right"] <= column_right + 1, (where, b)
        assert b["scrollWidth"] <= width, where
        # The help link: among the first three things Tab reaches, visible without scrolling.
        assert 0 <= b["helpPosition"] < 3, where
        assert b["help"]["bottom"] <= 640, where
        # The menu has a line of its own under the booking button.
        assert b["nav"]["top"] >= b["button"]["bottom"], (where, b)
        if width >= 768:
            # One line: the name, the help link and the button share a centre line, the button
            # ends where the column ends, and the column is as wide as --column (41rem).
            assert abs(centre(b["name"]) - centre(b["button"])) <= 2, (where, b)
            assert abs(centre(b["help"]) - centre(b["button"])) <= 2, (where, b)
            assert abs(b["button"]["right"] - column_right) <= 1, (where, b)
            assert abs(column_right - b["footer"]["left"] - 41 * 16) <= 1, (where, b)
        else:
            assert abs(b["name"]["left"] - 16) <= 1, (where, b)
            assert abs(column_right - (width - 16)) <= 1, (where, b)
