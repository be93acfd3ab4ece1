"""Journeys: pages or posts with `Journey:` and `Step:` fields, put in order; every way the
steps can be wrong is a problem on its file and line. Pure functions, no Pelican state."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kernel.problems import Problem

WHOLE_NUMBER = re.compile(r"^\d+$")


@dataclass
class Entry:
    """One page's or post's place in a journey, as its fields give it."""

    path: str
    journey: str
    journey_line: int
    step: str
    step_line: int
    item: object = None  # the Pelican page or post


def ordered_journeys(entries: list[Entry]) -> tuple[dict[str, list[Entry]], list[Problem]]:
    """Each journey's entries in step order (1, 2, 3, …), and every problem with them."""
    problems: list[Problem] = []
    numbered: dict[str, dict[int, list[Entry]]] = {}
    for entry in entries:
        if entry.journey and not entry.step:
            problems.append(
                Problem(
                    entry.path,
                    entry.journey_line,
                    f"this page is in the journey '{entry.journey}' but has no Step",
                    "add 'Step: N' below it, N being its place in the journey (1 for the first)",
                )
            )
        elif entry.step and not entry.journey:
            problems.append(
                Problem(
                    entry.path,
                    entry.step_line,
                    "this page has a Step but no Journey",
                    "add 'Journey: name of the journey', the same on every page of it, or "
                    "delete the Step line",
                )
            )
        elif not WHOLE_NUMBER.match(entry.step) or int(entry.step) < 1:
            problems.append(
                Problem(
                    entry.path,
                    entry.step_line,
                    f"Step '{entry.step}' is not a whole number",
                    "write the step's place in the journey as a number: 'Step: 1' for the "
                    "first, 'Step: 2' for the next",
                )
            )
        else:
            numbered.setdefault(entry.journey, {}).setdefault(int(entry.step), []).append(entry)
    journeys = {}
    for name, steps in numbered.items():
        for number, same in steps.items():
            if len(same) > 1:
                for entry in same:
                    others = ", ".join(other.path for other in same if other is not entry)
                    problems.append(
                        Problem(
                            entry.path,
                            entry.step_line,
                            f"step {number} of the journey '{name}' is also {others}",
                            "give each page of the journey its own number, 1, 2, 3, … in order",
                        )
                    )
        missing = sorted(set(range(1, max(steps) + 1)) - set(steps))
        if missing:
            after = steps[min(n for n in steps if n > missing[0])][0]
            problems.append(
                Problem(
                    after.path,
                    after.step_line,
                    f"the journey '{name}' has no step {missing[0]} "
                    f"(its steps are {', '.join(str(n) for n in sorted(steps))})",
                    "number the steps 1, 2, 3, … with no gap",
                )
            )
        journeys[name] = [steps[number][0] for number in sorted(steps)]
    return journeys, problems
