"""Work out each post's address once per build, not on every use.

Pelican computes `url` and `save_as` afresh each time they are read, copying the post's
metadata to format the setting: about 25,000 times in a 1,000-post build, a tenth of its
writing time. Once a generator has finished reading (slug, date, category and status are set
and no plugin of ours changes them), each of its posts and pages keeps its answers.
"""

from pelican import signals
from pelican.contents import Content

from content_rules.rules import content_items

compute_url_setting = Content.get_url_setting


def remembered_url_setting(self, key: str) -> str:
    memo = self.__dict__.get("_url_memo")
    if memo is None:  # still being read: the address may change
        return compute_url_setting(self, key)
    if key not in memo:
        memo[key] = compute_url_setting(self, key)
    return memo[key]


def start_remembering(generator) -> None:
    """When a generator has read all its posts or pages. Not static files: an {attach} link
    met while a post renders may still move one."""
    for item in content_items([generator]):
        item._url_memo = {}


def register():
    Content.get_url_setting = remembered_url_setting
    signals.article_generator_finalized.connect(start_remembering)
    signals.page_generator_finalized.connect(start_remembering)
