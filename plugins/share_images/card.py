"""The share card: a 1200×630 PNG with a post's title and the practice's name, drawn with Pillow.

Pure functions, no Pelican. The card has three colours from the theme's tokens: the page
background, the text colour and the accent. It is drawn as a greyscale image whose values are
indexes into a palette (0 the background, 254 the text colour, the grey levels between them the
smooth edges of the letters, 255 the accent), then saved as a palette PNG: a third of the bytes
of a full-colour PNG, written in a third of the time.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw, ImageFont, features

# Bump when the drawing changes, so every cached card is drawn again.
TEMPLATE_VERSION = 1
WIDTH, HEIGHT = 1200, 630
FONTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fonts")
TITLE_FONT = os.path.join(FONTS, "Lato-Bold.ttf")
NAME_FONT = os.path.join(FONTS, "Lato-Regular.ttf")
# Largest title first; the first size at which the whole title fits is used.
TITLE_SIZES = (76, 68, 60, 54, 48, 42)
NAME_SIZE = 34
MARGIN = 88
BAND = 14  # the accent band along the top edge
TITLE_TOP, TITLE_BOTTOM = 80, 470
RULE_TOP, RULE_WIDTH, RULE_HEIGHT = 496, 72, 6
NAME_TOP = 524
LINE_SPACING = 1.2
TEXT_INDEX, ACCENT_INDEX = 254, 255
# The theme tokens the card uses, with the light theme's values if main.css lacks one.
TOKENS = {"bg": "#fbf8f3", "text": "#1f2a27", "muted": "#4b5753", "accent": "#2f5d50"}
TOKEN = re.compile(r"--(bg|text|muted|accent)\s*:\s*(#[0-9a-fA-F]{6})\s*;")


@dataclass(frozen=True)
class Colours:
    bg: str
    text: str
    muted: str
    accent: str


def theme_colours(css: str) -> tuple[Colours, list[str]]:
    """The light theme's tokens from main.css (its first `:root` block) and the names of any
    token it lacks (the card then uses the default for it)."""
    block = css.split(":root", 1)[1].split("}", 1)[0] if ":root" in css else ""
    found = dict(TOKEN.findall(block))
    missing = [name for name in TOKENS if name not in found]
    return Colours(**{name: found.get(name, TOKENS[name]).lower() for name in TOKENS}), missing


def rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def muted_index(colours: Colours) -> int:
    """The point between background and text colour nearest the muted token."""
    bg, text, muted = rgb(colours.bg), rgb(colours.text), rgb(colours.muted)
    span = [t - b for b, t in zip(bg, text, strict=True)]
    length = sum(s * s for s in span) or 1
    share = sum((m - b) * s for b, m, s in zip(bg, muted, span, strict=True)) / length
    return min(TEXT_INDEX, max(1, round(share * TEXT_INDEX)))


@cache
def font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def split_word(word: str, face, width: int) -> list[str]:
    """A word too long for one line, cut into pieces that fit."""
    pieces, current = [], ""
    for char in word:
        if current and face.getlength(current + char) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    return pieces + [current]


def wrap(text: str, face, width: int, break_words: bool) -> list[str] | None:
    """Greedy line breaking at spaces; None when a word is wider than a line (unless words may
    be cut). Each word is measured once: a line is as wide as its words and spaces."""
    space = face.getlength(" ")
    widths: dict[str, float] = {}
    lines: list[str] = []
    current, used = "", 0.0
    for word in text.split():
        if word not in widths:
            widths[word] = face.getlength(word)
        if widths[word] > width:
            if not break_words:
                return None
            if current:
                lines.append(current)
            *whole, current = split_word(word, face, width)
            lines += whole
            used = face.getlength(current)
        elif not current:
            current, used = word, widths[word]
        elif used + space + widths[word] > width:
            lines.append(current)
            current, used = word, widths[word]
        else:
            current, used = f"{current} {word}", used + space + widths[word]
    return lines + [current] if current else lines


def shorten(line: str, face, width: int) -> str:
    """`line` cut at a word (or, failing that, a letter) with an ellipsis, to fit `width`."""
    if face.getlength(line) <= width:
        return line
    words = line.split()
    while len(words) > 1:
        words.pop()
        candidate = " ".join(words).rstrip(",;:.–—-") + "…"
        if face.getlength(candidate) <= width:
            return candidate
    text = line
    while text and face.getlength(text + "…") > width:
        text = text[:-1]
    return text + "…"


@dataclass(frozen=True)
class Layout:
    size: int
    lines: tuple[str, ...]


def fit_title(title: str, width: int = WIDTH - 2 * MARGIN) -> Layout:
    """The largest size at which the title fits the title area, wrapped into lines; at the
    smallest size a title still too long ends in an ellipsis."""
    area = TITLE_BOTTOM - TITLE_TOP
    for size in TITLE_SIZES:
        face = font(TITLE_FONT, size)
        most = int(area // (size * LINE_SPACING))
        lines = wrap(title, face, width, break_words=size == TITLE_SIZES[-1])
        if lines is not None and len(lines) <= most:
            return Layout(size, tuple(lines))
    kept = lines[:most]
    kept[-1] = shorten(" ".join([kept[-1], *lines[most:]]), face, width)
    return Layout(size, tuple(kept))


@cache
def glyph(size: int, char: str) -> tuple[Image.Image | None, int, int]:
    """One letter of the title font as a mask, with its offset from the pen position. Drawn
    once per size and letter: FreeType's drawing of each letter was most of a card's time."""
    face = font(TITLE_FONT, size)
    left, top, right, bottom = face.getbbox(char)
    if right <= left or bottom <= top:
        return None, 0, 0  # a space
    mask = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(mask).text((-left, -top), char, font=face, fill=255)
    return mask, left, top


@cache
def advance(size: int, char: str, following: str) -> float:
    """How far the pen moves after `char` when `following` comes next (kerning included)."""
    face = font(TITLE_FONT, size)
    return face.getlength(char + following) - face.getlength(following)


def draw_line(canvas: Image.Image, x: int, y: int, text: str, size: int, ink: int) -> None:
    """`text` in the title font with its top-left corner at (x, y), letter by letter."""
    pen = float(x)
    for index, char in enumerate(text):
        mask, left, top = glyph(size, char)
        if mask is not None:
            canvas.paste(ink, (round(pen) + left, y + top), mask)
        pen += advance(size, char, text[index + 1 : index + 2])


@cache
def background(practice_name: str, colours: Colours) -> Image.Image:
    """What every card of a build shares: the accent band, the rule and the practice name."""
    canvas = Image.new("L", (WIDTH, HEIGHT), 0)
    pen = ImageDraw.Draw(canvas)
    pen.rectangle((0, 0, WIDTH - 1, BAND - 1), fill=ACCENT_INDEX)
    pen.rectangle(
        (MARGIN, RULE_TOP, MARGIN + RULE_WIDTH - 1, RULE_TOP + RULE_HEIGHT - 1), fill=ACCENT_INDEX
    )
    name_face = font(NAME_FONT, NAME_SIZE)
    name = shorten(" ".join(practice_name.split()), name_face, WIDTH - 2 * MARGIN)
    pen.text((MARGIN, NAME_TOP), name, font=name_face, fill=muted_index(colours))
    return canvas


@cache
def palette(colours: Colours) -> tuple[int, ...]:
    """Indexes 0..254 run from the background to the text colour; 255 is the accent."""
    bg, text = rgb(colours.bg), rgb(colours.text)
    entries = []
    for index in range(TEXT_INDEX + 1):
        share = index / TEXT_INDEX
        entries += [round(b + (t - b) * share) for b, t in zip(bg, text, strict=True)]
    return tuple(entries + list(rgb(colours.accent)))


def draw(title: str, practice_name: str, colours: Colours) -> bytes:
    """The card as PNG bytes."""
    canvas = background(practice_name, colours).copy()
    layout = fit_title(title)
    step = layout.size * LINE_SPACING
    top = TITLE_TOP + (TITLE_BOTTOM - TITLE_TOP - step * len(layout.lines)) / 2
    for number, line in enumerate(layout.lines):
        draw_line(canvas, MARGIN, round(top + number * step), line, layout.size, TEXT_INDEX)
    canvas.putpalette(palette(colours))  # the greyscale image becomes a palette image
    data = io.BytesIO()
    # Level 1: a few KB larger than the default, written in half the time.
    canvas.save(data, format="PNG", compress_level=1)
    return data.getvalue()


@cache
def fonts_digest() -> str:
    digest = hashlib.sha256()
    for path in (TITLE_FONT, NAME_FONT):
        with open(path, "rb") as handle:
            digest.update(handle.read())
    return digest.hexdigest()


def cache_key(title: str, practice_name: str, colours: Colours) -> str:
    """Everything the card's bytes depend on."""
    parts = {
        "version": TEMPLATE_VERSION,
        "title": title,
        "practice": practice_name,
        "fonts": fonts_digest(),
        "colours": [colours.bg, colours.text, colours.muted, colours.accent],
        "pillow": [Image.__version__, features.check("raqm")],
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:32]
