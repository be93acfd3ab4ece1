"""Template errors reported with the template's file and line, never as a traceback.

Two public extension points carry it: each generator's Jinja environment renders through
`ReportingTemplate` (Jinja's `template_class`), and the theme is compiled once whenever its
files change, so a misspelt tag or filter is found before any page is written.
"""

from __future__ import annotations

import hashlib
import os
import traceback

import jinja2

from kernel.files import write_atomically
from kernel.problems import BuildStopped, Problem, channel, display_path

CHECKED_FILE = "theme-compiled.txt"


class ReportingTemplate(jinja2.Template):
    """A Jinja template whose errors while rendering name the template line and the post."""

    def render(self, *args, **kwargs):
        try:
            return super().render(*args, **kwargs)
        except jinja2.TemplateError as error:
            context = dict(*args, **kwargs)
            item = context.get("article") or context.get("page")
            rendering = item.source_path if item is not None else context.get("output_file")
            raise stop(rendering_problem(error, rendering or self.name)) from None


def rendering_problem(error: jinja2.TemplateError, rendering: str) -> Problem:
    path, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if not path:
        frames = [
            frame
            for frame in traceback.extract_tb(error.__traceback__)
            if frame.filename.endswith((".html", ".xml", ".txt")) and "templates" in frame.filename
        ]
        if frames:
            path, line = frames[-1].filename, frames[-1].lineno
    return Problem(
        path or "theme/templates",
        line or 1,
        f"template error while rendering {display_path(rendering)}: {error}",
        "correct the template at this line (a misspelt name or a missing value)",
    )


def compile_problems(env: jinja2.Environment, folder: str) -> list[Problem]:
    """Compile every template in `folder`; one problem per template that does not compile."""
    problems = []
    names = [
        os.path.relpath(os.path.join(directory, name), folder).replace(os.sep, "/")
        for directory, _subdirs, files in os.walk(folder)
        for name in files
        if name.endswith((".html", ".xml", ".txt"))
    ]
    for name in sorted(names):
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as error:
            problems.append(
                Problem(
                    error.filename or "theme/templates",
                    error.lineno or 1,
                    f"the template {os.path.splitext(name)[0]} does not compile: "
                    f"{str(error).rstrip('.')}",
                    "correct the template at this line (a misspelt tag, filter or name)",
                )
            )
        except jinja2.TemplateError:
            continue  # a missing include shows when the page renders, with the post named
    return problems


def theme_signature(folder: str) -> str:
    """Changes whenever a file of the theme's templates changes."""
    entries = []
    for directory, subdirs, names in os.walk(folder):
        subdirs.sort()
        for name in sorted(names):
            stat = os.stat(os.path.join(directory, name))
            entries.append(f"{directory}/{name}:{stat.st_mtime_ns}:{stat.st_size}")
    return hashlib.blake2b("\n".join(entries).encode(), digest_size=16).hexdigest()


def check_theme(env: jinja2.Environment, templates_folder: str, cache_folder: str) -> None:
    """Compile the theme when it changed since it last compiled cleanly; stop on an error.

    Compiling all of it costs about 0.1 s, so an unchanged theme is not compiled again.
    """
    signature = theme_signature(templates_folder)
    marker = os.path.join(cache_folder, CHECKED_FILE)
    try:
        with open(marker, encoding="utf-8") as handle:
            if handle.read() == signature:
                return
    except OSError:
        pass
    problems = compile_problems(env, templates_folder)
    if problems:
        channel.report_all(problems)
        channel.flush()
    os.makedirs(cache_folder, exist_ok=True)
    write_atomically(marker, signature)


def stop(problem: Problem) -> BuildStopped:
    """Report `problem` with every other one found so far; return what stops the build."""
    channel.report(problem)
    try:
        channel.flush()
    except BuildStopped as stopped:
        return stopped
    return BuildStopped([problem])
