"""What a transform knows about the post or page whose HTML it changes."""

from __future__ import annotations

from dataclasses import dataclass, field

from kernel.content import line_containing
from kernel.problems import Problem


@dataclass
class Body:
    """One post's or page's context for the pass: read-only facts, plus what steps report."""

    settings: dict
    path: str  # the source file
    save_as: str  # where the page is written, relative to the output folder
    metadata: dict
    problems: list[Problem] = field(default_factory=list)
    # Narrower image copies to write: output path -> (source file, width).
    image_copies: dict[str, tuple[str, int]] = field(default_factory=dict)

    def problem(self, needle: str, message: str, fix: str) -> None:
        """Report a problem on the first line of the source that holds `needle`."""
        self.problems.append(Problem(self.path, line_containing(self.path, needle), message, fix))
