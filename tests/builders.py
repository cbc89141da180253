"""Workbooks written with openpyxl, so each test reads as the case it tests.

`Person` rows use the canonical headers of FORMAT.md unless a test passes its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook

CANDIDATE_HEADERS = [
    "STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo", "Trình độ học vấn", "Chuyên môn",
    "Nghề nghiệp", "Lý luận chính trị", "Đoàn viên", "Tổ chức giới thiệu", "Ngày vào nguồn",
    "Ngày học lớp nhận thức", "Tình trạng", "Ngày thay đổi", "Ghi chú",
]
ADMISSION_HEADERS = [
    "STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo", "Trình độ học vấn", "Chuyên môn",
    "Nghề nghiệp", "Lý luận chính trị", "Đoàn viên", "Ngày học lớp nhận thức", "Ngày kết nạp",
    "Ngày lễ kết nạp", "Số quyết định", "Ngày công nhận chính thức", "Ghi chú", "Ngày chi bộ xét",
]


@dataclass
class Admission:
    name: str
    birth: Any
    admitted: Any
    gender: str = "Nam"
    ethnicity: str | None = None
    religion: str | None = None
    education: str | None = "12/12"
    professional: str | None = "Đại học"
    occupation: str | None = "Khác"
    theory: str | None = None
    youth_union: Any = ""
    class_date: Any = None  # default: 6 months before admission
    ceremony: Any = None
    decision_no: str = ""
    official: Any = None
    note: str = ""
    meeting: Any = None  # Ngày chi bộ xét

    def cells(self) -> list[Any]:
        class_date = self.class_date
        if class_date is None and isinstance(self.admitted, date):
            class_date = date(self.admitted.year - 1, self.admitted.month, min(self.admitted.day, 28))
        return [
            None, self.name, self.birth, self.gender, self.ethnicity, self.religion, self.education,
            self.professional, self.occupation, self.theory, self.youth_union, class_date, self.admitted,
            self.ceremony, self.decision_no, self.official, self.note, self.meeting,
        ]


@dataclass
class Candidate:
    name: str
    birth: Any
    entered: Any
    status: str = "Đang bồi dưỡng"
    status_date: Any = None
    gender: str = "Nữ"
    ethnicity: str | None = None
    religion: str | None = None
    education: str | None = "12/12"
    professional: str | None = "Không"
    occupation: str | None = "Khác"
    theory: str | None = None
    youth_union: Any = "x"
    introduced_by: str | None = "Đoàn Thanh niên"
    class_date: Any = None
    note: str = ""

    def cells(self) -> list[Any]:
        return [
            None, self.name, self.birth, self.gender, self.ethnicity, self.religion, self.education,
            self.professional, self.occupation, self.theory, self.youth_union, self.introduced_by, self.entered,
            self.class_date, self.status, self.status_date, self.note,
        ]


def _table(ws: Any, headers: list[str], rows: list[list[Any]], title: str | None) -> None:
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
        ws.append([])
    ws.append(headers)
    for index, row in enumerate(rows, start=1):
        row = list(row)
        if row and row[0] is None:
            row[0] = index
        ws.append(row)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, date):
                cell.number_format = "dd/mm/yyyy"


def make_branch(folder: Path, name: str, kind: str = "Khu dân cư", *, candidates: list[Candidate] = (),
                admissions: list[Admission] = (), file: str | None = None, secretary: str = "Lê Văn Bí",
                candidate_headers: list[str] | None = None, admission_headers: list[str] | None = None,
                extra_admission_rows: list[list[Any]] = (), title: bool = True) -> Path:
    wb = Workbook()
    info = wb.active
    info.title = "Thông tin"
    info.append(["THÔNG TIN CHI BỘ"])
    info.append(["Tên chi bộ", name])
    info.append(["Loại hình", kind])
    info.append(["Bí thư chi bộ", secretary])
    _table(wb.create_sheet("Nguồn"), candidate_headers or CANDIDATE_HEADERS, [c.cells() for c in candidates],
           "DANH SÁCH QUẦN CHÚNG ƯU TÚ" if title else None)
    _table(wb.create_sheet("Kết nạp"), admission_headers or ADMISSION_HEADERS,
           [a.cells() for a in admissions] + [list(r) for r in extra_admission_rows],
           "DANH SÁCH ĐẢNG VIÊN MỚI KẾT NẠP" if title else None)
    path = folder / (file or f"{name}.xlsx")
    wb.save(path)
    return path


@dataclass
class Ward:
    term: str = "2020-2025"
    quotas: list[tuple[int, str, Any, Any, Any]] = field(default_factory=list)  # year, branch, quota, source, members
    organisations: list[tuple[int, str, int]] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)
    texts: list[tuple[Any, ...]] = field(default_factory=list)  # Văn bản: year, number, date, summary
    assessments: list[tuple[Any, ...]] = field(default_factory=list)  # Nhận định: year or term, section, text


def make_ward(folder: Path, ward: Ward, file: str = "Dang-uy.xlsx") -> Path:
    wb = Workbook()
    info = wb.active
    info.title = "Đơn vị"
    info.append(["THÔNG TIN ĐƠN VỊ"])
    info.append(["Mục", "Nội dung"])
    values = {
        "Đảng bộ cấp trên": "ĐẢNG BỘ TỈNH QUẢNG NGÃI",
        "Tên đảng ủy": "ĐẢNG ỦY PHƯỜNG PHỔ HÒA",
        "Địa danh": "Phổ Hòa",
        "Nhiệm kỳ": ward.term,
        "Người ký": "Nguyễn Văn Nho",
        "Nơi nhận": "Ban Thường vụ Tỉnh ủy; Các chi bộ trực thuộc; Lưu Văn phòng Đảng ủy",
    }
    values.update(ward.fields)
    for key, value in values.items():
        info.append([key, value])
    quotas = wb.create_sheet("Chỉ tiêu")
    quotas.append(["CHỈ TIÊU KẾT NẠP ĐẢNG VIÊN"])
    quotas.append(["Năm", "Chi bộ", "Chỉ tiêu kết nạp", "Chỉ tiêu tạo nguồn", "Số đảng viên đầu năm"])
    for row in ward.quotas:
        quotas.append(list(row))
    if ward.organisations:
        orgs = wb.create_sheet("Đoàn thể")
        orgs.append(["Năm", "Tổ chức", "Chỉ tiêu giới thiệu"])
        for row in ward.organisations:
            orgs.append(list(row))
    if ward.texts:
        texts = wb.create_sheet("Văn bản")
        texts.append(["Năm", "Số, ký hiệu", "Ngày", "Trích yếu"])
        for row in ward.texts:
            texts.append(list(row))
    if ward.assessments:
        words = wb.create_sheet("Nhận định")
        words.append(["Năm", "Mục", "Nội dung"])
        for row in ward.assessments:
            words.append(list(row))
    path = folder / file
    wb.save(path)
    return path
