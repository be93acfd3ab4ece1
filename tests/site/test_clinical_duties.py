"""Crisis notice, disclaimer, license footer, content notes, claims and review dates."""

import feedparser

from helpers import TEST_PRACTICE, build, copy_content, html_files, page_text, signed

CRISIS_FACTS = ["911", "Call or text 988", "Text HOME to 741741"]


def test_crisis_notice_on_every_page_including_404(published_site):
    pages = html_files(published_site.folder)
    assert len(pages) > 20
    for path in pages:
        text = page_text(path.read_text(encoding="utf-8"))
        for fact in CRISIS_FACTS:
            assert fact in text, (path, fact)
        assert "273-8255" not in text and "273-TALK" not in text


def test_disclaimer_and_practice_footer_on_every_article(published_site):
    for path in (published_site.folder / "posts").glob("*/index.html"):
        text = page_text(path.read_text(encoding="utf-8"))
        assert "general education, not medical or psychological advice" in text
        for name in [
            "THERAPIST_NAME",
            "LICENSE_TYPE",
            "LICENSE_NUMBER",
            "LICENSE_STATES",
            "TELEHEALTH_STATES",
        ]:
            assert TEST_PRACTICE[name] in text, (path, name)
        assert f"{published_site.siteurl}/good-faith-estimate/" in path.read_text()


def test_no_placeholder_reaches_a_published_file(published_site):
    # The practice values come from the command line here (-e), as a CI job would give them.
    for path in published_site.folder.rglob("*"):
        if path.suffix in {".html", ".xml", ".json", ".txt"}:
            assert "set-me" not in path.read_text(encoding="utf-8").lower(), path
    post = published_site.read("posts/the-power-of-integration/index.html")
    assert f"By {TEST_PRACTICE['THERAPIST_NAME']}" in page_text(post)


def test_preview_marks_placeholders(preview_site):
    html = preview_site.read("index.html")
    assert '<mark class="placeholder">SET-ME' in html


def test_the_retired_lifeline_number_fails_the_build(tmp_path):
    content = copy_content(tmp_path)
    (content / "posts" / "old.md").write_text(
        "Title: Old\nDate: 2024-03-05\nSummary: S.\n\nCall 1-800-273-8255 any time.\n"
    )
    result = build(content, tmp_path / "out", extra={"SEARCH_INDEX": False})
    assert result.returncode == 2
    # Named on the line of the post that holds it, where the therapist can correct it.
    assert f"{content / 'posts' / 'old.md'}:5: the retired crisis number" in result.stderr
    assert "the retired crisis number '800-273-8255' appears" in result.stderr
    # From a setting: named on the page as it will be, never in the build's staging folder.
    (content / "posts" / "old.md").unlink()
    result = build(
        content, tmp_path / "out", extra={"SEARCH_INDEX": False, "PRACTICE_NAME": "1-800-273-8255"}
    )
    assert result.returncode == 2
    assert f"{tmp_path / 'out'}/index.html:" in result.stderr
    assert ".out.new-" not in result.stderr


def test_content_note_before_the_body_and_in_the_feed(tmp_path):
    content = copy_content(tmp_path)
    (content / "posts" / "noted.md").write_text(
        "Title: Noted\nDate: 2024-03-05\nSummary: S.\nContent-note: suicide, trauma\n\nBody.\n"
    )
    signed(content)
    result = build(
        content,
        tmp_path / "out",
        "publishconf.py",
        extra=TEST_PRACTICE,
        env={"SITEURL": "https://example.org"},
    )
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out/posts/noted/index.html").read_text()
    body = html.split("data-pagefind-body>", 1)[1].lstrip()
    assert body.startswith('<p class="content-note"><strong>Content note:</strong> ')
    assert page_text(body).startswith("Content note: suicide, trauma Body.")
    atom = feedparser.parse(str(tmp_path / "out/atom.xml")).entries
    rss = feedparser.parse(str(tmp_path / "out/rss.xml")).entries
    for entry in [next(e for e in entries if e.title == "Noted") for entries in (atom, rss)]:
        text = entry.content[0].value if "content" in entry else entry.description
        assert page_text(text).startswith("Content note: suicide, trauma"), entry


CLAIM = "Title: Claim\nDate: 2024-03-05\nSummary: S.\n{extra}\nKetamine can cure depression.\n"


def test_claims_warn_in_preview_and_stop_a_publish(tmp_path):
    content = signed(copy_content(tmp_path))
    (content / "posts" / "claim.md").write_text(CLAIM.format(extra=""))
    preview = build(content, tmp_path / "preview", extra={"SEARCH_INDEX": False})
    assert preview.returncode == 0
    line = f"{content / 'posts' / 'claim.md'}:5: warning: the post promises a cure: 'cure'"
    assert line in preview.stderr
    publish = build(
        content,
        tmp_path / "publish",
        "publishconf.py",
        extra=TEST_PRACTICE,
        env={"SITEURL": "https://example.org"},
    )
    assert publish.returncode == 2
    assert f"{content / 'posts' / 'claim.md'}:5: the post promises a cure" in publish.stderr
    (content / "posts" / "claim.md").write_text(CLAIM.format(extra="Accept-claims: cure\n"))
    old_form = build(content, tmp_path / "old-form", extra={"SEARCH_INDEX": False})
    assert old_form.returncode == 2
    assert (
        f"{content / 'posts' / 'claim.md'}:4: Accept-claims 'cure' is not a list of quoted "
        "phrases" in old_form.stderr
    )
    (content / "posts" / "claim.md").write_text(
        CLAIM.format(extra='Accept-claims: "ketamine can cure depression"\n')
    )
    signed(content)
    accepted = build(
        content,
        tmp_path / "accepted",
        "publishconf.py",
        extra=TEST_PRACTICE,
        env={"SITEURL": "https://example.org"},
    )
    assert accepted.returncode == 0, accepted.stderr


def test_launch_content_passes_the_claims_check_when_publishing(published_site):
    # The published_site fixture is the publish build of the real content: claims are errors
    # there, so reaching this test means every launch post passed or accepted after review.
    assert (published_site.folder / "index.html").is_file()
