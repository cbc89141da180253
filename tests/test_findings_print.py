"""The findings workbook as an office prints it: the cell address, landscape and fit to the
page width with the header repeated and messages wrapped, a sheet by branch, and marked
copies that open on the first sheet with a finding, its tab coloured. Printed through
LibreOffice when it is installed."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import openpyxl
import pytest
from click.testing import CliRunner

from builders import Admission, Candidate, Ward, make_branch, make_ward
from reportgen.cli import main
from reportgen.render.findings_workbook import BY_BRANCH_SHEET, FINDING_COLUMNS, FINDINGS_SHEET


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    base = tmp_path_factory.mktemp("findings")
    inbox, out = base / "in", base / "out"
    inbox.mkdir()
    make_ward(inbox, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 10), (2025, "Chi bộ B", 1, 1, 10),
                                  (2025, "Toàn Đảng bộ", 2, None, 20)]))
    make_branch(inbox, "Chi bộ A", file="a.xlsx", admissions=[
        Admission("Lê Văn An", "30/02/1990", date(2025, 6, 1)),
        Admission("Lê Văn Bình", date(2009, 1, 1), date(2025, 6, 1)),
    ])
    make_branch(inbox, "Chi bộ B", file="b.xlsx", admissions=[Admission("Trần Văn Cường", date(1990, 1, 1),
                                                                        date(2025, 6, 1))],
                candidates=[Candidate("Lê Thị Cúc", date(2000, 1, 1), "12/25/2024")])
    result = CliRunner().invoke(main, ["check", str(inbox), "--out", str(out)])
    assert result.exit_code == 1, result.output
    return base, out


def test_every_finding_gives_its_cell_address(checked):
    _, out = checked
    ws = openpyxl.load_workbook(out / "kiem-tra-du-lieu.xlsx")[FINDINGS_SHEET]
    headers = [c.value for c in ws[1]]
    assert headers == [name for name, _ in FINDING_COLUMNS]
    assert headers.index("Ô") == headers.index("Cột") + 1
    rows = [dict(zip(headers, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]
    bad_date = next(r for r in rows if r["Tệp"] == "a.xlsx" and r["Cột"] == "Ngày sinh")
    assert (bad_date["Dòng"], bad_date["Ô"]) == (4, "C4")
    copy = openpyxl.load_workbook(out / "kiem-tra" / "a.xlsx")
    for r in rows:  # the address points at the cell the marked copy marks
        if r["Tệp"] == "a.xlsx" and r["Ô"] and r["Mức độ"] != "Ghi chú":
            assert copy[r["Sheet"]][r["Ô"]].comment is not None, r


def test_the_findings_sheet_prints_landscape_fit_to_width_with_the_header_repeated(checked):
    _, out = checked
    book = openpyxl.load_workbook(out / "kiem-tra-du-lieu.xlsx")
    for ws in book.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$1:$1"
    ws = book[FINDINGS_SHEET]
    message = [c.value for c in ws[1]].index("Nội dung") + 1
    widths = [ws.column_dimensions[c.column_letter].width for c in ws[1]]
    assert sum(widths) <= 150  # near 100% on a landscape A4 page
    for row in ws.iter_rows(min_row=2):
        cell = row[message - 1]
        assert cell.alignment.wrap_text
        per_line = int(widths[message - 1] * 1.1)
        if len(cell.value) > per_line:  # a long message gets the height of its lines
            assert ws.row_dimensions[cell.row].height >= 15 * (len(cell.value) // per_line + 1)


def test_the_by_branch_sheet_gives_each_branch_its_own_pages(checked):
    _, out = checked
    ws = openpyxl.load_workbook(out / "kiem-tra-du-lieu.xlsx")[BY_BRANCH_SHEET]
    headings = [r[0].value for r in ws.iter_rows(min_row=2) if r[0].value and not isinstance(r[0].value, int)]
    assert "Chi bộ A (tệp a.xlsx)" in headings and "Chi bộ B (tệp b.xlsx)" in headings
    assert len(ws.row_breaks.brk) == len(headings) - 1
    first_b = next(r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == "Chi bộ B (tệp b.xlsx)")
    assert first_b - 1 in [b.id for b in ws.row_breaks.brk]


def test_marked_copies_open_on_the_first_sheet_with_a_finding_tab_coloured(checked):
    _, out = checked
    a = openpyxl.load_workbook(out / "kiem-tra" / "a.xlsx")
    assert a.active.title == "Kết nạp"  # `Thông tin` and `Nguồn` have nothing to fix
    assert a["Kết nạp"].sheet_properties.tabColor.rgb.endswith("C00000")
    assert a["Kết nạp"].sheet_view.selection[0].activeCell == "C4"
    assert [ws.sheet_view.tabSelected for ws in a.worksheets] == [ws.title == "Kết nạp" for ws in a.worksheets]
    assert a["Thông tin"].sheet_properties.tabColor is None
    b = openpyxl.load_workbook(out / "kiem-tra" / "b.xlsx")
    assert b.active.title == "Nguồn"  # the first in tab order with a finding
    assert b["Nguồn"].sheet_properties.tabColor.rgb.endswith("C00000")


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="LibreOffice, poppler")
def test_printed_through_libreoffice_each_sheet_fits_the_page_width(checked, tmp_path):
    _, out = checked
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(out / "kiem-tra-du-lieu.xlsx")],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "kiem-tra-du-lieu.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "841.89 x 595.3" in info  # A4 landscape
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    for name, _ in FINDING_COLUMNS:  # every column on the first page: nothing spilled onto another page
        assert name in first, name
    ws = openpyxl.load_workbook(out / "kiem-tra-du-lieu.xlsx")[FINDINGS_SHEET]
    words = set(first.split())
    for (message,) in ws.iter_rows(min_row=2, min_col=9, max_col=9, values_only=True):
        assert set(message.split()) <= words, message  # the whole message printed, nothing cut off
