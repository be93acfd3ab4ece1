"""The <img> rewrite, without Pelican."""

from transforms.images import rewrite


def test_small_images_get_dimensions_but_no_srcset(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "icon.png").write_bytes(b"")
    html, jobs = rewrite(
        '<img alt="x" src="{static}/images/icon.png">',
        str(tmp_path),
        "",
        [480, 800],
        "100vw",
        lambda path: (300, 200),
    )
    assert html == (
        '<img alt="x" src="{static}/images/icon.png" width="300" height="200" '
        'loading="eager" decoding="async">'
    )
    assert jobs == []


def test_external_images_are_left_alone():
    html = '<img alt="x" src="https://elsewhere.example/a.png">'
    assert rewrite(html, "/nowhere", "", [480], "100vw", None) == (html, [])


def test_a_path_without_a_slash_starts_in_the_posts_folder_and_never_leaves_content():
    from transforms.images import image_path

    assert image_path("images/a.png", True, "posts") == "images/a.png"
    assert image_path("../images/./a.png", False, "posts") == "images/a.png"
    assert image_path("a.png", False, "posts/2024") == "posts/2024/a.png"
    assert image_path("../../a.png", False, "posts") is None
    assert image_path("../x/../../a.png", True, "") is None
