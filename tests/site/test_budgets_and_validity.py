"""Valid HTML (Nu checker), one-round-trip pages, no scripts on reading pages, strict-CSP ready,
and findable: unique titles and descriptions, canonical, Open Graph, parseable JSON-LD."""

import gzip
import json
import re
import subprocess
from collections import Counter

from helpers import REPO, html_files
from sitebuild import accessibility

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
BUDGET = 14 * 1024


def test_nu_html_checker_reports_no_errors(published_site):
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--skip-non-html",
            "--also-check-css",
            "--format",
            "gnu",
            str(published_site.folder),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout + result.stderr == ""
    # For the accessibility statement (`invoke accessibility-record`): what this check saw.
    pages = len(html_files(published_site.folder))
    accessibility.log({"judge": "Nu Html Checker", "pages": pages, "errors": 0})


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def test_every_page_with_its_css_fits_one_round_trip(published_site):
    css = gzipped((published_site.folder / "theme/css/main.css").read_bytes())
    sizes = {
        p.relative_to(published_site.folder): gzipped(p.read_bytes()) + css
        for p in html_files(published_site.folder)
    }
    too_big = {str(p): s for p, s in sizes.items() if s > BUDGET}
    assert too_big == {}


EXECUTABLE_SCRIPT = re.compile(r"<script\b(?![^>]*type=\"application/ld\+json\")", re.I)


def worksheet_pages() -> set[str]:
    """Output paths of the pages whose source says `Template: worksheet`."""
    from sitebuild.pagetypes import worksheets

    return {f"{address}index.html" for address in worksheets()}


def test_no_script_on_reading_pages_and_nothing_inline(published_site):
    # Search loads Pagefind; a worksheet loads its print button's script; nothing else runs.
    own_script = {"search/index.html": "search.js"}
    own_script.update(dict.fromkeys(worksheet_pages(), "print.js"))
    for path in html_files(published_site.folder):
        html = path.read_text(encoding="utf-8")
        relative = str(path.relative_to(published_site.folder))
        scripts = EXECUTABLE_SCRIPT.findall(html)
        if relative in own_script:
            assert len(scripts) == 1, relative
            tag = html.split('<script type="module"')[1].split(">")[0]
            assert f'src="{published_site.siteurl}/theme/js/{own_script[relative]}"' in tag
        else:
            assert scripts == [], relative
        assert not re.search(r"\sstyle\s*=", html), relative
        assert not re.search(r"\son[a-z]+\s*=", html), relative


def meta(html: str, key: str, value: str) -> str | None:
    match = re.search(rf'<meta {key}="{re.escape(value)}" content="([^"]*)"', html)
    return match.group(1) if match else None


def test_titles_descriptions_canonical_and_previews(published_site):
    titles, descriptions = Counter(), Counter()
    for path in html_files(published_site.folder):
        html = path.read_text(encoding="utf-8")
        relative = path.relative_to(published_site.folder).as_posix()
        titles[re.search(r"<title>(.*?)</title>", html).group(1)] += 1
        descriptions[meta(html, "name", "description")] += 1
        canonical = re.search(r'<link rel="canonical" href="([^"]*)"', html).group(1)
        expected = published_site.siteurl + "/" + relative.removesuffix("index.html")
        if relative != "404.html":
            assert canonical == expected, relative
        for prop in ["og:title", "og:description", "og:url", "og:image", "og:type"]:
            assert meta(html, "property", prop), (relative, prop)
        assert meta(html, "property", "og:image").startswith(published_site.siteurl + "/")
        assert meta(html, "name", "twitter:card") == "summary_large_image"
    assert [t for t, n in titles.items() if n > 1] == []
    assert [d for d, n in descriptions.items() if n > 1] == []


def test_json_ld_parses_with_required_fields(published_site):
    for path in html_files(published_site.folder):
        html = path.read_text(encoding="utf-8")
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        for block in blocks:
            data = json.loads(block)
            if data.get("@type") == "BlogPosting":
                for field in ["headline", "datePublished", "author", "url", "publisher"]:
                    assert data[field], (path, field)
        if "/posts/" in path.as_posix():
            assert any('"BlogPosting"' in b for b in blocks), path
    home = published_site.read("index.html")
    graph = json.loads(re.search(r'ld\+json">(.*?)</script>', home, re.S).group(1))["@graph"]
    assert {node["@type"] for node in graph} == {"ProfessionalService", "Person"}
