"""The summary workbook tong-hop-<year>.xlsx: the tables behind the documents.

Numbers are written as numbers (shares as fractions with a percent format), dates as
dates, headers in Vietnamese and bold. Text that Excel would read as a formula
(= + - @ at the start) is stored as plain text with Excel's quote prefix.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.render.output import atomic_write
from reportgen.render.vietnamese import sort_names, sort_texts
from reportgen.stats.model import BranchYear, LeftCandidate, Report, Structure, WardYear, quota_basis

PERCENT = "0.00%"
DECIMAL = "0.0"
DATE = "DD/MM/YYYY"
_FORMULA_STARTS = ("=", "+", "-", "@")


def summary_name(report: Report) -> str:
    return f"tong-hop-{report.year}.xlsx"


def _cell_value(ws: Worksheet, row: int, col: int, value: Any, number_format: str | None) -> None:
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = value
        if value.startswith(_FORMULA_STARTS):
            cell.data_type = "s"  # never a formula
            cell.quotePrefix = True
    else:
        cell.value = value
    if number_format and value is not None and not isinstance(value, str):
        cell.number_format = number_format
    elif isinstance(value, date):
        cell.number_format = DATE


write_cell = _cell_value  # public name, for the findings workbook


def _sheet(
    wb: Workbook,
    title: str,
    headers: Sequence[tuple[str, float, str | None]],
    rows: Iterable[Sequence[Any]],
    bold_last: bool = False,
) -> Worksheet:
    """headers: (text, column width, number format of the column)."""
    ws = wb.create_sheet(title=title[:31])
    bold = Font(bold=True)
    for c, (text, width, _fmt) in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=c, value=text)
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[get_column_letter(c)].width = width
    r = 1
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            _cell_value(ws, r, c, value, headers[c - 1][2])
    if bold_last and r > 1:
        for c in range(1, len(headers) + 1):
            ws.cell(row=r, column=c).font = bold
    ws.freeze_panes = "A2"
    return ws


# The figures of one branch in one year, after the leading column (STT or Năm) and the name.
_BRANCH_YEAR_HEADERS: list[tuple[str, float, str | None]] = [
    ("Chi bộ", 34, None),
    ("Loại hình", 14, None),
    ("Đảng viên đầu năm", 12, None),
    ("Chỉ tiêu kết nạp", 12, None),
    ("Kết nạp", 10, None),
    ("Tỷ lệ so với chỉ tiêu", 12, PERCENT),
    ("Chỉ tiêu tạo nguồn", 12, None),
    ("Tạo nguồn", 10, None),
    ("Học lớp NTVĐ", 10, None),
    ("Nguồn cuối năm", 10, None),
    ("Ra khỏi nguồn", 10, None),
    ("Trong đó đã học lớp NTVĐ", 12, None),
    ("Công nhận chính thức", 12, None),
]


def _branch_year_values(b: BranchYear) -> list[Any]:
    return [
        b.branch,
        b.kind,
        b.members_start,
        b.quota,
        b.admissions,
        b.quota_share,
        b.source_quota,
        b.candidates_added,
        b.candidates_trained,
        b.candidates_at_year_end,
        b.candidates_left,
        b.candidates_left_trained,
        b.recognitions,
    ]


def _branch_year_sheet(wb: Workbook, report: Report) -> None:
    headers = [("STT", 6, None), *_BRANCH_YEAR_HEADERS]
    wy = report.ward_year
    rows: list[list[Any]] = [
        [i, *_branch_year_values(b)]
        for i, b in enumerate(sort_texts(report.branch_years, key=lambda b: b.branch), start=1)
    ]
    basis = quota_basis(report.branch_years)
    split = basis.rows_with_quota > 0 and basis.rows_without_quota > 0  # the rate on the branches given one

    def total(
        label: str, rows_of: Sequence[BranchYear], quota: int | None, rate: float | None, members: int | None = None
    ) -> list[Any]:
        return [
            None,
            label,
            None,
            members,
            quota,
            sum(b.admissions for b in rows_of),
            rate,
            None,
            sum(b.candidates_added for b in rows_of),
            sum(b.candidates_trained for b in rows_of),
            sum(b.candidates_at_year_end for b in rows_of),
            sum(b.candidates_left for b in rows_of),
            sum(b.candidates_left_trained for b in rows_of),
            sum(b.recognitions for b in rows_of),
        ]

    rows.append(total("Cộng", report.branch_years, basis.quota, None if split else basis.share, wy.members_start))
    if split:
        given = [b for b in report.branch_years if b.quota_counted is not None]
        rows.append(total("Trong đó: chi bộ được giao chỉ tiêu", given, basis.quota, basis.share))
        none = [b for b in report.branch_years if b.quota_counted is None]
        rows.append(total("Chi bộ không được giao chỉ tiêu", none, None, None))
    ws = _sheet(wb, f"Chi bộ năm {report.year}", headers, rows)
    bold = Font(bold=True)
    for c in range(1, len(headers) + 1):
        ws.cell(row=len(rows) + 1 - (2 if split else 0), column=c).font = bold


def _branch_history_sheet(wb: Workbook, report: Report) -> None:
    """Every branch in every year of the term covered: the per-branch, per-year figures."""
    rows = [
        [b.year, *_branch_year_values(b)]
        for br in sort_texts(report.branch_reports, key=lambda r: r.info.name)
        for b in br.history
    ]
    rows.sort(key=lambda r: r[0])
    ws = _sheet(wb, "Chi bộ theo năm", [("Năm", 7, None), *_BRANCH_YEAR_HEADERS], rows)
    ws.auto_filter.ref = ws.dimensions


def _ward_years_sheet(wb: Workbook, report: Report) -> None:
    headers = [
        ("Năm", 8, None),
        ("Chỉ tiêu cấp trên giao", 12, None),
        ("Kết nạp", 10, None),
        ("Tỷ lệ so với chỉ tiêu", 12, PERCENT),
        ("Đảng viên đầu năm", 12, None),
        ("Tỷ lệ so với đảng viên đầu năm", 14, PERCENT),
        ("Mục tiêu theo tỷ lệ đảng viên", 14, None),
        ("Tổng chỉ tiêu các chi bộ", 12, None),
        ("Tạo nguồn", 10, None),
        ("Học lớp NTVĐ", 10, None),
        ("Nguồn cuối năm", 10, None),
        ("Ra khỏi nguồn", 10, None),
        ("Trong đó đã học lớp NTVĐ", 12, None),
        ("Công nhận chính thức", 12, None),
        ("Số chi bộ", 10, None),
        ("Chi bộ có chỉ tiêu", 10, None),
        ("Chi bộ đạt chỉ tiêu", 10, None),
        ("Chi bộ có kết nạp", 10, None),
    ]
    years: Sequence[WardYear] = report.ward_years or report.term.years
    rows = [
        [
            y.year,
            y.ward_quota,
            y.admissions,
            y.quota_share,
            y.members_start,
            y.member_share,
            y.member_target,
            y.branch_quota_sum,
            y.candidates_added,
            y.candidates_trained,
            y.candidates_at_year_end,
            y.candidates_left,
            y.candidates_left_trained,
            y.recognitions,
            y.branches_total,
            y.branches_with_quota,
            y.branches_met_quota,
            y.branches_with_admission,
        ]
        for y in sorted(years, key=lambda y: y.year)
    ]
    _sheet(wb, "Toàn Đảng bộ theo năm", headers, rows)


def _structure_rows(structure: Structure, with_prev: bool) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for r in structure.rows:
        row = [r.group, r.label, r.count, r.share]
        if with_prev:
            row += [r.prev_count, r.prev_share]
        rows.append(row)
    return rows


def _structure_sheet(
    wb: Workbook, title: str, structure: Structure, kinds: Structure, current: str, previous: str | None
) -> None:
    with_prev = previous is not None
    headers: list[tuple[str, float, str | None]] = [
        ("Nhóm", 22, None),
        ("Chỉ tiêu", 32, None),
        (f"{current}: số lượng", 12, None),
        (f"{current}: tỷ lệ", 12, PERCENT),
    ]
    if with_prev:
        headers += [(f"{previous}: số lượng", 12, None), (f"{previous}: tỷ lệ", 12, PERCENT)]
    rows = _structure_rows(structure, with_prev)
    age_group = next((r.group for r in structure.rows if r.key.startswith("age_")), "Độ tuổi khi kết nạp")
    mean = [age_group, "Tuổi bình quân khi kết nạp", structure.mean_age, None]
    if with_prev:
        mean += [structure.prev_mean_age, None]
    rows.append(mean)
    rows += _structure_rows(kinds, with_prev)
    ws = _sheet(wb, title, headers, rows)
    # the mean age is a decimal, not a count
    mean_row = len(structure.rows) + 2
    ws.cell(row=mean_row, column=3).number_format = DECIMAL
    if with_prev:
        ws.cell(row=mean_row, column=5).number_format = DECIMAL


def _term_branches_sheet(wb: Workbook, report: Report) -> None:
    headers = [
        ("STT", 6, None),
        ("Chi bộ", 34, None),
        ("Loại hình", 14, None),
        ("Chỉ tiêu kết nạp", 12, None),
        ("Kết nạp", 10, None),
        ("Kết nạp trong năm được giao chỉ tiêu", 14, None),  # the numerator of the rate (Biểu 3)
        ("Tỷ lệ so với chỉ tiêu", 12, PERCENT),
        ("Tạo nguồn", 10, None),
        ("Ra khỏi nguồn", 10, None),
    ]
    rows = [
        [
            i,
            b.branch,
            b.kind,
            b.quota_counted,
            b.admissions,
            b.admissions_against_quota if b.quota_counted is not None else None,
            b.quota_share,
            b.candidates_added,
            b.candidates_left,
        ]
        for i, b in enumerate(sort_texts(report.term.branches, key=lambda b: b.branch), start=1)
    ]
    _sheet(wb, "Chi bộ nhiệm kỳ", headers, rows)


def _organisations_sheet(wb: Workbook, report: Report) -> None:
    headers = [
        ("Năm", 8, None),
        ("Tổ chức", 30, None),
        ("Chỉ tiêu giới thiệu", 12, None),
        ("Đã giới thiệu", 12, None),
        ("Đạt chỉ tiêu", 10, None),
    ]
    rows = [
        [o.year, o.organisation, o.introduction_quota, o.introduced, "Có" if o.met else "Không"]
        for o in sort_texts(report.organisations, key=lambda o: o.organisation)
    ]
    _sheet(wb, "Đoàn thể", headers, rows)


def _streaks_sheet(wb: Workbook, report: Report) -> None:
    headers = [("Chi bộ", 34, None), ("Số năm liền", 10, None), ("Các năm", 30, None)]
    rows = [
        [s.branch, len(s.years), ", ".join(str(y) for y in sorted(s.years))]
        for s in sort_texts(report.shortfalls.no_admission_streaks, key=lambda s: s.branch)
    ]
    _sheet(wb, "Không kết nạp nhiều năm", headers, rows)


def _left_sheet(wb: Workbook, report: Report) -> None:
    headers = [
        ("STT", 6, None),
        ("Họ và tên", 28, None),
        ("Ngày sinh", 12, DATE),
        ("Chi bộ", 34, None),
        ("Tình trạng", 18, None),
        ("Ngày thay đổi", 12, DATE),
        ("Đã học lớp NTVĐ", 12, None),
        (f"Trong năm {report.year}", 10, None),
    ]
    sf = report.shortfalls

    def key(c: LeftCandidate) -> tuple[Any, ...]:
        return (c.branch, c.name, c.birth, c.status, c.date)

    in_year = {key(c) for c in sf.left_in_year}
    people: dict[tuple[Any, ...], LeftCandidate] = {}
    for c in (*sf.left_in_term, *sf.left_in_year):
        people.setdefault(key(c), c)
    rows = [
        [
            i,
            c.name,
            c.birth,
            c.branch,
            c.status,
            c.date,
            "Có" if c.trained else "Không",
            "Có" if key(c) in in_year else "Không",
        ]
        for i, c in enumerate(sort_names(people.values(), key=lambda c: c.name), start=1)
    ]
    _sheet(wb, "Nguồn ra khỏi danh sách", headers, rows)


def _overdue_sheet(wb: Workbook, report: Report) -> None:
    headers = [
        ("STT", 6, None),
        ("Họ và tên", 28, None),
        ("Ngày sinh", 12, DATE),
        ("Chi bộ", 34, None),
        ("Ngày kết nạp", 12, DATE),
        ("Tính dự bị từ ngày", 12, DATE),
        ("Số tháng dự bị", 10, None),
    ]
    rows = [
        [i, p.name, p.birth, p.branch, p.admitted, p.probation_start, p.months]
        for i, p in enumerate(sort_names(report.shortfalls.overdue_probation, key=lambda p: p.name), start=1)
    ]
    _sheet(wb, "Quá hạn công nhận chính thức", headers, rows)


def _plan_sheets(wb: Workbook, report: Report) -> None:
    plan = report.plan
    if plan is None:
        return
    end = f"31/12/{plan.base_year}"
    headers = [
        ("STT", 6, None),
        ("Chi bộ", 34, None),
        ("Loại hình", 14, None),
        (f"Nguồn trong danh sách đến {end}", 14, None),
        (f"Có giấy chứng nhận NTVĐ còn giá trị đến {end}", 14, None),
        (f"Trong đó: hết hạn trong năm {plan.year}", 14, None),
        (f"Chỉ tiêu kết nạp năm {plan.year}", 14, None),
        (f"Chỉ tiêu tạo nguồn năm {plan.year}", 14, None),
    ]
    branches = sort_texts(plan.branches, key=lambda b: b.branch)
    rows: list[list[Any]] = [
        [
            i,
            b.branch,
            b.kind,
            b.candidates_waiting,
            b.trained_valid,
            b.trained_expiring,
            b.admission_quota,
            b.source_quota,
        ]
        for i, b in enumerate(branches, start=1)
    ]
    rows.append(
        [
            "",
            "Cộng",
            "",
            plan.candidates_waiting,
            plan.trained_valid,
            plan.trained_expiring,
            plan.total,
            plan.source_total,
        ]
    )
    _sheet(wb, "Kế hoạch chi bộ", headers, rows, bold_last=True)
    headers = [
        ("STT", 6, None),
        ("Tổ chức", 30, None),
        (f"Chỉ tiêu giới thiệu năm {plan.base_year}", 14, None),
        (f"Đã giới thiệu năm {plan.base_year}", 14, None),
        (f"Chỉ tiêu giới thiệu năm {plan.year}", 14, None),
    ]
    rows = [
        [i, o.organisation, o.last_quota, o.introduced_last_year, o.introduction_quota]
        for i, o in enumerate(plan.organisations, start=1)
    ]
    rows.append(
        [
            "",
            "Cộng",
            sum(o.last_quota or 0 for o in plan.organisations),
            sum(o.introduced_last_year for o in plan.organisations),
            plan.introduction_total,
        ]
    )
    _sheet(wb, "Kế hoạch đoàn thể", headers, rows, bold_last=True)


SHEETS = (
    "Chi bộ năm {year}",
    "Chi bộ theo năm",
    "Toàn Đảng bộ theo năm",
    "Cơ cấu kết nạp",
    "Cơ cấu nhiệm kỳ",
    "Chi bộ nhiệm kỳ",
    "Đoàn thể",
    "Không kết nạp nhiều năm",
    "Nguồn ra khỏi danh sách",
    "Quá hạn công nhận chính thức",
    "Kế hoạch chi bộ",  # when the report has a plan
    "Kế hoạch đoàn thể",
)


def build_summary(report: Report) -> Workbook:
    """The summary workbook in memory (one sheet per table behind the documents)."""
    wb = Workbook()
    wb.remove(wb.active)
    _branch_year_sheet(wb, report)
    _branch_history_sheet(wb, report)
    _ward_years_sheet(wb, report)
    prev = report.ward_prev_year.year if report.ward_prev_year is not None else None
    _structure_sheet(
        wb,
        "Cơ cấu kết nạp",
        report.structure,
        report.kind_structure,
        f"Năm {report.year}",
        f"Năm {prev}" if prev is not None else None,
    )
    _structure_sheet(
        wb,
        "Cơ cấu nhiệm kỳ",
        report.term.structure,
        report.term_kind_structure,
        f"Nhiệm kỳ {report.term.label}",
        None,
    )
    _term_branches_sheet(wb, report)
    _organisations_sheet(wb, report)
    _streaks_sheet(wb, report)
    _left_sheet(wb, report)
    _overdue_sheet(wb, report)
    _plan_sheets(wb, report)
    return wb


def write_summary(report: Report, path: Path) -> Path:
    """Write the summary workbook atomically to path (normally tong-hop-<year>.xlsx)."""
    wb = build_summary(report)
    return atomic_write(Path(path), lambda tmp: wb.save(str(tmp)))
