"""Writing the pages, faster: the render cache in the preview (an unchanged page reuses the
last build's bytes, `render_cache.py`) and, on a cold build, a second process writing part of
the blog on the other core (`split.py`). Both are speed mechanisms: they run only on the
Pelican version they were written for and while SPEEDUPS is on, and never change a byte.
"""

import atexit
import os
from dataclasses import astuple

from pelican import signals
from pelican.writers import Writer

from kernel import settings, speedups
from kernel.problems import Problem, channel

from . import render_cache, split

SETTINGS = [settings.Setting("RENDER_CACHE", False, settings.boolean, "True or False")]
# Fewer posts than this: forking costs more than the second process saves.
SPLIT_MINIMUM_POSTS = 60
state: dict = {"generators": [], "writes": 0, "skipping": False}


class PageWriter(Writer):
    """Pelican's writer, rendering through the render cache and sharing writes with a second
    process while the split is on."""

    def write_file(self, name, template, context, *args, **kwargs):
        if render_cache.state["enabled"]:
            template = render_cache.CachingTemplate(template, self.settings)
        if not split.active() or not name:
            return super().write_file(name, template, context, *args, **kwargs)
        mine = split.claim(state["writes"])
        state["writes"] += 1
        if mine:
            return super().write_file(name, template, context, *args, **kwargs)
        # Walk past it as Pelican walks past a file it must not overwrite: same signals, no
        # rendering, the file opened on the null device.
        state["skipping"] = True
        try:
            return super().write_file(name, NOT_RENDERED, context, *args, **kwargs)
        finally:
            state["skipping"] = False

    def write_feed(self, *args, **kwargs):
        if split.active():
            mine = split.claim(state["writes"])
            state["writes"] += 1
            if not mine:
                return None
        return super().write_feed(*args, **kwargs)

    def _open_w(self, filename, encoding, override=False):
        if state["skipping"]:
            return open(os.devnull, "w", encoding=encoding)
        return super()._open_w(filename, encoding, override)


class NotRendered:
    """Stands in for a template whose page the other process writes."""

    name = None

    def render(self, context):
        return ""


NOT_RENDERED = NotRendered()


def start(pelican) -> None:
    config = pelican.settings
    settings.apply(config, SETTINGS)
    enabled = config["RENDER_CACHE"] and speedups.allowed(config, "render-cache")
    render_cache.start(config, pelican.output_path, enabled)
    state.update(generators=[], writes=0, skipping=False)
    split.stop()


def keep_generators(generators) -> None:
    state["generators"] = list(generators)


def writer(pelican):
    """Pelican asks for its writer once everything is read: ours, and on a cold build with
    enough posts the second process starts writing beside it."""
    config = pelican.settings
    blog = next((g for g in state["generators"] if hasattr(g, "articles")), None)
    warm = render_cache.state["enabled"] and render_cache.state["old"]
    if (
        blog is not None
        and not warm
        and speedups.allowed(config, "parallel-writing")
        and split.start(SPLIT_MINIMUM_POSTS, len(blog.articles))
    ):
        second = PageWriter(pelican.output_path, settings=config)
        known = len(channel.problems)
        split.fork_writer(
            lambda: blog.generate_output(second),
            # The render cache keys it recorded (the next build reuses its pages too) and the
            # problems templates and plugins reported while it wrote: the first process
            # reports them with its own.
            lambda: {
                "keys": render_cache.state["new"],
                "problems": [astuple(problem) for problem in channel.problems[known:]],
            },
        )
    return PageWriter


def join_second_writer(generator, writer=None) -> None:
    """The blog's pages are all written once both processes are done with them."""
    if not split.active() or split.second_process():
        return
    code, results = split.wait()
    split.stop()
    render_cache.state["new"].update(results.get("keys", {}))
    for found in results.get("problems", []):
        channel.report(Problem(*found))
    if code:
        channel.report(
            Problem(
                os.path.join(generator.output_path, "index.html"),
                1,
                "the second page writer stopped (its reason is printed above)",
                "correct what the lines above name and build again",
            )
        )
        channel.flush()


def save_keys(pelican) -> None:
    render_cache.save_keys()


def register():
    signals.initialized.connect(start)
    signals.all_generators_finalized.connect(keep_generators)
    # Pelican asks for its writer once everything is read: the one writer of the build.
    signals.get_writer.connect(writer)
    # Sent by the blog's generator when its writing is done (feeds, posts, lists).
    signals.article_writer_finalized.connect(join_second_writer)
    # Once every page is written; a reused page is checked against its recorded hash, so keys
    # saved by a build that later stops can never serve a wrong page.
    signals.finalized.connect(save_keys)


# A build that stops early leaves no second writer running.
atexit.register(split.stop)
