"""The second black-box review (reviews/breaker-2.md): each finding as a case on real workbooks."""

from __future__ import annotations

from datetime import date

import pytest

from builders import ADMISSION_HEADERS, Admission, Candidate, Ward, make_branch, make_ward
from openpyxl import Workbook, load_workbook

from reportgen.findings import Findings
from reportgen.intake.load import load_inbox
from reportgen.stats.aggregate import aggregate

TODAY = date(2026, 1, 5)


def _header_row(path, sheet):
    ws = load_workbook(path)[sheet]
    return next(r for r in range(1, 30) if ws.cell(r, 2).value == "Họ và tên")


def _load(folder):
    findings = Findings()
    inbox = load_inbox(folder, findings, today=TODAY)
    return inbox, findings


# --- F5: Dân tộc / Tôn giáo values ----------------------------------------------------
# What each written value means, decided here from the Vietnamese, not from the code:
# (is an ethnic minority, a warning names the cell).
ETHNIC_CASES = {
    "Kinh": (False, False),
    "Dân tộc Kinh": (False, False),
    "Việt": (False, False),
    "Việt Nam": (False, True),  # a nation, read as Kinh but said
    "Không": (False, True),  # not an ethnic group: read as empty (Kinh), said
    "Hrê": (True, False),
    "dân tộc Tày": (True, False),
    "Ê-đê": (True, False),
    "Xơ-rê-ta": (True, True),  # not one of the 54: counted as a minority, said
}
# (is religious, a warning names the cell)
RELIGION_CASES = {
    "Không": (False, False),
    "Lương": (False, False),
    "KTG": (False, False),
    "Không theo tôn giáo nào": (False, False),
    "x": (False, True),  # a mark, not a religion: read as empty, said
    "Phật giáo": (True, False),
    "Thiên Chúa giáo": (True, False),
    "Đạo Mẫu Tam phủ": (True, True),  # not on the list: counted as religious, said
}


def test_ethnicity_and_religion_values_are_normalised_or_warned(tmp_path):
    ethnic = list(ETHNIC_CASES)
    religion = list(RELIGION_CASES)
    size = max(len(ethnic), len(religion))
    people = []
    for i in range(size):
        people.append(
            Admission(
                f"Lê Văn Người{chr(65 + i)}",
                date(1990, 1, 1 + i),
                date(2025, 6, 2 + i),
                ethnicity=ethnic[i] if i < len(ethnic) else None,
                religion=religion[i] if i < len(religion) else None,
            )
        )
    make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 30)]))
    make_branch(tmp_path, "Chi bộ A", file="a.xlsx", admissions=people)
    inbox, findings = _load(tmp_path)
    assert not findings.has_errors, [f.describe() for f in findings.errors]
    structure = aggregate(inbox, 2025, TODAY).structure
    assert structure.total == size
    assert structure.row("ethnic_minority").count == sum(m for m, _ in ETHNIC_CASES.values())
    assert structure.row("religious").count == sum(r for r, _ in RELIGION_CASES.values())
    warned = {(f.row, f.column, f.value) for f in findings.warnings if f.rule.startswith("unknown-")}
    header_row = _header_row(tmp_path / "a.xlsx", "Kết nạp")
    expected = {(header_row + 1 + i, "Dân tộc", v) for i, v in enumerate(ethnic) if ETHNIC_CASES[v][1]}
    expected |= {(header_row + 1 + i, "Tôn giáo", v) for i, v in enumerate(religion) if RELIGION_CASES[v][1]}
    assert warned == expected
    for f in findings.warnings:
        if f.rule.startswith("unknown-"):
            assert f.file == "a.xlsx" and f.sheet == "Kết nạp"
            assert "được tính là" in f.message or "được đọc" in f.message


# --- F8: a copy of the findings workbook among branch workbooks -------------------------


def _findings_copy(path):
    wb = Workbook()
    wb.active.title = "Lỗi và cảnh báo"
    wb.active.append(["Mức", "Tệp", "Sheet", "Dòng", "Cột", "Giá trị", "Nội dung"])
    wb.save(path)


def test_a_copy_of_the_findings_workbook_skips_only_itself(tmp_path):
    make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 30), (2025, "Chi bộ Trường", 1, 1, 20)]))
    make_branch(
        tmp_path, "Chi bộ A", file="a.xlsx", admissions=[Admission("Lê Văn An", date(1990, 1, 1), date(2025, 6, 2))]
    )
    school = tmp_path / "Trường học"
    school.mkdir()
    admitted = [Admission("Trần Thị Bình", date(1995, 3, 1), date(2025, 7, 1), gender="Nữ")]
    make_branch(school, "Chi bộ Trường", file="truong.xlsx", admissions=admitted)
    _findings_copy(school / "kiem-tra-du-lieu.xlsx")
    inbox, findings = _load(tmp_path)
    assert not findings.has_errors, [f.describe() for f in findings.errors]
    assert sorted(b.name for b in inbox.branches) == ["Chi bộ A", "Chi bộ Trường"]
    report = aggregate(inbox, 2025, TODAY)
    assert report.structure.total == 2  # one admission in each branch, both counted
    notes = [f for f in findings.items if f.rule == "skipped-file"]
    assert [n.file for n in notes] == ["Trường học/kiem-tra-du-lieu.xlsx"]
    assert "các sổ khác trong thư mục vẫn được đọc" in notes[0].message


def test_an_earlier_output_folder_is_still_skipped_whole(tmp_path):
    make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 30)]))
    make_branch(
        tmp_path, "Chi bộ A", file="a.xlsx", admissions=[Admission("Lê Văn An", date(1990, 1, 1), date(2025, 6, 2))]
    )
    out = tmp_path / "ket-qua"
    (out / "kiem-tra").mkdir(parents=True)
    _findings_copy(out / "kiem-tra-du-lieu.xlsx")
    make_branch(out / "kiem-tra", "Chi bộ A", file="a.xlsx")  # the marked copy of a.xlsx
    inbox, findings = _load(tmp_path)
    assert not findings.has_errors, [f.describe() for f in findings.errors]
    assert [b.name for b in inbox.branches] == ["Chi bộ A"]
    notes = [f for f in findings.items if f.rule == "skipped-file"]
    assert [n.file for n in notes] == ["ket-qua"]


# --- F4: a branch workbook without the «Kết nạp» sheet ----------------------------------


def _drop_sheet(path, name):
    wb = load_workbook(path)
    del wb[name]
    wb.save(path)


def test_missing_admission_sheet_with_admitted_people_is_one_error(tmp_path):
    make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 30)]))
    admitted = [
        Candidate(
            f"Lê Thị Hoa{i}", date(1995, 1, 1 + i), date(2023, 1, 2), status="Đã kết nạp", status_date=date(2025, 6, 2)
        )
        for i in range(3)
    ]
    waiting = [Candidate("Lê Thị Mai", date(1996, 1, 1), date(2024, 1, 2))]
    path = make_branch(tmp_path, "Chi bộ A", file="a.xlsx", candidates=admitted + waiting)
    _drop_sheet(path, "Kết nạp")
    inbox, findings = _load(tmp_path)
    from reportgen.validate.rules import validate

    validate(inbox, findings, 2025, TODAY)
    errors = [f for f in findings.errors if f.rule == "missing-admission-sheet"]
    assert len(errors) == 1 and errors[0].file == "a.xlsx"
    expected = sum(1 for c in admitted + waiting if c.status == "Đã kết nạp")
    assert f"{expected:02d} người «Đã kết nạp»" in errors[0].message and "«Kết nạp»" in errors[0].message
    assert not [f for f in findings.items if f.rule == "admitted-not-listed"]  # not once per person


def test_missing_admission_sheet_with_nobody_admitted_is_a_warning(tmp_path):
    make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 30)]))
    path = make_branch(
        tmp_path, "Chi bộ A", file="a.xlsx", candidates=[Candidate("Lê Thị Mai", date(1996, 1, 1), date(2024, 1, 2))]
    )
    _drop_sheet(path, "Kết nạp")
    _inbox, findings = _load(tmp_path)
    assert not findings.has_errors, [f.describe() for f in findings.errors]
    warnings = [f for f in findings.warnings if f.rule == "missing-admission-sheet"]
    assert len(warnings) == 1 and "chưa kết nạp" in warnings[0].message


# --- F13: a person whose name cell says «Cộng» ------------------------------------------


def test_a_row_named_cong_with_dates_is_a_person_and_a_real_totals_line_is_not(tmp_path):
    make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 30)]))
    people = [
        Admission("Lê Văn An", date(1990, 1, 1), date(2025, 6, 2)),
        Admission("Cộng", date(1991, 2, 3), date(2025, 7, 1)),  # a full admission row
    ]
    totals = [None, "Tổng cộng", 2]  # a real totals line: words and a count
    path = make_branch(tmp_path, "Chi bộ A", file="a.xlsx", admissions=people, extra_admission_rows=[totals])
    header = _header_row(path, "Kết nạp")
    inbox, findings = _load(tmp_path)
    assert not findings.has_errors, [f.describe() for f in findings.errors]
    assert aggregate(inbox, 2025, TODAY).structure.total == len(people)
    warned = [f for f in findings.warnings if f.rule == "totals-word-on-person"]
    assert [(f.row, f.column, f.value) for f in warned] == [(header + 2, "Họ và tên", "Cộng")]
    noted = [f for f in findings.items if f.rule == "totals-row"]
    assert [f.row for f in noted] == [header + 3]


def test_hidden_rows_are_counted_and_named(tmp_path):
    make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 30)]))
    people = [Admission(f"Lê Văn An{i}", date(1990, 1, 1 + i), date(2025, 6, 2 + i)) for i in range(3)]
    path = make_branch(tmp_path, "Chi bộ A", file="a.xlsx", admissions=people)
    header = _header_row(path, "Kết nạp")
    wb = load_workbook(path)
    hidden = [header + 2]  # the second person, hidden rather than deleted
    for row in hidden:
        wb["Kết nạp"].row_dimensions[row].hidden = True
    wb.save(path)
    inbox, findings = _load(tmp_path)
    assert not findings.has_errors, [f.describe() for f in findings.errors]
    assert aggregate(inbox, 2025, TODAY).structure.total == len(people)
    warned = [f for f in findings.warnings if f.rule == "hidden-rows"]
    assert len(warned) == 1 and warned[0].sheet == "Kết nạp" and warned[0].row == hidden[0]
    assert str(hidden[0]) in warned[0].message


# --- F3: twins whose names differ only in a tone mark -----------------------------------


def test_names_differing_only_in_diacritics_are_two_people_with_a_warning(tmp_path):
    make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 30)]))
    twins = [
        Admission("Nguyễn Văn Long", date(1997, 8, 12), date(2025, 7, 26), decision_no="02-QĐ/ĐU"),
        Admission("Nguyễn Văn Lòng", date(1997, 8, 12), date(2025, 7, 26), decision_no="03-QĐ/ĐU"),
    ]
    candidates = [
        Candidate("Trần Văn Hùng", date(2000, 3, 4), date(2024, 1, 2), gender="Nam"),
        Candidate("Trần Văn Hưng", date(2000, 3, 4), date(2024, 1, 2), gender="Nam"),
        Candidate("TRẦN  văn hùng", date(2000, 3, 4), date(2024, 1, 2), gender="Nam"),  # Hùng again: case, spaces
    ]
    path = make_branch(tmp_path, "Chi bộ A", file="a.xlsx", admissions=twins, candidates=candidates)
    from reportgen.validate.rules import validate

    inbox, findings = _load(tmp_path)
    validate(inbox, findings, 2025, TODAY)
    duplicates = [f for f in findings.errors if f.rule == "duplicate-person"]
    first = _header_row(path, "Nguồn") + 1
    # only the real repeat (same letters and marks, other case and spacing) is an error
    assert [(f.sheet, f.row) for f in duplicates] == [("Nguồn", first + 2)]
    similar = sorted((f.sheet, f.row, f.value) for f in findings.warnings if f.rule == "similar-person")
    admissions_first = _header_row(path, "Kết nạp") + 1
    assert similar == [("Kết nạp", admissions_first + 1, "Nguyễn Văn Lòng"), ("Nguồn", first + 1, "Trần Văn Hưng")]
    assert aggregate(inbox, 2025, TODAY).structure.total == len(twins)


# --- F12: the signature block under the table -------------------------------------------


def test_signature_block_under_the_table_is_a_warning_not_a_date_error(tmp_path):
    make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 30)]))
    people = [Admission("Lê Văn An", date(1990, 1, 1), date(2025, 6, 2))]
    path = make_branch(tmp_path, "Chi bộ A", file="a.xlsx", admissions=people)
    wb = load_workbook(path)
    ws = wb["Kết nạp"]
    header = _header_row(path, "Kết nạp")
    class_column = next(c for c in range(1, 30) if ws.cell(header, c).value == "Ngày học lớp nhận thức")
    ws.cell(header + 4, class_column, "Người lập biểu")
    ws.cell(header + 8, class_column, "Trần Văn Hải")
    wb.save(path)
    inbox, findings = _load(tmp_path)
    assert not findings.has_errors, [f.describe() for f in findings.errors]
    assert not findings.warnings, [f.describe() for f in findings.warnings]
    block = [f for f in findings if f.rule == "signature-block"]
    assert [(f.row, f.value) for f in block] == [(header + 4, "Người lập biểu; Trần Văn Hải")]
    assert aggregate(inbox, 2025, TODAY).structure.total == len(people)


def _sign_under(path, sheet, cells):
    """Write {(rows below the last row, column header or number): text} under a table."""
    wb = load_workbook(path)
    ws = wb[sheet]
    header = _header_row(path, sheet)
    names = [c.value for c in ws[header]]
    last = ws.max_row
    for (below, column), text in cells.items():
        ws.cell(last + below, column if isinstance(column, int) else names.index(column) + 1, text)
    wb.save(path)
    return last


# The signature blocks Vietnamese lists end with, as clerks write them under the table.
SIGNATURE_BLOCKS = {
    # breaker-2 `notes_in_name`: the title in a date column, the name in the name column
    "title_then_name": {(2, "Ngày học lớp nhận thức"): "Người lập biểu", (6, "Họ và tên"): "Trần Văn Hải"},
    "all_in_the_name_column": {(2, "Họ và tên"): "NGƯỜI LẬP BIỂU", (5, "Họ và tên"): "Trần Văn Hải"},
    "two_signers_with_the_date_line": {
        (2, "Giới tính"): "Phổ Hòa, ngày 20 tháng 12 năm 2025",
        (3, "Họ và tên"): "NGƯỜI LẬP BIỂU",
        (3, "Lý luận chính trị"): "T/M CHI ỦY",
        (4, "Lý luận chính trị"): "BÍ THƯ",
        (5, "Họ và tên"): "(Ký, ghi rõ họ tên)",
        (8, "Họ và tên"): "Trần Văn Hải",
        (8, "Lý luận chính trị"): "Nguyễn Văn Bí",
    },
}


@pytest.mark.parametrize("sheet", ["Kết nạp", "Nguồn"])
@pytest.mark.parametrize("block", list(SIGNATURE_BLOCKS))
def test_a_signature_block_with_names_in_any_column_is_recognised_and_not_counted(tmp_path, block, sheet):
    make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 30)]))
    admitted = [Admission("Lê Văn An", date(1990, 1, 1), date(2025, 6, 2))]
    waiting = [Candidate("Lê Thị Bình", date(1999, 3, 4), date(2024, 5, 6))]
    path = make_branch(tmp_path, "Chi bộ A", file="a.xlsx", admissions=admitted, candidates=waiting)
    last = _sign_under(path, sheet, SIGNATURE_BLOCKS[block])
    inbox, findings = _load(tmp_path)
    assert not findings.has_errors, [f.describe() for f in findings.errors]
    assert not findings.warnings, [f.describe() for f in findings.warnings]
    texts = [text for _, text in sorted(SIGNATURE_BLOCKS[block].items())]
    end = last + max(below for below, _ in SIGNATURE_BLOCKS[block])
    start = last + min(below for below, _ in SIGNATURE_BLOCKS[block])
    assert [(f.file, f.sheet, f.row, f.value, f.message) for f in findings if f.rule == "signature-block"] == [
        (
            "a.xlsx",
            sheet,
            start,
            "; ".join(texts),
            f"từ dòng {start} đến dòng {end} là phần ký tên dưới bảng (người lập biểu, người ký), không phải"
            " người trong danh sách nên không được tính",
        )
    ]
    assert [r["name"] for r in inbox.admissions.to_dict("records")] == ["Lê Văn An"]
    assert [r["name"] for r in inbox.candidates.to_dict("records")] == ["Lê Thị Bình"]
    tally = next(t.counts for t in inbox.tallies if t.sheet == sheet)
    assert tally.balanced and tally.used == 1 and tally.rejected == 0


def test_a_name_alone_under_the_table_is_one_error_quoting_the_name(tmp_path):
    """No title above it: it may be a person not filled in yet, so it is not dropped; the error quotes the
    name and says both ways out."""
    make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 30)]))
    admitted = [Admission("Lê Văn An", date(1990, 1, 1), date(2025, 6, 2))]
    path = make_branch(tmp_path, "Chi bộ A", file="a.xlsx", admissions=admitted)
    last = _sign_under(path, "Kết nạp", {(3, "Họ và tên"): "Trần Văn Hải", (3, 1): 2})
    _, findings = _load(tmp_path)
    assert [(f.file, f.describe()) for f in findings.errors] == [
        (
            "a.xlsx",
            f"sheet «Kết nạp», dòng {last + 3}, cột «Họ và tên»: giá trị «Trần Văn Hải» — dòng chỉ ghi họ tên, chưa"
            " có «Ngày sinh», «Giới tính», «Ngày học lớp nhận thức», «Ngày kết nạp» (cột bắt buộc) nên không được"
            " tính. Nếu đây là một người, hãy điền đủ các cột đó; nếu là tên người ký dưới bảng, hãy ghi chức danh"
            " («Người lập biểu», «T/M CHI ỦY», «BÍ THƯ») ở dòng phía trên tên để chương trình nhận ra phần ký tên",
        )
    ]
    # a person row with dates below the "block" keeps it a table: the title row is not a signature
    path = make_branch(tmp_path, "Chi bộ A", file="a.xlsx", admissions=admitted)
    last = _sign_under(path, "Kết nạp", {(1, "Họ và tên"): "Người lập biểu"})
    wb = load_workbook(path)
    ws = wb["Kết nạp"]
    for column in range(1, ws.max_column + 1):
        ws.cell(last + 2, column, ws.cell(last, column).value)
    ws.cell(last + 2, 2, "Lê Văn Sau")
    wb.save(path)
    inbox, findings = _load(tmp_path)
    assert not [f for f in findings if f.rule == "signature-block"]
    assert "Lê Văn Sau" in list(inbox.admissions["name"])


# --- F1, F7: one bad row or one unreadable workbook, one message ------------------------


def _quota_cell(path, row_of, column, value):
    wb = load_workbook(path)
    ws = wb["Chỉ tiêu"]
    header = next(r for r in range(1, 30) if ws.cell(r, 1).value == "Năm")
    headers = [c.value for c in ws[header]]
    for r in range(header + 1, ws.max_row + 1):
        if (ws.cell(r, 1).value, ws.cell(r, 2).value) == row_of:
            ws.cell(r, headers.index(column) + 1, value)
            wb.save(path)
            return r
    raise AssertionError(row_of)


def test_a_rejected_quota_row_gives_one_error_and_no_false_missing_row_warning(tmp_path):
    quotas = [(2025, "Chi bộ A", 1, 1, 30), (2025, "Toàn Đảng bộ", 2, None, 30)]
    ward = make_ward(tmp_path, Ward(quotas=quotas))
    make_branch(
        tmp_path, "Chi bộ A", file="a.xlsx", admissions=[Admission("Lê Văn An", date(1990, 1, 1), date(2025, 6, 2))]
    )
    branch_row = _quota_cell(ward, (2025, "Chi bộ A"), "Chỉ tiêu kết nạp", "2 người")
    ward_row = _quota_cell(ward, (2025, "Toàn Đảng bộ"), "Số đảng viên đầu năm", "1.332")
    from reportgen.validate.rules import validate

    inbox, findings = _load(tmp_path)
    validate(inbox, findings, 2025, TODAY)
    assert sorted(f.row for f in findings.errors) == sorted([branch_row, ward_row])
    thousands = next(f for f in findings.errors if f.row == ward_row)
    assert "1332" in thousands.message and "hàng nghìn" in thousands.message
    assert not [f for f in findings.warnings if f.rule in ("branch-without-quota", "no-ward-quota")]


def test_an_unreadable_branch_workbook_does_not_send_the_clerk_elsewhere(tmp_path):
    quotas = [(y, b, 1, 1, m) for y in (2024, 2025) for b, m in (("Chi bộ A", 30), ("Chi bộ B", 35))]
    quotas += [(y, "Toàn Đảng bộ", 2, None, 65) for y in (2024, 2025)]
    make_ward(tmp_path, Ward(quotas=quotas))
    make_branch(
        tmp_path, "Chi bộ A", file="a.xlsx", admissions=[Admission("Lê Văn An", date(1990, 1, 1), date(2025, 6, 2))]
    )
    (tmp_path / "b-matkhau.xlsx").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600)  # encrypted: OLE
    from reportgen.validate.rules import validate

    inbox, findings = _load(tmp_path)
    validate(inbox, findings, 2025, TODAY)
    assert [f.file for f in findings.errors] == ["b-matkhau.xlsx"]
    about_b = [f for f in findings.warnings if f.rule == "quota-without-workbook"]
    assert about_b and all("«b-matkhau.xlsx»" in f.message and "Có phải" not in f.message for f in about_b)
    # 30 + 35 = 65 as the sheet says: no "không khớp" because B's workbook is unreadable
    assert not [f for f in findings.warnings if f.rule == "members-mismatch"]


# --- F6: Excel's own conversions shown as the clerk sees them ---------------------------


def test_excel_auto_dates_and_odd_cells_are_explained(tmp_path):
    make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 30)]))
    people = [
        Candidate("Lê Thị Một", date(1996, 1, 1), date(2024, 1, 2), education=date(2025, 12, 9)),  # typed 9/12
        Candidate("Lê Thị Hai", date(1996, 1, 2), date(2024, 1, 2), education="Đại học"),
        Candidate("Lê Thị Ba", True, date(2024, 1, 2)),
    ]
    path = make_branch(tmp_path, "Chi bộ A", file="a.xlsx", candidates=people)
    first = _header_row(path, "Nguồn") + 1
    inbox, findings = _load(tmp_path)
    auto = [f for f in findings.warnings if f.rule == "excel-auto-date"]
    assert [(f.row, f.column) for f in auto] == [(first, "Trình độ học vấn")]
    assert "Excel đã tự đổi «9/12» thành ngày 09/12/2025" in auto[0].message and "(THCS)" in auto[0].message
    assert inbox.candidates.loc[inbox.candidates["_row"] == first, "education"].item() == "THCS"
    university = next(f for f in findings.errors if f.row == first + 1)
    assert "cột «Chuyên môn»" in university.message and "Có phải «Tiểu học»?" not in university.message
    boolean = next(f for f in findings.errors if f.row == first + 2)
    assert boolean.value == "TRUE"


# --- F2: the ward row under another name ------------------------------------------------


@pytest.mark.parametrize("written", ["Đảng bộ phường", "Toàn ĐB"])
def test_the_ward_row_under_another_name_is_pointed_to_toan_dang_bo(tmp_path, written):
    quotas = [(2025, "Chi bộ A", 1, 1, 30), (2025, "Chi bộ Quân sự phường", 1, 1, 5), (2025, written, 2, None, 35)]
    make_ward(tmp_path, Ward(quotas=quotas))
    make_branch(tmp_path, "Chi bộ A", file="a.xlsx")
    make_branch(tmp_path, "Chi bộ Quân sự phường", "Quân sự", file="qs.xlsx")
    from reportgen.validate.rules import validate

    inbox, findings = _load(tmp_path)
    validate(inbox, findings, 2025, TODAY)
    warned = [f for f in findings.warnings if f.rule == "quota-without-workbook"]
    assert [f.value for f in warned] == [written]
    assert "hãy ghi đúng «Toàn Đảng bộ»" in warned[0].message and "Quân sự" not in warned[0].message


# --- F14: small things -------------------------------------------------------------------


def test_a_second_column_under_a_used_header_that_holds_something_else_is_an_error(tmp_path):
    make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 30)]))
    headers = ["Ngày kết nạp" if h == "Số quyết định" else h for h in ADMISSION_HEADERS]
    people = [Admission("Lê Văn An", date(1990, 1, 1), date(2025, 6, 2), decision_no="02-QĐ/ĐU")]
    path = make_branch(tmp_path, "Chi bộ A", file="a.xlsx", admissions=people, admission_headers=headers)
    _inbox, findings = _load(tmp_path)
    errors = [f for f in findings.errors if f.rule == "conflicting-columns"]
    assert [(f.row, f.value) for f in errors] == [(_header_row(path, "Kết nạp") + 1, "02-QĐ/ĐU")]
    assert "sửa tiêu đề" in errors[0].message


def test_watch_says_the_run_starts_again_by_itself():
    from reportgen.console import verdict_line
    from reportgen.findings import Findings as F

    findings = F()
    findings.error("x", file="a.xlsx")
    assert "chạy lại" in verdict_line(findings)
    assert "chạy lại" not in verdict_line(findings, watching=True)
    assert "tự kiểm tra lại" in verdict_line(findings, watching=True)


def test_a_name_without_marks_admitted_in_another_branch_is_warned(tmp_path):
    make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 30), (2025, "Chi bộ B", 1, 1, 30)]))
    make_branch(
        tmp_path,
        "Chi bộ A",
        file="a.xlsx",
        admissions=[Admission("Nguyễn Văn Long", date(1997, 8, 12), date(2025, 7, 26))],
    )
    make_branch(
        tmp_path,
        "Chi bộ B",
        file="b.xlsx",
        admissions=[Admission("Nguyen Van Long", date(1997, 8, 12), date(2025, 7, 26))],
    )
    from reportgen.validate.rules import validate

    inbox, findings = _load(tmp_path)
    validate(inbox, findings, 2025, TODAY)
    assert not findings.has_errors, [f.describe() for f in findings.errors]
    similar = [f for f in findings.warnings if f.rule == "similar-person"]
    assert [(f.file, f.value) for f in similar] == [("b.xlsx", "Nguyen Van Long")]
    assert "«Chi bộ A»" in similar[0].message


# --- F11 addendum: a renamed `Đơn vị` / `Thông tin` sheet, one error that says which sheet to rename ---


def _rename_sheet(path, old, new):
    wb = load_workbook(path)
    wb[old].title = new
    wb.save(path)


@pytest.mark.parametrize("renamed", ["Don vi 2025", "Thông tin đơn vị"])
def test_a_renamed_ward_info_sheet_is_one_error_naming_the_sheet_to_rename(tmp_path, renamed):
    ward = make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 30)]))
    make_branch(
        tmp_path, "Chi bộ A", file="a.xlsx", admissions=[Admission("Lê Văn An", date(1990, 1, 1), date(2025, 6, 2))]
    )
    _rename_sheet(ward, "Đơn vị", renamed)
    _, findings = _load(tmp_path)
    assert [(f.file, f.describe()) for f in findings.errors] == [
        (
            "Dang-uy.xlsx",
            f"sheet «{renamed}» — sổ của Đảng ủy thiếu sheet «Đơn vị» (thông tin đơn vị,"
            f" nhiệm kỳ, người ký); các sheet có: «{renamed}», «Chỉ tiêu». Sheet «{renamed}» có các trường của sheet"
            " «Đơn vị» («Đảng bộ cấp trên», «Tên đảng ủy», «Địa danh», «Nhiệm kỳ»): hãy đổi tên sheet đó thành"
            " đúng «Đơn vị» rồi chạy lại",
        )
    ]
    assert not [f for f in findings if f.sheet == renamed and f.rule == "unread-sheet"]  # said once


def test_a_ward_workbook_without_any_info_sheet_lists_its_sheets(tmp_path):
    ward = make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 30)]))
    make_branch(tmp_path, "Chi bộ A", file="a.xlsx")
    wb = load_workbook(ward)
    wb["Đơn vị"].title = "Ghi chép"
    wb["Ghi chép"].delete_rows(1, wb["Ghi chép"].max_row)
    wb.save(ward)
    _, findings = _load(tmp_path)
    assert [f.message for f in findings.errors] == [
        "sổ của Đảng ủy thiếu sheet «Đơn vị» (thông tin đơn vị, nhiệm kỳ, người ký); các sheet có: «Ghi chép»,"
        " «Chỉ tiêu»; hãy thêm sheet «Đơn vị» theo mẫu"
    ]


def test_a_renamed_branch_info_sheet_is_one_error_and_its_quota_rows_point_to_the_file(tmp_path):
    from reportgen.validate.rules import validate

    make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 30), (2025, "Chi bộ B", 1, 1, 30)]))
    make_branch(tmp_path, "Chi bộ A", file="a.xlsx")
    b = make_branch(tmp_path, "Chi bộ B", file="b.xlsx")
    _rename_sheet(b, "Thông tin", "Thong tin chi bo")
    inbox, findings = _load(tmp_path)
    validate(inbox, findings, 2025, TODAY)
    assert [(f.file, f.sheet, f.message) for f in findings.errors] == [
        (
            "b.xlsx",
            "Thong tin chi bo",
            "sổ của chi bộ thiếu sheet «Thông tin» (Tên chi bộ, Loại hình); không biết các dòng trong sổ thuộc chi"
            " bộ nào nên không tính; các sheet có: «Thong tin chi bo», «Nguồn», «Kết nạp». Sheet «Thong tin chi"
            " bo» có các trường của sheet «Thông tin» («Tên chi bộ», «Loại hình»): hãy đổi tên sheet đó thành đúng"
            " «Thông tin» rồi chạy lại",
        )
    ]
    # B's quota row is pointed to b.xlsx, not to a similar branch
    about_b = [f for f in findings.warnings if f.rule == "quota-without-workbook"]
    assert len(about_b) == 1 and "«b.xlsx»" in about_b[0].message and "Có phải" not in about_b[0].message


def test_a_person_whose_dates_cannot_be_read_is_never_taken_for_a_signer(tmp_path):
    """A last row with a bad birth date and `Bí thư chi đoàn` in its note looks like a signature title;
    it stays a person with an error."""
    make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 30)]))
    admitted = [Admission("Lê Văn An", date(1990, 1, 1), date(2025, 6, 2))]
    path = make_branch(tmp_path, "Chi bộ A", file="a.xlsx", admissions=admitted)
    last = _sign_under(
        path,
        "Kết nạp",
        {(1, "Họ và tên"): "Trần Văn Hải", (1, "Ngày sinh"): "31/02/1990", (1, "Ghi chú"): "Bí thư chi đoàn"},
    )
    _, findings = _load(tmp_path)
    assert not [f for f in findings if f.rule == "signature-block"]
    assert [(f.row, f.column, f.value) for f in findings.errors] == [(last + 1, "Ngày sinh", "31/02/1990")]
