"""Reading the record of the last passing accessibility run (sitebuild/accessibility.py writes
it). Pure functions, no Pelican state."""

from __future__ import annotations

import json

from kernel.content import line_containing, parse_date
from kernel.problems import Problem

FIX = "run `.venv/bin/invoke accessibility-record` again to rewrite this file, then commit it"
FIELDS = {
    "date": str,
    "standard": str,
    "tools": dict,
    "page_types": list,
    "color_schemes": list,
    "axe_violations": int,
    "nu_pages": int,
    "nu_errors": int,
}
TOOLS = ["axe-core", "Nu Html Checker", "Chromium", "Lighthouse"]


def read_record(path: str, text: str) -> tuple[dict | None, list[Problem]]:
    """The record in `text`, with its date as `day`; or None and the problems that say why."""
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        return None, [
            Problem(path, error.lineno, f"this file is not valid JSON ({error.msg})", FIX)
        ]
    if not isinstance(record, dict):
        return None, [Problem(path, 1, "this file does not hold a record", FIX)]
    problems = []
    for name, kind in FIELDS.items():
        if not isinstance(record.get(name), kind):
            problems.append(
                Problem(
                    path,
                    line_containing(path, f'"{name}"'),
                    f"the record's '{name}' is missing or not a {kind.__name__}",
                    FIX,
                )
            )
    for tool in TOOLS:
        if not isinstance(record.get("tools"), dict) or not record["tools"].get(tool):
            problems.append(
                Problem(path, line_containing(path, '"tools"'), f"no {tool} version", FIX)
            )
    day = parse_date(record.get("date"))
    if "date" in record and day is None:
        problems.append(
            Problem(
                path, line_containing(path, '"date"'), "the record's date is not YYYY-MM-DD", FIX
            )
        )
    if problems:
        return None, problems
    return {**record, "day": day.date()}, []
