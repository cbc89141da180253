"""The province's documents: the report (Word, HD 36 layout like the ward documents) and
the summary workbook of the tables behind it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook

from reportgen.render.documents import (
    PROVINCE_TEMPLATE,
    TEMPLATES_DIR,
    check_template,
    make_environment,
    render_document,
)
from reportgen.render.output import atomic_write
from reportgen.render.province_context import province_context, ward_name
from reportgen.render.vietnamese import sort_texts
from reportgen.render.workbooks import DECIMAL, PERCENT, _sheet
from reportgen.stats.province import ProvinceReport


def report_name(report: ProvinceReport) -> str:
    return f"bao-cao-tong-hop-{report.year}.docx"


def summary_name(report: ProvinceReport) -> str:
    return f"tong-hop-{report.year}.xlsx"


def province_template(templates_dir: Path | None) -> Path:
    """The province template of a clerk's folder when it has one, else the default."""
    if templates_dir is not None and (Path(templates_dir) / PROVINCE_TEMPLATE).is_file():
        return Path(templates_dir) / PROVINCE_TEMPLATE
    return TEMPLATES_DIR / PROVINCE_TEMPLATE


def write_province_report(
    report: ProvinceReport, out_dir: Path, templates_dir: Path | None = None, *, two_digits: bool = True
) -> Path:
    template = province_template(templates_dir)
    env = make_environment()
    check_template(template, env)
    return render_document(template, province_context(report, two_digits), Path(out_dir) / report_name(report), env)


def build_province_summary(report: ProvinceReport) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    t = report.total
    headers: list[tuple[str, float, str | None]] = [
        ("STT", 6, None),
        ("Đảng bộ", 36, None),
        ("Thư mục", 24, None),
        ("Đảng viên đầu năm", 12, None),
        ("Chỉ tiêu kết nạp", 12, None),
        ("Kết nạp", 10, None),
        ("Tỷ lệ so với chỉ tiêu", 12, PERCENT),
        ("Tỷ lệ so với đảng viên đầu năm", 14, PERCENT),
        ("Đạt 3%", 10, None),
        ("Số chi bộ", 10, None),
        ("Chi bộ đạt chỉ tiêu", 12, None),
        ("Tạo nguồn", 10, None),
        ("Công nhận chính thức", 12, None),
    ]

    def met(value: bool | None) -> str | None:
        return None if value is None else ("Đạt" if value else "Chưa đạt")

    rows: list[list[Any]] = []
    for i, w in enumerate(sort_texts(report.wards, key=ward_name), start=1):
        y = w.year
        rows.append(
            [
                i,
                ward_name(w),
                w.folder,
                y.members_start,
                y.ward_quota,
                y.admissions,
                y.quota_share,
                y.member_share,
                met(y.met_member_target),
                y.branches_total,
                y.branches_met_quota,
                y.candidates_added,
                y.recognitions,
            ]
        )
    rows.append(
        [
            None,
            "Cộng",
            None,
            t.members_start,
            t.ward_quota,
            t.admissions,
            t.quota_share,
            t.member_share,
            met(t.met_member_target),
            t.branches_total,
            t.branches_met_quota,
            t.candidates_added,
            t.recognitions,
        ]
    )
    _sheet(wb, "Các đảng bộ", headers, rows, bold_last=True)

    s = report.structure
    structure_rows: list[list[Any]] = [[r.group, r.label, r.count, r.share] for r in s.rows]
    structure_rows.append(["Độ tuổi khi kết nạp", "Tuổi bình quân khi kết nạp", s.mean_age, None])
    ws = _sheet(
        wb,
        "Cơ cấu kết nạp",
        [
            ("Nhóm", 22, None),
            ("Chỉ tiêu", 32, None),
            (f"Năm {report.year}: số lượng", 12, None),
            (f"Năm {report.year}: tỷ lệ", 12, PERCENT),
        ],
        structure_rows,
    )
    ws.cell(row=len(structure_rows) + 1, column=3).number_format = DECIMAL

    short = [[ward_name(w), sf.branch, sf.quota, sf.admissions] for w, sf in report.branches_below_quota]
    _sheet(
        wb,
        "Chi bộ chưa đạt",
        [("Đảng bộ", 36, None), ("Chi bộ", 34, None), ("Chỉ tiêu kết nạp", 12, None), ("Kết nạp", 10, None)],
        short,
    )
    return wb


def write_province_summary(report: ProvinceReport, out_dir: Path) -> Path:
    wb = build_province_summary(report)
    return atomic_write(Path(out_dir) / summary_name(report), lambda tmp: wb.save(str(tmp)))
