"""The record behind the accessibility statement: what the last passing run of the judges
checked, and with which tools.

`invoke accessibility-record` runs the judges (axe-core in light and dark on every page type,
the Nu Html Checker on every page) with ACCESSIBILITY_RUN_LOG set; each judge test appends what
it saw once its assertions passed. When every test passed, the log becomes
content/data/accessibility-run.json, to be committed; plugins/accessibility_record reads it and
the statement page shows it. The page changes only when a new run is recorded and committed, so
two builds of the same sources stay identical and no build depends on today's date.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

LOG_VARIABLE = "ACCESSIBILITY_RUN_LOG"
RECORD = Path("content") / "data" / "accessibility-run.json"
STANDARD = "WCAG 2.2 AA"


def log(entry: dict) -> None:
    """Append one judge's result to the run's log, when a recorded run asked for one."""
    path = os.environ.get(LOG_VARIABLE)
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, sort_keys=True) + "\n")


def locked_version(lock_file: Path, package: str) -> str:
    """The version of an npm package as its package-lock.json pins it."""
    packages = json.loads(lock_file.read_text(encoding="utf-8"))["packages"]
    return packages[f"node_modules/{package}"]["version"]


def tool_versions(repo: Path) -> dict[str, str]:
    return {
        "axe-core": locked_version(repo / "package-lock.json", "axe-core"),
        "Nu Html Checker": locked_version(repo / "package-lock.json", "vnu-jar"),
        "Lighthouse": locked_version(repo / "bench" / "package-lock.json", "lighthouse"),
    }


def record_from(
    entries: list[dict], page_types: list[str], schemes: list[str], versions: dict, day: date
) -> dict:
    """The record of a passing run from its log; ValueError when the log misses a check."""
    axe = [entry for entry in entries if entry.get("judge") == "axe-core"]
    seen = {(entry["page_type"], entry["scheme"]) for entry in axe}
    missing = [
        f"{kind} ({scheme})"
        for kind in page_types
        for scheme in schemes
        if (kind, scheme) not in seen
    ]
    if missing:
        raise ValueError(f"axe-core did not check: {', '.join(missing)}")
    nu = [entry for entry in entries if entry.get("judge") == "Nu Html Checker"]
    if not nu:
        raise ValueError("the Nu Html Checker did not run")
    return {
        "date": day.isoformat(),
        "standard": STANDARD,
        "tools": {
            "axe-core": versions["axe-core"],
            "Nu Html Checker": versions["Nu Html Checker"],
            "Chromium": sorted({entry["chromium"] for entry in axe})[-1],
            "Lighthouse": versions["Lighthouse"],
        },
        "page_types": list(page_types),
        "color_schemes": list(schemes),
        "axe_violations": sum(entry["violations"] for entry in axe),
        "nu_pages": max(entry["pages"] for entry in nu),
        "nu_errors": sum(entry["errors"] for entry in nu),
    }


def write_record(path: Path, record: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
