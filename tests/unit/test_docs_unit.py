"""The writing guide documents exactly the fields the content rules accept."""

import re

from helpers import REPO
from kernel.frontmatter import KNOWN_FIELDS


def test_every_known_field_is_in_the_guide_table():
    guide = (REPO / "docs" / "writing.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([A-Za-z_-]+)` \|", guide, re.MULTILINE))
    assert documented == set(KNOWN_FIELDS.values())
