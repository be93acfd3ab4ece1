"""Site search with no server: Pagefind indexes the written site at the end of every build.

Only post bodies (`data-pagefind-body`) are indexed; lists are marked `data-pagefind-ignore`.
"""

import os
import subprocess

from content_rules import rules
from content_rules.problems import Problem
from pagefind_bin import get_executable


def build_index(pelican) -> list[Problem]:
    if not pelican.settings.get("SEARCH_INDEX", True):
        return []
    command = [str(get_executable()), "--site", pelican.output_path, "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return [Problem(os.path.join(pelican.output_path, "pagefind"), 1, "Pagefind could not "
                        f"index the site: {(result.stdout + result.stderr).strip()}",
                        "run the build again; if it repeats, reinstall with `make clean`")]
    return []


def register():
    # Runs once every page is written (Pagefind reads the finished HTML), beside the link check.
    if build_index not in rules.after_writing_checks:
        rules.after_writing_checks.append(build_index)
