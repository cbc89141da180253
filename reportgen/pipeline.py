"""The library API: check(inbox) and build(inbox, out).

discover -> read -> validate -> aggregate -> render -> write. The library never
prints and never exits; problems in the data are findings, problems of use are
`UsageProblem` exceptions with a Vietnamese message.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from . import schema
from .cache import Cache
from .dates import last_reportable_year
from .errors import UsageProblem, os_reason
from .findings import Findings, Severity, printable
from .intake.asof import as_of
from .intake.load import Inbox, load_inbox
from .progress import SILENT, Progress
from .stats.aggregate import aggregate
from .stats.claims import claim_findings
from .stats.model import Report
from .stats.plan import tie_finding
from .validate.rules import validate


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return path.absolute()


def check_output_folder(inbox: Path, out: Path) -> None:
    """The output folder is never the inbox nor above it, is a folder, and can be written.

    Called before anything is read, so that a wrong `--out` costs nothing. A folder
    inside the inbox is allowed: it is never read as input.
    """
    shown, shown_inbox = printable(str(out)), printable(str(inbox))
    where, home = _resolved(out), _resolved(inbox)
    if where == home:
        raise UsageProblem(
            f"thư mục kết quả (--out) «{shown}» trùng với thư mục sổ «{shown_inbox}»; hãy chọn một thư mục "
            "khác để các tệp kết quả không lẫn vào các sổ (ví dụ: --out ket-qua)"
        )
    if home.is_relative_to(where):
        raise UsageProblem(
            f"thư mục kết quả (--out) «{shown}» chứa thư mục sổ «{shown_inbox}»; hãy chọn một thư mục "
            "nằm ngoài hoặc bên trong thư mục sổ (ví dụ: --out ket-qua)"
        )
    if out.exists() and not out.is_dir():
        raise UsageProblem(f"«{shown}» là một tệp, không phải thư mục; hãy chọn thư mục kết quả khác cho --out")
    existing = out
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise UsageProblem(
            f"không tạo được thư mục kết quả «{shown}»: «{printable(str(existing))}» là một tệp, "
            "không phải thư mục; hãy chọn thư mục khác cho --out"
        )
    try:
        handle, probe = tempfile.mkstemp(prefix=".reportgen-probe-", dir=existing)
        os.close(handle)
        os.unlink(probe)
    except OSError as exc:
        raise UsageProblem(
            f"không ghi được vào thư mục kết quả «{shown}» ({os_reason(exc)}); hãy chọn thư mục khác "
            "cho --out hoặc xin quyền ghi"
        ) from None


# Findings that in a set with no data at all only say what is not filled in yet.
NOT_FILLED_RULES = ("missing-field", "unfilled-row")


@dataclass
class CheckResult:
    inbox: Inbox
    findings: Findings
    year: int | None
    no_data: bool = False  # every table sheet is still empty (a blank set from `reportgen init`)
    report: Report | None = None  # the figures, when the workbooks have no errors (build reuses them)

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
    removed: list[Path] = field(default_factory=list)  # an earlier run's files this run did not make
    kept_edited: list[Path] = field(default_factory=list)  # such files edited since: left in place


def _event_years(inbox: Inbox, admission_columns: tuple[str, ...], candidate_columns: tuple[str, ...]) -> list[int]:
    """Years of the dates in the given columns of the `Kết nạp` and `Nguồn` tables."""
    years: list[int] = []
    for frame, columns in ((inbox.admissions, admission_columns), (inbox.candidates, candidate_columns)):
        for column in columns:
            years += [d.year for d in frame[column] if isinstance(d, date)]
    return years


def latest_year(inbox: Inbox, today: date) -> int | None:
    """The latest year the branches' workbooks record something in (an admission, a
    recognition, a candidate entered, trained or leaving), not after the last year that
    has ended by `today` (`dates.last_reportable_year`: a December document may report its
    own year). Quota rows alone do not count: offices enter next year's quotas ahead.
    Without any record, the latest quota year."""
    last = last_reportable_year(today)
    events = _event_years(inbox, ("admitted", "official"), ("entered", "class_date", "status_date"))
    years = [y for y in events if y <= last]
    if not years:
        years = [int(y) for y in inbox.quotas["year"].dropna() if int(y) <= last]
    return max(years) if years else None


def earliest_year(inbox: Inbox) -> int | None:
    """The first year the workbooks record anything in (an event or a quota)."""
    years = [int(y) for y in inbox.quotas["year"].dropna()] + _event_years(inbox, ("admitted",), ("entered",))
    return min(years) if years else None


def check(
    inbox: Path,
    year: int | None = None,
    today: date | None = None,
    exclude: tuple[Path, ...] = (),
    out: Path | None = None,
    issued: date | None = None,
    progress: Progress = SILENT,
    jobs: int = 1,
) -> CheckResult:
    """Read and validate every workbook of the inbox; all findings at once.

    out: the folder the results will be written to; checked first and never read.
    issued: the document's date (`--ngay`), else `today`: a date after it is in the future, the
    superior body is checked by the rules in force on it.
    jobs: processes reading the workbooks of a large inbox; the result is that of one process.
    """
    clock = today or date.today()
    today = issued or clock
    if not inbox.exists():
        raise UsageProblem(f"không có thư mục «{printable(str(inbox))}»")
    if not inbox.is_dir():
        raise UsageProblem(f"«{printable(str(inbox))}» không phải là một thư mục; hãy chỉ ra thư mục chứa các sổ Excel")
    if out is not None:
        check_output_folder(inbox, out)
        exclude = (*exclude, out)
    findings = Findings()
    loaded = load_inbox(inbox, findings, exclude=exclude, today=today, progress=progress, jobs=jobs)
    chosen = year if year is not None else latest_year(loaded, today)
    if year is not None and loaded.ward is not None and not findings.has_errors:
        quota_years = [int(y) for y in loaded.quotas["year"].dropna()]
        known = max(
            [y for y in (latest_year(loaded, date(9999, 12, 31)),) if y is not None] + quota_years, default=None
        )
        if known is not None and year > known:
            raise UsageProblem(f"năm {year} chưa có số liệu nào trong các sổ (năm gần nhất có số liệu: {known})")
        first = earliest_year(loaded)
        if first is not None and year < first:
            raise UsageProblem(f"năm {year} chưa có số liệu nào trong các sổ (năm đầu tiên có số liệu: {first})")
    if year is not None and year > last_reportable_year(today):
        findings.warning(
            f"năm báo cáo {year} (--year) chưa kết thúc vào ngày ghi trên văn bản {today:%d/%m/%Y}: số liệu năm "
            f"{year} chưa đủ; báo cáo năm thường lập cho năm đã qua (năm {last_reportable_year(today)}), hoặc lập "
            "vào tháng 12 cho chính năm đó (--ngay)",
            rule="year-not-ended",
        )
    validate(loaded, findings, chosen, today, clock)
    no_data = has_no_data(loaded)
    if no_data:
        findings = _not_filled_yet(findings)
    report = None
    if not findings.has_errors and not no_data and chosen is not None and loaded.ward is not None:
        # the office's claims of success held against the figures (stats.claims): a warning, never a block
        as_of(loaded, today)  # a report issued again with its original date: what came after is not there yet
        report = aggregate(loaded, chosen, today)
        findings.extend(claim_findings(report, lambda file, sheet: loaded.position(file, sheet, "text")))
        tie = None if report.plan is None else tie_finding(report.plan)  # the plan does not say it: the clerk is told
        if tie is not None:
            findings.add(tie)
    return CheckResult(loaded, findings, chosen, no_data, report)


def has_no_data(inbox: Inbox) -> bool:
    """Workbooks were found and read, but no table row holds data yet (filled or faulty)."""
    return bool(inbox.ward_file and inbox.branches and inbox.tallies) and all(
        t.counts.used == 0 and t.counts.rejected == 0 for t in inbox.tallies
    )


def _not_filled_yet(findings: Findings) -> Findings:
    """In a set with no data yet, a missing field or an unfilled row is a note of what to fill in."""
    kept = Findings()
    for f in findings:
        if f.rule in NOT_FILLED_RULES and f.severity is not Severity.INFO:
            f = replace(f, severity=Severity.INFO, message=f"chưa điền: {f.message}")
        kept.add(f)
    return kept


def write_checks(result: CheckResult, out: Path) -> list[Path]:
    """The findings workbook and marked copies of the workbooks with findings, in `out`."""
    from .render.findings_workbook import FINDINGS_FILE, MARKABLE_SUFFIXES, write_findings_workbook, write_marked_copies

    out.mkdir(parents=True, exist_ok=True)
    unmarked = sorted(
        {
            f.file
            for f in result.findings
            if f.file
            and f.sheet
            and f.row is not None
            and f.severity is not Severity.INFO
            and result.inbox.path_of(f.file).suffix.lower() not in MARKABLE_SUFFIXES
        }
    )
    for file in unmarked:
        result.findings.info(
            "không có bản sao đánh dấu ô lỗi cho tệp này (chỉ làm được với .xlsx, .xlsm); các lỗi và cảnh báo "
            f"của tệp được liệt kê trong {FINDINGS_FILE}. Nên lưu lại tệp dạng .xlsx",
            file=file,
            rule="no-marked-copy",
        )
    return [
        write_findings_workbook(result.findings, result.inbox, out),
        *write_marked_copies(result.findings, result.inbox, out),
    ]


@dataclass(frozen=True)
class BuildOptions:
    """What a build is asked for: the options of `reportgen build`, for a ward (`build`) and a
    province (`province.build_province`) alike."""

    year: int | None = None  # the report year; None: the latest year with data ended by `issued`
    issued: date | None = None  # the date printed on the documents (`--ngay`); None: `today`
    templates: Path | None = None  # a folder of edited templates; None: the built-in ones
    today: date | None = None  # None: the machine's date
    pdf: bool = False  # also a PDF of each document through LibreOffice
    two_digits: bool = True  # small numbers in the text as `01`
    # processes: a ward's workbooks read and its branch reports rendered (a province: wards built) at
    # once; the documents are the same whatever the number
    jobs: int = 1
    # a document (a province: a ward) whose inputs are those it was last made from, by the cache in
    # `out`, is not made again
    incremental: bool = False


def build(
    inbox: Path,
    out: Path,
    options: BuildOptions | None = None,
    progress: Progress = SILENT,
    **changes: Any,
) -> BuildResult:
    """Check the inbox; when it has no errors, write every document into `out`.

    changes: fields of `options` set for this call (`build(inbox, out, year=2025)`).
    With `pdf`, when a PDF cannot be made the reason is in `notes` and the Word documents stand.
    """
    from .render.documents import template_folder_notes, write_documents
    from .render.workbooks import write_summary

    options = replace(options or BuildOptions(), **changes)
    today = options.today or date.today()
    result = BuildResult(
        check(inbox, options.year, today, out=out, issued=options.issued, progress=progress, jobs=options.jobs)
    )
    result.checks = write_checks(result.check, out)
    if not result.check.ok:
        return _settled(result, out)
    chosen = result.check.year
    if chosen is None:
        raise UsageProblem("các sổ chưa có số liệu năm nào (chưa có chỉ tiêu, kết nạp hay nguồn)")
    report = result.check.report or aggregate(result.check.inbox, chosen, options.issued or today)
    out.mkdir(parents=True, exist_ok=True)
    result.report = report
    cache = Cache(out) if options.incremental else None
    result.written = write_documents(
        report,
        out,
        options.templates,
        two_digits=options.two_digits,
        jobs=options.jobs,
        progress=progress,
        cache=cache,
    )
    result.notes += template_folder_notes(options.templates)
    documents = list(result.written)
    result.written.append(write_summary(report, out / f"tong-hop-{chosen}.xlsx"))
    if not report.term_declared:
        declared = result.check.inbox.ward
        label = declared.term_label if declared is not None else ""
        result.notes.append(
            f"không lập báo cáo tổng kết nhiệm kỳ: năm báo cáo {chosen} nằm ngoài nhiệm kỳ {label} ghi ở sheet "
            f"«{schema.WARD_INFO_SHEET}»; khi đã có nhiệm kỳ mới, ghi nhiệm kỳ đó vào dòng «Nhiệm kỳ»"
        )
    if options.pdf:
        from .render.pdf import convert_to_pdf

        converted = convert_to_pdf(documents)
        result.written += converted.written
        result.notes += converted.problems
    return _settled(result, out)


def _settled(result: BuildResult, out: Path) -> BuildResult:
    """The output folder holds only what this run made (render.output.settle_outputs)."""
    from .render.output import settle_outputs

    settled = settle_outputs(out, [*result.checks, *result.written])
    result.removed, result.kept_edited = settled.removed, settled.kept_edited
    return result
