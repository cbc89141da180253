"""One problem found in the inbox: where it is, what was found, what is expected.

Problems in the data are records collected over a whole run, never raised one at a
time, so that the office learns every problem in one run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

MAX_SHOWN_VALUE = 200  # characters of a cell's value quoted in a message


def printable(text: str) -> str:
    """Text that can be printed and written anywhere: a file name that is not valid
    UTF-8 (bytes from an old Windows share arrive as lone surrogates) shows its odd
    bytes as \\xNN instead of crashing the console or the findings workbook."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


def shorten(text: str, limit: int = MAX_SHOWN_VALUE) -> str:
    """A long value cut for a message, saying how long it was."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text)} ký tự)"


class Severity(str, Enum):
    """The one word for each severity, used on the terminal, in the findings workbook and in comments."""

    ERROR = "Lỗi"  # blocks the documents
    WARNING = "Cảnh báo"  # listed; documents are still written
    INFO = "Ghi chú"  # e.g. a skipped file, an ignored totals row


@dataclass(frozen=True)
class Finding:
    severity: Severity
    message: str  # Vietnamese: what is wrong and what is expected
    file: str = ""  # file name inside the inbox
    sheet: str = ""
    row: int | None = None  # Excel row number (1-based)
    column: str = ""  # the column header as written in the workbook
    value: str = ""  # the value found, as text
    rule: str = ""  # short English identifier of the rule, for tests and filtering
    cell_column: int | None = None  # 1-based column of the cell, to mark it in a copy of the workbook

    def __post_init__(self) -> None:
        for name in ("message", "file", "sheet", "column"):
            object.__setattr__(self, name, printable(getattr(self, name)))
        object.__setattr__(self, "value", shorten(printable(self.value)))

    def location(self) -> str:
        parts = []
        if self.sheet:
            parts.append(f"sheet «{self.sheet}»")
        if self.row is not None:
            parts.append(f"dòng {self.row}")
        if self.column:
            parts.append(f"cột «{self.column}»")
        return ", ".join(parts)

    def describe(self) -> str:
        """One line: location, value, message (without the file name)."""
        text = self.location()
        if self.value != "":
            text = f"{text}: giá trị «{self.value}»" if text else f"giá trị «{self.value}»"
        return f"{text} — {self.message}" if text else self.message


@dataclass
class Findings:
    """An ordered collection of findings."""

    items: list[Finding] = field(default_factory=list)

    def add(self, finding: Finding) -> None:
        self.items.append(finding)

    def error(self, message: str, **where: object) -> None:
        self.items.append(Finding(Severity.ERROR, message, **where))  # type: ignore[arg-type]

    def warning(self, message: str, **where: object) -> None:
        self.items.append(Finding(Severity.WARNING, message, **where))  # type: ignore[arg-type]

    def info(self, message: str, **where: object) -> None:
        self.items.append(Finding(Severity.INFO, message, **where))  # type: ignore[arg-type]

    def extend(self, other: Findings | list[Finding]) -> None:
        self.items.extend(other.items if isinstance(other, Findings) else other)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.items if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.items if f.severity is Severity.WARNING]

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.items)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class SheetFindings:
    """Findings about one sheet of one file, each given its Excel row first (None: the whole sheet)."""

    findings: Findings
    file: str
    sheet: str

    def error(self, row: int | None, message: str, **where: object) -> None:
        self.findings.error(message, file=self.file, sheet=self.sheet, row=row, **where)

    def warning(self, row: int | None, message: str, **where: object) -> None:
        self.findings.warning(message, file=self.file, sheet=self.sheet, row=row, **where)

    def info(self, row: int | None, message: str, **where: object) -> None:
        self.findings.info(message, file=self.file, sheet=self.sheet, row=row, **where)
