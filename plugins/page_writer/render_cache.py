"""The render cache (preview):  a page whose inputs have not changed since the last build reuses the
bytes that build wrote, instead of rendering its template again.

A page's key covers everything that can change it: the theme and plugin files, the settings,
the versions of Pelican, Jinja2 and Markdown, the listing of every post and page (titles,
addresses, dates, summaries, tags, reading times, flags), and the page's own rendered content
and fields.
The reused file is checked against the hash recorded when it was rendered. Editing one post's
text therefore re-renders that post's page only; the preview server's save-to-page time stops
growing with the size of the site. Publishing renders everything (RENDER_CACHE = False).
"""

import hashlib
import json
import os

import jinja2
import markdown
import pelican as pelican_package

from kernel.content import CONTENT_LISTS
from kernel.files import write_atomically

KEYS_FILE = "render-keys.json"
VOLATILE_SETTINGS = {"OUTPUT_PATH", "CACHE_PATH", "RENDER_CACHE_OUTPUT"}
state: dict = {"enabled": False, "old": {}, "new": {}, "site_key": None}


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def files_signature(folders) -> list:
    entries = []
    for folder in folders:
        for directory, subdirs, names in os.walk(folder):
            subdirs[:] = sorted(d for d in subdirs if d != "__pycache__")
            for name in sorted(names):
                stat = os.stat(os.path.join(directory, name))
                entries.append(
                    (
                        os.path.relpath(os.path.join(directory, name), folder),
                        stat.st_mtime_ns,
                        stat.st_size,
                    )
                )
    return entries


def listing(context) -> list:
    """What any page may show of any post or page."""
    seen, rows = set(), []
    for name in CONTENT_LISTS:
        for item in context.get(name) or []:
            if id(item) in seen:
                continue
            seen.add(id(item))
            rows.append(
                [
                    item.source_path,
                    item.url,
                    item.save_as,
                    item.title,
                    str(item.date) if hasattr(item, "date") else "",
                    item.summary,
                    item.status,
                    str(getattr(item, "category", "")),
                    [str(tag) for tag in getattr(item, "tags", [])],
                    getattr(item, "reading_time", None),
                    str(getattr(item, "updated", "")),
                    str(getattr(item, "reviewed", "")),
                    getattr(item, "scheduled", False),
                    # Shown on cards and beside the text (plugins/safety); overdue by the date.
                    item.metadata.get("content-note", ""),
                    str(getattr(item, "review_due", "")),
                    getattr(item, "review_overdue", False),
                    getattr(item, "off_label_link", None),
                ]
            )
    return rows


def site_key(context, config) -> str:
    stable = {key: value for key, value in config.items() if key not in VOLATILE_SETTINGS}
    parts = {
        "settings": json.dumps(stable, sort_keys=True, default=lambda o: type(o).__name__),
        "theme": files_signature([config["THEME"]]),
        "plugins": files_signature(config.get("PLUGIN_PATHS", [])),
        "versions": [pelican_package.__version__, jinja2.__version__, markdown.__version__],
        "listing": listing(context),
    }
    return digest(json.dumps(parts, sort_keys=True, default=str))


class CachingTemplate:
    """Stands in for a Jinja template in Pelican's writer; renders only when needed."""

    def __init__(self, template, config):
        self.template = template
        self.settings = config

    def render(self, context):
        name = context["output_file"]
        if state["site_key"] is None:
            state["site_key"] = site_key(context, self.settings)
        item = context.get("article") or context.get("page")
        # The page's own content, every field it was written with (author, journey, sources:
        # the template may show any of them) and its share image (drawn from fields).
        own = (
            digest(
                (item._content or "")
                + json.dumps(item.metadata, sort_keys=True, default=str)
                + repr(getattr(item, "share_image", None))
            )
            if item is not None
            else ""
        )
        key = digest(
            "\0".join(
                [
                    state["site_key"],
                    self.template.name or "",
                    name,
                    own,
                    str(context.get("SITEURL")),
                ]
            )
        )
        recorded = state["old"].get(name)
        if recorded and recorded[0] == key:
            try:
                with open(os.path.join(state["previous"], name), encoding="utf-8") as handle:
                    previous = handle.read()
                if digest(previous) == recorded[1]:
                    state["new"][name] = recorded
                    return previous
            except OSError:
                pass
        output = self.template.render(context)
        state["new"][name] = [key, digest(output)]
        return output


def start(config: dict, output_path: str, enabled: bool) -> None:
    """Load the keys of the pages the last build wrote into the same final output folder."""
    # Where this build's output will live when it is done (an atomic build writes elsewhere
    # first): the previous build's files are read from there.
    final = os.path.realpath(config.get("RENDER_CACHE_OUTPUT") or output_path)
    state.update(
        enabled=enabled,
        old={},
        new={},
        site_key=None,
        previous=final,
        keys_file=os.path.join(config["CACHE_PATH"], KEYS_FILE),
    )
    if not enabled:
        return
    try:
        with open(state["keys_file"], encoding="utf-8") as handle:
            data = json.load(handle)
        if data.get("output") == final:
            state["old"] = data["pages"]
    except (OSError, ValueError, KeyError):
        pass


def save_keys() -> None:
    if state["enabled"]:
        os.makedirs(os.path.dirname(state["keys_file"]), exist_ok=True)
        keys = {"output": state["previous"], "pages": state["new"]}
        write_atomically(state["keys_file"], json.dumps(keys))  # never half a keys file
