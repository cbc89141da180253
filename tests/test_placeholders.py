"""Placeholders for "nothing" (`NA`, `N/A`, `NULL`, `#N/A`, `-`) in real workbooks: a required cell
holding one is reported as missing with the text found (file, sheet, row, column, value, what is
expected); an optional one is read as empty, with a warning where it is a date or a number."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from builders import Admission, Candidate, Ward, make_branch, make_ward
from openpyxl import load_workbook

from reportgen.findings import Severity
from reportgen.pipeline import check

TODAY = date(2025, 1, 10)
BRANCH = "Chi bộ Tổ dân phố 1"


def _findings(folder: Path):  # type: ignore[no-untyped-def]
    result = check(folder, 2024, TODAY)
    return result, list(result.findings)


def _one(findings, rule: str, column: str):  # type: ignore[no-untyped-def]
    found = [f for f in findings if f.rule == rule and (column is None or f.column == column)]
    assert len(found) == 1, [(f.rule, f.column, f.value, f.message) for f in findings]
    return found[0]


def _ward(folder: Path, quotas=None, fields=None) -> None:  # type: ignore[no-untyped-def]
    make_ward(folder, Ward(quotas=quotas or [(2024, BRANCH, 1, 1, 30), (2024, "Toàn Đảng bộ", 1, None, 30)],
                           fields=fields or {}))


def test_a_required_cell_holding_a_placeholder_is_missing_with_the_text_found(tmp_path):
    _ward(tmp_path, quotas=[(2024, BRANCH, "NA", 1, 30), (2024, "Toàn Đảng bộ", 1, None, 30)])
    make_branch(tmp_path, BRANCH, file="CB-1.xlsx",
                candidates=[Candidate("NULL", date(2000, 1, 1), date(2024, 2, 1)),
                            Candidate("Lê Thị Hai", date(2001, 1, 1), " - ")],
                admissions=[Admission("Trần Văn Một", "N/A", date(2024, 5, 1))])
    result, findings = _findings(tmp_path)
    assert not result.ok
    name = _one(findings, "placeholder-in-required", "Họ và tên")
    assert (name.severity, name.file, name.sheet, name.row, name.value) == (
        Severity.ERROR, "CB-1.xlsx", "Nguồn", 4, "NULL")
    assert "«NULL»" in name.message and "ký hiệu thay cho ô trống" in name.message
    assert "Hãy ghi họ và tên" in name.message
    entered = _one(findings, "placeholder-in-required", "Ngày vào nguồn")
    assert (entered.row, entered.value) == (5, "-")
    assert "ngày (ví dụ 05/01/2023)" in entered.message
    birth = _one(findings, "placeholder-in-required", "Ngày sinh")
    assert (birth.sheet, birth.row, birth.value) == ("Kết nạp", 4, "N/A")
    quota = _one(findings, "placeholder-in-required", "Chỉ tiêu kết nạp")
    assert (quota.file, quota.sheet, quota.row, quota.value) == ("Dang-uy.xlsx", "Chỉ tiêu", 3, "NA")
    assert "số (ví dụ 2)" in quota.message
    # Each reported once: no second "thiếu" for the same cell.
    assert not [f for f in findings if f.rule == "missing-value"]
    # The rows are not used, and not lost: the row counts still balance.
    assert all(t.counts.balanced for t in result.inbox.tallies)
    assert result.inbox.candidates.empty and result.inbox.admissions.empty


def test_an_excel_error_cell_na_in_a_required_column_is_reported(tmp_path):
    _ward(tmp_path)
    path = make_branch(tmp_path, BRANCH, file="CB-1.xlsx",
                       candidates=[Candidate("Lê Thị Hai", date(2001, 1, 1), date(2024, 2, 1))],
                       admissions=[Admission("Trần Văn Một", date(1990, 1, 1), date(2024, 5, 1))])
    wb = load_workbook(path)
    wb["Kết nạp"]["C4"] = "#N/A"  # openpyxl writes these as Excel's error values, as a broken formula leaves them
    wb["Nguồn"]["M4"] = "#REF!"
    assert wb["Kết nạp"]["C4"].data_type == "e"
    wb.save(path)
    _result, findings = _findings(tmp_path)
    birth = _one(findings, "placeholder-in-required", "Ngày sinh")
    assert (birth.sheet, birth.row, birth.value) == ("Kết nạp", 4, "#N/A")
    assert "ký hiệu thay cho ô trống" in birth.message
    entered = _one(findings, "placeholder-in-required", "Ngày vào nguồn")
    assert (entered.sheet, entered.row, entered.value) == ("Nguồn", 4, "#REF!")
    assert "giá trị lỗi của Excel" in entered.message
    assert not [f for f in findings if f.rule == "missing-value"]


def test_an_optional_date_or_number_holding_a_placeholder_is_read_as_empty_with_a_warning(tmp_path):
    _ward(tmp_path, quotas=[(2024, BRANCH, 1, 1, "-"), (2024, "Toàn Đảng bộ", 1, None, 30)])
    make_branch(tmp_path, BRANCH, file="CB-1.xlsx",
                admissions=[Admission("Trần Văn Một", date(1990, 1, 1), date(2024, 5, 1), ceremony="N/A",
                                      note="-", youth_union="-")])
    result, findings = _findings(tmp_path)
    assert result.ok, [f.message for f in result.findings.errors]
    ceremony = _one(findings, "placeholder-read-as-empty", "Ngày lễ kết nạp")
    assert (ceremony.severity, ceremony.sheet, ceremony.row, ceremony.value) == (Severity.WARNING, "Kết nạp", 4, "N/A")
    assert "được đọc là ô trống" in ceremony.message
    members = _one(findings, "placeholder-read-as-empty", "Số đảng viên đầu năm")
    assert (members.sheet, members.row, members.value) == ("Chỉ tiêu", 3, "-")
    row = result.inbox.admissions.iloc[0]
    assert row["ceremony"] is None or row["ceremony"] != row["ceremony"]  # empty: probation from the decision
    assert row["note"] == "" and not row["youth_union"]  # text and yes/no: read as empty / no, silently
    assert not [f for f in findings if f.column in ("Ghi chú", "Đoàn viên")]


def test_required_fields_holding_a_placeholder_name_it(tmp_path):
    _ward(tmp_path, fields={"Tên đảng ủy": "N/A"})
    make_branch(tmp_path, BRANCH, kind="-", file="CB-1.xlsx",
                admissions=[Admission("Trần Văn Một", date(1990, 1, 1), date(2024, 5, 1))])
    _result, findings = _findings(tmp_path)
    committee = _one(findings, "missing-field", "Tên đảng ủy")
    assert (committee.file, committee.sheet, committee.value) == ("Dang-uy.xlsx", "Đơn vị", "N/A")
    assert "«N/A»" in committee.message
    kind = _one(findings, "missing-field", "Loại hình")
    assert (kind.file, kind.sheet, kind.row, kind.value) == ("CB-1.xlsx", "Thông tin", 3, "-")


def test_a_row_of_placeholders_is_said_not_dropped_silently(tmp_path):
    _ward(tmp_path)
    make_branch(tmp_path, BRANCH, file="CB-1.xlsx",
                candidates=[Candidate("Lê Thị Hai", date(2001, 1, 1), date(2024, 2, 1))],
                admissions=[Admission("Trần Văn Một", date(1990, 1, 1), date(2024, 5, 1))])
    path = tmp_path / "CB-1.xlsx"
    wb = load_workbook(path)
    ws = wb["Nguồn"]
    for column in range(1, ws.max_column + 1):
        ws.cell(5, column, "NA")
    wb.save(path)
    result, findings = _findings(tmp_path)
    row = _one(findings, "placeholder-row", None)
    assert (row.sheet, row.row, row.value) == ("Nguồn", 5, "NA")
    assert len(result.inbox.candidates) == 1
