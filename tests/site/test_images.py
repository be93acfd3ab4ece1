"""Images in posts: srcset with real narrower files, width and height, lazy after the first."""

import re

from PIL import Image

from helpers import TEST_PRACTICE, build, copy_content, signed


def test_responsive_images(tmp_path):
    content = copy_content(tmp_path)
    Image.new("RGB", (1600, 900), (120, 160, 140)).save(content / "images" / "room.jpg")
    (content / "posts" / "pictures.md").write_text(
        "Title: Pictures\nDate: 2024-03-05\nSummary: S.\n\n"
        "![A quiet room]({static}/images/room.jpg)\n\nText.\n\n"
        "![The same room again]({static}/images/room.jpg)\n"
    )
    # A path from the post's own folder, as Pelican reads {static} without a leading slash.
    (content / "posts" / "nearby.md").write_text(
        "Title: Nearby\nDate: 2024-03-06\nSummary: S.\n\n"
        "![A quiet room]({static}../images/./room.jpg)\n"
    )
    signed(content)
    result = build(
        content,
        tmp_path / "out",
        "publishconf.py",
        extra=TEST_PRACTICE,
        env={"SITEURL": "https://example.org/blog"},
    )
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out/posts/pictures/index.html").read_text()
    images = re.findall(r"<img\b[^>]*>", html)
    assert len(images) == 2
    first, second = images
    assert 'alt="A quiet room"' in first and 'width="1600" height="900"' in first
    assert 'loading="eager"' in first and 'loading="lazy"' in second
    srcset = re.search(r'srcset="([^"]*)"', first).group(1).split(", ")
    assert srcset == [
        f"https://example.org/blog/images/derivatives/{w}/room.jpg {w}w" for w in (480, 800, 1200)
    ] + ["https://example.org/blog/images/room.jpg 1600w"]
    (nearby,) = re.findall(r"<img\b[^>]*>", (tmp_path / "out/posts/nearby/index.html").read_text())
    assert 'src="https://example.org/blog/images/room.jpg"' in nearby
    assert 'width="1600" height="900"' in nearby
    assert re.search(r'srcset="([^"]*)"', nearby).group(1).split(", ") == srcset
    for width in (480, 800, 1200):
        with Image.open(tmp_path / f"out/images/derivatives/{width}/room.jpg") as copy:
            assert copy.size == (width, round(900 * width / 1600))
