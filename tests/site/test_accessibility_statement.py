"""The accessibility statement says what the recorded run of the judges says, and the follow page
gives the feed addresses; both are linked from every footer."""

import json
from datetime import date

from helpers import REPO, TEST_PRACTICE, build, copy_content, html_files, page_text

RECORD = REPO / "content" / "data" / "accessibility-run.json"


def test_the_statement_matches_the_record(published_site):
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    assert record["axe_violations"] == 0 and record["nu_errors"] == 0  # a passing run
    html = published_site.read("accessibility/index.html")
    text = page_text(html)
    day = date.fromisoformat(record["date"])
    assert f'<time datetime="{day.isoformat()}">{day.day} {day:%B %Y}</time>' in html
    assert f"{record['standard']} (Web Content Accessibility Guidelines)" in text
    for tool, version in record["tools"].items():
        assert f"{tool} {version}" in text, tool
    assert ", ".join(record["page_types"]) in text
    assert " and ".join(record["color_schemes"]) in text
    assert f"in {record['nu_pages']} pages" in text
    assert f'href="mailto:{TEST_PRACTICE["CONTACT_EMAIL"]}"' in html


def test_statement_and_follow_page_in_every_footer(published_site):
    for path in html_files(published_site.folder):
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue
        footer = html[html.index('<footer class="site-footer">') :]
        for address in ["accessibility/", "follow/"]:
            assert f'href="{published_site.siteurl}/{address}"' in footer, (path, address)


def test_the_follow_page_gives_the_feed_addresses(published_site, preview_site):
    html = published_site.read("follow/index.html")
    for feed in ["atom.xml", "rss.xml"]:
        address = f"{published_site.siteurl}/{feed}"
        assert f'<a href="{address}">{address}</a>' in html
        assert (published_site.folder / feed).is_file()
    assert "xml-stylesheet" not in published_site.read("atom.xml")  # no XSL view
    preview = preview_site.read("follow/index.html")
    assert "Feeds are written only by" in page_text(preview) and ".xml" not in preview


def test_a_broken_record_stops_the_build_with_its_line(tmp_path):
    content = copy_content(tmp_path)
    record = content / "data" / "accessibility-run.json"
    record.write_text('{\n  "date": "2026-11-30",\n  "tools": {,\n}\n', encoding="utf-8")
    result = build(content, tmp_path / "output")
    assert result.returncode == 2
    assert any(
        "accessibility-run.json:3: this file is not valid JSON" in line for line in result.problems
    ), result.problems
