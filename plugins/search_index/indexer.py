"""Run Pagefind on each shard that needs it, one after the other: `python indexer.py PLAN.json`.

A separate process, started by the plugin as soon as the search copy is written, so the build
itself stays free of threads (it forks a second page writer). PLAN.json lists, for each shard,
the folder of its search copy and the folder its bundle must end up in; a shard whose bundle
folder exists already is skipped (the cache of an unchanged shard). Each bundle is written
beside its final folder and renamed into place, so a killed run never leaves half a bundle.
Exit code 1 with Pagefind's complaint on stderr when a run fails.
"""

import json
import os
import shutil
import subprocess
import sys

from pagefind_bin import get_executable


def index(site: str, bundle: str) -> str | None:
    """Pagefind's complaint, or None when `bundle` holds the index of `site`."""
    if os.path.isdir(bundle):
        return None
    partial = f"{bundle}.{os.getpid()}.part"
    shutil.rmtree(partial, ignore_errors=True)
    command = [str(get_executable()), "--site", site, "--output-path", partial, "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode:
        shutil.rmtree(partial, ignore_errors=True)
        return (result.stdout + result.stderr).strip() or f"exit code {result.returncode}"
    os.makedirs(os.path.dirname(bundle), exist_ok=True)
    try:
        os.rename(partial, bundle)
    except OSError:  # another build made the same bundle meanwhile: theirs is as good
        shutil.rmtree(partial, ignore_errors=True)
    return None


def main(plan_path: str) -> int:
    with open(plan_path, encoding="utf-8") as handle:
        plan = json.load(handle)
    for shard in plan:
        complaint = index(shard["site"], shard["bundle"])
        if complaint:
            print(complaint, file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
