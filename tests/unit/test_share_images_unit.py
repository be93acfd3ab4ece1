"""The share card and a post's own share image, without Pelican."""

import io

from PIL import Image

from kernel.frontmatter import parse
from share_images import card
from share_images.own import own_image

COLOURS = card.Colours(bg="#fbf8f3", text="#1f2a27", muted="#4b5753", accent="#2f5d50")
WIDTH = card.WIDTH - 2 * card.MARGIN


def test_colours_come_from_the_theme_tokens():
    css = ":root {\n  --bg: #FFFFFF;\n  --text: #000000;\n  --accent: #123456;\n}\n"
    colours, missing = card.theme_colours(css)
    assert colours == card.Colours("#ffffff", "#000000", card.TOKENS["muted"], "#123456")
    assert missing == ["muted"]


def test_a_short_title_is_large_and_a_long_one_wraps_smaller_within_the_card():
    short = card.fit_title("Hello")
    assert short == card.Layout(card.TITLE_SIZES[0], ("Hello",))
    title = (
        "What to expect in the first six sessions of ketamine-assisted psychotherapy, "
        "from preparation to integration, week by week"
    )
    layout = card.fit_title(title)
    assert layout.size < card.TITLE_SIZES[0] and len(layout.lines) > 2
    assert " ".join(layout.lines) == title
    face = card.font(card.TITLE_FONT, layout.size)
    assert all(face.getlength(line) <= WIDTH for line in layout.lines)
    height = len(layout.lines) * layout.size * card.LINE_SPACING
    assert height <= card.TITLE_BOTTOM - card.TITLE_TOP


def test_a_title_too_long_for_any_size_ends_in_an_ellipsis_and_long_words_are_cut():
    layout = card.fit_title("word " * 200)
    assert layout.size == card.TITLE_SIZES[-1] and layout.lines[-1].endswith("…")
    face = card.font(card.TITLE_FONT, layout.size)
    assert all(face.getlength(line) <= WIDTH for line in layout.lines)
    cut = card.fit_title("x" * 120)
    assert "".join(cut.lines) == "x" * 120 and len(cut.lines) > 1


def test_the_card_is_a_1200_by_630_png_in_the_theme_colours_and_the_same_every_time():
    data = card.draw("The Power of Integration", "SET-ME practice name", COLOURS)
    assert data == card.draw("The Power of Integration", "SET-ME practice name", COLOURS)
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG" and image.size == (1200, 630)
        rgb = image.convert("RGB")
    assert rgb.getpixel((600, 4)) == card.rgb(COLOURS.accent)  # the band along the top
    assert rgb.getpixel((10, 300)) == card.rgb(COLOURS.bg)
    assert card.rgb(COLOURS.text) in {colour for _, colour in rgb.getcolors(65536)}


def test_the_cache_key_covers_title_practice_name_and_colours():
    key = card.cache_key("A", "P", COLOURS)
    assert key == card.cache_key("A", "P", COLOURS)
    dark = card.Colours("#000000", "#ffffff", "#888888", "#00ff00")
    assert len({key, card.cache_key("B", "P", COLOURS), card.cache_key("A", "Q", COLOURS)}) == 3
    assert card.cache_key("A", "P", dark) != key


def source(tmp_path, fields):
    path = tmp_path / "posts" / "a.md"
    path.parent.mkdir(exist_ok=True)
    text = "Title: A\nDate: 2024-03-05\nSummary: S.\n" + fields + "\nText.\n"
    path.write_text(text)
    return parse(str(path), text)


def sizes(size):
    return lambda path: size


def test_a_post_s_own_image_wins_with_its_description(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "room.jpg").write_bytes(b"")
    post = source(tmp_path, "Image: {static}/images/room.jpg\nImage-alt: A quiet room\n")
    image, problems = own_image(post, str(tmp_path), ["images"], sizes((1200, 630)))
    assert problems == []
    assert (image.path, image.alt, image.width, image.height) == (
        "images/room.jpg",
        "A quiet room",
        1200,
        630,
    )


def test_own_image_problems_name_the_field_s_line(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "small.png").write_bytes(b"")
    (tmp_path / "images" / "anim.gif").write_bytes(b"")
    (tmp_path / "secret.png").write_bytes(b"")
    cases = {
        "Image: images/room.jpg\n": "is not linked with {static}",
        "Image: {static}/images/rooom.jpg\nImage-alt: x\n": "points to a file that does not exist",
        "Image: {static}/secret.png\nImage-alt: x\n": "is not in the site's image folder",
        "Image: {static}/images/anim.gif\nImage-alt: x\n": "is not a PNG or JPEG",
        "Image: {static}/images/small.png\n": "has no description",
        "Image-alt: A room\n": "the post has no Image field",
    }
    for fields, expected in cases.items():
        post = source(tmp_path, fields)
        image, problems = own_image(post, str(tmp_path), ["images"], sizes((1200, 630)))
        assert [p.line for p in problems] == [4], fields
        assert expected in problems[0].message, fields
        assert problems[0].severity == "error"
    post = source(tmp_path, "Image: {static}/images/small.png\nImage-alt: Small\n")
    image, problems = own_image(post, str(tmp_path), ["images"], sizes((300, 200)))
    assert image is not None and [p.severity for p in problems] == ["warning"]
    assert "300×200" in problems[0].message
