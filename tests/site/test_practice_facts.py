"""What a client checks before calling: the Fees and insurance page, and the availability
beside every booking button; a publish refuses an availability date older than 90 days."""

import re
from datetime import date, timedelta

from helpers import REPO, TEST_PRACTICE, build, html_files, page_text, signed_content

BOOKING_BUTTON = f'<a class="button" href="{TEST_PRACTICE["BOOKING_URL"]}"'


def as_of_text(day: str) -> str:
    value = date.fromisoformat(day)
    return f'as of <time datetime="{value.isoformat()}">{value.day} {value:%B %Y}</time>'


def test_fees_page_lists_each_fee_and_the_insurance_and_links_the_estimate(published_site):
    html = published_site.read("fees/index.html")
    for service, price in TEST_PRACTICE["FEES"]:
        assert f"<tr><td>{service}</td><td>{price}</td></tr>" in html
    assert TEST_PRACTICE["INSURANCE"] in page_text(html)
    assert f'href="{published_site.siteurl}/good-faith-estimate/"' in html
    assert "Accepting new clients " + as_of_text(TEST_PRACTICE["AVAILABILITY_AS_OF"]) in html


def test_availability_beside_every_booking_button_and_fees_in_every_footer(published_site):
    expected = "Accepting new clients " + as_of_text(TEST_PRACTICE["AVAILABILITY_AS_OF"])
    for path in html_files(published_site.folder):
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # an old address of a renamed post: no page of its own
        buttons = html.count(BOOKING_BUTTON)
        assert buttons >= 1, path
        # Each booking button is followed, in the same box, by the availability line.
        assert (
            len(
                re.findall(
                    re.escape(BOOKING_BUTTON)
                    + r"[^\n]*\n\s*<p class=\"availability\">"
                    + re.escape(expected),
                    html,
                )
            )
            == buttons
        ), path
        footer = html[html.index('<footer class="site-footer">') :]
        assert f'href="{published_site.siteurl}/fees/"' in footer, path


def stale_publish_settings(tmp_path, **values):
    folder = tmp_path / "blog"
    return folder, build(
        signed_content(tmp_path),
        folder,
        "publishconf.py",
        extra={**TEST_PRACTICE, **values},
        env={"SITEURL": "https://example.org/blog"},
    )


def test_not_accepting_is_an_answer_and_an_old_date_stops_the_publish(tmp_path):
    today = date.today().isoformat()
    folder, result = stale_publish_settings(
        tmp_path / "closed", ACCEPTING_NEW_CLIENTS=False, AVAILABILITY_AS_OF=today
    )
    assert result.returncode == 0, result.stderr
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert "Not accepting new clients " + as_of_text(today) in html

    old = (date.today() - timedelta(days=91)).isoformat()
    folder, result = stale_publish_settings(tmp_path / "stale", AVAILABILITY_AS_OF=old)
    assert result.returncode == 2
    line = next(
        number
        for number, text in enumerate((REPO / "pelicanconf.py").read_text().splitlines(), 1)
        if text.startswith("AVAILABILITY_AS_OF =")
    )
    assert result.problems == [
        next(
            p for p in result.problems if p.startswith(f"pelicanconf.py:{line}: AVAILABILITY_AS_OF")
        )
    ]
    assert f"AVAILABILITY_AS_OF is {old}, 91 days ago" in result.problems[0]
    assert "Fix: " in result.problems[0] and not folder.exists()
