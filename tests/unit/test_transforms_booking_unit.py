"""The booking form and outbound links."""

from transforms.booking import rewrite

URL = "https://book.example/form?a=1&b=2"


def test_booking_form_becomes_the_setting_with_no_referrer():
    html = rewrite('<p><a href="{booking}">Book</a></p>', URL, "https://site.example")
    assert html == (
        '<p><a href="https://book.example/form?a=1&amp;b=2" '
        'rel="noopener noreferrer" referrerpolicy="no-referrer">Book</a></p>'
    )


def test_outbound_links_get_noopener_noreferrer_internal_do_not():
    html = rewrite(
        '<a href="https://doi.org/x">a</a> <a href="https://site.example/b/">b</a> '
        '<a href="../c/">c</a>',
        URL,
        "https://site.example",
    )
    assert '<a href="https://doi.org/x" rel="noopener noreferrer">' in html
    assert '<a href="https://site.example/b/">' in html and '<a href="../c/">' in html


def test_existing_rel_is_left_alone():
    html = '<a href="https://x.example/" rel="me">x</a>'
    assert rewrite(html, URL, "") == html
