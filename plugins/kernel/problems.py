"""The one problem channel: every check reports here, and one flush stops the build.

A problem is `path:line: what. Fix: how`. Problems gather during a build so that all are
reported in one run; `flush()` prints them and stops the build with exit code 2 when any is an
error. In GitHub Actions each one is also printed as a workflow command, so the commit view
shows it on the line of the file it names.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field

EXIT_CODE = 2


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


class BuildStopped(SystemExit):
    """Stops a build with exit code 2 and no traceback; carries the problems."""

    def __init__(self, problems: list[Problem]):
        super().__init__(EXIT_CODE)
        self.problems = problems


# A build writes into a staging folder beside the output (.output.new-abc123, named by
# sitebuild/build.py) and swaps it in when done: a problem names the output it becomes.
STAGING = re.compile(r"(?:^|(?<=/))\.([^/]+)\.(?:new|old)-[^/]+")


def display_path(path) -> str:
    """A path as the writer knows it: relative to the working directory when it lies below
    it, and the output folder in place of its staging folder."""
    path = STAGING.sub(r"\1", str(path))
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def annotation(problem: Problem) -> str:
    """The GitHub Actions workflow command that shows `problem` on its file and line."""
    command = "error" if problem.severity == "error" else "warning"
    title = "Content problem" if problem.severity == "error" else "Content warning"
    path = os.path.relpath(os.path.abspath(problem.path), repository_root())
    text = f"{problem.message}. Fix: {problem.fix}"
    return (
        f"::{command} file={escape_property(path)},line={problem.line},"
        f"title={escape_property(title)}::{escape_data(text)}"
    )


def repository_root() -> str:
    """GitHub's checkout folder, or the working directory (builds run from the repo root)."""
    return os.environ.get("GITHUB_WORKSPACE") or os.getcwd()


def escape_data(text: str) -> str:
    # GitHub's own escaping for workflow commands: a message is one line.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class Channel:
    """The problems of one build, kept until they are flushed."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        # The same problems as a set, so a thousand reminders cost no more than one each to
        # check; `replace` (never an assignment to `problems`) keeps the two alike.
        self._seen: set[Problem] = set()
        self.settings_failed = False

    def reset(self) -> None:
        self.replace([])
        self.settings_failed = False

    def replace(self, problems: list[Problem]) -> None:
        """Keep `problems` in place of those reported so far."""
        self.problems = list(problems)
        self._seen = set(self.problems)

    def report(self, problem: Problem) -> None:
        """Keep `problem` unless it was reported already."""
        if problem not in self._seen:
            self._seen.add(problem)
            self.problems.append(problem)

    def report_all(self, problems) -> None:
        for problem in problems:
            self.report(problem)

    def errors(self) -> list[Problem]:
        return sorted(p for p in self.problems if p.severity == "error")

    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.problems if p.severity != "error")

    def flush(self) -> None:
        """Print what was found; stop the build when any of it is an error."""
        errors, warnings = self.errors(), self.warnings()
        self.reset()
        in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
        for problem in warnings + errors:
            print(problem, file=sys.stderr)
            if in_actions:
                print(annotation(problem), file=sys.stderr)
        if errors:
            count = len(errors)
            print(
                f"The build stopped: {count} {'problem' if count == 1 else 'problems'} "
                "to fix (listed above). Nothing was published.",
                file=sys.stderr,
            )
            raise BuildStopped(errors)


# One channel per process: Pelican builds run one at a time.
channel = Channel()
report = channel.report
report_all = channel.report_all
