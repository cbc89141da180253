"""How the library tells a caller how far a long run has gone, without printing.

The library calls `stage(label, total)` when a counted stage starts (reading the
workbooks, rendering the documents, the wards of a province) and `advance()` after each
item; the CLI turns that into a progress bar on a terminal (console.py). The default,
`SILENT`, does nothing. Below every stage: imports nothing of the package.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def stage(self, label: str, total: int) -> None:
        """A counted stage starts (label in Vietnamese); it ends at the next stage or at `close`."""

    def advance(self, count: int = 1) -> None:
        """`count` more items of the current stage are done."""

    def close(self) -> None:
        """The run is over: end the current stage."""


class Silent:
    """Reports nothing: the library's default, and a ward's progress inside a province."""

    def stage(self, label: str, total: int) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


SILENT: Progress = Silent()
