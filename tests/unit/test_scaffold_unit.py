"""`make post` writes a draft the content rules accept, and never overwrites."""

from datetime import datetime

import pytest

from content_rules.source_checks import check_body, check_fields
from kernel.frontmatter import parse
from sitebuild.newpost import new_post


def test_new_post_has_every_required_field_and_is_a_draft(tmp_path):
    path = new_post(
        "A first session: what to expect", str(tmp_path), now=datetime(2026, 11, 24, 9, 30)
    )
    assert path.name == "a-first-session-what-to-expect.md"
    source = parse(str(path), path.read_text())
    assert source.get("status") == "draft" and source.get("date") == "2026-11-24 09:30"
    assert check_fields(source, "article", {"SUMMARY_MAX_LENGTH": 160}) == []
    assert check_body(source, str(tmp_path)) == []


def test_new_post_refuses_to_overwrite(tmp_path):
    path = new_post("Same", str(tmp_path))
    path.write_text("my words")
    with pytest.raises(FileExistsError):
        new_post("Same", str(tmp_path))
    assert path.read_text() == "my words"
