"""The library API: check(inbox) and build(inbox, out).

discover -> read -> validate -> aggregate -> render -> write. The library never
prints and never exits; problems in the data are findings, problems of use are
`UsageProblem` exceptions with a Vietnamese message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .findings import Findings
from .intake.load import Inbox, load_inbox
from .stats.aggregate import aggregate
from .stats.model import Report
from .validate.rules import validate


class UsageProblem(Exception):
    """Wrong use (a folder that does not exist, a year with no data); Vietnamese message."""


@dataclass
class CheckResult:
    inbox: Inbox
    findings: Findings
    year: int | None

    @property
    def ok(self) -> bool:
        return not self.findings.has_errors


@dataclass
class BuildResult:
    check: CheckResult
    report: Report | None = None
    written: list[Path] = field(default_factory=list)
    checks: list[Path] = field(default_factory=list)  # the findings workbook and the marked copies
    notes: list[str] = field(default_factory=list)  # Vietnamese remarks on what could not be made (PDF)


def _event_years(inbox: Inbox, admission_columns: tuple[str, ...], candidate_columns: tuple[str, ...]) -> list[int]:
    """Years of the dates in the given columns of the `Kết nạp` and `Nguồn` tables."""
    years: list[int] = []
    for frame, columns in ((inbox.admissions, admission_columns), (inbox.candidates, candidate_columns)):
        for column in columns:
            years += [d.year for d in frame[column] if isinstance(d, date)]
    return years


def latest_year(inbox: Inbox, today: date) -> int | None:
    """The latest year the branches' workbooks record something in (an admission, a
    recognition, a candidate entered, trained or leaving), not after today. Quota rows
    alone do not count: offices enter next year's quotas ahead. Without any record,
    the latest quota year."""
    events = _event_years(inbox, ("admitted", "official"), ("entered", "class_date", "status_date"))
    years = [y for y in events if y <= today.year]
    if not years:
        years = [int(y) for y in inbox.quotas["year"].dropna() if int(y) <= today.year]
    return max(years) if years else None


def earliest_year(inbox: Inbox) -> int | None:
    """The first year the workbooks record anything in (an event or a quota)."""
    years = [int(y) for y in inbox.quotas["year"].dropna()] + _event_years(inbox, ("admitted",), ("entered",))
    return min(years) if years else None


def check(inbox: Path, year: int | None = None, today: date | None = None,
          exclude: tuple[Path, ...] = ()) -> CheckResult:
    """Read and validate every workbook of the inbox; all findings at once."""
    today = today or date.today()
    if not inbox.exists():
        raise UsageProblem(f"không có thư mục «{inbox}»")
    if not inbox.is_dir():
        raise UsageProblem(f"«{inbox}» không phải là một thư mục; hãy chỉ ra thư mục chứa các sổ Excel")
    findings = Findings()
    loaded = load_inbox(inbox, findings, exclude=exclude)
    chosen = year if year is not None else latest_year(loaded, today)
    if year is not None and loaded.ward is not None and not findings.has_errors:
        quota_years = [int(y) for y in loaded.quotas["year"].dropna()]
        known = max([y for y in (latest_year(loaded, date(9999, 12, 31)),) if y is not None] + quota_years,
                    default=None)
        if known is not None and year > known:
            raise UsageProblem(f"năm {year} chưa có số liệu nào trong các sổ (năm gần nhất có số liệu: {known})")
        first = earliest_year(loaded)
        if first is not None and year < first:
            raise UsageProblem(f"năm {year} chưa có số liệu nào trong các sổ (năm đầu tiên có số liệu: {first})")
    validate(loaded, findings, chosen, today)
    return CheckResult(loaded, findings, chosen)


def write_checks(result: CheckResult, out: Path) -> list[Path]:
    """The findings workbook and marked copies of the workbooks with findings, in `out`."""
    from .render.findings_workbook import write_findings_workbook, write_marked_copies

    out.mkdir(parents=True, exist_ok=True)
    return [write_findings_workbook(result.findings, result.inbox, out),
            *write_marked_copies(result.findings, result.inbox, out)]


def build(inbox: Path, out: Path, year: int | None = None, issued: date | None = None,
          templates: Path | None = None, today: date | None = None, pdf: bool = False,
          two_digits: bool = True) -> BuildResult:
    """Check the inbox; when it has no errors, write every document into `out`.

    pdf: also a PDF of each document through LibreOffice; when it cannot be made the
    reason is in `notes` and the Word documents stand.
    """
    from .render.documents import write_documents
    from .render.workbooks import write_summary

    today = today or date.today()
    result = BuildResult(check(inbox, year, today, exclude=(out,)))
    result.checks = write_checks(result.check, out)
    if not result.check.ok:
        return result
    chosen = result.check.year
    if chosen is None:
        raise UsageProblem("các sổ chưa có số liệu năm nào (chưa có chỉ tiêu, kết nạp hay nguồn)")
    report = aggregate(result.check.inbox, chosen, issued or today)
    out.mkdir(parents=True, exist_ok=True)
    result.report = report
    result.written = write_documents(report, out, templates, two_digits=two_digits)
    documents = list(result.written)
    result.written.append(write_summary(report, out / f"tong-hop-{chosen}.xlsx"))
    if pdf:
        from .render.pdf import convert_to_pdf

        converted = convert_to_pdf(documents)
        result.written += converted.written
        result.notes += converted.problems
    return result
