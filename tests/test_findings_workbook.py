"""The findings workbook and the marked copies: every finding listed, cells marked,
inputs untouched, row tallies balanced."""

import hashlib
from datetime import date

import openpyxl
from click.testing import CliRunner

from builders import Admission, Candidate, Ward, make_branch, make_ward
from reportgen.cli import main


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_check_writes_findings_workbook_and_marked_copy(tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    make_ward(inbox, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 10), (2025, "Toàn Đảng bộ", 1, None, 10)]))
    source = make_branch(inbox, "Chi bộ A", file="a.xlsx", admissions=[
        Admission("Lê Văn An", "30/02/1990", date(2025, 6, 1)),
        Admission("Lê Văn Bình", date(2009, 1, 1), date(2025, 6, 1)),
        Admission("=HYPERLINK(\"x\")", date(1990, 1, 1), date(2025, 6, 1)),
    ], candidates=[Candidate("Lê Thị Cúc", date(2000, 1, 1), date(2024, 1, 1), status="Chuyển đi")])
    before = digest(source)
    result = CliRunner().invoke(main, ["check", str(inbox), "--out", str(out)])
    assert result.exit_code == 1
    assert "kiem-tra-du-lieu.xlsx" in result.output
    assert digest(source) == before

    book = openpyxl.load_workbook(out / "kiem-tra-du-lieu.xlsx")
    rows = list(book["Lỗi và cảnh báo"].iter_rows(min_row=2, values_only=True))
    listed = {(r[2], r[3], r[4], r[5]) for r in rows if r[1] == "Lỗi"}
    assert ("a.xlsx", "Kết nạp", 4, "Ngày sinh") in listed
    assert ("a.xlsx", "Kết nạp", 5, "Ngày kết nạp") in listed
    assert ("a.xlsx", "Nguồn", 4, "Ngày thay đổi") in listed
    tallies = list(book["Số dòng"].iter_rows(min_row=2, values_only=True))
    assert all(r[2] == r[3] + r[4] + r[5] for r in tallies)
    kn = next(r for r in tallies if r[0] == "a.xlsx" and r[1] == "Kết nạp")
    assert (kn[2], kn[3], kn[5]) == (3, 1, 2)  # a bad date; a formula with no value leaves no name

    copy = openpyxl.load_workbook(out / "kiem-tra" / "a.xlsx")
    ws = copy["Kết nạp"]
    assert ws["C4"].fill.fgColor.rgb.endswith("FFC7CE") and "ngày" in ws["C4"].comment.text
    assert ws["M5"].comment is not None and "18 tuổi" in ws["M5"].comment.text
    assert ws["C6"].comment is None
    assert copy["Nguồn"]["P4"].comment is not None


def test_formula_like_text_is_written_as_text(tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    make_ward(inbox, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 10)]))
    make_branch(inbox, "Chi bộ A", admissions=[Admission("Lê Văn An", "+84 905 123", date(2025, 6, 1))])
    CliRunner().invoke(main, ["check", str(inbox), "--out", str(out)])
    ws = openpyxl.load_workbook(out / "kiem-tra-du-lieu.xlsx")["Lỗi và cảnh báo"]
    cell = next(c for c in ws["H"] if c.value == "+84 905 123")
    assert cell.data_type == "s" and cell.quotePrefix


def test_one_run_reports_damaged_encrypted_and_twenty_findings_in_five_workbooks(tmp_path):
    import shutil
    import subprocess

    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    branches = [f"Chi bộ Tổ dân phố {i}" for i in range(1, 6)]
    make_ward(inbox, Ward(quotas=[(2025, b, 1, 1, 10) for b in branches]))
    for i, branch in enumerate(branches):
        make_branch(inbox, branch, file=f"cb{i}.xlsx", admissions=[
            Admission(f"Lê Văn A{i}", "31/02/1990", date(2025, 6, 1)),  # impossible date
            Admission(f"Lê Văn B{i}", date(2009, 1, 1), date(2025, 6, 1)),  # under 18
            Admission(f"Lê Văn C{i}", date(1990, 1, 1), date(2025, 6, 1), class_date=date(2019, 1, 1)),  # expired
        ], candidates=[Candidate(f"Lê Thị D{i}", date(2000, 1, 1), "12/25/2024")])  # month first
    (inbox / "hong.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    (inbox / "khoa.xlsx").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(2000))
    result = CliRunner().invoke(main, ["check", str(inbox), "--out", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if "[Lỗi]" in line]
    assert len(errors) == 22
    for i in range(5):
        assert f"── cb{i}.xlsx" in result.output
    assert "── hong.xlsx" in result.output and "── khoa.xlsx" in result.output
    rows = list(openpyxl.load_workbook(out / "kiem-tra-du-lieu.xlsx")["Lỗi và cảnh báo"].iter_rows(min_row=2))
    assert len([r for r in rows if r[1].value == "Lỗi"]) == 22
    assert sorted(p.name for p in (out / "kiem-tra").iterdir()) == [f"cb{i}.xlsx" for i in range(5)]
    soffice = shutil.which("soffice")
    if soffice and shutil.which("localc"):  # the findings workbook and a marked copy open in LibreOffice Calc
        for book in (out / "kiem-tra-du-lieu.xlsx", out / "kiem-tra" / "cb0.xlsx"):
            subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo",
                            "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(book)],
                           check=True, capture_output=True, timeout=180)
        assert len(list((tmp_path / "pdf").glob("*.pdf"))) == 2


def test_a_finding_on_a_merged_cell_marks_its_range(tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    make_ward(inbox, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 10)]))
    path = make_branch(inbox, "Chi bộ A", file="a.xlsx", admissions=[
        Admission("Lê Văn An", "30/02/1990", date(2025, 6, 1)), Admission("Lê Văn Bình", None, date(2025, 6, 1))])
    wb = openpyxl.load_workbook(path)
    wb["Kết nạp"].merge_cells("C4:C5")
    wb.save(path)
    result = CliRunner().invoke(main, ["check", str(inbox), "--out", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    ws = openpyxl.load_workbook(out / "kiem-tra" / "a.xlsx")["Kết nạp"]
    assert ws["C4"].comment is not None
