"""The one base of the library's own problems: each carries a Vietnamese message (its str)
and whether it is a wrong use of the program (the CLI prints it as a usage error, exit 2)
or a problem with the files (exit 1). The CLI turns them into messages in one place;
anything else reaching it is a bug, printed as such."""

from __future__ import annotations


class ReportgenError(Exception):
    """A problem the user can act on; `str(error)` is the whole Vietnamese message."""

    usage: bool = False  # a wrong use (folder, option), not a problem with the files


class UsageProblem(ReportgenError):
    """Wrong use (a folder that does not exist, a year with no data); Vietnamese message."""

    usage = True
