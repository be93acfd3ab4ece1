"""The clinical and legal facts a reader relies on are on the built pages, sourced and plain."""

import re
from html import unescape

import pytest

from helpers import REPO, TEST_PRACTICE, page_text

FDA_ALERT = (
    "https://www.fda.gov/drugs/human-drug-compounding/fda-warns-patients-and-health-care-"
    "providers-about-potential-risks-associated-compounded-ketamine"
)
ARTICLES = ["how-ketamine-rewires-the-brain", "the-ultimate-guide-to-ketamine-assisted-therapy"]
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’$%,./-]*")
BLOCK = re.compile(r"</?(p|li|h[1-6]|ul|ol|div)\b[^>]*>", re.IGNORECASE)


def prose(html: str) -> str:
    """The Markdown body of a page as rendered: the prose block, before the disclaimer."""
    start = html.index('<div class="prose"')
    end = html.find('<p class="disclaimer"', start)
    return html[start : end if end > 0 else html.index("</article>", start)]


def sentences(html: str) -> list[str]:
    """Sentences of some HTML: each block (paragraph, item, heading) ends one."""
    text = BLOCK.sub("\n", html.replace("\n", " "))
    text = unescape(re.sub(r"<[^>]+>", "", text))
    found = []
    for block in text.split("\n"):
        found += [s for s in re.split(r"(?<=[.!?])\s+", " ".join(block.split())) if s]
    return found


@pytest.mark.parametrize("slug", ARTICLES)
def test_articles_keep_sentences_short(published_site, slug):
    html = prose(published_site.read(f"posts/{slug}/index.html"))
    long = [s for s in sentences(html) if len(WORD.findall(s)) > 30]
    assert long == []


@pytest.mark.parametrize("slug", ARTICLES)
def test_articles_link_the_fda_alert_itself(published_site, slug):
    html = published_site.read(f"posts/{slug}/index.html")
    assert f'href="{FDA_ALERT}"' in html
    assert 'href="https://www.fda.gov/drugs/human-drug-compounding"' not in html


@pytest.mark.parametrize("slug", ARTICLES)
def test_articles_carry_no_sign_off_of_ours(slug):
    # Reviewed: and Accept-claims: are the therapist's own sign-off, never ours.
    fields = (REPO / "content/posts" / f"{slug}.md").read_text(encoding="utf-8").split("\n\n")[0]
    assert not re.search(r"^(Reviewed|Accept-claims):", fields, re.MULTILINE | re.IGNORECASE)


@pytest.mark.parametrize(
    "path", [f"posts/{slug}/index.html" for slug in ARTICLES] + ["how-kap-works-here/index.html"]
)
def test_us_spelling(published_site, path):
    text = page_text(published_site.read(path)).lower()
    for british in ["anaesthe", "randomis", "signalling", "behaviour", "haemorrh", "oesoph"]:
        assert british not in text, (path, british)


def test_guide_states_current_esketamine_uses_and_label_facts(published_site):
    text = page_text(
        published_site.read("posts/the-ultimate-guide-to-ketamine-assisted-therapy/index.html")
    )
    for fact in [
        "March 2019",
        "In 2020",
        "January 2025",
        "on its own",
        "next day",
        "restful sleep",
        "arteriovenous malformation",
        "bleeding in the brain",
        "rise in blood pressure",
        "feeling drunk",
        "frightening",
    ]:
        assert fact in text, fact


def test_good_faith_estimate_page_states_the_rules(published_site):
    html = published_site.read("good-faith-estimate/index.html")
    text = page_text(html)
    for fact in [
        "in writing",
        "3 business days ahead",
        "within 1 business day of booking",
        "10 business days ahead",
        "within 3 business days of asking",
        "prescription drugs",
        "at least $400 more",
        "120 calendar days",
        "1-800-985-3059",
        "www.cms.gov/nosurprises",
    ]:
        assert fact in text, fact
    assert 'href="https://www.cms.gov/nosurprises"' in html
    assert 'href="tel:1-800-985-3059"' in html


def test_crisis_page_routes_and_honest_wording(published_site):
    html = published_site.read("crisis/index.html")
    assert 'href="tel:988"' in html and 'href="sms:988"' in html
    assert 'href="sms:741741?&body=HOME"' in html
    assert 'href="tel:1-800-222-1222"' in html
    assert "then press 1" in page_text(html)
    spanish = re.search(r'<span lang="es">(.*?)</span>', html, re.DOTALL)
    assert spanish and "oprima 2" in spanish.group(1) and "AYUDA" in spanish.group(1)
    assert 'href="sms:988?&body=AYUDA"' in spanish.group(1)
    assert TEST_PRACTICE["AFTER_HOURS_CONTACT"] in page_text(html)
    # "Free and confidential" is said of the lines, never of 911 or the emergency room.
    for item in re.findall(r"<li>(.*?)</li>", html, re.DOTALL):
        if "tel:911" in item:
            assert "free" not in item.lower()


def test_crisis_page_reads_at_grade_seven_or_below():
    from sitebuild.readability import measure, settings_for_reading

    settings = settings_for_reading(str(REPO / "pelicanconf.py"))
    limit = settings["READABILITY_LIMITS"]["pages/crisis.md"]
    assert limit <= 7
    assert measure(str(REPO / "content/pages/crisis.md"), settings).grade <= limit


def test_how_kap_works_here_shows_the_practice_facts(published_site):
    html = published_site.read("how-kap-works-here/index.html")
    text = page_text(html)
    for name in ["PRESCRIBER", "DOSING_SETTING", "AFTER_HOURS_CONTACT", "TELEHEALTH_STATES"]:
        assert TEST_PRACTICE[name] in text, name
    for fact in [
        "Six dosing sessions",
        "compounded",
        "does not prescribe",
        "Schedule III",
        "informed consent",
        "locked away",
        "1-800-222-1222",
    ]:
        assert fact in text, fact
    assert f'href="{FDA_ALERT}"' in html
    assert (
        f'<a href="{TEST_PRACTICE["BOOKING_URL"]}" rel="noopener noreferrer" '
        'referrerpolicy="no-referrer">free 15-minute phone consultation</a>' in html
    )


def test_privacy_page_is_true_about_what_others_see(published_site):
    html = published_site.read("privacy/index.html")
    text = page_text(html)
    assert "tells no one else what you read" not in text
    for fact in [
        "IP address",
        "the address of the page",
        "search index from this same site",
        TEST_PRACTICE["BOOKING_VENDOR"],
        TEST_PRACTICE["PRIVACY_EFFECTIVE_DATE"],
        "HIPAA",
        "no cookies",
    ]:
        assert fact in text, fact
    assert f'href="{TEST_PRACTICE["NOTICE_OF_PRIVACY_PRACTICES_URL"]}"' in html


def test_film_post_carries_its_content_note(published_site):
    html = published_site.read("posts/what-does-ketamine-feel-like/index.html")
    body = html.split("data-pagefind-body>", 1)[1].lstrip()
    assert body.startswith('<p class="content-note"><strong>Content note:</strong>')
    assert "PTSD" in body.split("</p>", 1)[0] and "suicide" in body.split("</p>", 1)[0]


def test_404_summary_matches_its_links():
    source = (REPO / "content/pages/404.md").read_text(encoding="utf-8")
    assert "every post" not in source
