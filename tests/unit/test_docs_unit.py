"""The writing guide documents exactly the fields the content rules accept."""

import re

from content_rules.source_checks import KNOWN_FIELDS
from helpers import REPO


def test_every_known_field_is_in_the_guide_table():
    guide = (REPO / "docs" / "writing.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([A-Za-z_-]+)` \|", guide, re.MULTILINE))
    assert documented == set(KNOWN_FIELDS.values())
