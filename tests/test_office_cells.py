"""The office's own text cells as offices write them (breaker-3 F14, F17, F22, F2): a ward is built with
such rows of `Văn bản` and `Nhận định`, and the signed documents are read back with python-docx."""

from datetime import date, datetime
from pathlib import Path

import openpyxl
from builders import Admission, Ward, make_branch, make_ward
from docread import all_text
from reportgen.pipeline import build

TODAY = date(2026, 1, 5)
QUOTAS = [(2025, "Chi bộ Tổ dân phố 1", 1, 1, 20), (2025, "Toàn Đảng bộ", 1, None, 20)]

# (row as the clerk writes it, what the report lists for it)
TEXTS = [
    (
        (2025, "Kế hoạch số 44-KH/ĐU", datetime(2025, 1, 13), "về phát triển đảng viên năm 2025"),
        "Kế hoạch số 44-KH/ĐU ngày 13/01/2025 về “phát triển đảng viên năm 2025”",
    ),
    (
        (2025, "Số 45-NQ/ĐU", datetime(2025, 1, 14), "Nghị quyết về công tác phát triển đảng viên năm 2025."),
        "Nghị quyết số 45-NQ/ĐU ngày 14/01/2025 về “công tác phát triển đảng viên năm 2025”",
    ),
    (
        (2025, "46/KH-ĐU", datetime(2025, 2, 1), "Về việc tổ chức lớp"),
        "Kế hoạch số 46/KH-ĐU ngày 01/02/2025 về việc “tổ chức lớp”",
    ),
    ((2025, 47, datetime(2025, 2, 2), "về việc kiểm tra"), "Văn bản số 47 ngày 02/02/2025 về việc “kiểm tra”"),
    (
        (2025, "48-CT/ĐU", datetime(2025, 2, 3), "Chỉ thị về tăng cường"),
        "Chỉ thị số 48-CT/ĐU ngày 03/02/2025 về “tăng cường”",
    ),
    (
        (2025, "49-KH/ĐU ngày 05/02/2025", datetime(2025, 2, 5), "về kế hoạch bổ sung"),
        "Kế hoạch số 49-KH/ĐU ngày 05/02/2025 về “kế hoạch bổ sung”",
    ),
    (
        (2025, "50-KH/ĐU", datetime(2025, 2, 6), '"về kế hoạch có ngoặc kép"'),
        "Kế hoạch số 50-KH/ĐU ngày 06/02/2025 về “kế hoạch có ngoặc kép”",
    ),
    (
        (2025, "Kế hoạch số 51", datetime(2025, 2, 7), "V/v rà soát nguồn"),
        "Kế hoạch số 51 ngày 07/02/2025 về việc “rà soát nguồn”",
    ),
    (
        (2025, "52-KH/ĐU", datetime(2025, 2, 8), "Kế hoạch số 52-KH/ĐU ngày 08/02/2025 về bồi dưỡng nguồn"),
        "Kế hoạch số 52-KH/ĐU ngày 08/02/2025 về “bồi dưỡng nguồn”",
    ),
    (
        (2025, "53-BC/ĐU, ngày 09/03/2025", datetime(2025, 3, 10), "sơ kết quý I"),
        "Báo cáo số 53-BC/ĐU ngày 10/03/2025 “sơ kết quý I”",
    ),
]


def _build(tmp_path: Path, texts=(), assessments=()):
    inbox = tmp_path / "in"
    inbox.mkdir()
    make_ward(inbox, Ward(quotas=QUOTAS, texts=list(texts), assessments=list(assessments)))
    make_branch(
        inbox, "Chi bộ Tổ dân phố 1", admissions=[Admission("Nguyễn Văn An", date(1990, 1, 2), date(2025, 3, 4))]
    )
    result = build(inbox, tmp_path / "out", year=2025, issued=TODAY, today=TODAY)
    assert result.check.ok, [f.describe() for f in result.check.findings.errors]
    return result, all_text(tmp_path / "out" / "bao-cao-2025.docx")


def test_text_cells_written_as_offices_write_them_are_cited_once(tmp_path):
    result, text = _build(tmp_path, texts=[row for row, _ in TEXTS])
    listed = next(line for line in text.splitlines() if "Đảng ủy ban hành" in line)
    assert listed.endswith(": " + "; ".join(cited for _, cited in TEXTS) + ".")
    opening = next(line for line in text.splitlines() if line.startswith("Thực hiện "))
    assert opening.startswith("Thực hiện Kế hoạch số 44-KH/ĐU ngày 13/01/2025 của Đảng ủy phường về phát triển")
    for doubled in ("số Số", "Kế hoạch số Kế hoạch", "ngày 05/02/2025 ngày", '“"', "Về “", "về “việc"):
        assert doubled not in text
    # every tidied cell is a note on it; the date after the number that differs from «Ngày» is a warning
    notes = {
        (f.row, f.column)
        for f in result.check.findings
        if f.rule.startswith("office-text-") and f.severity.value == "Ghi chú"
    }
    assert {
        (2, "Số, ký hiệu"),
        (3, "Số, ký hiệu"),
        (3, "Trích yếu"),
        (6, "Trích yếu"),
        (7, "Số, ký hiệu"),
        (8, "Trích yếu"),
        (9, "Số, ký hiệu"),
        (9, "Trích yếu"),
        (10, "Trích yếu"),
        (11, "Số, ký hiệu"),
    } == notes
    [differs] = [f for f in result.check.findings if f.rule == "office-text-date"]
    assert (differs.row, differs.severity.value) == (11, "Cảnh báo") and "10/03/2025" in differs.message
    # a row written as it should be (row 5) is not touched; «Về việc» only takes a small letter
    assert not {(4, "Trích yếu"), (5, "Số, ký hiệu"), (5, "Trích yếu")} & notes


def test_a_text_written_twice_is_counted_once_with_a_warning_naming_both_rows(tmp_path):
    row = (2025, "44-KH/ĐU", datetime(2025, 1, 13), "về phát triển đảng viên năm 2025")
    result, text = _build(tmp_path, texts=[row, (2025, "Kế hoạch số 44-KH/ĐU", row[2], row[3])])
    assert "ban hành 01 văn bản" in text and text.count("44-KH/ĐU ngày 13/01/2025") == 2  # opening and list
    [dup] = [f for f in result.check.findings if f.rule == "office-text-duplicate"]
    assert dup.row == 3 and "dòng 2" in dup.message


ASSESSMENTS = [
    ("2025", "Hạn chế", "- ML1 ý một;\n- ML2 ý hai;\n- ML3 ý ba."),
    ("2025", "Hạn chế", "+ QQ4: dấu cộng đầu dòng;"),
    ("2025", "Kiến nghị", "ML4 đoạn một.\n\nML5 đoạn hai."),
    ("2025", "Kiến nghị", "•\tQQ7: ký hiệu bullet Word"),
    ("2025", "Kiến nghị", "Đề nghị hướng dẫn thống nhất mẫu sổ theo dõi."),
    ("2025", "Kiến nghị", "Đề nghị hướng dẫn thống nhất mẫu sổ theo dõi."),
    ("2025", "Lãnh đạo, chỉ đạo", "- LD1: đoạn lãnh đạo."),
    ("2025", "Nhiệm vụ giải pháp", "NV1: nhiệm vụ riêng của Đảng ủy."),  # the section written without its comma
]


def test_each_line_of_a_judgement_cell_is_its_own_bullet_and_a_duplicate_is_printed_once(tmp_path):
    result, text = _build(tmp_path, assessments=ASSESSMENTS)
    lines = text.splitlines()
    for bullet in (
        "- ML1 ý một;",
        "- ML2 ý hai;",
        "- ML3 ý ba.",
        "- QQ4: dấu cộng đầu dòng;",
        "- ML4 đoạn một.",
        "- ML5 đoạn hai.",
        "- QQ7: ký hiệu bullet Word",
    ):
        assert lines.count(bullet) == 1, bullet
    assert sum("NV1: nhiệm vụ riêng của Đảng ủy." in line for line in lines) == 1
    assert "LD1: đoạn lãnh đạo." in lines  # a paragraph of its own section, not a bullet: the dash dropped
    assert not [line for line in lines if line.startswith(("- -", "- +", "- •", "-\u00a0-"))]
    assert sum("Đề nghị hướng dẫn thống nhất mẫu sổ theo dõi." in line for line in lines) == 1
    [dup] = [f for f in result.check.findings if f.rule == "assessment-duplicate"]
    # the sheet has its header on row 1: the duplicate is row 7, the first one row 6
    sheet = openpyxl.load_workbook(tmp_path / "in" / "Dang-uy.xlsx")["Nhận định"]
    assert sheet.cell(6, 3).value == sheet.cell(7, 3).value
    assert (dup.sheet, dup.row, dup.severity.value) == ("Nhận định", 7, "Cảnh báo")
    assert "trùng với dòng 6" in dup.message and "chỉ được in một lần" in dup.message
