"""Reading the inbox as FORMAT.md says: title rows, aliases, folding, totals rows,
skipped files, and a finding for every cell that cannot be read."""

import unicodedata
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from builders import ADMISSION_HEADERS, CANDIDATE_HEADERS, Admission, Candidate, Ward, make_branch, make_ward
from reportgen.findings import Findings, Severity
from reportgen.intake.load import load_inbox

QUOTAS = [(2025, "Chi bộ Tổ dân phố 1", 2, 1, 20), (2025, "Toàn Đảng bộ", 3, None, 40)]


def load(folder: Path):
    findings = Findings()
    return load_inbox(folder, findings), findings


def test_title_rows_aliases_and_unaccented_headers(tmp_path):
    make_ward(tmp_path, Ward(quotas=QUOTAS))
    headers = [h for h in ADMISSION_HEADERS]
    headers[1] = "Ho ten"  # alias, no diacritics
    headers[8] = "THÀNH PHẦN"  # alias, capitals
    headers[9] = "LLCT"
    headers[12] = unicodedata.normalize("NFD", "Ngày quyết định kết nạp")
    make_branch(tmp_path, "Chi bộ Tổ dân phố 1", admission_headers=headers,
                admissions=[Admission("Nguyễn Văn An", date(1990, 1, 2), date(2025, 3, 4), occupation="Giáo viên",
                                      theory="Sơ cấp")])
    inbox, findings = load(tmp_path)
    assert not findings.has_errors, [f.describe() for f in findings]
    row = inbox.admissions.iloc[0]
    assert row["name"] == "Nguyễn Văn An"
    assert row["admitted"] == date(2025, 3, 4)
    assert row["occupation"] == "Giáo viên" and row["theory"] == "Sơ cấp"
    assert row["branch"] == "Chi bộ Tổ dân phố 1"
    assert row["_row"] == 4  # title, blank, header, then the first person


def test_text_dates_yes_no_and_defaults(tmp_path):
    make_ward(tmp_path, Ward(quotas=QUOTAS))
    make_branch(tmp_path, "Chi bộ Tổ dân phố 1", candidates=[
        Candidate("Lê Thị Cúc", "05/06/2001", "1-2-2025", youth_union="Có", ethnicity=None, religion=None),
        Candidate("Trần Văn Dũng", "7.8.1999", "01/03/2025", youth_union="Không", theory=None),
    ])
    inbox, findings = load(tmp_path)
    assert not findings.has_errors
    first, second = inbox.candidates.iloc[0], inbox.candidates.iloc[1]
    assert first["birth"] == date(2001, 6, 5) and first["entered"] == date(2025, 2, 1)
    assert bool(first["youth_union"]) is True and bool(second["youth_union"]) is False
    assert first["ethnicity"] == "Kinh" and first["religion"] == "Không" and second["theory"] == "Không"


def test_totals_rows_are_ignored_and_reported_and_rows_balance(tmp_path):
    make_ward(tmp_path, Ward(quotas=QUOTAS))
    make_branch(tmp_path, "Chi bộ Tổ dân phố 1", admissions=[
        Admission("Nguyễn Văn An", date(1990, 1, 2), date(2025, 3, 4)),
    ], extra_admission_rows=[[None] * 17, ["", "Tổng cộng", None, None, None, None, None, None, None, None, 1]])
    inbox, findings = load(tmp_path)
    totals = [f for f in findings if f.rule == "totals-row"]
    assert len(totals) == 1 and totals[0].row == 6 and totals[0].sheet == "Kết nạp"
    assert len(inbox.admissions) == 1
    tally = next(t for t in inbox.tallies if t.sheet == "Kết nạp")
    assert (tally.counts.read, tally.counts.used, tally.counts.ignored, tally.counts.rejected) == (3, 1, 2, 0)
    assert all(t.counts.balanced for t in inbox.tallies)


def test_lock_files_hidden_and_other_files_are_skipped_and_listed(tmp_path):
    make_ward(tmp_path, Ward(quotas=QUOTAS))
    make_branch(tmp_path, "Chi bộ Tổ dân phố 1")
    (tmp_path / "~$Dang-uy.xlsx").write_bytes(b"lock")
    (tmp_path / ".hidden.xlsx").write_bytes(b"x")
    (tmp_path / "ghi-chu.docx").write_bytes(b"x")
    inbox, findings = load(tmp_path)
    skipped = {f.file for f in findings if f.rule == "skipped-file"}
    assert skipped == {"~$Dang-uy.xlsx", ".hidden.xlsx", "ghi-chu.docx"}
    assert all(f.severity is Severity.INFO for f in findings if f.rule == "skipped-file")
    assert len(inbox.branches) == 1


def test_bad_cells_are_findings_with_file_sheet_row_column_value(tmp_path):
    make_ward(tmp_path, Ward(quotas=QUOTAS))
    make_branch(tmp_path, "Chi bộ Tổ dân phố 1", file="cb1.xlsx", admissions=[
        Admission("Nguyễn Văn An", "31/02/1990", date(2025, 3, 4)),
        Admission("Lê Văn Bình", date(1990, 1, 2), "12/25/2024", class_date=date(2024, 1, 1)),
        Admission("Lê Văn Cường", date(1990, 1, 2), date(2025, 1, 2), gender="Nữ giới"),
    ])
    inbox, findings = load(tmp_path)
    errors = {(f.file, f.sheet, f.row, f.column, f.value) for f in findings.errors}
    assert ("cb1.xlsx", "Kết nạp", 4, "Ngày sinh", "31/02/1990") in errors
    assert ("cb1.xlsx", "Kết nạp", 5, "Ngày kết nạp", "12/25/2024") in errors
    assert ("cb1.xlsx", "Kết nạp", 6, "Giới tính", "Nữ giới") in errors
    assert len(inbox.admissions) == 0
    tally = next(t for t in inbox.tallies if t.sheet == "Kết nạp")
    assert tally.counts.rejected == 3 and tally.counts.balanced


def test_missing_required_column_is_named(tmp_path):
    make_ward(tmp_path, Ward(quotas=QUOTAS))
    headers = [h for h in CANDIDATE_HEADERS if h != "Ngày vào nguồn"]
    wb = Workbook()
    info = wb.active
    info.title = "Thông tin"
    info.append(["Tên chi bộ", "Chi bộ Tổ dân phố 1"])
    info.append(["Loại hình", "Khu dân cư"])
    sheet = wb.create_sheet("Nguồn")
    sheet.append(headers)
    sheet.append([1, "Lê Thị Cúc", date(2000, 1, 1), "Nữ"])
    wb.save(tmp_path / "cb.xlsx")
    inbox, findings = load(tmp_path)
    missing = [f for f in findings.errors if f.rule == "missing-column"]
    assert len(missing) == 1 and missing[0].column == "Ngày vào nguồn" and missing[0].row == 1
    tally = next(t for t in inbox.tallies if t.sheet == "Nguồn")
    assert tally.counts.rejected == 1 and tally.counts.balanced


def test_sheet_names_match_without_diacritics_and_case(tmp_path):
    make_ward(tmp_path, Ward(quotas=QUOTAS))
    path = make_branch(tmp_path, "Chi bộ Tổ dân phố 1",
                       admissions=[Admission("Nguyễn Văn An", date(1990, 1, 2), date(2025, 3, 4))])
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb["Kết nạp"].title = "KET NAP"
    wb["Thông tin"].title = unicodedata.normalize("NFD", "thông tin")
    wb.save(path)
    inbox, findings = load(tmp_path)
    assert not findings.has_errors
    assert len(inbox.admissions) == 1


def test_damaged_file_is_a_finding_not_a_crash(tmp_path):
    make_ward(tmp_path, Ward(quotas=QUOTAS))
    make_branch(tmp_path, "Chi bộ Tổ dân phố 1")
    (tmp_path / "hong.xlsx").write_bytes(b"PK\x03\x04 this is not really a workbook")
    (tmp_path / "mat-khau.xlsx").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600)
    inbox, findings = load(tmp_path)
    bad = {f.file: f.message for f in findings.errors if f.rule == "unreadable-file"}
    assert set(bad) == {"hong.xlsx", "mat-khau.xlsx"}
    assert "mật khẩu" in bad["mat-khau.xlsx"]


def test_two_workbooks_with_the_same_branch_name(tmp_path):
    make_ward(tmp_path, Ward(quotas=QUOTAS))
    make_branch(tmp_path, "Chi bộ Tổ dân phố 1", file="a.xlsx")
    make_branch(tmp_path, "CHI BỘ TỔ DÂN PHỐ 1", file="b.xlsx")
    inbox, findings = load(tmp_path)
    assert [f.file for f in findings.errors if f.rule == "duplicate-branch"] == ["b.xlsx"]


def test_old_excel_and_opendocument_workbooks_are_read(tmp_path):
    """tests/fixtures/cb7.xls and cb7.ods: the same branch saved by LibreOffice in both formats."""
    import shutil

    fixtures = Path(__file__).parent / "fixtures"
    for suffix in ("xls", "ods"):
        folder = tmp_path / suffix
        folder.mkdir()
        make_ward(folder, Ward(quotas=[(2025, "Chi bộ Tổ dân phố 7", 1, 1, 20)]))
        shutil.copy(fixtures / f"cb7.{suffix}", folder)
        inbox, findings = load(folder)
        assert not findings.has_errors, [f.describe() for f in findings]
        assert [b.name for b in inbox.branches] == ["Chi bộ Tổ dân phố 7"]
        got = sorted(zip(inbox.admissions["name"], inbox.admissions["birth"], inbox.admissions["admitted"]))
        assert got == [("Nguyễn Văn An", date(1995, 3, 2), date(2025, 5, 1)),
                       ("Trần Thị Bình", date(1990, 3, 2), date(2024, 5, 1))]
        assert len(inbox.candidates) == 1


def test_year_merged_down_the_quota_sheet_applies_to_every_row(tmp_path):
    from openpyxl import load_workbook

    path = make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ Tổ dân phố 1", 2, 1, 20), (None, "Toàn Đảng bộ", 3, None, 40)]))
    wb = load_workbook(path)
    wb["Chỉ tiêu"].merge_cells("A3:A4")
    wb.save(path)
    make_branch(tmp_path, "Chi bộ Tổ dân phố 1")
    inbox, findings = load(tmp_path)
    assert not findings.has_errors, [f.describe() for f in findings]
    assert sorted(inbox.quotas["year"]) == [2025, 2025]


def test_headers_with_punctuation_and_notes_in_parentheses(tmp_path):
    make_ward(tmp_path, Ward(quotas=QUOTAS))
    headers = list(ADMISSION_HEADERS)
    headers[2] = "Ngày, tháng, năm sinh:"
    headers[3] = "Giới tính (Nam/Nữ)"
    headers[10] = "Đoàn viên (đánh dấu x)"
    headers[12] = "Ngày vào Đảng"
    make_branch(tmp_path, "Chi bộ Tổ dân phố 1", admission_headers=headers,
                admissions=[Admission("Nguyễn Văn An", date(1990, 1, 2), date(2025, 3, 4), youth_union="ĐV")])
    inbox, findings = load(tmp_path)
    assert not findings.has_errors, [f.describe() for f in findings]
    row = inbox.admissions.iloc[0]
    assert row["birth"] == date(1990, 1, 2) and row["admitted"] == date(2025, 3, 4)
    assert row["gender"] == "Nam" and bool(row["youth_union"])


def test_legacy_tcvn3_and_vni_text_is_converted_and_reported(tmp_path):
    from reportgen.intake.legacy import from_unicode

    make_ward(tmp_path, Ward(quotas=QUOTAS + [(2025, "Chi bộ Tổ dân phố 2", 1, 1, 20)]))
    make_branch(tmp_path, from_unicode("Chi bộ Tổ dân phố 1", "TCVN3"), file="tcvn3.xlsx",
                admission_headers=[from_unicode(h, "TCVN3") for h in ADMISSION_HEADERS],
                admissions=[Admission(from_unicode("Nguyễn Văn Tuấn", "TCVN3"), date(1990, 1, 2), date(2025, 3, 4),
                                      occupation=from_unicode("Giáo viên", "TCVN3"))])
    make_branch(tmp_path, "Chi bộ Tổ dân phố 2", file="vni.xlsx",
                admissions=[Admission(from_unicode("Trần Thị Hường", "VNI"), date(1991, 1, 2), date(2025, 3, 4),
                                      gender=from_unicode("Nữ", "VNI"))])
    inbox, findings = load(tmp_path)
    assert not findings.has_errors, [f.describe() for f in findings]
    names = dict(zip(inbox.admissions["branch"], inbox.admissions["name"]))
    assert names == {"Chi bộ Tổ dân phố 1": "Nguyễn Văn Tuấn", "Chi bộ Tổ dân phố 2": "Trần Thị Hường"}
    assert set(inbox.admissions["occupation"]) == {"Giáo viên", "Khác"}
    legacy = {(f.file, f.sheet) for f in findings.warnings if f.rule == "legacy-encoding"}
    assert ("tcvn3.xlsx", "Kết nạp") in legacy and ("vni.xlsx", "Kết nạp") in legacy
    assert any("TCVN3" in f.message for f in findings.warnings if f.file == "tcvn3.xlsx")


def test_a_second_sheet_of_the_same_kind_is_reported_not_read(tmp_path):
    from openpyxl import load_workbook

    make_ward(tmp_path, Ward(quotas=QUOTAS))
    path = make_branch(tmp_path, "Chi bộ Tổ dân phố 1",
                       admissions=[Admission("Nguyễn Văn An", date(1990, 1, 2), date(2025, 3, 4))])
    wb = load_workbook(path)
    copy = wb.copy_worksheet(wb["Kết nạp"])
    copy.title = "KET NAP"
    wb.save(path)
    inbox, findings = load(tmp_path)
    assert len(inbox.admissions) == 1
    assert [(f.sheet, f.rule) for f in findings.warnings] == [("KET NAP", "duplicate-sheet")]


def test_header_and_column_number_rows_repeated_mid_table_are_ignored(tmp_path):
    make_ward(tmp_path, Ward(quotas=QUOTAS))
    numbers = [f"({i})" for i in range(1, 18)]
    make_branch(tmp_path, "Chi bộ Tổ dân phố 1", admissions=[
        Admission("Nguyễn Văn An", date(1990, 1, 2), date(2025, 3, 4)),
    ], extra_admission_rows=[ADMISSION_HEADERS, numbers,
                             Admission("Lê Văn Bình", date(1991, 1, 2), date(2025, 4, 4)).cells()])
    inbox, findings = load(tmp_path)
    assert not findings.has_errors, [f.describe() for f in findings]
    assert len(inbox.admissions) == 2
    assert {f.rule for f in findings if f.severity is Severity.INFO} >= {"repeated-header", "column-numbers"}
    tally = next(t for t in inbox.tallies if t.sheet == "Kết nạp")
    assert (tally.counts.read, tally.counts.used, tally.counts.ignored) == (4, 2, 2)
