"""The therapist's sign-off (`Reviewed:`), the off-label notice, content notes where a reader
chooses, help one tap away, and the readability limit, on real builds of the real content."""

import json
import re
from datetime import date
from pathlib import Path

import feedparser
import pytest

from helpers import (
    REPO,
    TEST_PRACTICE,
    build,
    copy_content,
    html_files,
    page_text,
    search_records,
    signed,
)
from kernel.frontmatter import read
from safety.checks import next_review
from sitebuild.pagetypes import slug

SETTINGS = {}


def setting(name):
    if not SETTINGS:
        from pelican.settings import read_settings

        SETTINGS.update(read_settings(str(REPO / "pelicanconf.py")))
    return SETTINGS[name]


def posts(content: Path) -> list[Path]:
    return sorted((content / "posts").glob("*.md"))


def post_slug(source: Path) -> str:
    fields = read(str(source))
    return fields.get("slug") or slug(fields.get("title"))


def around_link(html: str, href_end: str) -> str:
    """The list item or card holding the link whose address ends with `href_end`."""
    at = html.index(f'{href_end}"')
    ends = [i for i in (html.find("</li>", at), html.find("</article>", at)) if i >= 0]
    return html[at : min(ends)]


def clinical_pages(content: Path) -> list[Path]:
    return [content / page for page in setting("CLINICAL_PAGES")]


def end_of_fields(path: Path) -> int:
    """The line where a `Reviewed:` field would go: after the last field."""
    return max(number for number, _value in read(str(path)).fields.values()) + 1


def publish(content: Path, output: Path):
    return build(
        content, output, "publishconf.py", extra=TEST_PRACTICE, env={"SITEURL": "https://ex.org"}
    )


def ld_blocks(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


@pytest.fixture(scope="module")
def unsigned_publish(tmp_path_factory):
    """The launch content as it is (no sign-off), with a draft and a scheduled post that are
    not signed either, and a Crisis page made hard to read: what `make publish` refuses."""
    tmp = tmp_path_factory.mktemp("unsigned")
    content = copy_content(tmp)
    (content / "posts" / "a-draft.md").write_text(
        "Title: A draft\nDate: 2024-03-05\nSummary: S.\nStatus: draft\n\nText.\n"
    )
    (content / "posts" / "later.md").write_text(
        "Title: Later\nDate: 2999-01-01\nSummary: S.\n\nText.\n"
    )
    crisis = content / "pages" / "crisis.md"
    hard = (
        "\nNotwithstanding considerable institutional heterogeneity, comprehensive "
        "psychotherapeutic interventions necessitate individualized evaluation by "
        "appropriately credentialed professionals, particularly regarding contraindicated "
        "pharmacological combinations, cardiovascular vulnerabilities and psychiatric "
        "comorbidities.\n"
    )
    crisis.write_text(crisis.read_text(encoding="utf-8") + hard, encoding="utf-8")
    return content, publish(content, tmp / "out")


def test_publish_refuses_every_unreviewed_post_and_clinical_page(unsigned_publish):
    content, result = unsigned_publish
    assert result.returncode == 2
    launch = [p for p in posts(content) if p.name not in ("a-draft.md", "later.md")]
    expected = launch + clinical_pages(content)
    assert len(expected) >= 2
    for path in expected:
        line = f"{path}:{end_of_fields(path)}: this "
        assert any(
            problem.startswith(line) and "not been reviewed" in problem
            for problem in result.problems
        ), path
    reviews = [p for p in result.problems if "review" in p.split(". Fix:")[0]]
    assert len(reviews) == len(expected)
    # Drafts and posts not yet due are not published, so they need no review yet.
    assert "a-draft.md" not in result.stderr and "later.md" not in result.stderr
    # The fix says how to sign off: one line, today's date.
    assert f"'Reviewed: {date.today():%Y-%m-%d}'" in reviews[0]


def test_publish_refuses_a_crisis_page_above_its_grade(unsigned_publish):
    content, result = unsigned_publish
    crisis = content / "pages" / "crisis.md"
    hard_line = len(crisis.read_text(encoding="utf-8").splitlines())
    (problem,) = [p for p in result.problems if "READABILITY_LIMITS" in p]
    assert problem.startswith(f"{crisis}:{hard_line}: the page reads at grade ")
    grade = float(re.search(r"grade (\d+\.\d)", problem).group(1))
    assert grade > setting("READABILITY_LIMITS")["pages/crisis.md"]


def test_signed_off_today_publishes_and_shows_who_reviewed_and_when(published_site):
    today = date.today()
    due = next_review(today, setting("REVIEW_MAX_AGE_MONTHS"))
    expected = (
        f"Reviewed by {TEST_PRACTICE['THERAPIST_NAME']}, {TEST_PRACTICE['THERAPIST_CREDENTIALS']}"
        f" on {today:%-d %B %Y} · next review due {due:%-d %B %Y}"
    )
    articles = list((published_site.folder / "posts").glob("*/index.html"))
    assert len(articles) == len(posts(REPO / "content"))
    pages = [
        published_site.folder / post_slug(REPO / "content" / page) / "index.html"
        for page in setting("CLINICAL_PAGES")
    ]
    for path in articles + pages:
        html = path.read_text(encoding="utf-8")
        assert expected in page_text(html), path
        assert f'datetime="{due.isoformat()}' in html
        assert "Not yet reviewed" not in html
        (webpage,) = [b for b in ld_blocks(html) if b["@type"] == "WebPage"]
        assert webpage["lastReviewed"] == today.isoformat()
        assert webpage["reviewedBy"]["name"] == TEST_PRACTICE["THERAPIST_NAME"]
        assert all("lastReviewed" not in b for b in ld_blocks(html) if b["@type"] != "WebPage")


def test_preview_marks_what_is_not_yet_reviewed(preview_site):
    for path in (preview_site.folder / "posts").glob("*/index.html"):
        assert "Not yet reviewed by the practice" in page_text(path.read_text()), path
    assert "Not yet reviewed by the practice" in page_text(preview_site.read("crisis/index.html"))
    assert "Not yet reviewed" not in preview_site.read("about/index.html")


def test_an_overdue_review_warns_in_the_preview_and_stops_a_publish(tmp_path):
    content = signed(copy_content(tmp_path))
    post = content / "posts" / "what-does-ketamine-feel-like.md"
    today = date.today()
    months = setting("REVIEW_MAX_AGE_MONTHS")
    # Reviewed months + 1 months ago: the next review fell due a month ago.
    index = today.year * 12 + today.month - 1 - (months + 1)
    last = date(index // 12, index % 12 + 1, 1)
    assert next_review(last, months) <= today
    text = post.read_text(encoding="utf-8")
    post.write_text(re.sub(r"Reviewed: .*", f"Reviewed: {last:%Y-%m-%d}", text), encoding="utf-8")
    line = read(str(post)).line_of("reviewed")
    preview = build(content, tmp_path / "preview", extra={"SEARCH_INDEX": False})
    assert preview.returncode == 0, preview.stderr
    assert f"{post}:{line}: warning: the review of this post is overdue" in preview.stderr
    html = (tmp_path / "preview/posts/what-does-ketamine-feel-like/index.html").read_text()
    assert "Review overdue" in page_text(html)
    published = publish(content, tmp_path / "publish")
    assert published.returncode == 2
    assert f"{post}:{line}: the review of this post is overdue" in published.stderr


def test_off_label_notice_on_posts_about_ketamine_links_to_the_risks(published_site):
    topics = {t.lower() for t in setting("OFF_LABEL_TOPICS")}
    target, _, anchor = setting("OFF_LABEL_RISKS_LINK").partition("#")
    guide_slug = post_slug(REPO / "content" / target)
    assert f'id="{anchor}"' in published_site.read(f"posts/{guide_slug}/index.html")
    notice_text = " ".join(setting("OFF_LABEL_NOTICE").split())
    shown = 0
    for source in posts(REPO / "content"):
        fields = read(str(source))
        names = {fields.get("category").lower()} | {
            t.strip().lower() for t in fields.get("tags").split(",")
        }
        html = published_site.read(f"posts/{post_slug(source)}/index.html")
        if not names & topics:
            assert "off-label" not in html
            continue
        shown += 1
        notice = re.search(r'<p class="notice off-label" role="note">(.*?)</p>', html, re.S)
        assert notice, source
        assert html.index("notice off-label") < html.index("data-pagefind-body")
        assert "off-label" in page_text(notice.group(1)) and "hard" in page_text(notice.group(1))
        assert page_text(notice.group(1)).startswith(notice_text[:40])
        href = re.search(r'href="([^"]+)"', notice.group(1)).group(1)
        assert href == f"https://ex.org/posts/{guide_slug}/#{anchor}".replace(
            "https://ex.org", published_site.siteurl
        )
    assert shown >= 1


def test_content_note_where_a_reader_chooses(published_site):
    noted = {
        post_slug(source): read(str(source))
        for source in posts(REPO / "content")
        if read(str(source)).get("content-note")
    }
    assert noted, "the launch content has a post with a content note"
    for name, fields in noted.items():
        note = fields.get("content-note")
        shown = f"Content note: {note}"
        href_end = f"/posts/{name}/"
        lists = [
            "index.html",
            "archives/index.html",
            f"topics/{slug(fields.get('category'))}/index.html",
            *[f"tags/{slug(tag)}/index.html" for tag in fields.get("tags").split(",")],
        ]
        for page in lists:
            assert shown in page_text(around_link(published_site.read(page), href_end)), page
        related = [
            path.read_text().split('id="related-title"', 1)[1]
            for path in (published_site.folder / "posts").glob("*/index.html")
            if href_end in path.read_text().split('id="related-title"', 1)[-1]
        ]
        for section in related:
            assert shown in page_text(around_link(section, href_end))
        record = search_records(published_site.folder)[href_end]
        assert record["meta"]["content_note"] == note
        for feed in ("atom.xml", "rss.xml"):
            entry = next(
                e
                for e in feedparser.parse(str(published_site.folder / feed)).entries
                if e.link.endswith(href_end)
            )
            body = entry.content[0].value if "content" in entry else entry.description
            assert page_text(body).startswith(shown), feed


def test_help_now_and_the_crisis_numbers_on_every_page(published_site):
    for path in html_files(published_site.folder):
        html = path.read_text(encoding="utf-8")
        if "<body" not in html or 'http-equiv="refresh"' in html:
            continue  # a redirect page for an old address
        assert '<a class="help-now" href="#crisis-help">Get help now</a>' in html, path
        notice = html.split('id="crisis-help"', 1)[1].split("</aside>", 1)[0]
        for href in ["tel:911", "tel:988", "sms:988", "sms:741741?&body=HOME"]:
            assert f'href="{href}"' in notice, (path, href)
        assert f"{published_site.siteurl}/crisis/" in notice
