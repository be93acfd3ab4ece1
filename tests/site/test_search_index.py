"""The search index holds every published post and page, as the reader sees them, nothing else."""

import re

from helpers import build, html_files, page_text, search_records


def test_every_searchable_page_is_indexed_with_its_title_and_text(published_site):
    folder = published_site.folder
    records = search_records(folder)
    expected = {}
    for path in html_files(folder):
        html = path.read_text(encoding="utf-8")
        if "data-pagefind-body" in html and path.name != "404.html":
            url = "/" + str(path.relative_to(folder).parent) + "/"
            expected[url] = html
    assert set(records) == set(expected)  # the 404 page and list pages are not results
    for url, html in expected.items():
        title = page_text(re.search(r"<h1>(.*?)</h1>", html, re.DOTALL).group(1))
        assert records[url]["meta"]["title"] == title
        body = re.search(r"data-pagefind-body>(.*?)</div>", html, re.DOTALL).group(1)
        first_words = " ".join(page_text(body).split()[:12])
        assert first_words in " ".join(records[url]["content"].split()), url


def test_the_bundle_has_no_unused_files_and_no_scratch_is_left(published_site):
    bundle = {p.name for p in (published_site.folder / "pagefind").iterdir()}
    assert {"pagefind.js", "pagefind-entry.json", "pagefind-worker.js"} <= bundle
    assert not [name for name in bundle if "-ui." in name or "highlight" in name]
    scratch = published_site.folder.parent / ".cache-blog" / "search-index"
    assert scratch.is_dir() and list(scratch.iterdir()) == []


def test_a_warm_build_in_place_replaces_the_bundle(tmp_path):
    # The second build finds the first one's bundle in the output while its checks read it.
    output = tmp_path / "out"
    counts = []
    for _ in range(2):
        result = build("content", output)
        assert result.returncode == 0, result.stdout + result.stderr
        counts.append(len(search_records(output)))
    assert counts[0] == counts[1] > 4
    assert not [p for p in (output / "pagefind").iterdir() if "-ui." in p.name]
