"""A deterministic corpus of realistic posts, for the benchmark and the publish kill test.

Posts have headings, lists, links to earlier posts, an image, a category and tags; the same
arguments always write the same bytes. The words are filler on purpose: no health claims.
"""

from __future__ import annotations

import random
import shutil
from datetime import datetime, timedelta
from pathlib import Path

WORDS = (
    "breath morning garden river quiet notice steady practice return gentle window path "
    "light listen season simple rest pause walk notebook kitchen table chair evening "
    "detail colour weather field letter story friend careful patient habit small step"
).split()
CATEGORIES = ["Integration", "Ketamine therapy", "Science", "Couples", "Everyday practice"]
TAGS = [
    "journaling",
    "KAP",
    "somatic",
    "IFS",
    "couples",
    "sleep",
    "rest",
    "research",
    "preparation",
    "reflection",
    "nature",
    "family",
]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, sentences: int = 5) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def post_text(index: int, rng: random.Random, words: int) -> str:
    date = datetime(2020, 1, 1, 9, 0) + timedelta(hours=13 * index)
    tags = ", ".join(sorted(rng.sample(TAGS, 3)))
    parts = [
        f"Title: Practice note {index:04d}: {rng.choice(WORDS)} and {rng.choice(WORDS)}",
        f"Slug: note-{index:04d}",
        f"Date: {date:%Y-%m-%d %H:%M}",
        f"Category: {CATEGORIES[index % len(CATEGORIES)]}",
        f"Tags: {tags}",
        f"Summary: {sentence(rng)[:150]}",
        "",
    ]
    body_words = 0
    section = 0
    while body_words < words:
        section += 1
        block = [
            f"## Section {section}: {rng.choice(WORDS)}\n",
            paragraph(rng) + "\n",
            "\n".join(f"- {sentence(rng)}" for _ in range(3)) + "\n",
        ]
        if section == 1 and index > 0:
            earlier = rng.randrange(index)
            block.append(f"Read also [an earlier note]({{filename}}note-{earlier:04d}.md).\n")
        if section == 2:
            block.append("![A soft green and sand gradient]({static}/images/social-card.png)\n")
        parts.extend(block)
        body_words += sum(len(text.split()) for text in block)
    return "\n".join(parts) + "\n"


def write_corpus(
    content: Path, posts: int, words: int = 1200, seed: int = 7, plain_pages: bool = False
) -> Path:
    """Write `posts` generated posts beside a copy of the real content (pages link to it).

    `plain_pages` drops the pages' own templates, so a stock theme can build the corpus too.
    """
    source = Path(__file__).resolve().parents[1] / "content"
    if content.exists():
        shutil.rmtree(content)
    shutil.copytree(source, content)
    if plain_pages:
        for page in (content / "pages").glob("*.md"):
            lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
            page.write_text(
                "".join(text for text in lines if not text.startswith("Template:")),
                encoding="utf-8",
            )
    folder = content / "posts"
    rng = random.Random(seed)
    for index in range(posts):
        (folder / f"note-{index:04d}.md").write_text(post_text(index, rng, words), encoding="utf-8")
    return content
