"""A truncated content cache is removed instead of crashing the next build."""

import gzip
import pickle
from types import SimpleNamespace

from cache_guard import drop_unreadable_cache


def test_truncated_cache_is_removed_and_good_one_kept(tmp_path):
    good = gzip.compress(pickle.dumps({"a": 1}))
    (tmp_path / "Good").write_bytes(good)
    (tmp_path / "Bad").write_bytes(good[: len(good) // 2])
    drop_unreadable_cache(
        SimpleNamespace(settings={"CACHE_PATH": str(tmp_path), "GZIP_CACHE": True})
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Good"]


def test_truncated_plain_pickle_is_removed(tmp_path):
    good = pickle.dumps({"a": list(range(100))})
    (tmp_path / "Good").write_bytes(good)
    (tmp_path / "Bad").write_bytes(good[:-5])
    drop_unreadable_cache(
        SimpleNamespace(settings={"CACHE_PATH": str(tmp_path), "GZIP_CACHE": False})
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Good"]


def test_other_files_in_the_cache_folder_are_left_alone(tmp_path):
    (tmp_path / "render-keys.json").write_text("{}")
    drop_unreadable_cache(
        SimpleNamespace(settings={"CACHE_PATH": str(tmp_path), "GZIP_CACHE": False})
    )
    assert (tmp_path / "render-keys.json").exists()
