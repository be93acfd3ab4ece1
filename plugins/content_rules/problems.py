"""Problems found in content: one shape, one report format, one way to stop the build."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, with the fix in plain words."""

    path: str
    line: int
    message: str
    fix: str
    severity: str = field(default="error", compare=False)

    def __str__(self) -> str:
        label = "" if self.severity == "error" else f"{self.severity}: "
        return f"{display_path(self.path)}:{self.line}: {label}{self.message}. Fix: {self.fix}"


class ContentRulesFailed(SystemExit):
    """Raised to stop a build with exit code 2 and no traceback; carries the problems."""

    def __init__(self, problems: list[Problem]):
        super().__init__(2)
        self.problems = problems


def display_path(path: str) -> str:
    """Show a path relative to the working directory when it lies below it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


class Collector:
    """Gathers problems from every plugin during one build, so all are reported in one run."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, problem: Problem) -> None:
        if problem not in self.problems:
            self.problems.append(problem)

    def extend(self, problems) -> None:
        for problem in problems:
            self.add(problem)

    def errors(self) -> list[Problem]:
        return sorted(p for p in self.problems if p.severity == "error")

    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.problems if p.severity != "error")

    def flush(self) -> None:
        """Print warnings; print errors and stop the build when there are any."""
        for problem in self.warnings():
            print(problem, file=sys.stderr)
        errors = self.errors()
        self.problems = []
        if errors:
            for problem in errors:
                print(problem, file=sys.stderr)
            count = len(errors)
            print(
                f"The build stopped: {count} {'problem' if count == 1 else 'problems'} "
                "to fix (listed above). Nothing was published.",
                file=sys.stderr,
            )
            raise ContentRulesFailed(errors)


# One collector per process: Pelican builds run one at a time.
collector = Collector()
