"""The third black-box review (reviews/breaker-3.md), the `tidy` lane's items: each as a case on real workbooks."""

from __future__ import annotations

from datetime import date

import pytest

from builders import Admission, Ward, make_branch, make_ward

from reportgen.findings import Findings
from reportgen.intake.load import load_inbox
from reportgen.validate.rules import validate

TODAY = date(2026, 1, 5)
BRANCHES = ("Chi bộ A", "Chi bộ B", "Chi bộ C")


def _checked(folder, ward: Ward, year: int = 2025):
    make_ward(folder, ward)
    for index, name in enumerate(BRANCHES):
        admitted = [Admission(f"Lê Văn {chr(65 + index)}", date(1990, 1, 1 + index), date(2025, 6, 2))]
        make_branch(folder, name, file=f"cb{index}.xlsx", admissions=admitted)
    findings = Findings()
    inbox = load_inbox(folder, findings, today=TODAY)
    validate(inbox, findings, year, TODAY)
    return inbox, findings


# --- F27, F6: a year with no «Chỉ tiêu» row at all is one warning, not one per branch ------------


def test_a_year_missing_from_the_quota_sheet_is_one_warning_per_year(tmp_path):
    years = (2021, 2023, 2024)  # 2022 deleted by mistake, 2025 (the report year) not entered yet
    quotas = [(y, b, 1, 1, 10) for y in years for b in BRANCHES] + [(y, "Toàn Đảng bộ", 3, None, 30) for y in years]
    _, findings = _checked(tmp_path, Ward(quotas=quotas))
    said = [(f.file, f.sheet, f.value, f.message) for f in findings.warnings if f.rule == "year-without-quota-rows"]
    assert said == [
        (
            "Dang-uy.xlsx",
            "Chỉ tiêu",
            "2025",
            "sheet «Chỉ tiêu» chưa có dòng nào của năm 2025 (năm báo cáo): chưa nhập, hay đã xóa nhầm? Nếu để vậy,"
            " báo cáo năm không có chỉ tiêu, tỷ lệ đạt chỉ tiêu của toàn Đảng bộ và từng chi bộ, không so sánh với"
            " chỉ tiêu cấp trên giao. Hãy thêm mỗi chi bộ một dòng năm 2025 và dòng «Toàn Đảng bộ»",
        ),
        (
            "Dang-uy.xlsx",
            "Chỉ tiêu",
            "2022",
            "sheet «Chỉ tiêu» chưa có dòng nào của năm 2022: chưa nhập, hay đã xóa nhầm? Nếu để vậy, báo cáo tổng"
            " kết nhiệm kỳ coi năm này là năm không giao chỉ tiêu cho chi bộ nào. Hãy thêm mỗi chi bộ một dòng năm"
            " 2022 và dòng «Toàn Đảng bộ»",
        ),
    ]
    # not again per branch, nor as a missing «Toàn Đảng bộ» row of those years
    assert not [f for f in findings.warnings if f.rule == "branch-without-quota"]
    assert not [f for f in findings.warnings if f.rule == "no-ward-quota"]


def test_a_single_branch_missing_its_row_is_still_said_for_that_branch(tmp_path):
    quotas = [(2025, b, 1, 1, 10) for b in BRANCHES[1:]] + [(2025, "Toàn Đảng bộ", 3, None, 30)]
    quotas += [(2024, b, 1, 1, 10) for b in BRANCHES]
    _, findings = _checked(tmp_path, Ward(quotas=quotas))
    assert not [f for f in findings if f.rule == "year-without-quota-rows"]
    assert [f.value for f in findings.warnings if f.rule == "branch-without-quota"] == ["Chi bộ A"]


# --- F4: a congress number that cannot be read is said, not dropped -------------------------------

CONGRESS = {  # written -> (read as, warned)
    "XVII": ("XVII", False),
    "lần thứ 16": ("XVI", False),
    "17": ("XVII", False),
    "XVII (2020-2025)": ("XVII", False),  # the leading numeral
    "17th": ("XVII", False),
    "thứ mười bảy": ("", True),
    "MMXXV": ("", True),
    "0": ("", True),
    "IIII": ("", True),
}


def test_a_congress_number_that_cannot_be_read_is_a_warning_naming_the_value(tmp_path):
    for index, (written, (read_as, warned)) in enumerate(CONGRESS.items()):
        folder = tmp_path / str(index)
        folder.mkdir()
        quotas = [(2025, b, 1, 1, 10) for b in BRANCHES] + [(2025, "Toàn Đảng bộ", 3, None, 30)]
        inbox, findings = _checked(folder, Ward(quotas=quotas, fields={"Đại hội lần thứ": written}))
        assert inbox.ward is not None and inbox.ward.congress == read_as, written
        said = [(f.sheet, f.column, f.value, f.message) for f in findings.warnings if f.rule == "bad-congress"]
        expected = [
            (
                "Đơn vị",
                "Đại hội lần thứ",
                written,
                "không đọc được số thứ tự đại hội: cần số La Mã (ví dụ XVII) hoặc số (17), từ 1 đến 39; các văn bản"
                " sẽ không ghi «lần thứ ...» của đại hội",
            )
        ]
        assert said == (expected if warned else []), written
        assert all(f.row for f in findings.warnings if f.rule == "bad-congress")  # at its row


# --- F10: a ward folder copied twice is one error, not one per person -----------------------------


def test_a_copied_ward_folder_is_one_error_not_one_per_person(tmp_path):
    import shutil

    from click.testing import CliRunner
    from test_province import _province

    from reportgen.cli import main

    root = _province(tmp_path / "tinh")
    shutil.copytree(root / "Phuong An Hai", root / "Phuong An Hai - ban sao")
    result = CliRunner().invoke(main, ["check", str(root), "--out", str(tmp_path / "out")])
    text = " ".join(result.output.split())
    assert result.exit_code == 1, result.output
    assert "cùng ghi «Tên đảng ủy» là «ĐẢNG ỦY PHƯỜNG AN HẢI»" in text
    assert "cùng một người" not in text  # the copy's people are the same people: said by the one error
    assert text.count("[Lỗi]") == 1, result.output


# --- F19: an optional ward sheet kept under another name is a warning, not a note -----------------


def test_an_optional_ward_sheet_renamed_with_a_year_is_a_warning_saying_what_is_lost(tmp_path):
    from openpyxl import load_workbook

    quotas = [(2025, b, 1, 1, 10) for b in BRANCHES] + [(2025, "Toàn Đảng bộ", 3, None, 30)]
    ward = Ward(
        quotas=quotas,
        organisations=[(2025, "Đoàn Thanh niên", 2)],
        assessments=[(2025, "Ưu điểm", "Các chi bộ đã quan tâm công tác tạo nguồn.")],
    )
    make_ward(tmp_path, ward)
    book = load_workbook(tmp_path / "Dang-uy.xlsx")
    book["Đoàn thể"].title = "Đoàn thể 2025"
    book["Nhận định"].title = "Nhan xet"
    book.save(tmp_path / "Dang-uy.xlsx")
    for index, name in enumerate(BRANCHES):
        make_branch(tmp_path, name, file=f"cb{index}.xlsx")
    findings = Findings()
    inbox = load_inbox(tmp_path, findings, today=TODAY)
    said = [(f.file, f.sheet, f.message) for f in findings.warnings if f.rule == "renamed-optional-sheet"]
    assert said == [
        (
            "Dang-uy.xlsx",
            "Đoàn thể 2025",
            "sổ của Đảng ủy không có sheet «Đoàn thể», nhưng sheet «Đoàn thể 2025» có các cột của sheet này nên"
            " không được đọc: chỉ tiêu giới thiệu của Mặt trận và các đoàn thể không có trong báo cáo, kế hoạch."
            " Nếu đây là sheet «Đoàn thể» của năm báo cáo, hãy đổi tên sheet thành đúng «Đoàn thể»",
        ),
        (
            "Dang-uy.xlsx",
            "Nhan xet",
            "sổ của Đảng ủy không có sheet «Nhận định», nhưng sheet «Nhan xet» có các cột của sheet này nên không"
            " được đọc: các đoạn nhận định của Đảng ủy không được đưa vào văn bản nào. Nếu đây là sheet «Nhận định»"
            " của năm báo cáo, hãy đổi tên sheet thành đúng «Nhận định»",
        ),
    ]
    assert inbox.organisation_quotas.empty and inbox.assessments.empty  # not read under another name
    assert not [f for f in findings if f.rule == "unread-sheet" and f.sheet in ("Đoàn thể 2025", "Nhan xet")]


# --- F16: a header the program does not recognise, like a column the sheet lacks, is said ----------


@pytest.mark.parametrize("written", ["Ngày NQ chi bộ", "Ngày chi bộ xét đề nghị kết nạp"])
def test_an_unrecognised_meeting_date_header_is_pointed_to_the_column_it_looks_like(tmp_path, written):
    from builders import ADMISSION_HEADERS

    quotas = [(2025, b, 1, 1, 10) for b in BRANCHES] + [(2025, "Toàn Đảng bộ", 3, None, 30)]
    make_ward(tmp_path, Ward(quotas=quotas))
    headers = [written if h == "Ngày chi bộ xét" else h for h in ADMISSION_HEADERS]
    assert headers != ADMISSION_HEADERS
    headers += ["Ngày vào Đoàn"]  # an extra column of the office's, like no missing one: not said
    people = [Admission("Ngô Quốc Định", date(2005, 6, 16), date(2025, 6, 2), meeting=date(2023, 6, 1))]
    rows = [a.cells() + [date(2020, 3, 26)] for a in people]
    for index, name in enumerate(BRANCHES):
        make_branch(tmp_path, name, file=f"cb{index}.xlsx", admission_headers=headers if index == 0 else None)
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "cb0.xlsx")
    sheet = book["Kết nạp"]
    for row in rows:
        sheet.append(row)
    book.save(tmp_path / "cb0.xlsx")
    findings = Findings()
    load_inbox(tmp_path, findings, today=TODAY)
    column = headers.index(written) + 1
    said = [(f.file, f.sheet, f.column, f.cell_column, f.message) for f in findings if f.rule == "unread-column"]
    letter = chr(64 + column)
    assert said == [
        (
            "cb0.xlsx",
            "Kết nạp",
            written,
            column,
            f"không nhận ra tiêu đề cột này (cột {letter}) nên các ô trong cột không được đọc; có phải cột «Ngày chi"
            " bộ xét»? Nếu phải, hãy đổi tiêu đề thành «Ngày chi bộ xét» để cột được đọc và kiểm tra",
        )
    ]
    assert all(f.severity.value == "Cảnh báo" for f in findings if f.rule == "unread-column")


# --- F1: «Nhận định» rows no document of the run prints are said -----------------------------------


def test_office_rows_no_document_prints_are_warned_at_their_cell(tmp_path):
    quotas = [(2025, b, 1, 1, 10) for b in BRANCHES] + [(2025, "Toàn Đảng bộ", 3, None, 30)]
    rows = [
        (2025, "Ưu điểm", "Used: the report year."),
        ("2020-2025", "Bài học kinh nghiệm", "Used: the term."),
        (2024, "Hạn chế", "History: an earlier year, not judged."),
        (2026, "Nhiệm vụ, giải pháp", "Unused: after the report year."),
        ("2021-2025", "Ưu điểm", "Unused: not the ward's term."),
        (2025, "Bài học kinh nghiệm", "Unused: the annual report has no lessons."),
    ]
    _, findings = _checked(tmp_path, Ward(quotas=quotas, assessments=rows))
    said = [(f.sheet, f.row, f.column, f.value, f.message) for f in findings.warnings if f.rule == "unused-assessment"]
    first = 2  # make_ward writes the header in row 1, the rows from row 2
    assert said == [
        (
            "Nhận định",
            first + 3,
            "Năm",
            "2026",
            "năm 2026 sau năm báo cáo 2025 nên dòng này không được đưa vào văn bản nào của lần lập này; nếu là"
            " nhận định của năm 2025, hãy sửa «Năm» thành 2025",
        ),
        (
            "Nhận định",
            first + 4,
            "Năm",
            "2021-2025",
            "nhiệm kỳ 2021-2025 khác nhiệm kỳ ghi ở sheet «Đơn vị» (2020-2025) nên dòng này không được đưa vào văn"
            " bản nào; nếu là nhận định của nhiệm kỳ này, hãy sửa «Năm» thành 2020-2025",
        ),
        (
            "Nhận định",
            first + 5,
            "Mục",
            "Bài học kinh nghiệm",
            "báo cáo năm không có mục «Bài học kinh nghiệm» nên dòng này không được đưa vào văn bản nào; bài học"
            " của nhiệm kỳ hãy ghi «Năm» là 2020-2025 để đưa vào báo cáo tổng kết nhiệm kỳ",
        ),
    ]
