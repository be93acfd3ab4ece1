"""Journeys: each step page lists every step of its journey in order, marks its own, and links
the previous and next step; broken numbering stops the build with file and line."""

import re
from collections import defaultdict

from helpers import REPO, build, copy_content
from kernel.frontmatter import read
from sitebuild.pagetypes import slug


def journeys() -> dict[str, list[str]]:
    """Each journey in the real content -> the addresses of its steps, in step order."""
    found = defaultdict(list)
    for folder, prefix in [("pages", ""), ("posts", "posts/")]:
        for path in (REPO / "content" / folder).glob("*.md"):
            source = read(str(path))
            if source.get("journey") and source.get("status", "published") != "draft":
                name = source.get("slug") or slug(source.get("title"))
                found[source.get("journey")].append((int(source.get("step")), f"{prefix}{name}/"))
    return {name: [address for _, address in sorted(steps)] for name, steps in found.items()}


def test_every_step_shows_its_journey_in_order(published_site):
    launch = journeys()
    assert launch, "the launch content has a journey"
    for name, addresses in launch.items():
        titles = [
            re.search(r"<h1>(.*?)</h1>", published_site.read(f"{a}index.html")).group(1)
            for a in addresses
        ]
        for number, address in enumerate(addresses, start=1):
            html = published_site.read(f"{address}index.html")
            nav = re.search(r'<nav class="journey".*?</nav>', html, re.DOTALL).group(0)
            assert re.search(r"<h2[^>]*>(.*?)</h2>", nav).group(1) == name.replace("'", "’")
            links = re.findall(r'<li><a href="([^"]*)"( aria-current="step")?>(.*?)</a></li>', nav)
            assert [href for href, _, _ in links] == [
                f"{published_site.siteurl}/{a}" for a in addresses
            ]
            assert [text for _, _, text in links] == titles
            assert [bool(current) for _, current, _ in links] == [
                n == number for n in range(1, len(addresses) + 1)
            ]
            assert f"Step {number} of {len(addresses)} in" in html
            before = addresses[number - 2 : number - 1]
            after = addresses[number : number + 1]
            assert re.findall(r'<a rel="prev" href="([^"]*)"', nav) == [
                f"{published_site.siteurl}/{a}" for a in before
            ]
            assert re.findall(r'<a rel="next" href="([^"]*)"', nav) == [
                f"{published_site.siteurl}/{a}" for a in after
            ]


def test_duplicate_steps_gaps_and_words_stop_the_build(tmp_path):
    content = copy_content(tmp_path)
    page = "Title: {title}\nJourney: {journey}\nStep: {step}\nSummary: A test step.\n\nText.\n"
    files = {
        "same-a.md": ("Same A", "Twice", "1"),
        "same-b.md": ("Same B", "Twice", "1"),
        "gap-1.md": ("Gap one", "Gap", "1"),
        "gap-3.md": ("Gap three", "Gap", "3"),
        "word.md": ("Word", "Word", "two"),
    }
    for name, (title, journey, step) in files.items():
        (content / "pages" / name).write_text(page.format(title=title, journey=journey, step=step))
    result = build(content, tmp_path / "output")
    assert result.returncode == 2
    problems = "\n".join(result.problems)
    for name, expected in [
        ("same-a.md", "step 1 of the journey 'Twice' is also"),
        ("same-b.md", "step 1 of the journey 'Twice' is also"),
        ("gap-3.md", "the journey 'Gap' has no step 2"),
        ("word.md", "Step 'two' is not a whole number"),
    ]:
        assert re.search(rf"pages/{name}:3: {re.escape(expected)}.*Fix: ", problems), name
