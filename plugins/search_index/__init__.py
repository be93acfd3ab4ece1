"""Site search with no server: Pagefind indexes the written site at the end of every build.

Only post bodies (`data-pagefind-body`) are indexed; lists are marked `data-pagefind-ignore`.
"""

import os
import subprocess

from content_rules import rules
from content_rules.problems import Problem
from pagefind_bin import get_executable


def index_site(folder: str) -> str | None:
    """Index the written site in `folder`; return Pagefind's complaint, or None on success."""
    command = [str(get_executable()), "--site", folder, "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    return (result.stdout + result.stderr).strip() if result.returncode else None


def build_index(pelican) -> list[Problem]:
    if not pelican.settings.get("SEARCH_INDEX", True):
        return []
    complaint = index_site(pelican.output_path)
    if complaint is not None:
        return [Problem(os.path.join(pelican.output_path, "pagefind"), 1, "Pagefind could not "
                        f"index the site: {complaint}",
                        "run the build again; if it repeats, reinstall with `make clean`")]
    return []


def register():
    # Runs once every page is written (Pagefind reads the finished HTML), beside the link check.
    if build_index not in rules.after_writing_checks:
        rules.after_writing_checks.append(build_index)
