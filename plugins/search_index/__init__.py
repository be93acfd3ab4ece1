"""Site search with no server: Pagefind indexes the written site at the end of every build.

Only post bodies (`data-pagefind-body`) are indexed; lists are marked `data-pagefind-ignore`.
"""

import logging
import subprocess

from pagefind_bin import get_executable
from pelican import signals

logger = logging.getLogger(__name__)


def build_index(pelican) -> None:
    if not pelican.settings.get("SEARCH_INDEX", True):
        return
    command = [str(get_executable()), "--site", pelican.output_path, "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind could not index the site:\n{result.stdout}{result.stderr}")


def register():
    # After every page is written: Pagefind reads the finished HTML.
    signals.finalized.connect(build_index)
