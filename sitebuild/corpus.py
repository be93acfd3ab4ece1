"""Deterministic corpora of generated posts, for the benchmark, the kill test and some tests.

Two kinds, so a speed-up tuned to one cannot pass unnoticed:

- `steady`: every post about the same length (1,230 words by default): headings, two lists,
  external links, two links to earlier posts, a blockquote, inline code, one image, 2-5 of 40
  tags.
- `mixed`: posts differ in length and mix. Most are short notes of a paragraph or two; some are
  long, with many links, several images, code blocks, blockquotes and tables; 1-10 of 150 tags
  and a dozen topics.

The same arguments always write the same bytes. The words are filler on purpose: no health
claims, nothing a reader could mistake for advice.
"""

from __future__ import annotations

import random
import shutil
from datetime import datetime, timedelta
from pathlib import Path

WORDS = (
    "breath morning garden river quiet notice steady practice return gentle window path "
    "light listen season simple rest pause walk notebook kitchen table chair evening "
    "detail colour weather field letter story friend careful patient habit small step "
    "harbour lantern meadow orchard pebble ribbon saddle timber valley willow amber cedar "
    "dune ember fern glade hollow island juniper kettle linen marsh nettle oak"
).split()
STEADY_CATEGORIES = ["Integration", "Ketamine therapy", "Science", "Couples", "Everyday practice"]
MIXED_CATEGORIES = STEADY_CATEGORIES + [
    "Seasons",
    "Letters",
    "Rest",
    "Reading notes",
    "Questions",
    "Family",
    "Work and life",
]
STEADY_TAGS = [f"theme {word}" for word in WORDS[:40]]
MIXED_TAGS = [f"{a} {b}" for a in WORDS[:15] for b in WORDS[15:25]]
# Pictures the generated posts show; written once per corpus with Pillow (kept out of git).
IMAGES = {"bench-wide.png": (1600, 900), "bench-square.png": (1000, 1000)}


def sentence(rng: random.Random, shortest: int = 8, longest: int = 18) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(shortest, longest))]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, sentences: int = 5) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def external_link(rng: random.Random) -> str:
    return f"[{rng.choice(WORDS)} {rng.choice(WORDS)}](https://example.net/{rng.choice(WORDS)}/)"


def earlier_link(rng: random.Random, index: int) -> str:
    return f"[an earlier note]({{filename}}note-{rng.randrange(index):04d}.md)"


def header(index: int, rng: random.Random, categories: list[str], tags: list[str]) -> list[str]:
    date = datetime(2020, 1, 1, 9, 0) + timedelta(hours=13 * index)
    return [
        f"Title: Practice note {index:04d}: {rng.choice(WORDS)} and {rng.choice(WORDS)}",
        f"Slug: note-{index:04d}",
        f"Date: {date:%Y-%m-%d %H:%M}",
        f"Category: {categories[index % len(categories)]}",
        f"Tags: {', '.join(sorted(tags))}",
        f"Summary: {sentence(rng)[:150]}",
        "",
    ]


def steady_post(index: int, rng: random.Random, words: int) -> str:
    """About `words` words: sections with a paragraph, lists, links, a quote, code, an image."""
    parts = header(index, rng, STEADY_CATEGORIES, rng.sample(STEADY_TAGS, rng.randint(2, 5)))
    body_words, section = 0, 0
    while body_words < words:
        section += 1
        text = paragraph(rng)
        if section % 2:
            text += f" See {external_link(rng)} for more on `{rng.choice(WORDS)}`."
        block = [f"## Section {section}: {rng.choice(WORDS)}\n", text + "\n"]
        if section <= 2:
            block.append("\n".join(f"- {sentence(rng)}" for _ in range(3)) + "\n")
        if section <= 2 and index > 0:
            block.append(f"Read also {earlier_link(rng, index)}.\n")
        if section == 2:
            block.append("![A soft green and sand gradient]({static}/images/social-card.png)\n")
        if section == 3:
            block.append(f"> {sentence(rng)} {sentence(rng)}\n")
        parts.extend(block)
        body_words += sum(len(text.split()) for text in block)
    return "\n".join(parts) + "\n"


def mixed_post(index: int, rng: random.Random) -> str:
    """A short note (most), a middle-length post, or a long one with a bit of everything."""
    tags = rng.sample(MIXED_TAGS, rng.randint(1, 10))
    parts = header(index, rng, MIXED_CATEGORIES, tags)
    kind = rng.random()
    if kind < 0.55:  # a short note
        parts.append(paragraph(rng, rng.randint(3, 8)) + "\n")
        if rng.random() < 0.3:
            parts.append(f"> {sentence(rng)}\n")
        return "\n".join(parts) + "\n"
    sections = rng.randint(2, 4) if kind < 0.85 else rng.randint(9, 14)
    for _ in range(sections):
        parts.append(f"## {rng.choice(WORDS).capitalize()} and {rng.choice(WORDS)}\n")
        for _ in range(rng.randint(1, 3)):
            text = paragraph(rng, rng.randint(3, 7))
            if rng.random() < 0.5:
                text += f" *{sentence(rng, 3, 6)}* and **{rng.choice(WORDS)}**."
            if rng.random() < 0.6:
                text += f" More in {external_link(rng)}."
            if index > 0 and rng.random() < 0.4:
                text += f" Compare {earlier_link(rng, index)}."
            parts.append(text + "\n")
        roll = rng.random()
        if roll < 0.2:
            name = rng.choice(sorted(IMAGES))
            parts.append(f"![A generated picture, {rng.choice(WORDS)}]({{static}}/images/{name})\n")
        elif roll < 0.35:
            parts.append(
                f"```\n{rng.choice(WORDS)} = {rng.randint(1, 99)}\n"
                f"print({rng.choice(WORDS)!r})\n```\n"
            )
        elif roll < 0.5:
            parts.append("\n".join(f"> {sentence(rng)}" for _ in range(2)) + "\n")
        elif roll < 0.6:
            rows = [f"| {rng.choice(WORDS)} | {rng.randint(1, 9)} |" for _ in range(3)]
            parts.append("| word | count |\n| --- | --- |\n" + "\n".join(rows) + "\n")
        elif roll < 0.8:
            items = [f"1. {sentence(rng, 4, 9)}" for _ in range(rng.randint(2, 6))]
            parts.append("\n".join(items) + "\n")
    return "\n".join(parts) + "\n"


def write_images(folder: Path) -> None:
    """Calm gradients with Pillow, the same bytes every time."""
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    for name, (width, height) in IMAGES.items():
        across = Image.linear_gradient("L").rotate(90).resize((width, height))
        down = Image.linear_gradient("L").resize((width, height))
        flat = Image.new("L", (width, height), 130)
        Image.merge("RGB", (across, down, flat)).save(folder / name, optimize=True)


def write_corpus(
    content: Path,
    posts: int,
    words: int = 1230,
    seed: int = 7,
    plain_pages: bool = False,
    kind: str = "steady",
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
    if kind == "mixed":
        write_images(content / "images")
    folder = content / "posts"
    rng = random.Random(seed)
    for index in range(posts):
        text = steady_post(index, rng, words) if kind == "steady" else mixed_post(index, rng)
        (folder / f"note-{index:04d}.md").write_text(text, encoding="utf-8")
    return content
