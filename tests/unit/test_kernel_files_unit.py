"""The kernel's cache files (written whole, leftovers swept) and the site's base path."""

import os
import time

import pytest

from kernel.addresses import site_base
from kernel.files import remove_stale, write_atomically


def test_write_atomically_writes_bytes_and_text_and_leaves_no_temporary(tmp_path):
    write_atomically(str(tmp_path / "card.png"), b"\x89PNG")
    write_atomically(str(tmp_path / "keys.json"), '{"é": 1}')
    write_atomically(str(tmp_path / "keys.json"), '{"é": 2}')  # replaces the old one
    assert (tmp_path / "card.png").read_bytes() == b"\x89PNG"
    assert (tmp_path / "keys.json").read_text(encoding="utf-8") == '{"é": 2}'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["card.png", "keys.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    (tmp_path / "keys.json").write_text("old")
    with pytest.raises(TypeError):
        write_atomically(str(tmp_path / "keys.json"), ["not", "text"])
    assert [p.name for p in tmp_path.iterdir()] == ["keys.json"]
    assert (tmp_path / "keys.json").read_text() == "old"


def test_remove_stale_removes_only_old_entries_with_the_suffix(tmp_path):
    old = time.time() - 3600
    for name in ("a.png.99.part", "b.png.98.part", "c.png"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "folder.part").mkdir()
    (tmp_path / "folder.part" / "inside").write_bytes(b"x")
    for name in ("a.png.99.part", "c.png", "folder.part"):
        os.utime(tmp_path / name, (old, old))
    remove_stale(str(tmp_path), ".part", 600)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.png.98.part", "c.png"]
    remove_stale(str(tmp_path), "", 600)  # every old entry
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.png.98.part"]
    remove_stale(str(tmp_path / "missing"), ".part", 600)  # no folder: nothing to do


@pytest.mark.parametrize(
    ("siteurl", "base"),
    [
        ("https://example.org/blog", "/blog"),
        ("https://example.org/blog/", "/blog"),
        ("https://example.org/a/b", "/a/b"),
        ("https://example.org", ""),
        ("https://example.org/", ""),
        ("", ""),
        ("/blog", ""),
        ("blog/", ""),
    ],
)
def test_site_base_is_the_path_without_its_last_slash(siteurl, base):
    assert site_base(siteurl) == base
